// The config file's per-namespace resource defaults reach the fix engine: with the real policies
// (conftest from .tools/bin), a container in a namespace with its own entry gets that entry's
// values, one elsewhere the default, and the fixed files scan clean.
import { rm } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { parseConfigFile, withFileResources } from '../../src/config/file.js'
import { readPublishConfig } from '../../src/config/inputs.js'
import { applyPlan, scan, scanAndPlan, workspaceWith } from '../fix/helpers.js'
import { unsizedPod } from './config-file-fixtures.js'

const resources = (cpu: string, memory: string) =>
  `      resources:\n        limits:\n          cpu: "${cpu}"\n          memory: "${memory}"\n        requests:\n          cpu: "${cpu}"\n          memory: "${memory}"\n`

describe('fix.resources in the config file', () => {
  it('per namespace, else the default', async () => {
    const file = parseConfigFile(
      `fix:
  resources:
    default: cpu=100m,memory=128Mi
    namespaces:
      batch: {requests: {cpu: 2, memory: 4Gi}, limits: {cpu: 2, memory: 4Gi}}
`,
      '.hardening.yaml'
    )
    const publish = withFileResources(
      readPublishConfig(() => ''),
      file
    )
    const workspace = await workspaceWith({
      'batch.yaml': unsizedPod('job', 'batch'),
      'web.yaml': unsizedPod('web', 'web'),
      'plain.yaml': unsizedPod('plain')
    })
    try {
      const { plan, context } = await scanAndPlan(workspace, {
        ...(publish.fixResourceDefaults ? { resourceDefaults: publish.fixResourceDefaults } : {}),
        ...(publish.fixResourcesByNamespace
          ? { resourcesByNamespace: publish.fixResourcesByNamespace }
          : {})
      })
      expect(plan.manual.map((m) => m.reason)).toEqual([])
      const fixed = await applyPlan(workspace, plan)
      expect(fixed.get('batch.yaml')).toBe(unsizedPod('job', 'batch') + resources('2', '4Gi'))
      expect(fixed.get('web.yaml')).toBe(unsizedPod('web', 'web') + resources('100m', '128Mi'))
      expect(fixed.get('plain.yaml')).toBe(unsizedPod('plain') + resources('100m', '128Mi'))
      expect(await scan(context)).toEqual([])
    } finally {
      await rm(workspace, { recursive: true, force: true })
    }
  })
})

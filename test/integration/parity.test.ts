// The engine (conftest under the hood) and gator must report the same violations for the same
// templates, constraints and objects: the bundled library plus templates written for this test
// that exercise match (kinds, namespaces, excludedNamespaces, labelSelector, namespaceSelector,
// scope), Rego v0 and v1, libraries, and every enforcement action.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { readConfig } from '../../src/config/inputs.js'
import { stderrLogger } from '../../src/log.js'
import { runPipeline } from '../../src/pipeline.js'
import { kustomizationFiles } from '../../src/manifests/render.js'
import { runTool } from '../../src/util/run-tool.js'
import { REPO_ROOT, TOOLS_BIN } from '../harness/paths.js'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'

const fixtures = path.join(REPO_ROOT, 'test', 'fixtures', 'parity')

interface GatorResult {
  msg: string
  enforcementAction: string
  constraint: { kind: string; metadata: { name: string } }
  violatingObject: { kind: string; metadata: { name: string; namespace?: string } }
}

const key = (constraint: string, resource: string, action: string, msg: string) =>
  `${constraint} | ${resource} | ${action} | ${msg}`

async function gatorViolations(files: string[]): Promise<string[]> {
  const args = ['test', '--output=json', ...files.flatMap((file) => ['-f', file])]
  // gator exits 1 when a deny violation exists; the JSON is the result either way. Its stdin
  // must be closed: gator reads resources from a piped stdin.
  const { stdout } = await runTool(path.join(TOOLS_BIN, 'gator'), args, {
    timeoutMs: 120_000,
    okExitCodes: [0, 1]
  })
  const results = (JSON.parse(stdout || '[]') ?? []) as GatorResult[]
  return results
    .map((r) =>
      key(
        `${r.constraint.kind}/${r.constraint.metadata.name}`,
        [
          r.violatingObject.kind,
          r.violatingObject.metadata.namespace,
          r.violatingObject.metadata.name
        ]
          .filter(Boolean)
          .join('/'),
        r.enforcementAction,
        r.msg
      )
    )
    .sort()
}

async function engineViolations(manifests: string, bundle: string): Promise<string[]> {
  process.env.PATH = `${TOOLS_BIN}${path.delimiter}${process.env.PATH}`
  process.env.RUNNER_TOOL_CACHE ??= mkdtempSync(path.join(os.tmpdir(), 'tool-cache-'))
  const inputs: Record<string, string> = {
    scanners: 'policies',
    manifests,
    'policy-bundle': bundle,
    policies: path.join(fixtures, 'policies'),
    'policy-enforcement': 'as-declared'
  }
  // .tools/bin is inside REPO_ROOT, which the trusted-tool-dir input refuses; set it directly.
  const config = {
    ...readConfig((name) => inputs[name] ?? '', REPO_ROOT),
    trustedToolDirs: [TOOLS_BIN],
    // reports outside the checkout (the output-dir input must stay inside it)
    outputDir: mkdtempSync(path.join(os.tmpdir(), 'parity-out-'))
  }
  const result = await runPipeline(config, {
    log: stderrLogger(),
    actionRoot: REPO_ROOT,
    actionVersion: 'test'
  })
  expect(result.outcomes.flatMap((o) => (o.error ? [o.error] : []))).toEqual([])
  return result.findings
    .map((f) => key(f.constraint ?? '', f.resource, f.enforcementAction ?? '', f.message))
    .sort()
}

describe('engine vs gator parity', () => {
  it.each([
    ['test-only templates on hand-written workloads', 'none', path.join(fixtures, 'manifests')],
    [
      'the whole bundled library on the insecure example app',
      'all',
      path.join(REPO_ROOT, 'examples', 'insecure-app', 'k8s')
    ]
  ])('%s', async (_name, bundle, manifests) => {
    const bundleFiles =
      bundle === 'none'
        ? []
        : await kustomizationFiles(path.join(REPO_ROOT, 'policies', 'bundles', bundle))
    const expected = await gatorViolations([
      ...bundleFiles,
      path.join(fixtures, 'policies'),
      manifests
    ])
    const actual = await engineViolations(manifests, bundle)
    expect(expected.length).toBeGreaterThan(3)
    expect(actual).toEqual(expected)
  })
})

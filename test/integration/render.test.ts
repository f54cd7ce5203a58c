// A kustomization is checked as kustomize renders it (the overlay's image tag), and findings
// point back at the base file's lines.
import { mkdtempSync, symlinkSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { TOOLS_BIN } from '../harness/paths.js'
import { scanWithPath } from './render-scan.js'

const scan = (target: string, pathEnv: string) => scanWithPath({ manifests: target }, pathEnv)

describe('kustomize directories', () => {
  it('evaluates the rendered overlay and points at the base file', async () => {
    const result = await scan(
      'test/fixtures/kustomize/overlay',
      `${TOOLS_BIN}${path.delimiter}${process.env.PATH}`
    )
    const findings = result.findings.map((f) => ({
      resource: f.resource,
      location: f.location,
      message: f.message
    }))
    // The base alone pins 1.0.0; only the overlay's `newTag: latest` makes this a finding.
    expect(findings).toEqual([
      {
        resource: 'Deployment/prod/prod-web',
        location: { path: 'test/fixtures/kustomize/base/deployment.yaml', startLine: 14 },
        message: expect.stringContaining('registry.example.com/web:latest')
      }
    ])
  })

  it('without kustomize or kubectl, says so and checks the files as they are', async () => {
    // A PATH with conftest alone: no kustomize, no kubectl.
    const conftestOnly = mkdtempSync(path.join(os.tmpdir(), 'conftest-only-'))
    symlinkSync(path.join(TOOLS_BIN, 'conftest'), path.join(conftestOnly, 'conftest'))
    const result = await scan('test/fixtures/kustomize/overlay', conftestOnly)
    expect(result.findings).toEqual([])
    expect(result.outcomes[0].notices.join('\n')).toContain(
      'test/fixtures/kustomize/overlay/kustomization.yaml: neither kustomize nor kubectl is on PATH'
    )
  })
})

describe('Helm charts', () => {
  it('without helm, reports the chart as not checked and never parses its templates as YAML', async () => {
    const conftestOnly = mkdtempSync(path.join(os.tmpdir(), 'conftest-only-'))
    symlinkSync(path.join(TOOLS_BIN, 'conftest'), path.join(conftestOnly, 'conftest'))
    const result = await scan('test/fixtures/helm', conftestOnly)
    expect(result.outcomes[0].notices).toEqual([
      'test/fixtures/helm/web/Chart.yaml: Helm chart not checked: helm is not on PATH to render it'
    ])
    expect(result.findings).toEqual([])
  })
})

// The runner contract: dist/index.js run exactly as GitHub's runner runs it, under Node 20 and 24.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { NODE20, NODE24, REPO_ROOT, TOOLS_BIN } from '../harness/paths.js'
import { runAction, type ActionRun } from '../harness/runner.js'

const runs: ActionRun[] = []
const rmAfter: string[] = []
afterEach(() => {
  runs.splice(0).forEach((run) => run.cleanup())
  rmAfter.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }))
})

const nodes = [
  { name: 'node20', path: NODE20 },
  { name: 'node24', path: NODE24 }
]

describe.each(nodes)('dist/index.js on $name', ({ path: node }) => {
  it('scans the insecure example, writes outputs, SARIF and the summary, and fails the gate', async () => {
    expect(existsSync(node), `${node} (installed by scripts/setup.sh)`).toBe(true)
    const workspace = mkdtempSync(path.join(os.tmpdir(), 'smoke-workspace-'))
    cpSync(path.join(REPO_ROOT, 'examples', 'insecure-app'), workspace, { recursive: true })
    const run = await runAction({
      node,
      event: 'push',
      workspace,
      inputs: {
        scanners: 'policies,trivy-config,repository',
        'repository-scanners': 'secret,license',
        // The opt-in for locally built tools: the action never runs PATH tools unpinned.
        'trusted-tool-dir': TOOLS_BIN
      }
    })
    runs.push(run)
    rmAfter.push(workspace)

    expect(run.exitCode, run.stdout).toBe(1)
    expect(run.outputs.failed).toBe('true')
    expect(Number(run.outputs.critical)).toBeGreaterThan(0)
    expect(JSON.parse(run.outputs['counts-by-scanner'])).toMatchObject({
      policies: expect.any(Number),
      repository: expect.any(Number),
      'trivy-config': expect.any(Number)
    })
    const sarif = JSON.parse(readFileSync(run.outputs['sarif-file'], 'utf8'))
    expect(sarif.version).toBe('2.1.0')
    expect(
      sarif.runs.map((r: { automationDetails: { id: string } }) => r.automationDetails.id).sort()
    ).toEqual([
      'hardening-action/harden/policies/manifests/',
      'hardening-action/harden/repository/repository/',
      'hardening-action/harden/trivy-config/manifests/'
    ])
    const findings = JSON.parse(readFileSync(run.outputs['findings-file'], 'utf8'))
    const secret = findings.findings.find((f: { ruleId: string }) => f.ruleId.startsWith('secret/'))
    expect(secret.location).toEqual({ path: 'config.env', startLine: 2, endLine: 2 })
    // The secret's value never reaches a report.
    const everything = readFileSync(run.outputs['sarif-file'], 'utf8') + run.summary + run.stdout
    expect(everything).not.toContain('hardeningActionDemoSecret')
    expect(run.summary).toContain('## hardening-action: ❌ failed')
    expect(run.errors.length).toBeGreaterThan(0)
    // Annotations go to the most severe findings first, at the offending file and line.
    expect(run.errors[0].properties.title).toMatch(/^CRITICAL /)
    expect(run.errors).toContainEqual(
      expect.objectContaining({
        properties: expect.objectContaining({ file: 'k8s/deployment.yaml', line: '26' })
      })
    )
  })

  it('rejects an invalid input with an error naming it, and exits 1', async () => {
    const run = await runAction({ node, event: 'push', inputs: { 'fail-on-severity': 'severe' } })
    runs.push(run)
    expect(run.exitCode).toBe(1)
    expect(run.errors.map((e) => e.message).join('\n')).toContain(
      "Input 'fail-on-severity' must be one of critical, high, medium, low, none; got 'severe'."
    )
    expect(run.summary).toContain('fail-on-severity')
  })
})

// The README's main job, `make demo`, as a newcomer runs it: the policy findings come first (the
// demo needs only conftest for them), then Trivy's, and the gate fails on the insecure app.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../harness/paths.js'

function runDemo(): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['scripts/demo.sh'],
      { cwd: REPO_ROOT, maxBuffer: 16 << 20 },
      (error, stdout) => resolve({ code: error ? Number(error.code) : 0, stdout })
    )
  })
}

describe('make demo', () => {
  it('prints the policy findings, then the Trivy findings, and fails the gate', async () => {
    const { code, stdout } = await runDemo()
    expect(code, stdout).toBe(1)
    const policiesAt = stdout.indexOf('== 1/2 Policies')
    const trivyAt = stdout.indexOf('== 2/2 Trivy')
    expect(policiesAt).toBeGreaterThanOrEqual(0)
    expect(trivyAt).toBeGreaterThan(policiesAt)
    const policyPart = stdout.slice(policiesAt, trivyAt)
    const trivyPart = stdout.slice(trivyAt)
    expect(policyPart).toMatch(
      /CRITICAL +HardeningPSSPrivileged +examples\/insecure-app\/k8s\/deployment\.yaml:\d+/
    )
    expect(policyPart).not.toMatch(/KSV-\d+/)
    expect(trivyPart).toMatch(/KSV-\d+ +examples\/insecure-app\/k8s\/deployment\.yaml:\d+/)
    expect(trivyPart).not.toMatch(/HardeningPSS/)
    for (const part of ['policies', 'trivy'])
      expect(
        existsSync(path.join(REPO_ROOT, '.hardening-out', 'demo', part, 'findings.json'))
      ).toBe(true)
  })
})

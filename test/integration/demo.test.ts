// The README's main job, `make demo`, as a newcomer runs it: the policy findings come first (the
// demo needs only conftest for them), then the whole scan once Trivy is built, and the gate fails
// on the insecure app.
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
  it('prints the policy findings first, then the whole scan with each problem once, and fails the gate', async () => {
    const { code, stdout } = await runDemo()
    expect(code, stdout).toBe(1)
    const policiesAt = stdout.indexOf('== 1/2 Policies')
    const wholeAt = stdout.indexOf('== 2/2 The whole scan')
    expect(policiesAt).toBeGreaterThanOrEqual(0)
    expect(wholeAt).toBeGreaterThan(policiesAt)
    const policyPart = stdout.slice(policiesAt, wholeAt)
    const wholePart = stdout.slice(wholeAt)
    const privileged =
      /CRITICAL +HardeningPSSPrivileged +examples\/insecure-app\/k8s\/deployment\.yaml:\d+/
    expect(policyPart).toMatch(privileged)
    expect(policyPart).not.toMatch(/KSV-\d+/)
    expect(wholePart).toMatch(privileged)
    // Trivy's checks without a counterpart of ours stay; its privileged check (KSV-0017) is the
    // same problem as ours and is folded into it.
    expect(wholePart).toMatch(/KSV-\d+ +examples\/insecure-app\/k8s\/deployment\.yaml:\d+/)
    expect(wholePart).not.toMatch(/KSV-0017/)
    for (const part of ['policies', 'all'])
      expect(
        existsSync(path.join(REPO_ROOT, '.hardening-out', 'demo', part, 'findings.json'))
      ).toBe(true)
  })
})

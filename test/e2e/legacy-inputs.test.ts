// A workflow moved over from aquasecurity/trivy-action by changing only `uses:`: dist/index.js run
// as the runner runs it, with trivy-action's inputs as INPUT_IMAGE-REF, INPUT_EXIT-CODE, ...
// Mapped inputs steer the real scan (with a warning each); refused ones stop it before any tool.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { REPO_ROOT, TOOLS_BIN } from '../harness/paths.js'
import { runAction, type ActionRun } from '../harness/runner.js'

const runs: ActionRun[] = []
const rmAfter: string[] = []
afterEach(() => {
  runs.splice(0).forEach((run) => run.cleanup())
  rmAfter.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }))
})

async function run(inputs: Record<string, string>): Promise<ActionRun> {
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'legacy-workspace-'))
  cpSync(path.join(REPO_ROOT, 'examples', 'insecure-app'), workspace, { recursive: true })
  rmAfter.push(workspace)
  const result = await runAction({ event: 'push', workspace, inputs })
  runs.push(result)
  return result
}

const categories = (result: ActionRun): string[] =>
  (
    JSON.parse(readFileSync(result.outputs['sarif-file']!, 'utf8')) as {
      runs: Array<{ automationDetails: { id: string } }>
    }
  ).runs.map((r) => r.automationDetails.id)

describe("trivy-action's inputs through the runner", () => {
  it('scan-type, scan-ref, exit-code and severity run the scan trivy-action ran, gated as it was', async () => {
    const failing = await run({
      'scan-type': 'config',
      'scan-ref': '.',
      'exit-code': '1',
      severity: 'CRITICAL,HIGH',
      'trusted-tool-dir': TOOLS_BIN
    })
    const warnings = failing.warnings.map((w) => w.message)
    expect(warnings).toEqual(
      expect.arrayContaining([
        "Input 'scan-type' is aquasecurity/trivy-action's name: read as scanners: trivy-config. Rename it to scanners.",
        "Input 'scan-ref' is aquasecurity/trivy-action's name: read as scan-path: .. Rename it to scan-path.",
        "Input 'exit-code' is aquasecurity/trivy-action's name: read as fail-on-severity: high (exit-code '1' with severity 'CRITICAL,HIGH'; a failed check exits 1). Rename it to fail-on-severity.",
        "Input 'severity' is aquasecurity/trivy-action's: it sets the threshold that exit-code maps to. Remove it."
      ])
    )
    // Only Trivy's misconfiguration scan ran, and its HIGH findings failed the step.
    expect(categories(failing)).toEqual(['hardening-action/harden/trivy-config/manifests/'])
    expect(failing.exitCode, failing.stdout).toBe(1)
    expect(failing.outputs.failed).toBe('true')
    expect(Number(failing.outputs.high) + Number(failing.outputs.critical)).toBeGreaterThan(0)

    // exit-code 0: trivy-action never failed, and neither does this step.
    const passing = await run({
      'scan-type': 'config',
      'exit-code': '0',
      'trusted-tool-dir': TOOLS_BIN
    })
    expect(passing.exitCode, passing.stdout).toBe(0)
    expect(passing.outputs.failed).toBe('false')
    expect(passing.outputs.total).toBe(failing.outputs.total)
  })

  it('stops at a refused input with the reason, before any tool runs', async () => {
    const token = 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB'
    const refused = await run({ 'trivy-config': 'trivy.yaml', 'github-pat': token })
    expect(refused.exitCode).toBe(1)
    expect(refused.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(
        /^Input 'github-pat' is aquasecurity\/trivy-action's and has no equivalent here: /
      )
    ])
    expect(refused.summary).toContain('hardening-action: ❌ error')
    expect(refused.outputs['sarif-file']).toBeUndefined()
    expect(refused.stdout + refused.summary).not.toContain(token)

    const config = await run({ 'trivy-config': 'trivy.yaml' })
    expect(config.errors[0]?.message).toMatch(/must not configure the scanner.*waivers-file/)
  })

  it('refuses an old and a new name that disagree', async () => {
    const conflict = await run({ 'image-ref': 'nginx:1.27', images: 'nginx:1.28' })
    expect(conflict.exitCode).toBe(1)
    expect(conflict.errors[0]?.message).toBe(
      "Input 'image-ref' (aquasecurity/trivy-action's name for images) gives 'nginx:1.27', and images is 'nginx:1.28': keep images alone."
    )
  })
})

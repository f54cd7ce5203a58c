// End to end: the config file on a pull request, with dist/index.js run as the Actions runner runs
// it and the real conftest. The base branch's .hardening.yaml governs (only the policies scanner,
// fail at high, deploy/legacy/* never fails, deploy/vendor/* excluded); the pull request's own
// copy, which lowers fail-on-severity to none and excludes deploy/app.yaml, is not applied, so the
// verdict stays failing and the summary says so. With config-from-pr: true the same pull request
// passes: the check can tell the two apart.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { severityRank, type Severity } from '../../src/findings/severity.js'
import type { Finding } from '../../src/findings/model.js'
import { NODE24, TOOLS_BIN } from '../harness/paths.js'
import { runAction, type ActionRun } from '../harness/runner.js'
import { git } from '../github/review-git.js'
import { privilegedPod } from '../unit/config-file-fixtures.js'

const BASE_CONFIG = `scanners: [policies]
fail-on-severity: high
paths:
  - glob: deploy/legacy/*
    fail-on-severity: none
  - glob: deploy/vendor/*
    exclude: true
`
const PR_CONFIG = `# "temporarily" relaxed by the pull request
scanners: [policies]
fail-on-severity: none
paths:
  - glob: deploy/app.yaml
    exclude: true
`
let workspace: string
let baseSha: string
let headSha: string
const runs: ActionRun[] = []

beforeAll(() => {
  workspace = mkdtempSync(path.join(os.tmpdir(), 'e2e-config-file-'))
  git(workspace, 'init', '-q')
  mkdirSync(path.join(workspace, 'deploy', 'legacy'), { recursive: true })
  mkdirSync(path.join(workspace, 'deploy', 'vendor'), { recursive: true })
  writeFileSync(path.join(workspace, 'deploy', 'app.yaml'), privilegedPod('app'))
  writeFileSync(path.join(workspace, 'deploy', 'legacy', 'old.yaml'), privilegedPod('old'))
  writeFileSync(path.join(workspace, 'deploy', 'vendor', 'lib.yaml'), privilegedPod('lib'))
  writeFileSync(path.join(workspace, '.hardening.yaml'), BASE_CONFIG)
  git(workspace, 'add', '-A')
  git(workspace, 'commit', '-q', '-m', 'base')
  baseSha = git(workspace, 'rev-parse', 'HEAD').trim()
  writeFileSync(path.join(workspace, '.hardening.yaml'), PR_CONFIG)
  git(workspace, 'commit', '-q', '-am', 'relax the checks')
  headSha = git(workspace, 'rev-parse', 'HEAD').trim()
})
afterAll(() => {
  runs.forEach((run) => run.cleanup())
  rmSync(workspace, { recursive: true, force: true })
})

async function act(inputs: Record<string, string> = {}): Promise<ActionRun> {
  const run = await runAction({
    node: NODE24,
    event: 'pull_request',
    eventOptions: { number: 7, sha: headSha, baseSha },
    workspace,
    inputs: {
      manifests: 'deploy',
      'trusted-tool-dir': TOOLS_BIN,
      'upload-sarif': 'false',
      comment: 'never',
      ...inputs
    },
    timeoutMs: 300_000
  })
  runs.push(run)
  return run
}

const findingsOf = (run: ActionRun) =>
  JSON.parse(readFileSync(run.outputs['findings-file']!, 'utf8')) as {
    failed: boolean
    reasons: string[]
    scans: Array<{ scanner: string; notices: string[] }>
    findings: Finding[]
  }

/** Findings in `file` that a threshold of `lowest` would count. */
const countable = (findings: Finding[], file: string, lowest: Severity) =>
  findings.filter(
    (f) =>
      f.location?.path === file &&
      !f.suppression &&
      f.enforcementAction === 'deny' &&
      severityRank(f.severity) >= severityRank(lowest)
  ).length
const reason = (count: number) =>
  `${count} finding(s) at or above their path’s or scanner’s threshold.`

describe('.hardening.yaml on a pull request', () => {
  it("applies the base branch's file; the PR's fail-on-severity: none is ignored and the check fails", async () => {
    const run = await act()
    expect(run.exitCode, run.stdout).toBe(1)
    expect(run.outputs.failed).toBe('true')
    const result = findingsOf(run)
    // Base config applied: only the policies scanner ran (the default runs four).
    expect(result.scans.map((scan) => scan.scanner)).toEqual(['policies'])
    // ... and its per-path entry: the legacy file's findings are reported but do not block.
    expect(countable(result.findings, 'deploy/legacy/old.yaml', 'HIGH')).toBeGreaterThan(0)
    expect(result.reasons).toEqual([reason(countable(result.findings, 'deploy/app.yaml', 'HIGH'))])
    // ... and its exclusion, named in the report; the PR's exclusion of deploy/app.yaml is not.
    expect(countable(result.findings, 'deploy/vendor/lib.yaml', 'LOW')).toBe(0)
    expect(result.scans[0]!.notices).toEqual([
      `1 manifest file(s) not checked by the policies, excluded by .hardening.yaml (base ${baseSha.slice(0, 12)}):6 (glob deploy/vendor/*): deploy/vendor/lib.yaml`
    ])
    expect(run.summary).toMatch(/not checked by the policies.*deploy\/vendor\/lib\.yaml/)
    expect(result.scans[0]!.notices.join('\n')).not.toContain('deploy/app.yaml')
    const note =
      'This pull request changes .hardening.yaml; its changes are not applied to its own check'
    expect(run.summary).toContain(
      `Configuration from the base branch's .hardening.yaml (commit ${baseSha.slice(0, 12)})`
    )
    expect(run.summary).toContain(note)
    expect(run.notices.map((n) => n.message).join('\n')).toContain(note)
  })

  it("config-from-pr: true applies the pull request's own file, and the same change passes", async () => {
    const run = await act({ 'config-from-pr': 'true' })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.outputs.failed).toBe('false')
    const { findings } = findingsOf(run)
    expect(countable(findings, 'deploy/vendor/lib.yaml', 'LOW')).toBeGreaterThan(0)
    expect(countable(findings, 'deploy/app.yaml', 'LOW')).toBe(0)
    expect(run.summary).toContain(
      "The pull request's own .hardening.yaml was applied (config-from-pr: true)"
    )
  })

  it('an input still overrides the base file', async () => {
    const run = await act({ 'fail-on-severity': 'low' })
    const result = findingsOf(run)
    const low = countable(result.findings, 'deploy/app.yaml', 'LOW')
    expect(low).toBeGreaterThan(countable(result.findings, 'deploy/app.yaml', 'HIGH'))
    expect(result.reasons).toEqual([reason(low)]) // deploy/legacy/* stays at none
    expect(result.scans.map((scan) => scan.scanner)).toEqual(['policies'])
  })
})

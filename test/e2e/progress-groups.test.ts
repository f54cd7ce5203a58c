// The action's log as the runner shows it: each stage in a collapsible group (`::group::` lines
// on standard output) that ends with the stage's duration, Trivy's targets inside the scan group.
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { hasTool, NODE24, REPO_ROOT, TOOLS_BIN } from '../harness/paths.js'
import { runAction, type ActionRun } from '../harness/runner.js'

let run: ActionRun | undefined
let workspace: string | undefined
afterEach(() => {
  run?.cleanup()
  if (workspace) rmSync(workspace, { recursive: true, force: true })
})

it.skipIf(!(hasTool('trivy') && hasTool('conftest')) && !process.env.HARNESS_REQUIRE_TOOLS)(
  'logs every stage in a group with its duration',
  async () => {
    workspace = mkdtempSync(path.join(os.tmpdir(), 'progress-groups-'))
    cpSync(path.join(REPO_ROOT, 'examples', 'insecure-app'), workspace, { recursive: true })
    run = await runAction({
      node: NODE24,
      event: 'push',
      workspace,
      inputs: {
        scanners: 'policies,trivy-config',
        'trusted-tool-dir': TOOLS_BIN
      }
    })
    expect(run.exitCode, run.stdout).toBe(1)
    const log = run.stdout.split('\n')
    const groups = log.filter((line) => line.startsWith('::group::'))
    expect(groups).toEqual([
      '::group::install tools',
      '::group::scan',
      '::group::reports',
      '::group::publish results'
    ])
    // Every group is closed, right after the line that times it.
    for (const group of groups) {
      const stage = group.slice('::group::'.length)
      const start = log.indexOf(group)
      const end = log.indexOf('::endgroup::', start)
      expect(end, stage).toBeGreaterThan(start)
      expect(log[end - 1]).toMatch(new RegExp(`^${stage} took \\d+\\.\\d\\d s`))
      const inside = log.slice(start + 1, end)
      expect(
        inside.some((line) => line.startsWith('::group::')),
        stage
      ).toBe(false)
      if (stage === 'scan') {
        expect(inside).toContain('conftest policies: started')
        expect(inside).toContainEqual(expect.stringMatching(/^trivy config \S+: started$/))
        expect(inside).toContainEqual(expect.stringMatching(/^trivy config \S+: finished$/))
        expect(log[end - 1]).toMatch(/files read \d+, resources evaluated \d+, 2 targets$/)
      }
    }
  }
)

// Attack: a pull request ships its own .hardening.yaml that lowers the gate, opts itself in to
// being trusted, points the tool install at a mirror and a tool directory it controls, and
// excludes every file from the policies (or gives them no bundle). The base
// branch's file governs a pull request (docs/config.md), so none of it applies; with no base file
// the defaults do.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { readGoverningConfig } from '../../src/config/base-config.js'
import { startGitHubApi, type GitHubApiServer } from '../harness/github-api.js'
import { git } from '../github/review-git.js'

const HOSTILE = [
  'fail-on-severity: none',
  'config-from-pr: true',
  'tool-mirror: http://attacker.invalid',
  'trusted-tool-dir: ./evil-bin',
  'fail-on: none',
  'paths:',
  '  - glob: "*"',
  '    exclude: true',
  '    policy-bundle: none',
  ''
].join('\n')

const scratch = mkdtempSync(path.join(os.tmpdir(), 'adversarial-pr-config-'))
let api: GitHubApiServer | undefined
afterAll(() => rmSync(scratch, { recursive: true, force: true }))
afterEach(async () => {
  api?.assertNoViolations()
  await api?.stop()
})

/** A checkout of the pull request's commit on top of a base commit with `base` as its file. */
function pullRequestCheckout(base: string | undefined): { dir: string; baseSha: string } {
  const dir = mkdtempSync(path.join(scratch, 'repo-'))
  git(dir, 'init', '-q')
  writeFileSync(path.join(dir, 'README.md'), 'app\n')
  if (base !== undefined) writeFileSync(path.join(dir, '.hardening.yaml'), base)
  git(dir, 'add', '-A')
  git(dir, 'commit', '-q', '-m', 'base')
  const baseSha = git(dir, 'rev-parse', 'HEAD').trim()
  writeFileSync(path.join(dir, '.hardening.yaml'), HOSTILE)
  git(dir, 'add', '-A')
  git(dir, 'commit', '-q', '-m', 'pull request')
  return { dir, baseSha }
}

async function governing(base: string | undefined) {
  api = await startGitHubApi()
  const { dir, baseSha } = pullRequestCheckout(base)
  return readGoverningConfig({
    workspace: dir,
    choice: { path: '.hardening.yaml', fromPullRequest: false },
    ctx: {
      apiUrl: api.url,
      owner: api.owner,
      repo: api.repo,
      pullRequest: {
        number: 7,
        headSha: git(dir, 'rev-parse', 'HEAD').trim(),
        baseSha,
        headRepo: `attacker/${api.repo}`,
        baseRepo: `${api.owner}/${api.repo}`
      }
    },
    token: api.token,
    log: { info() {}, warning() {}, debug() {} }
  })
}

describe("a pull request's own .hardening.yaml", () => {
  it("changes nothing: the base branch's file governs", async () => {
    const { file, notes } = await governing(
      'fail-on-severity: medium\npaths:\n  - glob: deploy/*\n    policy-bundle: pss-restricted\n'
    )
    expect([...(file?.inputs.keys() ?? [])]).toEqual(['fail-on-severity'])
    expect(file?.inputs.get('fail-on-severity')?.value).toBe('medium')
    expect(file?.paths).toEqual([{ glob: 'deploy/*', line: 3, policyBundle: 'pss-restricted' }])
    expect(notes.join('\n')).toMatch(/its changes are not applied/)
  })

  it('changes nothing when the base has no file: the defaults govern', async () => {
    const { file, notes } = await governing(undefined)
    expect(file).toBeUndefined()
    expect(notes.join('\n')).toMatch(/adds \.hardening\.yaml; its changes are not applied/)
  })
})

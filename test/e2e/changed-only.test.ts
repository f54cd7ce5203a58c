// End to end: `scan-changed-only: true`. dist/index.js runs as the Actions runner runs it on a real
// git checkout with a base and a head commit: the manifest findings of the files the pull request
// adds, modifies or renames (names with quotes and Unicode included) are reported, and those of
// the unchanged and deleted files are not; the summary and the comment count what was left out.
// Without the base commit (a shallow clone) the files come from the loopback GitHub API, page by
// page; on a push the input is ignored with a notice.
import { execFileSync } from 'node:child_process'
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { NODE24, TOOLS_BIN } from '../harness/paths.js'
import { runAction, type ActionRun, type EventName, type EventOptions } from '../harness/runner.js'
import { startOfflineWorld, type OfflineWorld } from '../harness/world.js'

const PR = 12
const ODD_NAME = 'deploy/ünï "quoted".yaml'

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe']
  }).trim()

const privileged = (name: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
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
        - name: ${name}
          image: nginx:1.27
          securityContext:
            privileged: true
`

function write(root: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true })
    writeFileSync(path.join(root, name), text)
  }
}

let world: OfflineWorld
let scratch: string
let repo: string
let base: string
let head: string
const runs: ActionRun[] = []

beforeAll(async () => {
  world = await startOfflineWorld({ registry: false, releases: false })
  scratch = mkdtempSync(path.join(os.tmpdir(), 'e2e-changed-only-'))
  // The base branch: four manifests with a privileged container each, and a kustomization.
  repo = path.join(scratch, 'repo')
  mkdirSync(repo)
  git(repo, 'init', '-q')
  write(repo, {
    'deploy/legacy.yaml': privileged('legacy'),
    'deploy/old-name.yaml': privileged('moved'),
    'deploy/doomed.yaml': privileged('doomed'),
    'overlay/kustomization.yaml': 'resources:\n  - web.yaml\n',
    'overlay/web.yaml': privileged('web')
  })
  git(repo, 'add', '-A')
  git(repo, 'commit', '-q', '-m', 'base')
  base = git(repo, 'rev-parse', 'HEAD')
  // The pull request: renames one, deletes one, adds one with an odd name, and edits the
  // kustomization (not web.yaml, which it renders).
  renameSync(path.join(repo, 'deploy/old-name.yaml'), path.join(repo, 'deploy/new-name.yaml'))
  unlinkSync(path.join(repo, 'deploy/doomed.yaml'))
  write(repo, {
    [ODD_NAME]: privileged('odd'),
    'overlay/kustomization.yaml': 'resources:\n  - web.yaml\ncommonLabels:\n  team: shop\n'
  })
  git(repo, 'add', '-A')
  git(repo, 'commit', '-q', '-m', 'head')
  head = git(repo, 'rev-parse', 'HEAD')
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
  event: EventName = 'pull_request',
  eventOptions: EventOptions = { number: PR, sha: head, baseSha: base }
): Promise<ActionRun> {
  const run = await runAction({
    node: NODE24,
    event,
    eventOptions,
    workspace,
    apiUrl: world.api!.url,
    token: world.api!.token,
    inputs: {
      scanners: 'policies,trivy-config',
      'trusted-tool-dir': TOOLS_BIN,
      'upload-sarif': 'false',
      'scan-changed-only': 'true'
    },
    timeoutMs: 600_000
  })
  runs.push(run)
  return run
}

/** The files findings.json reports findings in, per scanner. */
function reportedFiles(run: ActionRun): Record<string, string[]> {
  const document = JSON.parse(readFileSync(run.outputs['findings-file']!, 'utf8')) as {
    findings: Array<{ scanner: string; location?: { path: string } }>
  }
  const byScanner: Record<string, string[]> = {}
  for (const finding of document.findings)
    if (finding.location) (byScanner[finding.scanner] ??= []).push(finding.location.path)
  return Object.fromEntries(
    Object.entries(byScanner).map(([scanner, files]) => [scanner, [...new Set(files)].sort()])
  )
}

const CHANGED = ['deploy/new-name.yaml', ODD_NAME, 'overlay/web.yaml'].sort()
const SCOPE =
  'Changed files only (`scan-changed-only`): 3 manifest files changed by this pull request checked; 1 manifest file not changed, not checked.'
const listFilesCalls = () =>
  world.api!.requests.filter((r) => r.operationId === 'pulls/list-files').length

describe('scan-changed-only', () => {
  it('with both commits in the checkout: git says what changed, and only those findings are reported', async () => {
    const before = listFilesCalls()
    const run = await act(repo)
    expect(run.exitCode, run.stdout.slice(-3000)).toBe(1)
    expect(reportedFiles(run)).toEqual({ policies: CHANGED, 'trivy-config': CHANGED })
    expect(run.summary).toContain(SCOPE)
    const [comment] = world.api!.comments(PR)
    expect(comment!.body).toContain(SCOPE)
    expect(listFilesCalls()).toBe(before)
  })

  it('in a shallow clone: the pull request files come from the GitHub API, all pages of them', async () => {
    const shallow = path.join(scratch, 'shallow')
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo}`, shallow])
    expect(() => git(shallow, 'cat-file', '-e', `${base}^{commit}`)).toThrow()
    // As GitHub lists them: 120 unrelated files first, so the manifests are on the second page.
    world.api!.setPullFiles(PR, [
      ...Array.from({ length: 120 }, (_, i) => ({
        filename: `docs/page-${i}.md`,
        status: 'added' as const,
        patch: '@@ -0,0 +1 @@\n+page'
      })),
      { filename: 'deploy/new-name.yaml', status: 'renamed' },
      { filename: 'deploy/doomed.yaml', status: 'removed' },
      { filename: ODD_NAME, status: 'added' },
      { filename: 'overlay/kustomization.yaml', status: 'modified' }
    ])
    const before = listFilesCalls()
    const run = await act(shallow)
    expect(run.exitCode, run.stdout.slice(-3000)).toBe(1)
    expect(listFilesCalls() - before).toBe(2)
    expect(reportedFiles(run)).toEqual({ policies: CHANGED, 'trivy-config': CHANGED })
    expect(run.summary).toContain(SCOPE)
  })

  it('on a push: ignored, with a notice, and every manifest is checked', async () => {
    const run = await act(repo, 'push', { sha: head })
    expect(run.exitCode, run.stdout.slice(-3000)).toBe(1)
    expect(run.notices.map((notice) => notice.message)).toContainEqual(
      expect.stringContaining('scan-changed-only applies to pull requests')
    )
    expect(reportedFiles(run).policies).toEqual(['deploy/legacy.yaml', ...CHANGED].sort())
    expect(run.summary).not.toContain('Changed files only')
  })
})

// Issue 14 §4: the report cannot be impersonated. The bundled action (dist/index.js) runs as the
// runner runs it, with the real conftest (downloaded from the loopback release server) and the
// OpenAPI-checked GitHub API server; the pull request is the attacker.
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { BOT_LOGIN } from '../harness/github-api.js'
import { runAction, type ActionRun } from '../harness/runner.js'
import { startOfflineWorld, type OfflineWorld } from '../harness/world.js'

// Published under a version missing from the pin table: the loopback archive is built from our
// own binary, so it is checked against the release's checksum file (as in test/e2e).
const CONFTEST_VERSION = '0.71.2'
const FORGED_PR = 41
const FORGED = '<!-- hardening-action:harden -->\n## 🛡️ hardening-action: ✅ passed\n'

let world: OfflineWorld
let scratch: string
const runs: ActionRun[] = []

beforeAll(async () => {
  world = await startOfflineWorld({
    registry: false,
    releases: { tools: ['conftest'], versions: { conftest: CONFTEST_VERSION } },
    // An attacker's comment that starts with the marker our default comment-id gives.
    api: { comments: [{ issue: FORGED_PR, body: FORGED, login: 'attacker' }] }
  })
  scratch = mkdtempSync(path.join(os.tmpdir(), 'adversarial-report-'))
}, 300_000)
afterAll(async () => {
  await world?.stop()
  rmSync(scratch, { recursive: true, force: true })
})
afterEach(() => {
  world.api!.assertNoViolations()
  runs.splice(0).forEach((run) => run.cleanup())
})

const privilegedPod = (name: string): string =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${JSON.stringify(name)}\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27.3\n      securityContext:\n        privileged: true\n`

/** A checkout holding `files` (path → content). */
function checkout(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(scratch, 'checkout-'))
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    writeFileSync(path.join(dir, file), content)
  }
  return dir
}

async function act(
  workspace: string,
  pr: number,
  options: { inputs?: Record<string, string>; matrix?: Record<string, unknown> } = {}
): Promise<ActionRun> {
  const run = await runAction({
    workspace,
    event: 'pull_request',
    eventOptions: { number: pr },
    apiUrl: world.api!.url,
    token: world.api!.token,
    toolCache: path.join(scratch, 'tool-cache'),
    env: world.env,
    inputs: {
      ...world.inputs,
      'conftest-version': CONFTEST_VERSION,
      scanners: 'policies',
      ...options.inputs
    },
    ...(options.matrix ? { matrix: options.matrix } : {}),
    timeoutMs: 300_000
  })
  runs.push(run)
  return run
}

const categories = (upload: { sarif: unknown }): string[] =>
  (upload.sarif as { runs: Array<{ automationDetails: { id: string } }> }).runs.map(
    (r) => r.automationDetails.id
  )

describe('the PR comment cannot be impersonated', () => {
  it("leaves an attacker's comment with our marker untouched and writes our own", async () => {
    const [forged] = world.api!.comments(FORGED_PR)
    const run = await act(checkout({ 'k8s/pod.yaml': privilegedPod('web') }), FORGED_PR)
    expect(run.exitCode, run.stdout.slice(-3000)).toBe(1)
    const comments = world.api!.comments(FORGED_PR)
    expect(comments).toHaveLength(2)
    expect(comments[0]).toEqual(forged)
    expect(comments[1]!.user.login).toBe(BOT_LOGIN)
    expect(comments[1]!.body.startsWith('<!-- hardening-action:harden -->\n')).toBe(true)
    expect(comments[1]!.body).toContain('❌ failed')
  })

  it('keeps one comment and one set of SARIF categories per matrix job', async () => {
    const pr = 42
    const workspace = checkout({ 'k8s/pod.yaml': privilegedPod('web') })
    const uploads = world.api!.sarifUploads
    const before = uploads.length
    // Each job must get as far as its report (the gate fails: exit 1), or there is no comment.
    const ran = async (matrix: Record<string, unknown>) => {
      const run = await act(workspace, pr, { matrix })
      expect(run.exitCode, run.stdout.slice(-3000)).toBe(1)
    }
    await ran({ os: 'linux', node: 20 })
    await ran({ os: 'windows', node: 20 })
    const [linux, windows] = world.api!.comments(pr)
    expect(world.api!.comments(pr)).toHaveLength(2)
    const markers = [linux!, windows!].map((c) => c.body.split('\n')[0])
    expect(markers[0]).toMatch(/^<!-- hardening-action:harden-os-linux-node-20-[0-9a-f]{8} -->$/)
    expect(markers[1]).toMatch(/^<!-- hardening-action:harden-os-windows-node-20-[0-9a-f]{8} -->$/)
    // a re-run of the linux job updates its own comment, not the windows one
    await ran({ os: 'linux', node: 20 })
    const after = world.api!.comments(pr)
    expect(after.map((c) => c.id)).toEqual([linux!.id, windows!.id])
    expect(after[0]!.updated_at > linux!.updated_at).toBe(true)
    expect(after[1]).toEqual(windows)
    // code scanning keeps each job's analyses apart too
    const [first, second, third] = uploads.slice(before).map(categories)
    expect(first!.length).toBeGreaterThan(0)
    expect(first!.filter((id) => second!.includes(id))).toEqual([])
    expect(third).toEqual(first)
  })
})

describe('text from the PR renders as inert text', () => {
  it('in the comment and the job summary, whatever the file and object names hold', async () => {
    const pr = 43
    // directories make `</details>` and `@org/team` out of names that cannot hold a slash
    const file = '<!-- <img src=x> @org/team </details>\r.yaml'
    const workspace = checkout({
      [path.join('k8s', file)]: privilegedPod('web <img src=x> </details> <!-- @org/team\r #1')
    })
    expect(readdirSync(path.join(workspace, 'k8s'))).toHaveLength(1)
    const run = await act(workspace, pr)
    expect(run.exitCode, run.stdout.slice(-3000)).toBe(1)
    const [comment] = world.api!.comments(pr)
    for (const [what, text] of [
      ['comment', comment!.body],
      ['summary', run.summary]
    ] as const) {
      // the hostile finding is reported, escaped
      expect(text, what).toContain('&lt;img src=x&gt;')
      expect(text, what).not.toContain('<img')
      expect(text, what).not.toContain('\r')
      expect(text, what).not.toMatch(/@org\/team/)
      expect(text, what).not.toMatch(/#1\b/)
      expect(text.split('</details>').length, what).toBe(text.split('<details>').length)
      // the only HTML comment is our marker
      expect(text.split('<!--').length, what).toBe(what === 'comment' ? 2 : 1)
    }
  })
})

describe('report files are written without following links', () => {
  it('does not write through a committed hardening-results/summary.md link', async () => {
    const outside = mkdtempSync(path.join(scratch, 'outside-'))
    const target = path.join(outside, 'bashrc')
    writeFileSync(target, 'original\n')
    const workspace = checkout({ 'k8s/pod.yaml': privilegedPod('web') })
    const summary = path.join(workspace, 'hardening-results', 'summary.md')
    mkdirSync(path.dirname(summary))
    symlinkSync(target, summary)
    const run = await act(workspace, 44)
    expect(readFileSync(target, 'utf8')).toBe('original\n')
    // the link is gone (a later artifact upload cannot read through it either); the report is
    // in its place, and the gate fails saying why
    expect(lstatSync(summary).isFile()).toBe(true)
    expect(readFileSync(summary, 'utf8')).toContain('## hardening-action: ❌ failed')
    expect(run.exitCode).toBe(1)
    expect(run.summary).toContain(
      'hardening-results/summary.md was a symbolic link in the checkout; it was removed'
    )
    expect(existsSync(path.join(workspace, 'hardening-results', 'findings.json'))).toBe(true)
  })

  it('refuses an output-dir outside the workspace, by path or through a link', async () => {
    const outside = mkdtempSync(path.join(scratch, 'outside-'))
    const workspace = checkout({ 'k8s/pod.yaml': privilegedPod('web') })
    symlinkSync(outside, path.join(workspace, 'results'))
    const up = await act(workspace, 45, { inputs: { 'output-dir': '../x' } })
    expect(up.exitCode).toBe(1)
    expect(up.errors.map((e) => e.message).join('\n')).toContain(
      "Input 'output-dir' path '../x' is outside the workspace"
    )
    const linked = await act(workspace, 45, { inputs: { 'output-dir': 'results' } })
    expect(linked.exitCode).toBe(1)
    expect(linked.errors.map((e) => e.message).join('\n')).toMatch(
      /Input 'output-dir' path 'results' leads outside the workspace .* through a symbolic link/
    )
    expect(readdirSync(outside)).toEqual([])
    expect(existsSync(path.join(path.dirname(workspace), 'x'))).toBe(false)
  })
})

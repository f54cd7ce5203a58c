// End-to-end: dist/index.js run as GitHub's runner runs it, against everything a user's network
// would serve, on loopback: the OCI registry (fixture images + a Trivy DB built from fixture
// advisories), the release server (tool downloads) and the OpenAPI-checked GitHub API.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { NODE24, REPO_ROOT, TOOLS_BIN } from '../harness/paths.js'
import { runAction, type ActionRun, type EventName, type EventOptions } from '../harness/runner.js'
import { startOfflineWorld, type OfflineWorld } from '../harness/world.js'

// The loopback archives are built from this project's binaries, so their bytes differ from
// upstream's pinned SHA-256. They are published under versions missing from the pin table, which
// makes the action verify them against the release's checksums file (the pinned path is covered
// in test/integration/install.test.ts).
const TRIVY_VERSION = '0.74.1'
const CONFTEST_VERSION = '0.71.2'

let world: OfflineWorld
let scratch: string
const runs: ActionRun[] = []

beforeAll(async () => {
  world = await startOfflineWorld({
    releases: { versions: { trivy: TRIVY_VERSION, conftest: CONFTEST_VERSION } }
  })
  scratch = mkdtempSync(path.join(os.tmpdir(), 'e2e-'))
}, 900_000)
afterAll(async () => {
  await world?.stop()
  rmSync(scratch, { recursive: true, force: true })
})
afterEach(() => {
  world.api?.assertNoViolations()
  runs.splice(0).forEach((run) => run.cleanup())
})

/** A checkout of an example app plus the fixture lockfiles (npm, pip, go) with known CVEs. */
function checkout(example: 'insecure-app' | 'fixed-app'): string {
  const dir = mkdtempSync(path.join(scratch, `${example}-`))
  cpSync(path.join(REPO_ROOT, 'examples', example), dir, { recursive: true })
  if (example === 'insecure-app') {
    cpSync(world.registry!.fixtures.appDir, path.join(dir, 'app'), { recursive: true })
  }
  return dir
}

/** The tool cache and Trivy DB cache persist across runs, as on a self-hosted runner or with actions/cache. */
const toolCache = () => path.join(scratch, 'tool-cache')
const trivyCache = () => path.join(scratch, 'trivy-cache')

async function act(
  workspace: string,
  event: EventName,
  inputs: Record<string, string> = {},
  eventOptions: EventOptions = {},
  cacheDir = toolCache()
): Promise<ActionRun> {
  const run = await runAction({
    node: NODE24,
    event,
    eventOptions,
    workspace,
    apiUrl: world.api!.url,
    toolCache: cacheDir,
    token: world.api!.token,
    // The runner's PATH has no Trivy or conftest: the action downloads them from the release server.
    path: (process.env.PATH ?? '')
      .split(path.delimiter)
      .filter((d) => d !== TOOLS_BIN)
      .join(path.delimiter),
    env: { ...world.env },
    inputs: {
      ...world.inputs,
      'trivy-version': TRIVY_VERSION,
      'conftest-version': CONFTEST_VERSION,
      'trivy-cache-dir': trivyCache(),
      images: world.registry!.imageRef('fixtures/alpine-app', 'vulnerable'),
      'image-scanners': 'vuln,license',
      ...inputs
    },
    timeoutMs: 600_000
  })
  runs.push(run)
  return run
}

const sarifOf = (run: ActionRun) => JSON.parse(readFileSync(run.outputs['sarif-file'], 'utf8'))
const ruleIds = (sarif: { runs: Array<{ results: Array<{ ruleId: string }> }> }) =>
  sarif.runs.flatMap((r) => r.results.map((x) => x.ruleId))

describe('end to end', () => {
  it('a PR with the insecure app: the gate fails, every scanner reports, one comment, one upload', async () => {
    const workspace = checkout('insecure-app')
    // A manifest that pulls the scanned image in: image findings point at its `image:` line.
    const image = world.registry!.imageRef('fixtures/alpine-app', 'vulnerable')
    writeFileSync(
      path.join(workspace, 'k8s', 'worker.yaml'),
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: worker\n  namespace: shop\nspec:\n  containers:\n    - name: worker\n      image: ${image}\n`
    )
    const run = await act(workspace, 'pull_request')
    expect(run.exitCode, run.stdout.slice(-3000)).toBe(1)
    expect(run.outputs.failed).toBe('true')

    const sarif = sarifOf(run)
    const categories = sarif.runs.map(
      (r: { automationDetails: { id: string } }) => r.automationDetails.id
    )
    expect(categories).toEqual(
      expect.arrayContaining([
        'hardening-action/harden/policies/manifests/',
        'hardening-action/harden/trivy-config/manifests/',
        'hardening-action/harden/repository/repository/'
      ])
    )
    expect(categories.some((c: string) => c.startsWith('hardening-action/harden/image/'))).toBe(
      true
    )
    const ids = ruleIds(sarif)
    expect(ids).toContain('CVE-2022-37434') // zlib in the Alpine image, from the fixture DB
    const zlib = sarif.runs
      .flatMap((r: { results: Array<{ ruleId: string; locations: unknown[] }> }) => r.results)
      .find((r: { ruleId: string }) => r.ruleId === 'CVE-2022-37434')
    expect(zlib.locations[0].physicalLocation).toMatchObject({
      artifactLocation: { uri: 'k8s/worker.yaml' },
      region: { startLine: 9 }
    })
    expect(ids.some((id) => id.startsWith('secret/'))).toBe(true)
    expect(ids.some((id) => id.startsWith('license/'))).toBe(true)
    expect(ids).toContain('HardeningDisallowedTags')
    expect(ids.some((id) => /^AVD-KSV-|^KSV/.test(id))).toBe(true)

    // Downloads went through the release server and were verified.
    const downloaded = world
      .releases!.requests.filter((r) => r.path.endsWith('.tar.gz'))
      .map((r) => path.basename(r.path))
    expect(downloaded).toEqual(
      expect.arrayContaining([
        `trivy_${TRIVY_VERSION}_Linux-64bit.tar.gz`,
        `conftest_${CONFTEST_VERSION}_Linux_x86_64.tar.gz`
      ])
    )
    expect(run.warnings.some((w) => w.message.includes('weaker pin'))).toBe(true)
    expect(run.stdout).toContain('Updating the Trivy vulnerability DB.')

    const comments = world.api!.comments(7)
    expect(comments).toHaveLength(1)
    expect(comments[0].body).toContain('hardening-action')
    expect(comments[0].body).not.toContain('hardeningActionDemoSecret')
    expect(world.api!.sarifUploads).toHaveLength(1)
    expect(world.api!.sarifUploads[0].ref).toBe('refs/pull/7/merge')
    expect(run.summary).toContain('❌ failed')
  })

  it('a re-run updates the same comment instead of adding one', async () => {
    const before = world.api!.comments(7)
    const run = await act(checkout('insecure-app'), 'pull_request')
    expect(run.exitCode).toBe(1)
    // The DB the first run downloaded is current: no Trivy start just to check it.
    expect(run.stdout).toContain('The cached Trivy vulnerability DB is current')
    expect(run.stdout).not.toContain('Updating the Trivy vulnerability DB.')
    const after = world.api!.comments(7)
    expect(after).toHaveLength(1)
    expect(after[0].id).toBe(before[0].id)
    expect(after[0].updated_at >= before[0].updated_at).toBe(true)
  })

  it('the fixed app passes and the comment turns green', async () => {
    const run = await act(checkout('fixed-app'), 'pull_request', {
      images: world.registry!.imageRef('fixtures/alpine-app', 'fixed'),
      'image-scanners': 'vuln'
    })
    expect(run.exitCode, run.stdout.slice(-3000)).toBe(0)
    expect(run.outputs.failed).toBe('false')
    const comments = world.api!.comments(7)
    expect(comments).toHaveLength(1)
    expect(comments[0].body).toMatch(/passed/i)
  })

  it('a fork PR: no comment, no upload, a warning says why, and the gate is still enforced', async () => {
    const uploads = world.api!.sarifUploads.length
    const run = await act(checkout('insecure-app'), 'pull_request', {}, { number: 8, fork: true })
    expect(run.exitCode).toBe(1)
    expect(world.api!.comments(8)).toHaveLength(0)
    expect(world.api!.sarifUploads).toHaveLength(uploads)
    expect(run.warnings.map((w) => w.message).join('\n')).toMatch(/fork/i)
  })

  it('a schedule event uploads the SARIF and comments nowhere', async () => {
    const uploads = world.api!.sarifUploads.length
    const run = await act(checkout('insecure-app'), 'schedule')
    expect(run.exitCode).toBe(1)
    expect(world.api!.sarifUploads).toHaveLength(uploads + 1)
    expect(world.api!.sarifUploads.at(-1)!.ref).toBe('refs/heads/main')
    expect(
      world.api!.requests.some(
        (r) => r.operationId === 'issues/create-comment' && r.path.includes('/issues/0/')
      )
    ).toBe(false)
  })

  it('air-gapped: skip-db-update with the cached DB works with no registry running', async () => {
    const image = world.registry!.fixtures.image('fixtures/debian-app', 'vulnerable')
    await world.registry!.stop()
    const workspace = checkout('fixed-app')
    cpSync(image.tarball, path.join(workspace, 'debian-app.tar'))
    const run = await act(workspace, 'push', {
      images: 'debian-app.tar',
      'skip-db-update': 'true',
      'db-repository': '',
      'fail-on-severity': 'none'
    })
    expect(run.exitCode, run.stdout.slice(-3000)).toBe(0)
    const sarif = sarifOf(run)
    const imageRun = sarif.runs.find((r: { automationDetails: { id: string } }) =>
      r.automationDetails.id.startsWith('hardening-action/harden/image/')
    )
    expect(imageRun.results.length).toBeGreaterThan(0)
  })

  it('a tampered Trivy archive stops the run with a checksum error and reports nothing', async () => {
    world.releases!.setFaults([
      { asset: `trivy_${TRIVY_VERSION}_Linux-64bit.tar.gz`, kind: 'tamper' }
    ])
    // A fresh tool cache, so the download happens.
    const freshCache = mkdtempSync(path.join(scratch, 'tool-cache-'))
    const run = await act(checkout('insecure-app'), 'push', { images: '' }, {}, freshCache)
    expect(run.exitCode).toBe(1)
    expect(run.errors.map((e) => e.message).join('\n')).toMatch(
      /Checksum mismatch for trivy_0\.74\.1_Linux-64bit\.tar\.gz/
    )
    expect(run.outputs['sarif-file']).toBeUndefined()
  })
})

// `dependency-submission: true` end to end: dist/index.js as the runner runs it scans an image
// from the loopback registry and the repository, writes their SBOMs (the `sbom-files` output) and
// submits one snapshot each to the loopback GitHub API, which validates every request and
// response against GitHub's OpenAPI description. A re-run replaces the snapshots instead of
// adding to them; a refusal (403, a fork) is a warning and never changes the verdict.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { DependencySnapshot } from '../harness/github-api.js'
import { NODE24, REPO_ROOT, TOOLS_BIN } from '../harness/paths.js'
import { runAction, type ActionRun, type EventName, type EventOptions } from '../harness/runner.js'
import { startOfflineWorld, type OfflineWorld } from '../harness/world.js'

let world: OfflineWorld
let scratch: string
let image: string
const runs: ActionRun[] = []

beforeAll(async () => {
  world = await startOfflineWorld({ releases: false })
  scratch = mkdtempSync(path.join(os.tmpdir(), 'e2e-dependency-submission-'))
  image = world.registry!.imageRef('fixtures/alpine-app', 'vulnerable')
}, 900_000)
afterAll(async () => {
  await world?.stop()
  rmSync(scratch, { recursive: true, force: true })
})
afterEach(() => {
  world.api!.setFaults([])
  world.api!.assertNoViolations()
  runs.splice(0).forEach((run) => run.cleanup())
})

/** The insecure example app plus the fixture lockfiles (npm, pip, go). */
function checkout(): string {
  const dir = mkdtempSync(path.join(scratch, 'checkout-'))
  cpSync(path.join(REPO_ROOT, 'examples', 'insecure-app'), dir, { recursive: true })
  cpSync(world.registry!.fixtures.appDir, path.join(dir, 'app'), { recursive: true })
  return dir
}

async function act(event: EventName, eventOptions: EventOptions = {}): Promise<ActionRun> {
  const run = await runAction({
    node: NODE24,
    event,
    eventOptions,
    workspace: checkout(),
    apiUrl: world.api!.url,
    token: world.api!.token,
    inputs: {
      ...world.inputs,
      scanners: 'image,repository',
      images: image,
      'repository-scanners': 'vuln,license',
      'trivy-cache-dir': path.join(scratch, 'trivy-cache'),
      'trusted-tool-dir': TOOLS_BIN,
      'upload-sarif': 'false',
      comment: 'never',
      'dependency-submission': 'true'
    },
    timeoutMs: 600_000
  })
  runs.push(run)
  return run
}

const packagesOf = (snapshot: DependencySnapshot) =>
  Object.values(snapshot.manifests).flatMap((manifest) => Object.values(manifest.resolved ?? {}))

describe('dependency submission', () => {
  let first: ActionRun

  it('submits one snapshot per image and for the repository, and lists the SBOM files', async () => {
    first = await act('push')
    // The image's vulnerabilities fail the gate; the submission is no part of the verdict.
    expect(first.exitCode, first.stdout.slice(-3000)).toBe(1)
    expect(first.outputs.failed).toBe('true')

    const files = first.outputs['sbom-files'].split('\n')
    expect(files).toHaveLength(2)
    for (const file of files) {
      expect(path.dirname(file)).toBe(path.join(first.workspace, 'hardening-results', 'sbom'))
      expect(JSON.parse(readFileSync(file, 'utf8')).bomFormat).toBe('CycloneDX')
    }

    const snapshots = world.api!.snapshots
    expect(snapshots).toHaveLength(2)
    for (const snapshot of snapshots) {
      expect(snapshot.sha).toBe(first.context.sha)
      expect(snapshot.ref).toBe('refs/heads/main')
      expect(snapshot.detector.name).toBe('hardening-action')
      expect(snapshot.job.id).toBe(first.env.GITHUB_RUN_ID)
      expect(Object.keys(snapshot.manifests)).toHaveLength(1)
    }
    const byTarget = new Map(snapshots.map((s) => [Object.keys(s.manifests)[0], s]))
    expect([...byTarget.keys()].sort()).toEqual([image, 'repository'].sort())
    expect(byTarget.get(image)!.job.correlator).toContain(image)
    expect(packagesOf(byTarget.get(image)!)).toContainEqual(
      expect.objectContaining({
        package_url: expect.stringMatching(/^pkg:apk\/alpine\/zlib@/),
        relationship: 'direct'
      })
    )
    expect(packagesOf(byTarget.get('repository')!)).toContainEqual(
      expect.objectContaining({ package_url: 'pkg:npm/lodash@4.17.20' })
    )
    expect(first.warnings.map((w) => w.message).join('\n')).not.toMatch(/dependency/i)
  })

  it('a re-run replaces its snapshots instead of adding to them', async () => {
    const run = await act('push')
    expect(run.exitCode).toBe(1)
    expect(world.api!.snapshots).toHaveLength(4)
    const current = world.api!.currentSnapshots()
    expect(current).toHaveLength(2)
    expect(current.map((s) => s.id).sort()).toEqual([3, 4])
  })

  it('a pull request submits for its head commit and branch', async () => {
    const before = world.api!.snapshots.length
    const run = await act('pull_request', { number: 12, branch: 'feature/sbom' })
    expect(run.exitCode).toBe(1)
    const submitted = world.api!.snapshots.slice(before)
    expect(submitted).toHaveLength(2)
    const head = (run.context.payload.pull_request as { head: { sha: string } }).head.sha
    for (const snapshot of submitted) {
      expect(snapshot.sha).toBe(head)
      expect(snapshot.ref).toBe('refs/heads/feature/sbom')
    }
  })

  it('a 403 is a warning naming the permission, and the verdict and outputs stay', async () => {
    world.api!.setFaults([
      { operation: 'dependency-graph/create-repository-snapshot', status: 403 }
    ])
    const before = world.api!.snapshots.length
    const run = await act('push')
    expect(run.exitCode).toBe(first.exitCode)
    expect(run.outputs.failed).toBe(first.outputs.failed)
    expect(run.outputs.total).toBe(first.outputs.total)
    expect(world.api!.snapshots).toHaveLength(before)
    const refused = world.api!.requests.filter(
      (r) => r.operationId === 'dependency-graph/create-repository-snapshot' && r.status === 403
    )
    // One refusal says it for every target: the next one would be refused alike.
    expect(refused).toHaveLength(1)
    const warnings = run.warnings.map((w) => w.message).join('\n')
    expect(warnings).toContain('Dependency submission failed (403')
    expect(warnings).toContain('contents: write')
    expect(run.outputs['sbom-files'].split('\n').every((file) => existsSync(file))).toBe(true)
  })

  it("a fork's pull request submits nothing and says why", async () => {
    const before = world.api!.requests.length
    const run = await act('pull_request', { number: 13, fork: true })
    expect(run.exitCode).toBe(1)
    expect(
      world
        .api!.requests.slice(before)
        .some((r) => r.operationId === 'dependency-graph/create-repository-snapshot')
    ).toBe(false)
    expect(run.warnings.map((w) => w.message).join('\n')).toMatch(
      /Dependencies not submitted to the dependency graph: this pull request comes from a fork/
    )
  })
})

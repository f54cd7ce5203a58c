// Issue 14 §3 (tools are what we pinned) and §5 (nothing lost when the Trivy DB cannot be
// downloaded), through dist/index.js run as the runner runs it, with the real Trivy and conftest.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { hasTool, REPO_ROOT, TOOLS_BIN } from '../harness/paths.js'
import { runAction, type ActionRun } from '../harness/runner.js'
import { startOfflineWorld, type OfflineWorld } from '../harness/world.js'

const haveTools = hasTool('trivy') && hasTool('conftest')

interface FindingsFile {
  failed: boolean
  reasons: string[]
  scans: Array<{ scanner: string; target: string; findings: number; error?: string }>
  findings: Array<{ scanner: string; ruleId: string }>
}

describe.skipIf(!haveTools && !process.env.HARNESS_REQUIRE_TOOLS)('tools and the Trivy DB', () => {
  let world: OfflineWorld
  let scratch: string
  const runs: ActionRun[] = []

  beforeAll(async () => {
    world = await startOfflineWorld({
      registry: false,
      // Published under versions missing from the pin table: verified by the checksums file.
      releases: { versions: { trivy: '0.74.1', conftest: '0.71.2' } }
    })
    scratch = mkdtempSync(path.join(os.tmpdir(), 'adversarial-tools-'))
  }, 300_000)
  afterAll(async () => {
    await world?.stop()
    rmSync(scratch, { recursive: true, force: true })
  })
  afterEach(() => {
    world.api!.assertNoViolations()
    runs.splice(0).forEach((run) => run.cleanup())
  })

  /** A PR checkout of the insecure example (manifests, a planted secret), and a PR run of the action. */
  async function prRun(number: number, inputs: Record<string, string>, pathEnv?: string) {
    const workspace = mkdtempSync(path.join(scratch, 'checkout-'))
    cpSync(path.join(REPO_ROOT, 'examples', 'insecure-app'), workspace, { recursive: true })
    const run = await runAction({
      event: 'pull_request',
      eventOptions: { number },
      workspace,
      apiUrl: world.api!.url,
      token: world.api!.token,
      ...(pathEnv ? { path: pathEnv } : {}),
      inputs: {
        'trivy-cache-dir': mkdtempSync(path.join(scratch, 'trivy-cache-')),
        'upload-sarif': 'false',
        ...inputs
      },
      timeoutMs: 300_000
    })
    runs.push(run)
    return run
  }

  function expectEverythingElseReported(run: ActionRun, dbProblem: RegExp, number: number) {
    expect(run.exitCode, run.stdout.slice(-3000)).toBe(1)
    expect(run.outputs.failed).toBe('true')
    for (const file of ['sarif-file', 'findings-file', 'summary-file'])
      expect(existsSync(run.outputs[file]), file).toBe(true)

    const report = JSON.parse(readFileSync(run.outputs['findings-file'], 'utf8')) as FindingsFile
    const ids = report.findings.map((f) => `${f.scanner} ${f.ruleId}`)
    expect(ids).toContain('policies HardeningDisallowedTags')
    expect(ids.some((id) => /^trivy-config (AVD-)?KSV/.test(id))).toBe(true)
    expect(ids.some((id) => id.startsWith('repository secret/'))).toBe(true)

    // The vulnerability scans report the DB problem as their error; nothing else failed.
    const failed = report.scans.filter((scan) => scan.error)
    expect(failed.map((scan) => `${scan.scanner} ${scan.target}`).sort()).toEqual([
      'image ghcr.io/example/app:1.0',
      'repository repository'
    ])
    for (const scan of failed) expect(scan.error).toMatch(dbProblem)
    expect(report.reasons.join('\n')).toMatch(
      new RegExp(`The repository scan of repository failed: .*${dbProblem.source}`)
    )

    expect(run.summary).toContain('## hardening-action: ❌ failed')
    expect(run.summary).toMatch(dbProblem)
    expect(readFileSync(run.outputs['summary-file'], 'utf8')).toMatch(dbProblem)
    const sarif = readFileSync(run.outputs['sarif-file'], 'utf8')
    expect(sarif).toMatch(dbProblem)
    const comments = world.api!.comments(number)
    expect(comments).toHaveLength(1)
    expect(comments[0]!.body).toMatch(dbProblem)
  }

  it('a Trivy DB that cannot be downloaded: every other scan reports, the gate fails naming the DB', async () => {
    const run = await prRun(21, {
      'trusted-tool-dir': TOOLS_BIN,
      'db-repository': `127.0.0.1:${await closedPort()}/aquasecurity/trivy-db:2`,
      images: 'ghcr.io/example/app:1.0'
    })
    expectEverythingElseReported(run, /Could not download the Trivy vulnerability DB/, 21)
  })

  it("skip-db-update without a cached DB: the same, naming 'skip-db-update'", async () => {
    const run = await prRun(22, {
      'trusted-tool-dir': TOOLS_BIN,
      'skip-db-update': 'true',
      images: 'ghcr.io/example/app:1.0'
    })
    expectEverythingElseReported(
      run,
      /'skip-db-update' is set, but .* holds no Trivy vulnerability DB/,
      22
    )
  })

  it('a trivy and conftest on PATH that report the pinned versions but find nothing are not run', async () => {
    // What an earlier step (or a poisoned runner image) could leave on PATH: the right --version,
    // an empty report for any scan, and a trace that it ran.
    const bin = mkdtempSync(path.join(scratch, 'poisoned-bin-'))
    const trace = path.join(bin, 'ran')
    const stub = (version: string) =>
      `#!/bin/sh\necho "${version}"\necho ran >> ${trace}\nfor a; do [ "$prev" = --output ] && echo '{}' > "$a"; prev=$a; done\nexit 0\n`
    writeFileSync(path.join(bin, 'trivy'), stub('Version: 0.74.1'), { mode: 0o755 })
    writeFileSync(path.join(bin, 'conftest'), stub('Conftest: 0.71.2'), { mode: 0o755 })
    const run = await prRun(
      23,
      {
        'tool-mirror': world.releases!.url,
        'trivy-version': '0.74.1',
        'conftest-version': '0.71.2',
        scanners: 'policies,trivy-config,repository',
        'repository-scanners': 'secret'
      },
      `${bin}${path.delimiter}${process.env.PATH}`
    )
    expect(run.exitCode, run.stdout.slice(-3000)).toBe(1)
    expect(existsSync(trace)).toBe(false)
    const report = JSON.parse(readFileSync(run.outputs['findings-file'], 'utf8')) as FindingsFile
    expect(new Set(report.findings.map((f) => f.scanner))).toEqual(
      new Set(['policies', 'trivy-config', 'repository'])
    )
    const downloaded = world.releases!.requests.filter(
      (r) => r.path.endsWith('.tar.gz') && r.status === 200
    )
    expect(downloaded.map((r) => path.basename(r.path)).sort()).toEqual([
      'conftest_0.71.2_Linux_x86_64.tar.gz',
      'trivy_0.74.1_Linux-64bit.tar.gz'
    ])
  })
})

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

// The warm path of the tool stage: a scanner starts once its own tools are ready (the policy scan
// does not wait for Trivy), a failed install still fails the whole run, and a vulnerability DB
// that is current on disk is used without asking the Actions cache service.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readConfig } from '../../src/config/inputs.js'
import { startInstalls } from '../../src/tools/setup.js'
import { TOOLS_BIN } from '../harness/paths.js'
import { startReleaseServer, type ReleaseServer } from '../harness/release-server.js'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})
// The runner's tool cache and temp directory, fresh for each test.
beforeEach(() => {
  const saved = {
    RUNNER_TOOL_CACHE: process.env.RUNNER_TOOL_CACHE,
    RUNNER_TEMP: process.env.RUNNER_TEMP
  }
  process.env.RUNNER_TOOL_CACHE = tempDir()
  process.env.RUNNER_TEMP = tempDir()
  cleanups.unshift(() => Object.assign(process.env, saved))
})
const tempDir = (): string => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tool-installs-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}
/** A trusted tool directory holding only the built `name`. */
const trustedDirWith = (name: string): string => {
  const dir = tempDir()
  symlinkSync(path.join(TOOLS_BIN, name), path.join(dir, name))
  return dir
}
const lines: string[] = []
const log = {
  info: (m: string) => lines.push(m),
  warning: (m: string) => lines.push(m),
  debug: () => {}
}
const settledYet = (promise: Promise<unknown>) =>
  Promise.race([
    promise.then(
      () => true,
      () => true
    ),
    new Promise((r) => setTimeout(r, 50, false))
  ])

/** The harness's releases, with conftest's archive answered only after `delayMs`. */
async function releases(delayMs: number): Promise<ReleaseServer> {
  const server = await startReleaseServer({
    versions: { conftest: '0.71.2' },
    faults: [{ asset: CONFTEST_ASSET, kind: 'delay', ms: delayMs }]
  })
  cleanups.push(() => server.stop())
  return server
}
const CONFTEST_ASSET = 'conftest_0.71.2_Linux_x86_64.tar.gz'

function config(inputs: Record<string, string>) {
  const workspace = tempDir()
  return readConfig((name) => inputs[name] ?? '', workspace)
}

describe('startInstalls', () => {
  /** Trivy from a trusted directory (at once), conftest downloaded from `server`. */
  const installBoth = (server: ReleaseServer) =>
    startInstalls(
      config({
        'tool-mirror': server.url,
        'conftest-version': '0.71.2',
        'trusted-tool-dir': trustedDirWith('trivy')
      }),
      { tools: ['trivy', 'conftest'], vulnerabilityDb: false },
      log
    )

  it('hands over one tool while another is still being downloaded, and both once that one is verified', async () => {
    // Long enough that Trivy's version check (its first start, on a busy CI machine) comes first.
    const installs = installBoth(await releases(4000))
    const trivy = await installs.ready(['trivy'])
    expect(trivy.tools.trivy?.source).toBe('trusted-dir')
    expect(trivy.tools.conftest).toBeUndefined()
    expect(await settledYet(installs.all)).toBe(false)
    const all = await installs.all
    expect(all.tools.conftest?.source).toBe('download')
    expect(all.tools.trivy?.source).toBe('trusted-dir')
  }, 120_000)

  it('rejects `all` with the failed install, after the tools that were ready', async () => {
    const server = await releases(0)
    server.setFaults([{ asset: CONFTEST_ASSET, kind: 'tamper' }])
    const installs = installBoth(server)
    expect((await installs.ready(['trivy'])).tools.trivy?.source).toBe('trusted-dir')
    await expect(installs.ready(['conftest'])).rejects.toThrow(/Checksum mismatch/)
    await expect(installs.all).rejects.toThrow(/Checksum mismatch/)
  }, 120_000)
})

describe('the Trivy DB on the warm path', () => {
  /** A loopback stand-in for the Actions cache service that records each request. */
  async function cacheService(): Promise<string[]> {
    const requests: string[] = []
    const server: Server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`)
      res.writeHead(404).end()
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const saved = { ...process.env }
    process.env.ACTIONS_CACHE_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
    process.env.ACTIONS_RUNTIME_TOKEN = 'runtime-token'
    delete process.env.ACTIONS_CACHE_SERVICE_V2
    cleanups.push(() => {
      process.env = saved
      return new Promise((resolve) => server.close(resolve))
    })
    return requests
  }

  /** A Trivy cache directory whose DB is due for an update at `nextUpdate`. */
  function trivyCache(nextUpdate: Date | undefined): string {
    const dir = tempDir()
    if (!nextUpdate) return dir
    mkdirSync(path.join(dir, 'db'))
    writeFileSync(path.join(dir, 'db', 'trivy.db'), 'bolt')
    writeFileSync(
      path.join(dir, 'db', 'metadata.json'),
      JSON.stringify({
        Version: 2,
        NextUpdate: nextUpdate.toISOString(),
        DownloadedAt: new Date().toISOString()
      })
    )
    return dir
  }

  const prepare = (inputs: Record<string, string>) =>
    startInstalls(
      config({ 'trusted-tool-dir': trustedDirWith('trivy'), ...inputs }),
      { tools: ['trivy'], vulnerabilityDb: true },
      log
    ).all

  it('uses a DB that is current on disk without restoring or saving the cache', async () => {
    const requests = await cacheService()
    const installed = await prepare({
      'trivy-cache-dir': trivyCache(new Date(Date.now() + 6 * 3600_000))
    })
    expect(installed.dbProblem).toBeUndefined()
    expect(requests).toEqual([])
  }, 60_000)

  it('still restores from the cache service when the disk holds no DB', async () => {
    const requests = await cacheService()
    const installed = await prepare({
      'trivy-cache-dir': trivyCache(undefined),
      'skip-db-update': 'true'
    })
    expect(installed.dbProblem).toMatch(/holds no Trivy vulnerability DB/)
    expect(requests.length).toBeGreaterThan(0)
  }, 60_000)
})

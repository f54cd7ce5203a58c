// The production install path (download, verify, extract, tool cache) against a loopback release
// server that serves real release-shaped archives of the tools this project builds.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Logger } from '../../src/log.js'
import { ArchiveError } from '../../src/tools/archive.js'
import { DownloadError } from '../../src/tools/download.js'
import { ChecksumError, installTool, type InstallOptions } from '../../src/tools/install.js'
import type { PinTable } from '../../src/tools/pins.js'
import { TOOLS_BIN } from '../harness/paths.js'
import { startReleaseServer, type ReleaseServer } from '../harness/release-server.js'

let server: ReleaseServer
let warnings: string[]
const log: Logger = { info: () => {}, debug: () => {}, warning: (m) => warnings.push(m) }
const savedEnv = { ...process.env }

beforeAll(async () => {
  server = await startReleaseServer()
})
afterAll(async () => {
  await server.stop()
})
beforeEach(() => {
  warnings = []
  server.setFaults([])
  server.requests.splice(0)
  // A fresh runner: empty tool cache, and a PATH without the project's built tools.
  process.env.RUNNER_TOOL_CACHE = mkdtempSync(path.join(os.tmpdir(), 'tool-cache-'))
  process.env.RUNNER_TEMP = mkdtempSync(path.join(os.tmpdir(), 'runner-temp-'))
  process.env.PATH = (savedEnv.PATH ?? '')
    .split(path.delimiter)
    .filter((d) => d !== TOOLS_BIN)
    .join(path.delimiter)
})
afterEach(() => {
  rmSync(process.env.RUNNER_TOOL_CACHE as string, { recursive: true, force: true })
  rmSync(process.env.RUNNER_TEMP as string, { recursive: true, force: true })
  process.env = { ...savedEnv }
})

/** The real pin table names upstream's bytes; these tests pin what the loopback server serves. */
const servedPins = (): PinTable => ({
  trivy: { '0.74.0': { 'linux-x64': server.archive('trivy').sha256 } },
  conftest: { '0.71.1': { 'linux-x64': server.archive('conftest').sha256 } }
})

const options = (overrides: Partial<InstallOptions> = {}): InstallOptions => ({
  releaseBaseUrl: server.url,
  platform: 'linux-x64',
  log,
  retry: { attempts: 3, initialDelayMs: 10 },
  pinned: servedPins(),
  ...overrides
})

/** Archive requests, counting GitHub-style redirects (302 to the asset URL) once. */
const downloads = () =>
  server.requests.filter((r) => r.path.endsWith('.tar.gz') && r.status !== 302)

describe('installTool', () => {
  it('downloads, verifies and caches a pinned release, then reuses the tool cache', async () => {
    const trivy = await installTool('trivy', '0.74.0', options())
    expect(trivy.source).toBe('download')
    expect(trivy.archiveSha256).toBe(server.archive('trivy').sha256)
    expect(execFileSync(trivy.path, ['--version'], { encoding: 'utf8' })).toContain(
      'Version: 0.74.0'
    )

    const again = await installTool('trivy', '0.74.0', options())
    expect(again).toMatchObject({ source: 'tool-cache', path: trivy.path })
    expect(downloads()).toHaveLength(1)
  })

  it('refuses an archive whose SHA-256 differs from the pin, and caches nothing', async () => {
    // The real table pins upstream's archive; the loopback archive is different bytes.
    const attempt = installTool('conftest', '0.71.1', options({ pinned: undefined }))
    await expect(attempt).rejects.toThrow(ChecksumError)
    await expect(installTool('conftest', '0.71.1', options({ pinned: undefined }))).rejects.toThrow(
      /Checksum mismatch for conftest_0\.71\.1_Linux_x86_64\.tar\.gz: expected sha256 c3f6b2a7/
    )
    expect(existsSync(path.join(process.env.RUNNER_TOOL_CACHE as string, 'conftest'))).toBe(false)
  })

  it('refuses a tampered archive even when served with a 200', async () => {
    server.setFaults([{ asset: 'trivy_0.74.0_Linux-64bit.tar.gz', kind: 'tamper' }])
    await expect(installTool('trivy', '0.74.0', options())).rejects.toThrow(ChecksumError)
  })

  it('fails at once on 404, without retrying', async () => {
    server.setFaults([{ asset: 'trivy_0.74.0_Linux-64bit.tar.gz', kind: 'status', status: 404 }])
    await expect(installTool('trivy', '0.74.0', options())).rejects.toThrow(DownloadError)
    expect(downloads()).toHaveLength(1)
  })

  it('retries a 500 and then succeeds', async () => {
    server.setFaults([
      { asset: 'conftest_0.71.1_Linux_x86_64.tar.gz', kind: 'status', status: 500, times: 1 }
    ])
    const conftest = await installTool('conftest', '0.71.1', options())
    expect(conftest.source).toBe('download')
    expect(downloads().map((r) => r.status)).toEqual([500, 200])
    expect(warnings.some((w) => w.includes('HTTP 500') && w.includes('retrying'))).toBe(true)
  })

  it('gives up after the retries when the server keeps failing', async () => {
    server.setFaults([
      { asset: 'conftest_0.71.1_Linux_x86_64.tar.gz', kind: 'status', status: 503 }
    ])
    await expect(installTool('conftest', '0.71.1', options())).rejects.toThrow(
      /failed after 3 attempts: HTTP 503/
    )
  })

  it('rejects a truncated archive (short body) as a checksum mismatch', async () => {
    server.setFaults([{ asset: 'trivy_0.74.0_Linux-64bit.tar.gz', kind: 'short' }])
    await expect(installTool('trivy', '0.74.0', options())).rejects.toThrow(ChecksumError)
  })

  it('treats a connection cut mid-body as a network error and retries', async () => {
    server.setFaults([{ asset: 'trivy_0.74.0_Linux-64bit.tar.gz', kind: 'truncate' }])
    await expect(installTool('trivy', '0.74.0', options())).rejects.toThrow(DownloadError)
    expect(downloads().length).toBe(3)
  })

  it("refuses an archive with a '../' entry even when its checksum matches", async () => {
    server.setFaults([{ asset: 'conftest_0.71.1_Linux_x86_64.tar.gz', kind: 'traversal' }])
    // Not pinned: verified against the (matching) checksums file, then the archive itself is refused.
    await expect(installTool('conftest', '0.71.1', options({ pinned: {} }))).rejects.toThrow(
      ArchiveError
    )
    expect(
      existsSync(path.join(process.env.RUNNER_TEMP as string, '..', 'escaped-by-archive.txt'))
    ).toBe(false)
  })

  it("verifies a version missing from the table against the release's checksums file, and says the pin is weaker", async () => {
    const trivy = await installTool('trivy', '0.74.0', options({ pinned: {} }))
    expect(trivy.source).toBe('download')
    expect(server.requests.some((r) => r.path.endsWith('trivy_0.74.0_checksums.txt'))).toBe(true)
    expect(warnings.join('\n')).toMatch(
      /not in hardening-action's pinned checksum table.*weaker pin/
    )
  })

  it('never installs the Trivy releases published by attackers', async () => {
    await expect(installTool('trivy', '0.69.5', options())).rejects.toThrow(
      /known-compromised release/
    )
    expect(server.requests).toHaveLength(0)
  })

  it('never runs a binary found on PATH, even one that reports the wanted version', async () => {
    // First on PATH: a stand-in with the right --version and the wrong bytes; then the real one.
    const fake = fakeTool('conftest', 'Conftest: 0.71.1')
    process.env.PATH = [fake, TOOLS_BIN, process.env.PATH].join(path.delimiter)
    const conftest = await installTool('conftest', '0.71.1', options())
    expect(conftest.source).toBe('download')
    expect(readFileSync(conftest.path).equals(readFileSync(path.join(TOOLS_BIN, 'conftest')))).toBe(
      true
    )
  })

  it("runs a trusted directory's tool unpinned only by opt-in, and only at the wanted version", async () => {
    const trusted = await installTool('conftest', '0.71.1', options({ trustedDirs: [TOOLS_BIN] }))
    expect(trusted).toMatchObject({
      source: 'trusted-dir',
      path: path.join(TOOLS_BIN, 'conftest')
    })
    expect(server.requests).toHaveLength(0)
    const stale = fakeTool('conftest', 'Conftest: 0.70.0')
    const pinned = await installTool('conftest', '0.71.1', options({ trustedDirs: [stale] }))
    expect(pinned.source).toBe('download')
  })

  it("replaces a tool-cache binary swapped after caching (a self-hosted runner's earlier job)", async () => {
    const first = await installTool('conftest', '0.71.1', options())
    const genuine = readFileSync(first.path)
    writeFileSync(first.path, '#!/bin/sh\necho "Conftest: 0.71.1"\n')
    const second = await installTool('conftest', '0.71.1', options())
    expect(second.source).toBe('download')
    expect(warnings.join('\n')).toMatch(
      /conftest 0\.71\.1 .* has a binary that differs from the one in its archive; downloading it again/
    )
    expect(readFileSync(second.path).equals(genuine)).toBe(true)
    expect(downloads()).toHaveLength(2)
  })

  it('never runs a binary planted in the tool cache without its verified archive', async () => {
    // The layout @actions/tool-cache writes: <cache>/<tool>/<version>/<arch>, plus a marker file.
    const dir = path.join(process.env.RUNNER_TOOL_CACHE as string, 'conftest', '0.71.1', os.arch())
    mkdirSync(dir, { recursive: true })
    writeFileSync(path.join(dir, 'conftest'), '#!/bin/sh\necho "Conftest: 0.71.1"\n', {
      mode: 0o755
    })
    writeFileSync(`${dir}.complete`, '')
    const conftest = await installTool('conftest', '0.71.1', options())
    expect(conftest.source).toBe('download')
    expect(warnings.join('\n')).toMatch(/lacks its release archive; downloading it again/)
    expect(readFileSync(conftest.path).equals(readFileSync(path.join(TOOLS_BIN, 'conftest')))).toBe(
      true
    )
  })

  it('refuses a plain-http release host that is not loopback, before any request', async () => {
    await expect(
      installTool('conftest', '0.71.1', options({ releaseBaseUrl: 'http://mirror.example.com' }))
    ).rejects.toThrow(
      /^Refusing to download conftest: the release host must be an https URL \(plain http only for a loopback host\)/
    )
  })

  it('refuses a release host URL with credentials, and never repeats them', async () => {
    const withCredentials = server.url.replace('http://', 'http://ci-bot:ghp_s3cr3tToken@')
    const error = await installTool(
      'conftest',
      '0.71.1',
      options({ releaseBaseUrl: withCredentials })
    ).catch((e: Error) => e)
    expect((error as Error).message).toMatch(/must not contain credentials/)
    expect((error as Error).message).not.toContain('s3cr3t')
    expect(warnings.join('\n')).not.toContain('s3cr3t')
    expect(server.requests).toHaveLength(0)
  })
})

/** A directory holding a stand-in `name` that prints `versionLine` for any arguments. */
function fakeTool(name: string, versionLine: string): string {
  const dir = mkdtempSync(path.join(process.env.RUNNER_TEMP as string, 'fake-tools-'))
  writeFileSync(path.join(dir, name), `#!/bin/sh\necho "${versionLine}"\n`, { mode: 0o755 })
  return dir
}

// Which tools may run and from where: URL redaction, the release-host rules, the opt-in directory
// of unpinned tools, and the decision to use or refuse a tool-cache entry.
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readConfig } from '../../src/config/inputs.js'
import { download, DownloadError } from '../../src/tools/download.js'
import { cacheEntryProblem } from '../../src/tools/install.js'
import { mirrorUrlProblem, redactUrl, redactUrls } from '../../src/tools/urls.js'
import { sha256, tarGz } from '../harness/archive.js'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })))
const tempDir = (): string => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tool-trust-'))
  dirs.push(dir)
  return dir
}

describe('redactUrl', () => {
  it('hides userinfo and credential-like query values, and keeps the rest', () => {
    expect(redactUrl('https://alice:hunter2@mirror.example.com/releases')).toBe(
      'https://***@mirror.example.com/releases'
    )
    expect(redactUrl('https://ghp_abc123@mirror.example.com/')).toBe(
      'https://***@mirror.example.com/'
    )
    const signed = redactUrl(
      'https://objects.example.com/a.tar.gz?X-Amz-Credential=AKIA1%2F2&X-Amz-Signature=deadbeef&X-Amz-Security-Token=tok&sig=s1&token=t1&access_token=t2&api_key=k&response-content-type=gzip'
    )
    for (const secret of ['AKIA1', 'deadbeef', '=tok', 's1', 't1', 't2', '=k&'])
      expect(signed).not.toContain(secret)
    expect(signed).toContain('response-content-type=gzip')
    expect(redactUrl('https://github.com/aquasecurity/trivy')).toBe(
      'https://github.com/aquasecurity/trivy'
    )
  })

  it('hides userinfo in text that does not parse as a URL', () => {
    expect(redactUrl('https://alice:hunter 2@mirror example')).toBe('https://***@mirror example')
  })

  it('redacts every URL inside a free text', () => {
    const text =
      'GET https://u:p4ss@registry.example.com/v2/: 401; then https://cdn.example.com/blob?sig=abc: 403'
    expect(redactUrls(text)).toBe(
      'GET https://***@registry.example.com/v2/: 401; then https://cdn.example.com/blob?sig=***: 403'
    )
  })
})

describe('mirrorUrlProblem', () => {
  it('accepts https, and plain http only for a loopback host', () => {
    for (const ok of [
      'https://github.com',
      'https://mirror.example.com/github/',
      'http://127.0.0.1:8080',
      'http://localhost:3000/releases',
      'http://[::1]:9000'
    ])
      expect(mirrorUrlProblem(ok), ok).toBeUndefined()
    for (const bad of ['http://mirror.example.com', 'http://10.0.0.1', 'ftp://x', 'file:///tmp'])
      expect(mirrorUrlProblem(bad), bad).toMatch(/must be an https URL/)
    expect(mirrorUrlProblem('not a url')).toMatch(/must be an https URL; got 'not a url'/)
  })

  it('refuses credentials, and a query or fragment, without repeating the secret', () => {
    const withUser = mirrorUrlProblem('https://ci:s3cr3t-token@mirror.example.com')
    expect(withUser).toMatch(/must not contain credentials/)
    expect(withUser).not.toContain('s3cr3t')
    const withQuery = mirrorUrlProblem('https://mirror.example.com/?token=s3cr3t')
    expect(withQuery).toMatch(/without a \?query/)
    expect(withQuery).not.toContain('s3cr3t')
    expect(mirrorUrlProblem('https://mirror.example.com/#x')).toMatch(/#fragment/)
  })
})

describe('inputs: tool-mirror and trusted-tool-dir', () => {
  const reader = (values: Record<string, string>) => (name: string) => values[name] ?? ''

  it('refuses a plain-http or credentialed tool-mirror, naming the input but not the secret', () => {
    const workspace = tempDir()
    expect(() =>
      readConfig(reader({ 'tool-mirror': 'http://mirror.example.com' }), workspace)
    ).toThrow(/^Input 'tool-mirror' must be an https URL/)
    let message = ''
    try {
      readConfig(reader({ 'tool-mirror': 'https://bot:ghp_s3cr3t@mirror.example.com' }), workspace)
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toMatch(/^Input 'tool-mirror' must not contain credentials/)
    expect(message).not.toContain('ghp_s3cr3t')
  })

  it('trusts no directory unless asked, and never one inside the checkout', () => {
    const root = tempDir()
    const workspace = path.join(root, 'checkout')
    const tools = path.join(root, 'tools')
    mkdirSync(path.join(workspace, '.tools', 'bin'), { recursive: true })
    mkdirSync(tools)
    expect(readConfig(reader({}), workspace).trustedToolDirs).toEqual([])
    expect(
      readConfig(reader({ 'trusted-tool-dir': '../tools' }), workspace).trustedToolDirs
    ).toEqual([tools])
    expect(() => readConfig(reader({ 'trusted-tool-dir': '.tools/bin' }), workspace)).toThrow(
      /'trusted-tool-dir' path '.tools\/bin' is inside the workspace/
    )
  })
})

describe('cacheEntryProblem', () => {
  const binary = Buffer.from('#!/bin/sh\necho "Version: 0.74.0"\n')
  const archive = tarGz([
    { name: 'trivy', data: binary, mode: 0o755 },
    { name: 'LICENSE', data: 'Apache-2.0' }
  ])
  const asset = 'trivy_0.74.0_Linux-64bit.tar.gz'
  const entry = (files: Record<string, Buffer>): string => {
    const dir = tempDir()
    for (const [name, bytes] of Object.entries(files)) writeFileSync(path.join(dir, name), bytes)
    return dir
  }

  it('accepts an entry whose archive matches the pin and whose binary is the one in it', async () => {
    const dir = entry({ [asset]: archive, trivy: binary })
    expect(await cacheEntryProblem(dir, asset, 'trivy', sha256(archive))).toBeUndefined()
  })

  it('refuses a binary replaced next to its genuine archive', async () => {
    const dir = entry({
      [asset]: archive,
      trivy: Buffer.from('#!/bin/sh\necho "Version: 0.74.0"; exit 0\n')
    })
    expect(await cacheEntryProblem(dir, asset, 'trivy', sha256(archive))).toBe(
      'has a binary that differs from the one in its archive'
    )
  })

  it('refuses an archive that no longer matches the pin, even with a matching binary', async () => {
    const forged = tarGz([{ name: 'trivy', data: 'forged', mode: 0o755 }])
    const dir = entry({ [asset]: forged, trivy: Buffer.from('forged') })
    expect(await cacheEntryProblem(dir, asset, 'trivy', sha256(archive))).toMatch(
      /has an archive whose SHA-256 is not/
    )
  })

  it('compares every chunk of a binary larger than one read, hashing the same pass', async () => {
    // Random bytes do not compress: the archive too spans several reads.
    const large = randomBytes(3 << 20)
    const largeArchive = tarGz([{ name: 'trivy', data: large, mode: 0o755 }])
    const changed = Buffer.from(large)
    changed[2 << 20] = changed[2 << 20]! ^ 1
    const check = (cached: Buffer) =>
      cacheEntryProblem(
        entry({ [asset]: largeArchive, trivy: cached }),
        asset,
        'trivy',
        sha256(largeArchive)
      )
    expect(await check(large)).toBeUndefined()
    expect(await check(changed)).toBe('has a binary that differs from the one in its archive')
  }, 30_000)

  it('reports a hostile archive that is not the pinned one as such, and refuses a pinned one', async () => {
    const hostile = tarGz([{ name: '../trivy', data: binary, mode: 0o755 }])
    const dir = entry({ [asset]: hostile, trivy: binary })
    expect(await cacheEntryProblem(dir, asset, 'trivy', sha256(archive))).toMatch(
      /has an archive whose SHA-256 is not/
    )
    await expect(cacheEntryProblem(dir, asset, 'trivy', sha256(hostile))).rejects.toThrow(
      /escapes the extraction directory/
    )
  })

  it('refuses a binary cached without its archive (nothing to verify it against)', async () => {
    const dir = entry({ trivy: binary })
    expect(await cacheEntryProblem(dir, asset, 'trivy', sha256(archive))).toBe(
      'lacks its release archive'
    )
  })
})

describe('download: redirects', () => {
  /** A loopback server answering each path from `routes` (status and Location), else 200 "ok". */
  async function serve(routes: Record<string, string>): Promise<{ base: string; hits: string[] }> {
    const hits: string[] = []
    const server = createServer((req, res) => {
      hits.push(req.url ?? '')
      const location = routes[req.url ?? '']
      if (location) res.writeHead(302, { location }).end()
      else res.end('ok')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    servers.push(server)
    return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits }
  }
  const servers: Server[] = []
  afterEach(() => servers.splice(0).forEach((server) => server.close()))
  const once = { attempts: 1, initialDelayMs: 0 }

  it('follows redirects that stay on https or loopback', async () => {
    const { base, hits } = await serve({ '/a': '/b', '/b': '/c' })
    expect((await download(`${base}/a`, once)).toString()).toBe('ok')
    expect(hits).toEqual(['/a', '/b', '/c'])
  })

  it('refuses a redirect to plain http off the machine before requesting it', async () => {
    const { base, hits } = await serve({ '/asset': 'http://mirror.invalid/asset?token=s3cret' })
    const failure = download(`${base}/asset`, once)
    await expect(failure).rejects.toThrow(DownloadError)
    await expect(failure).rejects.toThrow(
      /redirected to http:\/\/mirror\.invalid\/asset.*not https/
    )
    await expect(failure).rejects.not.toThrow(/s3cret/)
    expect(hits).toEqual(['/asset'])
  })

  it('stops a redirect loop', async () => {
    const { base } = await serve({ '/loop': '/loop' })
    await expect(download(`${base}/loop`, once)).rejects.toThrow(/redirected too many times/)
  })
})

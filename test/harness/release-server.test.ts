// The release server serves archives that extract to the real, working tools with checksums that
// verify, and each injected fault is observable by a client.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sha256 } from './archive.js'
import { hasTool } from './paths.js'
import { run, runOk } from './proc.js'
import {
  CONFTEST_RELEASE,
  TRIVY_RELEASE,
  startReleaseServer,
  type ReleaseServer
} from './release-server.js'

const haveTools = hasTool('trivy') && hasTool('conftest')

describe.skipIf(!haveTools && !process.env.HARNESS_REQUIRE_TOOLS)('release server', () => {
  let rs: ReleaseServer
  let tmp: string

  beforeAll(async () => {
    rs = await startReleaseServer()
    tmp = mkdtempSync(path.join(os.tmpdir(), 'harness-release-'))
  })
  afterAll(async () => {
    await rs?.stop()
    if (tmp) rmSync(tmp, { recursive: true, force: true })
  })

  async function download(url: string): Promise<{ status: number; body: Buffer }> {
    const res = await fetch(url)
    return { status: res.status, body: Buffer.from(await res.arrayBuffer()) }
  }

  function checksumFor(text: string, name: string): string | undefined {
    return text
      .split('\n')
      .map((l) => l.split(/\s+/))
      .find((p) => p[1] === name)?.[0]
  }

  it.each([
    [TRIVY_RELEASE, ['--version'], /Version: 0\.74\.0/],
    [CONFTEST_RELEASE, ['--version'], /0\.71\.1/]
  ] as const)(
    'serves $archive that verifies and extracts to a working binary',
    async (spec, args, version) => {
      const base = `${rs.downloadBase(spec.tool)}/${spec.tag}`
      expect(rs.archive(spec.tool).url).toBe(`${base}/${spec.archive}`)
      const archive = await download(`${base}/${spec.archive}`)
      expect(archive.status).toBe(200)
      const sums = await download(`${base}/${spec.checksums}`)
      expect(checksumFor(sums.body.toString('utf8'), spec.archive)).toBe(sha256(archive.body))
      // github.com answers release downloads with a redirect to the asset host
      const raw = await fetch(`${base}/${spec.archive}`, { redirect: 'manual' })
      expect(raw.status).toBe(302)

      const dir = path.join(tmp, spec.tool)
      await runOk('mkdir', ['-p', dir])
      await runOk('tar', ['-xzf', '-', '-C', dir], { input: archive.body })
      const listing = (await runOk('tar', ['-tzf', '-'], { input: archive.body })).stdout
        .split('\n')
        .filter(Boolean)
      expect(listing).toEqual(expect.arrayContaining([spec.tool, 'LICENSE', 'README.md']))
      const r = await runOk(path.join(dir, spec.tool), [...args])
      expect(r.stdout + r.stderr).toMatch(version)
    }
  )

  it('injects 404, 500-then-success, truncated and short bodies', async () => {
    const a = rs.archive('conftest')
    rs.setFaults([{ asset: a.name, kind: 'status', status: 404 }])
    expect((await download(a.url)).status).toBe(404)

    rs.setFaults([{ asset: a.name, kind: 'status', status: 500, times: 2 }])
    expect((await download(a.url)).status).toBe(500)
    expect((await download(a.url)).status).toBe(500)
    const third = await download(a.url)
    expect(third.status).toBe(200)
    expect(sha256(third.body)).toBe(a.sha256)

    rs.setFaults([{ asset: a.name, kind: 'truncate' }])
    await expect(download(a.url)).rejects.toThrow()

    rs.setFaults([{ asset: a.name, kind: 'short' }])
    const short = await download(a.url)
    expect(short.status).toBe(200)
    expect(short.body.length).toBeLessThan(a.size)
    expect(() => gunzipSync(short.body)).toThrow()
    rs.setFaults([])
  })

  it('serves a tampered archive whose checksum no longer matches', async () => {
    const a = rs.archive('trivy')
    rs.setFaults([{ asset: a.name, kind: 'tamper' }])
    const body = (await download(a.url)).body
    const sums = (await download(rs.checksums('trivy').url)).body.toString('utf8')
    expect(checksumFor(sums, a.name)).toBe(a.sha256)
    expect(sha256(body)).not.toBe(a.sha256)
    expect(rs.servedSha256(a.name)).toBe(sha256(body))
    rs.setFaults([])
  })

  it('serves an archive with a ../ entry whose checksum matches', async () => {
    const a = rs.archive('conftest')
    rs.setFaults([{ asset: a.name, kind: 'traversal' }])
    const body = (await download(a.url)).body
    const sums = (await download(rs.checksums('conftest').url)).body.toString('utf8')
    expect(checksumFor(sums, a.name)).toBe(sha256(body))
    const listing = await run('tar', ['-tzf', '-'], { input: body })
    expect(listing.stdout).toContain('../escaped-by-archive.txt')
    rs.setFaults([])
  })
})

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { ArchiveError, extractFileFromTarGz, tarGzFileEquals } from '../../src/tools/archive.js'

/** A minimal ustar archive, written by hand so the test controls every entry name. */
function tar(entries: Array<{ name: string; body: string; type?: string }>): Buffer {
  const blocks: Buffer[] = []
  for (const entry of entries) {
    const header = Buffer.alloc(512)
    header.write(entry.name, 0, 100, 'utf8')
    header.write('0000755\0', 100)
    header.write('0000000\0', 108)
    header.write('0000000\0', 116)
    const body = Buffer.from(entry.body)
    header.write(`${body.length.toString(8).padStart(11, '0')}\0`, 124)
    header.write('00000000000\0', 136)
    header.write(entry.type ?? '0', 156)
    header.write('ustar\0', 257)
    header.write('00', 263)
    header.fill(' ', 148, 156)
    const checksum = [...header].reduce((sum, byte) => sum + byte, 0)
    header.write(`${checksum.toString(8).padStart(6, '0')}\0 `, 148)
    blocks.push(header, body, Buffer.alloc((512 - (body.length % 512)) % 512))
  }
  blocks.push(Buffer.alloc(1024))
  return gzipSync(Buffer.concat(blocks))
}

describe('extractFileFromTarGz', () => {
  it('returns the named file', () => {
    const archive = tar([
      { name: 'LICENSE', body: 'mit' },
      { name: 'trivy', body: '#!binary' }
    ])
    expect(extractFileFromTarGz(archive, 'trivy').toString()).toBe('#!binary')
  })

  it('refuses an archive with a path-traversal entry, even when the wanted file is fine', () => {
    const archive = tar([
      { name: 'trivy', body: 'ok' },
      { name: '../../etc/cron.d/x', body: 'evil' }
    ])
    expect(() => extractFileFromTarGz(archive, 'trivy')).toThrow(ArchiveError)
    expect(() => extractFileFromTarGz(archive, 'trivy')).toThrow(/escapes the extraction directory/)
    expect(() => extractFileFromTarGz(tar([{ name: '/abs', body: '' }]), 'trivy')).toThrow(
      /escapes/
    )
  })

  it('rejects truncated or non-gzip archives and archives without the file', () => {
    const archive = tar([{ name: 'trivy', body: 'x'.repeat(5000) }])
    expect(() => extractFileFromTarGz(archive.subarray(0, archive.length / 2), 'trivy')).toThrow(
      ArchiveError
    )
    expect(() => extractFileFromTarGz(Buffer.from('not an archive'), 'trivy')).toThrow(
      /not valid gzip/
    )
    expect(() => extractFileFromTarGz(tar([{ name: 'README', body: '' }]), 'trivy')).toThrow(
      /no file named 'trivy'/
    )
  })
})

describe('tarGzFileEquals (the tool-cache check, streamed)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'archive-equals-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const file = (bytes: string) => {
    const name = path.join(dir, `f${Math.random().toString(36).slice(2)}`)
    writeFileSync(name, bytes)
    return name
  }
  // Several inflated chunks (1 MiB each) and a GNU long name before the wanted file.
  const body = Array.from({ length: 800_000 }, (_, i) => i.toString(36)).join('|')
  const archive = tar([
    { name: 'L'.repeat(150), body: '', type: '0' },
    { name: '././@LongLink', body: 'docs/'.repeat(40), type: 'L' },
    { name: 'ignored', body: 'readme' },
    { name: 'trivy', body }
  ])

  it('is true only for the same bytes as the file in the archive', async () => {
    expect(body.length).toBeGreaterThan(3 << 20)
    expect(extractFileFromTarGz(archive, 'trivy').toString()).toBe(body)
    expect(await tarGzFileEquals(archive, 'trivy', file(body))).toBe(true)
    expect(await tarGzFileEquals(archive, 'trivy', file(`${body.slice(0, -1)}!`))).toBe(false)
    expect(await tarGzFileEquals(archive, 'trivy', file(body.slice(0, -1)))).toBe(false)
    expect(await tarGzFileEquals(archive, 'trivy', file(`${body}\n`))).toBe(false)
  })

  it('refuses what extraction refuses', async () => {
    const traversal = tar([
      { name: 'trivy', body: 'ok' },
      { name: '../../etc/cron.d/x', body: 'evil' }
    ])
    await expect(tarGzFileEquals(traversal, 'trivy', file('ok'))).rejects.toThrow(/escapes/)
    await expect(
      tarGzFileEquals(archive.subarray(0, archive.length / 2), 'trivy', file(body))
    ).rejects.toThrow(ArchiveError)
    await expect(tarGzFileEquals(Buffer.from('nope'), 'trivy', file(''))).rejects.toThrow(
      /not valid gzip/
    )
    await expect(
      tarGzFileEquals(tar([{ name: 'README', body: '' }]), 'trivy', file(''))
    ).rejects.toThrow(/no file named 'trivy'/)
  })
})

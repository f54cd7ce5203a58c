import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { ArchiveError, extractFileFromTarGz } from '../../src/tools/archive.js'

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

// Minimal ustar writer (no dependencies) so the harness can produce release-shaped archives,
// including hostile ones (entries with `../`, absolute paths, symlinks) that `tar` refuses to make.
import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'

export interface TarEntry {
  name: string
  data?: Buffer | string
  mode?: number
  type?: 'file' | 'dir' | 'symlink'
  linkname?: string
}

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0') + '\0'
}

function header(e: TarEntry, size: number): Buffer {
  const h = Buffer.alloc(512)
  let name = e.name
  let prefix = ''
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf('/', 154)
    if (cut <= 0 || Buffer.byteLength(name.slice(cut + 1)) > 100)
      throw new Error(`tar: name too long: ${name}`)
    prefix = name.slice(0, cut)
    name = name.slice(cut + 1)
  }
  h.write(name, 0, 100, 'utf8')
  const type = e.type ?? 'file'
  h.write(octal(e.mode ?? (type === 'dir' ? 0o755 : 0o644), 8), 100, 8, 'ascii')
  h.write(octal(0, 8), 108, 8, 'ascii') // uid
  h.write(octal(0, 8), 116, 8, 'ascii') // gid
  h.write(octal(size, 12), 124, 12, 'ascii')
  h.write(octal(1767225600, 12), 136, 12, 'ascii') // 2026-01-01, fixed for stable checksums
  h.write('        ', 148, 8, 'ascii') // checksum placeholder
  h.write(type === 'dir' ? '5' : type === 'symlink' ? '2' : '0', 156, 1, 'ascii')
  if (e.linkname) h.write(e.linkname, 157, 100, 'utf8')
  h.write('ustar\0', 257, 6, 'ascii')
  h.write('00', 263, 2, 'ascii')
  h.write('root', 265, 32, 'ascii')
  h.write('root', 297, 32, 'ascii')
  h.write(prefix, 345, 155, 'utf8')
  let sum = 0
  for (const b of h) sum += b
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'ascii')
  return h
}

export function tar(entries: TarEntry[]): Buffer {
  const parts: Buffer[] = []
  for (const e of entries) {
    const data =
      e.type === 'dir' || e.type === 'symlink' ? Buffer.alloc(0) : Buffer.from(e.data ?? '')
    parts.push(header(e, data.length), data)
    const pad = (512 - (data.length % 512)) % 512
    if (pad) parts.push(Buffer.alloc(pad))
  }
  parts.push(Buffer.alloc(1024))
  return Buffer.concat(parts)
}

export function tarGz(entries: TarEntry[]): Buffer {
  return gzipSync(tar(entries), { level: 6 })
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex')
}

/** A goreleaser checksums file: "<sha256>  <name>" lines sorted by name. */
export function checksumsFile(files: Record<string, Buffer>): string {
  return (
    Object.keys(files)
      .sort()
      .map((n) => `${sha256(files[n]!)}  ${n}`)
      .join('\n') + '\n'
  )
}

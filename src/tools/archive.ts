import { gunzipSync } from 'node:zlib'

/** A release archive that is malformed or hostile; installing from it is refused. */
export class ArchiveError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ArchiveError'
  }
}

const BLOCK = 512

/**
 * Returns the contents of the regular file `wanted` in a .tar.gz, refusing the whole archive
 * when any entry is absolute or climbs out with `..` (a path-traversal archive is hostile even
 * if the entry we want looks fine). Reading in-process avoids trusting the runner's `tar`.
 */
export function extractFileFromTarGz(archive: Buffer, wanted: string): Buffer {
  let tar: Buffer
  try {
    tar = gunzipSync(archive)
  } catch (error) {
    throw new ArchiveError(
      `Archive is not valid gzip (truncated or corrupt): ${(error as Error).message}`
    )
  }
  let found: Buffer | undefined
  let longName: string | undefined
  for (let offset = 0; offset + BLOCK <= tar.length;) {
    const header = tar.subarray(offset, offset + BLOCK)
    if (header.every((byte) => byte === 0)) break
    const size = parseOctal(header.subarray(124, 136))
    const type = String.fromCharCode(header[156] || 48)
    const dataStart = offset + BLOCK
    const dataEnd = dataStart + size
    if (dataEnd > tar.length) throw new ArchiveError('Archive is truncated inside an entry.')
    const data = tar.subarray(dataStart, dataEnd)
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK

    if (type === 'L') {
      longName = cString(data)
      continue
    }
    if (type === 'x') {
      longName = paxPath(data) ?? longName
      continue
    }
    if (type === 'g') continue
    const prefix = cString(header.subarray(345, 500))
    const name =
      longName ??
      (prefix ? `${prefix}/${cString(header.subarray(0, 100))}` : cString(header.subarray(0, 100)))
    longName = undefined
    assertSafeEntry(name)
    if ((type === '0' || type === '\0') && normalise(name) === wanted) found = Buffer.from(data)
  }
  if (!found) throw new ArchiveError(`Archive has no file named '${wanted}'.`)
  return found
}

function assertSafeEntry(name: string): void {
  const parts = name.split(/[\\/]+/)
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name) || parts.includes('..')) {
    throw new ArchiveError(
      `Archive entry '${name}' escapes the extraction directory; refusing the archive.`
    )
  }
}

function normalise(name: string): string {
  return name.replace(/^(\.\/)+/, '')
}

function cString(bytes: Buffer): string {
  const end = bytes.indexOf(0)
  return bytes.subarray(0, end === -1 ? bytes.length : end).toString('utf8')
}

function parseOctal(bytes: Buffer): number {
  const text = cString(bytes).trim()
  const value = text === '' ? 0 : parseInt(text, 8)
  if (Number.isNaN(value)) throw new ArchiveError('Archive has a corrupt entry header.')
  return value
}

function paxPath(data: Buffer): string | undefined {
  for (const record of data.toString('utf8').split('\n')) {
    const match = /^\d+ path=(.*)$/.exec(record)
    if (match) return match[1]
  }
  return undefined
}

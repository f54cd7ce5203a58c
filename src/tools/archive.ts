import { open } from 'node:fs/promises'
import { pipeline, type Readable } from 'node:stream'
import { createGunzip, gunzipSync } from 'node:zlib'

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
    throw notGzip(error)
  }
  let found: Buffer | undefined
  const reader = new TarReader(wanted, {
    start: (size) => {
      found = Buffer.allocUnsafe(size)
    },
    data: (bytes, offset) => bytes.copy(found!, offset)
  })
  reader.feed(tar)
  reader.end()
  return found!
}

/**
 * Whether `file` holds exactly the bytes of the regular file `wanted` in a .tar.gz, with the same
 * refusals as `extractFileFromTarGz`. It streams: the release is inflated in the thread pool and
 * compared a chunk at a time, instead of inflating Trivy's 168 MB binary into memory and copying
 * it on the main thread (about three times the CPU, and several seconds of every warm run).
 */
export async function tarGzFileEquals(
  archive: Buffer | Readable,
  wanted: string,
  file: string
): Promise<boolean> {
  const handle = await open(file, 'r')
  try {
    const { size } = await handle.stat()
    let same = false
    const compare: Array<{ bytes: Buffer; offset: number }> = []
    const reader = new TarReader(wanted, {
      // When an archive lists the file twice, the last copy is the one extracted.
      start: (entrySize) => {
        same = entrySize === size
        compare.length = 0
      },
      data: (bytes, offset) => {
        if (same) compare.push({ bytes, offset })
      }
    })
    const gunzip = createGunzip({ chunkSize: 1 << 20 })
    if (Buffer.isBuffer(archive)) gunzip.end(archive)
    // A read error ends the inflation with that error.
    else pipeline(archive, gunzip, () => {})
    const theirs = Buffer.allocUnsafe(1 << 20)
    try {
      for await (const chunk of gunzip) {
        reader.feed(chunk as Buffer)
        for (const { bytes, offset } of compare.splice(0)) {
          if (!same) break
          const mine =
            bytes.length <= theirs.length
              ? theirs.subarray(0, bytes.length)
              : Buffer.allocUnsafe(bytes.length)
          const { bytesRead } = await handle.read(mine, 0, bytes.length, offset)
          same = bytesRead === bytes.length && mine.equals(bytes)
        }
      }
    } catch (error) {
      throw error instanceof ArchiveError ? error : notGzip(error)
    }
    reader.end()
    return same
  } finally {
    await handle.close()
  }
}

const notGzip = (error: unknown) =>
  new ArchiveError(`Archive is not valid gzip (truncated or corrupt): ${(error as Error).message}`)

/**
 * Reads a tar stream fed in chunks of any size: checks every entry's name, and hands the bytes
 * of the regular file `wanted` to `sink` (`start` with its size, then `data` with each part and
 * its offset in the file). Long names (GNU `L`, pax `x` records) are honoured.
 */
class TarReader {
  private header = Buffer.alloc(BLOCK)
  private headerFill = 0
  /** Bytes left of the current entry's data, then of its padding to the next block. */
  private dataLeft = 0
  private paddingLeft = 0
  private dataOffset = 0
  private entry: 'wanted' | 'meta' | 'other' = 'other'
  private meta: Buffer[] = []
  private metaType = ''
  private longName: string | undefined
  private finished = false
  private found = false

  constructor(
    private readonly wanted: string,
    private readonly sink: {
      start(size: number): void
      data(bytes: Buffer, offset: number): void
    }
  ) {}

  feed(chunk: Buffer): void {
    let at = 0
    while (at < chunk.length && !this.finished) {
      if (this.dataLeft > 0) {
        const part = chunk.subarray(at, at + this.dataLeft)
        at += part.length
        this.dataLeft -= part.length
        if (this.entry === 'wanted') this.sink.data(part, this.dataOffset)
        else if (this.entry === 'meta') this.meta.push(Buffer.from(part))
        this.dataOffset += part.length
        if (this.dataLeft === 0 && this.entry === 'meta') this.endMeta()
      } else if (this.paddingLeft > 0) {
        const skipped = Math.min(this.paddingLeft, chunk.length - at)
        at += skipped
        this.paddingLeft -= skipped
      } else {
        const copied = chunk.copy(this.header, this.headerFill, at, at + BLOCK - this.headerFill)
        at += copied
        this.headerFill += copied
        if (this.headerFill === BLOCK) {
          this.headerFill = 0
          this.readHeader()
        }
      }
    }
  }

  /** The stream is over: refuses a truncated entry, or an archive without the file. */
  end(): void {
    if (this.dataLeft > 0) throw new ArchiveError('Archive is truncated inside an entry.')
    if (!this.found) throw new ArchiveError(`Archive has no file named '${this.wanted}'.`)
  }

  private readHeader(): void {
    const header = this.header
    if (header.every((byte) => byte === 0)) {
      this.finished = true
      return
    }
    const size = parseOctal(header.subarray(124, 136))
    const type = String.fromCharCode(header[156] || 48)
    this.dataLeft = size
    this.paddingLeft = Math.ceil(size / BLOCK) * BLOCK - size
    this.dataOffset = 0
    if (type === 'L' || type === 'x' || type === 'g') {
      this.entry = 'meta'
      this.metaType = type
      this.meta = []
      if (size === 0) this.endMeta()
      return
    }
    const prefix = cString(header.subarray(345, 500))
    const name =
      this.longName ??
      (prefix ? `${prefix}/${cString(header.subarray(0, 100))}` : cString(header.subarray(0, 100)))
    this.longName = undefined
    assertSafeEntry(name)
    this.entry =
      (type === '0' || type === '\0') && normalise(name) === this.wanted ? 'wanted' : 'other'
    if (this.entry === 'wanted') {
      this.found = true
      this.sink.start(size)
    }
  }

  private endMeta(): void {
    const data = Buffer.concat(this.meta)
    if (this.metaType === 'L') this.longName = cString(data)
    else if (this.metaType === 'x') this.longName = paxPath(data) ?? this.longName
    this.entry = 'other'
  }
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

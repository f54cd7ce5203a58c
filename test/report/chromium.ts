// A headless Chromium (Debian's `chromium` package) driven over the Chrome DevTools Protocol on a
// pipe (`--remote-debugging-pipe`: JSON messages ended by NUL on file descriptors 3 and 4), so the
// browser tests need no npm client library, no port and no browser download.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Readable, Writable } from 'node:stream'
import { inflateSync } from 'node:zlib'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Fails with how to install Chromium instead of skipping: CI installs it (.ci/run). */
export function requireChromium(): string {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `No Chromium at ${CHROMIUM}. Install Debian's package (apt-get install -y chromium), as .ci/run does, or set CHROMIUM_PATH.`
    )
  return CHROMIUM
}

interface Message {
  id?: number
  method?: string
  params?: Record<string, unknown>
  result?: Record<string, unknown>
  error?: { message: string }
  sessionId?: string
}

export interface CdpEvent {
  method: string
  params: Record<string, unknown>
  sessionId?: string
}

export class Browser {
  private nextId = 1
  private readonly pending = new Map<
    number,
    { resolve: (r: Record<string, unknown>) => void; reject: (e: Error) => void }
  >()
  private readonly listeners = new Set<(event: CdpEvent) => void>()
  private readonly stderr: string[] = []

  private constructor(
    private readonly child: ChildProcess,
    private readonly profile: string
  ) {
    const input = child.stdio[3] as Writable
    const output = child.stdio[4] as Readable
    input.on('error', () => undefined)
    child.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()))
    let buffered = Buffer.alloc(0)
    output.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk])
      let end: number
      while ((end = buffered.indexOf(0)) >= 0) {
        this.dispatch(JSON.parse(buffered.subarray(0, end).toString('utf8')) as Message)
        buffered = buffered.subarray(end + 1)
      }
    })
    child.on('exit', (code, signal) => {
      const error = new Error(
        `Chromium exited (${code ?? signal}) with requests pending: ${this.stderr.join('').slice(-2000)}`
      )
      for (const { reject } of this.pending.values()) reject(error)
      this.pending.clear()
    })
  }

  static launch(): Browser {
    const profile = mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'))
    const args = [
      '--headless',
      '--remote-debugging-pipe',
      `--user-data-dir=${profile}`,
      // Chromium's sandbox needs user namespaces, which a container running as root (CI, our
      // machines) does not grant: without --no-sandbox the browser exits at once.
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-extensions',
      '--hide-scrollbars',
      '--mute-audio',
      'about:blank'
    ]
    const child = spawn(requireChromium(), args, {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe']
    })
    return new Browser(child, profile)
  }

  /** A CDP command; `sessionId` addresses a page attached with `flatten`. */
  send<T = Record<string, unknown>>(
    method: string,
    params: Record<string, unknown> = {},
    sessionId?: string
  ): Promise<T> {
    const id = this.nextId++
    const message = JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: Record<string, unknown>) => void, reject })
      ;(this.child.stdio[3] as Writable).write(`${message}\0`)
    })
  }

  /** Calls `listener` for every event until the returned function is called. */
  on(listener: (event: CdpEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The next event of `method` in `sessionId` (register before the command that causes it). */
  waitFor(method: string, sessionId: string): Promise<CdpEvent> {
    return new Promise((resolve) => {
      const stop = this.on((event) => {
        if (event.method === method && event.sessionId === sessionId) {
          stop()
          resolve(event)
        }
      })
    })
  }

  /** A fresh tab, attached: returns its session id. */
  async newPage(): Promise<string> {
    const { targetId } = await this.send<{ targetId: string }>('Target.createTarget', {
      url: 'about:blank'
    })
    const { sessionId } = await this.send<{ sessionId: string }>('Target.attachToTarget', {
      targetId,
      flatten: true
    })
    return sessionId
  }

  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve))
    if (this.child.exitCode === null && this.child.signalCode === null) {
      await this.send('Browser.close').catch(() => undefined)
      await exited
    }
    rmSync(this.profile, { recursive: true, force: true })
  }

  private dispatch(message: Message): void {
    if (message.id !== undefined) {
      const waiter = this.pending.get(message.id)
      this.pending.delete(message.id)
      if (message.error) waiter?.reject(new Error(`CDP: ${message.error.message}`))
      else waiter?.resolve(message.result ?? {})
      return
    }
    if (!message.method) return
    const event: CdpEvent = {
      method: message.method,
      params: message.params ?? {},
      ...(message.sessionId ? { sessionId: message.sessionId } : {})
    }
    for (const listener of [...this.listeners]) listener(event)
  }
}

/** The pixels of an 8-bit RGB or RGBA, non-interlaced PNG (what Chromium's screenshots are). */
export function decodePng(png: Buffer): {
  width: number
  height: number
  channels: number
  pixels: Buffer
} {
  if (!png.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10])))
    throw new Error('not a PNG')
  let offset = 8
  let header: Buffer | undefined
  const data: Buffer[] = []
  while (offset < png.length) {
    const length = png.readUInt32BE(offset)
    const type = png.toString('latin1', offset + 4, offset + 8)
    const body = png.subarray(offset + 8, offset + 8 + length)
    if (type === 'IHDR') header = body
    else if (type === 'IDAT') data.push(body)
    offset += length + 12
  }
  if (!header) throw new Error('PNG without IHDR')
  const width = header.readUInt32BE(0)
  const height = header.readUInt32BE(4)
  const [depth, colour, , , interlace] = [header[8], header[9], header[10], header[11], header[12]]
  const channels = colour === 6 ? 4 : colour === 2 ? 3 : 0
  if (depth !== 8 || channels === 0 || interlace !== 0)
    throw new Error(
      `unsupported PNG (depth ${depth}, colour type ${colour}, interlace ${interlace})`
    )
  const raw = inflateSync(Buffer.concat(data))
  const stride = width * channels
  const pixels = Buffer.alloc(stride * height)
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1))
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? pixels[y * stride + x - channels]! : 0
      const up = y > 0 ? pixels[(y - 1) * stride + x]! : 0
      const upLeft = y > 0 && x >= channels ? pixels[(y - 1) * stride + x - channels]! : 0
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter]
      if (predictor === undefined) throw new Error(`PNG filter ${filter} unknown`)
      pixels[y * stride + x] = (line[x]! + predictor) & 0xff
    }
  }
  return { width, height, channels, pixels }
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c
  const pa = Math.abs(p - a)
  const pb = Math.abs(p - b)
  const pc = Math.abs(p - c)
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c
}

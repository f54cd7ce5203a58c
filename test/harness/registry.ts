// A loopback OCI registry: go-containerregistry's `registry` binary (in-memory storage).
// It listens on localhost:<port> (127.0.0.1 here) and logs "serving on port N" on stderr.
import { spawn } from 'node:child_process'
import { requireTool } from './paths.js'
import { stopChild, track } from './proc.js'

export interface Registry {
  /** host:port, e.g. 127.0.0.1:41234 — use as the registry part of image references. */
  host: string
  port: number
  /** http://127.0.0.1:port */
  url: string
  /** Registry log (stderr) so far. */
  logs(): string
  stop(): Promise<void>
}

export async function startRegistry(opts: { timeoutMs?: number } = {}): Promise<Registry> {
  const bin = requireTool('registry')
  const child = track(
    spawn(bin, ['-port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], shell: false })
  )
  let log = ''
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`registry did not start within ${opts.timeoutMs ?? 10000} ms:\n${log}`))
    }, opts.timeoutMs ?? 10000)
    const onData = (d: Buffer): void => {
      log += d.toString('utf8')
      const m = /serving on port (\d+)/.exec(log)
      if (m) {
        clearTimeout(timer)
        resolve(Number(m[1]))
      }
    }
    child.stderr?.on('data', onData)
    child.stdout?.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`registry exited ${code} before serving:\n${log}`))
    })
  })
  const host = `127.0.0.1:${port}`
  const url = `http://${host}`
  const res = await fetch(`${url}/v2/`)
  if (res.status !== 200) {
    await stopChild(child)
    throw new Error(`registry at ${url}/v2/ answered ${res.status}`)
  }
  return {
    host,
    port,
    url,
    logs: () => log,
    stop: () => stopChild(child)
  }
}

// Child processes for the harness: argument arrays only (never a shell), every child tracked
// and killed when the test process exits, stderr tails in errors.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process'

const live = new Set<ChildProcess>()

function killAll(): void {
  for (const child of live) {
    try {
      child.kill('SIGKILL')
    } catch {
      // already gone
    }
  }
}
process.once('exit', killAll)

/** Registers a long-running child so it is killed if the test process exits first. */
export function track(child: ChildProcess): ChildProcess {
  live.add(child)
  child.once('exit', () => live.delete(child))
  return child
}

/** Kills a child (SIGTERM, then SIGKILL after graceMs) and waits for it to exit. */
export async function stopChild(child: ChildProcess, graceMs = 2000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
  await exited
  clearTimeout(timer)
}

export interface RunResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  timedOut: boolean
}

export interface RunOptions {
  cwd?: string
  env?: NodeJS.ProcessEnv
  timeoutMs?: number
  input?: string | Buffer
}

/** Runs a command to completion and returns its output (never throws on a non-zero exit). */
export function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const spawnOpts: SpawnOptions = {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      shell: false
    }
    const child = track(spawn(cmd, args, spawnOpts))
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout?.on('data', (d: Buffer) => out.push(d))
    child.stderr?.on('data', (d: Buffer) => err.push(d))
    let timedOut = false
    const timer = opts.timeoutMs
      ? setTimeout(() => {
          timedOut = true
          child.kill('SIGKILL')
        }, opts.timeoutMs)
      : undefined
    child.once('error', (e) => {
      if (timer) clearTimeout(timer)
      reject(e)
    })
    child.once('close', (code, signal) => {
      if (timer) clearTimeout(timer)
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut
      })
    })
    // A child that exits before reading its stdin closes the pipe; that EPIPE is not an error
    // of the run (its exit code and output say what happened).
    child.stdin?.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') reject(e)
    })
    child.stdin?.end(opts.input ?? '')
  })
}

export function tail(text: string, lines = 30): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n')
}

/** Like run() but throws (with the stderr tail) unless the command exits 0. */
export async function runOk(
  cmd: string,
  args: string[],
  opts: RunOptions = {}
): Promise<RunResult> {
  const r = await run(cmd, args, opts)
  if (r.code !== 0) {
    throw new Error(
      `${cmd} ${args.join(' ')} exited ${r.code ?? r.signal}${r.timedOut ? ' (timed out)' : ''}\n${tail(r.stderr || r.stdout)}`
    )
  }
  return r
}

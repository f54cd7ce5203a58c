import { spawn } from 'node:child_process'

export interface RunOptions {
  timeoutMs: number
  /** Exit codes that mean the tool worked (e.g. 1 = "found problems" for conftest). */
  okExitCodes?: number[]
  env?: NodeJS.ProcessEnv
  cwd?: string
}

/** A scanner tool that crashed, failed or hung; the message carries the tail of its stderr. */
export class ToolError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ToolError'
  }
}

const STDERR_TAIL = 2_000

/** Runs a tool with an argument array (never a shell), bounded by a timeout. */
export function runTool(
  command: string,
  args: string[],
  options: RunOptions
): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const okExitCodes = options.okExitCodes ?? [0]
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: false
    })
    const stdout: Buffer[] = []
    const stderr: Buffer[] = []
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, options.timeoutMs)
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(new ToolError(`Could not start ${command}: ${error.message}`))
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      const err = Buffer.concat(stderr).toString('utf8')
      const tail = err.length > STDERR_TAIL ? `…${err.slice(-STDERR_TAIL)}` : err
      const name = command.split(/[\\/]/).pop()
      if (timedOut) {
        reject(
          new ToolError(
            `${name} did not finish within ${options.timeoutMs / 1000}s and was stopped. stderr: ${tail.trim()}`
          )
        )
      } else if (code === null || !okExitCodes.includes(code)) {
        const how = code === null ? `was killed by ${signal}` : `exited with code ${code}`
        reject(new ToolError(`${name} ${how}. stderr: ${tail.trim()}`))
      } else {
        resolve({ stdout: Buffer.concat(stdout).toString('utf8'), stderr: err, exitCode: code })
      }
    })
  })
}

import { spawn, type ChildProcessByStdio } from 'node:child_process'
import { rm } from 'node:fs/promises'
import type { Readable, Writable } from 'node:stream'
import { privateTempDir } from './temp.js'

export interface RunOptions {
  timeoutMs: number
  /** Exit codes that mean the tool worked (e.g. 1 = "found problems" for conftest). */
  okExitCodes?: number[]
  /** The tool's whole environment; default `toolEnv()`. */
  env?: NodeJS.ProcessEnv
}

/**
 * What a tool may see of our environment. Rego reads it (`opa.runtime().env`) and every tool
 * reads its own settings from it (`TRIVY_*`, `CONFTEST_*`, `HELM_*`), so a tool gets only what
 * it needs to run and reach the network: never `INPUT_*`, tokens, `ACTIONS_*` or `GITHUB_*`.
 */
const BASE_ENV = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'LANGUAGE', 'TZ']

/** How to reach the network (a proxy URL may carry its password). */
const NETWORK_ENV = [
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  ...['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'ALL_PROXY'].flatMap((name) => [
    name,
    name.toLowerCase()
  ])
]

/** Registry credentials Trivy reads, for the runs that pull from a registry (images, the DB). */
const REGISTRY_ENV = ['DOCKER_CONFIG', 'TRIVY_USERNAME', 'TRIVY_PASSWORD', 'TRIVY_REGISTRY_TOKEN']

/**
 * The allow-listed environment for a tool: the network settings unless `network: false` (a tool
 * that needs no network, such as conftest, whose Rego can read them), and Trivy's registry
 * login with `registryCredentials`.
 */
export function toolEnv(
  options: { network?: boolean; registryCredentials?: boolean } = {},
  source: NodeJS.ProcessEnv = process.env
): NodeJS.ProcessEnv {
  const names = [
    ...BASE_ENV,
    ...(options.network === false ? [] : NETWORK_ENV),
    ...(options.registryCredentials ? REGISTRY_ENV : [])
  ]
  const env: NodeJS.ProcessEnv = {}
  for (const [name, value] of Object.entries(source)) {
    if (value !== undefined && (names.includes(name) || name.startsWith('LC_'))) env[name] = value
  }
  return env
}

/** A scanner tool that crashed, failed or hung; the message carries the tail of its stderr. */
export class ToolError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ToolError'
  }
}

const STDERR_TAIL = 2_000

interface ToolResult {
  stdout: string
  stderr: string
  exitCode: number
}

/**
 * Runs a tool with an argument array (never a shell), bounded by a timeout, in a fresh empty
 * working directory: tools look for their configuration there (`trivy.yaml`, `.trivyignore`,
 * `conftest.toml`), and none may come from the checkout.
 */
export async function runTool(
  command: string,
  args: string[],
  options: RunOptions
): Promise<ToolResult> {
  return (await startTool(command, args, options, { stdin: false })).finish()
}

/** A tool process that has started and waits for its standard input. */
export interface StartedTool {
  /** Writes `input` to the tool's standard input, closes it, and waits for the result. */
  finish(input?: string): Promise<ToolResult>
  /** Stops a tool whose input will not come, and removes its working directory. */
  cancel(): Promise<void>
}

/**
 * Starts a tool as `runTool` does, but with its standard input open: a tool that reads its
 * input before anything else (conftest reads it before it loads the policies) can start while
 * the input, and the files it reads after it, are still being prepared. The timeout runs from
 * `finish`, so the wait for the input does not count against it.
 */
export async function startTool(
  command: string,
  args: string[],
  options: RunOptions,
  { stdin = true }: { stdin?: boolean } = {}
): Promise<StartedTool> {
  const cwd = await privateTempDir('hardening-cwd-')
  const removeCwd = () => rm(cwd, { recursive: true, force: true })
  const okExitCodes = options.okExitCodes ?? [0]
  const child = spawn(command, args, {
    env: options.env ?? toolEnv(),
    cwd,
    stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    shell: false
  }) as ChildProcessByStdio<Writable | null, Readable, Readable>
  const stdout: Buffer[] = []
  const stderr: Buffer[] = []
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
  // A tool that exits before it reads its input (a usage error, say) closes the pipe; its exit
  // code and stderr say why, so the write's EPIPE adds nothing.
  child.stdin?.on('error', () => {})
  let timedOut = false
  let exited = false
  let timer: NodeJS.Timeout | undefined
  const name = command.split(/[\\/]/).pop()
  const done = new Promise<ToolResult>((resolve, reject) => {
    child.on('error', (error) => {
      exited = true
      reject(new ToolError(`Could not start ${command}: ${error.message}`))
    })
    child.on('close', (code, signal) => {
      exited = true
      const err = Buffer.concat(stderr).toString('utf8')
      const tail = err.length > STDERR_TAIL ? `…${err.slice(-STDERR_TAIL)}` : err
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
  }).finally(() => {
    clearTimeout(timer)
    return removeCwd()
  })
  // Until `finish` or `cancel`, a failure to start is reported by whichever comes.
  done.catch(() => {})
  return {
    finish(input) {
      // A tool that has already exited needs no timer (one would keep this process alive).
      if (!exited)
        timer = setTimeout(() => {
          timedOut = true
          child.kill('SIGKILL')
        }, options.timeoutMs)
      child.stdin?.end(input)
      return done
    },
    async cancel() {
      // Killed before its input is closed: a tool that saw the end of its input first could
      // run on an empty input and exit as if it had worked.
      child.kill('SIGKILL')
      child.stdin?.destroy()
      await done.catch(() => {})
    }
  }
}

// Runs a JavaScript action entry (dist/index.js) the way the GitHub Actions runner does:
// INPUT_* variables with the runner's name mangling and action.yml defaults, the event payload
// file, the GITHUB_* / RUNNER_* environment, file commands (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY,
// GITHUB_ENV, GITHUB_PATH, GITHUB_STATE) and workflow commands parsed from stdout.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'
import { NODE20, NODE24, REPO_ROOT, TOOLS_BIN } from './paths.js'
import { track } from './proc.js'

export type EventName = 'pull_request' | 'push' | 'schedule' | 'workflow_dispatch'

export interface EventOptions {
  owner?: string
  repo?: string
  /** PR number (pull_request). */
  number?: number
  /** The PR comes from a fork (head repo differs from base repo). */
  fork?: boolean
  /** Head commit of the PR / pushed commit. */
  sha?: string
  /** Base commit of the PR / `before` of a push. */
  baseSha?: string
  branch?: string
  defaultBranch?: string
  /** Inputs of a workflow_dispatch event. */
  inputs?: Record<string, string>
}

export interface GitHubContext {
  eventName: EventName
  payload: Record<string, unknown>
  sha: string
  ref: string
  headRef?: string
  baseRef?: string
  repository: string
  actor: string
}

const hex40 = (seed: string): string => {
  let out = ''
  for (let i = 0; out.length < 40; i++)
    out += ((seed.charCodeAt(i % seed.length) * 31 + i * 7) % 16).toString(16)
  return out
}

/** Builds the event payload and the GITHUB_SHA/GITHUB_REF values the runner uses for an event. */
export function githubContext(eventName: EventName, o: EventOptions = {}): GitHubContext {
  const owner = o.owner ?? 'octo-org'
  const repo = o.repo ?? 'demo-app'
  const full = `${owner}/${repo}`
  const defaultBranch = o.defaultBranch ?? 'main'
  const sha = o.sha ?? hex40('head-' + eventName)
  const baseSha = o.baseSha ?? hex40('base-' + eventName)
  const repository = {
    id: 123456789,
    node_id: 'R_kgDOHarness',
    name: repo,
    full_name: full,
    private: false,
    owner: { login: owner, id: 9919, type: 'Organization' },
    html_url: `https://github.com/${full}`,
    clone_url: `https://github.com/${full}.git`,
    default_branch: defaultBranch,
    fork: false
  }
  const sender = { login: 'contributor', id: 4242, type: 'User' }
  switch (eventName) {
    case 'pull_request': {
      const number = o.number ?? 7
      const branch = o.branch ?? 'feature/harden'
      const headOwner = o.fork ? 'outside-contributor' : owner
      const headRepo = o.fork
        ? {
            ...repository,
            id: 987654321,
            name: repo,
            full_name: `${headOwner}/${repo}`,
            owner: { login: headOwner, id: 5151, type: 'User' },
            fork: true
          }
        : repository
      const mergeSha = hex40(`merge-${number}-${sha}`)
      return {
        eventName,
        sha: mergeSha,
        ref: `refs/pull/${number}/merge`,
        headRef: branch,
        baseRef: defaultBranch,
        repository: full,
        actor: o.fork ? headOwner : sender.login,
        payload: {
          action: 'synchronize',
          number,
          pull_request: {
            number,
            state: 'open',
            title: 'Harden the deployment',
            html_url: `https://github.com/${full}/pull/${number}`,
            user: o.fork ? { login: headOwner, id: 5151, type: 'User' } : sender,
            head: {
              ref: branch,
              sha,
              label: `${headOwner}:${branch}`,
              repo: headRepo,
              user: { login: headOwner }
            },
            base: {
              ref: defaultBranch,
              sha: baseSha,
              label: `${owner}:${defaultBranch}`,
              repo: repository,
              user: { login: owner }
            },
            merge_commit_sha: mergeSha
          },
          repository,
          sender: o.fork ? { login: headOwner, id: 5151, type: 'User' } : sender
        }
      }
    }
    case 'push': {
      const branch = o.branch ?? defaultBranch
      return {
        eventName,
        sha,
        ref: `refs/heads/${branch}`,
        repository: full,
        actor: sender.login,
        payload: {
          ref: `refs/heads/${branch}`,
          before: baseSha,
          after: sha,
          head_commit: { id: sha, message: 'Harden things', timestamp: '2026-01-01T00:00:00Z' },
          repository,
          pusher: { name: sender.login },
          sender
        }
      }
    }
    case 'schedule':
      return {
        eventName,
        sha,
        ref: `refs/heads/${defaultBranch}`,
        repository: full,
        actor: owner,
        payload: { schedule: '17 3 * * *', repository, sender }
      }
    case 'workflow_dispatch': {
      const branch = o.branch ?? defaultBranch
      return {
        eventName,
        sha,
        ref: `refs/heads/${branch}`,
        repository: full,
        actor: sender.login,
        payload: {
          inputs: o.inputs ?? {},
          ref: `refs/heads/${branch}`,
          repository,
          sender,
          workflow: '.github/workflows/harden.yml'
        }
      }
    }
  }
}

/** The runner's mangling of an input name: spaces to `_`, upper case, hyphens kept. */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

export interface WorkflowCommand {
  command: string
  properties: Record<string, string>
  message: string
}

function unescapeData(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}
function unescapeProperty(s: string): string {
  return unescapeData(s).replace(/%3A/g, ':').replace(/%2C/g, ',')
}

/**
 * Parses `::command k=v,k2=v2::message` lines of a step's stdout as the runner does: leading
 * spaces are ignored, and between `::stop-commands::TOKEN` and `::TOKEN::` no command counts.
 */
export function parseWorkflowCommands(stdout: string): WorkflowCommand[] {
  const out: WorkflowCommand[] = []
  let stoppedUntil: string | undefined
  for (const line of stdout.split(/\r?\n/).map((l) => l.trimStart())) {
    if (stoppedUntil !== undefined) {
      if (line === stoppedUntil) stoppedUntil = undefined
      continue
    }
    const m = /^::([A-Za-z-]+)(?: ([^:]*))?::(.*)$/.exec(line)
    if (!m) continue
    if (m[1] === 'stop-commands') {
      stoppedUntil = `::${m[3]}::`
      continue
    }
    const properties: Record<string, string> = {}
    for (const kv of (m[2] ?? '').split(',')) {
      const i = kv.indexOf('=')
      if (i > 0) properties[kv.slice(0, i).trim()] = unescapeProperty(kv.slice(i + 1))
    }
    out.push({ command: m[1]!, properties, message: unescapeData(m[3]!) })
  }
  return out
}

/** Parses a GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STATE file (`k=v` and `k<<DELIM ... DELIM`). */
export function parseFileCommand(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '')
    if (!line) continue
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name, delim] = heredoc
      const value: string[] = []
      i++
      while (i < lines.length && lines[i]!.replace(/\r$/, '') !== delim) value.push(lines[i++]!)
      if (i >= lines.length)
        throw new Error(`file command: ${name} has no closing delimiter ${delim}`)
      out[name!] = value.join('\n')
      continue
    }
    const eq = line.indexOf('=')
    if (eq <= 0) throw new Error(`file command: malformed line ${JSON.stringify(line)}`)
    out[line.slice(0, eq)] = line.slice(eq + 1)
  }
  return out
}

export interface RunActionOptions {
  /** Action entry; default dist/index.js. */
  entry?: string
  /** action.yml whose input defaults the runner applies; default <repo>/action.yml (skipped if absent). */
  actionYml?: string
  /** Node binary: NODE20 (process.execPath, default) or NODE24. */
  node?: string
  /** Inputs as written in the workflow's `with:` (names as in action.yml). */
  inputs?: Record<string, string | number | boolean>
  event?: EventName
  eventOptions?: EventOptions
  /** Replace/extend the generated payload. */
  payload?: Record<string, unknown>
  /** Checkout directory (GITHUB_WORKSPACE) and cwd; default a fresh temp dir. */
  workspace?: string
  /** GITHUB_API_URL (e.g. the loopback API server); default http://127.0.0.1:9 (nothing listens). */
  apiUrl?: string
  /** GITHUB_SERVER_URL; default https://github.com. */
  serverUrl?: string
  /** Token for `${{ github.token }}` defaults; default ghs_harnessTokenForTests. */
  token?: string
  /** RUNNER_TOOL_CACHE to reuse across runs; default a fresh dir in the run's temp root. */
  toolCache?: string
  /** PATH of the step; default the host PATH without .tools/bin (so tool downloads are exercised). */
  path?: string
  /** Extra environment (wins over everything). */
  env?: Record<string, string>
  timeoutMs?: number
  /** The job's id (GITHUB_JOB, `github.job`); default `harden`. */
  job?: string
  /** The job's matrix values (`matrix`); default none, a job without a matrix. */
  matrix?: Record<string, unknown>
}

export interface ActionRun {
  exitCode: number | null
  signal: NodeJS.Signals | null
  timedOut: boolean
  stdout: string
  stderr: string
  /** Outputs set through GITHUB_OUTPUT. */
  outputs: Record<string, string>
  /** Contents of GITHUB_STEP_SUMMARY. */
  summary: string
  /** GITHUB_ENV / GITHUB_STATE / GITHUB_PATH writes. */
  exportedEnv: Record<string, string>
  state: Record<string, string>
  addedPath: string[]
  /** Workflow commands from stdout (error, warning, notice, debug, group, add-mask, ...). */
  commands: WorkflowCommand[]
  errors: WorkflowCommand[]
  warnings: WorkflowCommand[]
  notices: WorkflowCommand[]
  /** The environment the step ran with. */
  env: Record<string, string>
  context: GitHubContext
  /** Temp root (event file, RUNNER_TEMP, default workspace and tool cache, file-command files). */
  tempRoot: string
  /** The workspace the action ran in (GITHUB_WORKSPACE). */
  workspace: string
  /** Removes tempRoot (call in afterEach / finally). */
  cleanup(): void
}

function inputDefaults(
  actionYml: string,
  ctx: { token: string; workspace: string; job: string; matrix?: Record<string, unknown> }
): Record<string, string> {
  if (!existsSync(actionYml)) return {}
  const doc = parseYaml(readFileSync(actionYml, 'utf8')) as {
    inputs?: Record<string, { default?: unknown }>
  }
  const out: Record<string, string> = {}
  for (const [name, def] of Object.entries(doc.inputs ?? {})) {
    if (def?.default === undefined || def.default === null) continue
    const value = String(def.default).replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
      if (expr === 'github.token') return ctx.token
      if (expr === 'github.workspace') return ctx.workspace
      if (expr === 'github.job') return ctx.job
      // The runner's toJSON indents by two spaces; `matrix` is null in a job without one.
      if (expr === 'toJSON(matrix)') return JSON.stringify(ctx.matrix ?? null, null, 2)
      throw new Error(
        `harness runner: unsupported expression \${{ ${expr} }} in the default of input ${name}`
      )
    })
    out[name] = value
  }
  return out
}

/** Runs the action once and collects everything the runner would. */
export async function runAction(o: RunActionOptions = {}): Promise<ActionRun> {
  const node = o.node ?? NODE20
  if (!existsSync(node)) throw new Error(`harness runner: node binary ${node} not found`)
  const entry = o.entry ?? path.join(REPO_ROOT, 'dist', 'index.js')
  if (!existsSync(entry))
    throw new Error(`harness runner: action entry ${entry} not found (npm run bundle)`)
  const tempRoot = mkdtempSync(path.join(os.tmpdir(), 'harness-runner-'))
  try {
    return await runIn(tempRoot, node, entry, o)
  } catch (e) {
    rmSync(tempRoot, { recursive: true, force: true })
    throw e
  }
}

async function runIn(
  tempRoot: string,
  node: string,
  entry: string,
  o: RunActionOptions
): Promise<ActionRun> {
  const workspace = o.workspace ?? path.join(tempRoot, 'workspace')
  const runnerTemp = path.join(tempRoot, 'runner-temp')
  const toolCache = o.toolCache ?? path.join(tempRoot, 'tool-cache')
  const fileCmds = path.join(tempRoot, 'file-commands')
  for (const d of [workspace, runnerTemp, toolCache, fileCmds]) mkdirSync(d, { recursive: true })
  const files = {
    output: path.join(fileCmds, 'set_output'),
    summary: path.join(fileCmds, 'step_summary'),
    env: path.join(fileCmds, 'set_env'),
    state: path.join(fileCmds, 'save_state'),
    path: path.join(fileCmds, 'add_path')
  }
  for (const f of Object.values(files)) writeFileSync(f, '')

  const eventName = o.event ?? 'pull_request'
  const ctx = githubContext(eventName, o.eventOptions)
  if (o.payload) ctx.payload = { ...ctx.payload, ...o.payload }
  const eventPath = path.join(tempRoot, 'event.json')
  writeFileSync(eventPath, JSON.stringify(ctx.payload, null, 2))

  const token = o.token ?? 'ghs_harnessTokenForTests'
  const [owner] = ctx.repository.split('/')
  const hostPath = (o.path ?? process.env.PATH ?? '/usr/bin:/bin')
    .split(path.delimiter)
    .filter((p) => o.path !== undefined || path.resolve(p) !== path.resolve(TOOLS_BIN))
    .join(path.delimiter)

  const env: Record<string, string> = {
    PATH: hostPath,
    HOME: process.env.HOME ?? tempRoot,
    LANG: 'C.UTF-8',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION: '__run',
    GITHUB_ACTION_REPOSITORY: '',
    GITHUB_ACTOR: ctx.actor,
    GITHUB_ACTOR_ID: '4242',
    GITHUB_API_URL: o.apiUrl ?? 'http://127.0.0.1:9',
    GITHUB_GRAPHQL_URL: `${o.apiUrl ?? 'http://127.0.0.1:9'}/graphql`,
    GITHUB_SERVER_URL: o.serverUrl ?? 'https://github.com',
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: ctx.repository,
    GITHUB_REPOSITORY_OWNER: owner!,
    GITHUB_REPOSITORY_ID: '123456789',
    GITHUB_SHA: ctx.sha,
    GITHUB_REF: ctx.ref,
    GITHUB_REF_NAME: ctx.ref
      .replace(/^refs\/(heads|tags)\//, '')
      .replace(/^refs\/pull\/(\d+)\/merge$/, '$1/merge'),
    GITHUB_REF_TYPE: ctx.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    GITHUB_HEAD_REF: ctx.headRef ?? '',
    GITHUB_BASE_REF: ctx.baseRef ?? '',
    GITHUB_RUN_ID: '4815162342',
    GITHUB_RUN_NUMBER: '42',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: o.job ?? 'harden',
    GITHUB_WORKFLOW: 'Hardening',
    GITHUB_WORKFLOW_REF: `${ctx.repository}/.github/workflows/harden.yml@${ctx.ref}`,
    GITHUB_RETENTION_DAYS: '90',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_ENV: files.env,
    GITHUB_STATE: files.state,
    GITHUB_PATH: files.path,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'harness-runner',
    RUNNER_ENVIRONMENT: 'github-hosted',
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: toolCache,
    RUNNER_DEBUG: '0'
  }
  const inputs: Record<string, string> = {
    ...inputDefaults(o.actionYml ?? path.join(REPO_ROOT, 'action.yml'), {
      token,
      workspace,
      job: o.job ?? 'harden',
      ...(o.matrix ? { matrix: o.matrix } : {})
    }),
    ...Object.fromEntries(Object.entries(o.inputs ?? {}).map(([k, v]) => [k, String(v)]))
  }
  for (const [k, v] of Object.entries(inputs)) env[inputEnvName(k)] = v
  Object.assign(env, o.env ?? {})

  const child = track(
    spawn(node, [entry], { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'], shell: false })
  )
  const out: Buffer[] = []
  const err: Buffer[] = []
  child.stdout?.on('data', (d: Buffer) => out.push(d))
  child.stderr?.on('data', (d: Buffer) => err.push(d))
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    child.kill('SIGKILL')
  }, o.timeoutMs ?? 600_000)
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(
    (resolve, reject) => {
      child.once('error', reject)
      child.once('close', (c, s) => resolve([c, s]))
    }
  ).finally(() => clearTimeout(timer))

  const stdout = Buffer.concat(out).toString('utf8')
  const commands = parseWorkflowCommands(stdout)
  const result: ActionRun = {
    exitCode,
    signal,
    timedOut,
    stdout,
    stderr: Buffer.concat(err).toString('utf8'),
    outputs: parseFileCommand(readFileSync(files.output, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
    exportedEnv: parseFileCommand(readFileSync(files.env, 'utf8')),
    state: parseFileCommand(readFileSync(files.state, 'utf8')),
    addedPath: readFileSync(files.path, 'utf8').split('\n').filter(Boolean),
    commands,
    errors: commands.filter((c) => c.command === 'error'),
    warnings: commands.filter((c) => c.command === 'warning'),
    notices: commands.filter((c) => c.command === 'notice'),
    env,
    context: ctx,
    tempRoot,
    workspace,
    cleanup: () => rmSync(tempRoot, { recursive: true, force: true })
  }
  return result
}

/** Node binaries available for the action: Node 20 always, Node 24 once installed. */
export function availableNodes(): Array<{ name: string; path: string }> {
  const nodes = [{ name: 'node20', path: NODE20 }]
  if (existsSync(NODE24)) nodes.push({ name: 'node24', path: NODE24 })
  return nodes
}

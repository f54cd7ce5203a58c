// Which config file governs a run. On a pull request that is the base branch's copy: the pull
// request's own could lower its thresholds, and everything a pull request contains is untrusted
// (docs/security.md). It is read from the base commit in the checkout's git objects (the
// checkout fetched it with `fetch-depth: 0` or 2), else through GitHub's contents API at that
// commit. If neither answers, the run fails closed; a base without the file means the defaults.
import { execFile } from 'node:child_process'
import { lstat, readFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import {
  createClient,
  statusOf,
  messageOf,
  withRetry,
  type RetryOptions
} from '../github/client.js'
import type { RunContext } from '../github/context.js'
import type { Logger } from '../log.js'
import { toolEnv } from '../util/run-tool.js'
import { MAX_CONFIG_FILE_BYTES, parseConfigFile, type ConfigFile } from './file.js'
import { ConfigError, type ConfigFileChoice } from './inputs.js'

const run = promisify(execFile)

export interface GoverningConfig {
  file?: ConfigFile
  /** What the summary says about the config file: where it came from, a change not applied. */
  notes: string[]
}

export interface GoverningConfigOptions {
  workspace: string
  choice: ConfigFileChoice
  ctx: Pick<RunContext, 'apiUrl' | 'owner' | 'repo' | 'pullRequest'>
  token: string
  log: Logger
  retry?: Partial<RetryOptions>
}

/** The config file that governs this run, read from where the trust rule says. */
export async function readGoverningConfig(
  options: GoverningConfigOptions
): Promise<GoverningConfig> {
  const { workspace, choice, ctx } = options
  const pr = ctx.pullRequest
  if (!pr || choice.fromPullRequest) {
    const file = await readCheckoutCopy(workspace, choice.path)
    const notes =
      pr && file
        ? [
            `The pull request's own ${choice.path} was applied (config-from-pr: true), so the pull request could change its own thresholds.`
          ]
        : []
    return { ...(file ? { file: parseConfigFile(file, choice.path) } : {}), notes }
  }
  if (!pr.baseSha)
    throw new ConfigError(
      `This pull request run has no base commit in its event, so the base branch's ${choice.path} cannot be read; refusing to run with the pull request's copy (set config-from-pr: true to allow it).`
    )
  const name = `${choice.path} (base ${pr.baseSha.slice(0, 12)})`
  const base =
    (await readFromGit(workspace, pr.baseSha, choice.path)) ??
    (await readFromApi(options, pr.baseSha, name))
  // Only compared, never applied: a copy we refuse to read counts as a change.
  const head = await readCheckoutCopy(workspace, choice.path).catch(() => null)
  const notes: string[] = []
  if (base.text === undefined)
    notes.push(
      `The base branch has no ${choice.path}: this pull request is checked with the defaults and the inputs.`
    )
  else
    notes.push(
      `Configuration from the base branch's ${choice.path} (commit ${pr.baseSha.slice(0, 12)}).`
    )
  if (head !== base.text)
    notes.push(
      `This pull request ${base.text === undefined ? 'adds' : head === undefined ? 'removes' : 'changes'} ${choice.path}; its changes are not applied to its own check (the base branch's configuration governs pull requests). They take effect once merged.`
    )
  return { ...(base.text !== undefined ? { file: parseConfigFile(base.text, name) } : {}), notes }
}

/** The checkout's copy: a regular file (never followed through a link), or undefined when absent. */
async function readCheckoutCopy(workspace: string, file: string): Promise<string | undefined> {
  const full = path.join(workspace, file)
  const info = await lstat(full).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined
    throw error
  })
  if (!info) return undefined
  if (!info.isFile())
    throw new ConfigError(
      `${file} is ${info.isSymbolicLink() ? 'a symbolic link' : 'not a file'}; a config file must be a regular file.`
    )
  if (info.size > MAX_CONFIG_FILE_BYTES)
    throw new ConfigError(
      `${file}: ${info.size} bytes is more than a config file may have (${MAX_CONFIG_FILE_BYTES}).`
    )
  return readFile(full, 'utf8')
}

interface BaseCopy {
  /** The file's text at the base commit; undefined when the base has no such file. */
  text?: string
}

/** The base commit's copy from the checkout's objects; undefined when the commit is not there. */
async function readFromGit(
  workspace: string,
  sha: string,
  file: string
): Promise<BaseCopy | undefined> {
  const git = (...args: string[]) =>
    run('git', ['-C', workspace, ...args], {
      env: toolEnv({ network: false }),
      encoding: 'utf8',
      maxBuffer: MAX_CONFIG_FILE_BYTES + 1024
    })
  try {
    await git('cat-file', '-e', `${sha}^{commit}`)
  } catch {
    return undefined // a shallow checkout, or no git at all: ask the API
  }
  const object = `${sha}:${file}`
  const type = await git('cat-file', '-t', object).then(
    ({ stdout }) => stdout.trim(),
    () => undefined
  )
  if (type === undefined) return {}
  if (type !== 'blob')
    throw new ConfigError(`${file} at the base commit ${sha} is a ${type}, not a file.`)
  const size = Number((await git('cat-file', '-s', object)).stdout.trim())
  if (size > MAX_CONFIG_FILE_BYTES)
    throw new ConfigError(
      `${file} at the base commit is ${size} bytes, more than a config file may have (${MAX_CONFIG_FILE_BYTES}).`
    )
  return { text: (await git('cat-file', 'blob', object)).stdout }
}

/** The base commit's copy through GitHub's contents API; any answer but the file or a 404 fails the run. */
async function readFromApi(
  { ctx, token, log, retry, choice }: GoverningConfigOptions,
  sha: string,
  name: string
): Promise<BaseCopy> {
  const unreadable = (why: string) =>
    new ConfigError(
      `Cannot read the base branch's ${name}: ${why}. A pull request is checked with its base branch's configuration, never its own; check out with fetch-depth: 0 (or 2) so the base commit is in the checkout, or give the token contents: read.`
    )
  if (!token) throw unreadable('the base commit is not in the checkout and there is no token')
  const client = createClient(token, ctx.apiUrl)
  let data: unknown
  try {
    data = (
      await withRetry(
        `Reading ${name}`,
        () =>
          client.rest.repos.getContent({
            owner: ctx.owner,
            repo: ctx.repo,
            path: choice.path,
            ref: sha
          }),
        log,
        retry
      )
    ).data
  } catch (error) {
    if (statusOf(error) === 404) return {}
    throw unreadable(`GitHub answered ${statusOf(error) ?? 'nothing'} (${messageOf(error)})`)
  }
  const file = data as { type?: string; encoding?: string; content?: string; size?: number }
  if (Array.isArray(data) || file.type !== 'file')
    throw new ConfigError(
      `${name} is a ${Array.isArray(data) ? 'directory' : file.type}, not a file.`
    )
  if ((file.size ?? 0) > MAX_CONFIG_FILE_BYTES || file.encoding !== 'base64')
    throw new ConfigError(
      `${name} is ${file.size} bytes, more than a config file may have (${MAX_CONFIG_FILE_BYTES}).`
    )
  return { text: Buffer.from(file.content ?? '', 'base64').toString('utf8') }
}

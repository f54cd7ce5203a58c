import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Location } from '../findings/model.js'
import { encodeUrlPath } from '../report/markdown.js'

/** What the reporting needs to know about the workflow run (from the runner's environment). */
export interface RunContext {
  /** REST API base URL (GITHUB_API_URL; GitHub Enterprise Server and tests use their own). */
  apiUrl: string
  /** Web base URL (GITHUB_SERVER_URL), for links to files. */
  serverUrl: string
  owner: string
  repo: string
  eventName: string
  /** GITHUB_SHA: for pull_request the merge commit the runner checked out. */
  sha: string
  /** GITHUB_REF: refs/heads/…, refs/tags/… or refs/pull/<n>/merge. */
  ref: string
  actor: string
  defaultBranch?: string
  /** Workflow file (repo-relative), from GITHUB_WORKFLOW_REF. */
  workflowFile?: string
  pullRequest?: {
    number: number
    headSha: string
    /** The head branch's name (`feature/x`), without `refs/heads/`. */
    headRef?: string
    /** The base commit the pull request is compared with (what `git diff base...head` takes). */
    baseSha?: string
    /** owner/name of the head repository; null when the fork was deleted. */
    headRepo: string | null
    baseRepo: string
  }
}

type Env = Record<string, string | undefined>

interface Payload {
  number?: number
  pull_request?: {
    number?: number
    head?: { sha?: string; ref?: string; repo?: { full_name?: string } | null }
    base?: { sha?: string; repo?: { full_name?: string } }
  }
  repository?: { default_branch?: string }
}

/** Reads the run context from the runner's environment and event payload file. */
export function readRunContext(env: Env = process.env): RunContext {
  let payload: Payload = {}
  if (env.GITHUB_EVENT_PATH) {
    try {
      payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as Payload
    } catch {
      payload = {}
    }
  }
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '').split('/')
  const pr = payload.pull_request
  const workflowRef = env.GITHUB_WORKFLOW_REF ?? ''
  const workflowFile = /^[^/]+\/[^/]+\/(.+?)@/.exec(workflowRef)?.[1]
  return {
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
    serverUrl: (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, ''),
    owner,
    repo,
    eventName: env.GITHUB_EVENT_NAME ?? '',
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    actor: env.GITHUB_ACTOR ?? '',
    ...(payload.repository?.default_branch
      ? { defaultBranch: payload.repository.default_branch }
      : {}),
    ...(workflowFile ? { workflowFile } : {}),
    ...(pr && typeof (pr.number ?? payload.number) === 'number'
      ? {
          pullRequest: {
            number: (pr.number ?? payload.number) as number,
            headSha: pr.head?.sha ?? '',
            ...(pr.head?.ref ? { headRef: pr.head.ref } : {}),
            ...(pr.base?.sha ? { baseSha: pr.base.sha } : {}),
            headRepo: pr.head?.repo?.full_name ?? null,
            baseRepo: pr.base?.repo?.full_name ?? `${owner}/${repo}`
          }
        }
      : {})
  }
}

/**
 * Why the token of this run cannot write to the repository, or undefined when it presumably can.
 * GitHub gives `pull_request` runs from forks, and Dependabot's runs, a read-only GITHUB_TOKEN
 * (whatever the workflow's `permissions:` say), so commenting and uploading would only fail.
 */
export function readOnlyReason(ctx: RunContext): string | undefined {
  const pr = ctx.pullRequest
  if (ctx.eventName === 'pull_request' && pr && pr.headRepo !== pr.baseRepo) {
    return `this pull request comes from a fork (${pr.headRepo ?? 'a deleted repository'}), and GitHub gives pull_request runs from forks a read-only token`
  }
  if (
    ctx.actor === 'dependabot[bot]' &&
    ['pull_request', 'push', 'pull_request_review', 'pull_request_review_comment'].includes(
      ctx.eventName
    )
  ) {
    return 'this run was triggered by Dependabot, and GitHub gives Dependabot runs a read-only token'
  }
  return undefined
}

const REF_PATTERN = /^refs\/(heads|tags|pull)\/.+$/
const SHA_PATTERN = /^[0-9a-fA-F]{40}([0-9a-fA-F]{24})?$/

/**
 * The `commit_sha` and `ref` of a code scanning upload, as GitHub documents them: the commit the
 * analysis ran on and its full ref — `refs/heads/<branch>` for push, schedule and
 * workflow_dispatch (the branch the run is on; the default branch for schedule),
 * `refs/tags/<tag>` for tags, `refs/pull/<n>/merge` for pull_request (the merge commit the
 * runner checks out). When the workflow checked out the PR head instead (`checkedOutSha` equals
 * the head SHA), the upload is for `refs/pull/<n>/head` and that commit.
 */
export function sarifTarget(
  ctx: RunContext,
  checkedOutSha?: string
): { commitSha: string; ref: string } | { error: string } {
  let ref = ctx.ref
  let commitSha = ctx.sha
  const pr = ctx.pullRequest
  if (pr && /^refs\/pull\/\d+\/merge$/.test(ref) && checkedOutSha && checkedOutSha !== ctx.sha) {
    if (checkedOutSha === pr.headSha) {
      ref = `refs/pull/${pr.number}/head`
      commitSha = checkedOutSha
    }
  }
  if (!REF_PATTERN.test(ref) && ctx.defaultBranch && ['schedule'].includes(ctx.eventName))
    ref = `refs/heads/${ctx.defaultBranch}`
  if (!REF_PATTERN.test(ref))
    return { error: `GITHUB_REF '${ref}' is not a branch, tag or pull request ref` }
  if (!SHA_PATTERN.test(commitSha))
    return { error: `GITHUB_SHA '${commitSha}' is not a commit SHA` }
  return { commitSha, ref }
}

/** A link to a file (and line) at a commit: `<server>/<owner>/<repo>/blob/<sha>/<path>#L<line>`. */
export function blobUrl(
  ctx: Pick<RunContext, 'serverUrl' | 'owner' | 'repo'>,
  sha: string,
  file: string,
  line?: number
): string {
  return `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/blob/${sha}/${encodeUrlPath(file)}${line ? `#L${line}` : ''}`
}

/**
 * The line of the workflow file that names `needle` (e.g. an image reference given in the
 * `images` input), else the workflow file's first line; undefined without a readable workflow
 * file. Used as the SARIF location of findings that have no file of their own.
 */
export function workflowLocation(
  ctx: Pick<RunContext, 'workflowFile'>,
  workspace: string,
  needle: string
): Location | undefined {
  if (!ctx.workflowFile) return undefined
  const file = path.resolve(workspace, ctx.workflowFile)
  if (!file.startsWith(`${path.resolve(workspace)}${path.sep}`)) return undefined
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
  const index = needle ? text.split(/\r\n|\r|\n/).findIndex((line) => line.includes(needle)) : -1
  return { path: ctx.workflowFile, startLine: index >= 0 ? index + 1 : 1 }
}

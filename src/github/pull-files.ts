import type { Logger } from '../log.js'
import { changedFilesFromGit, changedFilesFromPullFiles } from '../manifests/changed.js'
import {
  createClient,
  messageOf,
  withRetry,
  type GitHubClient,
  type RetryOptions
} from './client.js'
import type { RunContext } from './context.js'

/** GitHub's cap on the files `pulls/list-files` lists: a longer list is incomplete. */
export const MAX_LISTED_FILES = 3000

/** The pull request's files as `pulls/list-files` gives them (all pages), with retries. */
export function listPullRequestFiles(
  client: GitHubClient,
  ctx: Pick<RunContext, 'owner' | 'repo'>,
  pullNumber: number,
  log: Logger,
  retry?: Partial<RetryOptions>
) {
  return withRetry(
    'Listing the pull request files',
    () =>
      client.paginate(client.rest.pulls.listFiles, {
        owner: ctx.owner,
        repo: ctx.repo,
        pull_number: pullNumber,
        per_page: 100
      }),
    log,
    retry
  )
}

export interface PullRequestChangesRequest {
  ctx: RunContext
  token: string
  workspace: string
  timeoutMs: number
  client?: GitHubClient
}

/**
 * The files the pull request changes, for `scan-changed-only`: from git when the checkout holds
 * the base and head commits, else from GitHub's list of the pull request's files. Undefined (so
 * every manifest is checked, with a warning) when neither can say for sure.
 */
export async function pullRequestChanges(
  request: PullRequestChangesRequest,
  log: Logger
): Promise<Set<string> | undefined> {
  const { ctx } = request
  const pr = ctx.pullRequest
  if (!pr) return undefined
  const fromGit = pr.baseSha
    ? await changedFilesFromGit(request.workspace, pr.baseSha, pr.headSha, request.timeoutMs)
    : undefined
  if (fromGit) return new Set(fromGit)
  log.info(
    'scan-changed-only: the checkout lacks the base commit (fetch-depth: 0 provides it); listing the pull request files through the GitHub API.'
  )
  const checkAll = (why: string): undefined => {
    log.warning(`scan-changed-only: ${why}; every manifest is checked.`)
    return undefined
  }
  if (!request.token && !request.client) return checkAll('the token input is empty')
  const client = request.client ?? createClient(request.token, ctx.apiUrl)
  try {
    const files = await listPullRequestFiles(client, ctx, pr.number, log)
    if (files.length >= MAX_LISTED_FILES)
      return checkAll(`GitHub lists only the first ${MAX_LISTED_FILES} files of a pull request`)
    return new Set(changedFilesFromPullFiles(files))
  } catch (error) {
    return checkAll(`the pull request files could not be listed (${messageOf(error)})`)
  }
}

import type { CommentMode } from '../config/inputs.js'
import type { Logger } from '../log.js'
import { messageOf, statusOf, withRetry, type GitHubClient, type RetryOptions } from './client.js'
import { readOnlyReason, type RunContext } from './context.js'

export const PULL_REQUESTS_PERMISSION = 'pull-requests: write'

/** The hidden first line that identifies our comment; `id` separates several jobs' comments. */
export function commentMarker(id = 'report'): string {
  return `<!-- hardening-action:${id.replace(/[^A-Za-z0-9._-]+/g, '-')} -->`
}

/** The author of the comments written with GITHUB_TOKEN (and the identity it acts as). */
const ACTIONS_BOT = 'github-actions[bot]'

type Author = { login?: string; id?: number; type?: string } | null | undefined

/**
 * Which authors' comments are ours: the token's own user when `GET /user` tells it (a personal
 * access token), else — an installation token such as GITHUB_TOKEN cannot read `/user` —
 * GitHub Actions' bot. A marker in anyone else's comment is text they wrote, not our report.
 */
export async function ourAuthor(
  client: GitHubClient,
  log: Logger,
  retry: Partial<RetryOptions> | undefined
): Promise<(author: Author) => boolean> {
  try {
    const { data } = await withRetry(
      "Reading the token's user",
      () => client.rest.users.getAuthenticated(),
      log,
      retry
    )
    return (author) => author?.id === data.id
  } catch (error) {
    const status = statusOf(error)
    if (status !== 401 && status !== 403 && status !== 404) throw error
    return (author) => author?.login === ACTIONS_BOT && author.type === 'Bot'
  }
}

export type CommentResult =
  | { status: 'created' | 'updated'; id: number; url: string }
  | { status: 'skipped'; reason: string }
  | { status: 'failed'; httpStatus: number; reason: string }

export interface CommentOptions {
  mode?: CommentMode
  /** The gate failed (for `on-failure`). */
  failed?: boolean
  /** Marker id (see `commentMarker`); default `report`. */
  markerId?: string
  retry?: Partial<RetryOptions>
}

/**
 * Creates or updates the one PR comment of this action: finds it by the hidden marker on its
 * first line among the comments the token's identity wrote (see `ourAuthor`; paging through
 * every comment), updates it in place or creates it. `on-failure` creates a comment only when
 * the gate failed, but keeps an existing one current (so a fixed PR does not keep showing an old
 * failure). A 403 becomes a warning naming `pull-requests: write`;
 * nothing here throws for an API answer.
 */
export async function upsertPrComment(
  client: GitHubClient,
  ctx: RunContext,
  body: string,
  log: Logger,
  options: CommentOptions = {}
): Promise<CommentResult> {
  const mode = options.mode ?? 'always'
  const skip = (reason: string, warn = false): CommentResult => {
    if (warn) log.warning(reason)
    else log.info(reason)
    return { status: 'skipped', reason }
  }
  if (mode === 'never') return skip('PR comment disabled (comment: never).')
  const pr = ctx.pullRequest
  if (!pr)
    return skip(`No PR comment: the ${ctx.eventName || 'current'} event is not a pull request.`)
  const readOnly = readOnlyReason(ctx)
  if (readOnly)
    return skip(
      `No PR comment: ${readOnly}. The results are in the job summary and the annotations.`,
      true
    )

  const marker = commentMarker(options.markerId)
  const text = body.trimStart().startsWith(marker) ? body : `${marker}\n${body}`
  const where = { owner: ctx.owner, repo: ctx.repo }
  try {
    const comments = await withRetry(
      'Listing PR comments',
      () =>
        client.paginate(client.rest.issues.listComments, {
          ...where,
          issue_number: pr.number,
          per_page: 100
        }),
      log,
      options.retry
    )
    const marked = comments.filter((c) => (c.body ?? '').trimStart().startsWith(marker))
    // Who we are is asked only when some comment carries our marker.
    const ours = marked.length ? await ourAuthor(client, log, options.retry) : undefined
    const existing = marked.find((c) => ours?.(c.user))
    if (marked.length > 0 && !existing)
      log.info(
        `Ignored ${marked.length} comment(s) with this action's marker written by someone else (${[...new Set(marked.map((c) => c.user?.login ?? 'unknown'))].join(', ')}).`
      )
    if (!existing && mode === 'on-failure' && !options.failed)
      return skip('No PR comment: the scan passed (comment: on-failure).')
    if (existing) {
      const { data } = await withRetry(
        'Updating the PR comment',
        () => client.rest.issues.updateComment({ ...where, comment_id: existing.id, body: text }),
        log,
        options.retry
      )
      log.info(`Updated the PR comment ${data.html_url}`)
      return { status: 'updated', id: data.id, url: data.html_url }
    }
    const { data } = await withRetry(
      'Creating the PR comment',
      () => client.rest.issues.createComment({ ...where, issue_number: pr.number, body: text }),
      log,
      options.retry
    )
    log.info(`Created the PR comment ${data.html_url}`)
    return { status: 'created', id: data.id, url: data.html_url }
  } catch (error) {
    const status = statusOf(error) ?? 0
    const reason =
      status === 403
        ? `Could not write the PR comment (403: ${messageOf(error)}). Grant the workflow the \`${PULL_REQUESTS_PERMISSION}\` permission. The scan result is unaffected.`
        : `Could not write the PR comment (${status || 'network error'}: ${messageOf(error)}). The scan result is unaffected.`
    log.warning(reason)
    return { status: 'failed', httpStatus: status, reason }
  }
}

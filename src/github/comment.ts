import type { Logger } from '../log.js'
import { messageOf, statusOf, withRetry, type GitHubClient, type RetryOptions } from './client.js'
import { readOnlyReason, type RunContext } from './context.js'

export const COMMENT_MODES = ['always', 'on-failure', 'never'] as const
export type CommentMode = (typeof COMMENT_MODES)[number]

export const PULL_REQUESTS_PERMISSION = 'pull-requests: write'

/** The hidden first line that identifies our comment; `id` separates several jobs' comments. */
export function commentMarker(id = 'report'): string {
  return `<!-- hardening-action:${id.replace(/[^A-Za-z0-9._-]+/g, '-')} -->`
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
 * first line (paging through every comment), updates it in place or creates it. `on-failure`
 * creates a comment only when the gate failed, but keeps an existing one current (so a fixed PR
 * does not keep showing an old failure). A 403 becomes a warning naming `pull-requests: write`;
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
    const existing = comments.find((c) => (c.body ?? '').trimStart().startsWith(marker))
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

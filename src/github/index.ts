// The only code that talks to the GitHub API: SARIF upload, the PR comment and fix suggestions.
import type { CommentMode } from '../config/inputs.js'
import type { Logger } from '../log.js'
import { createClient, type GitHubClient, type RetryOptions } from './client.js'
import { upsertPrComment, type CommentResult } from './comment.js'
import { readOnlyReason, type RunContext } from './context.js'
import { uploadSarif, type UploadOptions, type UploadResult } from './upload.js'

export { createClient, withRetry, type GitHubClient, type RetryOptions } from './client.js'
export {
  blobUrl,
  readOnlyReason,
  readRunContext,
  sarifTarget,
  workflowLocation,
  type RunContext
} from './context.js'
export {
  commentMarker,
  upsertPrComment,
  PULL_REQUESTS_PERMISSION,
  type CommentOptions,
  type CommentResult
} from './comment.js'
export {
  publishFixSuggestions,
  toCommentFixes,
  type FixSuggestionRequest,
  type FixSuggestionResult
} from './review.js'
export {
  uploadSarif,
  SECURITY_EVENTS_PERMISSION,
  type UploadOptions,
  type UploadResult
} from './upload.js'

export interface PublishRequest {
  ctx: RunContext
  /** The `token` input (default `${{ github.token }}`); empty = nothing is published. */
  token: string
  /** Upload options, or undefined when `upload-sarif: false`. */
  sarif?: UploadOptions
  /** The comment, or undefined when there is nothing to comment. */
  comment?: { body: string; mode: CommentMode; failed: boolean; markerId?: string }
  /** For tests: a ready client instead of one made from token + ctx.apiUrl. */
  client?: GitHubClient
  /** Backoff for 5xx / network errors (default 3 retries from 1 s). */
  retry?: Partial<RetryOptions>
}

export interface PublishResult {
  upload?: UploadResult
  comment?: CommentResult
  /** Set when nothing was attempted (read-only token, fork PR, no token). */
  skipped?: string
}

/**
 * Uploads the SARIF and writes the PR comment. On a fork PR or with a read-only token it does
 * neither and says why in one warning. Never throws for an API answer; the caller's verdict
 * stands whatever happens here.
 */
export async function publishToGitHub(
  request: PublishRequest,
  log: Logger
): Promise<PublishResult> {
  const { ctx } = request
  const wanted =
    request.sarif !== undefined || (request.comment && request.comment.mode !== 'never')
  if (!wanted) return {}
  const readOnly = readOnlyReason(ctx)
  if (readOnly) {
    const skipped = `No SARIF upload and no PR comment: ${readOnly}. The job summary, annotations and outputs still carry the results.`
    log.warning(skipped)
    return { skipped }
  }
  if (!request.token && !request.client) {
    const skipped =
      'No SARIF upload and no PR comment: the token input is empty. The job summary, annotations and outputs still carry the results.'
    log.warning(skipped)
    return { skipped }
  }
  const client = request.client ?? createClient(request.token, ctx.apiUrl)
  const result: PublishResult = {}
  if (request.sarif)
    result.upload = await uploadSarif(
      client,
      ctx,
      { ...request.sarif, retry: { ...request.retry, ...request.sarif.retry } },
      log
    )
  if (request.comment)
    result.comment = await upsertPrComment(client, ctx, request.comment.body, log, {
      mode: request.comment.mode,
      failed: request.comment.failed,
      ...(request.retry ? { retry: request.retry } : {}),
      ...(request.comment.markerId ? { markerId: request.comment.markerId } : {})
    })
  return result
}

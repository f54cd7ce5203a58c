import { readFile, realpath } from 'node:fs/promises'
import path from 'node:path'
import type { Finding } from '../findings/model.js'
import type { FileFix, FixPlan, ManualFix } from '../fix/model.js'
import type { Logger } from '../log.js'
import type { CommentFixes } from '../report/comment.js'
import { createClient, messageOf, statusOf, withRetry } from './client.js'
import type { GitHubClient, RetryOptions } from './client.js'
import { ourAuthor, PULL_REQUESTS_PERMISSION } from './comment.js'
import { readOnlyReason, type RunContext } from './context.js'
import { listPullRequestFiles, MAX_LISTED_FILES } from './pull-files.js'
import {
  planSuggestions,
  rightSideLines,
  suggestionKey,
  type DiffLines,
  type FixElsewhere,
  type Suggestion,
  type SuggestionPlan
} from './review-plan.js'

export interface FixSuggestionRequest {
  ctx: RunContext
  /** The `token` input; empty = nothing is posted. */
  token: string
  plan: FixPlan
  findings: Finding[]
  /** The scanned checkout: the fixes' line numbers refer to its files. */
  workspace: string
  /** The `comment-id`: each job keeps its own suggestions. */
  markerId: string
  /** For tests: a ready client instead of one made from token + ctx.apiUrl. */
  client?: GitHubClient
  retry?: Partial<RetryOptions>
}

export interface FixSuggestionResult {
  /** Fixes the pull request shows as suggestions (posted now or kept from an earlier run). */
  suggested: FileFix[]
  /** Fixes it does not show, and why: the PR comment lists them with the `hardening fix` command. */
  elsewhere: FixElsewhere[]
  manual: ManualFix[]
  /** The review this run created, if it created one. */
  reviewUrl?: string
  created: number
  kept: number
  deleted: number
}

type ReviewComment = Awaited<
  ReturnType<GitHubClient['rest']['pulls']['listReviewComments']>
>['data'][number]

/**
 * Posts the fixes of `plan` that lie on lines of the pull request's diff as one review of
 * suggestion blocks and keeps them current across runs: our earlier suggestion comments (found
 * by marker and author) that still apply are kept, the others deleted; nothing is posted twice.
 * A fork PR, a read-only token (403) or a diff GitHub will not comment on (422, after one retry
 * against the refreshed diff) leave the fixes to the PR comment, with a warning. Never throws
 * for an API answer: the verdict is decided elsewhere.
 */
export async function publishFixSuggestions(
  request: FixSuggestionRequest,
  log: Logger
): Promise<FixSuggestionResult> {
  const { ctx, plan } = request
  const result: FixSuggestionResult = {
    suggested: [],
    elsewhere: [],
    manual: plan.manual,
    created: 0,
    kept: 0,
    deleted: 0
  }
  const degrade = (reason: string): FixSuggestionResult => ({
    ...result,
    elsewhere: plan.fixes.map((fix) => ({ fix, reason }))
  })
  const pr = ctx.pullRequest
  if (!pr) return degrade('this run is not for a pull request')
  const readOnly =
    readOnlyReason(ctx) ??
    (request.token || request.client ? undefined : 'the token input is empty')
  if (readOnly) {
    if (plan.fixes.length)
      log.warning(
        `No fix suggestions on the pull request: ${readOnly}. The PR comment and the job summary list the fixes with the \`hardening fix\` command.`
      )
    return degrade('this run cannot write to the pull request')
  }
  const client = request.client ?? createClient(request.token, ctx.apiUrl)
  const where = { owner: ctx.owner, repo: ctx.repo }
  const api = <T>(what: string, call: () => Promise<T>): Promise<T> =>
    withRetry(what, call, log, request.retry)

  const planOnDiff = async (): Promise<SuggestionPlan> => {
    const diff = new Map<string, DiffLines>()
    if (plan.fixes.length) {
      const files = await listPullRequestFiles(client, ctx, pr.number, log, request.retry)
      if (files.length >= MAX_LISTED_FILES)
        log.info(
          `GitHub lists only the first ${MAX_LISTED_FILES} files of a pull request; fixes in the others are listed in the PR comment.`
        )
      for (const file of files)
        if (file.status !== 'removed') diff.set(file.filename, rightSideLines(file.patch))
    }
    return planSuggestions({
      fixes: plan.fixes,
      findings: request.findings,
      diff,
      scanned: await scannedLines(request.workspace, plan.fixes, diff),
      markerId: request.markerId
    })
  }

  try {
    let planned = await planOnDiff()
    const comments = await api('Listing the pull request review comments', () =>
      client.paginate(client.rest.pulls.listReviewComments, {
        ...where,
        pull_number: pr.number,
        per_page: 100
      })
    )
    const marked = comments.filter((c) => suggestionKey(c.body, request.markerId) !== undefined)
    const isOurs = marked.length ? await ourAuthor(client, log, request.retry) : undefined
    const ours = marked.filter((c) => isOurs?.(c.user))

    // An earlier suggestion is kept when the same text still sits on the same lines (once).
    const existing = new Map<string, ReviewComment>()
    for (const comment of ours) {
      const key = suggestionKey(comment.body, request.markerId)!
      if (!existing.has(key)) existing.set(key, comment)
    }
    const keptComment = (s: Suggestion): ReviewComment | undefined => {
      const c = existing.get(s.key)
      return c &&
        c.path === s.path &&
        c.line === s.endLine &&
        (c.start_line ?? c.line) === s.startLine
        ? c
        : undefined
    }

    let created: Suggestion[] = []
    let writable = true
    for (let attempt = 1; ; attempt++) {
      const toCreate = planned.suggestions.filter((s) => !keptComment(s))
      if (!toCreate.length) break
      try {
        const { data } = await api('Creating the fix suggestions review', () =>
          client.rest.pulls.createReview({
            ...where,
            pull_number: pr.number,
            // The scanned head; on the retry GitHub's latest, whose diff was just read again.
            ...(attempt === 1 && pr.headSha ? { commit_id: pr.headSha } : {}),
            event: 'COMMENT',
            body: reviewBody(toCreate),
            comments: toCreate.map(reviewComment)
          })
        )
        result.reviewUrl = data.html_url
        created = toCreate
        break
      } catch (error) {
        const status = statusOf(error)
        if (status === 422 && attempt === 1) {
          log.info(
            `GitHub rejected the fix suggestions (422: ${messageOf(error)}); reading the pull request's diff again.`
          )
          planned = await planOnDiff()
          continue
        }
        if (status !== 403 && status !== 422) throw error
        writable = status !== 403
        log.warning(
          status === 403
            ? `Could not post the fix suggestions (403: ${messageOf(error)}). Grant the workflow the \`${PULL_REQUESTS_PERMISSION}\` permission. The PR comment lists the fixes instead; the scan result is unaffected.`
            : `GitHub rejected the fix suggestions again (422: ${messageOf(error)}). The PR comment lists the fixes instead; the scan result is unaffected.`
        )
        break
      }
    }

    const kept = planned.suggestions.filter((s) => keptComment(s))
    const keptIds = new Set(kept.map((s) => keptComment(s)!.id))
    if (writable)
      for (const comment of ours.filter((c) => !keptIds.has(c.id)))
        if (await deleteSuggestion(client, ctx, comment, log, request.retry)) result.deleted++

    // A fix is shown when every part of it is on the pull request.
    const posted = new Set([...created, ...kept])
    const partial = new Set(planned.suggestions.filter((s) => !posted.has(s)).map((s) => s.fix))
    const shown = new Set([...posted].map((s) => s.fix).filter((fix) => !partial.has(fix)))
    result.created = created.length
    result.kept = kept.length
    result.suggested = plan.fixes.filter((fix) => shown.has(fix))
    const notShown = new Map(planned.elsewhere.map((e) => [e.fix, e.reason]))
    result.elsewhere = plan.fixes
      .filter((fix) => !shown.has(fix))
      .map((fix) => ({ fix, reason: notShown.get(fix) ?? 'GitHub did not accept the suggestion' }))
    log.info(
      `Fix suggestions: ${result.created} posted, ${result.kept} kept, ${result.deleted} outdated deleted; ${result.elsewhere.length} fix(es) listed in the PR comment.`
    )
    return result
  } catch (error) {
    log.warning(
      `Could not post the fix suggestions (${statusOf(error) ?? 'network error'}: ${messageOf(error)}). The PR comment lists the fixes instead; the scan result is unaffected.`
    )
    return degrade('GitHub did not accept the suggestions')
  }
}

/** Deletes one of our outdated suggestion comments; true when it is gone because of us. */
async function deleteSuggestion(
  client: GitHubClient,
  ctx: RunContext,
  comment: ReviewComment,
  log: Logger,
  retry: Partial<RetryOptions> | undefined
): Promise<boolean> {
  try {
    await withRetry(
      'Deleting an outdated fix suggestion',
      () =>
        client.rest.pulls.deleteReviewComment({
          owner: ctx.owner,
          repo: ctx.repo,
          comment_id: comment.id
        }),
      log,
      retry
    )
    return true
  } catch (error) {
    if (statusOf(error) !== 404)
      log.warning(
        `Could not delete the outdated fix suggestion ${comment.html_url} (${statusOf(error) ?? 'network error'}: ${messageOf(error)}).`
      )
    return false
  }
}

/** The comment's "Fixes" section from the outcome of the suggestions. */
export function toCommentFixes(result: FixSuggestionResult): CommentFixes {
  return {
    suggested: result.suggested.length,
    ...(result.reviewUrl ? { reviewUrl: result.reviewUrl } : {}),
    elsewhere: result.elsewhere.map(({ fix, reason }) => ({
      path: fix.path,
      startLine: fix.edits[0]?.startLine ?? 1,
      resolves: fix.resolves.length,
      reason
    })),
    manual: result.manual
  }
}

function reviewComment(s: Suggestion) {
  return {
    path: s.path,
    body: s.body,
    line: s.endLine,
    side: 'RIGHT',
    ...(s.startLine < s.endLine ? { start_line: s.startLine, start_side: 'RIGHT' } : {})
  }
}

function reviewBody(suggestions: Suggestion[]): string {
  const fixes = new Set(suggestions.map((s) => s.fix)).size
  return `🔧 **hardening-action** suggests ${fixes} verified fix${fixes === 1 ? '' : 'es'} on lines this pull request changes: applying one resolves the findings it names and adds no new one. Fixes elsewhere are listed in the PR comment.`
}

/**
 * The lines of each file a fix touches and the PR's diff shows, as the scan read them. A path
 * that leaves the workspace through a link is not read (its fixes are not suggested).
 */
async function scannedLines(
  workspace: string,
  fixes: FileFix[],
  diff: Map<string, DiffLines>
): Promise<Map<string, string[]>> {
  const lines = new Map<string, string[]>()
  const root = await realpath(workspace)
  for (const file of new Set(fixes.map((fix) => fix.path).filter((p) => diff.has(p)))) {
    try {
      const real = await realpath(path.join(root, file))
      if (!real.startsWith(`${root}${path.sep}`)) continue
      lines.set(file, (await readFile(real, 'utf8')).split('\n'))
    } catch {
      continue
    }
  }
  return lines
}

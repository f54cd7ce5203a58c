import type { Logger } from '../log.js'
import {
  messageOf,
  sleep as realSleep,
  statusOf,
  withRetry,
  type GitHubClient,
  type RetryOptions
} from './client.js'
import { readOnlyReason, sarifTarget, type RunContext } from './context.js'

export interface UploadOptions {
  /** gzip of the SARIF JSON (`serializeSarif(...).gzip`); base64-encoded here. */
  gzip: Buffer
  /** The checkout path as a file URI (`file:///home/runner/work/repo/repo/`). */
  checkoutUri?: string
  /** The commit the workspace has checked out, when known (`git rev-parse HEAD`). */
  checkedOutSha?: string
  /** ISO 8601 time the analysis started. */
  startedAt?: string
  toolName?: string
  retry?: Partial<RetryOptions>
  /** Processing-status polling: first interval, doubling up to `maxIntervalMs`, until `timeoutMs`. */
  poll?: { intervalMs?: number; maxIntervalMs?: number; timeoutMs?: number }
  sleep?: (ms: number) => Promise<void>
}

export type UploadResult =
  | { status: 'skipped'; reason: string }
  /** GitHub refused the upload (403, 404, 413, 400/422): `reason` says why and what to do. */
  | { status: 'rejected'; httpStatus: number; reason: string }
  | {
      status: 'uploaded'
      sarifId: string
      /** `complete`, `failed` (see `errors`), or `pending` when polling gave up. */
      processing: 'complete' | 'failed' | 'pending'
      errors: string[]
      analysesUrl?: string
    }

export const SECURITY_EVENTS_PERMISSION = 'security-events: write'

/**
 * Uploads a SARIF file to code scanning (`POST /repos/{owner}/{repo}/code-scanning/sarifs`),
 * then polls its processing status. Never throws for an API answer: a refusal or a processing
 * failure becomes a result and a warning, so the scan's verdict is never affected. Retries 5xx,
 * 429 and network errors with backoff.
 */
export async function uploadSarif(
  client: GitHubClient,
  ctx: RunContext,
  options: UploadOptions,
  log: Logger
): Promise<UploadResult> {
  const readOnly = readOnlyReason(ctx)
  if (readOnly) {
    const reason = `SARIF not uploaded to code scanning: ${readOnly}. The results are in the job summary and the sarif-file output.`
    log.warning(reason)
    return { status: 'skipped', reason }
  }
  const target = sarifTarget(ctx, options.checkedOutSha)
  if ('error' in target) {
    const reason = `SARIF not uploaded to code scanning: ${target.error}.`
    log.warning(reason)
    return { status: 'skipped', reason }
  }
  const sleep = options.sleep ?? realSleep
  const retry = { sleep, ...options.retry }
  let sarifId: string
  try {
    const response = await withRetry(
      'SARIF upload',
      () =>
        client.rest.codeScanning.uploadSarif({
          owner: ctx.owner,
          repo: ctx.repo,
          commit_sha: target.commitSha,
          ref: target.ref,
          sarif: options.gzip.toString('base64'),
          ...(options.checkoutUri ? { checkout_uri: options.checkoutUri } : {}),
          ...(options.startedAt ? { started_at: options.startedAt } : {}),
          ...(options.toolName ? { tool_name: options.toolName } : {})
        }),
      log,
      retry
    )
    sarifId = response.data.id ?? ''
  } catch (error) {
    const status = statusOf(error)
    const reason = refusal(status, messageOf(error), options.gzip.length)
    log.warning(reason)
    return status === undefined
      ? { status: 'rejected', httpStatus: 0, reason }
      : { status: 'rejected', httpStatus: status, reason }
  }
  log.info(
    `SARIF uploaded to code scanning for ${target.ref} at ${target.commitSha} (id ${sarifId}).`
  )
  if (!sarifId) return { status: 'uploaded', sarifId, processing: 'pending', errors: [] }
  return poll(client, ctx, sarifId, options, log, sleep, retry)
}

function refusal(status: number | undefined, message: string, bytes: number): string {
  const base = 'SARIF upload to code scanning failed'
  switch (status) {
    case 403:
      return `${base} (403: ${message}). Grant the workflow the \`${SECURITY_EVENTS_PERMISSION}\` permission (and, for a private repository, enable GitHub Advanced Security / code scanning). The scan result is unaffected.`
    case 404:
      return `${base} (404: ${message}): the repository was not found or code scanning is not available for it. The scan result is unaffected.`
    case 413:
      return `${base} (413: ${message}): the gzipped SARIF is ${bytes} bytes, over GitHub's limit. The scan result is unaffected; the full SARIF is in the sarif-file output.`
    case undefined:
      return `${base} (network error: ${message}). The scan result is unaffected.`
    default:
      return `${base} (${status}: ${message}). The scan result is unaffected.`
  }
}

async function poll(
  client: GitHubClient,
  ctx: RunContext,
  sarifId: string,
  options: UploadOptions,
  log: Logger,
  sleep: (ms: number) => Promise<void>,
  retry: Partial<RetryOptions>
): Promise<UploadResult> {
  const first = options.poll?.intervalMs ?? 2000
  const max = options.poll?.maxIntervalMs ?? 15_000
  const timeout = options.poll?.timeoutMs ?? 120_000
  let waited = 0
  let interval = first
  for (;;) {
    try {
      const { data } = await withRetry(
        'SARIF processing status',
        () =>
          client.rest.codeScanning.getSarif({
            owner: ctx.owner,
            repo: ctx.repo,
            sarif_id: sarifId
          }),
        log,
        retry
      )
      if (data.processing_status === 'complete') {
        log.info('Code scanning processed the SARIF.')
        return {
          status: 'uploaded',
          sarifId,
          processing: 'complete',
          errors: [],
          ...(data.analyses_url ? { analysesUrl: data.analyses_url } : {})
        }
      }
      if (data.processing_status === 'failed') {
        const errors = [...(data.errors ?? [])]
        log.warning(
          `Code scanning could not process the SARIF (id ${sarifId}): ${errors.join('; ') || 'no reason given'}. The scan result is unaffected.`
        )
        return { status: 'uploaded', sarifId, processing: 'failed', errors }
      }
    } catch (error) {
      // 404 right after the upload means "not registered yet"; anything else ends the polling.
      const status = statusOf(error)
      if (status !== 404) {
        log.warning(
          `Could not read the SARIF processing status (${status ?? 'network error'}: ${messageOf(error)}); the upload itself succeeded.`
        )
        return { status: 'uploaded', sarifId, processing: 'pending', errors: [] }
      }
    }
    if (waited >= timeout) {
      log.warning(
        `Code scanning had not finished processing the SARIF (id ${sarifId}) after ${Math.round(timeout / 1000)}s; it will appear in the Security tab when it has.`
      )
      return { status: 'uploaded', sarifId, processing: 'pending', errors: [] }
    }
    await sleep(interval)
    waited += interval
    interval = Math.min(max, interval * 2)
  }
}

import { isSafeTransport, redactUrl } from './urls.js'

/** A download that failed for good (after retries, or at once for a client error such as 404). */
export class DownloadError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DownloadError'
  }
}

export interface RetryOptions {
  attempts: number
  /** Delay before the second attempt; doubled for each further attempt. */
  initialDelayMs: number
  log?: (message: string) => void
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 4, initialDelayMs: 2_000 }

const MAX_REDIRECTS = 5

/**
 * GET with redirects followed by hand: each hop is checked before it is requested, so an https
 * mirror (or a MITM of a loopback one) cannot send us to plain http, where anyone on the path
 * could swap a release together with its checksums file.
 */
async function fetchFollowing(url: string): Promise<Response> {
  let current = new URL(url)
  for (let hop = 0; ; hop++) {
    const response = await fetch(current, { redirect: 'manual' })
    const location = response.headers.get('location')
    if (response.status < 300 || response.status >= 400 || !location) return response
    await response.body?.cancel()
    const next = new URL(location, current)
    if (!isSafeTransport(next))
      throw new DownloadError(
        `Download of ${redactUrl(url)} was redirected to ${redactUrl(next.href)}, which is not https; refusing it.`
      )
    if (hop >= MAX_REDIRECTS)
      throw new DownloadError(`Download of ${redactUrl(url)} was redirected too many times.`)
    current = next
  }
}

/** Fetches a URL into memory, retrying network errors, 429 and 5xx with exponential backoff. */
export async function download(url: string, retry: RetryOptions = DEFAULT_RETRY): Promise<Buffer> {
  let lastProblem = ''
  for (let attempt = 1; attempt <= retry.attempts; attempt++) {
    try {
      const response = await fetchFollowing(url)
      if (response.ok) return Buffer.from(await response.arrayBuffer())
      lastProblem = `HTTP ${response.status}`
      if (response.status !== 429 && response.status < 500) {
        throw new DownloadError(`Download of ${url} failed: HTTP ${response.status}.`)
      }
    } catch (error) {
      if (error instanceof DownloadError) throw error
      lastProblem = (error as Error).message
    }
    if (attempt < retry.attempts) {
      const delay = retry.initialDelayMs * 2 ** (attempt - 1)
      retry.log?.(`Download of ${url} failed (${lastProblem}); retrying in ${delay} ms.`)
      await new Promise((resolve) => setTimeout(resolve, delay))
    }
  }
  throw new DownloadError(
    `Download of ${url} failed after ${retry.attempts} attempts: ${lastProblem}.`
  )
}

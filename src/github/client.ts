import { getOctokit } from '@actions/github'
import type { Logger } from '../log.js'

/** The Octokit of @actions/github; every GitHub API call of the action goes through one. */
export type GitHubClient = ReturnType<typeof getOctokit>

/** An Octokit for `apiUrl` (GITHUB_API_URL). Retries are ours (`withRetry`), not a plugin's. */
export function createClient(token: string, apiUrl: string): GitHubClient {
  return getOctokit(token, { baseUrl: apiUrl, request: { retries: 0 } })
}

export interface RetryOptions {
  /** Further attempts after the first. */
  retries: number
  baseDelayMs: number
  maxDelayMs: number
  sleep: (ms: number) => Promise<void>
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms))

export const DEFAULT_RETRY: RetryOptions = {
  retries: 3,
  baseDelayMs: 1000,
  maxDelayMs: 15_000,
  sleep
}

/** The HTTP status of an Octokit RequestError, or undefined for a network error. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown }).status
  return typeof status === 'number' ? status : undefined
}

/** The message GitHub sent with an error (never the request, which holds the token). */
export function messageOf(error: unknown): string {
  const data = (error as { response?: { data?: { message?: unknown } } }).response?.data
  if (data && typeof data.message === 'string') return data.message
  const message = (error as Error).message ?? String(error)
  return message.split('\n')[0]!.slice(0, 300)
}

function retryAfterMs(error: unknown): number | undefined {
  const headers = (error as { response?: { headers?: Record<string, string | undefined> } })
    .response?.headers
  const value = headers?.['retry-after']
  if (value === undefined) return undefined
  const seconds = Number(value)
  return Number.isFinite(seconds) ? seconds * 1000 : undefined
}

/** Server errors, rate limiting and network failures are worth another try; 4xx are not. */
export function isRetryable(error: unknown): boolean {
  const status = statusOf(error)
  if (status === undefined) return (error as { name?: string }).name !== 'AbortError'
  return status >= 500 || status === 429
}

/** Runs `call`, retrying with exponential backoff (or Retry-After) on retryable failures. */
export async function withRetry<T>(
  what: string,
  call: () => Promise<T>,
  log: Logger,
  options: Partial<RetryOptions> = {}
): Promise<T> {
  const o = { ...DEFAULT_RETRY, ...options }
  for (let attempt = 0; ; attempt++) {
    try {
      return await call()
    } catch (error) {
      if (attempt >= o.retries || !isRetryable(error)) throw error
      const delay = Math.min(o.maxDelayMs, retryAfterMs(error) ?? o.baseDelayMs * 2 ** attempt)
      const status = statusOf(error)
      log.info(
        `${what} failed (${status ?? 'network error'}: ${messageOf(error)}); retrying in ${Math.round(delay / 100) / 10}s (${attempt + 1}/${o.retries})`
      )
      await o.sleep(delay)
    }
  }
}

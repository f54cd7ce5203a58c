import type { Logger } from '../log.js'

// Loaded only when the DB is not current on disk: it is about a third of the bundle, which every
// run would otherwise compile at start.
const actionsCache = () => import('@actions/cache')

/**
 * Persists Trivy's DB directory across workflow runs. The key carries the day, so one day's runs
 * share a DB and the first run of a new day starts from yesterday's (a small update). Outside
 * GitHub Actions (no cache service) both calls do nothing.
 */
export function dbCacheKey(
  platform: string,
  now = new Date()
): { key: string; restoreKeys: string[] } {
  const prefix = `hardening-action-trivy-db-${platform}-`
  return { key: `${prefix}${now.toISOString().slice(0, 10)}`, restoreKeys: [prefix] }
}

/** Restores the DB cache; returns the key that matched, if any. */
export async function restoreDbCache(
  dir: string,
  platform: string,
  log: Logger
): Promise<string | undefined> {
  const cache = await actionsCache()
  if (!cache.isFeatureAvailable()) return undefined
  const { key, restoreKeys } = dbCacheKey(platform)
  try {
    return await cache.restoreCache([dir], key, restoreKeys)
  } catch (error) {
    log.warning(
      `Could not restore the Trivy DB cache (${(error as Error).message}); downloading it instead.`
    )
    return undefined
  }
}

/** Saves the DB unless today's key was already restored. A failure only costs the next run a download. */
export async function saveDbCache(
  dir: string,
  platform: string,
  restoredKey: string | undefined,
  log: Logger
): Promise<void> {
  const cache = await actionsCache()
  if (!cache.isFeatureAvailable()) return
  const { key } = dbCacheKey(platform)
  if (restoredKey === key) return
  try {
    await cache.saveCache([dir], key)
  } catch (error) {
    log.warning(`Could not save the Trivy DB cache: ${(error as Error).message}`)
  }
}

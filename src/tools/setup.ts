import { mkdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import type { ScanConfig } from '../config/scan-config.js'
import type { Logger } from '../log.js'
import { runTool, toolEnv } from '../util/run-tool.js'
import { restoreDbCache, saveDbCache } from './db-cache.js'
import { installTool, type InstalledTool } from './install.js'
import { currentPlatform, type ToolName } from './pins.js'
import { redactUrls } from './urls.js'

/** What the active scanners need installed (their `tools`, and whether one reads the vulnerability DB). */
export interface ToolNeeds {
  tools: ToolName[]
  vulnerabilityDb: boolean
}

export interface InstalledTools {
  tools: Partial<Record<ToolName, InstalledTool>>
  /**
   * Why Trivy's vulnerability DB is unavailable, when it is: the vulnerability checks then
   * report this instead of running, and every other scan runs as usual.
   */
  dbProblem?: string
}

/** Installs the tools the active scanners need, and brings Trivy's vulnerability DB up to date once. */
export function installTools(
  config: ScanConfig,
  needs: ToolNeeds,
  log: Logger
): Promise<InstalledTools> {
  return startInstalls(config, needs, log).all
}

/** Installs under way: each scanner can start once its own tools are ready. */
export interface ToolInstalls {
  /**
   * The named tools once they are verified, with the DB's state when Trivy is among them (every
   * Trivy run shares the cache directory the DB is updated in).
   */
  ready(names: readonly ToolName[]): Promise<InstalledTools>
  /** Everything installed, and the DB ready; rejects with the first install that failed. */
  all: Promise<InstalledTools>
}

/** Starts installing every tool in `needs` at once, and the DB update (after Trivy's install). */
export function startInstalls(config: ScanConfig, needs: ToolNeeds, log: Logger): ToolInstalls {
  const platform = currentPlatform()
  const options = {
    releaseBaseUrl: config.toolMirror,
    platform,
    log,
    trustedDirs: config.trustedToolDirs
  }
  const versions: Record<ToolName, string> = {
    trivy: config.trivyVersion,
    conftest: config.conftestVersion
  }
  const installing = new Map(
    needs.tools.map((name) => [name, installTool(name, versions[name], options)] as const)
  )
  const trivy = installing.get('trivy')
  // The DB is restored and checked while the tools are verified; only an update waits for Trivy.
  const db =
    trivy && needs.vulnerabilityDb
      ? prepareTrivyDb(trivy, config, platform, log)
      : Promise.resolve(undefined)
  const ready = async (names: readonly ToolName[]): Promise<InstalledTools> => {
    const [installed, dbProblem] = await Promise.all([
      Promise.all(names.map(async (name) => [name, await installing.get(name)!] as const)),
      names.includes('trivy') ? db : undefined
    ])
    const tools: InstalledTools['tools'] = Object.fromEntries(installed)
    return dbProblem ? { tools, dbProblem } : { tools }
  }
  const all = ready([...installing.keys()])
  // Handled here so a failure waits for whoever awaits `all` instead of ending the process.
  all.catch(() => {})
  return { ready, all }
}

const CURRENT_DB = 'The cached Trivy vulnerability DB is current; not updating it.'

/** Restores the DB cache and brings the DB up to date; returns why it is unavailable, if it is. */
async function prepareTrivyDb(
  trivy: Promise<InstalledTool>,
  config: ScanConfig,
  platform: string,
  log: Logger
): Promise<string | undefined> {
  // A DB current on disk (a warm run on a self-hosted runner) needs neither the cache service
  // nor Trivy: restoring it would download the same DB again, and saving it upload it again.
  if (!config.skipDbUpdate && (await dbIsCurrent(config.trivyCacheDir))) {
    log.info(CURRENT_DB)
    return undefined
  }
  const restored = await restoreDbCache(config.trivyCacheDir, platform, log)
  const dbProblem = config.skipDbUpdate
    ? await missingDbProblem(config.trivyCacheDir)
    : await updateTrivyDb(trivy, config, log)
  if (dbProblem) {
    log.warning(dbProblem)
    return dbProblem
  }
  if (!config.skipDbUpdate) await saveDbCache(config.trivyCacheDir, platform, restored, log)
  return undefined
}

/** With `skip-db-update`, the DB must already be there (restored, or provided by the runner). */
async function missingDbProblem(cacheDir: string): Promise<string | undefined> {
  if (await hasDb(cacheDir)) return undefined
  return `'skip-db-update' is set, but ${cacheDir} holds no Trivy vulnerability DB.`
}

/**
 * Downloads the DB once before the scans run in parallel (read-only) against it. Trivy itself
 * falls back between the listed repositories when one answers 429 or 5xx. Returns why the
 * download failed, if it did (URLs in Trivy's message redacted: they may carry signatures).
 */
async function updateTrivyDb(
  trivy: Promise<InstalledTool>,
  config: ScanConfig,
  log: Logger
): Promise<string | undefined> {
  await mkdir(config.trivyCacheDir, { recursive: true })
  const args = ['image', '--download-db-only', '--cache-dir', config.trivyCacheDir, '--quiet']
  if (config.dbRepositories.length > 0)
    args.push('--db-repository', config.dbRepositories.join(','))
  if (await dbIsCurrent(config.trivyCacheDir)) {
    log.info(CURRENT_DB)
    return undefined
  }
  const binary = (await trivy).path
  log.info('Updating the Trivy vulnerability DB.')
  try {
    await runTool(binary, args, {
      timeoutMs: config.scanTimeoutMs,
      env: toolEnv({ registryCredentials: true })
    })
    return undefined
  } catch (error) {
    return redactUrls(
      `Could not download the Trivy vulnerability DB (${(error as Error).message}). ` +
        "Set 'db-repository' to a reachable mirror, or 'skip-db-update: true' with a cached DB."
    )
  }
}

/** The DB schema the pinned Trivy (0.74) reads: trivy-db's `db.SchemaVersion`. */
const TRIVY_DB_SCHEMA = 2

/**
 * Trivy's own "is the DB new enough" rule (pkg/db NeedsUpdate in Trivy 0.74), read from the
 * cache directly: starting Trivy only to learn that nothing needs downloading cost every warm
 * run about half a second before any scan could start. Anything unexpected leaves the decision
 * to Trivy.
 */
export async function dbIsCurrent(cacheDir: string, now = new Date()): Promise<boolean> {
  if (!(await hasDb(cacheDir))) return false
  const dir = path.join(cacheDir, 'db')
  let meta: { Version?: unknown; NextUpdate?: unknown; DownloadedAt?: unknown }
  try {
    meta = JSON.parse(await readFile(path.join(dir, 'metadata.json'), 'utf8')) as typeof meta
  } catch {
    return false
  }
  const nextUpdate = Date.parse(String(meta.NextUpdate))
  const downloadedAt = Date.parse(String(meta.DownloadedAt))
  // Trivy treats a missing (zero) download time as a possibly corrupted DB and downloads it.
  if (meta.Version !== TRIVY_DB_SCHEMA || !(downloadedAt > 0)) return false
  return now.getTime() < nextUpdate || now.getTime() < downloadedAt + 60 * 60 * 1000
}

async function hasDb(cacheDir: string): Promise<boolean> {
  const database = await stat(path.join(cacheDir, 'db', 'trivy.db')).catch(() => undefined)
  return database?.isFile() ?? false
}

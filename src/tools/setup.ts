import { mkdir } from 'node:fs/promises'
import type { ScanConfig } from '../config/inputs.js'
import type { Logger } from '../log.js'
import { runTool } from '../scanners/run-tool.js'
import type { Scanner } from '../scanners/scanner.js'
import { restoreDbCache, saveDbCache } from './db-cache.js'
import { installTool, type InstalledTool } from './install.js'
import { currentPlatform } from './pins.js'

/** Installs the tools the active scanners need, and brings Trivy's vulnerability DB up to date once. */
export async function installTools(
  config: ScanConfig,
  scanners: Scanner[],
  log: Logger
): Promise<Partial<Record<'trivy' | 'conftest', InstalledTool>>> {
  const names = new Set(scanners.map((scanner) => scanner.name))
  const needsTrivy = names.has('image') || names.has('repository') || names.has('trivy-config')
  const platform = currentPlatform()
  const options = { releaseBaseUrl: config.toolMirror, platform, log }
  const [trivy, conftest] = await Promise.all([
    needsTrivy ? installTool('trivy', config.trivyVersion, options) : undefined,
    names.has('policies') ? installTool('conftest', config.conftestVersion, options) : undefined
  ])
  const needsDb =
    (names.has('image') && config.imageScanners.includes('vuln')) ||
    (names.has('repository') && config.repositoryScanners.includes('vuln'))
  if (trivy && needsDb) {
    const restored = await restoreDbCache(config.trivyCacheDir, platform, log)
    if (!config.skipDbUpdate) {
      await updateTrivyDb(trivy, config, log)
      await saveDbCache(config.trivyCacheDir, platform, restored, log)
    }
  }
  return { ...(trivy ? { trivy } : {}), ...(conftest ? { conftest } : {}) }
}

/**
 * Downloads the DB once before the scans run in parallel (read-only) against it. Trivy itself
 * falls back between the listed repositories when one answers 429 or 5xx.
 */
async function updateTrivyDb(trivy: InstalledTool, config: ScanConfig, log: Logger): Promise<void> {
  await mkdir(config.trivyCacheDir, { recursive: true })
  const args = ['image', '--download-db-only', '--cache-dir', config.trivyCacheDir, '--quiet']
  if (config.dbRepositories.length > 0)
    args.push('--db-repository', config.dbRepositories.join(','))
  log.info('Updating the Trivy vulnerability DB.')
  try {
    await runTool(trivy.path, args, { timeoutMs: config.scanTimeoutMs })
  } catch (error) {
    throw new Error(
      `Could not download the Trivy vulnerability DB (${(error as Error).message}). ` +
        "Set 'db-repository' to a reachable mirror, or 'skip-db-update: true' with a cached DB.",
      { cause: error }
    )
  }
}

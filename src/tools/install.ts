import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import * as toolCache from '@actions/tool-cache'
import type { Logger } from '../log.js'
import { findOnPath } from '../util/which.js'
import { extractFileFromTarGz } from './archive.js'
import { download, type RetryOptions, DEFAULT_RETRY } from './download.js'
import {
  COMPROMISED_VERSIONS,
  PINNED_SHA256,
  RELEASES,
  type PinTable,
  type Platform,
  type ToolName
} from './pins.js'

const run = promisify(execFile)

export interface InstalledTool {
  name: ToolName
  version: string
  path: string
  source: 'path' | 'tool-cache' | 'download'
  /** SHA-256 of the verified release archive (downloads only). */
  archiveSha256?: string
}

export interface InstallOptions {
  /** Where releases live: `<base>/<owner>/<repo>/releases/download/v<version>/<asset>`. */
  releaseBaseUrl: string
  platform: Platform
  log: Logger
  retry?: RetryOptions
  /** The SHA-256 table to trust; the one in pins.ts unless a test supplies its own. */
  pinned?: PinTable
}

/** The archive's bytes do not match the pinned (or published) SHA-256: nothing may run. */
export class ChecksumError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ChecksumError'
  }
}

/**
 * Makes `name` at exactly `version` available: a binary on PATH of that version, else the
 * runner's tool cache, else a verified download from the release host.
 */
export async function installTool(
  name: ToolName,
  version: string,
  options: InstallOptions
): Promise<InstalledTool> {
  if (COMPROMISED_VERSIONS[name]?.includes(version)) {
    throw new Error(
      `${name} ${version} is a known-compromised release and will not be installed; pick another version.`
    )
  }
  const executable = options.platform.startsWith('win32') ? `${name}.exe` : name

  const onPath = await findOnPath(executable)
  if (onPath) {
    const found = await binaryVersion(onPath)
    if (found === version) return { name, version, path: onPath, source: 'path' }
    options.log.debug(
      `${onPath} is ${name} ${found ?? 'of unknown version'}, not ${version}; not using it.`
    )
  }

  const cachedDir = toolCache.find(name, version)
  if (cachedDir)
    return { name, version, path: path.join(cachedDir, executable), source: 'tool-cache' }

  const release = RELEASES[name]
  const asset = release.assetName(version, options.platform)
  const baseUrl = `${options.releaseBaseUrl.replace(/\/+$/, '')}/${release.repository}/releases/download/v${version}`
  const retry = { ...DEFAULT_RETRY, log: options.log.warning, ...options.retry }

  const expected = await expectedChecksum(
    name,
    version,
    asset,
    `${baseUrl}/${release.checksumsName(version)}`,
    options,
    retry
  )
  options.log.info(`Downloading ${name} ${version} (${asset}).`)
  const archive = await download(`${baseUrl}/${asset}`, retry)
  const actual = createHash('sha256').update(archive).digest('hex')
  if (actual !== expected) {
    throw new ChecksumError(
      `Checksum mismatch for ${asset}: expected sha256 ${expected}, got ${actual}. ` +
        'The download was altered or corrupted; refusing to run it.'
    )
  }

  const binary = await unpack(archive, asset, executable)
  const dir = await toolCache.cacheFile(binary.file, executable, name, version)
  await binary.cleanup()
  return {
    name,
    version,
    path: path.join(dir, executable),
    source: 'download',
    archiveSha256: actual
  }
}

async function expectedChecksum(
  name: ToolName,
  version: string,
  asset: string,
  checksumsUrl: string,
  options: InstallOptions,
  retry: RetryOptions
): Promise<string> {
  const pinned = (options.pinned ?? PINNED_SHA256)[name]?.[version]?.[options.platform]
  if (pinned) return pinned
  const listing = (await download(checksumsUrl, retry)).toString('utf8')
  const line = listing
    .split('\n')
    .find((entry) => entry.trim().split(/\s+/)[1]?.replace(/^\*/, '') === asset)
  const published = line?.trim().split(/\s+/)[0]?.toLowerCase()
  if (!published || !/^[0-9a-f]{64}$/.test(published)) {
    throw new ChecksumError(
      `The release's checksums file has no SHA-256 for ${asset}; refusing to install.`
    )
  }
  options.log.warning(
    `${name} ${version} for ${options.platform} is not in hardening-action's pinned checksum table; ` +
      "it is verified only against the release's own checksums file, a weaker pin (a compromised release can replace both)."
  )
  return published
}

async function unpack(
  archive: Buffer,
  asset: string,
  executable: string
): Promise<{ file: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'hardening-tool-'))
  const cleanup = () => rm(dir, { recursive: true, force: true })
  if (asset.endsWith('.zip')) {
    const zipFile = path.join(dir, asset)
    await writeFile(zipFile, archive)
    const extracted = await toolCache.extractZip(zipFile, path.join(dir, 'out'))
    const entries = await readdir(extracted)
    if (!entries.includes(executable)) throw new Error(`Archive ${asset} has no ${executable}.`)
    return { file: path.join(extracted, executable), cleanup }
  }
  const file = path.join(dir, executable)
  await writeFile(file, extractFileFromTarGz(archive, executable))
  await chmod(file, 0o755)
  return { file, cleanup }
}

/** The first x.y.z in `<binary> --version` (trivy prints `Version: x.y.z`, conftest `Conftest: x.y.z`). */
export async function binaryVersion(binary: string): Promise<string | undefined> {
  try {
    const { stdout } = await run(binary, ['--version'], { timeout: 30_000 })
    return /(\d+\.\d+\.\d+)/.exec(stdout)?.[1]
  } catch {
    return undefined
  }
}

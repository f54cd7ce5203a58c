import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { pipeline, Transform } from 'node:stream'
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import type { Logger } from '../log.js'
import { findOnPath } from '../util/which.js'
import { extractFileFromTarGz, tarGzFileEquals } from './archive.js'
import { download, DownloadError, type RetryOptions, DEFAULT_RETRY } from './download.js'
import {
  COMPROMISED_VERSIONS,
  PINNED_SHA256,
  RELEASES,
  type PinTable,
  type Platform,
  type ToolName
} from './pins.js'
import { mirrorUrlProblem } from './urls.js'

const run = promisify(execFile)
/**
 * @actions/tool-cache (and the HTTP client under it) is loaded only when the tool cache is used,
 * not by a run whose tools are trusted binaries (the CLI's usual case).
 */
const toolCache = () => import('@actions/tool-cache')

export interface InstalledTool {
  name: ToolName
  version: string
  path: string
  /** `trusted-dir`: run as found, without a pin (the explicit opt-in); the others are verified. */
  source: 'trusted-dir' | 'tool-cache' | 'download'
  /** SHA-256 of the verified release archive the binary was taken from. */
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
  /**
   * Directories whose binaries run without a pin when they report the wanted version (the
   * `trusted-tool-dir` opt-in; the CLI's PATH). Empty or absent: only verified releases run.
   */
  trustedDirs?: string[]
}

/** The archive's bytes do not match the pinned (or published) SHA-256: nothing may run. */
export class ChecksumError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ChecksumError'
  }
}

/**
 * Makes `name` at exactly `version` available: from a trusted directory when one is configured,
 * else from the runner's tool cache when its copy still matches the pin, else from a verified
 * download. Nothing found on PATH or in the tool cache is believed by its `--version` alone.
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
  const trusted = await fromTrustedDir(name, version, executable, options)
  if (trusted) return trusted

  const mirrorProblem = mirrorUrlProblem(options.releaseBaseUrl)
  if (mirrorProblem)
    throw new DownloadError(`Refusing to download ${name}: the release host ${mirrorProblem}`)
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
  const cached = await fromToolCache(name, version, asset, executable, expected, options.log)
  if (cached) return cached

  options.log.info(`Downloading ${name} ${version} (${asset}).`)
  const archive = await download(`${baseUrl}/${asset}`, retry)
  const actual = sha256(archive)
  if (actual !== expected) {
    throw new ChecksumError(
      `Checksum mismatch for ${asset}: expected sha256 ${expected}, got ${actual}. ` +
        'The download was altered or corrupted; refusing to run it.'
    )
  }
  const binary = await binaryFromArchive(archive, asset, executable)
  const dir = await cacheRelease(name, version, { asset, archive, executable, binary })
  return {
    name,
    version,
    path: path.join(dir, executable),
    source: 'download',
    archiveSha256: actual
  }
}

/** The explicit opt-in: a binary in a trusted directory runs as found, when its version matches. */
async function fromTrustedDir(
  name: ToolName,
  version: string,
  executable: string,
  options: InstallOptions
): Promise<InstalledTool | undefined> {
  if (!options.trustedDirs?.length) return undefined
  const found = await findOnPath(executable, options.trustedDirs)
  if (!found) return undefined
  const reported = await trustedBinaryVersion(found)
  if (reported !== version) {
    options.log.info(
      `${found} is ${name} ${reported ?? 'of unknown version'}, not ${version}; installing the pinned release instead.`
    )
    return undefined
  }
  options.log.info(
    `Running ${name} ${version} from ${found} without checking it against a pin: it is in a trusted tool directory ('trusted-tool-dir'; for the CLI, PATH unless --pinned-tools).`
  )
  return { name, version, path: found, source: 'trusted-dir' }
}

/**
 * The tool cache keeps each release archive next to its binary. An entry is used only when the
 * archive still has the expected SHA-256 and the binary is byte for byte the one in it: on a
 * self-hosted runner the cache outlives the job, and an earlier job may have replaced either.
 * Anything else is downloaded again, which replaces the entry. (Pinning binary digests instead
 * would need a second table per platform kept in step with the archive pins.)
 */
async function fromToolCache(
  name: ToolName,
  version: string,
  asset: string,
  executable: string,
  expected: string,
  log: Logger
): Promise<InstalledTool | undefined> {
  const dir = (await toolCache()).find(name, version)
  if (!dir) return undefined
  const problem = await cacheEntryProblem(dir, asset, executable, expected)
  if (!problem) {
    return {
      name,
      version,
      path: path.join(dir, executable),
      source: 'tool-cache',
      archiveSha256: expected
    }
  }
  log.warning(`The tool cache's ${name} ${version} (${dir}) ${problem}; downloading it again.`)
  return undefined
}

/** Why a tool-cache entry cannot be used, or undefined when it is the verified release. */
export async function cacheEntryProblem(
  dir: string,
  asset: string,
  executable: string,
  expected: string
): Promise<string | undefined> {
  const binary = path.join(dir, executable)
  const archiveFile = path.join(dir, asset)
  const [hasArchive, hasBinary] = await Promise.all([isFile(archiveFile), isFile(binary)])
  if (!hasArchive || !hasBinary) return `lacks its ${hasArchive ? 'binary' : 'release archive'}`
  if (asset.endsWith('.zip')) {
    const archive = await readFile(archiveFile)
    if (sha256(archive) !== expected) return `has an archive whose SHA-256 is not ${expected}`
    const same = (await binaryFromArchive(archive, asset, executable)).equals(
      await readFile(binary)
    )
    return same ? undefined : 'has a binary that differs from the one in its archive'
  }
  // One pass over the archive: each chunk read is hashed on its way to the thread pool, which
  // inflates it for the comparison, so the bytes compared are the bytes hashed. The verdict needs
  // both. (A transform, not a 'data' listener: that would start the flow before the inflation is
  // attached, and the chunks read meanwhile would be hashed but never inflated.)
  const hash = createHash('sha256')
  let hashed = 0
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk)
      hashed += chunk.length
      done(null, chunk)
    }
  })
  const archive = pipeline(
    createReadStream(archiveFile, { highWaterMark: 1 << 20 }),
    hashing,
    () => {}
  )
  const same = await tarGzFileEquals(archive, executable, binary).catch((error: Error) => error)
  // A malformed archive, or a comparison that stopped early, leaves part of it unhashed; its
  // whole hash decides which problem to report.
  const complete = !(same instanceof Error) && hashed === (await stat(archiveFile)).size
  const actual = complete ? hash.digest('hex') : sha256(await readFile(archiveFile))
  if (actual !== expected) return `has an archive whose SHA-256 is not ${expected}`
  if (same instanceof Error) throw same
  return same ? undefined : 'has a binary that differs from the one in its archive'
}

const isFile = (file: string): Promise<boolean> =>
  stat(file).then(
    (info) => info.isFile(),
    () => false
  )

/** Stores the verified archive and its binary as one tool-cache entry (replacing any earlier one). */
async function cacheRelease(
  name: ToolName,
  version: string,
  files: { asset: string; archive: Buffer; executable: string; binary: Buffer }
): Promise<string> {
  const dir = await mkdtemp(path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'hardening-tool-'))
  try {
    await writeFile(path.join(dir, files.asset), files.archive)
    await writeFile(path.join(dir, files.executable), files.binary, { mode: 0o755 })
    return await (await toolCache()).cacheDir(dir, name, version)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')

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

/** The executable's bytes inside a release archive (tar.gz read in-process; zip via the runner's unzip). */
async function binaryFromArchive(
  archive: Buffer,
  asset: string,
  executable: string
): Promise<Buffer> {
  if (!asset.endsWith('.zip')) return extractFileFromTarGz(archive, executable)
  const dir = await mkdtemp(path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'hardening-tool-'))
  try {
    const zipFile = path.join(dir, asset)
    await writeFile(zipFile, archive)
    const extracted = await (await toolCache()).extractZip(zipFile, path.join(dir, 'out'))
    const entries = await readdir(extracted)
    if (!entries.includes(executable)) throw new Error(`Archive ${asset} has no ${executable}.`)
    return await readFile(path.join(extracted, executable))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/**
 * The version a trusted binary reports, remembered per file: starting Trivy only to read its
 * version cost every CLI run about 0.3 s of CPU. The note is keyed by the file's inode, size,
 * modification and change times; any replacement of the file changes the change time, which no
 * unprivileged process can set back, so a changed binary is asked again. It saves a version
 * check only: what runs is still the binary in the directory the user trusts.
 */
async function trustedBinaryVersion(binary: string): Promise<string | undefined> {
  const cache = process.env.RUNNER_TOOL_CACHE
  const info = await stat(binary, { bigint: true }).catch(() => undefined)
  if (!cache || !info) return binaryVersion(binary)
  const identity = [binary, info.dev, info.ino, info.size, info.mtimeNs, info.ctimeNs].join(':')
  const note = path.join(
    cache,
    'hardening-trusted-versions',
    createHash('sha256').update(binary).digest('hex')
  )
  const known = await readFile(note, 'utf8').catch(() => '')
  const [noted, version] = known.split('\n')
  if (noted === identity && version) return version
  const reported = await binaryVersion(binary)
  if (reported)
    await writeFileAtomically(note, `${identity}\n${reported}\n`).catch(() => {
      // Only a version check is lost; the next run asks the binary again.
    })
  return reported
}

async function writeFileAtomically(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  const temp = `${file}.${process.pid}.tmp`
  await writeFile(temp, content)
  await rename(temp, file)
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

// Builds the harness fixtures once per fixture hash (Go helper binary, Trivy DB, images) into
// .cache/harness/<hash>/ and pushes them into a loopback registry.
import { createHash } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import path from 'node:path'
import { CACHE_DIR, FIXTURES_DIR, GO_DIR } from './paths.js'
import { runOk } from './proc.js'
import { startRegistry, type Registry } from './registry.js'

export interface FixtureImage {
  name: string
  tag: string
  /** Absolute path of the docker-save tarball (for `trivy image --input`). */
  tarball: string
  /** Manifest digest (sha256:...), identical wherever the image is pushed. */
  digest: string
}

export interface Fixtures {
  /** Cache directory holding everything below. */
  dir: string
  /** Trivy DB directory layout (trivy.db + metadata.json), usable as <cache-dir>/db for --skip-db-update. */
  dbDir: string
  /** db.tar.gz, the layer of the OCI artifact. */
  dbArchive: string
  images: FixtureImage[]
  /** A directory with lockfiles (npm, pip, go), node_modules, and the planted secret, for `trivy fs`. */
  appDir: string
  /** The compiled Go helper (harness trivydb|images|push). */
  harnessBin: string
  image(name: string, tag: string): FixtureImage
}

function hashTree(h: ReturnType<typeof createHash>, root: string, rel = ''): void {
  const dir = path.join(root, rel)
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : 1
  )) {
    const r = path.posix.join(rel, entry.name)
    if (entry.isDirectory()) {
      h.update(`d ${r}\n`)
      hashTree(h, root, r)
    } else if (entry.isFile()) {
      const st = statSync(path.join(root, r))
      h.update(`f ${r} ${st.mode & 0o111 ? 'x' : '-'}\n`)
      h.update(readFileSync(path.join(root, r)))
    }
  }
}

function digestOf(...dirs: string[]): string {
  const h = createHash('sha256')
  for (const d of dirs) {
    h.update(`root ${path.relative(GO_DIR, d)}\n`)
    hashTree(h, d)
  }
  return h.digest('hex').slice(0, 16)
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/**
 * Produces `target` once across concurrent test workers: a mkdir lock, a build into a temporary
 * sibling, and an atomic rename. A stale lock (dead pid) is taken over.
 */
async function once(target: string, build: (tmp: string) => Promise<void>): Promise<void> {
  if (existsSync(target)) return
  mkdirSync(path.dirname(target), { recursive: true })
  const lock = `${target}.lock`
  for (;;) {
    try {
      mkdirSync(lock)
      writeFileSync(path.join(lock, 'pid'), String(process.pid))
      break
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      if (existsSync(target)) return
      let owner = 0
      try {
        owner = Number(readFileSync(path.join(lock, 'pid'), 'utf8'))
      } catch {
        // lock being created; retry
      }
      if (owner && !pidAlive(owner)) rmSync(lock, { recursive: true, force: true })
      await sleep(250)
    }
  }
  try {
    if (existsSync(target)) return
    const tmp = `${target}.tmp-${process.pid}`
    rmSync(tmp, { recursive: true, force: true })
    await build(tmp)
    renameSync(tmp, target)
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
}

/** Removes older cache entries `<prefix>*` next to `keep` (not locks or in-progress builds). */
export function pruneSiblings(keep: string, prefix: string): void {
  const dir = path.dirname(keep)
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name)
    if (
      p === keep ||
      !name.startsWith(prefix) ||
      /\.(lock|tmp-\d+)$/.test(name) ||
      name.includes('.tmp-')
    )
      continue
    if (existsSync(`${p}.lock`)) continue
    // another checkout's test run may still use a recent entry
    if (Date.now() - statSync(p).mtimeMs < 3_600_000) continue
    rmSync(p, { recursive: true, force: true })
  }
}

function goEnv(): NodeJS.ProcessEnv {
  return { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-buildvcs=false', GOTOOLCHAIN: 'local' }
}

/** Compiles test/harness/go (cached by source hash). */
export async function buildHarnessBinary(): Promise<string> {
  const key = digestOf(GO_DIR)
  const bin = path.join(CACHE_DIR, 'bin', `harness-${key}`)
  await once(bin, async (tmp) => {
    await runOk('go', ['build', '-trimpath', '-o', tmp, '.'], {
      cwd: GO_DIR,
      env: goEnv(),
      timeoutMs: 900_000
    })
  })
  pruneSiblings(bin, 'harness-')
  return bin
}

let memo: Promise<Fixtures> | undefined

/** Builds (or reuses) the Trivy DB and the test images. Cached by the hash of fixtures + Go source. */
export function buildFixtures(): Promise<Fixtures> {
  memo ??= (async () => {
    const harnessBin = await buildHarnessBinary()
    const dir = path.join(CACHE_DIR, `fixtures-${digestOf(GO_DIR, FIXTURES_DIR)}`)
    await once(dir, async (tmp) => {
      mkdirSync(tmp, { recursive: true })
      await runOk(harnessBin, [
        'trivydb',
        '-fixtures',
        path.join(FIXTURES_DIR, 'advisories.yaml'),
        '-out',
        path.join(tmp, 'db')
      ])
      await runOk(harnessBin, [
        'images',
        '-spec',
        path.join(FIXTURES_DIR, 'images.yaml'),
        '-out',
        path.join(tmp, 'oci')
      ])
    })
    pruneSiblings(dir, 'fixtures-')
    const index = JSON.parse(readFileSync(path.join(dir, 'oci', 'images.json'), 'utf8')) as Array<{
      name: string
      tag: string
      tarball: string
      digest: string
    }>
    const images = index.map((e) => ({ ...e, tarball: path.join(dir, 'oci', e.tarball) }))
    return {
      dir,
      dbDir: path.join(dir, 'db'),
      dbArchive: path.join(dir, 'db', 'db.tar.gz'),
      images,
      appDir: path.join(FIXTURES_DIR, 'images', 'app-layer', 'app'),
      harnessBin,
      image(name: string, tag: string): FixtureImage {
        const img = images.find((i) => i.name === name && i.tag === tag)
        if (!img)
          throw new Error(
            `no fixture image ${name}:${tag} (have ${images.map((i) => `${i.name}:${i.tag}`).join(', ')})`
          )
        return img
      }
    }
  })()
  memo.catch(() => (memo = undefined))
  return memo
}

export interface PushOptions {
  /** Push the test images (default true). */
  images?: boolean
  /** Push the Trivy DB artifact (default true). */
  db?: boolean
  /** Repository of the DB artifact (default trivy-db, tag 2 = schema version). */
  dbRepository?: string
}

/** Pushes images and/or the DB artifact to a registry; returns the DB reference pushed. */
export async function pushFixtures(
  registry: Registry,
  fx: Fixtures,
  opts: PushOptions = {}
): Promise<void> {
  const pushImages = opts.images ?? true
  const pushDb = opts.db ?? true
  const args = ['push', '-registry', registry.host, '-db-repo', opts.dbRepository ?? 'trivy-db']
  if (pushImages && pushDb) {
    await runOk(fx.harnessBin, [...args, '-dir', path.join(fx.dir, 'oci')])
    await runOk(fx.harnessBin, [...args, '-dir', fx.dbDir])
  } else if (pushImages) {
    await runOk(fx.harnessBin, [...args, '-dir', path.join(fx.dir, 'oci')])
  } else if (pushDb) {
    await runOk(fx.harnessBin, [...args, '-dir', fx.dbDir])
  }
}

export interface FixtureRegistry {
  registry: Registry
  fixtures: Fixtures
  /** e.g. 127.0.0.1:41234/trivy-db:2 — pass to `--db-repository` / the action's db-repository input. */
  dbRepository: string
  /** Full reference of a fixture image in this registry, e.g. 127.0.0.1:41234/fixtures/alpine-app:vulnerable */
  imageRef(name: string, tag: string): string
  stop(): Promise<void>
}

/** Starts a loopback registry and pushes the fixture images and the Trivy DB into it. */
export async function startFixtureRegistry(opts: PushOptions = {}): Promise<FixtureRegistry> {
  const fixtures = await buildFixtures()
  const registry = await startRegistry()
  try {
    await pushFixtures(registry, fixtures, opts)
  } catch (e) {
    await registry.stop()
    throw e
  }
  const repo = opts.dbRepository ?? 'trivy-db'
  return {
    registry,
    fixtures,
    dbRepository: `${registry.host}/${repo}:2`,
    imageRef: (name, tag) => {
      fixtures.image(name, tag)
      return `${registry.host}/${name}:${tag}`
    },
    stop: () => registry.stop()
  }
}

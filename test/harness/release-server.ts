// A loopback stand-in for github.com release downloads: serves Trivy and conftest archives with
// the exact asset names and layout of their GitHub releases (goreleaser: binary, LICENSE,
// README.md, contrib/*.tpl at the archive root) plus checksum files, made from the binaries in
// .tools/bin. Supports the redirect GitHub does and fault injection per asset.
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  statSync,
  writeFileSync
} from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { checksumsFile, sha256, tarGz, type TarEntry } from './archive.js'
import { CACHE_DIR, requireTool } from './paths.js'

export type ToolName = 'trivy' | 'conftest'

export interface ReleaseSpec {
  tool: ToolName
  owner: string
  repo: string
  version: string
  tag: string
  /** Linux x64 archive name as published on GitHub. */
  archive: string
  /** Name of the release's checksums file. */
  checksums: string
  /** Go module (in the module cache) that provides LICENSE/README.md for the archive. */
  module: string
}

/** The release of a tool at a version, named as on GitHub (Linux x64 archive + checksums file). */
export function releaseSpec(tool: ToolName, version: string): ReleaseSpec {
  return tool === 'trivy'
    ? {
        tool,
        owner: 'aquasecurity',
        repo: 'trivy',
        version,
        tag: `v${version}`,
        archive: `trivy_${version}_Linux-64bit.tar.gz`,
        checksums: `trivy_${version}_checksums.txt`,
        module: 'github.com/aquasecurity/trivy@v0.74.0'
      }
    : {
        tool,
        owner: 'open-policy-agent',
        repo: 'conftest',
        version,
        tag: `v${version}`,
        archive: `conftest_${version}_Linux_x86_64.tar.gz`,
        checksums: 'checksums.txt',
        module: 'github.com/open-policy-agent/conftest@v0.71.1'
      }
}

export const TRIVY_RELEASE: ReleaseSpec = releaseSpec('trivy', '0.74.0')
export const CONFTEST_RELEASE: ReleaseSpec = releaseSpec('conftest', '0.71.1')

export type Fault =
  /** Answer `status` (e.g. 404, 500, 503) for the first `times` requests (default: always). */
  | { asset: string; kind: 'status'; status: number; times?: number }
  /** Announce the full Content-Length, send half of the body, then reset the connection. */
  | { asset: string; kind: 'truncate' }
  /** A complete HTTP response carrying only the first half of the bytes. */
  | { asset: string; kind: 'short' }
  /** Serve a different archive (its binary replaced by a script) while checksums list the original. */
  | { asset: string; kind: 'tamper' }
  /** Serve an archive containing `../escaped-by-archive.txt`; checksums are updated to match it. */
  | { asset: string; kind: 'traversal' }
  /** Wait before answering. */
  | { asset: string; kind: 'delay'; ms: number }

export interface ServedRequest {
  method: string
  path: string
  status: number
}

export interface ReleaseAsset {
  name: string
  /** http://127.0.0.1:port/<owner>/<repo>/releases/download/<tag>/<name> */
  url: string
  sha256: string
  size: number
}

export interface ReleaseServer {
  /** http://127.0.0.1:port — stands in for https://github.com */
  url: string
  /** Base URL of a tool's downloads: `${url}/<owner>/<repo>/releases/download` */
  downloadBase(tool: ToolName): string
  /** The Linux x64 archive of a tool as served without faults. */
  archive(tool: ToolName): ReleaseAsset
  /** The checksums file of a tool (as currently served, i.e. after faults that rewrite it). */
  checksums(tool: ToolName): ReleaseAsset
  /** SHA-256 of whatever the server currently serves for an asset name (faults applied). */
  servedSha256(asset: string): string
  requests: ServedRequest[]
  setFaults(faults: Fault[]): void
  stop(): Promise<void>
}

export interface ReleaseServerOptions {
  tools?: ToolName[]
  faults?: Fault[]
  /** Answer release URLs with a 302 to an asset URL, as github.com does (default true). */
  redirect?: boolean
  /**
   * Publish a tool under another version label (asset names and tag follow), e.g. to exercise the
   * action's path for a version missing from its pin table. The binary inside stays the same.
   */
  versions?: Partial<Record<ToolName, string>>
  /** Serve asset bodies at about this many bytes a second (a real download's pace); default unpaced. */
  bytesPerSecond?: number
}

function moduleDir(mod: string): string | undefined {
  const roots = [
    process.env.GOMODCACHE,
    process.env.GOPATH && path.join(process.env.GOPATH, 'pkg', 'mod'),
    path.join(os.homedir(), 'go', 'pkg', 'mod')
  ]
  for (const r of roots) {
    if (r && existsSync(path.join(r, mod))) return path.join(r, mod)
  }
  return undefined
}

function extraEntries(spec: ReleaseSpec): TarEntry[] {
  const dir = moduleDir(spec.module)
  const read = (f: string, fallback: string): string =>
    dir && existsSync(path.join(dir, f)) ? readFileSync(path.join(dir, f), 'utf8') : fallback
  const entries: TarEntry[] = [
    { name: 'LICENSE', data: read('LICENSE', 'Apache License 2.0\n') },
    { name: 'README.md', data: read('README.md', `# ${spec.tool}\n`) }
  ]
  if (spec.tool === 'trivy') {
    const contrib = dir ? path.join(dir, 'contrib') : undefined
    const tpls =
      contrib && existsSync(contrib)
        ? readdirSync(contrib)
            .filter((f) => f.endsWith('.tpl'))
            .sort()
        : []
    for (const t of tpls)
      entries.push({ name: `contrib/${t}`, data: readFileSync(path.join(contrib!, t)) })
  }
  return entries
}

/** Builds (or reuses from .cache/harness/releases) the release archive of a tool. */
export function buildReleaseArchive(spec: ReleaseSpec): Buffer {
  const bin = requireTool(spec.tool)
  const st = statSync(bin)
  const key = sha256(`${spec.archive} ${st.size} ${st.mtimeMs}`).slice(0, 16)
  const cached = path.join(CACHE_DIR, 'releases', `${key}-${spec.archive}`)
  if (existsSync(cached)) return readFileSync(cached)
  const data = tarGz([
    { name: spec.tool, data: readFileSync(bin), mode: 0o755 },
    ...extraEntries(spec)
  ])
  mkdirSync(path.dirname(cached), { recursive: true })
  const tmp = `${cached}.tmp-${process.pid}`
  writeFileSync(tmp, data)
  renameSync(tmp, cached)
  return data
}

/** Writes `body` in slices, each sent no earlier than the pace allows. */
async function paced(res: http.ServerResponse, body: Buffer, bytesPerSecond: number) {
  const slice = 1 << 16
  const started = performance.now()
  for (let at = 0; at < body.length && !res.destroyed; at += slice) {
    const due = started + (at / bytesPerSecond) * 1000
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())))
    if (!res.write(body.subarray(at, at + slice)))
      await new Promise((resolve) => {
        res.once('drain', resolve)
        res.once('close', resolve)
      })
  }
  res.end()
}

export async function startReleaseServer(opts: ReleaseServerOptions = {}): Promise<ReleaseServer> {
  const tools = opts.tools ?? ['trivy', 'conftest']
  const SPECS: Record<ToolName, ReleaseSpec> = {
    trivy: releaseSpec('trivy', opts.versions?.trivy ?? TRIVY_RELEASE.version),
    conftest: releaseSpec('conftest', opts.versions?.conftest ?? CONFTEST_RELEASE.version)
  }
  const redirect = opts.redirect ?? true
  const archives = new Map<ToolName, Buffer>()
  for (const t of tools) archives.set(t, buildReleaseArchive(SPECS[t]))

  let faults: Fault[] = opts.faults ?? []
  const hits = new Map<Fault, number>()
  const requests: ServedRequest[] = []

  const hostileArchive = (spec: ReleaseSpec, kind: 'tamper' | 'traversal'): Buffer => {
    const script = `#!/bin/sh\necho "this ${spec.tool} was replaced (${kind})"\nexit 0\n`
    const entries: TarEntry[] = [
      { name: spec.tool, data: script, mode: 0o755 },
      { name: 'LICENSE', data: 'tampered\n' }
    ]
    if (kind === 'traversal')
      entries.push({
        name: '../escaped-by-archive.txt',
        data: 'written outside the extraction directory\n'
      })
    return tarGz(entries)
  }

  /** Current content of every asset under /<owner>/<repo>/releases/download/<tag>/. */
  const assets = (): Map<string, { spec: ReleaseSpec; data: Buffer }> => {
    const m = new Map<string, { spec: ReleaseSpec; data: Buffer }>()
    for (const t of tools) {
      const spec = SPECS[t]
      const original = archives.get(t)!
      let served = original
      let listed = original
      for (const f of faults) {
        if (f.asset !== spec.archive) continue
        if (f.kind === 'tamper') served = hostileArchive(spec, 'tamper')
        if (f.kind === 'traversal') served = listed = hostileArchive(spec, 'traversal')
      }
      m.set(spec.archive, { spec, data: served })
      m.set(spec.checksums, { spec, data: Buffer.from(checksumsFile({ [spec.archive]: listed })) })
    }
    return m
  }

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const record = (status: number): void => {
        requests.push({ method: req.method ?? '', path: url.pathname, status })
      }
      const notFound = (): void => {
        record(404)
        res.writeHead(404, { 'content-type': 'text/plain' })
        res.end('Not Found')
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        record(405)
        res.writeHead(405)
        res.end()
        return
      }
      // /<owner>/<repo>/releases/download/<tag>/<asset>  or  /_assets/<owner>/<repo>/<tag>/<asset>
      const m =
        /^\/([^/]+)\/([^/]+)\/releases\/download\/([^/]+)\/([^/]+)$/.exec(url.pathname) ??
        /^\/_assets\/([^/]+)\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(url.pathname)
      if (!m) return notFound()
      const [, owner, repo, tag, asset] = m as unknown as [string, string, string, string, string]
      const found = assets().get(asset)
      if (
        !found ||
        found.spec.owner !== owner ||
        found.spec.repo !== repo ||
        found.spec.tag !== tag
      )
        return notFound()

      const isRedirect = redirect && !url.pathname.startsWith('/_assets/')
      for (const f of faults) {
        if (f.asset !== asset) continue
        if (f.kind === 'delay') await new Promise((r) => setTimeout(r, f.ms))
        if (f.kind === 'status') {
          const n = hits.get(f) ?? 0
          if (f.times === undefined || n < f.times) {
            hits.set(f, n + 1)
            record(f.status)
            res.writeHead(f.status, { 'content-type': 'text/plain' })
            res.end(f.status === 404 ? 'Not Found' : `injected ${f.status}`)
            return
          }
        }
      }
      if (isRedirect) {
        record(302)
        res.writeHead(302, { location: `/_assets/${owner}/${repo}/${tag}/${asset}` })
        res.end()
        return
      }
      const data = found.data
      const headers = {
        'content-type': asset.endsWith('.txt')
          ? 'text/plain; charset=utf-8'
          : 'application/octet-stream',
        'content-disposition': `attachment; filename=${asset}`
      }
      const truncate = faults.find((f) => f.asset === asset && f.kind === 'truncate')
      const short = faults.find((f) => f.asset === asset && f.kind === 'short')
      if (req.method === 'HEAD') {
        record(200)
        res.writeHead(200, { ...headers, 'content-length': data.length })
        res.end()
        return
      }
      if (truncate) {
        record(200)
        res.writeHead(200, { ...headers, 'content-length': data.length })
        res.write(data.subarray(0, Math.floor(data.length / 2)), () => {
          setTimeout(() => res.destroy(), 20)
        })
        return
      }
      const body = short ? data.subarray(0, Math.floor(data.length / 2)) : data
      record(200)
      res.writeHead(200, { ...headers, 'content-length': body.length })
      if (opts.bytesPerSecond) await paced(res, body, opts.bytesPerSecond)
      else res.end(body)
    })().catch((e: unknown) => {
      res.writeHead(500)
      res.end(String(e))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  const base = `http://127.0.0.1:${port}`
  const assetUrl = (spec: ReleaseSpec, name: string): string =>
    `${base}/${spec.owner}/${spec.repo}/releases/download/${spec.tag}/${name}`
  const describe = (spec: ReleaseSpec, name: string, data: Buffer): ReleaseAsset => ({
    name,
    url: assetUrl(spec, name),
    sha256: sha256(data),
    size: data.length
  })

  return {
    url: base,
    downloadBase: (tool) => `${base}/${SPECS[tool].owner}/${SPECS[tool].repo}/releases/download`,
    archive: (tool) => {
      const data = archives.get(tool)
      if (!data) throw new Error(`release server was started without ${tool}`)
      return describe(SPECS[tool], SPECS[tool].archive, data)
    },
    checksums: (tool) => {
      const a = assets().get(SPECS[tool].checksums)
      if (!a) throw new Error(`release server was started without ${tool}`)
      return describe(SPECS[tool], SPECS[tool].checksums, a.data)
    },
    servedSha256: (asset) => {
      const a = assets().get(asset)
      if (!a) throw new Error(`no asset ${asset}`)
      return sha256(a.data)
    },
    requests,
    setFaults: (f) => {
      faults = f
      hits.clear()
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

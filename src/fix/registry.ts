import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { ManualOnly } from './yaml-edit.js'

/** What a tag can point at, newest formats first (an index keeps the image multi-platform). */
const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json'
].join(', ')

const REQUEST_TIMEOUT_MS = 10_000

interface ImageReference {
  /** Registry host (with port) as written, `docker.io` when none is. */
  registry: string
  repository: string
  tag: string
}

/** Splits `host/repo:tag` the way Docker does (no host → Docker Hub, one-part names → library/). */
export function parseImageReference(image: string): ImageReference {
  if (image.includes('@')) throw new ManualOnly(`image "${image}" is already pinned by digest`)
  const slash = image.indexOf('/')
  const first = slash === -1 ? '' : image.slice(0, slash)
  const hasRegistry = first.includes('.') || first.includes(':') || first === 'localhost'
  const registry = hasRegistry ? first : 'docker.io'
  let rest = hasRegistry ? image.slice(slash + 1) : image
  const colon = rest.lastIndexOf(':')
  const tag = colon > rest.lastIndexOf('/') ? rest.slice(colon + 1) : 'latest'
  if (colon > rest.lastIndexOf('/')) rest = rest.slice(0, colon)
  if (registry === 'docker.io' && !rest.includes('/')) rest = `library/${rest}`
  if (
    !/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/.test(rest) ||
    !/^[\w][\w.-]{0,127}$/.test(tag)
  )
    throw new ManualOnly(`"${image}" is not an image reference this fix can resolve`)
  return { registry, repository: rest, tag }
}

const LOOPBACK = /^(localhost|127(?:\.\d+){3}|\[::1\])(:\d+)?$/

/**
 * Resolves tags to digests by asking their registries (Docker Registry HTTP API v2: a HEAD of
 * the manifest, anonymous or with the Docker config's credentials for that registry, as Trivy
 * pulls images). One registry that cannot be reached is not asked again in the same run.
 */
export class DigestResolver {
  private readonly digests = new Map<string, Promise<string>>()
  private readonly unreachable = new Map<string, string>()

  private readonly dockerConfig: string
  private readonly offlineReason?: string

  /** `offlineReason`: ask no registry; every image is left to a person, with this reason. */
  constructor(options: { offlineReason?: string; dockerConfig?: string } = {}) {
    this.offlineReason = options.offlineReason
    this.dockerConfig = options.dockerConfig ?? defaultDockerConfig()
  }

  /** `image@sha256:…`, or ManualOnly with the reason it could not be resolved. */
  async pin(image: string): Promise<string> {
    const reference = parseImageReference(image)
    if (this.offlineReason !== undefined) throw new ManualOnly(this.offlineReason)
    let digest = this.digests.get(image)
    if (!digest) {
      digest = this.resolve(reference)
      this.digests.set(image, digest)
    }
    return `${image}@${await digest}`
  }

  private async resolve({ registry, repository, tag }: ImageReference): Promise<string> {
    const down = this.unreachable.get(registry)
    if (down) throw new ManualOnly(down)
    const host = registry === 'docker.io' ? 'registry-1.docker.io' : registry
    // Image names come from the manifests (a pull request's, in the action): never let one
    // point the resolver at a cloud metadata service.
    if (/^(169\.254\.|\[fe80:|metadata\.google\.internal(:|$))/i.test(host))
      throw new ManualOnly(`the registry ${registry} is a link-local address; not asked`)
    const scheme = LOOPBACK.test(host) ? 'http' : 'https'
    const url = `${scheme}://${host}/v2/${repository}/manifests/${encodeURIComponent(tag)}`
    try {
      let response = await request(url, 'HEAD')
      if (response.status === 401) {
        const token = await this.token(registry, response.headers.get('www-authenticate'))
        response = await request(url, 'HEAD', token)
        if (
          response.status === 405 ||
          (response.ok && !response.headers.get('docker-content-digest'))
        )
          response = await request(url, 'GET', token)
      } else if (
        response.status === 405 ||
        (response.ok && !response.headers.get('docker-content-digest'))
      ) {
        response = await request(url, 'GET')
      }
      if (!response.ok)
        throw new ManualOnly(
          `the registry ${registry} answered ${response.status} for ${repository}:${tag}`
        )
      const header = response.headers.get('docker-content-digest')
      if (header && /^sha256:[a-f0-9]{64}$/.test(header)) return header
      const body = Buffer.from(await response.arrayBuffer())
      if (body.length === 0)
        throw new ManualOnly(`the registry ${registry} gave no digest for ${repository}:${tag}`)
      return `sha256:${createHash('sha256').update(body).digest('hex')}`
    } catch (error) {
      if (error instanceof ManualOnly) throw error
      const reason = `the registry ${registry} could not be reached (${(error as Error).message}); pin the digest by hand or re-run online`
      this.unreachable.set(registry, reason)
      throw new ManualOnly(reason)
    }
  }

  /** A bearer token from the realm the registry named (anonymous unless we hold credentials for it). */
  private async token(registry: string, challenge: string | null): Promise<string> {
    const params = Object.fromEntries(
      [...(challenge ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!.toLowerCase(), m[2]!])
    )
    if (!challenge?.toLowerCase().startsWith('bearer') || !params.realm)
      throw new ManualOnly(
        `the registry ${registry} asks for credentials this fix does not support`
      )
    const realm = new URL(params.realm)
    if (realm.protocol !== 'https:' && !LOOPBACK.test(realm.host))
      throw new ManualOnly(`the registry ${registry} names a token service over plain HTTP`)
    for (const key of ['service', 'scope'])
      if (params[key]) realm.searchParams.set(key, params[key])
    const auth = await this.credentials(registry)
    const response = await fetch(realm, {
      headers: auth ? { authorization: `Basic ${auth}` } : {},
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)
    })
    if (!response.ok)
      throw new ManualOnly(`the registry ${registry} refused a token (${response.status})`)
    const body = (await response.json()) as { token?: string; access_token?: string }
    const token = body.token ?? body.access_token
    if (!token) throw new ManualOnly(`the registry ${registry} gave no token`)
    return token
  }

  /** The Docker config's `auths` entry for exactly this registry: never another registry's. */
  private async credentials(registry: string): Promise<string | undefined> {
    let config: { auths?: Record<string, { auth?: string }> }
    try {
      config = JSON.parse(await readFile(this.dockerConfig, 'utf8')) as typeof config
    } catch {
      return undefined
    }
    const keys =
      registry === 'docker.io'
        ? ['https://index.docker.io/v1/', 'docker.io']
        : [registry, `https://${registry}`]
    return keys.map((key) => config.auths?.[key]?.auth).find(Boolean)
  }
}

function defaultDockerConfig(): string {
  return path.join(process.env.DOCKER_CONFIG ?? path.join(os.homedir(), '.docker'), 'config.json')
}

function request(url: string, method: 'HEAD' | 'GET', token?: string): Promise<Response> {
  return fetch(url, {
    method,
    headers: { accept: MANIFEST_TYPES, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    redirect: 'follow',
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)
  })
}

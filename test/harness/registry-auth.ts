// A private registry for the tests: an authenticating reverse proxy in front of the loopback
// registry (go-containerregistry's `registry` has no authentication). It speaks what private
// registries speak, so Trivy's own login code runs:
// - `basic`: every /v2/ request needs `Authorization: Basic` with the right login (a 401 with a
//   `Basic` challenge otherwise);
// - `token`: the Docker registry v2 token flow. A 401 with a `Bearer realm=".../token"` challenge;
//   GET /token with the Basic login answers a short-lived token; /v2/ requests carry that token.
// In both modes a preset token is accepted as a bearer token too (what `registry-token` sends).
import { randomBytes, timingSafeEqual } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export type RegistryAuthMode = 'basic' | 'token'

export interface RegistryAuthOptions {
  /** The registry behind the proxy, e.g. http://127.0.0.1:41234 */
  upstream: string
  mode: RegistryAuthMode
  username: string
  password: string
  /** A token the registry accepts as it is, without the token flow. */
  presetToken?: string
}

/** How one request authenticated, for assertions (never the credentials themselves). */
export type Credential = 'none' | 'basic' | 'wrong-basic' | 'bearer' | 'wrong-bearer' | 'other'

export interface AuthLogEntry {
  method: string
  path: string
  credential: Credential
  status: number
}

export interface AuthRegistry {
  /** host:port of the proxy: the registry part of image references. */
  host: string
  url: string
  /** Every request the proxy answered, in order. */
  log: AuthLogEntry[]
  /** `host/name:tag` through the proxy. */
  imageRef(name: string, tag: string): string
  stop(): Promise<void>
}

const SERVICE = 'harness-registry'

const same = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))

export async function startAuthRegistry(options: RegistryAuthOptions): Promise<AuthRegistry> {
  const issued = new Set<string>()
  const log: AuthLogEntry[] = []
  const validLogin = `${options.username}:${options.password}`

  const credentialOf = (header: string | undefined): Credential => {
    if (!header) return 'none'
    const [scheme, value = ''] = header.split(' ', 2)
    if (scheme === 'Basic')
      return same(Buffer.from(value, 'base64').toString('utf8'), validLogin)
        ? 'basic'
        : 'wrong-basic'
    if (scheme === 'Bearer')
      return issued.has(value) || (options.presetToken && same(value, options.presetToken))
        ? 'bearer'
        : 'wrong-bearer'
    return 'other'
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy')
    const credential = credentialOf(req.headers.authorization)
    const answer = (status: number, headers: http.OutgoingHttpHeaders, body: unknown): void => {
      log.push({ method: req.method ?? '', path: url.pathname, credential, status })
      res.writeHead(status, { 'content-type': 'application/json', ...headers })
      res.end(JSON.stringify(body))
    }
    const unauthorized = (challenge: string): void =>
      answer(
        401,
        { 'www-authenticate': challenge },
        { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required', detail: null }] }
      )

    if (url.pathname === '/token') {
      if (options.mode !== 'token' || credential !== 'basic')
        return unauthorized(`Basic realm="${SERVICE}"`)
      const token = randomBytes(24).toString('hex')
      issued.add(token)
      return answer(
        200,
        {},
        { token, access_token: token, expires_in: 300, issued_at: new Date().toISOString() }
      )
    }
    if (!url.pathname.startsWith('/v2/')) return answer(404, {}, { errors: [] })
    const allowed = credential === 'bearer' || (options.mode === 'basic' && credential === 'basic')
    if (!allowed) {
      if (options.mode === 'basic') return unauthorized(`Basic realm="${SERVICE}"`)
      const repository = /^\/v2\/(.+)\/(?:manifests|blobs|tags)\//.exec(url.pathname)?.[1]
      return unauthorized(
        `Bearer realm="http://${req.headers.host}/token",service="${SERVICE}"${
          repository ? `,scope="repository:${repository}:pull"` : ''
        }`
      )
    }
    const headers = { ...req.headers }
    delete headers.authorization
    delete headers.host
    const forward = http.request(
      new URL(url.pathname + url.search, options.upstream),
      { method: req.method, headers },
      (upstream) => {
        log.push({
          method: req.method ?? '',
          path: url.pathname,
          credential,
          status: upstream.statusCode ?? 502
        })
        res.writeHead(upstream.statusCode ?? 502, upstream.headers)
        upstream.pipe(res)
      }
    )
    forward.on('error', (error) => {
      res.writeHead(502)
      res.end(error.message)
    })
    req.pipe(forward)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  const host = `127.0.0.1:${port}`
  return {
    host,
    url: `http://${host}`,
    log,
    imageRef: (name, tag) => `${host}/${name}:${tag}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

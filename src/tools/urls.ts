/** Query parameters whose values are credentials (tokens, signed-URL signatures, passwords). */
const SECRET_PARAM = /token|sig|secret|passw|pwd|key|credential|auth|session/i

/**
 * `url` fit for a log or an error message: userinfo and the values of credential-like query
 * parameters replaced by `***`. Text that does not parse as a URL loses everything between
 * `scheme://` and the last `@` instead.
 */
export function redactUrl(url: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1***@')
  }
  if (parsed.username || parsed.password) {
    parsed.username = '***'
    parsed.password = ''
  }
  for (const name of [...parsed.searchParams.keys()]) {
    if (SECRET_PARAM.test(name)) parsed.searchParams.set(name, '***')
  }
  return parsed.toString()
}

/** Every URL in a free text (a tool's stderr, say) passed through `redactUrl`. */
export function redactUrls(text: string): string {
  // Punctuation that ends a sentence or a Go error prefix (`GET <url>: 401`) is not part of it.
  return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s'"<>]*[^\s'"<>.,;:)]/gi, (url) => redactUrl(url))
}

/**
 * Why `value` cannot be the release host tools are downloaded from, or undefined when it can.
 * https only: a plain-http mirror lets anyone on the path swap a release together with its
 * checksums file. Plain http is accepted for a loopback host (nothing leaves the machine; the
 * test harness serves releases so). Credentials are refused, not carried along redacted: fetch
 * rejects a URL with userinfo anyway, and a query would break the paths appended to the base.
 */
export function mirrorUrlProblem(value: string): string | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return `must be an https URL; got '${redactUrl(value)}'.`
  }
  const shown = redactUrl(value)
  if (url.username || url.password) {
    return `must not contain credentials (user:password@); got '${shown}'. Use a mirror that needs none.`
  }
  if (url.search || url.hash) {
    return `must be a base URL without a ?query or #fragment; got '${shown}'.`
  }
  if (isSafeTransport(url)) return undefined
  return `must be an https URL (plain http only for a loopback host); got '${shown}'.`
}

/** https, or plain http that never leaves the machine. */
export function isSafeTransport(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname))
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname)
}

import { createHash } from 'node:crypto'
import { byText } from '../../findings/order.js'

/**
 * The digest of a policy bundle: SHA-256 over its files sorted by path, each as
 * `<path>\0<byte length>\0<bytes>`. Paths are POSIX and relative to the action root, so the
 * digest is the same on every machine.
 */
export function bundleDigest(files: Array<{ path: string; content: string | Buffer }>): string {
  const hash = createHash('sha256')
  for (const file of [...files].sort((a, b) => byText(a.path, b.path))) {
    const bytes = typeof file.content === 'string' ? Buffer.from(file.content) : file.content
    hash.update(`${file.path}\0${bytes.length}\0`)
    hash.update(bytes)
  }
  return `sha256:${hash.digest('hex')}`
}

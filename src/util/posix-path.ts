import path from 'node:path'

/** A path of this platform with `/` separators: how reports, SARIF and the evidence name files. */
export function toPosix(file: string): string {
  return file.split(path.sep).join('/')
}

/** `to` relative to `from`, with `/` separators (a repo-relative path when `from` is the workspace). */
export function relativePosix(from: string, to: string): string {
  return toPosix(path.relative(from, to))
}

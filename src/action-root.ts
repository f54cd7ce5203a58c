import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The action's own directory (holding policies/ and package.json): the nearest ancestor of this bundle that has both. */
export const ACTION_ROOT = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url))
  while (!(existsSync(path.join(dir, 'policies')) && existsSync(path.join(dir, 'package.json')))) {
    const parent = path.dirname(dir)
    if (parent === dir)
      throw new Error('hardening-action: cannot find its policies/ directory next to the bundle')
    dir = parent
  }
  return dir
})()

export const ACTION_VERSION: string = (
  JSON.parse(readFileSync(path.join(ACTION_ROOT, 'package.json'), 'utf8')) as { version: string }
).version

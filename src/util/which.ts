import { constants as fsConstants } from 'node:fs'
import { access } from 'node:fs/promises'
import path from 'node:path'

/** The directories listed in PATH, in order. */
export function pathDirs(): string[] {
  return (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)
}

/** The first executable named `executable` in `dirs` (default: PATH), like `which`. */
export async function findOnPath(
  executable: string,
  dirs: string[] = pathDirs()
): Promise<string | undefined> {
  for (const dir of dirs) {
    const candidate = path.join(dir, executable)
    try {
      await access(candidate, fsConstants.X_OK)
      return candidate
    } catch {
      // not here; keep looking
    }
  }
  return undefined
}

// Report files are written into the checkout, which the pull request controls: a committed
// `hardening-results/summary.md -> ~/.bashrc` must not make us write through the link, nor a later
// step (an artifact upload of the output directory) read through it. Links on the way to a report
// are removed, never followed; every directory below the workspace is checked to be a real one;
// and each file is opened with O_NOFOLLOW.
import { constants } from 'node:fs'
import { lstat, mkdir, open, readdir, unlink, type FileHandle } from 'node:fs/promises'
import path from 'node:path'
import { byText } from '../findings/order.js'
import { relativePosix } from '../util/posix-path.js'
import type { LargeText } from './json-stream.js'

export interface PreparedOutput {
  /** False when something that is neither a link nor what we need is in the way. */
  writable: boolean
  /** What was wrong on the way (a link removed, or why the file cannot be written). */
  problem?: string
}

/**
 * Makes `file` safe to write: creates its missing directories below `workspace`, removes a link
 * found on the way (as a directory or as the file), and refuses when a component is some other
 * non-directory. Outside the workspace (an output directory set in code; the `output-dir` input
 * cannot leave it) nothing is the pull request's to plant.
 */
export async function prepareOutputFile(workspace: string, file: string): Promise<PreparedOutput> {
  const relative = path.relative(workspace, file)
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    await mkdir(path.dirname(file), { recursive: true })
    return { writable: true }
  }
  const parts = relative.split(path.sep)
  const problems: string[] = []
  let current = workspace
  for (const [index, part] of parts.entries()) {
    current = path.join(current, part)
    const shown = parts.slice(0, index + 1).join('/')
    const isFile = index === parts.length - 1
    let stat = await lstat(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined
      throw error
    })
    if (stat?.isSymbolicLink()) {
      await unlink(current)
      stat = undefined
      problems.push(
        `${shown} was a symbolic link in the checkout; it was removed, and the report written in its place instead of through it.`
      )
    }
    if (isFile) {
      if (stat && !stat.isFile())
        return { writable: false, problem: `${shown} is not a regular file; it was not written.` }
    } else if (!stat) await mkdir(current)
    else if (!stat.isDirectory())
      return {
        writable: false,
        problem: `${shown} is not a directory, so ${relative} was not written.`
      }
  }
  return problems.length ? { writable: true, problem: problems.join(' ') } : { writable: true }
}

/** Opens (truncates) a file that `prepareOutputFile` made safe; fails (ELOOP) should it be a link again. */
export function openOutputFile(file: string): Promise<FileHandle> {
  return open(
    file,
    constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW,
    0o644
  )
}

/**
 * Writes a file that `prepareOutputFile` made safe: a text, or a large one batch by batch
 * (`LargeText`), so that it never has to be one string.
 */
export async function writeOutputFile(
  file: string,
  content: string | Buffer | LargeText
): Promise<void> {
  const handle = await openOutputFile(file)
  try {
    if (typeof content === 'function') await content((batch) => handle.writeFile(batch))
    else await handle.writeFile(content)
  } finally {
    await handle.close()
  }
}

const LISTED_FOREIGN_ENTRIES = 5

/**
 * What the checkout already holds in the output directory besides our report files. The artifact
 * upload publishes the whole directory, so a committed `evidence/report.html` or an extra SARIF
 * would travel as part of our report: the gate fails naming them (they are left as they are).
 * Links are listed, never followed. An output directory that is the workspace itself is not ours
 * to police.
 */
export async function foreignOutputProblem(
  workspace: string,
  outputDir: string,
  reportFiles: string[]
): Promise<string | undefined> {
  if (path.resolve(outputDir) === path.resolve(workspace)) return undefined
  const ours = new Set(reportFiles.map((file) => path.resolve(file)))
  const ourDirs = new Set(reportFiles.map((file) => path.resolve(path.dirname(file))))
  const foreign: string[] = []
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
    for (const entry of entries.sort((a, b) => byText(a.name, b.name))) {
      const full = path.join(dir, entry.name)
      if (ours.has(full)) continue
      if (entry.isDirectory() && ourDirs.has(full)) await walk(full)
      else foreign.push(relativePosix(workspace, full))
    }
  }
  await walk(path.resolve(outputDir))
  if (foreign.length === 0) return undefined
  const listed = foreign.slice(0, LISTED_FOREIGN_ENTRIES).join(', ')
  const more =
    foreign.length > LISTED_FOREIGN_ENTRIES
      ? ` and ${foreign.length - LISTED_FOREIGN_ENTRIES} more`
      : ''
  return (
    `The output directory already held ${listed}${more}, which this run did not write; an upload ` +
    'of the directory would publish them with our report. Remove them from the repository or choose another output-dir.'
  )
}

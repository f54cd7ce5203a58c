import { randomBytes } from 'node:crypto'
import { chmod, lstat, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { LineEdit } from './model.js'
import type { SourceText } from './source.js'

/** Lines of a text as a diff shows them: without their line feed, and whether the last had one. */
function split(text: string): { lines: string[]; finalNewline: boolean } {
  const finalNewline = text.endsWith('\n')
  const lines = text === '' ? [] : (finalNewline ? text.slice(0, -1) : text).split('\n')
  return { lines, finalNewline }
}

const NO_NEWLINE = '\\ No newline at end of file'

/**
 * A unified diff (as `diff -u` / `git diff` print it, `context` lines around each change) of the
 * edits to one file; `git apply` and `patch -p1` take it.
 */
export function unifiedDiff(
  file: string,
  source: SourceText,
  edits: LineEdit[],
  context = 3
): string {
  if (edits.length === 0) return ''
  const old = split(source.text)
  const hunks: LineEdit[][] = []
  for (const edit of edits) {
    const hunk = hunks.at(-1)
    if (hunk && edit.startLine - context <= hunk.at(-1)!.endLine + context + 1) hunk.push(edit)
    else hunks.push([edit])
  }
  let out = `--- a/${file}\n+++ b/${file}\n`
  let delta = 0
  for (const hunk of hunks) {
    const oldStart = Math.max(1, hunk[0]!.startLine - context)
    const oldEnd = Math.min(old.lines.length, hunk.at(-1)!.endLine + context)
    const body: string[] = []
    let added = 0
    let removed = 0
    const oldLine = (line: number, mark: string) => {
      body.push(mark + old.lines[line - 1]!)
      if (line === old.lines.length && !old.finalNewline) body.push(NO_NEWLINE)
    }
    let next = oldStart
    for (const edit of hunk) {
      for (; next < edit.startLine; next++) oldLine(next, ' ')
      // Lines an edit keeps as they were (it replaces whole lines) are shown as context.
      const kept = keptLines(source.lines(edit.startLine, edit.endLine), edit.replacement)
      for (let line = edit.startLine; line < edit.startLine + kept.before; line++)
        oldLine(line, ' ')
      const changedEnd = edit.endLine - kept.after
      for (let line = edit.startLine + kept.before; line <= changedEnd; line++, removed++)
        oldLine(line, '-')
      const replacement = split(kept.replacement)
      for (const line of replacement.lines) body.push(`+${line}`)
      if (replacement.lines.length > 0 && !replacement.finalNewline) body.push(NO_NEWLINE)
      added += replacement.lines.length
      for (let line = changedEnd + 1; line <= edit.endLine; line++) oldLine(line, ' ')
      next = edit.endLine + 1
    }
    for (; next <= oldEnd; next++) oldLine(next, ' ')
    const oldCount = oldEnd - oldStart + 1
    const newCount = oldCount - removed + added
    const newStart = oldStart + delta
    out += `@@ -${range(oldStart, oldCount)} +${range(newCount === 0 ? newStart - 1 : newStart, newCount)} @@\n`
    out += `${body.join('\n')}\n`
    delta += added - removed
  }
  return out
}

/** Whole lines (line breaks included) the replacement keeps at its start and end, and what is left. */
function keptLines(
  original: string,
  replacement: string
): { before: number; after: number; replacement: string } {
  const lines = (text: string) => text.match(/[^\n]*\n|[^\n]+$/g) ?? []
  const old = lines(original)
  const fresh = lines(replacement)
  let before = 0
  while (before < old.length && before < fresh.length && old[before] === fresh[before]) before++
  let after = 0
  while (
    after < old.length - before &&
    after < fresh.length - before &&
    old[old.length - 1 - after] === fresh[fresh.length - 1 - after]
  )
    after++
  return { before, after, replacement: fresh.slice(before, fresh.length - after).join('') }
}

const range = (start: number, count: number) => (count === 1 ? `${start}` : `${start},${count}`)

/**
 * Replaces a file's content atomically: a temporary file in the same directory, with the
 * original's mode, renamed over it. Symbolic links and anything but a regular file are refused
 * (a link in a checkout could point anywhere).
 */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const info = await lstat(file)
  if (info.isSymbolicLink()) throw new Error(`${file} is a symbolic link; not rewritten`)
  if (!info.isFile()) throw new Error(`${file} is not a regular file; not rewritten`)
  const temporary = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`
  )
  try {
    await writeFile(temporary, content, { flag: 'wx', mode: 0o600 })
    await chmod(temporary, info.mode & 0o7777)
    await rename(temporary, file)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}

import type { LineEdit } from './model.js'

/** A file's text with its line starts, for turning offsets into 1-based lines and back. */
export class SourceText {
  readonly lineStarts: number[] = [0]
  /** The file's own line ending, used for every line a fix adds. */
  readonly eol: string

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1))
      if (i + 1 < text.length) this.lineStarts.push(i + 1)
    this.eol = text.includes('\r\n') ? '\r\n' : '\n'
  }

  get lineCount(): number {
    return this.lineStarts.length
  }

  /** 1-based line holding the character at `offset`. */
  lineOf(offset: number): number {
    let low = 0
    let high = this.lineStarts.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if (this.lineStarts[mid]! <= offset) low = mid
      else high = mid - 1
    }
    return low + 1
  }

  /** 0-based column of `offset` in its line. */
  columnOf(offset: number): number {
    return offset - this.lineStart(this.lineOf(offset))
  }

  lineStart(line: number): number {
    return this.lineStarts[line - 1]!
  }

  /** Offset just past the line's end, its line break included. */
  lineEnd(line: number): number {
    return line < this.lineStarts.length ? this.lineStarts[line]! : this.text.length
  }

  /** Lines first..last as written, line breaks included. */
  lines(first: number, last: number): string {
    return this.text.slice(this.lineStart(first), this.lineEnd(last))
  }

  /** Line of the last non-blank character before `end` (node ranges end after comments and breaks). */
  lastContentLine(end: number): number {
    let at = Math.min(end, this.text.length) - 1
    while (at > 0 && /\s/.test(this.text[at]!)) at--
    return this.lineOf(Math.max(at, 0))
  }
}

/**
 * Applies line edits (sorted, non-overlapping, as in a FileFix) to the text they were made for;
 * with `first`/`last`, to those lines only (edits outside them are an error).
 */
export function applyLineEdits(
  source: SourceText,
  edits: LineEdit[],
  first = 1,
  last = source.lineCount
): string {
  let out = ''
  let next = first
  for (const edit of edits) {
    if (edit.startLine < next || edit.endLine < edit.startLine || edit.endLine > last)
      throw new Error(`edit of lines ${edit.startLine}-${edit.endLine} overlaps or is out of range`)
    out += source.text.slice(source.lineStart(next), source.lineStart(edit.startLine))
    out += edit.replacement
    next = edit.endLine + 1
  }
  return out + (next <= last ? source.lines(next, last) : '')
}

/** Groups values by a key, in first-seen order (Map.groupBy needs Node 21). */
export function groupBy<T>(values: T[], key: (value: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const value of values) {
    const group = groups.get(key(value))
    if (group) group.push(value)
    else groups.set(key(value), [value])
  }
  return groups
}

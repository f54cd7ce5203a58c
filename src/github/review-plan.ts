// Pure planning for fix suggestions on a pull request: which RIGHT-side lines a PR's diff shows,
// which verified fixes fit on them, and the review comment each becomes. No API calls here.
import { createHash } from 'node:crypto'
import type { Finding } from '../findings/model.js'
import type { FileFix, LineEdit } from '../fix/model.js'
import { escapeMarkdown } from '../report/markdown.js'

/** One line of the new (RIGHT) side of a diff. */
export interface DiffLine {
  text: string
  /** Added by the pull request (a `+` line), not context. */
  added: boolean
  /** Index of its hunk: a multi-line comment must stay within one hunk. */
  hunk: number
}

/** RIGHT-side line number → line, for one file of a pull request. */
export type DiffLines = Map<number, DiffLine>

const HUNK_HEADER = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/

/**
 * The RIGHT-side lines of a unified diff `patch` as GitHub returns it for a PR's file: added and
 * context lines, with their line numbers in the new file. Undefined patch (binary file, diff too
 * large) → no lines. Parsing stops at a line that is not part of a hunk.
 */
export function rightSideLines(patch: string | undefined): DiffLines {
  const lines: DiffLines = new Map()
  if (!patch) return lines
  let hunk = -1
  let next = 0
  for (const raw of patch.split('\n')) {
    const header = HUNK_HEADER.exec(raw)
    if (header) {
      hunk++
      next = Number(header[1])
      continue
    }
    if (hunk < 0) break
    const sign = raw[0]
    if (sign === '+' || sign === ' ')
      lines.set(next++, { text: raw.slice(1), added: sign === '+', hunk })
    else if (sign !== '-' && sign !== '\\' && raw !== '') break
  }
  return lines
}

/** One review comment with a suggestion block that replaces lines startLine..endLine. */
export interface Suggestion {
  path: string
  startLine: number
  endLine: number
  body: string
  /** Identifies the exact suggestion (place and text) across runs. */
  key: string
  /** The fix this suggestion is (part of). */
  fix: FileFix
}

/** A fix the pull request cannot show as a suggestion, and why. */
export interface FixElsewhere {
  fix: FileFix
  reason: string
}

export interface SuggestionPlan {
  suggestions: Suggestion[]
  elsewhere: FixElsewhere[]
}

export interface SuggestionInput {
  fixes: FileFix[]
  /** The scan's findings, to name what each fix resolves. */
  findings: Finding[]
  /** The pull request's diff, by repo-relative path. */
  diff: Map<string, DiffLines>
  /** The lines of each scanned file (what the fixes' line numbers refer to), by path. */
  scanned: Map<string, string[]>
  /** The `comment-id`: several jobs keep their own suggestions. */
  markerId: string
}

export const OUTSIDE_DIFF = "touches lines outside this pull request's diff"
export const DIFFERENT_FILE =
  "the pull request's version of the file differs from the scanned one (the base branch changed it too)"

/**
 * The suggestions for the fixes that lie entirely on lines of the PR's diff, and the fixes that
 * do not. A fix is verified as a whole, so it is suggested whole or not at all: its edits in one
 * hunk become one suggestion, and each must match, line for line, the file that was scanned
 * (the runner checks out the merge commit, GitHub comments on the head).
 */
export function planSuggestions(input: SuggestionInput): SuggestionPlan {
  const byFingerprint = new Map(input.findings.map((f) => [f.fingerprint, f]))
  const plan: SuggestionPlan = { suggestions: [], elsewhere: [] }
  for (const fix of input.fixes) {
    const diff = input.diff.get(fix.path)
    const scanned = input.scanned.get(fix.path)
    const edits = mergeWithinHunks(fix.edits, diff, scanned)
    const problem = edits.length
      ? edits.map((edit) => editProblem(edit, diff, scanned)).find((p) => p !== undefined)
      : OUTSIDE_DIFF
    if (problem) {
      plan.elsewhere.push({ fix, reason: problem })
      continue
    }
    const resolves = fix.resolves.flatMap((fp) => byFingerprint.get(fp) ?? [])
    edits.forEach((edit, index) => {
      const text = suggestionText(edit, index, edits.length, resolves)
      const key = createHash('sha256')
        .update([fix.path, edit.startLine, edit.endLine, text].join('\u0000'))
        .digest('hex')
        .slice(0, 24)
      plan.suggestions.push({
        path: fix.path,
        startLine: edit.startLine,
        endLine: edit.endLine,
        body: `${suggestionMarkerPrefix(input.markerId)}${key} -->\n${text}`,
        key,
        fix
      })
    })
  }
  return plan
}

/**
 * The edits with those in one hunk joined into one (the lines between them kept as scanned), so
 * that a fix is one click wherever the diff allows it.
 */
function mergeWithinHunks(
  edits: LineEdit[],
  diff: DiffLines | undefined,
  scanned: string[] | undefined
): LineEdit[] {
  const merged: LineEdit[] = []
  for (const edit of edits) {
    const last = merged.at(-1)
    const hunk = diff?.get(edit.startLine)?.hunk
    if (!last || !scanned || hunk === undefined || diff?.get(last.endLine)?.hunk !== hunk) {
      merged.push({ ...edit })
      continue
    }
    const between = scanned.slice(last.endLine, edit.startLine - 1).map((line) => `${line}\n`)
    last.replacement += between.join('') + edit.replacement
    last.endLine = edit.endLine
  }
  return merged
}

function editProblem(
  edit: LineEdit,
  diff: DiffLines | undefined,
  scanned: string[] | undefined
): string | undefined {
  if (!diff || edit.endLine < edit.startLine) return OUTSIDE_DIFF
  const hunk = diff.get(edit.startLine)?.hunk
  for (let line = edit.startLine; line <= edit.endLine; line++) {
    const shown = diff.get(line)
    if (!shown || shown.hunk !== hunk) return OUTSIDE_DIFF
    if (
      scanned?.[line - 1] === undefined ||
      withoutCr(scanned[line - 1]!) !== withoutCr(shown.text)
    )
      return DIFFERENT_FILE
  }
  return undefined
}

const withoutCr = (line: string): string => line.replace(/\r$/, '')

/**
 * The first line of every suggestion comment of this job, up to the key. Ours are found by it
 * and by their author (as the PR comment is).
 */
export function suggestionMarkerPrefix(markerId: string): string {
  return `<!-- hardening-action:fix-${markerId.replace(/[^A-Za-z0-9._-]+/g, '-')} key=`
}

/** The key in a suggestion comment's marker, or undefined when the body is not one of this job's. */
export function suggestionKey(body: string, markerId: string): string | undefined {
  const prefix = suggestionMarkerPrefix(markerId)
  if (!body.startsWith(prefix)) return undefined
  return /^([0-9a-f]{24}) -->/.exec(body.slice(prefix.length))?.[1]
}

/** A code fence longer than any run of backticks in `text`, so the text cannot close it. */
export function fenceFor(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length))
  return '`'.repeat(Math.max(3, longest + 1))
}

const LISTED_FINDINGS = 5

function suggestionText(edit: LineEdit, index: number, parts: number, resolves: Finding[]): string {
  // The block holds the new lines; its final newline is the one the replaced lines end with.
  const replacement = edit.replacement.replace(/\r?\n$/, '')
  const fence = fenceFor(replacement)
  const part =
    parts > 1
      ? ` (part ${index + 1} of ${parts}: commit the parts together with "Add suggestion to batch")`
      : ''
  const lines = [`🔧 **hardening-action** suggests a verified fix${part}. It resolves:`, '']
  for (const finding of resolves.slice(0, LISTED_FINDINGS))
    lines.push(
      `- ${finding.severity} <code>${escapeMarkdown(finding.ruleId, { max: 120 })}</code>: ${escapeMarkdown(finding.message, { max: 300 })}`
    )
  if (resolves.length > LISTED_FINDINGS)
    lines.push(`- …and ${resolves.length - LISTED_FINDINGS} more`)
  if (!resolves.length) lines.push('- findings of this scan')
  lines.push('', `${fence}suggestion`, ...(replacement ? [replacement] : []), fence)
  return lines.join('\n')
}

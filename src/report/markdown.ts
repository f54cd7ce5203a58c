// The one escaper for text from the pull request (file and object names, messages, waiver
// fields, rule text from user templates) on its way into Markdown or HTML: the PR comment, the job
// summary, the evidence report, SARIF help and decision reasons. Its output is inert: no HTML, no
// table break, no line break, no @-mention or issue reference, no Markdown structure.

/**
 * Characters turned into a space: C0/C1 controls (a lone `\r` ends a line in Markdown), DEL and
 * the Unicode line and paragraph separators.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it matches
const BREAKS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g
/** Bidirectional overrides and isolates (they reorder what a reader sees): shown as U+FFFD. */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g
/** A zero-width space, written as an entity so that the source stays readable. */
const ZWSP = '&#8203;'

const REPLACEMENTS: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '|': '&#124;',
  // GitHub links #123 in the rendered text (entities are decoded first); a zero-width space
  // after the sign breaks the link. `@` is handled by MENTION.
  '#': `#${ZWSP}`
}
/**
 * The above, and Markdown's inline syntax (backslash, code, emphasis, links, strikethrough, math),
 * which is escaped with a backslash.
 */
const SPECIAL = /[&<>|#\\`*_[\]~$]/g
/**
 * An `@` that GitHub would read as a mention of a user or team (one not preceded by a letter,
 * digit or `_`, unlike `image@sha256:…`): a zero-width space after it breaks the mention and
 * its notification.
 */
const MENTION = /(?<![A-Za-z0-9_])@/g
/**
 * What would open a block at the start of a line: a bullet (`- x`, `+ x`), an ordered item
 * (`1. x`, `1) x`), a setext underline or thematic break (`===`, `- - -`).
 */
const BLOCK_START = /^(?:[-+](?=\s|$)|\d{1,9}(?=[.)](?:\s|$))|[-=](?=[-=\s]*$))/

export interface EscapeOptions {
  /** Longest text kept, in characters; longer text ends with `…`. */
  max?: number
  /** Keep line breaks (each line escaped on its own) instead of joining the lines with spaces. */
  multiline?: boolean
}

/**
 * `text` as inert Markdown that reads as the same text: fit for a table cell, a list item, a
 * `<summary>` or `<code>` element, a heading or (with `multiline`) a paragraph.
 */
export function escapeMarkdown(text: string, options: EscapeOptions = {}): string {
  const clipped = clip(text, options.max)
  if (!options.multiline) return escapeLine(clipped)
  return clipped
    .split(/\r\n|\r|\n/)
    .map(escapeLine)
    .join('\n')
}

function clip(text: string, max: number | undefined): string {
  if (max === undefined || text.length <= max) return text
  // Code points, so that an emoji or other astral character is never cut in half.
  const points = Array.from(text)
  return points.length <= max ? text : `${points.slice(0, Math.max(0, max - 1)).join('')}…`
}

/** What makes a line need the work below (most names and messages need none of it). */
// eslint-disable-next-line no-control-regex -- control characters are among what it looks for
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069&<>|@#\\`*_[\]~$]/
/** Tested apart from UNSAFE: an alternation of anchored and unanchored parts is 5x slower. */
const UNSAFE_START = /^[\s\d=+-]/
const UNSAFE_END = /\s$/

function escapeLine(line: string): string {
  if (!UNSAFE.test(line) && !UNSAFE_START.test(line) && !UNSAFE_END.test(line)) return line
  const flat = line.replace(BREAKS, ' ').replace(BIDI, '\ufffd').trim()
  return flat
    .replace(SPECIAL, (c) => REPLACEMENTS[c] ?? `\\${c}`)
    .replace(MENTION, `@${ZWSP}`)
    .replace(BLOCK_START, (start) => (/\d/.test(start) ? `${start}\\` : `\\${start}`))
}

/**
 * A repository path as a URL path: every segment percent-encoded, including the characters
 * `encodeURIComponent` keeps that end or confuse a Markdown link target (`(`, `)`, `!`, `'`, `*`).
 */
export function encodeUrlPath(file: string): string {
  return file
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment).replace(
        /[!'()*]/g,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
      )
    )
    .join('/')
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;'
}

/**
 * `text` as inert HTML that reads as the same text, for an element's text or a quoted attribute
 * value of a real HTML page (the evidence report), where Markdown's escapes would show: markup
 * and quotes become entities, line breaks and controls spaces, bidirectional overrides U+FFFD.
 */
export function escapeHtml(text: string): string {
  return text
    .replace(BREAKS, ' ')
    .replace(BIDI, '\ufffd')
    .replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!)
}

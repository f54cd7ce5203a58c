import type { Finding } from './model.js'
import { severityRank } from './severity.js'

/** Plain code-unit order: stable across locales, and much faster than `localeCompare`. */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

let numericCollator: Intl.Collator | undefined

/**
 * Numbers in text by their value (`CC6.2` before `CC6.10`), then plain code-unit order: the order
 * of `Intl.Collator('en', { numeric: true })`, with code-unit order for what it finds equal. Text
 * of printable ASCII, all that control IDs and framework names hold, is compared here without
 * the collator: creating the first one loads ICU's collation data (8 ms here, on every report).
 * test/unit/order.test.ts compares the two on generated text.
 */
export function naturalOrder(a: string, b: string): number {
  const order = asciiNaturalOrder(a, b)
  if (order !== undefined) return order || byText(a, b)
  numericCollator ??= new Intl.Collator('en', { numeric: true })
  return numericCollator.compare(a, b) || byText(a, b)
}

/**
 * The collator's order on printable ASCII (CLDR root collation): symbols in this order, then
 * numbers by value (leading zeros ignored), then letters, case only where nothing else differs
 * (lower before upper).
 */
const SYMBOLS = ' _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$'
const PRIMARY = new Int16Array(128).fill(-1)
const NUMBER = SYMBOLS.length
for (const [i, symbol] of [...SYMBOLS].entries()) PRIMARY[symbol.charCodeAt(0)] = i
for (let digit = 0; digit <= 9; digit++) PRIMARY[48 + digit] = NUMBER
for (let letter = 0; letter < 26; letter++) {
  PRIMARY[97 + letter] = NUMBER + 1 + letter
  PRIMARY[65 + letter] = NUMBER + 1 + letter
}
/** ICU compares longer digit runs in pieces; such text goes to the collator. */
const MAX_DIGITS = 200

/** The collator's order of two printable ASCII texts; undefined for any other text. */
function asciiNaturalOrder(a: string, b: string): number | undefined {
  // Checked whole first: a character the collator ignores, or a non-ASCII digit, can change
  // what came before it (`2１` is twenty-one).
  if (!covered(a) || !covered(b)) return undefined
  let i = 0
  let j = 0
  let caseOrder = 0
  while (i < a.length && j < b.length) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(j)
    const px = PRIMARY[x]!
    const py = PRIMARY[y]!
    if (px === NUMBER && py === NUMBER) {
      const endA = digitsEnd(a, i)
      const endB = digitsEnd(b, j)
      if (endA - i > MAX_DIGITS || endB - j > MAX_DIGITS) return undefined
      const order = compareNumbers(a.slice(i, endA), b.slice(j, endB))
      if (order) return order
      i = endA
      j = endB
      continue
    }
    if (px !== py) return px < py ? -1 : 1
    if (!caseOrder && x !== y) caseOrder = x > 96 ? -1 : 1
    i++
    j++
  }
  if (i < a.length) return 1
  if (j < b.length) return -1
  return caseOrder
}

function digitsEnd(text: string, from: number): number {
  let end = from
  while (end < text.length && PRIMARY[text.charCodeAt(end)] === NUMBER) end++
  return end
}

/** Digit runs by value: without leading zeros, a longer run is larger, else compare digits. */
function compareNumbers(x: string, y: string): number {
  const a = x.replace(/^0+/, '')
  const b = y.replace(/^0+/, '')
  return a.length - b.length || byText(a, b)
}

function covered(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code >= 128 || PRIMARY[code]! < 0) return false
  }
  return true
}

/**
 * Most severe first, then by file and line. The sort keys are computed once per finding, not per
 * comparison: reports sort up to hundreds of thousands of findings.
 */
export function sortBySeverity(findings: Finding[]): Finding[] {
  return findings
    .map(severityKey)
    .sort(bySeverityKey)
    .map((keyed) => keyed.finding)
}

/**
 * The first `count` of `sortBySeverity(findings)`, without sorting them all: the findings are
 * grouped by severity, and only the groups the first `count` reach into are sorted (a report that
 * shows the top few of 100,000 findings sorts the most severe group, not all of them).
 */
export function mostSevere(findings: Finding[], count: number): Finding[] {
  const byRank: Finding[][] = []
  for (const finding of findings) (byRank[severityRank(finding.severity)] ??= []).push(finding)
  const kept: Finding[] = []
  for (let rank = byRank.length - 1; rank >= 0 && kept.length < count; rank--) {
    const group = byRank[rank]
    if (!group) continue
    // A stable sort of one rank: the same order as the full sort's within that rank.
    const sorted = sortBySeverity(group)
    for (let i = 0; i < sorted.length && kept.length < count; i++) kept.push(sorted[i]!)
  }
  return kept
}

interface SeverityKey {
  finding: Finding
  rank: number
  path: string
  line: number
}

const severityKey = (finding: Finding): SeverityKey => ({
  finding,
  rank: severityRank(finding.severity),
  path: finding.location?.path ?? '',
  line: finding.location?.startLine ?? 0
})

const bySeverityKey = (a: SeverityKey, b: SeverityKey): number =>
  b.rank - a.rank || byText(a.path, b.path) || a.line - b.line

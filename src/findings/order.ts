import type { Finding } from './model.js'
import { severityRank } from './severity.js'

/** Plain code-unit order: stable across locales, and much faster than `localeCompare`. */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

let numericCollator: Intl.Collator | undefined

/**
 * Numbers in text by their value (`CC6.2` before `CC6.10`), then plain code-unit order. One
 * collator for every comparison: `localeCompare` with options builds one per call.
 */
export function naturalOrder(a: string, b: string): number {
  numericCollator ??= new Intl.Collator('en', { numeric: true })
  return numericCollator.compare(a, b) || byText(a, b)
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
 * The first `count` of `sortBySeverity(findings)`, without sorting them all: a report that shows
 * the top few of 100,000 findings keeps only those while it reads them.
 */
export function mostSevere(findings: Finding[], count: number): Finding[] {
  const kept: SeverityKey[] = []
  if (count <= 0) return []
  for (const finding of findings) {
    const keyed = severityKey(finding)
    if (kept.length === count && bySeverityKey(keyed, kept[count - 1]!) >= 0) continue
    // After every kept finding that sorts equal or before it, as a stable sort places it.
    let low = 0
    let high = kept.length
    while (low < high) {
      const mid = (low + high) >> 1
      if (bySeverityKey(kept[mid]!, keyed) <= 0) low = mid + 1
      else high = mid
    }
    kept.splice(low, 0, keyed)
    if (kept.length > count) kept.pop()
  }
  return kept.map((keyed) => keyed.finding)
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

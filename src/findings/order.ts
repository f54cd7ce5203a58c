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

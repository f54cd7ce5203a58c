import type { Finding } from './model.js'
import { severityRank } from './severity.js'

/** Plain code-unit order: stable across locales, and much faster than `localeCompare`. */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * Most severe first, then by file and line. The sort keys are computed once per finding, not per
 * comparison: reports sort up to hundreds of thousands of findings.
 */
export function sortBySeverity(findings: Finding[]): Finding[] {
  return findings
    .map((finding) => ({
      finding,
      rank: severityRank(finding.severity),
      path: finding.location?.path ?? '',
      line: finding.location?.startLine ?? 0
    }))
    .sort((a, b) => b.rank - a.rank || byText(a.path, b.path) || a.line - b.line)
    .map((keyed) => keyed.finding)
}

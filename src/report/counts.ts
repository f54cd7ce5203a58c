import type { Finding } from '../findings/model.js'
import { SEVERITIES, type Severity } from '../findings/severity.js'

export interface Counts {
  total: number
  bySeverity: Record<Severity, number>
  byScanner: Record<string, number>
  suppressed: number
  new: number
}

/** Counts of unsuppressed findings; suppressed ones are counted apart. */
export function countFindings(findings: Finding[]): Counts {
  const counts: Counts = {
    total: 0,
    bySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>,
    byScanner: {},
    suppressed: 0,
    new: 0
  }
  for (const finding of findings) {
    if (finding.suppression) {
      counts.suppressed++
      continue
    }
    counts.total++
    counts.bySeverity[finding.severity]++
    counts.byScanner[finding.scanner] = (counts.byScanner[finding.scanner] ?? 0) + 1
    if (finding.isNew) counts.new++
  }
  return counts
}

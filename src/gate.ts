import type { ScannerName } from './config/scan-config.js'
import type { Finding } from './findings/model.js'
import { severityRank, type Severity } from './findings/severity.js'

export interface GateDecision {
  failed: boolean
  /** Why the gate failed (or passed), one short sentence per reason. */
  reasons: string[]
  /** The findings that count against the gate. */
  blocking: Finding[]
}

export interface GatePolicy {
  /** Lowest failing severity, or null to never fail on severity. */
  failOnSeverity: Severity | null
  /** Per-scanner thresholds that replace `failOnSeverity` for that scanner (null: never fails). */
  failOnSeverityByScanner?: Partial<Record<ScannerName, Severity | null>>
  /** Only findings the change introduces count (needs a baseline). */
  onlyNew: boolean
  /** Messages about problems that fail the run whatever the findings (e.g. expired waivers). */
  configurationErrors: string[]
}

/**
 * Decides pass or fail. Suppressed findings, dryrun and warn policy findings and (with a
 * baseline) old findings never block; reports still show all of them.
 */
export function decide(findings: Finding[], policy: GatePolicy): GateDecision {
  const thresholdOf = (finding: Finding): Severity | null => {
    const override = policy.failOnSeverityByScanner?.[finding.scanner]
    return override === undefined ? policy.failOnSeverity : override
  }
  const blocking = findings.filter((finding) => {
    const threshold = thresholdOf(finding)
    return (
      threshold !== null &&
      !finding.suppression &&
      finding.enforcementAction !== 'dryrun' &&
      finding.enforcementAction !== 'warn' &&
      (!policy.onlyNew || finding.isNew === true) &&
      severityRank(finding.severity) >= severityRank(threshold)
    )
  })
  const reasons = [...policy.configurationErrors]
  if (blocking.length > 0) {
    const scope = policy.onlyNew ? 'new ' : ''
    const overrides = Object.keys(policy.failOnSeverityByScanner ?? {}).length > 0
    const threshold = overrides ? 'their scanner’s threshold' : policy.failOnSeverity
    reasons.push(`${blocking.length} ${scope}finding(s) at or above ${threshold}.`)
  }
  return { failed: reasons.length > 0, reasons, blocking }
}

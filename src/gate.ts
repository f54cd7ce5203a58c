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
  /** Only findings the change introduces count (needs a baseline). */
  onlyNew: boolean
  /** Messages about problems that fail the run whatever the findings (e.g. expired waivers). */
  configurationErrors: string[]
}

/**
 * Decides pass or fail. Suppressed findings, dryrun policy findings and (with a baseline) old
 * findings never block; reports still show all of them.
 */
export function decide(findings: Finding[], policy: GatePolicy): GateDecision {
  const threshold = policy.failOnSeverity
  const blocking =
    threshold === null
      ? []
      : findings.filter(
          (finding) =>
            !finding.suppression &&
            finding.enforcementAction !== 'dryrun' &&
            finding.enforcementAction !== 'warn' &&
            (!policy.onlyNew || finding.isNew === true) &&
            severityRank(finding.severity) >= severityRank(threshold)
        )
  const reasons = [...policy.configurationErrors]
  if (blocking.length > 0) {
    const scope = policy.onlyNew ? 'new ' : ''
    reasons.push(`${blocking.length} ${scope}finding(s) at or above ${threshold}.`)
  }
  return { failed: reasons.length > 0, reasons, blocking }
}

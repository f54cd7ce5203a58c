import type { ScannerName } from './config/scan-config.js'
import type { Finding } from './findings/model.js'
import { severityRank, type Severity } from './findings/severity.js'
import { globMatcher } from './findings/waivers.js'

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
  /** Per-path thresholds (the config file's `paths:`); the last matching glob replaces both above. */
  failOnSeverityByPath?: Array<{ glob: string; threshold: Severity | null }>
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
  const byPath = (policy.failOnSeverityByPath ?? [])
    .map(({ glob, threshold }) => ({ matches: globMatcher(glob), threshold }))
    .reverse()
  const thresholdOf = (finding: Finding): Severity | null => {
    const file = finding.location?.path
    const forPath = file === undefined ? undefined : byPath.find((rule) => rule.matches(file))
    if (forPath) return forPath.threshold
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
    const threshold =
      byPath.length > 0
        ? 'their path’s or scanner’s threshold'
        : Object.keys(policy.failOnSeverityByScanner ?? {}).length > 0
          ? 'their scanner’s threshold'
          : policy.failOnSeverity
    reasons.push(`${blocking.length} ${scope}finding(s) at or above ${threshold}.`)
  }
  return { failed: reasons.length > 0, reasons, blocking }
}

import type { Finding } from '../findings/model.js'
import { severityRank } from '../findings/severity.js'

/** How loud a finding is: the level of its SARIF result and of its GitHub annotation. */
export type FindingLevel = 'error' | 'warning' | 'note'

/** Policy findings follow the constraint's enforcement action; the rest follow severity. */
export function levelOf(finding: Finding): FindingLevel {
  if (finding.enforcementAction === 'dryrun') return 'note'
  if (finding.enforcementAction === 'warn') return 'warning'
  if (finding.enforcementAction === 'deny') return 'error'
  const rank = severityRank(finding.severity)
  return rank >= severityRank('HIGH')
    ? 'error'
    : rank >= severityRank('MEDIUM')
      ? 'warning'
      : 'note'
}

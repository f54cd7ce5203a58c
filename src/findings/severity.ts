/** Severities in ascending order; the index is the rank used by the gate and by sorting. */
export const SEVERITIES = ['UNKNOWN', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const
export type Severity = (typeof SEVERITIES)[number]

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity)
}

/** Reads a severity as the tools write it (any case); anything unrecognised is UNKNOWN. */
export function parseSeverity(value: string | undefined): Severity {
  const upper = (value ?? '').toUpperCase()
  return (SEVERITIES as readonly string[]).includes(upper) ? (upper as Severity) : 'UNKNOWN'
}

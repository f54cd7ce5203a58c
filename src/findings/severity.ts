/** Severities in ascending order; the index is the rank used by the gate and by sorting. */
export const SEVERITIES = ['UNKNOWN', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const
export type Severity = (typeof SEVERITIES)[number]

const RANK = Object.fromEntries(SEVERITIES.map((s, i) => [s, i])) as Record<Severity, number>

export function severityRank(severity: Severity): number {
  return RANK[severity] ?? 0
}

/** Reads a severity as the tools write it (any case); anything unrecognised is UNKNOWN. */
export function parseSeverity(value: string | undefined): Severity {
  const upper = (value ?? '').toUpperCase()
  return (SEVERITIES as readonly string[]).includes(upper) ? (upper as Severity) : 'UNKNOWN'
}

import type { Finding } from '../findings/model.js'
import type { GateDecision } from '../gate.js'
import type { ScanOutcome } from '../scanners/scanner.js'
import { countFindings } from './counts.js'
import { StreamedArray } from './json-stream.js'

/**
 * The machine-readable result (schema: docs/findings.schema.json); also a baseline for later runs.
 * Its findings are written one by one by `jsonPieces` (JSON.stringify gives the same text).
 */
export function toFindingsDocument(
  outcomes: ScanOutcome[],
  findings: Finding[],
  decision: GateDecision
) {
  return {
    schemaVersion: 1,
    failed: decision.failed,
    reasons: decision.reasons,
    counts: countFindings(findings),
    scans: outcomes.map((outcome) => ({
      scanner: outcome.scanner,
      target: outcome.target,
      tool: outcome.tool,
      findings: outcome.findings.length,
      notices: outcome.notices,
      ...(outcome.error ? { error: outcome.error } : {})
    })),
    findings: new StreamedArray(() => findings)
  }
}

import type { ScanConfig, ScannerName } from '../config/inputs.js'
import type { Finding } from '../findings/model.js'
import type { Logger } from '../log.js'
import type { EvaluatedPolicy } from '../report/evidence.js'
import type { InstalledTool } from '../tools/install.js'

export interface ScanContext {
  config: ScanConfig
  tools: Partial<Record<'trivy' | 'conftest', InstalledTool>>
  /** Why Trivy's vulnerability DB is unavailable, if it is: vulnerability checks report it instead of running. */
  dbProblem?: string
  /** Private scratch directory for this scanner. */
  workDir: string
  /** Directory of the action itself (for the bundled policies). */
  actionRoot: string
  log: Logger
  timeoutMs: number
}

/** One run of one scanner over one target; reports keep one SARIF run per outcome. */
export interface ScanOutcome {
  scanner: ScannerName
  /** What was scanned: an image reference, `repository`, or `manifests`. */
  target: string
  findings: Finding[]
  /** Things not scanned or not evaluated, each with its reason (files, templates, constraints). */
  notices: string[]
  tool: { name: string; version: string }
  /** Set when the scan, or a part of it, could not run; the findings are those of what did run. */
  error?: string
  /** Problems that fail the gate whatever the findings (a manifest that could not be read). */
  gateFailures?: string[]
  /** Policy scans: every template evaluated, for the evidence report. */
  policies?: EvaluatedPolicy[]
  /** Policy scans: digest of the bundled policy files (sha256:…). */
  policyBundleDigest?: string
}

/** Every scanner implements this; the pipeline runs the enabled ones concurrently. */
export interface Scanner {
  name: ScannerName
  run(context: ScanContext): Promise<ScanOutcome[]>
}

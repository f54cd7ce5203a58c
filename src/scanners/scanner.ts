import type { ScanConfig, ScannerName } from '../config/scan-config.js'
import type { Finding } from '../findings/model.js'
import type { Logger } from '../log.js'
import type { Progress } from '../progress.js'
import type { InstalledTool } from '../tools/install.js'
import type { ToolName } from '../tools/pins.js'

export interface ScanContext {
  config: ScanConfig
  /** The tools the active scanners declared (`Scanner.tools`), installed and verified. */
  tools: Partial<Record<ToolName, InstalledTool>>
  /** Why Trivy's vulnerability DB is unavailable, if it is: vulnerability checks report it instead of running. */
  dbProblem?: string
  /** Private scratch directory for this scanner. */
  workDir: string
  /** Directory of the action itself (for the bundled policies). */
  actionRoot: string
  log: Logger
  timeoutMs: number
  /** Where it reports the tool runs it starts and what it has read (shown while people wait). */
  progress?: Progress
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
  /** With `sbom`: the target's CycloneDX SBOM (JSON text) from the same Trivy run. */
  sbom?: string
}

/**
 * A scanner and everything the rest of the pipeline needs to know about it. Its entry in
 * `registry.ts` is its whole registration: the inputs, tool setup, the pipeline and SARIF read
 * it from there.
 */
export interface Scanner {
  /** What users select it by (`scanners`, `fail-on-severity-by-scanner`); part of SARIF categories. */
  name: ScannerName
  /** One line for the CLI usage (`registeredScanners()`): what it scans and with what. */
  description: string
  /** Tools it runs, installed (pinned, verified) before the scans; the first names a failed scan's tool. */
  tools: ToolName[]
  /** The target its outcome names when the scan fails before it could say (`manifests`, `repository`). */
  failureTarget: string
  /** SARIF `tool.driver.name` of its runs. */
  sarifTool: string
  /** Tags every SARIF rule of its results carries, besides `security` and the scanner's name. */
  sarifTags?: string[]
  /** Whether this configuration gives it anything to scan (default: yes). */
  enabled?(config: ScanConfig): boolean
  /** Whether it reads Trivy's vulnerability DB with this configuration (default: no). */
  needsVulnerabilityDb?(config: ScanConfig): boolean
  run(context: ScanContext): Promise<ScanOutcome[]>
}

// The SARIF stage: one run per outcome, named after its scanner's registration, within GitHub's
// limits; rules and results are rendered in sarif-rules.ts.
import { createHash } from 'node:crypto'
import path from 'node:path'
import type { Finding, Location } from '../findings/model.js'
import { byText } from '../findings/order.js'
import { severityRank, type Severity } from '../findings/severity.js'
import { scannerNamed } from '../scanners/registry.js'
import type { ScanOutcome } from '../scanners/scanner.js'
import { toPosix } from '../util/posix-path.js'
import { lineHashIndex, wantLine } from './line-hash.js'
import {
  encodedUri,
  relateAlsoReported,
  resultLocation,
  sarifResult,
  sarifRule
} from './sarif-rules.js'
import { serializeSarif, type PlannedRun, type SerializedSarif } from './sarif-serialize.js'
import { GITHUB_LIMITS, SARIF_HEADER, type SarifLog } from './sarif-types.js'

/** The action's home page (SARIF `informationUri`, the dependency snapshot's detector URL). */
export const INFORMATION_URI = 'https://github.com/org/hardening-action'

export interface SarifOptions {
  /** Absolute path of the checked-out repository: recorded as %SRCROOT% (GitHub's checkout path). */
  workspace?: string
  /**
   * Where to point a finding that has no location of its own (an image vulnerability whose image
   * no file in the repository names), e.g. the workflow line that lists the image. When it gives
   * nothing, the result points at the scanned target by name (see `targetLocation`).
   */
  fallbackLocation?: (finding: Finding) => Location | undefined
  /** Called once for every GitHub limit applied (runs, results per run). */
  warn?: (message: string) => void
  /** CVSS base score of a finding, when the scanner knows one (used for `security-severity`). */
  cvssScore?: (finding: Finding) => number | undefined
  /**
   * Which job the runs belong to (the `comment-id` input): part of every category, so that the
   * jobs of a matrix do not replace each other's analyses in code scanning.
   */
  reportId?: string
}

/** A URL-safe, stable slug for the run category of a target. */
function slug(value: string): string {
  return value.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'default'
}

/** `automationDetails.id` of an outcome: `hardening-action/[<reportId>/]<scanner>/<target>/`. */
export function categoryOf(
  outcome: Pick<ScanOutcome, 'scanner' | 'target'>,
  reportId?: string
): string {
  return `hardening-action/${reportId ? `${slug(reportId)}/` : ''}${outcome.scanner}/${slug(outcome.target)}/`
}

/**
 * The `limit` most severe findings: most severe first, unsuppressed before suppressed, then in a
 * stable order by fingerprint. A run can have 100k findings: they are grouped by that rank first,
 * and only the groups that are kept get sorted.
 */
function mostSevereForLimit(findings: Finding[], limit: number): Finding[] {
  const byRank: Finding[][] = []
  for (const finding of findings)
    (byRank[severityRank(finding.severity) * 2 + (finding.suppression ? 0 : 1)] ??= []).push(
      finding
    )
  const kept: Finding[] = []
  for (let rank = byRank.length - 1; rank >= 0 && kept.length < limit; rank--) {
    const group = byRank[rank]?.sort((a, b) => byText(a.fingerprint, b.fingerprint)) ?? []
    for (const finding of group.slice(0, limit - kept.length)) kept.push(finding)
  }
  return kept
}

/**
 * One SARIF 2.1.0 log with one run per scanner and target, each in its own category (GitHub
 * rejects two runs with the same tool and category in one upload). Every outcome gives a run,
 * also without results, so that alerts of a category whose problems were fixed get closed.
 *
 * GitHub limits are applied here, each with a warning: at most 20 runs (the runs with the most
 * severe findings are kept) and at most 25,000 results per run (the most severe are kept).
 */
export function toSarif(
  outcomes: ScanOutcome[],
  actionVersion: string,
  options: SarifOptions = {}
): SarifLog {
  return {
    ...SARIF_HEADER,
    runs: planRuns(outcomes, actionVersion, options).map(({ run, findings, result }) => ({
      ...run,
      results: findings.map((finding) => result(finding))
    }))
  }
}

/** The runs of `toSarif`, each with its results still to be made (see `PlannedRun`). */
function planRuns(
  outcomes: ScanOutcome[],
  actionVersion: string,
  options: SarifOptions
): PlannedRun[] {
  const warn = options.warn ?? (() => {})
  const used = new Set<string>()
  let runs = outcomes.map((outcome) => {
    let category = categoryOf(outcome, options.reportId)
    if (used.has(category)) {
      const hash = createHash('sha256').update(outcome.target).digest('hex').slice(0, 8)
      category = `${category.slice(0, -1)}-${hash}/`
    }
    used.add(category)
    return { outcome, category }
  })
  if (runs.length > GITHUB_LIMITS.runsPerFile) {
    const worst = (o: ScanOutcome): number =>
      Math.max(-1, ...o.findings.filter((f) => !f.suppression).map((f) => severityRank(f.severity)))
    const ranked = runs
      .map((run, index) => ({ run, index }))
      .sort((a, b) => worst(b.run.outcome) - worst(a.run.outcome) || a.index - b.index)
    const kept = new Set(ranked.slice(0, GITHUB_LIMITS.runsPerFile).map((r) => r.index))
    const dropped = runs.filter((_, index) => !kept.has(index))
    warn(
      `GitHub accepts at most ${GITHUB_LIMITS.runsPerFile} SARIF runs per file; ${dropped.length} run(s) left out of the SARIF (they stay in findings.json): ${dropped.map((r) => r.category).join(', ')}`
    )
    runs = runs.filter((_, index) => kept.has(index))
  }
  return runs.map(({ outcome, category }) =>
    planRun(outcome, category, actionVersion, options, warn)
  )
}

function planRun(
  outcome: ScanOutcome,
  category: string,
  actionVersion: string,
  options: SarifOptions,
  warn: (message: string) => void
): PlannedRun {
  let findings = outcome.findings
  if (findings.length > GITHUB_LIMITS.resultsPerRun) {
    findings = mostSevereForLimit(findings, GITHUB_LIMITS.resultsPerRun)
    warn(
      `GitHub accepts at most ${GITHUB_LIMITS.resultsPerRun} results per SARIF run; the ${category} run keeps the ${findings.length} most severe of ${outcome.findings.length} findings (all of them stay in findings.json).`
    )
  }
  const rules = new Map<string, { index: number; finding: Finding; severity: Severity }>()
  for (const finding of findings) {
    const known = rules.get(finding.ruleId)
    if (!known)
      rules.set(finding.ruleId, { index: rules.size, finding, severity: finding.severity })
    else if (severityRank(finding.severity) > severityRank(known.severity)) {
      known.severity = finding.severity
      known.finding = finding
    }
  }
  const version = outcome.tool.version || actionVersion
  // Many results share a file: each path is encoded once.
  const uris = new Map<string, string>()
  const run: PlannedRun['run'] = {
    tool: {
      driver: {
        name: scannerNamed(outcome.scanner)?.sarifTool ?? outcome.scanner,
        organization: 'hardening-action',
        version,
        ...(/^\d+\.\d+\.\d+/.test(version) ? { semanticVersion: version } : {}),
        informationUri: INFORMATION_URI,
        rules: [...rules.values()].map(({ finding, severity }) =>
          sarifRule(finding, severity, options.cvssScore?.(finding))
        )
      }
    },
    automationDetails: { id: category },
    invocations: [
      {
        executionSuccessful: outcome.error === undefined,
        toolExecutionNotifications: [
          ...(outcome.error ? [{ level: 'error' as const, message: { text: outcome.error } }] : []),
          ...outcome.notices.map((notice) => ({
            level: 'warning' as const,
            message: { text: notice }
          }))
        ],
        properties: {
          tool: outcome.tool.name,
          toolVersion: outcome.tool.version,
          actionVersion,
          target: outcome.target
        }
      }
    ],
    columnKind: 'utf16CodeUnits',
    ...(options.workspace
      ? { originalUriBaseIds: { '%SRCROOT%': { uri: checkoutUri(options.workspace) } } }
      : {})
  }
  relateAlsoReported(run.tool, findings)
  return {
    run,
    findings,
    result: (finding, lineHashes) =>
      sarifResult(
        finding,
        rules.get(finding.ruleId)?.index ?? 0,
        options.fallbackLocation,
        uris,
        lineHashes
      )
  }
}

/** The workspace as a `file://` URI ending in `/`: SARIF's %SRCROOT% and the upload's `checkout_uri`. */
export function checkoutUri(dir: string): string {
  let posix = toPosix(path.resolve(dir))
  if (!posix.startsWith('/')) posix = `/${posix}`
  if (!posix.endsWith('/')) posix = `${posix}/`
  return `file://${encodeURI(posix)}`
}

/**
 * The whole SARIF stage: the log (with limits applied), GitHub's line hashes from the workspace
 * files, written to `file` (when given) and gzipped within the 10 MB limit, result by result.
 * Warnings go to `options.warn`.
 */
export async function buildSarif(
  outcomes: ScanOutcome[],
  actionVersion: string,
  options: SarifOptions & { workspace: string; file?: string; maxGzipBytes?: number }
): Promise<SerializedSarif> {
  const warnings: string[] = []
  const warn = (message: string): void => {
    warnings.push(message)
    options.warn?.(message)
  }
  const runs = planRuns(outcomes, actionVersion, { ...options, warn })
  // The files are read for their line hashes before any result is made.
  const wanted = new Map<string, Set<number>>()
  const uris = new Map<string, string>()
  for (const { findings } of runs)
    for (const finding of findings) {
      const location = resultLocation(finding, options.fallbackLocation)
      wantLine(wanted, encodedUri(location, uris), Math.max(1, location.startLine))
    }
  const serialized = await serializeSarif(runs, {
    lineHashes: await lineHashIndex(options.workspace, wanted),
    file: options.file,
    ...(options.maxGzipBytes ? { maxGzipBytes: options.maxGzipBytes } : {})
  })
  for (const message of serialized.warnings) options.warn?.(message)
  return { ...serialized, warnings: [...warnings, ...serialized.warnings] }
}

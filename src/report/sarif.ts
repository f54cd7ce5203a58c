import { createHash } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { gzip as gzipCallback } from 'node:zlib'
import type { Finding, Location } from '../findings/model.js'
import { byText } from '../findings/order.js'
import { severityRank, type Severity } from '../findings/severity.js'
import type { ScanOutcome } from '../scanners/scanner.js'
import { escapeMarkdown } from './markdown.js'

/**
 * GitHub's `security-severity` is a CVSS-like score that GitHub maps back to critical (≥ 9.0),
 * high (7.0–8.9), medium (4.0–6.9) and low (0.1–3.9). A severity maps to a value inside its band
 * (the values Trivy's own SARIF writer uses); a finding that carries a CVSS base score uses that
 * score itself (see `securitySeverity`). UNKNOWN maps to 0.0, which GitHub shows as low.
 */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  CRITICAL: '9.5',
  HIGH: '8.0',
  MEDIUM: '5.5',
  LOW: '2.0',
  UNKNOWN: '0.0'
}

/** The rule's `security-severity`: a CVSS v3/v4 base score when known (0.0–10.0), else the band value. */
export function securitySeverity(severity: Severity, cvssScore?: number): string {
  if (cvssScore !== undefined && Number.isFinite(cvssScore) && cvssScore >= 0 && cvssScore <= 10)
    return cvssScore.toFixed(1)
  return SECURITY_SEVERITY[severity]
}

/** GitHub code scanning limits (docs: "SARIF support for code scanning", upload limits). */
export const GITHUB_LIMITS = {
  runsPerFile: 20,
  resultsPerRun: 25_000,
  rulesPerRun: 25_000,
  tagsPerRule: 20,
  gzipBytes: 10 * 1024 * 1024
}

const TOOL_NAMES: Record<string, string> = {
  image: 'Trivy image',
  repository: 'Trivy repository',
  'trivy-config': 'Trivy misconfiguration',
  policies: 'Gatekeeper policies'
}

const INFORMATION_URI = 'https://github.com/org/hardening-action'

export type SarifLevel = 'error' | 'warning' | 'note'

/** Policy findings follow the constraint's enforcement action; the rest follow severity. */
export function levelOf(finding: Finding): SarifLevel {
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

// ---- the subset of SARIF 2.1.0 we write ---------------------------------------------------------

export interface SarifMessage {
  text: string
  markdown?: string
}

export interface SarifRegion {
  startLine: number
  startColumn?: number
  endLine?: number
}

export interface SarifLocation {
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId?: string }
    region?: SarifRegion
  }
  message?: SarifMessage
}

export interface SarifRule {
  id: string
  name: string
  shortDescription: SarifMessage
  fullDescription: SarifMessage
  helpUri?: string
  help: SarifMessage
  defaultConfiguration: { level: SarifLevel }
  properties: { 'security-severity': string; precision: string; tags: string[] }
}

export interface SarifResult {
  ruleId: string
  ruleIndex: number
  level: SarifLevel
  message: SarifMessage
  locations: SarifLocation[]
  partialFingerprints: Record<string, string>
  suppressions?: Array<{ kind: 'external'; status: 'accepted'; justification: string }>
  properties: Record<string, unknown>
}

export interface SarifRun {
  tool: {
    driver: {
      name: string
      organization: string
      version?: string
      semanticVersion?: string
      informationUri: string
      rules: SarifRule[]
    }
  }
  automationDetails: { id: string }
  invocations: Array<{
    executionSuccessful: boolean
    toolExecutionNotifications: Array<{ level: SarifLevel; message: SarifMessage }>
    properties: Record<string, unknown>
  }>
  columnKind: 'utf16CodeUnits'
  originalUriBaseIds?: Record<string, { uri: string }>
  results: SarifResult[]
  properties?: Record<string, unknown>
}

export interface SarifLog {
  $schema: string
  version: '2.1.0'
  runs: SarifRun[]
}

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

function sortForLimit(findings: Finding[]): Finding[] {
  // Most severe first; unsuppressed before suppressed; then a stable order by fingerprint.
  return [...findings].sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      Number(Boolean(a.suppression)) - Number(Boolean(b.suppression)) ||
      byText(a.fingerprint, b.fingerprint)
  )
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
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: runs.map(({ outcome, category }) =>
      sarifRun(outcome, category, actionVersion, options, warn)
    )
  }
}

function sarifRun(
  outcome: ScanOutcome,
  category: string,
  actionVersion: string,
  options: SarifOptions,
  warn: (message: string) => void
): SarifRun {
  let findings = outcome.findings
  if (findings.length > GITHUB_LIMITS.resultsPerRun) {
    findings = sortForLimit(findings).slice(0, GITHUB_LIMITS.resultsPerRun)
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
  return {
    tool: {
      driver: {
        name: TOOL_NAMES[outcome.scanner] ?? outcome.scanner,
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
      : {}),
    results: findings.map((finding) =>
      sarifResult(finding, rules.get(finding.ruleId)?.index ?? 0, options, uris)
    )
  }
}

/** The workspace as a `file://` URI ending in `/`: SARIF's %SRCROOT% and the upload's `checkout_uri`. */
export function checkoutUri(dir: string): string {
  let posix = path.resolve(dir).split(path.sep).join('/')
  if (!posix.startsWith('/')) posix = `/${posix}`
  if (!posix.endsWith('/')) posix = `${posix}/`
  return `file://${encodeURI(posix)}`
}

function validUrl(value: string | undefined): string | undefined {
  if (!value) return undefined
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : undefined
  } catch {
    return undefined
  }
}

function pascal(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('')
}

/**
 * SARIF's `name`: a readable identifier (PascalCase of the title), never equal to the opaque `id`
 * (multitool rule SARIF1001).
 */
function ruleName(finding: Finding): string {
  const name = pascal(finding.title) || pascal(finding.ruleId) || 'Rule'
  return name === finding.ruleId ? `${name}Check` : name
}

const md = (text: string): string => escapeMarkdown(text, { multiline: true })

function sarifRule(finding: Finding, severity: Severity, cvss: number | undefined): SarifRule {
  const refs = (finding.references ?? []).filter((r) => r.trim() !== '')
  const helpUri = validUrl(finding.helpUri)
  const remediation = finding.remediation?.trim()
  const fullDescription = finding.title === finding.ruleId ? finding.message : finding.title
  const text = [
    finding.title,
    remediation ? `Remediation: ${remediation}` : '',
    refs.length ? `References:\n${refs.map((r) => `- ${r}`).join('\n')}` : ''
  ]
    .filter(Boolean)
    .join('\n\n')
  const markdown = [
    `**${md(finding.title)}**`,
    remediation ? `**Remediation:** ${md(remediation)}` : '',
    refs.length
      ? `**References:**\n\n${refs
          .map((r) => {
            // The parsed URL: percent-encoded, so no `>` ends the autolink early.
            const url = validUrl(r)
            return url ? `- <${url}>` : `- ${md(r)}`
          })
          .join('\n')}`
      : '',
    helpUri && !refs.includes(finding.helpUri ?? '') ? `More: <${helpUri}>` : ''
  ]
    .filter(Boolean)
    .join('\n\n')
  const tags = ['security', finding.scanner, ...kindTags(finding)]
  return {
    id: finding.ruleId,
    name: ruleName(finding),
    shortDescription: { text: finding.title },
    fullDescription: { text: fullDescription },
    ...(helpUri ? { helpUri } : {}),
    help: { text, markdown },
    defaultConfiguration: { level: levelOf({ ...finding, severity }) },
    properties: {
      'security-severity': securitySeverity(severity, cvss),
      precision: 'very-high',
      tags: [...new Set(tags)].slice(0, GITHUB_LIMITS.tagsPerRule)
    }
  }
}

function kindTags(finding: Finding): string[] {
  if (finding.ruleId.startsWith('secret/')) return ['secret']
  if (finding.ruleId.startsWith('license/')) return ['license']
  if (/^(CVE|GHSA|GO|RUSTSEC|PYSEC|OSV)-/i.test(finding.ruleId)) return ['vulnerability']
  if (finding.scanner === 'policies' || finding.scanner === 'trivy-config')
    return ['misconfiguration', 'kubernetes']
  return []
}

/**
 * Where a finding without a location points on GitHub. GitHub needs a location on every result
 * (multitool rule GH1001), so a finding of an image that no file in the repository names
 * points, in order, at `fallbackLocation` (e.g. the workflow line listing the image), else at
 * the target's name as a relative URI with line 1 (what Trivy's own SARIF does for images):
 * GitHub accepts it and shows the alert without a code snippet.
 */
export function targetLocation(finding: Finding): Location {
  const name = finding.target.replace(/^[a-z]+:\/\//i, '').replace(/[@:]/g, '/')
  return { path: name.replace(/\/+/g, '/').replace(/^\/+/, '') || 'unknown', startLine: 1 }
}

function sarifResult(
  finding: Finding,
  ruleIndex: number,
  options: SarifOptions,
  uris: Map<string, string>
): SarifResult {
  const location =
    finding.location ?? options.fallbackLocation?.(finding) ?? targetLocation(finding)
  let uri = uris.get(location.path)
  if (uri === undefined) {
    uri = encodeUriPath(location.path)
    uris.set(location.path, uri)
  }
  const region: SarifRegion = {
    startLine: Math.max(1, location.startLine),
    ...(location.startColumn && location.startColumn > 0
      ? { startColumn: location.startColumn }
      : {}),
    ...(location.endLine && location.endLine >= location.startLine
      ? { endLine: location.endLine }
      : {})
  }
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: levelOf(finding),
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
          region
        }
      }
    ],
    partialFingerprints: { 'hardeningFinding/v1': finding.fingerprint },
    ...(finding.suppression
      ? {
          suppressions: [
            {
              kind: 'external' as const,
              status: 'accepted' as const,
              justification: `${finding.suppression.reason} (owner ${finding.suppression.owner}, expires ${finding.suppression.expires})`
            }
          ]
        }
      : {}),
    properties: {
      severity: finding.severity,
      resource: finding.resource,
      target: finding.target,
      ...(finding.fixedVersion ? { fixedVersion: finding.fixedVersion } : {}),
      ...(finding.enforcementAction ? { enforcementAction: finding.enforcementAction } : {}),
      ...(finding.isNew !== undefined ? { isNew: finding.isNew } : {})
    }
  }
}

/** A repo-relative POSIX path as a relative URI reference (each segment percent-encoded). */
function encodeUriPath(p: string): string {
  return p
    .replace(/\\/g, '/')
    .replace(/^\.?\/+/, '')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/')
}

// ---- primaryLocationLineHash, as github/codeql-action computes it (src/fingerprints.ts) --------

const LINE_HASH_BLOCK = 100
const LINE_HASH_MOD = 37
const TWO_32 = 2 ** 32

/*
 * The hash is a 64-bit unsigned integer kept as two 32-bit halves in plain numbers: BigInt
 * arithmetic per character made hashing the files the slowest part of the SARIF stage. Every
 * intermediate value stays below 2^53 in magnitude, so the arithmetic is exact.
 */
interface Hash64 {
  hi: number
  lo: number
}

/** `hash = hash * 37 + code - first * leaving`, modulo 2^64, in place (one call per character). */
function roll(hash: Hash64, code: number, first: Hash64, leaving: number): void {
  const lo = hash.lo * LINE_HASH_MOD + code - first.lo * leaving
  hash.lo = lo - Math.floor(lo / TWO_32) * TWO_32
  const hi = hash.hi * LINE_HASH_MOD + (lo - hash.lo) / TWO_32 - first.hi * leaving
  hash.hi = hi - Math.floor(hi / TWO_32) * TWO_32
}

/** 37^100 mod 2^64, the weight of the character leaving the window. */
const LINE_HASH_FIRST_MOD: Hash64 = (() => {
  const value = { hi: 0, lo: 1 }
  for (let i = 0; i < LINE_HASH_BLOCK; i++) roll(value, 0, { hi: 0, lo: 0 }, 0)
  return value
})()

function hashHex({ hi, lo }: Hash64): string {
  return hi ? `${hi.toString(16)}${lo.toString(16).padStart(8, '0')}` : lo.toString(16)
}

/**
 * The `primaryLocationLineHash` of every line of a text, index 0 = line 1. It is GitHub's rolling
 * hash: for each line, a polynomial hash (base 37, mod 2^64) over the next 100 characters from
 * the start of that line, with spaces and tabs skipped and CR, LF and CRLF all read as LF; after
 * the text come one 0xFFFF and enough zeros to fill the window. The hex value is followed by
 * `:n`, the how-many-th time that value occurs in the file. A text with a final newline has one
 * more (empty) line.
 */
export function lineHashes(text: string): string[] {
  const TAB = 9
  const LF = 10
  const CR = 13
  const SPACE = 32
  const window = new Uint16Array(LINE_HASH_BLOCK)
  const lineStarting = new Int32Array(LINE_HASH_BLOCK).fill(-1)
  const seen = new Map<string, number>()
  const out: string[] = []
  const hash: Hash64 = { hi: 0, lo: 0 }
  let at = 0
  let lines = 0
  let startOfLine = true
  let afterCr = false

  const emit = (): void => {
    const hex = hashHex(hash)
    const n = (seen.get(hex) ?? 0) + 1
    seen.set(hex, n)
    out[lineStarting[at]! - 1] = `${hex}:${n}`
    lineStarting[at] = -1
  }
  const push = (code: number): void => {
    const leaving = window[at]!
    window[at] = code
    roll(hash, code, LINE_HASH_FIRST_MOD, leaving)
    at = at === LINE_HASH_BLOCK - 1 ? 0 : at + 1
  }
  const feed = (input: number): void => {
    let code = input
    if (code === SPACE || code === TAB || (afterCr && code === LF)) {
      afterCr = false
      return
    }
    afterCr = code === CR
    if (afterCr) code = LF
    if (lineStarting[at] !== -1) emit()
    if (startOfLine) {
      startOfLine = false
      lines++
      lineStarting[at] = lines
    }
    if (code === LF) startOfLine = true
    push(code)
  }

  for (let i = 0; i < text.length; i++) feed(text.charCodeAt(i))
  feed(0xffff)
  for (let i = 0; i < LINE_HASH_BLOCK; i++) {
    if (lineStarting[at] !== -1) emit()
    push(0)
  }
  return out
}

/**
 * Adds `partialFingerprints.primaryLocationLineHash` to every result whose primary location is a
 * file under `workspace` with a start line, exactly as github/codeql-action's upload does (it
 * reads the file; results on missing files or directories are left without one). Mutates and
 * returns the log.
 */
export async function addLineHashes(log: SarifLog, workspace: string): Promise<SarifLog> {
  const root = path.resolve(workspace)
  // Results are grouped by URI first: resolving one path per result cost more than hashing.
  const byUri = new Map<string, SarifResult[]>()
  for (const run of log.runs) {
    for (const result of run.results) {
      const physical = result.locations[0]?.physicalLocation
      if (!physical?.region?.startLine) continue
      const uri = physical.artifactLocation.uri
      const results = byUri.get(uri)
      if (results) results.push(result)
      else byUri.set(uri, [result])
    }
  }
  for (const [uri, results] of byUri) {
    const file = workspaceFile(root, uri)
    if (!file) continue
    const info = await stat(file).catch(() => undefined)
    if (!info?.isFile()) continue
    const hashes = lineHashes(await readFile(file, 'utf8'))
    for (const result of results) {
      const line = result.locations[0]!.physicalLocation.region!.startLine
      const value = hashes[line - 1]
      if (value) result.partialFingerprints.primaryLocationLineHash = value
    }
  }
  return log
}

/** The file a relative result URI names inside the workspace; undefined for anything else. */
function workspaceFile(root: string, uri: string): string | undefined {
  let relative: string
  try {
    relative = decodeURIComponent(uri)
  } catch {
    return undefined
  }
  if (relative.includes('://') || path.isAbsolute(relative)) return undefined
  const file = path.resolve(root, relative)
  return file === root || file.startsWith(`${root}${path.sep}`) ? file : undefined
}

// ---- serialisation within GitHub's 10 MB (gzip) upload limit ------------------------------------

/**
 * Level 3 instead of zlib's default 6: on 100k results (42 MB of JSON) it took 150 ms instead of
 * 410 ms for a file 9 % larger (4.5 MB instead of 4.15 MB), far inside GitHub's 10 MB.
 */
const gzipAsync = (text: string): Promise<Buffer> => promisify(gzipCallback)(text, { level: 3 })

export interface SerializedSarif {
  /**
   * The log as written to results.sarif: compact JSON, the same text that is gzipped for the
   * upload (serialising a second, indented copy cost a third of the SARIF stage at 100k results).
   */
  json: string
  /** gzip of the compact JSON: what the upload API receives (base64-encoded). */
  gzip: Buffer
  /** One message per reduction applied to fit the limit. */
  warnings: string[]
}

/**
 * Serialises the log; when its gzip exceeds GitHub's 10 MB, removes the least severe results of
 * the largest run (a quarter at a time) until it fits, with a warning. The log is not mutated.
 */
export async function serializeSarif(
  log: SarifLog,
  maxGzipBytes = GITHUB_LIMITS.gzipBytes
): Promise<SerializedSarif> {
  const warnings: string[] = []
  let current: SarifLog = log
  let json = JSON.stringify(current)
  let gzip = await gzipAsync(json)
  const original = new Map(log.runs.map((run) => [run.automationDetails.id, run.results.length]))
  while (gzip.length > maxGzipBytes) {
    const largest = [...current.runs].sort((a, b) => b.results.length - a.results.length)[0]
    if (!largest || largest.results.length === 0) {
      warnings.push(
        `The SARIF is ${gzip.length} bytes gzipped even without results; GitHub accepts at most ${maxGzipBytes}.`
      )
      break
    }
    const keep = Math.floor((largest.results.length * 3) / 4)
    const order = SEVERITY_ORDER
    const kept = largest.results
      .map((result, index) => ({ result, index }))
      .sort(
        (a, b) =>
          order(b.result) - order(a.result) ||
          Number(Boolean(a.result.suppressions)) - Number(Boolean(b.result.suppressions)) ||
          a.index - b.index
      )
      .slice(0, keep)
      .sort((a, b) => a.index - b.index)
      .map((entry) => entry.result)
    current = {
      ...current,
      runs: current.runs.map((run) => (run === largest ? { ...run, results: kept } : run))
    }
    json = JSON.stringify(current)
    gzip = await gzipAsync(json)
  }
  for (const run of current.runs) {
    const before = original.get(run.automationDetails.id) ?? run.results.length
    if (run.results.length < before)
      warnings.push(
        `GitHub accepts at most ${maxGzipBytes} bytes of gzipped SARIF; the ${run.automationDetails.id} run keeps the ${run.results.length} most severe of ${before} results (all stay in findings.json).`
      )
  }
  return { json: `${json}\n`, gzip, warnings }
}

const SEVERITY_ORDER = (result: SarifResult): number =>
  severityRank((result.properties.severity as Severity | undefined) ?? 'UNKNOWN')

/**
 * The whole SARIF stage: the log (with limits applied), GitHub's line hashes from the workspace
 * files, and the serialised text within the 10 MB gzip limit. Warnings go to `options.warn`.
 */
export async function buildSarif(
  outcomes: ScanOutcome[],
  actionVersion: string,
  options: SarifOptions & { workspace: string }
): Promise<SerializedSarif> {
  const warnings: string[] = []
  const warn = (message: string): void => {
    warnings.push(message)
    options.warn?.(message)
  }
  const log = toSarif(outcomes, actionVersion, { ...options, warn })
  await addLineHashes(log, options.workspace)
  const serialized = await serializeSarif(log)
  for (const message of serialized.warnings) options.warn?.(message)
  return { ...serialized, warnings: [...warnings, ...serialized.warnings] }
}

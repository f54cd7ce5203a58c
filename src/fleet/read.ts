// Reads what each repository's run left in its artifact: findings.json (the gate, the findings and
// their fingerprints) and evidence/evidence.json (the controls). Everything in an artifact came from
// a scan of a repository we do not control, so each file is opened without following links, its
// size is capped, its shape is checked field by field, and a problem becomes a sentence naming
// the file in the report instead of an exception that would lose the other repositories.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs'
import { lstat, readdir } from 'node:fs/promises'
import path from 'node:path'
import { ConfigError } from '../errors.js'
import { byText } from '../findings/order.js'
import { parseSeverity, SEVERITIES, type Severity } from '../findings/severity.js'

/** Files larger than this are reported instead of read (a string cannot hold much more). */
export const MAX_FILE_BYTES = 256 * 1024 * 1024
/** The marker the fleet workflow writes next to the reports: `{"repository": "owner/name"}`. */
export const MARKER_FILE = 'repository.json'
export const FINDINGS_FILE = 'findings.json'
export const EVIDENCE_FILE = path.join('evidence', 'evidence.json')
/** The previous merge's own output, read from the top of a `--previous` directory for its history. */
export const FLEET_FILE = 'fleet.json'

export interface RepositoryDir {
  /** From the marker file, else the directory's name. */
  name: string
  /** The directory's own name (the artifact name when download-artifact laid it out). */
  directory: string
  path: string
  /** `<parent's name>/<directory>`: how problems name it (the same on every machine). */
  shown: string
}

export interface Listing {
  repositories: RepositoryDir[]
  /** Entries that are not repositories, duplicate names, unreadable markers. */
  problems: string[]
  /** The parsed `fleet.json` found at the top of a directory, if any (the first one wins). */
  fleetFile?: unknown
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

// eslint-disable-next-line no-control-regex -- a name with control characters is refused
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/

type JsonRead = { value: unknown; problem?: undefined } | { value?: undefined; problem: string }

/**
 * A JSON file read without following a link, refused when it is not a regular file or too big.
 * Synchronous on purpose: repositories are read one after another, and one read of a known size
 * is several times faster than the chunked reads of `FileHandle.readFile`.
 */
export function readJsonFile(file: string, shown: string): JsonRead {
  let fd: number
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return { problem: `${shown} is missing` }
    if (code === 'ELOOP') return { problem: `${shown} is a symbolic link; it was not followed` }
    return { problem: `${shown} cannot be opened (${code ?? (error as Error).message})` }
  }
  try {
    const stat = fstatSync(fd)
    if (!stat.isFile()) return { problem: `${shown} is not a regular file` }
    if (stat.size > MAX_FILE_BYTES)
      return { problem: `${shown} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB; not read` }
    const buffer = Buffer.allocUnsafe(stat.size)
    let filled = 0
    while (filled < buffer.length) {
      const read = readSync(fd, buffer, filled, buffer.length - filled, filled)
      if (read === 0) break
      filled += read
    }
    try {
      return { value: JSON.parse(buffer.toString('utf8', 0, filled)) as unknown }
    } catch {
      return { problem: `${shown} is not valid JSON` }
    }
  } finally {
    closeSync(fd)
  }
}

/**
 * The repository directories in each of `parents` (a directory per repository, as
 * actions/download-artifact lays out several artifacts). A parent that is not a directory is a
 * usage error; anything odd inside one is a problem in the report.
 */
export async function listRepositories(parents: string[]): Promise<Listing> {
  const listing: Listing = { repositories: [], problems: [] }
  const seen = new Map<string, string>()
  for (const parent of parents) {
    const stat = await lstat(parent).catch(() => undefined)
    if (!stat?.isDirectory())
      throw new ConfigError(
        `${parent} is not a directory (give directories that hold one directory per repository).`
      )
    const entries = (await readdir(parent, { withFileTypes: true })).sort((a, b) =>
      byText(a.name, b.name)
    )
    for (const entry of entries) {
      const full = path.join(parent, entry.name)
      const shown = path.join(path.basename(path.resolve(parent)), entry.name)
      if (entry.name === FLEET_FILE && entry.isFile() && listing.fleetFile === undefined) {
        const read = readJsonFile(full, shown)
        if (read.problem) listing.problems.push(read.problem)
        else listing.fleetFile = read.value
        continue
      }
      if (entry.isSymbolicLink()) {
        listing.problems.push(`${shown} is a symbolic link; it was not followed`)
        continue
      }
      if (!entry.isDirectory()) continue
      const marker = readMarker(full, shown)
      if (marker.problem) listing.problems.push(marker.problem)
      const name = marker.name ?? entry.name
      const earlier = seen.get(name.toLowerCase())
      if (earlier) {
        listing.problems.push(
          `${shown} is also repository ${name} (already read from ${earlier}); it was not merged`
        )
        continue
      }
      seen.set(name.toLowerCase(), shown)
      listing.repositories.push({ name, directory: entry.name, path: full, shown })
    }
  }
  listing.repositories.sort((a, b) => byText(a.name, b.name))
  return listing
}

function readMarker(dir: string, shownDir: string): { name?: string; problem?: string } {
  const file = path.join(shownDir, MARKER_FILE)
  const read = readJsonFile(path.join(dir, MARKER_FILE), file)
  if (read.problem) return read.problem.endsWith('is missing') ? {} : { problem: read.problem }
  const name = isObject(read.value) ? read.value.repository : undefined
  if (typeof name !== 'string' || !name || name.length > 200 || CONTROL.test(name))
    return { problem: `${file} has no usable 'repository' name; the directory name is used` }
  return { name }
}

export type Gate = 'pass' | 'fail' | 'unknown'

export interface RuleTally {
  title: string
  severity: Severity
  open: number
}

/** What one repository's findings.json says, reduced to what the fleet report needs. */
export interface FindingsSummary {
  gate: Gate
  reasons: string[]
  open: number
  bySeverity: Record<Severity, number>
  waived: number
  rules: Map<string, RuleTally>
  /** Fingerprints of the open (unwaived) findings. */
  fingerprints: Set<string>
  /** The open findings reduced to what a later run compares with (see state.ts). */
  openFindings: OpenFinding[]
  problems: string[]
}

export interface OpenFinding {
  fingerprint: string
  ruleId: string
  severity: Severity
}

/** Reads `findings.json` of a repository directory; `problem` when it cannot be used at all. */
export function readFindings(dir: RepositoryDir): { summary?: FindingsSummary; problem?: string } {
  const shown = path.join(dir.shown, FINDINGS_FILE)
  const read = readJsonFile(path.join(dir.path, FINDINGS_FILE), shown)
  if (read.problem) return { problem: read.problem }
  const doc = read.value
  if (!isObject(doc) || !Array.isArray(doc.findings))
    return { problem: `${shown} is not a findings file (no 'findings' list)` }
  const problems: string[] = []
  let gate: Gate = 'unknown'
  if (typeof doc.failed === 'boolean') gate = doc.failed ? 'fail' : 'pass'
  else problems.push(`${shown} has no 'failed' verdict; the gate is unknown`)
  const reasons = Array.isArray(doc.reasons)
    ? doc.reasons.filter((r): r is string => typeof r === 'string')
    : []
  const summary: FindingsSummary = {
    gate,
    reasons,
    open: 0,
    bySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>,
    waived: 0,
    rules: new Map(),
    fingerprints: new Set(),
    openFindings: [],
    problems
  }
  let malformed = 0
  for (const finding of doc.findings as unknown[]) {
    if (
      !isObject(finding) ||
      typeof finding.fingerprint !== 'string' ||
      typeof finding.ruleId !== 'string'
    ) {
      malformed++
      continue
    }
    if (finding.suppression !== undefined) {
      summary.waived++
      continue
    }
    const severity = parseSeverity(typeof finding.severity === 'string' ? finding.severity : '')
    summary.open++
    summary.bySeverity[severity]++
    summary.fingerprints.add(finding.fingerprint)
    summary.openFindings.push({
      fingerprint: finding.fingerprint,
      ruleId: finding.ruleId,
      severity
    })
    const tally = summary.rules.get(finding.ruleId)
    if (tally) tally.open++
    else
      summary.rules.set(finding.ruleId, {
        title: typeof finding.title === 'string' ? finding.title : '',
        severity,
        open: 1
      })
  }
  if (malformed)
    problems.push(
      `${shown}: ${malformed} ${malformed === 1 ? 'entry is' : 'entries are'} not a finding (no fingerprint or ruleId); not counted`
    )
  return { summary }
}

export interface ControlResult {
  framework: string
  control: string
  status: 'pass' | 'fail'
}

/** How a run enforced a control it covered (its evidence's `coverage`, from src/report/coverage.ts). */
export interface ControlEnforcement {
  framework: string
  control: string
  title: string
  enforcement: 'deny' | 'warn' | 'dryrun'
}

const ENFORCEMENTS = new Set(['deny', 'warn', 'dryrun'])

/**
 * A repository's `evidence/evidence.json`: its `controls` (pass or fail, derived by the run from
 * the compliance annotations of the policies it evaluated) and, from runs that write it, its
 * `coverage` (how the run enforced each control; controls it did not cover are left out).
 */
export function readControls(dir: RepositoryDir): {
  controls: ControlResult[]
  enforcement: ControlEnforcement[]
  problem?: string
} {
  const shown = path.join(dir.shown, EVIDENCE_FILE)
  const read = readJsonFile(path.join(dir.path, EVIDENCE_FILE), shown)
  if (read.problem)
    return { controls: [], enforcement: [], problem: `${read.problem}: no control results` }
  const doc = isObject(read.value) ? read.value : {}
  if (!Array.isArray(doc.controls))
    return {
      controls: [],
      enforcement: [],
      problem: `${shown} has no 'controls' list: no control results`
    }
  const controls: ControlResult[] = []
  let malformed = 0
  for (const entry of doc.controls as unknown[]) {
    if (
      isObject(entry) &&
      typeof entry.framework === 'string' &&
      typeof entry.control === 'string' &&
      (entry.status === 'pass' || entry.status === 'fail')
    )
      controls.push({ framework: entry.framework, control: entry.control, status: entry.status })
    else malformed++
  }
  const enforcement: ControlEnforcement[] = []
  for (const entry of Array.isArray(doc.coverage) ? (doc.coverage as unknown[]) : []) {
    if (
      isObject(entry) &&
      typeof entry.framework === 'string' &&
      typeof entry.control === 'string' &&
      typeof entry.enforcement === 'string'
    ) {
      if (ENFORCEMENTS.has(entry.enforcement))
        enforcement.push({
          framework: entry.framework,
          control: entry.control,
          title: typeof entry.title === 'string' ? entry.title : '',
          enforcement: entry.enforcement as ControlEnforcement['enforcement']
        })
    } else malformed++
  }
  return malformed
    ? {
        controls,
        enforcement,
        problem: `${shown}: ${malformed} control ${malformed === 1 ? 'entry is' : 'entries are'} malformed; not counted`
      }
    : { controls, enforcement }
}

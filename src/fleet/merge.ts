// The fleet view: many repositories' runs merged into one document (shape: docs/fleet.md), a pure
// function of the files read. Repositories are processed one at a time (the previous run's
// fingerprints, then the current findings, compared and dropped), so memory is bounded by the
// largest repository and the fleet-wide tallies, not by the fleet.
import { byText, naturalOrder } from '../findings/order.js'
import { SEVERITIES, severityRank, type Severity } from '../findings/severity.js'
import {
  listRepositories,
  readControls,
  readFindings,
  type FindingsSummary,
  type Gate,
  type RepositoryDir
} from './read.js'

/** How many history points a fleet document keeps (a year of weekly runs). */
export const HISTORY_LIMIT = 52
/** How many rules the top-rules list keeps. */
export const TOP_RULES = 10

export interface HistoryPoint {
  label: string
  repositories: number
  failing: number
  open: number
  critical: number
  high: number
}

export interface FleetRepository {
  name: string
  directory: string
  /** `unreadable`: its findings.json is missing or not a findings file (see `problems`). */
  status: 'ok' | 'unreadable'
  gate: Gate
  reasons: string[]
  open: number
  bySeverity: Record<Severity, number>
  waived: number
  /** Control ids (`framework:control`) by the status this repository's run gave them. */
  controls: { pass: string[]; fail: string[] }
  /** Against the previous run: open findings whose fingerprint is new, and those gone. */
  change: { new: number; fixed: number } | null
  problems: string[]
}

export interface FleetControl {
  id: string
  framework: string
  control: string
  /** From the runs' coverage (empty when none names it). */
  title: string
  passing: number
  failing: number
  failingRepositories: string[]
  /** Repositories whose run enforced the control by deny, warn or dryrun constraints. */
  enforcement: { deny: number; warn: number; dryrun: number }
}

export interface FleetRule {
  ruleId: string
  title: string
  severity: Severity
  repositories: number
  open: number
}

export interface FleetDocument {
  schemaVersion: 1
  label: string
  summary: {
    repositories: number
    failing: number
    unreadable: number
    open: number
    bySeverity: Record<Severity, number>
    waived: number
    /** Totals of `change` over the repositories that have a previous run; null without one. */
    change: { new: number; fixed: number } | null
  }
  /** Oldest first; the last point is this run. */
  history: HistoryPoint[]
  controls: FleetControl[]
  topRules: FleetRule[]
  repositories: FleetRepository[]
  /** Repositories in the previous run but not in this one. */
  removed: string[]
  /** Problems with the inputs that belong to no repository (odd entries, duplicates). */
  problems: string[]
}

export interface MergeOptions {
  current: string[]
  previous?: string[]
  /** This run's name in the trend (a run number or date; default `current`). */
  label?: string
  /** Called with each repository of this run as it is read (the CLI saves the next run's state). */
  onRepository?: (dir: RepositoryDir, summary: FindingsSummary | undefined) => Promise<void>
}

const zeroSeverities = () =>
  Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>

export async function mergeFleet(options: MergeOptions): Promise<FleetDocument> {
  const current = await listRepositories(options.current)
  const previous = options.previous?.length ? await listRepositories(options.previous) : undefined
  const previousByName = new Map(previous?.repositories.map((r) => [r.name.toLowerCase(), r]))
  const problems = [...current.problems, ...(previous?.problems.map((p) => `previous: ${p}`) ?? [])]

  const rules = new Map<string, FleetRule>()
  const controls = new Map<string, FleetControl>()
  const repositories: FleetRepository[] = []
  let previousOpen = { failing: 0, open: 0, critical: 0, high: 0 }
  for (const dir of current.repositories) {
    const before = previousByName.get(dir.name.toLowerCase())
    previousByName.delete(dir.name.toLowerCase())
    const earlier = before ? readFindings(before) : undefined
    if (earlier?.summary) previousOpen = addPoint(previousOpen, earlier.summary)
    const repository = readRepository(dir, earlier)
    await options.onRepository?.(dir, repository.summary)
    repositories.push(repository.entry)
    if (repository.summary) tallyRules(rules, repository.summary)
    tallyControls(controls, repository)
  }
  for (const control of controls.values()) control.failing = control.failingRepositories.length
  const removed = [...previousByName.values()].map((r) => r.name).sort(byText)
  for (const name of removed) {
    const gone = readFindings(previousByName.get(name.toLowerCase())!)
    if (gone.summary) previousOpen = addPoint(previousOpen, gone.summary)
  }

  const bySeverity = zeroSeverities()
  for (const r of repositories) for (const s of SEVERITIES) bySeverity[s] += r.bySeverity[s]
  const changed = repositories.filter((r) => r.change)
  const summary: FleetDocument['summary'] = {
    repositories: repositories.length,
    failing: repositories.filter((r) => r.gate === 'fail').length,
    unreadable: repositories.filter((r) => r.status === 'unreadable').length,
    open: repositories.reduce((n, r) => n + r.open, 0),
    bySeverity,
    waived: repositories.reduce((n, r) => n + r.waived, 0),
    change: previous
      ? {
          new: changed.reduce((n, r) => n + r.change!.new, 0),
          fixed: changed.reduce((n, r) => n + r.change!.fixed, 0)
        }
      : null
  }
  const label = options.label ?? 'current'
  const point: HistoryPoint = {
    label,
    repositories: summary.repositories,
    failing: summary.failing,
    open: summary.open,
    critical: bySeverity.CRITICAL,
    high: bySeverity.HIGH
  }
  const earlierHistory = previous
    ? (historyOf(previous.fleetFile) ?? [
        { label: 'previous', repositories: previous.repositories.length, ...previousOpen }
      ])
    : []

  return {
    schemaVersion: 1,
    label,
    summary,
    history: [...earlierHistory, point].slice(-HISTORY_LIMIT),
    controls: [...controls.values()].sort(
      (a, b) => naturalOrder(a.framework, b.framework) || naturalOrder(a.control, b.control)
    ),
    topRules: [...rules.values()]
      .sort(
        (a, b) =>
          b.repositories - a.repositories ||
          b.open - a.open ||
          severityRank(b.severity) - severityRank(a.severity) ||
          byText(a.ruleId, b.ruleId)
      )
      .slice(0, TOP_RULES),
    repositories,
    removed,
    problems
  }
}

function addPoint(
  point: { failing: number; open: number; critical: number; high: number },
  summary: FindingsSummary
) {
  return {
    failing: point.failing + (summary.gate === 'fail' ? 1 : 0),
    open: point.open + summary.open,
    critical: point.critical + summary.bySeverity.CRITICAL,
    high: point.high + summary.bySeverity.HIGH
  }
}

function readRepository(
  dir: RepositoryDir,
  earlier: ReturnType<typeof readFindings> | undefined
): {
  entry: FleetRepository
  summary?: FindingsSummary
  controlResults: ReturnType<typeof readControls>['controls']
  enforcement: ReturnType<typeof readControls>['enforcement']
} {
  const problems: string[] = []
  const { summary, problem } = readFindings(dir)
  if (problem) problems.push(problem)
  const evidence = readControls(dir)
  if (evidence.problem) problems.push(evidence.problem)
  if (earlier?.problem) problems.push(`previous run: ${earlier.problem}`)
  const ids = (status: 'pass' | 'fail') =>
    [
      ...new Set(
        evidence.controls
          .filter((c) => c.status === status)
          .map((c) => `${c.framework}:${c.control}`)
      )
    ].sort(naturalOrder)
  const fail = ids('fail')
  const failing = new Set(fail)
  let change: FleetRepository['change'] = null
  if (summary && earlier?.summary) {
    const before = earlier.summary.fingerprints
    let added = 0
    for (const fingerprint of summary.fingerprints) if (!before.has(fingerprint)) added++
    let fixed = 0
    for (const fingerprint of before) if (!summary.fingerprints.has(fingerprint)) fixed++
    change = { new: added, fixed }
  }
  const entry: FleetRepository = {
    name: dir.name,
    directory: dir.directory,
    status: summary ? 'ok' : 'unreadable',
    gate: summary?.gate ?? 'unknown',
    reasons: summary?.reasons ?? [],
    open: summary?.open ?? 0,
    bySeverity: summary?.bySeverity ?? zeroSeverities(),
    waived: summary?.waived ?? 0,
    // A control some policy failed and another passed is failed.
    controls: { pass: ids('pass').filter((id) => !failing.has(id)), fail },
    change,
    problems: [...problems, ...(summary?.problems ?? [])]
  }
  return { entry, summary, controlResults: evidence.controls, enforcement: evidence.enforcement }
}

function tallyRules(rules: Map<string, FleetRule>, summary: FindingsSummary) {
  for (const [ruleId, tally] of summary.rules) {
    const rule = rules.get(ruleId)
    if (!rule) {
      rules.set(ruleId, {
        ruleId,
        title: tally.title,
        severity: tally.severity,
        repositories: 1,
        open: tally.open
      })
      continue
    }
    rule.repositories++
    rule.open += tally.open
    if (severityRank(tally.severity) > severityRank(rule.severity)) rule.severity = tally.severity
  }
}

/** Adds one repository's control results and enforcement to the fleet's, each control once. */
function tallyControls(
  controls: Map<string, FleetControl>,
  repository: ReturnType<typeof readRepository>
): void {
  const failed = new Set(repository.entry.controls.fail)
  const counted = new Set<string>()
  for (const result of repository.controlResults) {
    const control = controlOf(controls, result.framework, result.control)
    if (counted.has(control.id)) continue
    counted.add(control.id)
    if (failed.has(control.id)) control.failingRepositories.push(repository.entry.name)
    else control.passing++
  }
  const enforced = new Set<string>()
  for (const covered of repository.enforcement) {
    const control = controlOf(controls, covered.framework, covered.control)
    if (enforced.has(control.id)) continue
    enforced.add(control.id)
    control.enforcement[covered.enforcement]++
    control.title ||= covered.title
  }
}

function controlOf(
  controls: Map<string, FleetControl>,
  framework: string,
  name: string
): FleetControl {
  const id = `${framework}:${name}`
  let control = controls.get(id)
  if (!control) {
    control = {
      id,
      framework,
      control: name,
      title: '',
      passing: 0,
      failing: 0,
      failingRepositories: [],
      enforcement: { deny: 0, warn: 0, dryrun: 0 }
    }
    controls.set(id, control)
  }
  return control
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The history of a previous fleet.json, each point checked; undefined when it has none. */
function historyOf(fleetFile: unknown): HistoryPoint[] | undefined {
  if (!isObject(fleetFile) || !Array.isArray(fleetFile.history)) return undefined
  const count = (value: unknown) =>
    typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0
  return (fleetFile.history as unknown[]).filter(isObject).map((p) => ({
    label: typeof p.label === 'string' ? p.label : '',
    repositories: count(p.repositories),
    failing: count(p.failing),
    open: count(p.open),
    critical: count(p.critical),
    high: count(p.high)
  }))
}

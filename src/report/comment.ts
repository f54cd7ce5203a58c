import type { Finding } from '../findings/model.js'
import { SEVERITIES, type Severity } from '../findings/severity.js'
import type { GateDecision } from '../gate.js'
import type { ChangedOnlyScope } from '../manifests/changed.js'
import type { ScanOutcome } from '../scanners/scanner.js'
import { countFindings } from './counts.js'
import { mostSevere } from '../findings/order.js'
import { alsoReportedName } from '../findings/equivalents.js'
import { encodeUrlPath, escapeMarkdown } from './markdown.js'
import { scopeSentence } from './summary.js'

/** GitHub rejects issue comments longer than this (characters). */
export const MAX_COMMENT_LENGTH = 65_536

export interface CommentInput {
  outcomes: ScanOutcome[]
  findings: Finding[]
  decision: GateDecision
  /** Where links point: `<serverUrl>/<owner>/<repo>/blob/<sha>/<path>#L<line>`. */
  repository: { serverUrl: string; owner: string; repo: string }
  /** Commit the links point at (the PR head SHA is the most stable choice). */
  sha: string
  /** A baseline was used: findings are split into new and existing. */
  baseline?: boolean
  /** Hidden marker the comment is found by; put first. */
  marker?: string
  /** Link to the workflow run (job summary, SARIF artifact). */
  runUrl?: string
  /** Verified fixes (`suggest-fixes`): the "Fixes" section. */
  fixes?: CommentFixes
  /** Set when only the pull request's changed manifests were checked (`scan-changed-only`). */
  scope?: ChangedOnlyScope
  /** How many findings the "Top findings" table shows (default 10). */
  top?: number
  maxLength?: number
}

const ICON: Record<Severity, string> = {
  CRITICAL: '🟥',
  HIGH: '🟧',
  MEDIUM: '🟨',
  LOW: '🟦',
  UNKNOWN: '⬜'
}
const DESCENDING = [...SEVERITIES].reverse()

/** Text from the PR made inert, clipped to `max` characters. */
function inert(text: string, max = 300): string {
  return escapeMarkdown(text, { max })
}

function code(text: string): string {
  return `<code>${inert(text, 200)}</code>`
}

function isSecret(finding: Finding): boolean {
  return finding.ruleId.startsWith('secret/')
}

type LinkBase = Pick<CommentInput, 'repository' | 'sha'>

function where(finding: Finding, input: LinkBase): string {
  return finding.location ? fileLink(finding.location, input) : code(finding.target)
}

function fileLink(location: { path: string; startLine: number }, input: LinkBase): string {
  const { serverUrl, owner, repo } = input.repository
  const url = `${serverUrl}/${owner}/${repo}/blob/${input.sha}/${encodeUrlPath(location.path)}#L${location.startLine}`
  return `[${inert(`${location.path}:${location.startLine}`, 120)}](${url})`
}

/** What a row says about a finding; for a secret only its rule, never the message or value. */
function what(finding: Finding): string {
  if (isSecret(finding)) return `Secret: ${inert(finding.title, 120)}`
  const also = finding.alsoReportedBy?.length
    ? ` (also reported by ${finding.alsoReportedBy.map((other) => code(alsoReportedName(other))).join(', ')})`
    : ''
  return `${inert(finding.message)}${also}`
}

interface Shape {
  top: number
  /** Rows per scanner in the collapsible "All findings" section; 0 drops the section. */
  detailRows: number
  waivedRows: number
  notices: boolean
}

/**
 * The PR comment: verdict, counts by severity and by scanner (new vs existing with a baseline),
 * the most severe findings with links to file and line, the waived count, and collapsible
 * details. Never longer than `maxLength` (GitHub's 65,536): detail sections shrink first, then
 * the top table, then a short form that keeps the verdict and the counts.
 */
export function toCommentMarkdown(input: CommentInput): string {
  const max = input.maxLength ?? MAX_COMMENT_LENGTH
  const top = input.top ?? 10
  const shapes: Shape[] = [
    { top, detailRows: Infinity, waivedRows: Infinity, notices: true },
    { top, detailRows: 100, waivedRows: 50, notices: true },
    { top, detailRows: 25, waivedRows: 10, notices: true },
    { top, detailRows: 0, waivedRows: 0, notices: false },
    { top: Math.min(top, 5), detailRows: 0, waivedRows: 0, notices: false }
  ]
  const ordered = order(input, max)
  for (const shape of shapes) {
    const text = render(input, ordered, shape, max)
    if (text !== undefined) return text
  }
  const short = shortForm(input, ordered.counts)
  return short.length <= max ? short : `${short.slice(0, max - 2)}…\n`
}

/**
 * A row is never shorter than this (every row holds `<code></code>` and its table's pipes), so a
 * comment of `max` characters holds fewer than `max / MIN_ROW_LENGTH` rows: longer lists are cut
 * to that before they are sorted, and a shape that would list more is over the limit either way.
 */
export const MIN_ROW_LENGTH = 20

/** The first rows of a list in the comment's order, and how long the whole list is. */
interface Rows {
  first: Finding[]
  total: number
}

/**
 * What every shape of the comment shares, computed once: the findings in the order the comment
 * lists them, as many as any shape can show, and the counts tables.
 */
interface Ordered {
  counts: string[]
  scanners: string[]
  /** The open findings, with new findings first when a baseline is used. */
  ranked: Rows
  openByOutcome: Rows[]
  waived: Rows
}

function order(input: CommentInput, max: number): Ordered {
  const most = Math.floor(max / MIN_ROW_LENGTH) + 1
  const rows = (findings: Finding[]): Rows => ({
    first: mostSevere(findings, most),
    total: findings.length
  })
  const open = input.findings.filter((f) => !f.suppression)
  // With a baseline, new findings come first: the most severe new ones, then the others.
  const newFirst = (): Finding[] => {
    const fresh = mostSevere(
      open.filter((f) => f.isNew),
      most
    )
    return [
      ...fresh,
      ...mostSevere(
        open.filter((f) => !f.isNew),
        most - fresh.length
      )
    ]
  }
  const first = input.baseline ? newFirst() : mostSevere(open, most)
  return {
    counts: countsTable(input),
    scanners: scannerTable(input),
    ranked: { first, total: open.length },
    openByOutcome: input.outcomes.map((o) => rows(o.findings.filter((f) => !f.suppression))),
    waived: rows(input.findings.filter((f) => f.suppression))
  }
}

/**
 * Lines of a comment that stops growing once it is longer than the limit: a shape that cannot
 * fit is abandoned after `max` characters instead of rendering every finding.
 */
class Budget {
  readonly lines: string[] = []
  private length = 0
  constructor(private readonly max: number) {}
  get exceeded(): boolean {
    return this.length > this.max
  }
  /** Adds the lines; false once the text is over the limit. */
  push(...lines: string[]): boolean {
    for (const line of lines) {
      this.lines.push(line)
      this.length += line.length + 1
    }
    return !this.exceeded
  }
  /** Adds one rendered line per item while the text fits; false when it stopped early. */
  pushEach<T>(items: T[], line: (item: T) => string): boolean {
    for (const item of items) if (!this.push(line(item))) return false
    return true
  }
}

function header(input: CommentInput): string[] {
  const { decision } = input
  const lines: string[] = []
  if (input.marker) lines.push(input.marker)
  lines.push(`## 🛡️ hardening-action: ${decision.failed ? '❌ failed' : '✅ passed'}`, '')
  for (const reason of decision.reasons) lines.push(`- ${inert(reason, 500)}`)
  if (decision.reasons.length) lines.push('')
  if (input.scope) lines.push(scopeSentence(input.scope), '')
  return lines
}

function countsTable(input: CommentInput): string[] {
  const all = countFindings(input.findings)
  const lines = [
    `| | ${DESCENDING.map((s) => `${ICON[s]} ${s.toLowerCase()}`).join(' | ')} | waived |`,
    `| --- | ${DESCENDING.map(() => '---:').join(' | ')} | ---: |`
  ]
  const row = (label: string, findings: Finding[]): string => {
    const c = countFindings(findings)
    return `| ${label} | ${DESCENDING.map((s) => c.bySeverity[s]).join(' | ')} | ${c.suppressed} |`
  }
  if (input.baseline) {
    lines.push(
      row(
        '**new**',
        input.findings.filter((f) => f.isNew === true)
      )
    )
    lines.push(
      row(
        'existing',
        input.findings.filter((f) => f.isNew !== true)
      )
    )
  }
  lines.push(row(input.baseline ? 'all' : '**findings**', input.findings))
  lines.push(
    '',
    `**${all.total}** open finding${all.total === 1 ? '' : 's'}${input.baseline ? ` (**${all.new}** new)` : ''}, **${all.suppressed}** waived.`,
    ''
  )
  return lines
}

function scannerTable(input: CommentInput): string[] {
  if (!input.outcomes.length) return []
  const lines = [
    '| Scanner | Target | Open | ' + (input.baseline ? 'New | ' : '') + 'Waived | Status |',
    '| --- | --- | ---: | ' + (input.baseline ? '---: | ' : '') + '---: | --- |'
  ]
  for (const outcome of input.outcomes) {
    const c = countFindings(outcome.findings)
    const status = outcome.error ? '⚠️ did not run' : outcome.notices.length ? 'ℹ️ notices' : '✓'
    lines.push(
      `| ${inert(outcome.scanner)} | ${code(outcome.target)} | ${c.total} | ${input.baseline ? `${c.new} | ` : ''}${c.suppressed} | ${status} |`
    )
  }
  lines.push('')
  return lines
}

function findingRow(f: Finding, input: CommentInput): string {
  return `| ${ICON[f.severity]} ${f.severity} | ${input.baseline && f.isNew ? '🆕 ' : ''}${code(f.ruleId)} | ${where(f, input)} | ${what(f)} |`
}

const FINDING_HEAD = ['| Severity | Rule | Where | What |', '| --- | --- | --- | --- |']

/** The comment in one shape, or undefined when it does not fit in `max` characters. */
function render(
  input: CommentInput,
  ordered: Ordered,
  shape: Shape,
  max: number
): string | undefined {
  const { ranked, waived } = ordered
  const out = new Budget(max)
  const row = (f: Finding) => findingRow(f, input)
  out.push(...header(input), ...ordered.counts, ...ordered.scanners)

  const top = ranked.first.slice(0, shape.top)
  if (top.length) {
    out.push(`### Top findings${input.baseline ? ' (new first)' : ''}`, '', ...FINDING_HEAD)
    if (!out.pushEach(top, row)) return undefined
    out.push('')
    if (ranked.total > top.length) out.push(`…and ${ranked.total - top.length} more.`, '')
  }
  if (input.fixes) out.push(...fixesMarkdown(input.fixes, input))

  if (shape.detailRows > 0) {
    for (const [index, outcome] of input.outcomes.entries()) {
      const mine = ordered.openByOutcome[index]!
      if (!mine.total) continue
      const shown = mine.first.slice(0, shape.detailRows)
      out.push(
        `<details><summary>${inert(outcome.scanner)} · ${inert(outcome.target, 120)}: ${mine.total} finding${mine.total === 1 ? '' : 's'}</summary>`,
        '',
        ...FINDING_HEAD
      )
      if (!out.pushEach(shown, row)) return undefined
      out.push('')
      if (mine.total > shown.length)
        out.push(`…and ${mine.total - shown.length} more (see the job summary and SARIF).`, '')
      out.push('</details>', '')
    }
  }

  if (waived.total && shape.waivedRows > 0) {
    const shown = waived.first.slice(0, shape.waivedRows)
    out.push(
      `<details><summary>Waived: ${waived.total}</summary>`,
      '',
      '| Severity | Rule | Where | Owner | Expires | Reason |',
      '| --- | --- | --- | --- | --- | --- |'
    )
    const fits = out.pushEach(
      shown,
      (f) =>
        `| ${f.severity} | ${code(f.ruleId)} | ${where(f, input)} | ${inert(f.suppression!.owner, 80)} | ${inert(f.suppression!.expires, 20)} | ${inert(f.suppression!.reason, 200)} |`
    )
    if (!fits) return undefined
    out.push('')
    if (waived.total > shown.length) out.push(`…and ${waived.total - shown.length} more.`, '')
    out.push('</details>', '')
  }

  const problems = input.outcomes.flatMap((o) => [
    ...(o.error ? [`${o.scanner} (${o.target}): ${o.error}`] : []),
    ...o.notices
  ])
  if (problems.length && shape.notices) {
    out.push(`<details><summary>Not scanned or not evaluated: ${problems.length}</summary>`, '')
    if (!out.pushEach(problems, (p) => `- ${inert(p, 500)}`)) return undefined
    out.push('', '</details>', '')
  }
  out.push(footer(input))
  const text = `${out.lines.join('\n')}\n`
  return text.length <= max ? text : undefined
}

/** What the fix engine offers for this scan, and what of it the pull request shows as suggestions. */
export interface CommentFixes {
  /** Fixes posted (or kept) as suggestions on the pull request. */
  suggested: number
  reviewUrl?: string
  /** Fixes to apply with `hardening fix`: where, how many findings each resolves, and why not a suggestion. */
  elsewhere: Array<{ path: string; startLine: number; resolves: number; reason: string }>
  /** Findings without a safe automatic fix, and why. */
  manual: Array<{ finding: Finding; reason: string }>
}

/** Rows per table of the fixes section; the CLI lists everything. */
const FIX_ROWS = 20
/** A path that is one plain shell word (and no option): anything else stays out of the command. */
const PLAIN_PATH = /^[A-Za-z0-9._][A-Za-z0-9._/-]*$/

/** The "Fixes" section of the PR comment (and of the job summary on a run that cannot comment). */
export function fixesMarkdown(fixes: CommentFixes, input: LinkBase): string[] {
  const { suggested, elsewhere, manual } = fixes
  if (!suggested && !elsewhere.length && !manual.length) return []
  const plural = (n: number, word: string) => `**${n}** ${word}${n === 1 ? '' : 'es'}`
  const lines = ['### 🔧 Fixes', '']
  if (suggested)
    lines.push(
      `${plural(suggested, 'verified fix')} suggested on the changed lines${fixes.reviewUrl ? ` in [this review](${fixes.reviewUrl})` : ''}: commit from the *Files changed* tab.`,
      ''
    )
  if (elsewhere.length) {
    const paths = [...new Set(elsewhere.map((fix) => fix.path))]
    const command = `npx hardening fix${paths.every((p) => PLAIN_PATH.test(p)) ? ` ${paths.join(' ')}` : ''}`
    lines.push(
      `${plural(elsewhere.length, suggested ? 'more verified fix' : 'verified fix')} to apply in a checkout of this branch:`,
      '',
      '```bash',
      command,
      '```',
      '',
      '| Where | Resolves | Not suggested because |',
      '| --- | ---: | --- |',
      ...elsewhere
        .slice(0, FIX_ROWS)
        .map((fix) => `| ${fileLink(fix, input)} | ${fix.resolves} | ${inert(fix.reason, 200)} |`),
      ''
    )
    if (elsewhere.length > FIX_ROWS) lines.push(`…and ${elsewhere.length - FIX_ROWS} more.`, '')
  }
  if (manual.length) {
    lines.push(
      `<details><summary>No safe automatic fix: ${manual.length}</summary>`,
      '',
      '| Rule | Where | Why |',
      '| --- | --- | --- |',
      ...manual
        .slice(0, FIX_ROWS)
        .map(
          ({ finding, reason }) =>
            `| ${code(finding.ruleId)} | ${where(finding, input)} | ${inert(reason, 300)} |`
        ),
      ''
    )
    if (manual.length > FIX_ROWS) lines.push(`…and ${manual.length - FIX_ROWS} more.`, '')
    lines.push('</details>', '')
  }
  return lines
}

function footer(input: CommentInput): string {
  return input.runUrl
    ? `<sub>Full results: [workflow run](${input.runUrl}) (job summary, SARIF). Updated on every run.</sub>`
    : '<sub>Full results: the job summary and the SARIF file of this run. Updated on every run.</sub>'
}

/** The short form: verdict, counts and where to find the rest. */
function shortForm(input: CommentInput, counts: string[]): string {
  const lines = [
    ...header(input).map((line) => (line.length > 2000 ? `${line.slice(0, 1999)}…` : line)),
    ...counts,
    'The full report is too long for a comment; see the job summary and the SARIF file.',
    '',
    footer(input)
  ]
  return `${lines.join('\n')}\n`
}

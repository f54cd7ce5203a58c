// The evidence report as one HTML page an auditor opens or prints to PDF: no script, no external
// asset, and a Content-Security-Policy that would block either. Names and messages come from the
// pull request, so every text and attribute value goes through `escapeHtml`, and a link is
// written only for an http(s) address.
import { SEVERITIES } from '../findings/severity.js'
import { FRAMEWORK_KEYS } from '../scanners/gatekeeper/annotations.js'
import {
  COVERAGE_FRAMEWORKS,
  type ControlCoverage,
  type CoverageFramework,
  type RunEnforcement
} from './coverage.js'
import type { EvidenceDocument, Status } from './evidence-document.js'
import { encodeUrlPath, escapeHtml } from './markdown.js'

export interface EvidenceHtmlOptions {
  /** The repository's web address (`<server>/<owner>/<repo>`): file:line links point into it. */
  repositoryUrl?: string
}

/** Nothing loads and nothing runs: the inline stylesheet is all the page may use. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

/** Most severe first, as the chart and the tables list them. */
const SEVERITY_ORDER = [...SEVERITIES].reverse()
const SEVERITY_COLOURS: Record<string, string> = {
  CRITICAL: '#7f1d1d',
  HIGH: '#dc2626',
  MEDIUM: '#d97706',
  LOW: '#2563eb',
  UNKNOWN: '#6b7280'
}
const COMMIT = /^[0-9a-f]{7,64}$/i

const STYLE = `
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111827;
  margin: 2rem auto; max-width: 72rem; padding: 0 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #d1d5db; padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .4rem; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; }
th, td { border: 1px solid #d1d5db; padding: .25rem .45rem; text-align: left; vertical-align: top;
  overflow-wrap: anywhere; }
th { background: #f3f4f6; overflow-wrap: normal; }
td.n, th.n { text-align: right; white-space: nowrap; }
code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; overflow-wrap: anywhere; }
.verdict { display: inline-block; font-weight: 700; padding: .3rem .8rem; border-radius: .3rem; color: #fff; }
.verdict.pass, .status.pass { background: #15803d; }
.verdict.fail, .status.fail { background: #b91c1c; }
.status { color: #fff; padding: 0 .4rem; border-radius: .2rem; font-size: .85em; }
.expired { color: #b91c1c; font-weight: 700; }
.note { color: #4b5563; }
a { color: #1d4ed8; }
@page { size: A4; margin: 14mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 11px; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2, h3 { break-after: avoid; }
  tr, svg { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
`

/** The HTML page: a pure function of the evidence document (and where the repository lives). */
export function evidenceHtml(doc: EvidenceDocument, options: EvidenceHtmlOptions = {}): string {
  const link = linker(doc, options)
  const anchors = new Map(doc.policies.map((p, index) => [p.kind, `policy-${index + 1}`]))
  const body = [
    header(doc),
    scope(doc),
    severityChart(doc),
    coverage(doc.coverage, anchors),
    controls(doc, anchors),
    findings(doc, anchors, link),
    waivers(doc),
    scans(doc),
    '<p class="note">The compliance mapping is coarse evidence for an audit, not an audit opinion.</p>'
  ]
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Kubernetes hardening evidence: ${escapeHtml(doc.repository)} at ${escapeHtml(doc.commit.slice(0, 12))}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    ''
  ].join('\n')
}

/** An http(s) address as written in an href, or undefined for anything else (`javascript:`…). */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined
  } catch {
    return undefined
  }
}

const text = escapeHtml
const anchor = (href: string | undefined, label: string): string =>
  href ? `<a href="${text(href)}">${label}</a>` : label
const code = (value: string): string => `<code>${text(value)}</code>`
const status = (value: Status): string =>
  `<span class="status ${text(value)}">${text(value)}</span>`
/** A count from the document, escaped too: a document read back from JSON is only JSON. */
const count = (value: number): string => text(String(value))

type Linker = (location: string) => string

/** `path:line` as text, linked to the file at the commit when the repository's address is known. */
function linker(doc: EvidenceDocument, options: EvidenceHtmlOptions): Linker {
  const repository = safeUrl(options.repositoryUrl)?.replace(/\/+$/, '')
  if (!repository || !COMMIT.test(doc.commit)) return (location) => code(location)
  return (location) => {
    const match = /^(.+):(\d+)$/.exec(location)
    if (!match) return code(location)
    const href = `${repository}/blob/${doc.commit}/${encodeUrlPath(match[1]!)}#L${match[2]}`
    return anchor(href, code(location))
  }
}

function table(head: string[], rows: string[][], numeric: Set<number> = new Set()): string {
  const cell = (tag: string, value: string, index: number) =>
    `<${tag}${numeric.has(index) ? ' class="n"' : ''}>${value}</${tag}>`
  return [
    '<table>',
    `<thead><tr>${head.map((h, i) => cell('th', h, i)).join('')}</tr></thead>`,
    '<tbody>',
    ...rows.map((row) => `<tr>${row.map((value, i) => cell('td', value, i)).join('')}</tr>`),
    '</tbody>',
    '</table>'
  ].join('\n')
}

function header(doc: EvidenceDocument): string {
  const verdict = doc.verdict.failed ? 'fail' : 'pass'
  const reasons = doc.verdict.reasons.length
    ? `<ul>${doc.verdict.reasons.map((r) => `<li>${text(r)}</li>`).join('')}</ul>`
    : ''
  const s = doc.summary
  return [
    '<header>',
    '<h1>Kubernetes hardening evidence</h1>',
    `<p><span class="verdict ${verdict}">Verdict: ${doc.verdict.failed ? 'failed' : 'passed'}</span></p>`,
    reasons,
    `<p><strong>${count(s.policies)}</strong> policies evaluated: ${count(s.policiesPassed)} passed, ${count(s.policiesFailed)} failed. ` +
      `<strong>${count(s.controls)}</strong> mapped controls: ${count(s.controlsPassed)} passed, ${count(s.controlsFailed)} failed.</p>`,
    '</header>'
  ].join('\n')
}

function scope(doc: EvidenceDocument): string {
  const bundle = doc.policyBundle
  const rows: Array<[string, string]> = [
    ['Repository', text(doc.repository)],
    ['Commit', code(doc.commit)],
    ...(doc.ref ? [['Ref', code(doc.ref)] as [string, string]] : []),
    ...(doc.runUrl
      ? [['Workflow run', anchor(safeUrl(doc.runUrl), text(doc.runUrl))] as [string, string]]
      : []),
    ['Generated', text(doc.generatedAt)],
    ['hardening-action', text(doc.actionVersion)],
    ['Policy bundle', `${text(bundle.name)}${bundle.digest ? ` ${code(bundle.digest)}` : ''}`]
  ]
  return [
    '<section id="scope">',
    '<h2>Scope</h2>',
    '<table>',
    ...rows.map(([k, v]) => `<tr><th scope="row">${k}</th><td>${v}</td></tr>`),
    '</table>',
    '<h3>Tools</h3>',
    table(
      ['Tool', 'Version', 'Source', 'Archive SHA-256'],
      doc.tools.map((t) => [
        text(t.name),
        text(t.version),
        text(t.source ?? ''),
        t.archiveSha256 ? code(t.archiveSha256) : 'n/a'
      ])
    ),
    '</section>'
  ].join('\n')
}

const CHART = { width: 520, label: 90, count: 60, bar: 22, gap: 8 }

/** Open (unwaived) findings of every scan by severity, as horizontal bars with their counts. */
function severityChart(doc: EvidenceDocument): string {
  const totals = SEVERITY_ORDER.map((severity) => ({
    severity,
    // Number(): the chart computes with the counts, so a document read back must hold numbers
    count: doc.scans.reduce((n, scan) => n + (Number(scan.open[severity]) || 0), 0)
  }))
  const max = Math.max(1, ...totals.map((t) => t.count))
  const track = CHART.width - CHART.label - CHART.count
  const height = totals.length * (CHART.bar + CHART.gap)
  const bars = totals.map(({ severity, count }, index) => {
    const y = index * (CHART.bar + CHART.gap)
    const width = count === 0 ? 0 : Math.max(2, Math.round((count / max) * track))
    const middle = y + CHART.bar / 2 + 5
    return [
      `<text x="0" y="${middle}">${severity.toLowerCase()}</text>`,
      `<rect x="${CHART.label}" y="${y}" width="${width}" height="${CHART.bar}" fill="${SEVERITY_COLOURS[severity]}"/>`,
      `<text x="${CHART.label + width + 6}" y="${middle}">${count}</text>`
    ].join('')
  })
  const description = totals.map((t) => `${t.count} ${t.severity.toLowerCase()}`).join(', ')
  return [
    '<section id="severity">',
    '<h2>Open findings by severity</h2>',
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${CHART.width}" height="${height}" viewBox="0 0 ${CHART.width} ${height}" font-family="system-ui, sans-serif" font-size="13" aria-label="Open findings by severity: ${description}">`,
    `<title>Open findings by severity: ${description}</title>`,
    ...bars,
    '</svg>',
    `<p class="note">All scanners, waived findings excluded: ${description}.</p>`,
    '</section>'
  ].join('\n')
}

function policyLinks(kinds: string[], anchors: Map<string, string>): string {
  return kinds.map((kind) => anchor(`#${anchors.get(kind) ?? ''}`, text(kind))).join(', ')
}

const ENFORCEMENTS: RunEnforcement[] = ['deny', 'warn', 'dryrun']

/**
 * Every catalogue control and how this run enforced it; nothing for a document without coverage
 * (one written before coverage existed, read back from its evidence.json).
 */
function coverage(rows: ControlCoverage[] | undefined, anchors: Map<string, string>): string {
  if (!rows?.length) return ''
  const frameworks = (Object.keys(COVERAGE_FRAMEWORKS) as CoverageFramework[])
    .map((key) => ({ key, rows: rows.filter((c) => c.framework === key) }))
    .filter((f) => f.rows.length)
  const enforced = (list: ControlCoverage[], e: RunEnforcement) =>
    count(list.filter((c) => c.enforcement === e).length)
  const parts = [
    '<section id="coverage">',
    '<h2>Coverage</h2>',
    '<p>Every control of the catalogue and how this run enforced it: the strongest enforcement ' +
      'action of the evaluated constraints that map to it (<code>deny</code> fails the run at or ' +
      'above <code>fail-on-severity</code>).</p>',
    table(
      ['Framework', 'Controls', ...ENFORCEMENTS, 'Not covered'],
      frameworks.map((f) => [
        text(COVERAGE_FRAMEWORKS[f.key]),
        count(f.rows.length),
        ...ENFORCEMENTS.map((e) => enforced(f.rows, e)),
        enforced(f.rows, 'none')
      ]),
      new Set([1, 2, 3, 4, 5])
    )
  ]
  for (const f of frameworks) {
    const covered = f.rows.filter((c) => c.enforcement !== 'none')
    const missing = f.rows.filter((c) => c.enforcement === 'none')
    parts.push(`<h3>${text(COVERAGE_FRAMEWORKS[f.key])}</h3>`)
    if (covered.length)
      parts.push(
        table(
          ['Control', 'Title', 'Enforcement', 'Policies'],
          covered.map((c) => [
            text(c.control),
            c.inCatalogue ? text(c.title) : '<em>not in the catalogue</em>',
            text(c.enforcement),
            c.policies
              .map((p) => `${policyLinks([p.kind], anchors)} (${text(p.enforcement)})`)
              .join(', ')
          ])
        )
      )
    parts.push(
      `<p>Not covered by this run (${missing.length}): ${text(missing.map((c) => c.control).join(', ') || 'none')}.</p>`
    )
  }
  parts.push('</section>')
  return parts.join('\n')
}

function controls(doc: EvidenceDocument, anchors: Map<string, string>): string {
  const parts = ['<section id="controls">', '<h2>Controls</h2>']
  if (!doc.controls.length) parts.push('<p>No policy of this run maps to a control.</p>')
  for (const framework of FRAMEWORK_KEYS) {
    const rows = doc.controls.filter((c) => c.framework === framework)
    if (!rows.length) continue
    parts.push(
      `<h3>${text(doc.frameworks[framework])}</h3>`,
      table(
        [
          'Control',
          'Status',
          'Policies passed',
          'Policies failed',
          'Violations',
          'Waived',
          'Policies'
        ],
        rows.map((c) => [
          text(c.control),
          status(c.status),
          count(c.passed),
          count(c.failed),
          count(c.violations),
          count(c.waived),
          policyLinks(c.policies, anchors)
        ]),
        new Set([2, 3, 4, 5])
      )
    )
  }
  parts.push('</section>')
  return parts.join('\n')
}

/** Each policy's results under the controls it implements, each result once. */
function findings(doc: EvidenceDocument, anchors: Map<string, string>, link: Linker): string {
  const parts = ['<section id="findings">', '<h2>Findings by control</h2>']
  const withResults = doc.policies.filter((p) => p.results.length)
  if (!withResults.length) parts.push('<p>No policy violations.</p>')
  for (const policy of withResults) {
    const mapped = FRAMEWORK_KEYS.filter((k) => policy.compliance[k].length).map(
      (k) => `${text(doc.frameworks[k])}: ${text(policy.compliance[k].join(', '))}`
    )
    parts.push(
      `<h3 id="${anchors.get(policy.kind)}">${text(policy.kind)}: ${text(policy.title)} ${status(policy.status)}</h3>`,
      `<p>Severity ${text(policy.severity)}. Controls: ${mapped.length ? mapped.join('; ') : 'none mapped'}.</p>`,
      table(
        ['Location', 'Resource', 'Enforcement', 'Waived', 'Message'],
        policy.results.map((r) => [
          r.location ? link(r.location) : '',
          text(r.resource),
          text(r.enforcementAction ?? ''),
          r.waived ? 'yes' : 'no',
          text(r.message)
        ])
      )
    )
  }
  const passing = doc.policies.filter((p) => !p.results.length)
  if (passing.length)
    parts.push(
      `<p>Policies without findings: ${passing.map((p) => `<span id="${anchors.get(p.kind)}">${text(p.kind)}</span>`).join(', ')}.</p>`
    )
  parts.push('</section>')
  return parts.join('\n')
}

function waivers(doc: EvidenceDocument): string {
  const parts = ['<section id="waivers">', '<h2>Waivers</h2>']
  if (!doc.waivers.length) parts.push('<p>No waivers.</p>')
  else
    parts.push(
      table(
        ['Rule', 'Scope', 'Owner', 'Expires', 'Status', 'Findings covered', 'Reason'],
        doc.waivers.map((w) => {
          const scopes = [
            w.path ? `path ${w.path}` : '',
            w.resource ? `resource ${w.resource}` : '',
            w.image ? `image ${w.image}` : ''
          ].filter(Boolean)
          return [
            text(w.rule),
            text(scopes.join(', ') || 'any'),
            text(w.owner),
            text(w.expires),
            w.status === 'expired' ? '<span class="expired">expired</span>' : 'active',
            count(w.findings),
            text(w.reason)
          ]
        }),
        new Set([5])
      )
    )
  parts.push('</section>')
  return parts.join('\n')
}

function scans(doc: EvidenceDocument): string {
  const counts = SEVERITY_ORDER.map((s) => s.toLowerCase())
  return [
    '<section id="scans">',
    '<h2>Scans</h2>',
    table(
      ['Scanner', 'Target', 'Tool', 'Status', ...counts, 'Waived', 'Notices'],
      doc.scans.map((scan) => [
        text(scan.scanner),
        text(scan.target),
        text(`${scan.tool.name} ${scan.tool.version}`),
        scan.status === 'failed'
          ? `<span class="expired">failed</span>: ${text(scan.error ?? '')}`
          : 'completed',
        ...SEVERITY_ORDER.map((s) => count(scan.open[s] ?? 0)),
        count(scan.waived),
        count(scan.notices)
      ]),
      new Set(counts.map((_, i) => i + 4).concat([counts.length + 4, counts.length + 5]))
    ),
    '</section>'
  ].join('\n')
}

// The fleet document as Markdown (the job summary, with a Mermaid trend chart GitHub renders), as
// JSON, and as one self-contained HTML page. Every repository, rule, control and reason string
// came from a repository we do not control: Markdown goes through escapeMarkdown, HTML through
// escapeHtml, and Mermaid labels keep only characters that mean nothing to Mermaid.
import { COVERAGE_FRAMEWORKS } from '../report/coverage.js'
import { CONTENT_SECURITY_POLICY } from '../report/evidence-html.js'
import { escapeHtml, escapeMarkdown } from '../report/markdown.js'
import type { FleetControl, FleetDocument, FleetRepository } from './merge.js'

/** Rows a Markdown table lists before pointing at the JSON and HTML (the job summary caps at 1 MiB). */
export const MARKDOWN_ROWS = 200
/** Repositories named in a control's row before "and N more". */
const NAMED = 5

export function fleetJson(doc: FleetDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`
}

const cell = (text: string) => escapeMarkdown(text, { max: 200 })

function frameworkName(framework: string): string {
  return Object.hasOwn(COVERAGE_FRAMEWORKS, framework)
    ? COVERAGE_FRAMEWORKS[framework as keyof typeof COVERAGE_FRAMEWORKS]
    : framework
}

const GATE = { pass: '✅ pass', fail: '❌ fail', unknown: '❔ unknown' } as const

function changeText(change: FleetRepository['change']): [string, string] {
  return change ? [`+${change.new}`, `−${change.fixed}`] : ['–', '–']
}

/**
 * A Mermaid label: only letters, digits, space and `._:/+-` survive (quotes, brackets, `%%`
 * directives, `#` entities and HTML mean something to Mermaid), at most 24 characters.
 */
export function mermaidLabel(text: string): string {
  const kept = text
    .replace(/[^A-Za-z0-9 ._:/+-]/g, '_')
    .trim()
    .slice(0, 24)
  return kept || '_'
}

function trendChart(doc: FleetDocument): string[] {
  const labels = doc.history.map((p) => `"${mermaidLabel(p.label)}"`).join(', ')
  return [
    '```mermaid',
    'xychart-beta',
    '  title "Open findings per fleet run"',
    `  x-axis [${labels}]`,
    '  y-axis "open findings"',
    `  line [${doc.history.map((p) => p.open).join(', ')}]`,
    '```'
  ]
}

function more(total: number, shown: number, what: string): string[] {
  return total > shown
    ? [`${total - shown} more ${what} in fleet.json and fleet.html (not listed here).`, '']
    : []
}

function controlRepositories(control: FleetControl): string {
  const named = control.failingRepositories.slice(0, NAMED).map(cell).join(', ')
  const rest = control.failingRepositories.length - NAMED
  return rest > 0 ? `${named} and ${rest} more` : named
}

export function fleetMarkdown(doc: FleetDocument): string {
  const s = doc.summary
  const sev = s.bySeverity
  const lines: string[] = ['# Fleet hardening report', '']
  lines.push(
    `**${s.repositories}** repositories: **${s.failing}** fail the gate, ${s.unreadable} could not be read. ` +
      `**${s.open}** open findings (${sev.CRITICAL} critical, ${sev.HIGH} high, ${sev.MEDIUM} medium, ${sev.LOW} low, ${sev.UNKNOWN} unknown); ${s.waived} waived.`,
    ''
  )
  if (s.change)
    lines.push(
      `Since the previous run: **${s.change.new}** new and **${s.change.fixed}** fixed findings (open findings compared by fingerprint).`,
      ''
    )
  else lines.push('No previous run to compare with.', '')

  lines.push('## Trend', '', ...trendChart(doc), '')
  lines.push('| Run | Repositories | Failing | Open | Critical | High |')
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: |')
  for (const p of doc.history)
    lines.push(
      `| ${cell(p.label)} | ${p.repositories} | ${p.failing} | ${p.open} | ${p.critical} | ${p.high} |`
    )
  lines.push('')

  const failing = doc.repositories.filter((r) => r.gate === 'fail')
  lines.push('## Repositories failing the gate', '')
  if (!failing.length) lines.push('None.', '')
  else {
    lines.push('| Repository | Open | Critical | High | New | Fixed | First reason |')
    lines.push('| --- | ---: | ---: | ---: | ---: | ---: | --- |')
    for (const r of failing.slice(0, MARKDOWN_ROWS)) {
      const [added, fixed] = changeText(r.change)
      lines.push(
        `| ${cell(r.name)} | ${r.open} | ${r.bySeverity.CRITICAL} | ${r.bySeverity.HIGH} | ${added} | ${fixed} | ${cell(r.reasons[0] ?? '')} |`
      )
    }
    lines.push('', ...more(failing.length, MARKDOWN_ROWS, 'failing repositories'))
  }

  const troubled = doc.repositories.filter((r) => r.problems.length)
  if (troubled.length || doc.problems.length) {
    lines.push('## Problems reading the results', '')
    for (const problem of doc.problems) lines.push(`- ${cell(problem)}`)
    for (const r of troubled.slice(0, MARKDOWN_ROWS))
      lines.push(`- ${cell(r.name)}: ${r.problems.map((p) => cell(p)).join('; ')}`)
    lines.push('', ...more(troubled.length, MARKDOWN_ROWS, 'repositories with problems'))
  }

  lines.push('## Controls', '')
  if (!doc.controls.length) lines.push('No control results (no evidence.json with controls).', '')
  else {
    lines.push(
      'Repositories passing and failing each control, and how many of their runs enforced it with deny, warn or dryrun constraints.',
      '',
      '| Framework | Control | Title | Passing | Failing | Deny | Warn | Dryrun | Failing repositories |',
      '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |'
    )
    for (const c of doc.controls.slice(0, MARKDOWN_ROWS))
      lines.push(
        `| ${cell(frameworkName(c.framework))} | ${cell(c.control)} | ${cell(c.title)} | ${c.passing} | ${c.failing} | ${c.enforcement.deny} | ${c.enforcement.warn} | ${c.enforcement.dryrun} | ${controlRepositories(c)} |`
      )
    lines.push('', ...more(doc.controls.length, MARKDOWN_ROWS, 'controls'))
  }

  lines.push('## Top rules', '')
  if (!doc.topRules.length) lines.push('No open findings.', '')
  else {
    lines.push('| Rule | Title | Severity | Repositories | Open findings |')
    lines.push('| --- | --- | --- | ---: | ---: |')
    for (const rule of doc.topRules)
      lines.push(
        `| ${cell(rule.ruleId)} | ${cell(rule.title)} | ${rule.severity} | ${rule.repositories} | ${rule.open} |`
      )
    lines.push('')
  }

  lines.push('## Repositories', '')
  lines.push(
    '| Repository | Gate | Open | Critical | High | Waived | Controls failed | New | Fixed |'
  )
  lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
  for (const r of doc.repositories.slice(0, MARKDOWN_ROWS)) {
    const [added, fixed] = changeText(r.change)
    const gate = r.status === 'unreadable' ? '⚠️ unreadable' : GATE[r.gate]
    lines.push(
      `| ${cell(r.name)} | ${gate} | ${r.open} | ${r.bySeverity.CRITICAL} | ${r.bySeverity.HIGH} | ${r.waived} | ${r.controls.fail.length} | ${added} | ${fixed} |`
    )
  }
  lines.push('', ...more(doc.repositories.length, MARKDOWN_ROWS, 'repositories'))
  if (doc.removed.length)
    lines.push(
      `No longer in the fleet (in the previous run only): ${doc.removed.map((n) => cell(n)).join(', ')}.`,
      ''
    )
  return `${lines.join('\n')}\n`
}

const h = escapeHtml

function htmlTable(headers: string[], rows: Array<Array<string | number>>): string {
  const head = headers.map((x) => `<th>${h(x)}</th>`).join('')
  const body = rows
    .map(
      (row) =>
        `<tr>${row.map((v) => (typeof v === 'number' ? `<td class="n">${v}</td>` : `<td>${h(v)}</td>`)).join('')}</tr>`
    )
    .join('\n')
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`
}

/** One self-contained page: no scripts, no external assets, a Content-Security-Policy that says so. */
export function fleetHtml(doc: FleetDocument): string {
  const s = doc.summary
  const sections: string[] = []
  sections.push(
    `<p><strong>${s.repositories}</strong> repositories: <strong>${s.failing}</strong> fail the gate, ${s.unreadable} could not be read. <strong>${s.open}</strong> open findings (${s.bySeverity.CRITICAL} critical, ${s.bySeverity.HIGH} high, ${s.bySeverity.MEDIUM} medium, ${s.bySeverity.LOW} low, ${s.bySeverity.UNKNOWN} unknown); ${s.waived} waived.</p>`,
    s.change
      ? `<p>Since the previous run: <strong>${s.change.new}</strong> new and <strong>${s.change.fixed}</strong> fixed findings.</p>`
      : '<p>No previous run to compare with.</p>'
  )
  sections.push(
    '<h2>Trend</h2>',
    htmlTable(
      ['Run', 'Repositories', 'Failing', 'Open', 'Critical', 'High'],
      doc.history.map((p) => [p.label, p.repositories, p.failing, p.open, p.critical, p.high])
    )
  )
  const problems = [
    ...doc.problems,
    ...doc.repositories.flatMap((r) => r.problems.map((p) => `${r.name}: ${p}`))
  ]
  if (problems.length)
    sections.push(
      '<h2>Problems reading the results</h2>',
      `<ul>\n${problems.map((p) => `<li>${h(p)}</li>`).join('\n')}\n</ul>`
    )
  sections.push(
    '<h2>Controls</h2>',
    htmlTable(
      [
        'Framework',
        'Control',
        'Title',
        'Passing',
        'Failing',
        'Deny',
        'Warn',
        'Dryrun',
        'Failing repositories'
      ],
      doc.controls.map((c) => [
        frameworkName(c.framework),
        c.control,
        c.title,
        c.passing,
        c.failing,
        c.enforcement.deny,
        c.enforcement.warn,
        c.enforcement.dryrun,
        c.failingRepositories.join(', ')
      ])
    ),
    '<h2>Top rules</h2>',
    htmlTable(
      ['Rule', 'Title', 'Severity', 'Repositories', 'Open findings'],
      doc.topRules.map((r) => [r.ruleId, r.title, r.severity, r.repositories, r.open])
    ),
    '<h2>Repositories</h2>',
    htmlTable(
      [
        'Repository',
        'Gate',
        'Open',
        'Critical',
        'High',
        'Waived',
        'New',
        'Fixed',
        'Controls failed',
        'Reasons'
      ],
      doc.repositories.map((r) => [
        r.name,
        r.status === 'unreadable' ? 'unreadable' : r.gate,
        r.open,
        r.bySeverity.CRITICAL,
        r.bySeverity.HIGH,
        r.waived,
        r.change ? r.change.new : '–',
        r.change ? r.change.fixed : '–',
        r.controls.fail.join(', '),
        r.reasons.join(' ')
      ])
    )
  )
  if (doc.removed.length)
    sections.push(
      `<p>No longer in the fleet (in the previous run only): ${h(doc.removed.join(', '))}.</p>`
    )
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<title>Fleet hardening report: ${h(doc.label)}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #1f2328; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #d0d7de; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
</style>
</head>
<body>
<h1>Fleet hardening report: ${h(doc.label)}</h1>
${sections.join('\n')}
</body>
</html>
`
}

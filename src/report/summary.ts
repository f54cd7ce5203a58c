import type { Finding } from '../findings/model.js'
import { mostSevere } from '../findings/order.js'
import { SEVERITIES } from '../findings/severity.js'
import type { GateDecision } from '../gate.js'
import type { ChangedOnlyScope } from '../manifests/changed.js'
import type { ScanOutcome } from '../scanners/scanner.js'
import { countFindings } from './counts.js'
import { escapeMarkdown } from './markdown.js'

const TOP_FINDINGS = 20

const cell = (text: string): string => escapeMarkdown(text, { max: 500 })

/** What a `scan-changed-only` run left out, for the summary and the PR comment. */
export function scopeSentence(scope: ChangedOnlyScope): string {
  const files = (n: number) => `${n} manifest file${n === 1 ? '' : 's'}`
  return `Changed files only (\`scan-changed-only\`): ${files(scope.checked)} changed by this pull request checked; ${files(scope.notChecked)} not changed, not checked.`
}

/** The job summary: verdict, counts, what was skipped, and the most severe findings. */
export function toSummaryMarkdown(
  outcomes: ScanOutcome[],
  findings: Finding[],
  decision: GateDecision,
  scope?: ChangedOnlyScope
): string {
  const counts = countFindings(findings)
  const lines: string[] = []
  lines.push(`## hardening-action: ${decision.failed ? '❌ failed' : '✅ passed'}`, '')
  for (const reason of decision.reasons) lines.push(`- ${cell(reason)}`)
  if (decision.reasons.length) lines.push('')
  if (scope) lines.push(scopeSentence(scope), '')
  const severities = [...SEVERITIES].reverse()
  lines.push(`| Scanner | Target | ${severities.join(' | ')} | Waived |`)
  lines.push(`| --- | --- | ${severities.map(() => '---:').join(' | ')} | ---: |`)
  for (const outcome of outcomes) {
    const c = countFindings(outcome.findings)
    const status = outcome.error ? ' ⚠️ failed' : ''
    lines.push(
      `| ${cell(outcome.scanner)}${status} | ${cell(outcome.target)} | ${severities.map((s) => c.bySeverity[s]).join(' | ')} | ${c.suppressed} |`
    )
  }
  lines.push('', `**${counts.total}** findings, **${counts.suppressed}** waived.`, '')
  const problems = outcomes.flatMap((o) => [
    ...(o.error ? [`${o.scanner} (${o.target}): ${o.error}`] : []),
    ...o.notices
  ])
  if (problems.length) {
    lines.push('<details><summary>Not scanned or not evaluated</summary>', '')
    for (const problem of problems) lines.push(`- ${cell(problem)}`)
    lines.push('', '</details>', '')
  }
  const top = mostSevere(
    findings.filter((f) => !f.suppression),
    TOP_FINDINGS
  )
  if (top.length) {
    lines.push(
      `### Top findings`,
      '',
      '| Severity | Rule | Where | Message |',
      '| --- | --- | --- | --- |'
    )
    for (const f of top) {
      const where = f.location ? `${f.location.path}:${f.location.startLine}` : f.target
      lines.push(`| ${f.severity} | ${cell(f.ruleId)} | ${cell(where)} | ${cell(f.message)} |`)
    }
  }
  return `${lines.join('\n')}\n`
}

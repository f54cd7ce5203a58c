import { SEVERITIES } from '../findings/severity.js'
import { FRAMEWORK_KEYS, FRAMEWORKS } from '../scanners/gatekeeper/annotations.js'
import { coverageMarkdown } from './coverage.js'
import type { EvidenceDocument, Status } from './evidence-document.js'
import { escapeMarkdown } from './markdown.js'

const cell = (text: string): string => escapeMarkdown(text)

const STATUS: Record<Status, string> = { pass: '✅ pass', fail: '❌ fail' }

/** The Markdown rendering of the evidence document. */
export function evidenceMarkdown(doc: EvidenceDocument): string {
  const lines: string[] = []
  lines.push('# Kubernetes hardening evidence', '')
  lines.push('| | |', '| --- | --- |')
  lines.push(`| Generated | ${doc.generatedAt} |`)
  lines.push(`| Repository | ${cell(doc.repository)} |`)
  lines.push(`| Commit | \`${doc.commit}\` |`)
  if (doc.ref) lines.push(`| Ref | ${cell(doc.ref)} |`)
  if (doc.runUrl) lines.push(`| Workflow run | ${doc.runUrl} |`)
  lines.push(`| hardening-action | ${cell(doc.actionVersion)} |`)
  lines.push(
    `| Policy bundle | ${cell(doc.policyBundle.name)}${doc.policyBundle.digest ? ` (\`${doc.policyBundle.digest}\`)` : ''} |`
  )
  lines.push(`| Verdict | ${doc.verdict.failed ? '❌ failed' : '✅ passed'} |`, '')
  for (const reason of doc.verdict.reasons) lines.push(`- ${cell(reason)}`)
  if (doc.verdict.reasons.length) lines.push('')
  const s = doc.summary
  lines.push(
    `**${s.policies}** policies evaluated: ${s.policiesPassed} passed, ${s.policiesFailed} failed. ` +
      `**${s.controls}** mapped controls: ${s.controlsPassed} passed, ${s.controlsFailed} failed.`,
    '',
    'The compliance mapping is coarse evidence for an audit, not an audit opinion.',
    ''
  )

  lines.push(
    '## Tools',
    '',
    '| Tool | Version | Source | Archive SHA-256 |',
    '| --- | --- | --- | --- |'
  )
  for (const t of doc.tools)
    lines.push(
      `| ${cell(t.name)} | ${cell(t.version)} | ${cell(t.source ?? '')} | ${t.archiveSha256 ? `\`${t.archiveSha256}\`` : 'n/a'} |`
    )
  lines.push('')

  lines.push('## Controls', '')
  for (const framework of FRAMEWORK_KEYS) {
    const rows = doc.controls.filter((c) => c.framework === framework)
    if (!rows.length) continue
    lines.push(
      `### ${FRAMEWORKS[framework]}`,
      '',
      '| Control | Status | Policies passed | Policies failed | Violations | Waived | Policies |',
      '| --- | --- | ---: | ---: | ---: | ---: | --- |'
    )
    for (const c of rows)
      lines.push(
        `| ${cell(c.control)} | ${STATUS[c.status]} | ${c.passed} | ${c.failed} | ${c.violations} | ${c.waived} | ${cell(c.policies.join(', '))} |`
      )
    lines.push('')
  }

  lines.push(...coverageMarkdown(doc.coverage))

  lines.push(
    '## Policies',
    '',
    '| Policy | Title | Severity | Source | Enforcement | Status | Violations | Waived | CIS | SOC 2 | ISO 27001 | HIPAA |',
    '| --- | --- | --- | --- | --- | --- | ---: | ---: | --- | --- | --- | --- |'
  )
  for (const p of doc.policies) {
    const enforcement = [...new Set(p.constraints.map((c) => c.enforcementAction))].join(', ')
    lines.push(
      `| ${cell(p.kind)}${p.version ? ` ${cell(p.version)}` : ''} | ${cell(p.title)} | ${cell(p.severity)} | ${p.source} | ${cell(enforcement)} | ${STATUS[p.status]} | ${p.violations} | ${p.waived} | ${FRAMEWORK_KEYS.map((k) => cell(p.compliance[k].join(', ') || '–')).join(' | ')} |`
    )
  }
  lines.push('')
  const problems = doc.policies.filter((p) => p.problems?.length)
  if (problems.length) {
    lines.push('Annotation problems:', '')
    for (const p of problems) lines.push(`- ${cell(p.kind)}: ${p.problems!.map(cell).join('; ')}`)
    lines.push('')
  }

  const failing = doc.policies.filter((p) => p.results.length)
  if (failing.length) {
    lines.push('## Violations', '')
    for (const p of failing) {
      lines.push(
        `### ${cell(p.kind)}`,
        '',
        '| Resource | Location | Enforcement | Waived | Message |',
        '| --- | --- | --- | --- | --- |'
      )
      for (const r of p.results)
        lines.push(
          `| ${cell(r.resource)} | ${cell(r.location ?? '')} | ${cell(r.enforcementAction ?? '')} | ${r.waived ? 'yes' : 'no'} | ${cell(r.message)} |`
        )
      lines.push('')
    }
  }

  lines.push('## Waivers', '')
  if (!doc.waivers.length) lines.push('No waivers.', '')
  else {
    lines.push(
      '| Rule | Scope | Owner | Expires | Status | Findings covered | Reason |',
      '| --- | --- | --- | --- | --- | ---: | --- |'
    )
    for (const w of doc.waivers) {
      const scope =
        [
          w.path ? `path ${w.path}` : '',
          w.resource ? `resource ${w.resource}` : '',
          w.image ? `image ${w.image}` : ''
        ]
          .filter(Boolean)
          .join(', ') || 'any'
      lines.push(
        `| ${cell(w.rule)} | ${cell(scope)} | ${cell(w.owner)} | ${w.expires} | ${w.status} | ${w.findings} | ${cell(w.reason)} |`
      )
    }
    lines.push('')
  }

  const sev = [...SEVERITIES].reverse()
  lines.push(
    '## Scans',
    '',
    `| Scanner | Target | Tool | Status | ${sev.map((x) => x.toLowerCase()).join(' | ')} | Waived | Notices |`,
    `| --- | --- | --- | --- | ${sev.map(() => '---:').join(' | ')} | ---: | ---: |`
  )
  for (const scan of doc.scans)
    lines.push(
      `| ${cell(scan.scanner)} | ${cell(scan.target)} | ${cell(`${scan.tool.name} ${scan.tool.version}`)} | ${scan.status === 'failed' ? `❌ ${cell(scan.error ?? 'failed')}` : 'completed'} | ${sev.map((x) => scan.open[x] ?? 0).join(' | ')} | ${scan.waived} | ${scan.notices} |`
    )
  lines.push('')
  return `${lines.join('\n')}\n`
}

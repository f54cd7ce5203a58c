import { describe, expect, it } from 'vitest'
import { decide } from '../../src/gate.js'
import {
  MAX_COMMENT_LENGTH,
  MIN_ROW_LENGTH,
  toCommentMarkdown,
  type CommentInput
} from '../../src/report/comment.js'
import type { ScanOutcome } from '../../src/scanners/scanner.js'
import { finding, IMAGE, ORPHAN_IMAGE, sampleOutcomes } from './fixtures.js'

const SHA = 'c0ffee'.padEnd(40, '0')
const repository = { serverUrl: 'https://github.com', owner: 'octo-org', repo: 'demo-app' }
const MARKER = '<!-- hardening-action:report -->'

function input(outcomes: ScanOutcome[], extra: Partial<CommentInput> = {}): CommentInput {
  const findings = outcomes.flatMap((o) => o.findings)
  return {
    outcomes,
    findings,
    decision: decide(findings, {
      failOnSeverity: 'HIGH',
      onlyNew: extra.baseline ?? false,
      configurationErrors: []
    }),
    repository,
    sha: SHA,
    marker: MARKER,
    ...extra
  }
}

describe('toCommentMarkdown', () => {
  const outcomes = sampleOutcomes()
  const text = toCommentMarkdown(
    input(outcomes, { runUrl: 'https://github.com/o/r/actions/runs/1' })
  )

  it('starts with the marker and the verdict', () => {
    expect(text.startsWith(`${MARKER}\n## 🛡️ hardening-action: ❌ failed`)).toBe(true)
    expect(text).toContain('- 4 finding(s) at or above HIGH.')
    const passed = toCommentMarkdown(input([outcomes[1]!]))
    expect(passed).toContain('✅ passed')
  })

  it('counts by severity (waived apart) and by scanner', () => {
    expect(text).toContain('| **findings** | 2 | 2 | 1 | 1 | 0 | 1 |')
    expect(text).toContain('**6** open findings, **1** waived.')
    expect(text).toContain('| policies | <code>manifests</code> | 2 | 1 | ℹ️ notices |')
    expect(text).toContain(
      '| image | <code>ghcr.io/octo-org/broken:1</code> | 0 | 0 | ⚠️ did not run |'
    )
  })

  it('lists the top findings, most severe first, with links to file and line', () => {
    const top = text.slice(text.indexOf('### Top findings'), text.indexOf('<details>'))
    const rows = top
      .split('\n')
      .filter(
        (l) =>
          l.startsWith('| 🟥') ||
          l.startsWith('| 🟧') ||
          l.startsWith('| 🟨') ||
          l.startsWith('| 🟦')
      )
    expect(rows.map((r) => r.split(' | ')[0])).toEqual([
      '| 🟥 CRITICAL',
      '| 🟥 CRITICAL',
      '| 🟧 HIGH',
      '| 🟧 HIGH',
      '| 🟨 MEDIUM',
      '| 🟦 LOW'
    ])
    expect(top).toContain(
      `[deploy/web.yaml:13](https://github.com/octo-org/demo-app/blob/${SHA}/deploy/web.yaml#L13)`
    )
    expect(top).toContain(
      `[app config/credentials.env:2](https://github.com/octo-org/demo-app/blob/${SHA}/app%20config/credentials.env#L2)`
    )
    // an image finding that no file names points at the image
    expect(top).toContain(`<code>${ORPHAN_IMAGE}</code>`)
  })

  it('shows only rule and location for secrets', () => {
    const secretRow = text.split('\n').find((l) => l.includes('secret/aws-access-key-id'))!
    expect(secretRow).toContain('Secret: AWS Access Key ID')
    expect(secretRow).not.toContain('found in')
    const planted = finding({
      scanner: 'repository',
      target: 'repository',
      ruleId: 'secret/github-pat',
      title: 'GitHub PAT',
      severity: 'CRITICAL',
      message: 'token ghp_abcdefghijklmnopqrstuvwxyz0123456789 leaked',
      location: { path: 'a.env', startLine: 1 }
    })
    const out = toCommentMarkdown(input([{ ...outcomes[2]!, findings: [planted] }]))
    expect(out).not.toContain('ghp_abcdefghijklmnopqrstuvwxyz0123456789')
    expect(out).toContain('Secret: GitHub PAT')
  })

  it('puts details, waivers and notices in collapsible sections', () => {
    expect(text).toContain('<details><summary>policies · manifests: 2 findings</summary>')
    expect(text).toContain('<details><summary>Waived: 1</summary>')
    expect(text).toContain('| LOW | <code>HardeningRequiredResources</code> | [deploy/web.yaml:10]')
    expect(text).toContain('| team-a | 2099-12-31 | Batch job, sized by the scheduler. |')
    expect(text).toContain('<details><summary>Not scanned or not evaluated: 2</summary>')
    expect(text).toContain('- image (ghcr.io/octo-org/broken:1): image not found')
    expect(text).toContain('[workflow run](https://github.com/o/r/actions/runs/1)')
    expect(text.match(/<details>/g)!.length).toBe(text.match(/<\/details>/g)!.length)
  })

  it('splits new from existing with a baseline, new first', () => {
    const marked = sampleOutcomes().map((o) => ({
      ...o,
      findings: o.findings.map((f) => ({ ...f, isNew: f.ruleId === 'CVE-2024-5535' }))
    }))
    const out = toCommentMarkdown(input(marked, { baseline: true }))
    expect(out).toContain('| **new** | 0 | 0 | 0 | 1 | 0 | 0 |')
    expect(out).toContain('| existing | 2 | 2 | 1 | 0 | 0 | 1 |')
    expect(out).toContain('(**1** new)')
    expect(out).toContain('### Top findings (new first)')
    const firstRow = out
      .split('### Top findings')[1]!
      .split('\n')
      .find((l) => l.startsWith('| 🟦') || l.startsWith('| 🟥'))!
    expect(firstRow).toContain('🆕 <code>CVE-2024-5535</code>')
  })

  it('neutralises markdown, HTML and mentions from scanned content', () => {
    const evil = finding({
      ruleId: 'X',
      severity: 'HIGH',
      message: 'bad | <img src=x onerror=alert(1)> @octo-org/admins `code` [link](http://evil)',
      location: { path: 'deploy/web.yaml', startLine: 1 }
    })
    const out = toCommentMarkdown(input([{ ...outcomes[0]!, findings: [evil] }]))
    const row = out.split('\n').find((l) => l.includes('bad'))!
    expect(row).not.toContain('<img')
    expect(row).not.toContain('@octo-org')
    expect(row).toContain('&#124;')
    expect(row).toContain('\\[link\\]')
    expect(row.split(' | ')).toHaveLength(4)
  })

  it('keeps a lone carriage return, HTML comments and closing tags in PR text on one inert line', () => {
    const evil = finding({
      ruleId: 'X',
      severity: 'HIGH',
      message: 'a\r## heading\u2028</details><!-- hide',
      location: { path: 'deploy/<img src=x>\r(1).yaml', startLine: 1 }
    })
    const out = toCommentMarkdown(input([{ ...outcomes[0]!, findings: [evil] }]))
    expect(out).not.toContain('\r')
    expect(out).not.toContain('\u2028')
    expect(out).not.toContain('<!-- hide')
    expect(out).not.toContain('<img')
    expect(out).not.toMatch(/^## heading/m)
    // one closing tag per <details> we opened, none from the message
    expect(out.split('</details>').length).toBe(out.split('<details>').length)
    // the link target is percent-encoded, parentheses too, so the link is not cut short
    expect(out).toContain(`/blob/${SHA}/deploy/%3Cimg%20src%3Dx%3E%0D%281%29.yaml#L1)`)
  })

  it('stays within 65,536 characters, shrinking gracefully', () => {
    const many: ScanOutcome = {
      scanner: 'image',
      target: IMAGE,
      notices: [],
      tool: { name: 'trivy', version: '0.74.0' },
      findings: Array.from({ length: 3000 }, (_, i) =>
        finding({
          scanner: 'image',
          target: IMAGE,
          ruleId: `CVE-2025-${10000 + i}`,
          severity: i % 2 ? 'HIGH' : 'LOW',
          message: `package-${i} 1.0 is affected by CVE-2025-${10000 + i}; fixed in 1.1.`.repeat(2),
          location: { path: 'deploy/web.yaml', startLine: 11 }
        })
      )
    }
    const out = toCommentMarkdown(input([many]))
    expect(out.length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH)
    expect(out).toContain('❌ failed')
    expect(out).toContain('| **findings** | 0 | 1500 | 0 | 1500 | 0 | 0 |')
    expect(out).toContain('…and 100 more (see the job summary and SARIF).'.replace('100', '2900'))
    expect(out.match(/<details>/g)!.length).toBe(out.match(/<\/details>/g)!.length)

    // A tiny limit forces the short form, which still has the verdict and counts.
    const short = toCommentMarkdown({ ...input([many]), maxLength: 1200 })
    expect(short.length).toBeLessThanOrEqual(1200)
    expect(short).toContain('❌ failed')
    expect(short).toContain('| **findings** | 0 | 1500 | 0 | 1500 | 0 | 0 |')
    expect(short).toContain('too long for a comment')
    // And an absurd one is still honoured.
    expect(toCommentMarkdown({ ...input([many]), maxLength: 100 }).length).toBeLessThanOrEqual(100)
  })

  it('never writes a row shorter than MIN_ROW_LENGTH, which lets it sort only the rows that can fit', () => {
    // The emptiest findings a scanner can give: no rule, message, location or waiver text.
    const bare = (i: number, waived: boolean) => ({
      ...finding({ ruleId: '', message: '', title: '', target: '', severity: 'LOW' }),
      fingerprint: `f${i}`,
      ...(waived ? { suppression: { reason: '', owner: '', expires: '' } } : {})
    })
    const many: ScanOutcome = {
      scanner: 'policies',
      target: '',
      notices: [],
      tool: { name: 'conftest', version: '0.71.1' },
      findings: Array.from({ length: 5000 }, (_, i) => bare(i, i % 2 === 0))
    }
    const whole = toCommentMarkdown({ ...input([many]), maxLength: 10_000_000 })
    const rows = whole.split('\n').filter((line) => /^\| (?!Severity|---)/.test(line))
    expect(rows.length).toBeGreaterThan(5000) // top, details and waived rows
    for (const row of rows) expect(row.length).toBeGreaterThanOrEqual(MIN_ROW_LENGTH)
    // Within GitHub's limit the same 5,000 findings are counted in full, though fewer are listed.
    const fitted = toCommentMarkdown(input([many]))
    expect(fitted.length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH)
    expect(fitted).toContain(': 2500 findings</summary>')
    expect(fitted).toContain('<summary>Waived: 2500</summary>')
  })

  it('is deterministic', () => {
    expect(toCommentMarkdown(input(sampleOutcomes()))).toBe(
      toCommentMarkdown(input(sampleOutcomes()))
    )
  })
})

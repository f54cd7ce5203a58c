import { describe, expect, it } from 'vitest'
import { decide } from '../../src/gate.js'
import {
  evaluatedPolicy,
  toEvidenceDocument,
  type EvidenceDocument,
  type EvidenceInput
} from '../../src/report/evidence.js'
import { CONTENT_SECURITY_POLICY, evidenceHtml, safeUrl } from '../../src/report/evidence-html.js'
import { finding, sampleOutcomes } from './fixtures.js'

const COMMIT = 'c0ffee'.repeat(6) + 'abcd'
const HOSTILE_RESOURCE = 'Deployment/prod/</title><script>alert(1)</script>'
const HOSTILE_PATH = 'deploy/"><img src=x onerror=alert(1)>\'.yaml'
const HOSTILE_MESSAGE = `Container "a'b" </style><script>alert(2)</script> is privileged.`

const compliance = (cis: string[], soc2: string[]) =>
  JSON.stringify({ 'cis-kubernetes': cis, soc2, 'iso27001-2022': ['A.8.9'], hipaa: [] })
const privileged = evaluatedPolicy(
  {
    kind: 'HardeningPSSPrivileged',
    name: 'hardeningpssprivileged',
    annotations: {
      'hardening-action.io/title': 'PSS baseline: Privileged <containers>',
      'hardening-action.io/severity': 'high',
      'hardening-action.io/compliance': compliance(['5.2.1'], ['CC6.1'])
    }
  },
  [{ name: 'pss-privileged', enforcementAction: 'deny' }],
  'bundled'
)
const tags = evaluatedPolicy(
  {
    kind: 'HardeningDisallowedTags',
    name: 'hardeningdisallowedtags',
    annotations: {
      'hardening-action.io/compliance': compliance(['5.5.1', '<b>9.9</b>'], ['CC8.1'])
    }
  },
  [{ name: 'disallowed-tags', enforcementAction: 'dryrun' }],
  'custom'
)

/** The sample outcomes plus a policy finding whose names a pull request chose to be hostile. */
function input(overrides: Partial<EvidenceInput> = {}): EvidenceInput {
  const outcomes = sampleOutcomes().map((o) =>
    o.scanner === 'policies'
      ? {
          ...o,
          findings: [
            ...o.findings.map((f) => ({
              ...f,
              ruleId: f.ruleId === 'HardeningPssPrivileged' ? privileged.kind : f.ruleId
            })),
            finding({
              ruleId: privileged.kind,
              severity: 'HIGH',
              resource: HOSTILE_RESOURCE,
              message: HOSTILE_MESSAGE,
              location: { path: HOSTILE_PATH, startLine: 7 },
              enforcementAction: 'deny'
            })
          ]
        }
      : o
  )
  const findings = outcomes.flatMap((o) => o.findings)
  return {
    generatedAt: '2026-03-01T12:00:00.000Z',
    repository: 'octo-org/</title><script>alert(3)</script>',
    commit: COMMIT,
    ref: 'refs/heads/main',
    runUrl: 'https://github.com/octo-org/demo-app/actions/runs/1',
    actionVersion: '0.1.0',
    tools: [
      { name: 'conftest', version: '0.71.1', source: 'download', archiveSha256: 'f'.repeat(64) }
    ],
    policyBundle: { name: 'all', digest: `sha256:${'0'.repeat(64)}` },
    policies: [privileged, tags],
    outcomes,
    findings,
    decision: decide(findings, { failOnSeverity: 'HIGH', onlyNew: false, configurationErrors: [] }),
    waivers: [
      {
        rule: 'HardeningRequiredResources',
        path: 'deploy/*',
        reason: 'Batch job "sized" <by> the scheduler.',
        owner: 'team-a <a@example.com>',
        expires: '2099-12-31'
      },
      { rule: 'CVE-2020-1', reason: 'old', owner: 'team-b', expires: '2025-01-01' }
    ],
    ...overrides
  }
}

const page = (overrides: Partial<EvidenceInput> = {}, repositoryUrl?: string) =>
  evidenceHtml(toEvidenceDocument(input(overrides)), repositoryUrl ? { repositoryUrl } : {})

const ALLOWED_TAGS = new Set(
  'html head meta title style body header section h1 h2 h3 p ul li table thead tbody tr th td code a span strong em svg text rect'.split(
    ' '
  )
)
const ALLOWED_ATTRIBUTES = new Set(
  'lang charset http-equiv content name href id class scope xmlns role width height viewBox font-family font-size aria-label x y fill'.split(
    ' '
  )
)
/** Every start tag with its attribute names; text never holds a `<`, so each one opens a tag. */
function startTags(html: string): Array<{ name: string; attributes: string[] }> {
  const opened = html.split('<').length - 1
  const tags = [
    ...html.matchAll(/<(\/?)([a-zA-Z][\w-]*|!DOCTYPE)((?:\s+[\w:-]+(?:="[^"<>]*")?)*)\s*\/?>/g)
  ]
  expect(tags).toHaveLength(opened)
  return tags
    .filter((m) => !m[1] && m[2] !== '!DOCTYPE')
    .map((m) => ({
      name: m[2]!,
      attributes: [...m[3]!.matchAll(/\s+([\w:-]+)(?:="[^"]*")?/g)].map((a) => a[1]!)
    }))
}
const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!)

describe('evidenceHtml', () => {
  const html = page({}, 'https://github.com/octo-org/demo-app')

  it('is one page that loads nothing and runs nothing, under a strict CSP', () => {
    expect(
      html.startsWith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n')
    ).toBe(true)
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`
    )
    expect(CONTENT_SECURITY_POLICY).toMatch(/^default-src 'none';/)
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src|unsafe-eval/)
    // only the elements the renderer writes: no script, img, iframe, link, object, form…
    const tags = startTags(html)
    expect(new Set(tags.map((t) => t.name))).toEqual(ALLOWED_TAGS)
    expect(new Set(tags.flatMap((t) => t.attributes))).toEqual(ALLOWED_ATTRIBUTES)
    expect(html).not.toMatch(/url\(|@import/i)
    expect(html).toContain('@media print')
  })

  it('escapes hostile names in text, the title and attributes', () => {
    expect(html).toContain(
      '<title>Kubernetes hardening evidence: octo-org/&lt;/title&gt;&lt;script&gt;alert(3)&lt;/script&gt; at c0ffeec0ffee</title>'
    )
    expect(html).toContain('Deployment/prod/&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain(
      'Container &quot;a&#39;b&quot; &lt;/style&gt;&lt;script&gt;alert(2)&lt;/script&gt; is privileged.'
    )
    expect(html).toContain('PSS baseline: Privileged &lt;containers&gt;')
    expect(html).toContain('team-a &lt;a@example.com&gt;')
    expect(html).toContain('Batch job &quot;sized&quot; &lt;by&gt; the scheduler.')
    // the hostile file name: escaped as link text, percent-encoded in the href
    expect(html).toContain(
      `<a href="https://github.com/octo-org/demo-app/blob/${COMMIT}/deploy/%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E%27.yaml#L7"><code>deploy/&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&#39;.yaml:7</code></a>`
    )
    for (const href of hrefs(html)) expect(href).not.toMatch(/[<>"']/)
  })

  it('escapes even the counts and statuses of a document read back from a tampered JSON file', () => {
    const tampered = JSON.parse(JSON.stringify(toEvidenceDocument(input())))
    tampered.summary.policies = '<script>alert(4)</script>'
    tampered.controls[0].passed = '<img src=x onerror=alert(5)>'
    tampered.controls[0].status = '"><script>alert(6)</script>'
    tampered.scans[0].open.HIGH = '<b>7</b>'
    const html = evidenceHtml(tampered as EvidenceDocument)
    for (const tag of startTags(html)) expect(ALLOWED_TAGS).toContain(tag.name)
    expect(html).toContain('&lt;script&gt;alert(4)&lt;/script&gt;')
    expect(html).toContain('&lt;img src=x onerror=alert(5)&gt;')
    expect(html).toContain('&lt;b&gt;7&lt;/b&gt;')
  })

  it('keeps line breaks, controls and bidirectional overrides out of the page', () => {
    const html = page({ repository: 'a\nb\u202ec\u0000d' })
    expect(html).toContain('<td>a b\ufffdc d</td>')
  })

  it('links file:line into the repository at the commit, and only with an http(s) address', () => {
    expect(html).toContain(
      `<a href="https://github.com/octo-org/demo-app/blob/${COMMIT}/deploy/web.yaml#L13"><code>deploy/web.yaml:13</code></a>`
    )
    expect(html).toContain(
      '<a href="https://github.com/octo-org/demo-app/actions/runs/1">https://github.com/octo-org/demo-app/actions/runs/1</a>'
    )
    const unlinked = page({}, undefined)
    expect(unlinked).toContain('<td><code>deploy/web.yaml:13</code></td>')
    expect(hrefs(unlinked).filter((h) => !h.startsWith('#'))).toEqual([
      'https://github.com/octo-org/demo-app/actions/runs/1'
    ])
    // a commit that is not a SHA (the CLI's `unknown`) gives no blob links either
    expect(page({ commit: 'unknown' }, 'https://github.com/o/r')).not.toContain('/blob/')
  })

  it('refuses javascript:, data: and other non-http links', () => {
    for (const url of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)//https://github.com',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:x',
      'file:///etc/passwd',
      'not a url'
    ]) {
      expect(safeUrl(url)).toBeUndefined()
      const html = page({ runUrl: url }, url)
      expect(hrefs(html).filter((h) => !h.startsWith('#'))).toEqual([])
      expect(html).not.toMatch(/href="(?:javascript|data|vbscript|file):/i)
    }
    expect(safeUrl('https://github.com/o/r')).toBe('https://github.com/o/r')
    expect(safeUrl('http://ghe.example/o/r"x')).toBe('http://ghe.example/o/r%22x')
  })

  it('links each control to the findings of its policies, each finding listed once', () => {
    expect(html).toMatch(
      /<td>CC6\.1<\/td><td><span class="status fail">fail<\/span><\/td>.*<a href="#policy-2">HardeningPSSPrivileged<\/a>/
    )
    expect(html).toContain(
      '<h3 id="policy-2">HardeningPSSPrivileged: PSS baseline: Privileged &lt;containers&gt; <span class="status fail">fail</span></h3>'
    )
    expect(html.split('Container &quot;a&#39;b&quot;').length - 1).toBe(1)
  })

  it('shows coverage per framework, covered controls linked to their policies, and the gaps', () => {
    const section = html.slice(
      html.indexOf('<section id="coverage">'),
      html.indexOf('<section id="controls">')
    )
    // 131 catalogue controls and the custom one; 5.2.1 denied, 5.5.1 and the custom one dry-run
    expect(section).toContain(
      '<tr><td>CIS Kubernetes Benchmark v1.12</td><td class="n">132</td><td class="n">1</td><td class="n">0</td><td class="n">2</td><td class="n">129</td></tr>'
    )
    expect(section).toMatch(
      /<tr><td>5\.2\.1<\/td><td>[^<]+<\/td><td>deny<\/td><td><a href="#policy-2">HardeningPSSPrivileged<\/a> \(deny\)<\/td><\/tr>/
    )
    // a control only a custom policy names, its id chosen by whoever wrote the template
    expect(section).toContain(
      '<tr><td>&lt;b&gt;9.9&lt;/b&gt;</td><td><em>not in the catalogue</em></td><td>dryrun</td><td><a href="#policy-1">HardeningDisallowedTags</a> (dryrun)</td></tr>'
    )
    expect(section).toMatch(/<p>Not covered by this run \(\d+\): 1\.1\.1, /)
    // a document without coverage (an older evidence.json) renders no section for it
    const older: Partial<EvidenceDocument> = toEvidenceDocument(input())
    delete older.coverage
    expect(evidenceHtml(older as EvidenceDocument)).not.toContain('id="coverage"')
  })

  it('lists waivers with owner, expiry and status', () => {
    expect(html).toMatch(
      /<td>CVE-2020-1<\/td><td>any<\/td><td>team-b<\/td><td>2025-01-01<\/td><td><span class="expired">expired<\/span><\/td>/
    )
    expect(html).toContain('<td>2099-12-31</td><td>active</td>')
  })

  it('draws open findings by severity as inline SVG bars proportional to their counts', () => {
    // sample outcomes, unwaived: critical 2 (CVE, secret), high 3 (lodash, two privileged),
    // medium 1 (tag), low 1 (orphan CVE), unknown 0
    expect(html).toContain(
      'aria-label="Open findings by severity: 2 critical, 3 high, 1 medium, 1 low, 0 unknown"'
    )
    const widths = [...html.matchAll(/<rect x="90" y="\d+" width="(\d+)"/g)].map((m) =>
      Number(m[1])
    )
    expect(widths).toEqual([247, 370, 123, 123, 0])
  })

  it('is deterministic: the same document gives the same bytes, also read back from JSON', () => {
    const document = toEvidenceDocument(input())
    const again = toEvidenceDocument({
      ...input(),
      findings: [...input().findings].reverse(),
      policies: [tags, privileged]
    })
    const options = { repositoryUrl: 'https://github.com/octo-org/demo-app' }
    expect(evidenceHtml(again, options)).toBe(evidenceHtml(document, options))
    expect(evidenceHtml(JSON.parse(JSON.stringify(document)), options)).toBe(html)
  })

  it('shows the verdict', () => {
    expect(html).toContain('<span class="verdict fail">Verdict: failed</span>')
    const passed = page({
      decision: { failed: false, reasons: [] } as unknown as EvidenceInput['decision']
    })
    expect(passed).toContain('<span class="verdict pass">Verdict: passed</span>')
  })
})

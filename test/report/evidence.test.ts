import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { decide } from '../../src/gate.js'
import { toEvidence, type EvidenceInput } from '../../src/report/evidence.js'
import { evaluatedPolicy, type EvaluatedPolicy } from '../../src/scanners/gatekeeper/annotations.js'
import { bundleDigest } from '../../src/scanners/gatekeeper/bundle-digest.js'
import type { ScanOutcome } from '../../src/scanners/scanner.js'
import { finding, sampleOutcomes } from './fixtures.js'

/** A real template of the policy library, read as the scanner reads it. */
function template(dir: string): {
  kind: string
  name: string
  annotations: Record<string, string>
} {
  const doc = parse(readFileSync(path.join('policies', dir, 'template.yaml'), 'utf8')) as {
    metadata: { name: string; annotations: Record<string, string> }
    spec: { crd: { spec: { names: { kind: string } } } }
  }
  return {
    kind: doc.spec.crd.spec.names.kind,
    name: doc.metadata.name,
    annotations: doc.metadata.annotations
  }
}

const privileged = evaluatedPolicy(
  template('pss-privileged'),
  [{ name: 'pss-privileged', enforcementAction: 'deny' }],
  'bundled'
)
const tags = evaluatedPolicy(
  template('disallowed-tags'),
  [{ name: 'disallowed-tags', enforcementAction: 'dryrun' }],
  'bundled'
)
const capabilities = evaluatedPolicy(
  template('pss-capabilities'),
  [{ name: 'pss-capabilities', enforcementAction: 'deny' }],
  'bundled'
)
const resources = evaluatedPolicy(
  template('required-resources'),
  [{ name: 'required-resources', enforcementAction: 'deny' }],
  'bundled'
)

function input(outcomes: ScanOutcome[], policies: EvaluatedPolicy[]): EvidenceInput {
  const findings = outcomes.flatMap((o) => o.findings)
  return {
    generatedAt: '2026-03-01T12:00:00.000Z',
    repository: 'octo-org/demo-app',
    commit: 'a'.repeat(40),
    ref: 'refs/heads/main',
    runUrl: 'https://github.com/octo-org/demo-app/actions/runs/1',
    actionVersion: '0.1.0',
    tools: [
      { name: 'trivy', version: '0.74.0', source: 'download', archiveSha256: 'f'.repeat(64) },
      { name: 'conftest', version: '0.71.1', source: 'tool-cache' }
    ],
    policyBundle: { name: 'all', digest: bundleDigest([{ path: 'a', content: 'x' }]) },
    policies,
    outcomes,
    findings,
    decision: decide(findings, { failOnSeverity: 'HIGH', onlyNew: false, configurationErrors: [] }),
    waivers: [
      {
        rule: 'HardeningRequiredResources',
        path: 'deploy/*',
        reason: 'Batch job, sized by the scheduler.',
        owner: 'team-a',
        expires: '2099-12-31',
        line: 2
      },
      { rule: 'CVE-2020-1', reason: 'old', owner: 'team-b', expires: '2025-01-01', line: 9 }
    ],
    waiversFile: '.hardening/waivers.yaml'
  }
}

/** The sample outcomes with rule ids matching the real templates' kinds. */
function outcomes(): ScanOutcome[] {
  return sampleOutcomes().map((o) =>
    o.scanner === 'policies'
      ? {
          ...o,
          findings: [
            ...o.findings.map((f) =>
              f.ruleId.toLowerCase() === privileged.kind.toLowerCase()
                ? { ...f, ruleId: privileged.kind }
                : f
            ),
            finding({
              ruleId: privileged.kind,
              severity: 'HIGH',
              resource: 'Deployment/prod/api',
              message: 'Container api must not be privileged.',
              location: { path: 'deploy/api.yaml', startLine: 20 },
              enforcementAction: 'deny',
              constraint: 'HardeningPSSPrivileged/pss-privileged'
            })
          ]
        }
      : o
  )
}

describe('evaluatedPolicy', () => {
  it('reads title, severity, version and the compliance mapping from real templates', () => {
    expect(tags).toMatchObject({
      kind: 'HardeningDisallowedTags',
      name: 'hardeningdisallowedtags',
      title: 'Disallowed image tags',
      severity: 'MEDIUM',
      version: '1.0.0',
      compliance: {
        'cis-kubernetes': ['5.5.1'],
        soc2: ['CC8.1', 'CC7.1'],
        'iso27001-2022': ['A.8.9', 'A.8.32'],
        hipaa: ['164.312(c)(1)']
      }
    })
    expect(tags.problems).toBeUndefined()
  })

  it('reports malformed or missing compliance annotations', () => {
    const bad = evaluatedPolicy(
      { kind: 'K', name: 'k', annotations: { 'hardening-action.io/compliance': '{"soc2": [' } },
      [],
      'custom'
    )
    expect(bad.problems).toEqual(['hardening-action.io/compliance is not valid JSON'])
    expect(bad.compliance.soc2).toEqual([])
    const none = evaluatedPolicy({ kind: 'K', name: 'k', annotations: {} }, [], 'custom')
    expect(none.problems).toEqual(['no hardening-action.io/compliance annotation'])
    const partial = evaluatedPolicy(
      {
        kind: 'K',
        name: 'k',
        annotations: { 'hardening-action.io/compliance': '{"soc2":["CC1"]}' }
      },
      [],
      'custom'
    )
    expect(partial.problems).toHaveLength(3)
  })
})

describe('toEvidence', () => {
  const evidence = toEvidence(input(outcomes(), [privileged, tags, resources, capabilities]))
  const doc = evidence.document

  it('records repository, commit, tools with checksums and the bundle digest', () => {
    expect(doc).toMatchObject({
      schemaVersion: 1,
      repository: 'octo-org/demo-app',
      commit: 'a'.repeat(40),
      actionVersion: '0.1.0',
      verdict: { failed: true }
    })
    expect(doc.tools.map((t) => t.name)).toEqual(['conftest', 'trivy'])
    expect(doc.policyBundle.digest).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(evidence.markdown).toContain(`| trivy | 0.74.0 | download | \`${'f'.repeat(64)}\` |`)
    expect(evidence.markdown).toContain('| conftest | 0.71.1 | tool-cache | n/a |')
  })

  it('gives every policy its status, violations and waived count', () => {
    const byKind = Object.fromEntries(doc.policies.map((p) => [p.kind, p]))
    expect(doc.policies.map((p) => p.kind)).toEqual([
      'HardeningDisallowedTags',
      'HardeningPSSCapabilities',
      'HardeningPSSPrivileged',
      'HardeningRequiredResources'
    ])
    expect(byKind.HardeningPSSPrivileged).toMatchObject({
      status: 'fail',
      violations: 2,
      waived: 0
    })
    expect(byKind.HardeningDisallowedTags).toMatchObject({ status: 'fail', violations: 1 })
    // only a waived violation: passes, and the waiver is visible
    expect(byKind.HardeningRequiredResources).toMatchObject({
      status: 'pass',
      violations: 0,
      waived: 1
    })
    expect(byKind.HardeningPSSPrivileged!.results[0]).toEqual({
      resource: 'Deployment/prod/api',
      location: 'deploy/api.yaml:20',
      message: 'Container api must not be privileged.',
      enforcementAction: 'deny',
      constraint: 'HardeningPSSPrivileged/pss-privileged',
      waived: false
    })
    expect(doc.summary).toMatchObject({ policies: 4, policiesPassed: 2, policiesFailed: 2 })
  })

  it('aggregates pass/fail counts per control of every framework', () => {
    const control = (framework: string, id: string) =>
      doc.controls.find((c) => c.framework === framework && c.control === id)
    // CC6.1 is mapped by pss-privileged (2 violations) and pss-capabilities (none)
    expect(privileged.compliance.soc2).toContain('CC6.1')
    expect(capabilities.compliance.soc2).toContain('CC6.1')
    expect(control('soc2', 'CC6.1')).toMatchObject({
      status: 'fail',
      policies: ['HardeningPSSCapabilities', 'HardeningPSSPrivileged'],
      passed: 1,
      failed: 1,
      violations: 2,
      waived: 0
    })
    // A1.1 only by required-resources, whose one violation is waived
    expect(control('soc2', 'A1.1')).toMatchObject({
      status: 'pass',
      passed: 1,
      failed: 0,
      waived: 1
    })
    expect(control('cis-kubernetes', '5.5.1')).toMatchObject({
      status: 'fail',
      policies: ['HardeningDisallowedTags'],
      passed: 0,
      failed: 1
    })
    for (const id of resources.compliance['iso27001-2022'].filter(
      (c) =>
        !privileged.compliance['iso27001-2022'].includes(c) &&
        !tags.compliance['iso27001-2022'].includes(c)
    ))
      expect(control('iso27001-2022', id)).toMatchObject({ status: 'pass', passed: 1, failed: 0 })
    // controls come in framework order, then natural order of ids
    const frameworks = doc.controls.map((c) => c.framework)
    expect(frameworks.indexOf('soc2')).toBeGreaterThan(frameworks.lastIndexOf('cis-kubernetes'))
    const cis = doc.controls.filter((c) => c.framework === 'cis-kubernetes').map((c) => c.control)
    expect(cis).toEqual([...cis].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })))
    expect(evidence.markdown).toContain('### CIS Kubernetes Benchmark v1.12')
    expect(evidence.markdown).toContain(
      '| 5.5.1 | ❌ fail | 0 | 1 | 1 | 0 | HardeningDisallowedTags |'
    )
  })

  it('lists waivers with reason, owner, expiry, status and what they cover', () => {
    expect(doc.waivers).toEqual([
      {
        rule: 'CVE-2020-1',
        reason: 'old',
        owner: 'team-b',
        expires: '2025-01-01',
        line: 9,
        status: 'expired',
        findings: 0
      },
      {
        rule: 'HardeningRequiredResources',
        path: 'deploy/*',
        reason: 'Batch job, sized by the scheduler.',
        owner: 'team-a',
        expires: '2099-12-31',
        line: 2,
        status: 'active',
        findings: 1
      }
    ])
    expect(evidence.markdown).toContain(
      '| HardeningRequiredResources | path deploy/\\* | team-a | 2099-12-31 | active | 1 | Batch job, sized by the scheduler. |'
    )
  })

  it('summarises every scan, failed ones included, without finding details', () => {
    expect(doc.scans).toHaveLength(6)
    expect(doc.scans.find((s) => s.target === 'ghcr.io/octo-org/broken:1')).toMatchObject({
      status: 'failed',
      error: 'image not found'
    })
    expect(doc.scans.find((s) => s.scanner === 'repository')!.open).toEqual({
      CRITICAL: 1,
      HIGH: 1,
      MEDIUM: 0,
      LOW: 0,
      UNKNOWN: 0
    })
    // secret findings appear only as counts
    expect(evidence.json).not.toContain('credentials.env')
    expect(evidence.markdown).not.toContain('credentials.env')
  })

  it('is deterministic: input order does not matter, only the timestamp differs', () => {
    const shuffled = input(outcomes().reverse(), [capabilities, resources, tags, privileged])
    shuffled.findings = [...shuffled.findings].reverse()
    shuffled.waivers = [...shuffled.waivers].reverse()
    shuffled.tools = [...shuffled.tools].reverse()
    const again = toEvidence(shuffled)
    const strip = (text: string) => text.replace(/"generatedAt": "[^"]+"/, '')
    // scans keep the pipeline's order by design; compare everything else
    const a = { ...doc, scans: [] }
    const b = { ...again.document, scans: [] }
    expect(b).toEqual(a)
    const later = toEvidence({
      ...input(outcomes(), [privileged, tags, resources, capabilities]),
      generatedAt: new Date('2027-01-01T00:00:00Z')
    })
    expect(strip(later.json)).toBe(strip(evidence.json))
    expect(later.json).not.toBe(evidence.json)
    expect(later.markdown.replace(/\| Generated \| [^|]+\|/, '')).toBe(
      evidence.markdown.replace(/\| Generated \| [^|]+\|/, '')
    )
  })
})

describe('bundleDigest', () => {
  it('is independent of file order and sensitive to paths and contents', () => {
    const files = [
      { path: 'policies/a/template.yaml', content: 'a' },
      { path: 'policies/b/template.yaml', content: Buffer.from('b') }
    ]
    const digest = bundleDigest(files)
    expect(bundleDigest([...files].reverse())).toBe(digest)
    expect(bundleDigest([{ ...files[0]!, content: 'a ' }, files[1]!])).not.toBe(digest)
    expect(bundleDigest([{ ...files[0]!, path: 'policies/c/template.yaml' }, files[1]!])).not.toBe(
      digest
    )
    // no ambiguity between path and content boundaries
    expect(bundleDigest([{ path: 'ab', content: 'c' }])).not.toBe(
      bundleDigest([{ path: 'a', content: 'bc' }])
    )
  })
})

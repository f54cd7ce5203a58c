import { readdirSync, readFileSync, existsSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import catalogue from '../../policies/frameworks.json' with { type: 'json' }
import { decide } from '../../src/gate.js'
import { controlCoverage, coverageMarkdown } from '../../src/report/coverage.js'
import { toEvidence } from '../../src/report/evidence.js'
import { escapeMarkdown } from '../../src/report/markdown.js'
import { evaluatedPolicy, type EvaluatedPolicy } from '../../src/scanners/gatekeeper/annotations.js'

/** Every bundled policy, read from its template as the scanner reads it, with one constraint. */
function bundled(enforcementAction: string): EvaluatedPolicy[] {
  return readdirSync('policies')
    .filter((dir) => existsSync(path.join('policies', dir, 'template.yaml')))
    .map((dir) => {
      const doc = parse(readFileSync(path.join('policies', dir, 'template.yaml'), 'utf8')) as {
        metadata: { name: string; annotations: Record<string, string> }
        spec: { crd: { spec: { names: { kind: string } } } }
      }
      return evaluatedPolicy(
        {
          kind: doc.spec.crd.spec.names.kind,
          name: doc.metadata.name,
          annotations: doc.metadata.annotations
        },
        [{ name: dir, enforcementAction }],
        'bundled'
      )
    })
}

const custom = (compliance: Record<string, string[]>, actions: string[]): EvaluatedPolicy =>
  evaluatedPolicy(
    {
      kind: 'CustomPolicy',
      name: 'custompolicy',
      annotations: {
        'hardening-action.io/compliance': JSON.stringify({
          'cis-kubernetes': [],
          soc2: [],
          'iso27001-2022': [],
          hipaa: [],
          ...compliance
        })
      }
    },
    actions.map((enforcementAction, i) => ({ name: `c${i}`, enforcementAction })),
    'custom'
  )

const find = (coverage: ReturnType<typeof controlCoverage>, framework: string, control: string) =>
  coverage.find((c) => c.framework === framework && c.control === control)

describe('controlCoverage', () => {
  const catalogueSize =
    Object.values(catalogue.compliance).reduce((n, f) => n + f.controls.length, 0) +
    catalogue.pss.controls.length

  it('lists every catalogue control once, uncovered ones with enforcement none', () => {
    const coverage = controlCoverage([])
    expect(coverage).toHaveLength(catalogueSize)
    expect(new Set(coverage.map((c) => `${c.framework} ${c.control}`)).size).toBe(catalogueSize)
    expect(coverage.every((c) => c.enforcement === 'none' && c.policies.length === 0)).toBe(true)
    expect(find(coverage, 'cis-kubernetes', '5.2.2')).toMatchObject({
      title: 'Minimize the admission of privileged containers',
      inCatalogue: true
    })
  })

  it('covers exactly the controls the annotations name, PSS checks included', () => {
    const policies = bundled('deny')
    const coverage = controlCoverage(policies)
    const privileged = find(coverage, 'cis-kubernetes', '5.2.2')!
    expect(privileged.enforcement).toBe('deny')
    expect(privileged.policies).toEqual([{ kind: 'HardeningPSSPrivileged', enforcement: 'deny' }])
    expect(find(coverage, 'pss', 'privileged')!.policies.map((p) => p.kind)).toEqual([
      'HardeningPSSPrivileged'
    ])
    // Nothing in the library maps RBAC controls or HIPAA audit controls: they stay uncovered.
    expect(find(coverage, 'cis-kubernetes', '5.1.1')!.enforcement).toBe('none')
    expect(find(coverage, 'hipaa', '164.312(b)')!.enforcement).toBe('none')
    // Every covered control is named by one of its policies' annotations, and vice versa.
    for (const c of coverage) {
      const naming = policies.filter((p) =>
        (c.framework === 'pss' ? (p.pss ?? []) : p.compliance[c.framework]).includes(c.control)
      )
      expect(c.policies.map((p) => p.kind).sort(), `${c.framework} ${c.control}`).toEqual(
        naming.map((p) => p.kind).sort()
      )
    }
    // The bundled policies name no control the catalogue lacks.
    expect(coverage.filter((c) => !c.inCatalogue)).toEqual([])
  })

  it('reports the strongest enforcement action of the constraints', () => {
    const warn = controlCoverage(bundled('warn'))
    expect(find(warn, 'pss', 'privileged')!.enforcement).toBe('warn')
    const mixed = controlCoverage([
      ...bundled('dryrun'),
      custom({ 'cis-kubernetes': ['5.2.2'] }, ['dryrun', 'deny', 'scoped'])
    ])
    expect(find(mixed, 'cis-kubernetes', '5.2.2')).toMatchObject({
      enforcement: 'deny',
      policies: [
        { kind: 'CustomPolicy', enforcement: 'deny' },
        { kind: 'HardeningPSSPrivileged', enforcement: 'dryrun' }
      ]
    })
    // A template evaluated without any constraint enforces nothing.
    expect(find(controlCoverage([custom({ soc2: ['CC6.2'] }, [])]), 'soc2', 'CC6.2')).toMatchObject(
      { enforcement: 'none', policies: [{ kind: 'CustomPolicy', enforcement: 'none' }] }
    )
  })

  it('keeps a control only a custom policy names, marked as outside the catalogue', () => {
    const coverage = controlCoverage([custom({ soc2: ['CC9.9', 'CC6.1'] }, ['deny'])])
    expect(coverage).toHaveLength(catalogueSize + 1)
    expect(find(coverage, 'soc2', 'CC9.9')).toEqual({
      framework: 'soc2',
      control: 'CC9.9',
      title: '',
      inCatalogue: false,
      enforcement: 'deny',
      policies: [{ kind: 'CustomPolicy', enforcement: 'deny' }]
    })
  })
})

describe('the pss annotation', () => {
  it('gives the PSS checks of a policy, and a problem when it is malformed', () => {
    const read = (pss: string) =>
      evaluatedPolicy(
        { kind: 'K', name: 'k', annotations: { 'hardening-action.io/pss': pss } },
        [],
        'custom'
      )
    expect(read('{"levels": ["restricted"], "checks": ["runAsUser"]}').pss).toEqual(['runAsUser'])
    for (const bad of ['nope', 'null', '{"checks": "runAsUser"}']) {
      const policy = read(bad)
      expect(policy.pss, bad).toBeUndefined()
      expect(policy.problems, bad).toContain(
        'hardening-action.io/pss is not {"checks": [...]} JSON'
      )
    }
  })
})

describe('coverage in the evidence', () => {
  it('is in evidence.json and evidence.md, with text from policies escaped', () => {
    const hostile = custom({ soc2: ['CC<img src=x>|1'] }, ['deny'])
    const { document, markdown } = toEvidence({
      generatedAt: '2026-03-01T12:00:00.000Z',
      repository: 'octo-org/demo-app',
      commit: 'a'.repeat(40),
      actionVersion: '0.1.0',
      tools: [],
      policyBundle: { name: 'all' },
      policies: [...bundled('deny'), hostile],
      outcomes: [],
      findings: [],
      decision: decide([], {
        failOnSeverity: 'HIGH',
        onlyNew: false,
        configurationErrors: []
      }),
      waivers: []
    })
    expect(document.coverage).toEqual(controlCoverage([...bundled('deny'), hostile]))
    expect(markdown).toContain('## Coverage')
    expect(markdown).toMatch(
      /^\| 5\.2\.2 \| Minimize the admission of privileged containers \| deny \|/m
    )
    expect(markdown).not.toContain('<img')
    expect(markdown).not.toContain('CC<img src=x>|1')
  })

  it('renders counts per framework and the uncovered ids', () => {
    const lines = coverageMarkdown(controlCoverage([]))
    const cisRow = lines.find((l) => l.startsWith('| CIS Kubernetes Benchmark v1.12 |'))
    const cis = catalogue.compliance['cis-kubernetes'].controls.length
    expect(cisRow).toBe(`| CIS Kubernetes Benchmark v1.12 | ${cis} | 0 | 0 | 0 | ${cis} |`)
    const pss = catalogue.pss.controls.map((c) => c.id)
    expect(lines).toContain(
      `Not covered by this run (${pss.length}): ${escapeMarkdown(pss.join(', '))}.`
    )
  })
})

// Repository directories as the fleet workflow's artifacts hold them, written by the action's own
// report functions (toFindingsDocument, toEvidence), so the merge reads exactly what a run writes.
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { finalize, type Finding, type FindingDraft } from '../../src/findings/model.js'
import { evaluatedPolicy, type EvaluatedPolicy } from '../../src/scanners/gatekeeper/annotations.js'
import { toEvidence } from '../../src/report/evidence.js'
import { toFindingsDocument } from '../../src/report/findings-file.js'
import type { ScanOutcome } from '../../src/scanners/scanner.js'

export function finding(
  draft: Partial<FindingDraft> & Pick<FindingDraft, 'ruleId' | 'resource'>
): Finding {
  return finalize({
    scanner: 'policies',
    target: 'manifests',
    title: `${draft.ruleId} title`,
    severity: 'HIGH',
    message: `${draft.ruleId} on ${draft.resource}.`,
    location: { path: 'deploy/app.yaml', startLine: 3 },
    ...draft
  })
}

function policy(kind: string, compliance: Record<string, string[]>): EvaluatedPolicy {
  return evaluatedPolicy(
    {
      kind,
      name: kind.toLowerCase(),
      annotations: {
        'hardening-action.io/title': `${kind} title`,
        'hardening-action.io/severity': 'high',
        'hardening-action.io/compliance': JSON.stringify({
          'cis-kubernetes': [],
          soc2: [],
          'iso27001-2022': [],
          hipaa: [],
          ...compliance
        })
      }
    },
    [{ name: kind.toLowerCase(), enforcementAction: 'deny' }],
    'bundled'
  )
}

/** Two policies that map to overlapping controls, as the bundled templates do. */
export const POLICIES = [
  policy('HardeningPssPrivileged', {
    'cis-kubernetes': ['5.2.2'],
    soc2: ['CC6.1'],
    'iso27001-2022': ['A.8.9']
  }),
  policy('HardeningDisallowedTags', { 'cis-kubernetes': ['5.5.1'], soc2: ['CC8.1'] })
]

export interface RepositoryRun {
  /** Written to repository.json when given (the fleet workflow does); else the directory name is used. */
  repository?: string
  findings: Finding[]
  failed: boolean
  reasons?: string[]
  /** Skip evidence/evidence.json (an older action, or a run that died before writing it). */
  noEvidence?: boolean
}

export function writeRepository(parent: string, directory: string, run: RepositoryRun): string {
  const dir = path.join(parent, directory)
  mkdirSync(path.join(dir, 'evidence'), { recursive: true })
  if (run.repository)
    writeFileSync(path.join(dir, 'repository.json'), JSON.stringify({ repository: run.repository }))
  const outcomes: ScanOutcome[] = [
    {
      scanner: 'policies',
      target: 'manifests',
      findings: run.findings,
      notices: [],
      tool: { name: 'conftest', version: '0.71.1' }
    }
  ]
  const decision = { failed: run.failed, reasons: run.reasons ?? [], blocking: [] }
  writeFileSync(
    path.join(dir, 'findings.json'),
    JSON.stringify(toFindingsDocument(outcomes, run.findings, decision), null, 2)
  )
  if (!run.noEvidence) {
    const evidence = toEvidence({
      generatedAt: '2026-12-01T00:00:00.000Z',
      repository: 'octo-org/fleet-runner',
      commit: 'c'.repeat(40),
      actionVersion: '1.0.0',
      tools: [],
      policyBundle: { name: 'all' },
      policies: POLICIES,
      outcomes,
      findings: run.findings,
      decision,
      waivers: []
    })
    writeFileSync(path.join(dir, 'evidence', 'evidence.json'), evidence.json)
  }
  return dir
}

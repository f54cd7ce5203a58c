// The evidence document (evidence.json): a pure function of the run; evidence-markdown.ts and
// evidence-html.ts render it.
import type { Waiver } from '../findings/waivers.js'
import type { Finding } from '../findings/model.js'
import { byText, naturalOrder } from '../findings/order.js'
import { SEVERITIES } from '../findings/severity.js'
import type { GateDecision } from '../gate.js'
import {
  FRAMEWORK_KEYS,
  FRAMEWORKS,
  type EvaluatedPolicy,
  type Framework
} from '../scanners/gatekeeper/annotations.js'
import type { ScanOutcome } from '../scanners/scanner.js'
import { countFindings } from './counts.js'
import { controlCoverage, type ControlCoverage } from './coverage.js'

/** A waiver as the evidence report lists it: the waiver file's entry (its line is optional). */
export type EvidenceWaiver = Omit<Waiver, 'line'> & { line?: number }

export interface EvidenceInput {
  /** The only input that may differ between two identical runs. */
  generatedAt: Date | string
  /** owner/name */
  repository: string
  commit: string
  ref?: string
  runUrl?: string
  actionVersion: string
  tools: Array<{ name: string; version: string; source?: string; archiveSha256?: string }>
  policyBundle: { name: string; digest?: string }
  policies: EvaluatedPolicy[]
  outcomes: ScanOutcome[]
  findings: Finding[]
  decision: GateDecision
  waivers: EvidenceWaiver[]
  /** Waiver file, as given (repo-relative). */
  waiversFile?: string
}

export type Status = 'pass' | 'fail'

export interface PolicyEvidence extends EvaluatedPolicy {
  status: Status
  violations: number
  waived: number
  /** Each unwaived and waived violation: where and on what (never a secret; policies only). */
  results: Array<{
    resource: string
    location?: string
    message: string
    enforcementAction?: string
    constraint?: string
    waived: boolean
  }>
}

export interface ControlEvidence {
  framework: Framework
  control: string
  status: Status
  policies: string[]
  passed: number
  failed: number
  violations: number
  waived: number
}

export interface EvidenceDocument {
  schemaVersion: 1
  generatedAt: string
  repository: string
  commit: string
  ref?: string
  runUrl?: string
  actionVersion: string
  verdict: { failed: boolean; reasons: string[] }
  tools: EvidenceInput['tools']
  policyBundle: { name: string; digest?: string }
  frameworks: typeof FRAMEWORKS
  summary: {
    policies: number
    policiesPassed: number
    policiesFailed: number
    controls: number
    controlsPassed: number
    controlsFailed: number
  }
  controls: ControlEvidence[]
  /** Every catalogue control and how this run enforced it (src/report/coverage.ts). */
  coverage: ControlCoverage[]
  policies: PolicyEvidence[]
  waivers: Array<EvidenceWaiver & { status: 'active' | 'expired'; findings: number }>
  scans: Array<{
    scanner: string
    target: string
    tool: { name: string; version: string }
    status: 'completed' | 'failed'
    error?: string
    notices: number
    open: Record<string, number>
    waived: number
  }>
}

function iso(value: Date | string): string {
  return typeof value === 'string' ? value : value.toISOString()
}

/** The evidence document: a pure function of the run's data (`generatedAt` aside). */
export function toEvidenceDocument(input: EvidenceInput): EvidenceDocument {
  const policyFindings = input.findings.filter((f) => f.scanner === 'policies')
  const policies: PolicyEvidence[] = [...input.policies]
    .sort((a, b) => byText(a.kind, b.kind))
    .map((policy) => {
      const mine = policyFindings
        .filter((f) => f.ruleId === policy.kind)
        .sort(
          (a, b) =>
            byText(a.location?.path ?? '', b.location?.path ?? '') ||
            (a.location?.startLine ?? 0) - (b.location?.startLine ?? 0) ||
            byText(a.resource, b.resource) ||
            byText(a.message, b.message)
        )
      const violations = mine.filter((f) => !f.suppression).length
      return {
        ...policy,
        status: violations > 0 ? 'fail' : 'pass',
        violations,
        waived: mine.length - violations,
        results: mine.map((f) => ({
          resource: f.resource,
          ...(f.location ? { location: `${f.location.path}:${f.location.startLine}` } : {}),
          message: f.message,
          ...(f.enforcementAction ? { enforcementAction: f.enforcementAction } : {}),
          ...(f.constraint ? { constraint: f.constraint } : {}),
          waived: Boolean(f.suppression)
        }))
      }
    })

  const controls: ControlEvidence[] = []
  for (const framework of FRAMEWORK_KEYS) {
    const ids = [...new Set(policies.flatMap((p) => p.compliance[framework]))].sort(naturalOrder)
    for (const control of ids) {
      const mapped = policies.filter((p) => p.compliance[framework].includes(control))
      const failed = mapped.filter((p) => p.status === 'fail').length
      controls.push({
        framework,
        control,
        status: failed > 0 ? 'fail' : 'pass',
        policies: mapped.map((p) => p.kind),
        passed: mapped.length - failed,
        failed,
        violations: mapped.reduce((n, p) => n + p.violations, 0),
        waived: mapped.reduce((n, p) => n + p.waived, 0)
      })
    }
  }

  const today = iso(input.generatedAt).slice(0, 10)
  // Suppressed findings counted once by what identifies their waiver, not once per waiver.
  const suppressionKey = (s: { reason: string; owner: string; expires: string }) =>
    JSON.stringify([s.reason, s.owner, s.expires])
  const suppressed = new Map<string, number>()
  for (const f of input.findings) {
    if (!f.suppression) continue
    const key = suppressionKey(f.suppression)
    suppressed.set(key, (suppressed.get(key) ?? 0) + 1)
  }
  const waivers = [...input.waivers]
    .sort(
      (a, b) => byText(a.rule, b.rule) || byText(a.owner, b.owner) || (a.line ?? 0) - (b.line ?? 0)
    )
    .map((w) => ({
      ...w,
      status: (w.expires < today ? 'expired' : 'active') as 'active' | 'expired',
      findings: suppressed.get(suppressionKey(w)) ?? 0
    }))

  const scans = input.outcomes.map((o) => {
    const c = countFindings(o.findings)
    return {
      scanner: o.scanner,
      target: o.target,
      tool: o.tool,
      status: (o.error ? 'failed' : 'completed') as 'completed' | 'failed',
      ...(o.error ? { error: o.error } : {}),
      notices: o.notices.length,
      open: Object.fromEntries([...SEVERITIES].reverse().map((s) => [s, c.bySeverity[s]])),
      waived: c.suppressed
    }
  })

  return {
    schemaVersion: 1,
    generatedAt: iso(input.generatedAt),
    repository: input.repository,
    commit: input.commit,
    ...(input.ref ? { ref: input.ref } : {}),
    ...(input.runUrl ? { runUrl: input.runUrl } : {}),
    actionVersion: input.actionVersion,
    verdict: { failed: input.decision.failed, reasons: input.decision.reasons },
    tools: [...input.tools].sort((a, b) => byText(a.name, b.name)),
    policyBundle: input.policyBundle,
    frameworks: FRAMEWORKS,
    summary: {
      policies: policies.length,
      policiesPassed: policies.filter((p) => p.status === 'pass').length,
      policiesFailed: policies.filter((p) => p.status === 'fail').length,
      controls: controls.length,
      controlsPassed: controls.filter((c) => c.status === 'pass').length,
      controlsFailed: controls.filter((c) => c.status === 'fail').length
    },
    controls,
    coverage: controlCoverage(input.policies),
    policies,
    waivers,
    scans
  }
}

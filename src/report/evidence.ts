import { createHash } from 'node:crypto'
import type { Waiver } from '../findings/waivers.js'
import type { Finding } from '../findings/model.js'
import { byText } from '../findings/order.js'
import { SEVERITIES } from '../findings/severity.js'
import type { GateDecision } from '../gate.js'
import { TEMPLATE_ANNOTATIONS } from '../scanners/gatekeeper/annotations.js'
import type { ScanOutcome } from '../scanners/scanner.js'
import { countFindings } from './counts.js'
import { escapeMarkdown } from './markdown.js'

/** Compliance frameworks of the `hardening-action.io/compliance` annotation, in report order. */
export const FRAMEWORKS = {
  'cis-kubernetes': 'CIS Kubernetes Benchmark v1.12',
  soc2: 'SOC 2 Trust Services Criteria (2017, rev. 2022)',
  'iso27001-2022': 'ISO/IEC 27001:2022 Annex A',
  hipaa: 'HIPAA Security Rule, 45 CFR 164.312'
} as const
export type Framework = keyof typeof FRAMEWORKS
const FRAMEWORK_KEYS = Object.keys(FRAMEWORKS) as Framework[]

export const ANNOTATIONS = TEMPLATE_ANNOTATIONS

/** One ConstraintTemplate that was evaluated, with the constraints that used it. */
export interface EvaluatedPolicy {
  /** Constraint kind; policy findings carry it as `ruleId`. */
  kind: string
  /** Template name (`metadata.name`). */
  name: string
  title: string
  severity: string
  version?: string
  /** `bundled` (from the action's policy bundle) or `custom` (the `policies` input). */
  source: 'bundled' | 'custom'
  compliance: Record<Framework, string[]>
  constraints: Array<{ name: string; enforcementAction: string }>
  /** Problems reading the annotations (e.g. malformed compliance JSON). */
  problems?: string[]
}

/** Reads an EvaluatedPolicy from a template's annotations (schema: policies/README.md). */
export function evaluatedPolicy(
  template: { kind: string; name: string; annotations: Record<string, string> },
  constraints: Array<{ name: string; enforcementAction: string }>,
  source: 'bundled' | 'custom'
): EvaluatedPolicy {
  const a = template.annotations
  const problems: string[] = []
  const compliance = Object.fromEntries(FRAMEWORK_KEYS.map((k) => [k, [] as string[]])) as Record<
    Framework,
    string[]
  >
  const raw = a[ANNOTATIONS.compliance]
  if (raw === undefined) problems.push(`no ${ANNOTATIONS.compliance} annotation`)
  else {
    try {
      const parsed = JSON.parse(raw) as Record<string, unknown>
      for (const key of FRAMEWORK_KEYS) {
        const list = parsed[key]
        if (Array.isArray(list)) compliance[key] = list.map(String)
        else problems.push(`${ANNOTATIONS.compliance} lacks a '${key}' list`)
      }
    } catch {
      problems.push(`${ANNOTATIONS.compliance} is not valid JSON`)
    }
  }
  return {
    kind: template.kind,
    name: template.name,
    title: a[ANNOTATIONS.title] ?? a[ANNOTATIONS.gatekeeperTitle] ?? template.kind,
    severity: (a[ANNOTATIONS.severity] ?? 'MEDIUM').toUpperCase(),
    ...(a[ANNOTATIONS.version] ? { version: a[ANNOTATIONS.version] } : {}),
    source,
    compliance,
    constraints: [...constraints].sort((x, y) => x.name.localeCompare(y.name)),
    ...(problems.length ? { problems } : {})
  }
}

/**
 * The digest of a policy bundle: SHA-256 over its files sorted by path, each as
 * `<path>\0<byte length>\0<bytes>`. Paths are POSIX and relative to the action root, so the
 * digest is the same on every machine.
 */
export function bundleDigest(files: Array<{ path: string; content: string | Buffer }>): string {
  const hash = createHash('sha256')
  for (const file of [...files].sort((a, b) => byText(a.path, b.path))) {
    const bytes = typeof file.content === 'string' ? Buffer.from(file.content) : file.content
    hash.update(`${file.path}\0${bytes.length}\0`)
    hash.update(bytes)
  }
  return `sha256:${hash.digest('hex')}`
}

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

const natural = (a: string, b: string): number =>
  a.localeCompare(b, 'en', { numeric: true }) || byText(a, b)

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
    const ids = [...new Set(policies.flatMap((p) => p.compliance[framework]))].sort(natural)
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
    policies,
    waivers,
    scans
  }
}

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

/** The two evidence files: `evidence.json` and `evidence.md`. */
export function toEvidence(input: EvidenceInput): {
  document: EvidenceDocument
  json: string
  markdown: string
} {
  const document = toEvidenceDocument(input)
  return {
    document,
    json: `${JSON.stringify(document, null, 2)}\n`,
    markdown: evidenceMarkdown(document)
  }
}

import type { Finding } from './model.js'

/**
 * Trivy Kubernetes checks that report exactly what one of our bundled policies reports, so one
 * problem becomes one finding (docs/findings.md#one-problem-one-finding). Only pairs whose
 * meaning was read on both sides (our policies/<name>/src.rego, Trivy's check Rego at the pinned
 * trivy-checks version) belong here; `title` is Trivy's check title at that version and
 * test/unit/equivalents.test.ts fails when it changes. `ours` narrows a policy with several kinds
 * of finding to the one that matches (a substring of our message).
 */
export interface Equivalent {
  trivy: string
  title: string
  rule: string
  ours?: string
}

export const TRIVY_EQUIVALENTS: readonly Equivalent[] = [
  {
    trivy: 'KSV-0001',
    title: 'Can elevate its own privileges',
    rule: 'HardeningPSSPrivilegeEscalation'
  },
  {
    trivy: 'KSV-0003',
    title: 'Default capabilities: some containers do not drop all',
    rule: 'HardeningPSSCapabilities',
    ours: 'does not drop all'
  },
  {
    trivy: 'KSV-0004',
    title: 'Default capabilities: some containers do not drop any',
    rule: 'HardeningPSSCapabilities',
    ours: 'does not drop all'
  },
  {
    trivy: 'KSV-0106',
    title: 'Container capabilities must only include NET_BIND_SERVICE',
    rule: 'HardeningPSSCapabilities'
  },
  {
    trivy: 'KSV-0008',
    title: 'Access to host IPC namespace',
    rule: 'HardeningPSSHostNamespaces',
    ours: 'hostIPC'
  },
  {
    trivy: 'KSV-0009',
    title: 'Access to host network',
    rule: 'HardeningPSSHostNamespaces',
    ours: 'hostNetwork'
  },
  {
    trivy: 'KSV-0010',
    title: 'Access to host PID',
    rule: 'HardeningPSSHostNamespaces',
    ours: 'hostPID'
  },
  {
    trivy: 'KSV-0011',
    title: 'CPU not limited',
    rule: 'HardeningRequiredResources',
    ours: 'resources.limits.cpu'
  },
  {
    trivy: 'KSV-0015',
    title: 'CPU requests not specified',
    rule: 'HardeningRequiredResources',
    ours: 'resources.requests.cpu'
  },
  {
    trivy: 'KSV-0016',
    title: 'Memory requests not specified',
    rule: 'HardeningRequiredResources',
    ours: 'resources.requests.memory'
  },
  {
    trivy: 'KSV-0018',
    title: 'Memory not limited',
    rule: 'HardeningRequiredResources',
    ours: 'resources.limits.memory'
  },
  { trivy: 'KSV-0012', title: 'Runs as root user', rule: 'HardeningPSSRunAsNonRoot' },
  { trivy: 'KSV-0013', title: 'Image tag ":latest" used', rule: 'HardeningDisallowedTags' },
  { trivy: 'KSV-0017', title: 'Privileged', rule: 'HardeningPSSPrivileged' },
  {
    trivy: 'KSV-0023',
    title: 'hostPath volumes mounted',
    rule: 'HardeningPSSVolumes',
    ours: 'hostPath'
  },
  { trivy: 'KSV-0024', title: 'Access to host ports', rule: 'HardeningPSSHostPorts' },
  {
    trivy: 'KSV-0030',
    title: 'Runtime/Default Seccomp profile not set',
    rule: 'HardeningPSSSeccomp'
  },
  { trivy: 'KSV-0104', title: 'Seccomp policies disabled', rule: 'HardeningPSSSeccomp' }
]

/** What a finding is about: the object (`kind`, `name`, maybe `namespace`) and maybe a container. */
interface Subject {
  kind: string
  name: string
  namespace?: string
  container?: string
}

// Trivy's Kubernetes check messages name their subject in these shapes (checks/kubernetes/*.rego).
const TRIVY_SUBJECTS: Array<[RegExp, (m: RegExpMatchArray) => Subject]> = [
  [
    /^Container '([^']+)' of '([\w-]+)' '([^']+)' in '([^']+)' namespace/i,
    (m) => ({ container: m[1]!, kind: m[2]!, name: m[3]!, namespace: m[4]! })
  ],
  [
    /^container "([^"]+)" of ([\w-]+) "([^"]+)" in "([^"]+)" namespace/i,
    (m) => ({ container: m[1]!, kind: m[2]!, name: m[3]!, namespace: m[4]! })
  ],
  [
    /^Container '([^']+)' of ([\w-]+) '([^']+)'/i,
    (m) => ({ container: m[1]!, kind: m[2]!, name: m[3]! })
  ],
  [/^([\w-]+) '([^']+)' should/, (m) => ({ kind: m[1]!, name: m[2]! })]
]

function trivySubject(message: string): Subject | undefined {
  for (const [pattern, subject] of TRIVY_SUBJECTS) {
    const match = pattern.exec(message)
    if (match) return subject(match)
  }
  return undefined
}

/** Ours: `resource` is `Kind/namespace/name` or `Kind/name`; the message says `container "c"`. */
function ourSubject(finding: Finding): Subject | undefined {
  const parts = finding.resource.split('/')
  if (parts.length < 2) return undefined
  const container = /: container "([^"]+)"/.exec(finding.message)?.[1]
  return {
    kind: parts[0]!,
    name: parts[parts.length - 1]!,
    ...(parts.length > 2 ? { namespace: parts[1]! } : {}),
    ...(container ? { container } : {})
  }
}

function sameSubject(trivy: Subject, ours: Subject): boolean {
  return (
    trivy.kind.toLowerCase() === ours.kind.toLowerCase() &&
    trivy.name === ours.name &&
    (trivy.namespace === undefined ||
      ours.namespace === undefined ||
      trivy.namespace === ours.namespace) &&
    (trivy.container === undefined ||
      ours.container === undefined ||
      trivy.container === ours.container)
  )
}

const key = (path: string, line: number): string => `${path}\u0000${line}`

/**
 * Folds each Trivy `trivy-config` finding that reports the same problem as one of our policy
 * findings into ours (`alsoReportedBy`), so reports and the gate count it once. Same problem
 * means: the check maps to the policy (TRIVY_EQUIVALENTS), the same file, the same object (kind,
 * name, namespace where both say one) and the same container where both name one. Some Trivy
 * messages name no object ("container should drop all"); those take the subject another Trivy
 * finding names at the same file and line (Trivy reports at the container's or object's first
 * line), and stay unfolded when there is none or it is ambiguous. A line alone never matches.
 *
 * Only our findings that gate (enforcement deny, or none) absorb Trivy's: a policy in dryrun or
 * warn does not fail the gate, and silencing Trivy's finding through it would weaken the gate
 * the user configured. A waiver on our finding does cover the folded one (it is one problem, and
 * the waiver shows owner, reason and expiry); folding runs before waivers and the baseline.
 */
export function foldEquivalents(findings: Finding[]): Finding[] {
  return fold(findings, folding(findings))
}

/** `foldEquivalents` across scan outcomes: each keeps its own findings, minus the folded ones. */
export function foldOutcomes<T extends { findings: Finding[] }>(outcomes: T[]): T[] {
  const resolve = folding(outcomes.flatMap((outcome) => outcome.findings))
  return outcomes.map((outcome) => ({ ...outcome, findings: fold(outcome.findings, resolve) }))
}

type Resolve = (finding: Finding) => Finding | undefined

/** The findings as `resolve` leaves them; without one, a copy of the list as it is. */
function fold(findings: Finding[], resolve: Resolve | undefined): Finding[] {
  if (!resolve) return findings.slice()
  const kept: Finding[] = []
  for (const finding of findings) {
    const resolved = resolve(finding)
    if (resolved) kept.push(resolved)
  }
  return kept
}

/**
 * For each finding: itself, itself with `alsoReportedBy`, or undefined (folded into another).
 * Undefined when no finding can be folded (no Trivy misconfiguration finding has an equivalent),
 * the usual case: the findings are then copied as they are, not passed through one by one.
 */
function folding(findings: Finding[]): Resolve | undefined {
  const byTrivy = new Map<string, Equivalent>()
  for (const e of TRIVY_EQUIVALENTS) byTrivy.set(e.trivy, e)
  const candidates = findings.filter(
    (f) => f.scanner === 'trivy-config' && byTrivy.has(f.ruleId) && f.location !== undefined
  )
  if (candidates.length === 0) return undefined

  // Subjects Trivy names at each file:line, for its messages that name none.
  const anchors = new Map<string, Subject[]>()
  for (const f of findings) {
    if (f.scanner !== 'trivy-config' || !f.location) continue
    const subject = trivySubject(f.message)
    if (!subject) continue
    const k = key(f.location.path, f.location.startLine)
    const known = anchors.get(k) ?? []
    if (!known.some((s) => sameSubject(s, subject) && sameSubject(subject, s))) known.push(subject)
    anchors.set(k, known)
  }

  const ours = findings.filter(
    (f) =>
      f.scanner === 'policies' &&
      f.location !== undefined &&
      (f.enforcementAction === undefined || f.enforcementAction === 'deny')
  )
  const absorbed = new Map<Finding, Finding[]>()
  const folded = new Set<Finding>()
  for (const trivy of candidates) {
    const equivalent = byTrivy.get(trivy.ruleId)!
    const location = trivy.location!
    let subject = trivySubject(trivy.message)
    if (!subject) {
      const named = anchors.get(key(location.path, location.startLine)) ?? []
      if (named.length !== 1) continue
      subject = named[0]
    }
    const target = ours.find((f) => {
      if (f.ruleId !== equivalent.rule || f.location!.path !== location.path) return false
      if (equivalent.ours !== undefined && !f.message.includes(equivalent.ours)) return false
      const theirs = ourSubject(f)
      return theirs !== undefined && sameSubject(subject!, theirs)
    })
    if (!target) continue
    const list = absorbed.get(target) ?? []
    if (!list.some((t) => t.ruleId === trivy.ruleId)) list.push(trivy)
    absorbed.set(target, list)
    folded.add(trivy)
  }

  return (f) => {
    if (folded.has(f)) return undefined
    const list = absorbed.get(f)
    if (list === undefined) return f
    return {
      ...f,
      alsoReportedBy: [
        ...(f.alsoReportedBy ?? []),
        ...list.map((t) => ({
          scanner: t.scanner,
          ruleId: t.ruleId,
          title: t.title,
          ...(t.location ? { location: t.location } : {})
        }))
      ]
    }
  }
}

/** How reports name a folded finding: `Trivy KSV-0001`. */
export function alsoReportedName(other: { scanner: string; ruleId: string }): string {
  return `${other.scanner.startsWith('trivy') ? 'Trivy' : other.scanner} ${other.ruleId}`
}

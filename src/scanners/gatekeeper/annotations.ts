// The annotation prefix and the frameworks come from the files the policy generators read too
// (scripts/policy-conventions.mjs), so the action and the templates never disagree.
import conventions from '../../../policies/conventions.json' with { type: 'json' }
import catalogue from '../../../policies/frameworks.json' with { type: 'json' }
import { byText } from '../../findings/order.js'

const PREFIX = conventions.annotationPrefix
const REGO_PACKAGE = new RegExp(conventions.regoPackagePattern, 'm')

/** The package a Rego module declares (`package a.b` gives `a.b`), or undefined. */
export function regoPackageOf(source: string): string | undefined {
  return REGO_PACKAGE.exec(source)?.[1]
}

/** The ConstraintTemplate annotations reports read (schema: policies/README.md). */
export const TEMPLATE_ANNOTATIONS = {
  title: `${PREFIX}/title`,
  severity: `${PREFIX}/severity`,
  remediation: `${PREFIX}/remediation`,
  references: `${PREFIX}/references`,
  compliance: `${PREFIX}/compliance`,
  pss: `${PREFIX}/pss`,
  version: 'metadata.gatekeeper.sh/version',
  gatekeeperTitle: 'metadata.gatekeeper.sh/title'
} as const

/** Compliance frameworks of the `hardening-action.io/compliance` annotation, in report order. */
export type Framework = keyof typeof catalogue.compliance
export const FRAMEWORK_KEYS = Object.keys(catalogue.compliance) as Framework[]
/** Each framework's full name. */
export const FRAMEWORKS = Object.fromEntries(
  FRAMEWORK_KEYS.map((key) => [key, catalogue.compliance[key].name])
) as Record<Framework, string>

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
  /** Pod Security Standards checks it implements (k8s.io/pod-security-admission check ids). */
  pss?: string[]
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
  const raw = a[TEMPLATE_ANNOTATIONS.compliance]
  if (raw === undefined) problems.push(`no ${TEMPLATE_ANNOTATIONS.compliance} annotation`)
  else {
    try {
      const parsed = JSON.parse(raw) as Record<string, unknown>
      for (const key of FRAMEWORK_KEYS) {
        const list = parsed[key]
        if (Array.isArray(list)) compliance[key] = list.map(String)
        else problems.push(`${TEMPLATE_ANNOTATIONS.compliance} lacks a '${key}' list`)
      }
    } catch {
      problems.push(`${TEMPLATE_ANNOTATIONS.compliance} is not valid JSON`)
    }
  }
  const pss = pssChecks(a[TEMPLATE_ANNOTATIONS.pss], problems)
  return {
    kind: template.kind,
    name: template.name,
    title:
      a[TEMPLATE_ANNOTATIONS.title] ?? a[TEMPLATE_ANNOTATIONS.gatekeeperTitle] ?? template.kind,
    severity: (a[TEMPLATE_ANNOTATIONS.severity] ?? 'MEDIUM').toUpperCase(),
    ...(a[TEMPLATE_ANNOTATIONS.version] ? { version: a[TEMPLATE_ANNOTATIONS.version] } : {}),
    source,
    compliance,
    ...(pss ? { pss } : {}),
    constraints: [...constraints].sort((x, y) => byText(x.name, y.name)),
    ...(problems.length ? { problems } : {})
  }
}

/** The `checks` of a `hardening-action.io/pss` annotation (`{"levels": [...], "checks": [...]}`). */
function pssChecks(raw: string | undefined, problems: string[]): string[] | undefined {
  if (raw === undefined) return undefined
  try {
    const checks = (JSON.parse(raw) as { checks?: unknown }).checks
    if (Array.isArray(checks)) return checks.map(String)
  } catch {
    // reported below
  }
  problems.push(`${TEMPLATE_ANNOTATIONS.pss} is not {"checks": [...]} JSON`)
  return undefined
}

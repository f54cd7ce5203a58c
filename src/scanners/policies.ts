import path from 'node:path'
import { readFile } from 'node:fs/promises'
import { finalize, type Finding } from '../findings/model.js'
import { byText } from '../findings/order.js'
import { parseSeverity } from '../findings/severity.js'
import { loadManifests } from '../manifests/load.js'
import type { ManifestObject } from '../manifests/parse.js'
import { kustomizationFiles } from '../manifests/render.js'
import { evaluateTemplates, type Review } from './gatekeeper/evaluate.js'
import { buildInventory, inventoryNotices } from './gatekeeper/inventory.js'
import {
  readPolicyLibrary,
  type Constraint,
  type PolicyLibrary,
  type Template
} from './gatekeeper/library.js'
import {
  groupOf,
  isNamespace,
  matches,
  MatchError,
  nameOf,
  namespaceOf
} from './gatekeeper/match.js'
import {
  evaluatedPolicy,
  TEMPLATE_ANNOTATIONS,
  type EvaluatedPolicy
} from './gatekeeper/annotations.js'
import { bundleDigest } from './gatekeeper/bundle-digest.js'
import type { ScanContext, ScanOutcome, Scanner } from './scanner.js'
import { relativePosix } from '../util/posix-path.js'

/** The policies scanner's outcome: a plain outcome plus what the evidence report needs. */
export interface PolicyScanOutcome extends ScanOutcome {
  /** Every template evaluated. */
  policies: EvaluatedPolicy[]
  /** Digest of the bundled policy files (sha256:…). */
  policyBundleDigest?: string
}

export function isPolicyScanOutcome(outcome: ScanOutcome): outcome is PolicyScanOutcome {
  return 'policies' in outcome
}

/** Gatekeeper ConstraintTemplates + Constraints, evaluated through conftest as Gatekeeper would. */
export const policiesScanner: Scanner = {
  name: 'policies',
  description: 'the bundled and extra Gatekeeper policies on the manifests, through conftest',
  tools: ['conftest'],
  failureTarget: 'manifests',
  sarifTool: 'Gatekeeper policies',
  sarifTags: ['misconfiguration', 'kubernetes'],
  async run(context) {
    const { config, log } = context
    const conftest = context.tools.conftest
    if (!conftest) throw new Error('conftest is not installed')
    const notices: string[] = []

    const { library, bundledKinds, digest } = await loadLibrary(context, notices)
    const manifests = await loadManifests(config.workspace, config.manifests, {
      render: true,
      timeoutMs: context.timeoutMs,
      helmValues: config.helmValues
    })
    context.progress?.count('files read', new Set(manifests.objects.map((m) => m.file)).size)
    const gateFailures: string[] = []
    for (const problem of manifests.problems) {
      const where = problem.line ? `${problem.file}:${problem.line}` : problem.file
      notices.push(`${where}: ${problem.message}`)
      log.warning(`${where}: ${problem.message}`)
      // What Kubernetes could apply but we could not check must not pass silently.
      if (problem.blocking && config.unreadableManifests === 'fail')
        gateFailures.push(
          `A manifest could not be checked: ${where}: ${problem.message} (unreadable-manifests: warn makes this a warning).`
        )
    }

    const findings: Finding[] = []
    const reviewsByTemplate = new Map<
      string,
      Array<{ review: Review; object: ManifestObject; constraint: Constraint }>
    >()
    const namespaces = new Map(
      manifests.objects
        .filter((m) => isNamespace(m.object))
        .map((m) => [nameOf(m.object), m.object])
    )
    for (const constraint of library.constraints) {
      const template = library.templates.get(constraint.kind)
      if (!template) continue // a skipped template; already noticed
      const entries = reviewsByTemplate.get(template.kind) ?? []
      for (const entry of manifests.objects) {
        try {
          const namespaceObject = namespaces.get(namespaceOf(entry.object))
          if (!matches(constraint.match, { object: entry.object, namespaceObject })) continue
        } catch (error) {
          if (!(error instanceof MatchError)) throw error
          // gator (like Gatekeeper's audit) reports an undecidable match as a violation; so do
          // we, in gator's words, so CI and gator agree.
          const msg = `unable to match constraints: error matching the requested object: ${nameOf(entry.object)} :failed to run Match criteria: ${error.message}`
          findings.push(toFinding(template, constraint, entry, msg, {}))
          continue
        }
        entries.push({ review: reviewOf(entry.object, constraint), object: entry, constraint })
      }
      reviewsByTemplate.set(template.kind, entries)
    }

    const work = [...reviewsByTemplate].map(([kind, entries]) => ({
      template: library.templates.get(kind) as Template,
      reviews: entries.map((entry) => entry.review)
    }))
    // The inventory is built once, and only when a referential template has objects to judge.
    const referential = work.filter((w) => w.template.referential && w.reviews.length > 0)
    const inventory = referential.length ? buildInventory(manifests.objects) : undefined
    if (inventory)
      notices.push(
        ...inventoryNotices(
          referential.map((w) => w.template),
          inventory
        )
      )
    context.progress?.targetStarted('conftest policies')
    const violations = await evaluateTemplates(
      conftest.path,
      work,
      context.workDir,
      context.timeoutMs,
      { inventory: inventory?.data }
    )
    context.progress?.targetFinished('conftest policies')
    context.progress?.count('resources evaluated', manifests.objects.length)
    for (const violation of violations) {
      const template = library.templates.get(violation.kind) as Template
      const entry = reviewsByTemplate.get(violation.kind)?.[violation.index]
      if (!entry)
        throw new Error(`conftest reported a violation for unknown review ${violation.index}`)
      findings.push(
        toFinding(template, entry.constraint, entry.object, violation.msg, violation.details)
      )
    }
    findings.sort((a, b) => byText(a.fingerprint, b.fingerprint))
    return [
      {
        scanner: 'policies',
        target: 'manifests',
        findings,
        notices,
        ...(gateFailures.length ? { gateFailures } : {}),
        tool: { name: 'conftest', version: conftest.version },
        policies: [...library.templates.values()].map((template) =>
          evaluatedPolicy(
            template,
            library.constraints
              .filter((c) => c.kind === template.kind)
              .map((c) => ({ name: c.name, enforcementAction: c.enforcementAction })),
            bundledKinds.has(template.kind) ? 'bundled' : 'custom'
          )
        ),
        ...(digest ? { policyBundleDigest: digest } : {})
      } satisfies PolicyScanOutcome
    ]
  }
}

interface LoadedLibrary {
  library: PolicyLibrary
  /** Template kinds that came from the bundled policies (the rest are the user's). */
  bundledKinds: Set<string>
  /** Digest of the bundled policy files, for the evidence report. */
  digest?: string
}

async function loadLibrary(context: ScanContext, notices: string[]): Promise<LoadedLibrary> {
  const { config } = context
  const bundleFiles =
    config.policyBundle === 'none'
      ? []
      : await kustomizationFiles(
          path.join(context.actionRoot, 'policies', 'bundles', config.policyBundle)
        )
  const bundled = await loadManifests(context.actionRoot, bundleFiles)
  const extra = await loadManifests(config.workspace, config.extraPolicies)
  for (const problem of [...bundled.problems, ...extra.problems])
    notices.push(`${problem.file}: ${problem.message}`)
  if (config.policyEnforcement !== 'as-declared') {
    for (const entry of bundled.objects) {
      const spec = entry.object.spec as Record<string, unknown> | undefined
      if (spec && String(entry.object.apiVersion).startsWith('constraints.gatekeeper.sh/')) {
        spec.enforcementAction = config.policyEnforcement
      }
    }
  }
  const library = readPolicyLibrary([...bundled.objects, ...extra.objects])
  const bundledKinds = new Set(readPolicyLibrary(bundled.objects).templates.keys())
  const digest =
    bundleFiles.length > 0
      ? bundleDigest(
          await Promise.all(
            bundleFiles.map(async (file) => ({
              path: relativePosix(context.actionRoot, file),
              content: await readFile(file)
            }))
          )
        )
      : undefined
  for (const skipped of library.skipped)
    notices.push(`template ${skipped.name} (${skipped.file}) skipped: ${skipped.reason}`)
  for (const orphan of library.orphans) {
    notices.push(
      `constraint ${orphan.kind}/${orphan.name} (${orphan.file}) has no ConstraintTemplate; not evaluated`
    )
  }
  return { library, bundledKinds, ...(digest ? { digest } : {}) }
}

function reviewOf(object: Record<string, unknown>, constraint: Constraint): Review {
  const apiVersion = String(object.apiVersion)
  return {
    review: {
      kind: {
        group: groupOf(object),
        version: apiVersion.split('/').pop() ?? '',
        kind: String(object.kind)
      },
      name: nameOf(object),
      // An AdmissionRequest (and so gator's review) leaves out an empty namespace.
      ...(namespaceOf(object) ? { namespace: namespaceOf(object) } : {}),
      operation: 'CREATE',
      object
    },
    parameters: constraint.parameters
  }
}

function toFinding(
  template: Template,
  constraint: Constraint,
  entry: ManifestObject,
  msg: string,
  details: Record<string, unknown>
): Finding {
  const annotations = template.annotations
  const fieldPath = typeof details.path === 'string' ? details.path : undefined
  const line = (fieldPath && entry.lineOf(fieldPath)) || entry.line
  const namespace = namespaceOf(entry.object)
  return finalize({
    scanner: 'policies',
    target: 'manifests',
    ruleId: template.kind,
    title:
      annotations[TEMPLATE_ANNOTATIONS.title] ??
      annotations[TEMPLATE_ANNOTATIONS.gatekeeperTitle] ??
      template.kind,
    severity: annotations[TEMPLATE_ANNOTATIONS.severity]
      ? parseSeverity(annotations[TEMPLATE_ANNOTATIONS.severity])
      : 'MEDIUM',
    message: msg,
    resource: [entry.object.kind, namespace, nameOf(entry.object)].filter(Boolean).join('/'),
    location: { path: entry.file, startLine: line },
    remediation: annotations[TEMPLATE_ANNOTATIONS.remediation],
    references: parseReferences(annotations[TEMPLATE_ANNOTATIONS.references]),
    enforcementAction: constraint.enforcementAction,
    constraint: `${constraint.kind}/${constraint.name}`
  })
}

function parseReferences(value: string | undefined): string[] | undefined {
  if (!value) return undefined
  try {
    const parsed = JSON.parse(value) as Array<{ url?: string; title?: string } | string>
    return parsed
      .map((ref) => (typeof ref === 'string' ? ref : (ref.url ?? ref.title ?? '')))
      .filter(Boolean)
  } catch {
    return [value]
  }
}

import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { PathPolicies, ScanConfig } from '../config/scan-config.js'
import { finalize, type Finding } from '../findings/model.js'
import { byText } from '../findings/order.js'
import { parseSeverity } from '../findings/severity.js'
import { loadManifests } from '../manifests/load.js'
import type { ManifestObject } from '../manifests/parse.js'
import {
  evaluateTemplates,
  startEarlyConftest,
  stopEarlyConftest,
  type EarlyConftest,
  type Review
} from './gatekeeper/evaluate.js'
import { loadBundledPolicies } from './gatekeeper/bundled-library.js'
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
import {
  exclusionNotices,
  pathPolicyChooser,
  runSelection,
  selectionKey,
  type PathChoice,
  type PolicySelection
} from './gatekeeper/path-policies.js'
import type { ScanContext, ScanOutcome, Scanner } from './scanner.js'
import type { InstalledTool } from '../tools/install.js'
import { relativePosix } from '../util/posix-path.js'

/** The policies scanner's outcome: a plain outcome plus what the evidence report needs. */
export interface PolicyScanOutcome extends ScanOutcome {
  /** Every template evaluated. */
  policies: EvaluatedPolicy[]
  /** Digest of the bundled policy files (sha256:…). */
  policyBundleDigest?: string
  /** The bundles evaluated: policy-bundle's, then those the config file's paths chose. */
  policyBundles?: string[]
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
    const conftest = context.tools.conftest
    if (!conftest) throw new Error('conftest is not installed')
    // Started now, so that its start overlaps reading the manifests (see EarlyConftest).
    const early = startEarlyConftest(conftest.path, context.workDir, context.timeoutMs)
    try {
      return await scanPolicies(context, conftest, early)
    } finally {
      await stopEarlyConftest(early)
    }
  }
}

async function scanPolicies(
  context: ScanContext,
  conftest: InstalledTool,
  early: EarlyConftest
): Promise<PolicyScanOutcome[]> {
  const { config, log } = context
  const notices: string[] = []

  const manifests = await loadManifests(config.workspace, config.manifests, {
    render: true,
    timeoutMs: context.timeoutMs,
    helmValues: config.helmValues,
    kustomizeRemote: config.kustomizeRemote
  })
  context.progress?.count('files read', new Set(manifests.objects.map((m) => m.file)).size)
  const choose = pathPolicyChooser(config)
  const gateFailures: string[] = []
  for (const problem of manifests.problems) {
    const where = problem.line ? `${problem.file}:${problem.line}` : problem.file
    notices.push(`${where}: ${problem.message}`)
    log.warning(`${where}: ${problem.message}`)
    // What Kubernetes could apply but we could not check must not pass silently, unless the
    // config file leaves that file unchecked (it is listed as excluded below).
    if (
      problem.blocking &&
      config.unreadableManifests === 'fail' &&
      !choose(problem.file).excludedBy
    )
      gateFailures.push(
        `A manifest could not be checked: ${where}: ${problem.message} (unreadable-manifests: warn makes this a warning).`
      )
  }
  const { groups, checked } = groupBySelection(config, manifests.objects, choose, notices)
  const libraries = new Map<string, LoadedLibrary>()
  for (const [key, group] of groups)
    libraries.set(key, await loadLibrary(context, group.selection, notices))

  const findings: Finding[] = []
  const namespaces = new Map(
    checked.filter((m) => isNamespace(m.object)).map((m) => [nameOf(m.object), m.object])
  )
  // Reviews by template; a template that several libraries share (a bundled one, say) is
  // evaluated once for all their manifests, each review with its own constraint's parameters.
  const reviewsByTemplate = new Map<string, TemplateWork>()
  for (const [key, { objects }] of groups) {
    const { library } = libraries.get(key)!
    for (const constraint of library.constraints) {
      const template = library.templates.get(constraint.kind)
      if (!template) continue // a skipped template; already noticed
      const id = templateIdentity(template)
      const work = reviewsByTemplate.get(id) ?? { template, entries: [] }
      reviewsByTemplate.set(id, work)
      for (const entry of objects) {
        try {
          const namespaceObject = namespaces.get(namespaceOf(entry.object))
          if (!matches(constraint.match, { object: entry.object, namespaceObject })) continue
        } catch (error) {
          if (!(error instanceof MatchError)) throw error
          // gator (like Gatekeeper's audit) reports an undecidable match as a violation; so
          // do we, in gator's words, so CI and gator agree.
          const msg = `unable to match constraints: error matching the requested object: ${nameOf(entry.object)} :failed to run Match criteria: ${error.message}`
          findings.push(toFinding(template, constraint, entry, msg, {}))
          continue
        }
        work.entries.push({
          review: reviewOf(entry.object, constraint),
          object: entry,
          constraint
        })
      }
    }
  }

  // The inventory is built once, and only when a referential template has objects to judge.
  const referential = [...reviewsByTemplate.values()].filter(
    (w) => w.template.referential && w.entries.length > 0
  )
  const inventory = referential.length ? buildInventory(checked) : undefined
  if (inventory)
    notices.push(
      ...inventoryNotices(
        referential.map((w) => w.template),
        inventory
      )
    )
  context.progress?.targetStarted('conftest policies')
  for (const [index, round] of evaluationRounds(reviewsByTemplate.values()).entries()) {
    const violations = await evaluateTemplates(
      conftest.path,
      [...round.values()].map(({ template, entries }) => ({
        template,
        reviews: entries.map((entry) => entry.review)
      })),
      index === 0 ? context.workDir : path.join(context.workDir, `round-${index}`),
      context.timeoutMs,
      { inventory: inventory?.data, ...(index === 0 ? { early } : {}) }
    )
    for (const violation of violations) {
      const work = round.get(violation.kind)
      const entry = work?.entries[violation.index]
      if (!work || !entry)
        throw new Error(`conftest reported a violation for unknown review ${violation.index}`)
      findings.push(
        toFinding(work.template, entry.constraint, entry.object, violation.msg, violation.details)
      )
    }
  }
  context.progress?.targetFinished('conftest policies')
  context.progress?.count('resources evaluated', checked.length)
  findings.sort((a, b) => byText(a.fingerprint, b.fingerprint))
  const digest = await bundlesDigest(context, [...libraries.values()])
  return [
    {
      scanner: 'policies',
      target: 'manifests',
      findings,
      notices: [...new Set(notices)],
      ...(gateFailures.length ? { gateFailures } : {}),
      tool: { name: 'conftest', version: conftest.version },
      policies: evaluatedPolicies([...libraries.values()]),
      policyBundles: [...new Set([...groups.values()].map((group) => group.selection.bundle))],
      ...(digest ? { policyBundleDigest: digest } : {})
    } satisfies PolicyScanOutcome
  ]
}

interface TemplateWork {
  template: Template
  entries: Array<{ review: Review; object: ManifestObject; constraint: Constraint }>
}

/**
 * Templates with the same kind, Rego and annotations are one template, whichever library read
 * them (the bundled ones, in every bundle that has them).
 */
function templateIdentity(template: Template): string {
  const { kind, regoVersion, rego, libs, annotations } = template
  const text = JSON.stringify([regoVersion, rego, libs, annotations])
  return `${kind}\0${createHash('sha256').update(text).digest('hex')}`
}

/**
 * Splits the templates into evaluations in which each kind appears once (conftest reports a
 * violation by kind): one evaluation, unless two libraries define one kind differently.
 */
function evaluationRounds(works: Iterable<TemplateWork>): Array<Map<string, TemplateWork>> {
  const rounds: Array<Map<string, TemplateWork>> = []
  for (const work of works) {
    let round = rounds.find((candidate) => !candidate.has(work.template.kind))
    if (!round) rounds.push((round = new Map()))
    round.set(work.template.kind, work)
  }
  return rounds
}

/**
 * The manifests by the policies that judge them (the run's own selection always, so its policies
 * are listed even without manifests), and those checked at all; notes each exclusion.
 */
function groupBySelection(
  config: ScanConfig,
  objects: ManifestObject[],
  choose: (file: string) => PathChoice,
  notices: string[]
): {
  groups: Map<string, { selection: PolicySelection; objects: ManifestObject[] }>
  checked: ManifestObject[]
} {
  const own = runSelection(config)
  const groups = new Map([[selectionKey(own), { selection: own, objects: [] as ManifestObject[] }]])
  const checked: ManifestObject[] = []
  const excluded = new Map<PathPolicies, Set<string>>()
  for (const entry of objects) {
    const choice = choose(entry.file)
    if (choice.excludedBy) {
      const files = excluded.get(choice.excludedBy) ?? new Set()
      excluded.set(choice.excludedBy, files.add(entry.file))
      continue
    }
    const group = groups.get(choice.key) ?? { selection: choice.selection, objects: [] }
    groups.set(choice.key, group)
    group.objects.push(entry)
    checked.push(entry)
  }
  notices.push(...exclusionNotices(excluded, 'manifest file(s) not checked by the policies'))
  return { groups, checked }
}

/** Every template evaluated, once per kind, with the constraints of every library that has it. */
function evaluatedPolicies(libraries: LoadedLibrary[]): EvaluatedPolicy[] {
  const byKind = new Map<
    string,
    { template: Template; constraints: Map<string, Constraint>; bundled: boolean }
  >()
  for (const { library, bundledKinds } of libraries)
    for (const template of library.templates.values()) {
      const known = byKind.get(template.kind) ?? {
        template,
        constraints: new Map(),
        bundled: bundledKinds.has(template.kind)
      }
      byKind.set(template.kind, known)
      for (const constraint of library.constraints)
        if (constraint.kind === template.kind) known.constraints.set(constraint.name, constraint)
    }
  return [...byKind.values()].map(({ template, constraints, bundled }) =>
    evaluatedPolicy(
      template,
      [...constraints.values()].map((c) => ({
        name: c.name,
        enforcementAction: c.enforcementAction
      })),
      bundled ? 'bundled' : 'custom'
    )
  )
}

interface LoadedLibrary {
  library: PolicyLibrary
  /** Template kinds that came from the bundled policies (the rest are the user's). */
  bundledKinds: Set<string>
  /** The bundled policy files read (absolute), for the evidence report's digest. */
  bundleFiles: string[]
}

async function loadLibrary(
  context: ScanContext,
  selection: PolicySelection,
  notices: string[]
): Promise<LoadedLibrary> {
  const { config } = context
  const bundled = await loadBundledPolicies(context.actionRoot, selection.bundle)
  const extra = await loadManifests(config.workspace, selection.extraPolicies)
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
  for (const skipped of library.skipped)
    notices.push(`template ${skipped.name} (${skipped.file}) skipped: ${skipped.reason}`)
  for (const orphan of library.orphans) {
    notices.push(
      `constraint ${orphan.kind}/${orphan.name} (${orphan.file}) has no ConstraintTemplate; not evaluated`
    )
  }
  return { library, bundledKinds, bundleFiles: bundled.files }
}

/** Digest of every bundled policy file the libraries read; undefined when they read none. */
async function bundlesDigest(
  context: ScanContext,
  libraries: LoadedLibrary[]
): Promise<string | undefined> {
  const files = [...new Set(libraries.flatMap((loaded) => loaded.bundleFiles))]
  if (files.length === 0) return undefined
  return bundleDigest(
    await Promise.all(
      files.map(async (file) => ({
        path: relativePosix(context.actionRoot, file),
        content: await readFile(file)
      }))
    )
  )
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
    // A chart rendered with several values sets: which one (also keeps their fingerprints apart).
    message: entry.valuesSet ? `${msg} (Helm values: ${entry.valuesSet})` : msg,
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

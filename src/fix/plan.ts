import { cp, lstat, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { setImmediate } from 'node:timers/promises'
import { Composer, isMap, isSeq, Parser, visit, type Document, type YAMLMap } from 'yaml'
import type { Finding } from '../findings/model.js'
import { readKubeYaml } from '../manifests/kube-yaml.js'
import { loadManifests } from '../manifests/load.js'
import { HELM_CHART_FILE } from '../manifests/render.js'
import { policiesScanner } from '../scanners/policies.js'
import type { ScanContext, ScanOutcome } from '../scanners/scanner.js'
import { relativePosix } from '../util/posix-path.js'
import { privateTempDir } from '../util/temp.js'
import type { FileFix, FixPlan, LineEdit, ManualFix } from './model.js'
import { apiRejection, CONTAINER_LISTS, POD_SPEC_PATHS } from './api-rules.js'
import { DigestResolver } from './registry.js'
import { MANUAL_REASONS, RULE_FIXES, type FixSettings, type FixSite } from './rules.js'
import { addedSchemaErrors } from './schema.js'
import { applyLineEdits, groupBy, SourceText } from './source.js'
import { chartOf, maskTemplate, templateBlocker } from './source-helm.js'
import {
  kustomizeConflict,
  kustomizeRoots,
  resourceName,
  rootsIncluding,
  type KustomizeRoot
} from './source-kustomize.js'
import { DocumentEditor, ManualOnly } from './yaml-edit.js'

export interface FixOptions extends Omit<FixSettings, 'digests'> {
  /**
   * The policy scan the findings came from: its configuration, conftest and policies re-evaluate
   * every fixed document (its workDir is not used; verification works in a private directory).
   */
  context: Omit<ScanContext, 'workDir'>
  /** Only findings of these template kinds (all when absent). */
  rules?: string[]
  /** Shared across calls to ask each registry once per image. */
  digests?: DigestResolver
}

/**
 * Where a file's objects come from, which decides how a fix of it is checked and verified: the
 * file as it stands, the resource file of kustomizations, or a template of a Helm chart.
 */
type Origin =
  | { kind: 'plain' }
  | { kind: 'kustomize'; roots: KustomizeRoot[] }
  | { kind: 'helm'; chart: string }

/** A document with the fixes that applied to it, before verification. */
interface DocumentFix {
  path: string
  origin: Origin
  source: SourceText
  /** The document's lines in the file. */
  firstLine: number
  lastLine: number
  resource: string
  edits: LineEdit[]
  findings: Finding[]
}

/**
 * Plans fixes for the policy findings of a scan: each finding gets a whole-line edit of its file
 * that was re-evaluated with the same policies (offered only when it resolves the finding and adds
 * none), or a reason it must be fixed by hand. Findings of other scanners and waived ones are
 * left out. Nothing is written to the workspace.
 */
export async function planFixes(findings: Finding[], options: FixOptions): Promise<FixPlan> {
  const settings: FixSettings = { ...options, digests: options.digests ?? new DigestResolver() }
  const wanted = findings.filter(
    (finding) =>
      finding.scanner === 'policies' &&
      finding.location &&
      !finding.suppression &&
      (!options.rules || options.rules.includes(finding.ruleId))
  )
  const manual: ManualFix[] = []
  const documents: DocumentFix[] = []
  const byFile = groupBy(wanted, (finding) => finding.location!.path)
  const originOf = originResolver(options.context)
  for (const [file, fileFindings] of byFile) {
    try {
      documents.push(
        ...(await fixFile(
          options.context.config.workspace,
          file,
          fileFindings,
          settings,
          manual,
          originOf
        ))
      )
    } catch (error) {
      if (!(error instanceof ManualOnly)) throw error
      manual.push(...fileFindings.map((finding) => ({ finding, reason: error.message })))
    }
  }
  const plain = documents.filter((doc) => doc.origin.kind === 'plain')
  const rendered = documents.filter((doc) => doc.origin.kind !== 'plain')
  const verified = [
    ...(await verify(plain, findings, options.context, manual)),
    ...(await verifyRendered(rendered, findings, options.context, manual))
  ]
  return { fixes: toFileFixes(verified), manual: manual.sort(byLocation) }
}

/** Finds each file's origin; the kustomizations are rendered once, when first needed. */
function originResolver(context: Omit<ScanContext, 'workDir'>): (file: string) => Promise<Origin> {
  const { workspace, manifests, kustomizeRemote } = context.config
  let roots: Promise<KustomizeRoot[]> | undefined
  return async (file) => {
    const chart = await chartOf(workspace, file)
    if (chart) {
      if (path.basename(file) === HELM_CHART_FILE)
        throw new ManualOnly(
          'the object comes from a packed subchart of the Helm chart; there is no template file to edit'
        )
      return { kind: 'helm', chart }
    }
    roots ??= kustomizeRoots(workspace, manifests, {
      timeoutMs: context.timeoutMs,
      allowRemote: kustomizeRemote
    })
    const including = rootsIncluding(workspace, await roots, file)
    if (typeof including === 'string') throw new ManualOnly(including)
    return including ? { kind: 'kustomize', roots: including } : { kind: 'plain' }
  }
}

/** Whether a finding is about the object the source document `documentResource` spells out. */
function sameResource(origin: Origin, resource: string, documentResource: string): boolean {
  const kindOf = (name: string) => name.split('/')[0]
  const nameOf = (name: string) => name.split('/').at(-1) ?? ''
  switch (origin.kind) {
    case 'plain':
      return resource === documentResource
    case 'kustomize':
      // Rendered names carry the prefixes, suffixes and namespace of the kustomizations.
      return (
        kindOf(resource) === kindOf(documentResource) &&
        nameOf(resource).includes(nameOf(documentResource))
      )
    case 'helm':
      // A template's names are template actions: the finding's line says which document it is.
      return kindOf(resource) === kindOf(documentResource)
  }
}

/** What a fix of one file must respect, by the file's origin. */
interface SourceGuard {
  origin: Origin
  /** Why edits of the document (lines first..last) cannot fix the rendered object, if so. */
  refusal(
    finding: Finding,
    edits: LineEdit[],
    first: number,
    last: number
  ): Promise<string | undefined>
}

function sourceGuard(
  origin: Origin,
  workspace: string,
  file: string,
  source: SourceText
): SourceGuard {
  switch (origin.kind) {
    case 'plain':
      return { origin, refusal: async () => undefined }
    case 'kustomize':
      return {
        origin,
        refusal: (finding, edits, first, last) =>
          kustomizeConflict(
            workspace,
            origin.roots,
            file,
            finding.resource,
            source.lines(first, last),
            applyLineEdits(source, edits, first, last)
          )
      }
    case 'helm':
      return { origin, refusal: async (_, edits) => templateBlocker(source, edits) }
  }
}

async function fixFile(
  workspace: string,
  file: string,
  findings: Finding[],
  settings: FixSettings,
  manual: ManualFix[],
  originOf: (file: string) => Promise<Origin>
): Promise<DocumentFix[]> {
  const absolute = path.resolve(workspace, file)
  if (path.relative(workspace, absolute).startsWith('..'))
    throw new ManualOnly('the file is outside the workspace')
  const info = await lstat(absolute).catch(() => undefined)
  if (!info) throw new ManualOnly('the file the finding names is not there to edit')
  if (info.isSymbolicLink()) throw new ManualOnly('the file is a symbolic link; fix its target')
  const origin = await originOf(absolute)
  const source = new SourceText(await readFile(absolute, 'utf8'))
  // A template is edited as the YAML it is with its actions set aside (same offsets and lines);
  // the guard keeps only edits of lines that hold no action.
  const yaml = origin.kind === 'helm' ? new SourceText(maskTemplate(source.text)) : source
  const guard = sourceGuard(origin, workspace, absolute, source)
  const offsetOf = (finding: Finding) =>
    yaml.lineStart(Math.max(1, Math.min(finding.location!.startLine, yaml.lineCount)))
  const documents = documentsHolding(yaml.text, findings.map(offsetOf))
  const step = indentStep(documents, yaml)
  const byDocument = new Map<Document.Parsed, Finding[]>()
  for (const finding of findings) {
    const offset = offsetOf(finding)
    const document = documents.find((doc) => doc.range[0] <= offset && offset < doc.range[2])
    if (!document)
      manual.push({ finding, reason: 'the finding does not point into a YAML document' })
    else byDocument.set(document, [...(byDocument.get(document) ?? []), finding])
  }
  const fixed: DocumentFix[] = []
  for (const [document, documentFindings] of byDocument) {
    try {
      const result = await fixDocument(
        document,
        documentFindings,
        yaml,
        step,
        settings,
        manual,
        guard
      )
      if (result) fixed.push({ ...result, source, path: file, origin })
    } catch (error) {
      if (!(error instanceof ManualOnly)) throw error
      manual.push(...documentFindings.map((finding) => ({ finding, reason: error.message })))
    }
  }
  return fixed
}

/** Top-level tokens that leave each document of a stream independent of the others. */
const BETWEEN_DOCUMENTS = new Set([
  'document',
  'doc-end',
  'comment',
  'newline',
  'space',
  'byte-order-mark'
])

/**
 * The YAML documents of `text` (read as YAML 1.1) that may hold one of `offsets`. The whole text
 * is parsed, but only those documents are composed: composing is most of the cost, and a file's
 * other documents have nothing to fix. Directives or stream-level errors can bear on the
 * documents after them, so with those every document is composed.
 */
function documentsHolding(text: string, offsets: number[]): Document.Parsed[] {
  const options = { version: '1.1' } as const
  const tokens = [...new Parser().parse(text)]
  if (tokens.some((token) => !BETWEEN_DOCUMENTS.has(token.type)))
    return [...new Composer(options).compose(tokens)]
  const documents = tokens.filter((token) => token.type === 'document')
  return documents.flatMap((token, i) => {
    const end = documents[i + 1]?.offset ?? text.length
    const held = offsets.some((offset) => token.offset <= offset && offset < end)
    return held ? [...new Composer(options).compose([token])] : []
  })
}

async function fixDocument(
  document: Document.Parsed,
  findings: Finding[],
  source: SourceText,
  step: number,
  settings: FixSettings,
  manual: ManualFix[],
  guard: SourceGuard
): Promise<Omit<DocumentFix, 'path' | 'origin'> | undefined> {
  const root = document.contents
  if (document.errors.length > 0 || !isMap(root))
    throw new ManualOnly('the document is not a YAML mapping this fix can read')
  const shared = sharedNodes(document)
  const resource = resourceOf(root)
  const kind = String(root.get('kind'))
  const podPath = POD_SPEC_PATHS[kind]
  const podNode = podPath ? root.getIn(podPath, true) : undefined
  const pod = isMap(podNode) ? podNode : undefined
  const siteOf = (finding: Finding, editor: DocumentEditor): FixSite => ({
    finding,
    source,
    editor,
    root,
    ...(pod ? { pod } : {}),
    // A rendered finding's line may be another container's (Helm maps lines by key path only).
    ...((guard.origin.kind !== 'plain' && containerNamed(pod, finding.message)) ||
      containerAt(pod, source, finding.location!.startLine))
  })
  const firstLine = source.lineOf(document.range[0])
  const lastLine = source.lastContentLine(document.range[2])
  // Each fix is tried alone first, so one that fails leaves nothing half-made behind; the ones that
  // work are then made together on one editor.
  const accepted: Finding[] = []
  // In line and rule order, so added keys come out in the same order on every run.
  const ordered = [...findings].sort(
    (a, b) =>
      a.location!.startLine - b.location!.startLine ||
      compareText(a.ruleId, b.ruleId) ||
      compareText(a.message, b.message)
  )
  for (const finding of ordered) {
    if (!sameResource(guard.origin, finding.resource, resource)) {
      manual.push({
        finding,
        reason: `the document at this line is ${resource}, not ${finding.resource}`
      })
      continue
    }
    const fix = RULE_FIXES[finding.ruleId]
    if (!fix) {
      manual.push({
        finding,
        reason: MANUAL_REASONS[finding.ruleId] ?? 'no automatic fix is known for this rule'
      })
      continue
    }
    try {
      const trial = new DocumentEditor(source, step, shared)
      await fix(siteOf(finding, trial), settings)
      const refused = await guard.refusal(finding, trial.lineEdits(), firstLine, lastLine)
      if (refused) manual.push({ finding, reason: refused })
      else accepted.push(finding)
    } catch (error) {
      if (!(error instanceof ManualOnly)) throw error
      manual.push({ finding, reason: error.message })
    }
  }
  if (accepted.length === 0) return undefined
  const editor = new DocumentEditor(source, step, shared)
  for (const finding of accepted)
    await RULE_FIXES[finding.ruleId]!(siteOf(finding, editor), settings)
  const edits = editor.lineEdits()
  if (edits.length === 0) {
    manual.push(...accepted.map((finding) => ({ finding, reason: 'the fix changes nothing here' })))
    return undefined
  }
  return {
    source,
    firstLine,
    lastLine,
    resource,
    edits,
    findings: accepted
  }
}

/**
 * Re-evaluates each fixed document with the scan's own policies, alone in a private copy of its
 * path (fingerprints do not depend on lines, so they compare with the scan's): a document's fixes
 * are offered only when nothing new is found in it, and each finding is resolved only when gone.
 * (Namespace objects are not copied: a constraint's namespaceSelector sees no labels here.)
 */
async function verify(
  documents: DocumentFix[],
  original: Finding[],
  context: Omit<ScanContext, 'workDir'>,
  manual: ManualFix[]
): Promise<DocumentFix[]> {
  if (documents.length === 0) return []
  const root = await privateTempDir('hardening-fix-')
  try {
    const workspace = path.join(root, 'workspace')
    const files = new Map<string, string[]>()
    for (const doc of documents) {
      const fixedText = applyLineEdits(doc.source, doc.edits, doc.firstLine, doc.lastLine)
      files.set(doc.path, [...(files.get(doc.path) ?? []), fixedText])
    }
    for (const [file, texts] of files) {
      const target = path.join(workspace, file)
      await mkdir(path.dirname(target), { recursive: true })
      await writeFile(
        target,
        texts.map((text) => `---\n${text}${text.endsWith('\n') ? '' : '\n'}`).join('')
      )
    }
    // The API and schema checks run while conftest re-evaluates (this thread waits for it then).
    const [outcome, rejected] = await Promise.all([
      evaluate(
        context,
        root,
        [...files.keys()].map((file) => path.join(workspace, file))
      ),
      rejections(documents)
    ])
    const unreadable = new Set(outcome.notices.map((notice) => notice.split(':')[0]))
    const key = (finding: Finding) => `${finding.location?.path}\u0000${finding.resource}`
    const before = groupBy(original, key)
    const after = groupBy(outcome.findings, key)
    const verified: DocumentFix[] = []
    for (const doc of documents) {
      const was = new Set(
        (before.get(`${doc.path}\u0000${doc.resource}`) ?? []).map((f) => f.fingerprint)
      )
      const now = after.get(`${doc.path}\u0000${doc.resource}`) ?? []
      const added = now.filter((finding) => !was.has(finding.fingerprint))
      if (unreadable.has(doc.path)) {
        manual.push(
          ...doc.findings.map((finding) => ({
            finding,
            reason: 'the fixed file could not be read back'
          }))
        )
        continue
      }
      const resolved = settle(doc, added, rejected.get(doc), now, manual)
      if (resolved) verified.push(resolved)
    }
    return verified
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}

/**
 * Re-renders what fixed sources feed (the kustomizations that include a fixed resource file, the
 * chart that holds a fixed template) from a private copy of their files with the fixes made, with
 * the real kustomize and helm as the scan runs them, and re-evaluates the output with the same
 * policies: a document's fixes are offered only when nothing new is found in that output, and
 * each finding is resolved only when it is gone from it.
 */
async function verifyRendered(
  documents: DocumentFix[],
  original: Finding[],
  context: Omit<ScanContext, 'workDir'>,
  manual: ManualFix[]
): Promise<DocumentFix[]> {
  if (documents.length === 0) return []
  const { config } = context
  // Only what was left to a person before this verification may turn out resolved by it.
  const leftBefore = manual.length
  const inside = (file: string, dir: string) => !path.relative(dir, file).startsWith('..')
  const outside = documents.filter(
    (doc) =>
      doc.origin.kind === 'kustomize' &&
      doc.origin.roots.some((root) => [...root.reads].some((f) => !inside(f, config.workspace)))
  )
  manual.push(
    ...outside.flatMap((doc) =>
      doc.findings.map((finding) => ({
        finding,
        reason:
          'a kustomization that renders this file reads files outside the workspace; the fix cannot be verified, fix it by hand'
      }))
    )
  )
  const candidates = documents.filter((doc) => !outside.includes(doc))
  if (candidates.length === 0) return []
  const root = await privateTempDir('hardening-fix-')
  try {
    const workspace = path.join(root, 'workspace')
    const copyOf = (file: string) => path.join(workspace, path.relative(config.workspace, file))
    /** Each directory to render, and which (original) files its objects point at. */
    const targets = new Map<string, (file: string) => boolean>()
    const sources = new Set<string>()
    const charts = new Set<string>()
    for (const { origin } of candidates)
      if (origin.kind === 'helm') {
        targets.set(origin.chart, (file) => inside(file, origin.chart))
        charts.add(origin.chart)
      } else if (origin.kind === 'kustomize')
        for (const kustomization of origin.roots) {
          targets.set(kustomization.dir, (file) => kustomization.reads.has(file))
          for (const file of kustomization.reads) sources.add(file)
        }
    for (const chart of charts) {
      await cp(chart, copyOf(chart), { recursive: true, verbatimSymlinks: true })
      for (const values of config.helmValues?.[chart]?.flat() ?? []) sources.add(values)
    }
    for (const file of sources) {
      await mkdir(path.dirname(copyOf(file)), { recursive: true })
      await cp(file, copyOf(file))
    }
    const rejected = new Map<DocumentFix, string>()
    for (const [file, docs] of groupBy(candidates, (doc) => doc.path)) {
      const edits = docs.flatMap((doc) => doc.edits).sort((a, b) => a.startLine - b.startLine)
      await writeFile(path.join(workspace, file), applyLineEdits(docs[0]!.source, edits))
      for (const doc of docs) {
        const rejection = rejectionOf(doc)
        if (rejection) rejected.set(doc, rejection)
      }
    }
    // Charts without `helm-values` render with their own values, as in the scan.
    const helmValues = Object.fromEntries(
      [...charts].flatMap((chart) => {
        const sets = config.helmValues?.[chart]
        return sets ? [[copyOf(chart), sets.map((set) => set.map(copyOf))]] : []
      })
    )
    const outcome = await evaluate(context, root, [...targets.keys()].map(copyOf), helmValues)
    // The API server's refusals are checked on the rendered objects: an overlay can combine the
    // fixed base with a patch of its own (privileged: true) into an object Kubernetes rejects.
    const rendered = await loadManifests(workspace, [...targets.keys()].map(copyOf), {
      render: true,
      timeoutMs: context.timeoutMs,
      helmValues,
      kustomizeRemote: config.kustomizeRemote
    })
    for (const { object } of rendered.objects) {
      const rejection = apiRejection(object)
      const resource = resourceName(object)
      for (const doc of candidates)
        if (
          rejection &&
          !rejected.has(doc) &&
          setsPrivilegeEscalation(doc) &&
          sameResource(doc.origin, resource, doc.resource)
        )
          rejected.set(doc, `${resource}: ${rejection}`)
    }
    // A source that no longer renders, or renders nothing, verifies nothing.
    const renderedFiles = new Set(
      rendered.objects.map((object) => path.join(config.workspace, object.file))
    )
    const empty = [...targets].find(([, owns]) => ![...renderedFiles].some(owns))?.[0]
    const broken =
      outcome.notices.find((notice) =>
        /kustomize build failed|helm template failed/.test(notice)
      ) ?? (empty ? `${relativePosix(config.workspace, empty)} rendered no object` : undefined)
    // The findings the same renderings gave before the fixes.
    const rendersFrom = (file: string | undefined) =>
      file !== undefined &&
      (sources.has(path.join(config.workspace, file)) ||
        [...charts].some((chart) => inside(path.join(config.workspace, file), chart)))
    const was = new Set(
      original.filter((f) => rendersFrom(f.location?.path)).map((f) => f.fingerprint)
    )
    const added = outcome.findings.filter((finding) => !was.has(finding.fingerprint))
    const isAbout = (doc: DocumentFix) => (finding: Finding) =>
      finding.location?.path === doc.path &&
      sameResource(doc.origin, finding.resource, doc.resource)
    // What appears where no fixed document is blames them all.
    const unplaced = added.filter((finding) => !candidates.some((doc) => isAbout(doc)(finding)))
    const verified: DocumentFix[] = []
    for (const doc of candidates) {
      if (broken) {
        const reason = `the fixed sources no longer render (${broken}); fix it by hand`
        manual.push(...doc.findings.map((finding) => ({ finding, reason })))
        continue
      }
      const resolved = settle(
        doc,
        [...added.filter(isAbout(doc)), ...unplaced],
        rejected.get(doc),
        outcome.findings,
        manual
      )
      if (resolved) verified.push(resolved)
    }
    if (verified.length === candidates.length)
      adoptResolved(manual.slice(0, leftBefore), verified, was, outcome.findings, manual)
    return verified
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}

/**
 * Moves findings left to a person that the verified fixes resolve all the same (one rendering of
 * a fixed base points at an overlay's patch file instead) onto the fix of their object's source.
 */
function adoptResolved(
  candidates: ManualFix[],
  fixes: DocumentFix[],
  before: Set<string>,
  after: Finding[],
  manual: ManualFix[]
): void {
  const remaining = new Set(after.map((finding) => finding.fingerprint))
  for (const entry of candidates) {
    const { finding } = entry
    if (!before.has(finding.fingerprint) || remaining.has(finding.fingerprint)) continue
    const fix = fixes.find(
      (doc) =>
        sameResource(doc.origin, finding.resource, doc.resource) &&
        (doc.origin.kind === 'kustomize'
          ? doc.origin.roots.some((root) => root.renders.has(finding.resource))
          : finding.location?.path === doc.path)
    )
    if (!fix) continue
    fix.findings.push(finding)
    manual.splice(manual.indexOf(entry), 1)
  }
}

/**
 * Why the document as fixed cannot be offered: the API server would reject it, or the fixes add
 * Kubernetes schema errors (unknown fields, values of the wrong type; errors it had before block
 * nothing). The fixed text is read once for both; templates are read with their actions set aside.
 */
function rejectionOf(doc: DocumentFix): string | undefined {
  const text = (edits: LineEdit[]) => {
    const document = applyLineEdits(doc.source, edits, doc.firstLine, doc.lastLine)
    return doc.origin.kind === 'helm' ? maskTemplate(document) : document
  }
  const fixed = text(doc.edits)
  const [read] = readKubeYaml(fixed)
  const refused = setsPrivilegeEscalation(doc) && read?.value ? apiRejection(read.value) : undefined
  if (refused) return refused
  const added = addedSchemaErrors(text([]), fixed, read)
  if (added.length === 0) return undefined
  const more = added.length > 3 ? ` (and ${added.length - 3} more)` : ''
  return `the fixed document would fail Kubernetes schema validation: ${added.slice(0, 3).join('; ')}${more}`
}

/** `rejectionOf` of each document, a few at a time, leaving the event loop free in between. */
async function rejections(documents: DocumentFix[]): Promise<Map<DocumentFix, string>> {
  const rejected = new Map<DocumentFix, string>()
  for (const [i, doc] of documents.entries()) {
    if (i % 20 === 19) await setImmediate()
    const rejection = rejectionOf(doc)
    if (rejection) rejected.set(doc, rejection)
  }
  return rejected
}

/** Only setting allowPrivilegeEscalation can create a combination the API refuses. */
const setsPrivilegeEscalation = (doc: DocumentFix) =>
  doc.findings.some((f) => f.ruleId === 'HardeningPSSPrivilegeEscalation')

/**
 * The document's fixes as verified: none when the re-evaluation found something new (`added`) or
 * the API would reject it, else the findings gone from `after`; the rest go to `manual`.
 */
function settle(
  doc: DocumentFix,
  added: Finding[],
  rejection: string | undefined,
  after: Finding[],
  manual: ManualFix[]
): DocumentFix | undefined {
  if (added.length > 0 || rejection) {
    const reason = `the fix was not offered: ${rejection ?? `it would add ${added.map((f) => `${f.ruleId} (${f.message})`).join('; ')}`}`
    manual.push(...doc.findings.map((finding) => ({ finding, reason })))
    return undefined
  }
  const remaining = new Set(after.map((finding) => finding.fingerprint))
  const resolved = doc.findings.filter((finding) => !remaining.has(finding.fingerprint))
  for (const finding of doc.findings)
    if (remaining.has(finding.fingerprint))
      manual.push({
        finding,
        reason: 'the fix did not resolve it when re-evaluated; fix it by hand'
      })
  return resolved.length > 0 ? { ...doc, findings: resolved } : undefined
}

/**
 * Runs the scan's policies over `manifests` (absolute, inside `<root>/workspace`), with the scan's
 * configuration otherwise; custom policies are copied along at their relative paths.
 */
async function evaluate(
  context: Omit<ScanContext, 'workDir'>,
  root: string,
  manifests: string[],
  helmValues?: Record<string, string[][]>
): Promise<ScanOutcome> {
  const { config } = context
  const workspace = path.join(root, 'workspace')
  // Custom policies are read from the workspace: bring them along at the same relative paths.
  const extraPolicies = await Promise.all(
    config.extraPolicies.map(async (dir) => {
      const copy = path.join(workspace, path.relative(config.workspace, dir))
      await cp(dir, copy, { recursive: true })
      return copy
    })
  )
  const outcomes = await policiesScanner.run({
    ...context,
    workDir: path.join(root, 'work'),
    config: {
      ...config,
      workspace,
      manifests,
      extraPolicies,
      unreadableManifests: 'warn',
      ...(helmValues ? { helmValues } : {})
    }
  })
  const outcome = outcomes[0]!
  if (outcome.error) throw new Error(`verifying the fixes failed: ${outcome.error}`)
  return outcome
}

function toFileFixes(documents: DocumentFix[]): FileFix[] {
  const byPath = groupBy(documents, (doc) => doc.path)
  return [...byPath]
    .map(([file, docs]) => ({
      path: file,
      edits: docs.flatMap((doc) => doc.edits).sort((a, b) => a.startLine - b.startLine),
      resolves: docs.flatMap((doc) => doc.findings.map((finding) => finding.fingerprint)).sort()
    }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

/** The container a finding's message names (`container "app"`), when the pod has it. */
function containerNamed(
  pod: YAMLMap | undefined,
  message: string
): { container: YAMLMap } | undefined {
  const name = /\bcontainer "([^"]+)"/.exec(message)?.[1]
  if (name === undefined) return undefined
  for (const list of CONTAINER_LISTS) {
    const items = pod?.get(list, true)
    if (!isSeq(items)) continue
    const container = items.items.find((item) => isMap(item) && item.get('name') === name)
    if (isMap(container)) return { container }
  }
  return undefined
}

/** The container (an item of containers, initContainers or ephemeralContainers) holding `line`. */
function containerAt(
  pod: YAMLMap | undefined,
  source: SourceText,
  line: number
): { container?: YAMLMap } {
  for (const list of CONTAINER_LISTS) {
    const items = pod?.get(list, true)
    if (!isSeq(items)) continue
    for (const item of items.items) {
      if (!isMap(item) || !item.range) continue
      if (source.lineOf(item.range[0]) <= line && line <= source.lastContentLine(item.range[1]))
        return { container: item }
    }
  }
  return {}
}

/** `Kind/namespace/name`, as findings name resources. */
function resourceOf(root: YAMLMap): string {
  const text = (value: unknown) => (value === undefined || value === null ? '' : String(value))
  return [root.get('kind'), root.getIn(['metadata', 'namespace']), root.getIn(['metadata', 'name'])]
    .map(text)
    .filter(Boolean)
    .join('/')
}

/** Every node inside an anchored subtree (aliases elsewhere read the same nodes). */
function sharedNodes(document: Document): Set<unknown> {
  const shared = new Set<unknown>()
  visit(document, {
    Node(_, node) {
      if (!('anchor' in node) || !node.anchor || shared.has(node)) return undefined
      shared.add(node)
      visit(node, {
        Node: (__, inner) => void shared.add(inner),
        Pair: (__, pair) => void shared.add(pair)
      })
      return undefined
    }
  })
  return shared
}

/** Columns per nesting level: the most common step between a block mapping key and its child keys. */
function indentStep(documents: Document[], source: SourceText): number {
  const counts = new Map<number, number>()
  for (const document of documents)
    visit(document, {
      Pair(_, pair) {
        const key = pair.key as { range?: [number, number, number] } | null
        const child =
          isMap(pair.value) && !pair.value.flow ? (pair.value.items[0]?.key as typeof key) : null
        if (!key?.range || !child?.range) return
        const step = source.columnOf(child.range[0]) - source.columnOf(key.range[0])
        if (step > 0) counts.set(step, (counts.get(step) ?? 0) + 1)
      }
    })
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 2
}

function byLocation(a: ManualFix, b: ManualFix): number {
  const [x, y] = [a.finding.location!, b.finding.location!]
  return x.path < y.path
    ? -1
    : x.path > y.path
      ? 1
      : x.startLine - y.startLine || (a.finding.ruleId < b.finding.ruleId ? -1 : 1)
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

import { cp, lstat, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { isMap, isSeq, parseAllDocuments, visit, type Document, type YAMLMap } from 'yaml'
import type { Finding } from '../findings/model.js'
import { HELM_CHART_FILE, KUSTOMIZATION_FILES } from '../manifests/render.js'
import { policiesScanner } from '../scanners/policies.js'
import type { ScanContext } from '../scanners/scanner.js'
import { privateTempDir } from '../util/temp.js'
import type { FileFix, FixPlan, LineEdit, ManualFix } from './model.js'
import { apiRejection, CONTAINER_LISTS, POD_SPEC_PATHS } from './api-rules.js'
import { DigestResolver } from './registry.js'
import { MANUAL_REASONS, RULE_FIXES, type FixSettings, type FixSite } from './rules.js'
import { applyLineEdits, groupBy, SourceText } from './source.js'
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

/** A document with the fixes that applied to it, before verification. */
interface DocumentFix {
  path: string
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
  for (const [file, fileFindings] of byFile) {
    try {
      documents.push(
        ...(await fixFile(options.context.config.workspace, file, fileFindings, settings, manual))
      )
    } catch (error) {
      if (!(error instanceof ManualOnly)) throw error
      manual.push(...fileFindings.map((finding) => ({ finding, reason: error.message })))
    }
  }
  const verified = await verify(documents, findings, options.context, manual)
  return { fixes: toFileFixes(verified), manual: manual.sort(byLocation) }
}

async function fixFile(
  workspace: string,
  file: string,
  findings: Finding[],
  settings: FixSettings,
  manual: ManualFix[]
): Promise<DocumentFix[]> {
  const absolute = path.resolve(workspace, file)
  if (path.relative(workspace, absolute).startsWith('..'))
    throw new ManualOnly('the file is outside the workspace')
  const info = await lstat(absolute).catch(() => undefined)
  if (!info) throw new ManualOnly('the file the finding names is not there to edit')
  if (info.isSymbolicLink()) throw new ManualOnly('the file is a symbolic link; fix its target')
  const renderer = await renderedBy(workspace, absolute)
  if (renderer)
    throw new ManualOnly(
      `the object is rendered by ${renderer}; fix its source by hand (a source edit cannot be verified against the rendered output here)`
    )
  const source = new SourceText(await readFile(absolute, 'utf8'))
  const documents = parseAllDocuments(source.text, { version: '1.1' })
  if (!Array.isArray(documents)) throw new ManualOnly('the file holds no YAML documents')
  const step = indentStep(documents, source)
  const byDocument = new Map<Document.Parsed, Finding[]>()
  for (const finding of findings) {
    const line = Math.max(1, Math.min(finding.location!.startLine, source.lineCount))
    const offset = source.lineStart(line)
    const document = documents.find((doc) => doc.range[0] <= offset && offset < doc.range[2])
    if (!document)
      manual.push({ finding, reason: 'the finding does not point into a YAML document' })
    else byDocument.set(document, [...(byDocument.get(document) ?? []), finding])
  }
  const fixed: DocumentFix[] = []
  for (const [document, documentFindings] of byDocument) {
    try {
      const result = await fixDocument(document, documentFindings, source, step, settings, manual)
      if (result) fixed.push({ ...result, path: file })
    } catch (error) {
      if (!(error instanceof ManualOnly)) throw error
      manual.push(...documentFindings.map((finding) => ({ finding, reason: error.message })))
    }
  }
  return fixed
}

async function fixDocument(
  document: Document.Parsed,
  findings: Finding[],
  source: SourceText,
  step: number,
  settings: FixSettings,
  manual: ManualFix[]
): Promise<Omit<DocumentFix, 'path'> | undefined> {
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
    ...containerAt(pod, source, finding.location!.startLine)
  })
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
    if (finding.resource !== resource) {
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
      trial.lineEdits()
      accepted.push(finding)
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
    firstLine: source.lineOf(document.range[0]),
    lastLine: source.lastContentLine(document.range[2]),
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
  const { config } = context
  const root = await privateTempDir('hardening-fix-')
  try {
    const workspace = path.join(root, 'workspace')
    const files = new Map<string, string[]>()
    const rejected = new Map<DocumentFix, string>()
    for (const doc of documents) {
      const fixedText = applyLineEdits(doc.source, doc.edits, doc.firstLine, doc.lastLine)
      files.set(doc.path, [...(files.get(doc.path) ?? []), fixedText])
      // Only setting allowPrivilegeEscalation can create a combination the API refuses.
      const sets = doc.findings.some((f) => f.ruleId === 'HardeningPSSPrivilegeEscalation')
      const rejection = sets ? apiRejection(fixedText) : undefined
      if (rejection) rejected.set(doc, rejection)
    }
    for (const [file, texts] of files) {
      const target = path.join(workspace, file)
      await mkdir(path.dirname(target), { recursive: true })
      await writeFile(
        target,
        texts.map((text) => `---\n${text}${text.endsWith('\n') ? '' : '\n'}`).join('')
      )
    }
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
        manifests: [...files.keys()].map((file) => path.join(workspace, file)),
        extraPolicies,
        unreadableManifests: 'warn'
      }
    })
    const outcome = outcomes[0]!
    if (outcome.error) throw new Error(`verifying the fixes failed: ${outcome.error}`)
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
      const rejection = rejected.get(doc)
      if (added.length > 0 || rejection) {
        const reason = `the fix was not offered: ${rejection ?? `it would add ${added.map((f) => `${f.ruleId} (${f.message})`).join('; ')}`}`
        manual.push(...doc.findings.map((finding) => ({ finding, reason })))
        continue
      }
      const remaining = new Set(now.map((finding) => finding.fingerprint))
      const resolved = doc.findings.filter((finding) => !remaining.has(finding.fingerprint))
      for (const finding of doc.findings)
        if (remaining.has(finding.fingerprint))
          manual.push({
            finding,
            reason: 'the fix did not resolve it when re-evaluated; fix it by hand'
          })
      if (resolved.length > 0) verified.push({ ...doc, findings: resolved })
    }
    return verified
  } finally {
    await rm(root, { recursive: true, force: true })
  }
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

/** Whether a kustomization or Helm chart in the file's directory or above renders it. */
async function renderedBy(workspace: string, file: string): Promise<string | undefined> {
  for (
    let dir = path.dirname(file);
    !path.relative(workspace, dir).startsWith('..');
    dir = path.dirname(dir)
  ) {
    for (const name of [...KUSTOMIZATION_FILES, HELM_CHART_FILE]) {
      const exists = await lstat(path.join(dir, name)).then(
        () => true,
        () => false
      )
      if (exists) return name === HELM_CHART_FILE ? 'a Helm chart' : 'a kustomization'
    }
    if (dir === workspace || dir === path.dirname(dir)) break
  }
  return undefined
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

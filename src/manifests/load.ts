import { lstat, readdir, readFile, realpath } from 'node:fs/promises'
import path from 'node:path'
import {
  HELM_CHART_FILE,
  KUSTOMIZATION_FILES,
  renderHelmChart,
  renderKustomization,
  type Rendered
} from './render.js'
import { readKubeYaml, type KubeDocument } from './kube-yaml.js'

/** A Kubernetes object read from a file, able to say on which line any of its fields is. */
export interface ManifestObject {
  object: Record<string, unknown>
  /** Repo-relative POSIX path of the file it came from. */
  file: string
  /** 1-based line of the object's first field. */
  line: number
  /** 1-based line of a field given as `spec.template.spec.containers[1].image`, when it exists. */
  lineOf(fieldPath: string): number | undefined
}

/** A file (or part of one) that could not be read; reported, never silently dropped. */
export interface LoadProblem {
  file: string
  line?: number
  message: string
  /**
   * The gate fails on it (unless `unreadable-manifests: warn`): what we could not read looks
   * like a Kubernetes manifest (`apiVersion` and `kind`), or a size limit left part unscanned.
   */
  blocking?: boolean
}

export interface LoadResult {
  objects: ManifestObject[]
  problems: LoadProblem[]
}

export const MAX_MANIFEST_BYTES = 10 * 1024 * 1024
/**
 * Bytes of manifests read per run, all files together: what is read stays in memory as objects
 * (about 8x its size), and a 10 MiB document takes about 600 MB while it is parsed.
 */
export const MAX_RUN_MANIFEST_BYTES = 100 * 1024 * 1024
/** Documents read per file (a 10 MiB file of `---` lines would otherwise be a million). */
export const MAX_DOCUMENTS_PER_FILE = 10_000
const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json'])
const SKIPPED_DIRS = new Set(['.git', 'node_modules', '.tools'])

/**
 * Loads every Kubernetes object under `targets` (files or directories inside `workspace`). With
 * `render`, a directory with a kustomization (kustomize or kubectl) or a Helm chart (helm) is
 * rendered and stands in for its files.
 */
export async function loadManifests(
  workspace: string,
  targets: string[],
  options: { render?: boolean; timeoutMs?: number } = {}
): Promise<LoadResult> {
  const result: LoadResult = { objects: [], problems: [] }
  const files = await collectFiles(
    workspace,
    targets,
    (name) =>
      MANIFEST_EXTENSIONS.has(path.extname(name).toLowerCase()) ||
      KUSTOMIZATION_FILES.has(name) ||
      name === HELM_CHART_FILE
  )
  result.problems.push(...files.problems)
  const inside = (file: string, dir: string) => !path.relative(dir, file).startsWith('..')
  const charts = options.render
    ? files.files
        .filter((file) => path.basename(file) === HELM_CHART_FILE)
        .map((file) => path.dirname(file))
    : []
  const kustomizations = options.render
    ? files.files
        .filter((file) => KUSTOMIZATION_FILES.has(path.basename(file)))
        .map((file) => path.dirname(file))
    : []
  // A chart's templates are Go templates, not YAML: never read them as plain manifests.
  const plain = files.files.filter((file) => !charts.some((dir) => inside(file, dir)))
  const loaded = new Map<string, LoadResult>()
  const budget = { bytes: MAX_RUN_MANIFEST_BYTES }
  for (const file of plain)
    loaded.set(file, await loadFile(file, toPosix(path.relative(workspace, file)), budget))

  const covered = new Set<string>()
  const timeoutMs = options.timeoutMs ?? 120_000
  const take = (rendered: Rendered, dir: string) => {
    result.objects.push(...rendered.objects)
    result.problems.push(...rendered.problems)
    if (rendered.rendered)
      for (const file of loaded.keys()) if (inside(file, dir)) covered.add(file)
  }
  for (const dir of charts) take(await renderHelmChart(workspace, dir, timeoutMs), dir)
  for (const dir of kustomizations) {
    const sources = [...loaded].filter(([file]) => inside(file, dir)).flatMap(([, r]) => r.objects)
    take(await renderKustomization(workspace, dir, sources, timeoutMs), dir)
  }
  for (const [file, entry] of loaded) {
    if (covered.has(file)) continue
    result.objects.push(...entry.objects)
    result.problems.push(...entry.problems)
  }
  return result
}

/**
 * Lists the files under `targets` that `accept` takes (explicitly named files are always taken),
 * sorted, without following links out of the workspace and without oversized files.
 */
export async function collectFiles(
  workspace: string,
  targets: string[],
  accept: (name: string) => boolean
): Promise<{ files: string[]; problems: LoadProblem[] }> {
  const files = new Set<string>()
  const problems: LoadProblem[] = []
  for (const target of targets) await collect(workspace, target, accept, files, problems, true)
  return { files: [...files].sort(), problems }
}

async function collect(
  workspace: string,
  target: string,
  accept: (name: string) => boolean,
  files: Set<string>,
  problems: LoadProblem[],
  explicit: boolean
): Promise<void> {
  const relative = toPosix(path.relative(workspace, target)) || '.'
  let info
  try {
    info = await lstat(target)
  } catch {
    problems.push({ file: relative, message: 'does not exist' })
    return
  }
  if (info.isSymbolicLink()) {
    // Links are followed only while they stay inside the workspace; one that leaves it could
    // make the scan read (and report) files the repository does not own.
    const resolved = await realpath(target).catch(() => undefined)
    const inside = resolved && !path.relative(await realpath(workspace), resolved).startsWith('..')
    if (!inside) {
      problems.push({ file: relative, message: 'symbolic link leaves the workspace; not followed' })
      return
    }
    info = await lstat(resolved)
    if (info.isDirectory()) return // a linked directory is scanned where it really lives
  }
  if (info.isDirectory()) {
    if (!explicit && SKIPPED_DIRS.has(path.basename(target))) return
    for (const entry of (await readdir(target)).sort()) {
      await collect(workspace, path.join(target, entry), accept, files, problems, false)
    }
    return
  }
  if (info.isFile() && (explicit || accept(path.basename(target)))) {
    if (info.size > MAX_MANIFEST_BYTES) {
      problems.push({
        file: relative,
        message: `larger than ${MAX_MANIFEST_BYTES / 1024 / 1024} MiB (${info.size} bytes); not scanned`,
        blocking: true
      })
      return
    }
    files.add(target)
  }
}

async function loadFile(
  file: string,
  relative: string,
  budget: { bytes: number }
): Promise<LoadResult> {
  const bytes = await readFile(file)
  if (bytes.length > budget.bytes) {
    const limit = MAX_RUN_MANIFEST_BYTES / 1024 / 1024
    return unreadable(
      relative,
      `the run's manifests exceed ${limit} MiB in total; not scanned`,
      true
    )
  }
  budget.bytes -= bytes.length
  // go-yaml reads UTF-16 with a byte order mark, as one YAML stream (the `---` lines of
  // apimachinery's splitter are UTF-8 bytes).
  const utf16 =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? 'utf-16le'
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? 'utf-16be'
        : undefined
  // What a file looks like, even as UTF-16 without a byte order mark.
  const bytesLookLikeManifest = () => looksLikeManifest(bytes.toString('latin1').replace(/\0/g, ''))
  if (!utf16 && bytes.includes(0))
    return unreadable(relative, 'binary file; not scanned', bytesLookLikeManifest())
  let text: string
  try {
    // The byte order mark stays: go-yaml reads it, and a `---` after it is no separator.
    text = new TextDecoder(utf16 ?? 'utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    return unreadable(
      relative,
      `not valid ${utf16 ? 'UTF-16' : 'UTF-8'} text; not scanned`,
      bytesLookLikeManifest()
    )
  }
  return parseManifests(text, relative, { split: !utf16 })
}

function unreadable(file: string, message: string, blocking: boolean): LoadResult {
  return { objects: [], problems: [{ file, message, ...(blocking ? { blocking } : {}) }] }
}

/** A document Kubernetes would not read fails the gate when the file looks like a manifest. */
function looksLikeManifest(text: string): boolean {
  return /\bapiVersion["']?\s*:/.test(text) && /\bkind["']?\s*:/.test(text)
}

/**
 * Parses multi-document YAML (JSON is YAML) into objects exactly as Kubernetes reads it
 * (kube-yaml.ts); a broken document does not hide the others.
 */
export function parseManifests(
  text: string,
  relative: string,
  options: { split?: boolean } = {}
): LoadResult {
  const result: LoadResult = { objects: [], problems: [] }
  let count = 0
  for (const document of readKubeYaml(text, options)) {
    if (++count > MAX_DOCUMENTS_PER_FILE) {
      result.problems.push({
        file: relative,
        line: document.line,
        message: `more than ${MAX_DOCUMENTS_PER_FILE} documents; the rest from this line on is not scanned`,
        blocking: true
      })
      break
    }
    if (document.error) {
      result.problems.push({
        file: relative,
        line: document.error.line,
        message: `invalid YAML in the document starting at line ${document.line}: ${document.error.message}`
      })
      continue
    }
    const value = document.value
    if (!isKubernetesObject(value)) continue
    if (value.kind === 'List' && Array.isArray(value.items)) {
      value.items.forEach((item, index) => {
        if (isKubernetesObject(item))
          result.objects.push(manifestObject(item, relative, document, ['items', index]))
      })
    } else {
      result.objects.push(manifestObject(value, relative, document, []))
    }
  }
  if (result.problems.some((problem) => !problem.blocking) && looksLikeManifest(text))
    for (const problem of result.problems) problem.blocking = true
  return result
}

function manifestObject(
  object: Record<string, unknown>,
  file: string,
  document: KubeDocument,
  prefix: Array<string | number>
): ManifestObject {
  return {
    object,
    file,
    line: prefix.length === 0 ? document.line : (document.lineOf(prefix) ?? document.line),
    lineOf: (fieldPath) => document.lineOf([...prefix, ...parseFieldPath(fieldPath)])
  }
}

/** `spec.containers[1].image` → ['spec', 'containers', 1, 'image']; `metadata.annotations["a.b/c"]` keeps the quoted key whole. */
export function parseFieldPath(fieldPath: string): Array<string | number> {
  const segments: Array<string | number> = []
  const pattern = /([^.[\]]+)|\[(\d+)\]|\["([^"]*)"\]|\['([^']*)'\]/g
  for (const match of fieldPath.matchAll(pattern)) {
    if (match[1] !== undefined) segments.push(match[1])
    else if (match[2] !== undefined) segments.push(Number(match[2]))
    else segments.push(match[3] ?? match[4])
  }
  return segments
}

function isKubernetesObject(
  value: unknown
): value is Record<string, unknown> & { kind: string; items?: unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as Record<string, unknown>).kind === 'string' &&
    typeof (value as Record<string, unknown>).apiVersion === 'string'
  )
}

function toPosix(value: string): string {
  return value.split(path.sep).join('/')
}

import { lstat, readdir, readFile, realpath } from 'node:fs/promises'
import path from 'node:path'
import {
  HELM_CHART_FILE,
  KUSTOMIZATION_FILES,
  renderHelmChart,
  renderKustomization,
  type Rendered
} from './render.js'
import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  type Document,
  type Node
} from 'yaml'

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
}

export interface LoadResult {
  objects: ManifestObject[]
  problems: LoadProblem[]
}

export const MAX_MANIFEST_BYTES = 10 * 1024 * 1024
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
  for (const file of plain)
    loaded.set(file, await loadFile(file, toPosix(path.relative(workspace, file))))

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
        message: `larger than ${MAX_MANIFEST_BYTES / 1024 / 1024} MiB (${info.size} bytes); not scanned`
      })
      return
    }
    files.add(target)
  }
}

async function loadFile(file: string, relative: string): Promise<LoadResult> {
  const bytes = await readFile(file)
  if (bytes.includes(0))
    return { objects: [], problems: [{ file: relative, message: 'binary file; not scanned' }] }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return {
      objects: [],
      problems: [{ file: relative, message: 'not valid UTF-8 text; not scanned' }]
    }
  }
  return parseManifests(text, relative)
}

/** Parses multi-document YAML (JSON is YAML) into objects; a broken document does not hide the others. */
export function parseManifests(text: string, relative: string): LoadResult {
  const lineCounter = new LineCounter()
  const result: LoadResult = { objects: [], problems: [] }
  const documents = parseAllDocuments(text, { lineCounter, uniqueKeys: false })
  const docs = Array.isArray(documents) ? documents : []
  for (const document of docs) {
    if (document.errors.length > 0) {
      const error = document.errors[0]
      const start = lineCounter.linePos((document.contents?.range ?? document.range)[0]).line
      result.problems.push({
        file: relative,
        line: lineCounter.linePos(error.pos[0]).line,
        message: `invalid YAML in the document starting at line ${start}: ${error.message.split('\n')[0]}`
      })
      continue
    }
    let value: unknown
    try {
      // maxAliasCount bounds "billion laughs" alias expansion.
      value = document.toJS({ maxAliasCount: 100 })
    } catch (error) {
      const line = document.contents?.range
        ? lineCounter.linePos(document.contents.range[0]).line
        : undefined
      result.problems.push({
        file: relative,
        line,
        message: `cannot read document: ${(error as Error).message}`
      })
      continue
    }
    if (!isKubernetesObject(value)) continue
    if (value.kind === 'List' && Array.isArray(value.items)) {
      value.items.forEach((item, index) => {
        if (isKubernetesObject(item)) {
          result.objects.push(
            manifestObject(item, relative, document, lineCounter, ['items', index])
          )
        }
      })
    } else {
      result.objects.push(manifestObject(value, relative, document, lineCounter, []))
    }
  }
  return result
}

function manifestObject(
  object: Record<string, unknown>,
  file: string,
  document: Document,
  lineCounter: LineCounter,
  prefix: Array<string | number>
): ManifestObject {
  const root =
    prefix.length === 0 ? document.contents : (document.getIn(prefix, true) as Node | undefined)
  const line = root?.range ? lineCounter.linePos(root.range[0]).line : 1
  return {
    object,
    file,
    line,
    lineOf(fieldPath) {
      const offset = fieldOffset(root ?? null, parseFieldPath(fieldPath))
      return offset === undefined ? undefined : lineCounter.linePos(offset).line
    }
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

/** Offset of the deepest node on the path that exists: the key for a map entry, the item for a sequence. */
function fieldOffset(node: unknown, segments: Array<string | number>): number | undefined {
  let current = node
  let offset: number | undefined
  for (const segment of segments) {
    if (isMap(current)) {
      const pair = current.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === String(segment)
      )
      if (!pair) return offset
      offset = isScalar(pair.key) && pair.key.range ? pair.key.range[0] : offset
      current = pair.value
    } else if (isSeq(current) && typeof segment === 'number') {
      const item = current.items[segment] as Node | undefined
      if (!item) return offset
      offset = item.range ? item.range[0] : offset
      current = item
    } else {
      return offset
    }
  }
  return offset
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

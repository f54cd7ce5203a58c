import { lstat, readdir, readFile, realpath } from 'node:fs/promises'
import path from 'node:path'
import {
  HELM_CHART_FILE,
  KUSTOMIZATION_FILES,
  renderKustomization,
  type Rendered
} from './render.js'
import { renderHelmChart } from './helm.js'
import { looksLikeManifest, parseManifests, type LoadProblem, type LoadResult } from './parse.js'
import { toPosix } from '../util/posix-path.js'

export const MAX_MANIFEST_BYTES = 10 * 1024 * 1024
/**
 * Bytes of manifests read per run, all files together: what is read stays in memory as objects
 * (about 8x its size), and a 10 MiB document takes about 400 MB while the yaml package reads it
 * (about 160 MB when it is plain block YAML, read without it: kube-yaml.ts, readSimpleBlock).
 */
export const MAX_RUN_MANIFEST_BYTES = 100 * 1024 * 1024
const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json'])
const SKIPPED_DIRS = new Set(['.git', 'node_modules', '.tools'])

/**
 * Loads every Kubernetes object under `targets` (files or directories inside `workspace`). With
 * `render`, a directory with a kustomization (kustomize or kubectl) or a Helm chart (helm) is
 * rendered and stands in for its files; `helmValues` names each chart's values sets (lists of
 * absolute paths, by absolute chart directory), each rendered and checked on its own.
 */
export async function loadManifests(
  workspace: string,
  targets: string[],
  options: {
    render?: boolean
    timeoutMs?: number
    helmValues?: Record<string, string[][]>
    /** `kustomize-remote`: let kustomize fetch remote bases (refused by default). */
    kustomizeRemote?: boolean
  } = {}
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
  const relativeOf = (file: string) => toPosix(path.relative(workspace, file))
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
  for (const file of plain) loaded.set(file, await loadFile(file, relativeOf(file), budget))

  const timeoutMs = options.timeoutMs ?? 120_000
  const take = (rendered: Rendered) => {
    result.objects.push(...rendered.objects)
    result.problems.push(...rendered.problems)
  }
  for (const dir of charts)
    take(await renderHelmChart(workspace, dir, timeoutMs, options.helmValues?.[dir]))
  // In a rendered kustomization's directory, what a kustomization reads stands for nothing on
  // its own; the rest (what `kubectl apply -f dir/` would apply) is checked as it is.
  const reads = new Set<string>()
  const rendered: Array<{ dir: string; file: string }> = []
  for (const dir of kustomizations) {
    const sources = [...loaded].filter(([file]) => inside(file, dir)).flatMap(([, r]) => r.objects)
    const kustomization = await renderKustomization(workspace, dir, sources, {
      timeoutMs,
      allowRemote: options.kustomizeRemote
    })
    take(kustomization)
    if (!kustomization.rendered) continue
    for (const file of kustomization.reads ?? []) reads.add(file)
    rendered.push({ dir, file: kustomization.file })
  }
  const unreferenced = new Map<string, string[]>()
  for (const [file, entry] of loaded) {
    // The innermost rendered kustomization whose directory holds the file.
    const owner = rendered
      .filter(({ dir }) => inside(file, dir))
      .sort((a, b) => b.dir.length - a.dir.length)[0]
    if (owner && reads.has(path.resolve(file))) continue
    result.objects.push(...entry.objects)
    result.problems.push(...entry.problems)
    if (owner && entry.objects.length > 0)
      unreferenced.set(owner.file, [...(unreferenced.get(owner.file) ?? []), relativeOf(file)])
  }
  for (const [file, files] of unreferenced)
    result.problems.push({
      file,
      message: `not referenced by this kustomization, so checked as plain manifests (as \`kubectl apply -f\` on the directory would apply them): ${files.join(', ')}`
    })
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
  // Decoded in a function of its own, so the bytes are garbage while the text is parsed.
  const decoded = decode(await readFile(file), relative, budget)
  return 'text' in decoded
    ? parseManifests(decoded.text, relative, { split: !decoded.utf16 })
    : decoded
}

/** A manifest file's text, or why it is not read. */
function decode(
  bytes: Buffer,
  relative: string,
  budget: { bytes: number }
): { text: string; utf16: boolean } | LoadResult {
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
  return { text, utf16: utf16 !== undefined }
}

function unreadable(file: string, message: string, blocking: boolean): LoadResult {
  return { objects: [], problems: [{ file, message, ...(blocking ? { blocking } : {}) }] }
}

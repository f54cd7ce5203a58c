// Manifest text to Kubernetes objects that remember their file and lines; load.ts reads the
// files and render.ts renders kustomizations and charts, both through this.
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
  /** The Helm values set it was rendered with, when its chart is rendered with several. */
  valuesSet?: string
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

/** Documents read per file (a 10 MiB file of `---` lines would otherwise be a million). */
export const MAX_DOCUMENTS_PER_FILE = 10_000
/** A document Kubernetes would not read fails the gate when the file looks like a manifest. */
export function looksLikeManifest(text: string): boolean {
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

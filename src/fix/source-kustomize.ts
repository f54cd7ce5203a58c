// Fixes in the resource files of kustomizations: which kustomizations render a file, and whether
// a patch or the images transformer of one of them sets a field a fix edits (then the edit would
// not reach, or would fight, the rendered object, and the finding is left to a person).
import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { parse } from 'yaml'
import { collectFiles, MAX_MANIFEST_BYTES } from '../manifests/load.js'
import { readKubeYaml } from '../manifests/kube-yaml.js'
import {
  KUSTOMIZATION_FILES,
  kustomizationInputs,
  renderKustomization
} from '../manifests/render.js'
import { relativePosix } from '../util/posix-path.js'

/** A kustomization the scan rendered, and what it reads and renders. */
export interface KustomizeRoot {
  /** Absolute directory. */
  dir: string
  /** Its kustomization file, repo-relative. */
  file: string
  /** The manifests it includes (absolute), through bases and components. */
  resources: ReadonlySet<string>
  /** Every file it reads (absolute): resources, kustomization files, patches, generator inputs. */
  reads: ReadonlySet<string>
  /** The objects it renders, named as findings name resources (`Kind/namespace/name`). */
  renders: ReadonlySet<string>
}

/** The kustomizations under `targets` that render (as the scan renders them with kustomize). */
export async function kustomizeRoots(
  workspace: string,
  targets: string[],
  options: Parameters<typeof renderKustomization>[3]
): Promise<KustomizeRoot[]> {
  const { files } = await collectFiles(workspace, targets, (name) => KUSTOMIZATION_FILES.has(name))
  const roots: KustomizeRoot[] = []
  for (const dir of files
    .filter((file) => KUSTOMIZATION_FILES.has(path.basename(file)))
    .map((file) => path.dirname(file))) {
    const inputs = await kustomizationInputs(dir).catch(() => undefined)
    if (!inputs || inputs.component) continue
    const rendered = await renderKustomization(workspace, dir, [], options)
    if (!rendered.rendered) continue
    roots.push({
      dir,
      file: rendered.file,
      resources: new Set(inputs.resources),
      reads: inputs.reads,
      renders: new Set(rendered.objects.map(({ object }) => resourceName(object)))
    })
  }
  return roots
}

/** `Kind/namespace/name`, as findings name resources. */
export function resourceName(object: Record<string, unknown>): string {
  const metadata = (object.metadata ?? {}) as Record<string, unknown>
  return [object.kind, metadata.namespace, metadata.name]
    .filter((part) => part !== undefined && part !== null && part !== '')
    .join('/')
}

/**
 * The kustomizations that include `file` (absolute) as a resource; a reason when the finding
 * points at a file a kustomization reads for another purpose; undefined when none reads it
 * (the scan checked it as a plain manifest).
 */
export function rootsIncluding(
  workspace: string,
  roots: KustomizeRoot[],
  file: string
): KustomizeRoot[] | string | undefined {
  const including = roots.filter((root) => root.resources.has(file))
  if (including.length > 0) return including
  const reader = roots.find((root) => root.reads.has(file))
  if (!reader) return undefined
  const relative = relativePosix(workspace, file)
  return KUSTOMIZATION_FILES.has(path.basename(file))
    ? `the object is made by ${relative} (a generator or a remote base), not read from a resource file; fix it by hand`
    : `${relative} is a patch or generator input of ${reader.file}, not the object's resource file; fix the object where it is defined, by hand`
}

/** A path into an object: keys, `[name]` for a list item with that name, `[3]` for others. */
type FieldPath = string[]

interface Change {
  path: FieldPath
  before: unknown
}

/**
 * Why the fix that turns the resource document `before` into `after` would not reach the object
 * `resource` as the kustomizations that render it produce it: a patch that sets a field the fix
 * edits (or a field inside it), or an `images:` entry for an image the fix pins.
 */
export async function kustomizeConflict(
  workspace: string,
  roots: KustomizeRoot[],
  file: string,
  resource: string,
  before: string,
  after: string
): Promise<string | undefined> {
  const renderers = roots.filter((root) => root.renders.has(resource))
  if (renderers.length === 0)
    return `no kustomization that includes this file renders ${resource}; fix it by hand`
  const raw = parse(before, { version: '1.1' }) as Record<string, unknown>
  const changes = diff(raw, parse(after, { version: '1.1' }), [])
  const kind = String(raw.kind)
  const name = String((raw.metadata as Record<string, unknown> | undefined)?.name ?? '')
  for (const root of renderers)
    for (const layer of await layersTo(root.dir, file)) {
      const where = relativePosix(workspace, layer.file)
      for (const patch of await patchesOf(layer, kind, name, raw)) {
        const change = changes.find((c) => patch.fields.some((field) => overlaps(field, c.path)))
        if (change)
          return `the fix edits ${show(change.path)}, which ${patch.label} of ${where} also sets; fix it there or by hand`
      }
      for (const change of changes) {
        if (change.path.at(-1) !== 'image' || typeof change.before !== 'string') continue
        const entry = list(layer.kustomization.images).find(
          (image) =>
            (image as { name?: unknown } | null)?.name === repository(change.before as string)
        )
        if (entry)
          return `the images: entry for ${repository(change.before)} in ${where} sets this image when it renders; pin it there`
      }
    }
  return undefined
}

interface Layer {
  file: string
  dir: string
  kustomization: Record<string, unknown>
}

/**
 * The kustomizations from `dir` down to the one that lists `file`, with the components each of
 * them uses (their patches apply to everything that kustomization holds).
 */
async function layersTo(dir: string, file: string, seen = new Set<string>()): Promise<Layer[]> {
  if (seen.has(dir)) return []
  seen.add(dir)
  const layer = await readLayer(dir)
  if (!layer) return []
  const entries = ['resources', 'bases', 'components'].flatMap((field) =>
    list(layer.kustomization[field]).filter((entry): entry is string => typeof entry === 'string')
  )
  const components = list(layer.kustomization.components).filter(
    (entry): entry is string => typeof entry === 'string'
  )
  const used = async () =>
    (await Promise.all(components.map((entry) => readLayer(path.resolve(dir, entry))))).filter(
      (component): component is Layer => component !== undefined
    )
  for (const entry of entries) {
    const target = path.resolve(dir, entry)
    if (target === file) return [layer, ...(await used())]
    if (!(await stat(target).catch(() => undefined))?.isDirectory()) continue
    const below = await layersTo(target, file, seen)
    if (below.length > 0) return [layer, ...(await used()), ...below]
  }
  return []
}

async function readLayer(dir: string): Promise<Layer | undefined> {
  for (const name of KUSTOMIZATION_FILES) {
    const file = path.join(dir, name)
    const text = await readFile(file, 'utf8').catch(() => undefined)
    if (text === undefined) continue
    const [document] = readKubeYaml(text)
    const kustomization = document?.value
    if (!kustomization || typeof kustomization !== 'object') return undefined
    return { file, dir, kustomization: kustomization as Record<string, unknown> }
  }
  return undefined
}

interface Patch {
  /** How the reason names it: `the patch patch.yaml`, `the inline patch patches[0]`. */
  label: string
  /** The fields it sets. */
  fields: FieldPath[]
}

/** The patches of a kustomization that apply to the object `kind`/`name` (`raw` as written). */
async function patchesOf(
  layer: Layer,
  kind: string,
  name: string,
  raw: Record<string, unknown>
): Promise<Patch[]> {
  const patches: Patch[] = []
  const add = async (field: string, index: number, entry: unknown) => {
    const spec = (typeof entry === 'string' ? { patch: entry } : (entry ?? {})) as Record<
      string,
      unknown
    >
    const inline = typeof spec.patch === 'string' ? spec.patch : undefined
    const file = typeof spec.path === 'string' ? spec.path : undefined
    const text = inline ?? (file ? await readPatch(path.resolve(layer.dir, file)) : '')
    const label = file ? `the patch ${file}` : `the inline patch ${field}[${index}]`
    const target = spec.target as Record<string, unknown> | undefined
    if (target && !(matches(target.kind, kind) && matches(target.name, name))) return
    // What cannot be read here may set anything.
    if (text === undefined) return void patches.push({ label: `unreadable ${label}`, fields: [[]] })
    for (const document of readKubeYaml(text)) {
      const value = document.value
      if (Array.isArray(value)) patches.push({ label, fields: jsonPatchFields(value, raw) })
      else if (value && typeof value === 'object') {
        const object = value as Record<string, unknown>
        const meta = (object.metadata ?? {}) as Record<string, unknown>
        if (target || (matches(object.kind, kind) && matches(meta.name, name)))
          patches.push({ label, fields: mergePatchFields(object) })
      }
    }
  }
  const fields: Array<[string, unknown[]]> = [
    ['patches', list(layer.kustomization.patches)],
    ['patchesStrategicMerge', list(layer.kustomization.patchesStrategicMerge)],
    ['patchesJson6902', list(layer.kustomization.patchesJson6902)]
  ]
  for (const [field, entries] of fields)
    for (const [index, entry] of entries.entries()) {
      // A patch file may hold a path to a file: strategic merge entries are paths, not YAML.
      const value =
        field === 'patchesStrategicMerge' && typeof entry === 'string' && !entry.includes('\n')
          ? { path: entry }
          : entry
      await add(field, index, value)
    }
  return patches
}

/** A patch file's text; undefined unless it is a regular file within the manifest size limit. */
async function readPatch(file: string): Promise<string | undefined> {
  const info = await stat(file).catch(() => undefined)
  if (!info?.isFile() || info.size > MAX_MANIFEST_BYTES) return undefined
  return readFile(file, 'utf8').catch(() => undefined)
}

/** A target's kind or name (a regular expression to kustomize) against the object's. */
function matches(pattern: unknown, value: string): boolean {
  if (pattern === undefined || pattern === null || pattern === '') return true
  const text = String(pattern)
  // Names in an overlay's targets carry the prefixes of the bases below it.
  if (text === value || text.includes(value)) return true
  try {
    return new RegExp(`^(?:${text})$`).test(value)
  } catch {
    return true
  }
}

/** The fields a strategic merge patch sets: its leaves; lists of named items merge by name. */
function mergePatchFields(patch: Record<string, unknown>): FieldPath[] {
  const fields: FieldPath[] = []
  const walk = (value: unknown, at: FieldPath) => {
    if (Array.isArray(value)) {
      if (value.length > 0 && value.every((item) => typeof nameOf(item) === 'string'))
        for (const item of value) walk(item, [...at, `[${nameOf(item)}]`])
      else fields.push(at)
    } else if (value && typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>)
      // `$patch: replace/delete` and other directives act on the whole map.
      if (entries.length === 0 || entries.some(([key]) => key.startsWith('$'))) fields.push(at)
      else
        for (const [key, inner] of entries)
          if (key !== 'name' || !at.at(-1)?.startsWith('[')) walk(inner, [...at, key])
    } else fields.push(at)
  }
  // The patch's own kind and name say what it patches; they set nothing.
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'apiVersion' || key === 'kind') continue
    const set = key === 'metadata' ? { ...(value as Record<string, unknown>) } : value
    if (key === 'metadata') {
      delete (set as Record<string, unknown>).name
      delete (set as Record<string, unknown>).namespace
      if (Object.keys(set as object).length === 0) continue
    }
    walk(set, [key])
  }
  return fields
}

/** The fields a JSON patch touches, with list indexes read as item names where `raw` has them. */
function jsonPatchFields(operations: unknown[], raw: unknown): FieldPath[] {
  const fields: FieldPath[] = []
  for (const operation of operations) {
    const { path: to, from } = (operation ?? {}) as Record<string, unknown>
    for (const pointer of [to, from]) {
      if (typeof pointer !== 'string') continue
      const field: FieldPath = []
      let node = raw
      for (const segment of pointer
        .split('/')
        .slice(1)
        .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))) {
        if (Array.isArray(node)) {
          if (!/^\d+$/.test(segment)) break // `-` appends: the list itself
          const item: unknown = node[Number(segment)]
          const itemName = nameOf(item)
          field.push(typeof itemName === 'string' ? `[${itemName}]` : `[${segment}]`)
          node = item
        } else {
          field.push(segment)
          node = (node as Record<string, unknown> | undefined)?.[segment]
        }
      }
      fields.push(field)
    }
  }
  return fields
}

/** The fields whose values differ between two versions of an object. */
function diff(before: unknown, after: unknown, at: FieldPath): Change[] {
  if (Array.isArray(before) && Array.isArray(after)) {
    const named = [...before, ...after].every((item) => typeof nameOf(item) === 'string')
    const keys = named
      ? [...new Set([...before, ...after].map((item) => nameOf(item) as string))]
      : [...Array(Math.max(before.length, after.length)).keys()].map(String)
    const itemOf = (items: unknown[], key: string) =>
      named ? items.find((item) => nameOf(item) === key) : items[Number(key)]
    return keys.flatMap((key) => diff(itemOf(before, key), itemOf(after, key), [...at, `[${key}]`]))
  }
  if (isObject(before) && isObject(after))
    return [...new Set([...Object.keys(before), ...Object.keys(after)])].flatMap((key) =>
      diff(before[key], after[key], [...at, key])
    )
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path: at, before }]
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value)

const nameOf = (item: unknown) => (isObject(item) ? item.name : undefined)

/** One field holds or is held by the other. */
function overlaps(a: FieldPath, b: FieldPath): boolean {
  const length = Math.min(a.length, b.length)
  return a.slice(0, length).every((segment, index) => segment === b[index])
}

const show = (field: FieldPath) => field.join('.').replace(/\.\[/g, '[')

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])

/** An image reference without its tag and digest: what an `images:` entry's name matches. */
function repository(image: string): string {
  const withoutDigest = image.split('@')[0]!
  const slash = withoutDigest.lastIndexOf('/')
  const colon = withoutDigest.lastIndexOf(':')
  return colon > slash ? withoutDigest.slice(0, colon) : withoutDigest
}

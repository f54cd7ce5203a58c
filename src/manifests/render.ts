import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { runTool } from '../util/run-tool.js'
import { findOnPath } from '../util/which.js'
import { readKubeYaml } from './kube-yaml.js'
import { parseManifests, type LoadResult, type ManifestObject } from './parse.js'
import { relativePosix } from '../util/posix-path.js'

export const KUSTOMIZATION_FILES = new Set([
  'kustomization.yaml',
  'kustomization.yml',
  'Kustomization'
])
export const HELM_CHART_FILE = 'Chart.yaml'

/**
 * The objects a directory renders to; `rendered: false` means its files stand as they are.
 * `reads`: the files a rendered kustomization reads (absolute), which stand for nothing on their own.
 */
export type Rendered = LoadResult & {
  rendered: boolean
  /** The file that stands for the directory (its kustomization file, or Chart.yaml), repo-relative. */
  file: string
  reads?: ReadonlySet<string>
}

/** A directory that was not rendered, and why. */
export function notRendered(file: string, message: string, blocking = false): Rendered {
  return {
    rendered: false,
    file,
    objects: [],
    problems: [{ file, message, ...(blocking ? { blocking } : {}) }]
  }
}

/** `kustomize build DIR`, or `kubectl kustomize DIR` when only kubectl is installed. */
async function renderer(): Promise<((dir: string) => [string, string[]]) | undefined> {
  const kustomize = await findOnPath('kustomize')
  if (kustomize) return (dir) => [kustomize, ['build', dir]]
  const kubectl = await findOnPath('kubectl')
  if (kubectl) return (dir) => [kubectl, ['kustomize', dir]]
  return undefined
}

const identity = (object: Record<string, unknown>) => {
  const metadata = (object.metadata ?? {}) as Record<string, unknown>
  return { kind: String(object.kind), name: String(metadata.name ?? '') }
}

/**
 * Renders a kustomization and points each rendered object back at the file and lines it came
 * from (same kind, name equal or wrapped by namePrefix/nameSuffix); an object only a generator
 * produced points at the kustomization file.
 */
export async function renderKustomization(
  workspace: string,
  dir: string,
  sources: ManifestObject[],
  timeoutMs: number
): Promise<Rendered> {
  const inputs = await kustomizationInputs(dir).catch(() => undefined)
  const kustomizationFile = relativePosix(
    workspace,
    inputs?.file ?? path.join(dir, 'kustomization.yaml')
  )
  // A component's files are patches and parts for the kustomizations that use it.
  if (inputs?.component)
    return {
      rendered: true,
      file: kustomizationFile,
      objects: [],
      problems: [],
      reads: inputs.reads
    }
  const render = await renderer()
  if (!render)
    return notRendered(
      kustomizationFile,
      'neither kustomize nor kubectl is on PATH; its files were checked as plain manifests (patches not applied)'
    )
  const [command, args] = render(dir)
  let output: string
  try {
    output = (await runTool(command, args, { timeoutMs })).stdout
  } catch (error) {
    return notRendered(
      kustomizationFile,
      `kustomize build failed (${(error as Error).message}); its files were checked as plain manifests`
    )
  }
  const parsed = parseManifests(output, kustomizationFile)
  // The files the kustomization pulls in (bases may live outside the scanned directory).
  for (const file of inputs?.resources ?? []) {
    const text = await readFile(file, 'utf8').catch(() => '')
    sources.push(...parseManifests(text, relativePosix(workspace, file)).objects)
  }
  const objects = parsed.objects.map((rendered) => {
    const { kind, name } = identity(rendered.object)
    const source = sources.find((candidate) => {
      const raw = identity(candidate.object)
      return raw.kind === kind && raw.name !== '' && (raw.name === name || name.includes(raw.name))
    })
    return source
      ? { ...source, object: rendered.object }
      : { object: rendered.object, file: kustomizationFile, line: 1, lineOf: () => undefined }
  })
  return {
    rendered: true,
    file: kustomizationFile,
    objects,
    problems: parsed.problems,
    reads: inputs?.reads ?? new Set()
  }
}

/**
 * The files a bundle's kustomization lists, following `resources:` into sub-kustomizations.
 * Our bundles only compose files (no patches), so listing them is all the rendering they need,
 * and the action does not depend on kustomize being on the runner.
 */
export async function kustomizationFiles(dir: string): Promise<string[]> {
  const inputs = await kustomizationInputs(dir)
  const [missing] = inputs.missing
  if (missing)
    throw new Error(`${missing.kustomization} lists '${missing.entry}', which does not exist`)
  return inputs.resources
}

/** What `kustomize build` reads for a kustomization (absolute paths). */
export interface KustomizationInputs {
  /** The kustomization file itself (its name varies). */
  file: string
  /** `kind: Component`: only ever part of another kustomization, never built alone. */
  component: boolean
  /** The manifests it includes, through sub-kustomizations and components. */
  resources: string[]
  /** Every file it reads: those, each kustomization file, patches, generator inputs, ... */
  reads: Set<string>
  /** Local entries that do not exist (remote bases are not files, and not listed here). */
  missing: Array<{ kustomization: string; entry: string }>
}

/** A kustomization entry kustomize fetches instead of reading (a git repository or a URL). */
const isRemote = (entry: string) =>
  /^[a-z][a-z0-9+.-]*:\/\/|^git@|^(github\.com|gitlab\.com|bitbucket\.org)\//i.test(entry)

/**
 * Walks a kustomization as kustomize reads it: `resources`/`bases` and `components` (files,
 * or directories with their own kustomization), and every field that names a file kustomize
 * reads but that is no standalone manifest (patches, generator inputs, replacements, ...).
 */
export async function kustomizationInputs(
  dir: string,
  seen = new Set<string>()
): Promise<KustomizationInputs> {
  const real = path.resolve(dir)
  const inputs: KustomizationInputs = {
    file: '',
    component: false,
    resources: [],
    reads: new Set(),
    missing: []
  }
  if (seen.has(real)) return inputs
  seen.add(real)
  let text: string | undefined
  for (const name of KUSTOMIZATION_FILES) {
    inputs.file = path.join(real, name)
    text = await readFile(inputs.file, 'utf8').catch(() => undefined)
    if (text !== undefined) break
  }
  if (text === undefined) throw new Error(`${dir} has no kustomization.yaml`)
  inputs.reads.add(inputs.file)
  // Read as kustomize reads it (sigs.k8s.io/yaml), like every other manifest.
  const [document] = readKubeYaml(text)
  if (document?.error)
    throw new Error(`${inputs.file}:${document.error.line}: ${document.error.message}`)
  const kustomization = (document?.value ?? {}) as Record<string, unknown>
  inputs.component = kustomization.kind === 'Component'
  const entries = (field: string): unknown[] => {
    const value = kustomization[field]
    return Array.isArray(value) ? value : []
  }
  const strings = (values: unknown[]) => values.filter((v): v is string => typeof v === 'string')
  const pathsOf = (values: unknown[]) =>
    values.flatMap((v) => {
      const file = (v as { path?: unknown } | null)?.path
      return typeof file === 'string' ? [file] : []
    })

  /** A file, or a directory whose kustomization is walked; `include`: its files are resources. */
  const follow = async (entry: string, include: boolean) => {
    const target = path.resolve(real, entry)
    const info = await stat(target).catch(() => undefined)
    if (!info) {
      if (!isRemote(entry)) inputs.missing.push({ kustomization: inputs.file, entry })
    } else if (info.isDirectory()) {
      const nested = await kustomizationInputs(target, seen)
      if (include) inputs.resources.push(...nested.resources)
      for (const file of nested.reads) inputs.reads.add(file)
      inputs.missing.push(...nested.missing)
    } else {
      if (include) inputs.resources.push(target)
      inputs.reads.add(target)
    }
  }
  /** A file kustomize reads that is not a manifest; inline YAML (patches, plugins) is none. */
  const read = async (entry: string) => {
    const target = path.resolve(real, entry)
    if (!entry.includes('\n') && (await stat(target).catch(() => undefined))?.isFile())
      inputs.reads.add(target)
  }

  for (const field of ['resources', 'bases', 'components'])
    for (const entry of strings(entries(field))) await follow(entry, true)
  // Plugin configurations may be directories with a kustomization of their own.
  for (const field of ['generators', 'transformers', 'validators'])
    for (const entry of strings(entries(field)))
      if (!entry.includes('\n')) await follow(entry, false)
  const generatorFiles = [...entries('configMapGenerator'), ...entries('secretGenerator')].flatMap(
    (generator) => {
      const { files, envs, env } = (generator ?? {}) as Record<string, unknown>
      return [
        // `files` entries are `path` or `key=path`.
        ...strings(Array.isArray(files) ? files : []).map((file) => file.replace(/^[^=]*=/, '')),
        ...strings(Array.isArray(envs) ? envs : []),
        ...strings([env])
      ]
    }
  )
  const openapi = kustomization.openapi as { path?: unknown } | undefined
  for (const entry of [
    ...strings(entries('crds')),
    ...strings(entries('configurations')),
    ...strings(entries('patchesStrategicMerge')),
    ...pathsOf(entries('patches')),
    ...pathsOf(entries('patchesJson6902')),
    ...pathsOf(entries('replacements')),
    ...pathsOf([openapi]),
    ...generatorFiles
  ])
    await read(entry)
  return inputs
}

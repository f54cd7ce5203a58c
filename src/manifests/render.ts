import { readdir, readFile, readlink, realpath, stat } from 'node:fs/promises'
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

/** The objects a directory renders to; `rendered: false` means its files stand as they are. */
export type Rendered = LoadResult & { rendered: boolean }

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
  const kustomizationFile = relativePosix(workspace, path.join(dir, 'kustomization.yaml'))
  const render = await renderer()
  if (!render) {
    return {
      rendered: false,
      objects: [],
      problems: [
        {
          file: kustomizationFile,
          message:
            'neither kustomize nor kubectl is on PATH; its files were checked as plain manifests (patches not applied)'
        }
      ]
    }
  }
  const [command, args] = render(dir)
  let output: string
  try {
    output = (await runTool(command, args, { timeoutMs })).stdout
  } catch (error) {
    return {
      rendered: false,
      objects: [],
      problems: [
        {
          file: kustomizationFile,
          message: `kustomize build failed (${(error as Error).message}); its files were checked as plain manifests`
        }
      ]
    }
  }
  const parsed = parseManifests(output, kustomizationFile)
  // The files the kustomization pulls in (bases may live outside the scanned directory).
  const listed = await kustomizationFiles(dir).catch(() => [] as string[])
  for (const file of listed) {
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
  return { rendered: true, objects, problems: parsed.problems }
}

/**
 * The files a bundle's kustomization lists, following `resources:` into sub-kustomizations.
 * Our bundles only compose files (no patches), so listing them is all the rendering they need,
 * and the action does not depend on kustomize being on the runner.
 */
export async function kustomizationFiles(dir: string, seen = new Set<string>()): Promise<string[]> {
  const real = path.resolve(dir)
  if (seen.has(real)) return []
  seen.add(real)
  const file = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].map((name) =>
    path.join(real, name)
  )
  let text: string | undefined
  for (const candidate of file) {
    text = await readFile(candidate, 'utf8').catch(() => undefined)
    if (text !== undefined) break
  }
  if (text === undefined) throw new Error(`${dir} has no kustomization.yaml`)
  // Read as kustomize reads it (sigs.k8s.io/yaml), like every other manifest.
  const [document] = readKubeYaml(text)
  if (document?.error)
    throw new Error(`${dir}/kustomization.yaml:${document.error.line}: ${document.error.message}`)
  const kustomization = (document?.value ?? {}) as { resources?: string[]; patches?: unknown[] }
  const files: string[] = []
  for (const resource of kustomization.resources ?? []) {
    const target = path.resolve(real, resource)
    const info = await stat(target).catch(() => undefined)
    if (!info)
      throw new Error(`${dir}/kustomization.yaml lists '${resource}', which does not exist`)
    if (info.isDirectory()) files.push(...(await kustomizationFiles(target, seen)))
    else files.push(target)
  }
  return files
}

/** The first symbolic link under `dir` whose target is outside it (or missing). */
async function linkLeaving(dir: string): Promise<{ file: string; target: string } | undefined> {
  const root = await realpath(dir)
  const walk = async (current: string): Promise<{ file: string; target: string } | undefined> => {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const file = path.join(current, entry.name)
      if (entry.isSymbolicLink()) {
        const target = await realpath(file).catch(() => undefined)
        const rel = target === undefined ? '..' : path.relative(root, target)
        const inside = !rel.startsWith('..') && !path.isAbsolute(rel)
        if (!inside) return { file, target: target ?? `${await readlink(file)}, missing` }
      } else if (entry.isDirectory()) {
        const found = await walk(file)
        if (found) return found
      }
    }
    return undefined
  }
  return walk(dir)
}

/**
 * Renders a Helm chart with its default values (`helm template`). Each object points at the
 * template file named by Helm's `# Source:` comment (line 1: templates are not the YAML Kubernetes
 * sees). Without helm the chart is reported as not checked: its templates are not plain YAML.
 */
export async function renderHelmChart(
  workspace: string,
  dir: string,
  timeoutMs: number
): Promise<Rendered> {
  const relative = (file: string) => relativePosix(workspace, file)
  const chartFile = relative(path.join(dir, HELM_CHART_FILE))
  // helm reads a linked file's target into the chart; one outside it is not the PR's to give.
  const link = await linkLeaving(dir)
  if (link) {
    return {
      rendered: false,
      objects: [],
      problems: [
        {
          file: chartFile,
          message: `Helm chart refused: ${relative(link.file)} links outside the chart (to ${link.target}); chart not checked`,
          blocking: true
        }
      ]
    }
  }
  const helm = await findOnPath('helm')
  if (!helm) {
    return {
      rendered: false,
      objects: [],
      problems: [
        { file: chartFile, message: 'Helm chart not checked: helm is not on PATH to render it' }
      ]
    }
  }
  let output: string
  try {
    output = (await runTool(helm, ['template', 'hardening-check', dir], { timeoutMs })).stdout
  } catch (error) {
    return {
      rendered: false,
      objects: [],
      problems: [
        {
          file: chartFile,
          message: `helm template failed (${(error as Error).message}); chart not checked`
        }
      ]
    }
  }
  const objects: ManifestObject[] = []
  const problems: LoadResult['problems'] = []
  for (const text of output.split(/^---\s*$/m)) {
    const source = /^# Source: [^/\n]+\/(.+)$/m.exec(text)?.[1]
    const file = source ? relative(path.join(dir, source)) : chartFile
    const parsed = parseManifests(text, file)
    problems.push(...parsed.problems)
    objects.push(...parsed.objects.map((o) => ({ ...o, line: 1, lineOf: () => undefined })))
  }
  return { rendered: true, objects, problems }
}

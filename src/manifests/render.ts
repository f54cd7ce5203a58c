import { readFile, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { runTool, toolEnv } from '../util/run-tool.js'
import { privateTempDir } from '../util/temp.js'
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

/** A proxy nothing can answer: no process can listen on port 0. */
const CLOSED_PROXY = 'http://127.0.0.1:0'

/**
 * kustomize's environment when remote entries are refused, for a spelling `isRemoteEntry`
 * might miss: `PATH` is an empty directory (kustomize clones with the `git` it finds there) and
 * git's transports are off, and HTTP(S) goes to a proxy that cannot answer, with no NO_PROXY.
 * Go's client never proxies a loopback host: for those, refusing the entry is the only guard.
 */
export function offlineKustomizeEnv(emptyDir: string): NodeJS.ProcessEnv {
  const proxies = ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy']
  return {
    ...toolEnv({ network: false }),
    PATH: emptyDir,
    GIT_ALLOW_PROTOCOL: 'none',
    ...Object.fromEntries(proxies.map((name) => [name, CLOSED_PROXY]))
  }
}

const identity = (object: Record<string, unknown>) => {
  const metadata = (object.metadata ?? {}) as Record<string, unknown>
  return { kind: String(object.kind), name: String(metadata.name ?? '') }
}

/**
 * Renders a kustomization and points each rendered object back at the file and lines it came
 * from (same kind, name equal or wrapped by namePrefix/nameSuffix); an object only a generator
 * produced points at the kustomization file. Unless `allowRemote` (`kustomize-remote`), a
 * kustomization that names anything kustomize would fetch over the network is refused and fails
 * the gate, and kustomize runs without a way to reach the network.
 */
export async function renderKustomization(
  workspace: string,
  dir: string,
  sources: ManifestObject[],
  options: { timeoutMs: number; allowRemote?: boolean }
): Promise<Rendered> {
  let inputs: KustomizationInputs | undefined
  let unreadable = ''
  try {
    inputs = await kustomizationInputs(dir)
  } catch (error) {
    unreadable = (error as Error).message
  }
  const kustomizationFile = relativePosix(
    workspace,
    inputs?.file ?? path.join(dir, 'kustomization.yaml')
  )
  if (!options.allowRemote) {
    // What we cannot walk we cannot vouch for: kustomize would fail on it too.
    if (!inputs)
      return notRendered(
        kustomizationFile,
        `kustomization not rendered (${unreadable}); its files were checked as plain manifests`
      )
    if (inputs.remote.length > 0)
      return {
        rendered: false,
        file: kustomizationFile,
        objects: [],
        problems: inputs.remote.map((remote) => ({
          file: relativePosix(workspace, remote.kustomization),
          line: remote.line,
          message: `kustomization entry ${JSON.stringify(remote.entry)} is fetched over the network by kustomize; refused, so ${kustomizationFile} was not rendered (its files were checked as plain manifests). Commit what it names to the repository, or let the workflow allow remote bases with kustomize-remote: true.`,
          blocking: true
        }))
      }
  }
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
  const noTools = options.allowRemote ? undefined : await privateTempDir('hardening-kustomize-')
  let output: string
  try {
    const env = noTools ? offlineKustomizeEnv(noTools) : toolEnv()
    output = (await runTool(command, args, { timeoutMs: options.timeoutMs, env })).stdout
  } catch (error) {
    return notRendered(
      kustomizationFile,
      `kustomize build failed (${(error as Error).message}); its files were checked as plain manifests`
    )
  } finally {
    if (noTools) await rm(noTools, { recursive: true, force: true })
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
  const [remote] = inputs.remote
  if (remote) throw new Error(`${remote.kustomization} lists '${remote.entry}', which is remote`)
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
  /** Local entries that do not exist. */
  missing: Array<{ kustomization: string; entry: string }>
  /** Entries kustomize would fetch over the network, here and in the local bases it includes. */
  remote: Array<{ kustomization: string; line?: number; entry: string }>
}

/**
 * Whether kustomize fetches `entry` rather than reading a local file: an http(s) URL, which its
 * loader downloads wherever it loads a file (`IsRemoteFile` in
 * sigs.k8s.io/kustomize/api/internal/loader), or, where a directory may stand, a git
 * repository it clones, decided from the spelling before the disk is looked at.
 */
export function isRemoteEntry(entry: string, directory: boolean): boolean {
  return /^https?:/i.test(entry) || (directory && isGitRepoSpec(entry))
}

/**
 * `NewRepoSpecFromURL` of sigs.k8s.io/kustomize/api/internal/git/repospec.go (kustomize v5.8),
 * reduced to whether it parses: a scheme (ssh, https, http, file; `git::` stripped) or an
 * scp-like `user@host:` / `github.com`, then a repository path kustomize can split.
 */
function isGitRepoSpec(spec: string): boolean {
  if (path.isAbsolute(spec)) return false
  let rest = spec.split('?')[0].replace(/^git::/i, '')
  const scheme = ['ssh://', 'https://', 'http://', 'file://'].find((prefix) =>
    rest.toLowerCase().startsWith(prefix)
  )
  rest = rest.slice(scheme?.length ?? 0)
  const username = /^[a-zA-Z][a-zA-Z0-9-]*@/.exec(rest)?.[0] ?? ''
  rest = rest.slice(username.length)
  const github = /^github\.com[/:]/i.test(rest)
  const scpLike = !scheme && (username !== '' || github)
  if (!scheme && !scpLike) return false
  if (scheme === 'file://') return splitsIntoRepoPath(username + rest, true)
  let separator = rest.indexOf('/')
  const colon = rest.indexOf(':')
  if (scpLike && (separator < 0 || (colon > 0 && colon < separator))) separator = colon
  // The host is what precedes the separator; only an empty remainder leaves none.
  if (rest === '') return false
  return splitsIntoRepoPath(separator < 0 ? '' : rest.slice(separator + 1), false)
}

/** `parsePathParts` of repospec.go: a repository path, and a root inside the repository. */
function splitsIntoRepoPath(rest: string, allSegments: boolean): boolean {
  let repo: string
  let root: string
  const gitRoot = rest.indexOf('_git/')
  const doubleSlash = rest.indexOf('//')
  const gitSuffix = rest.indexOf('.git')
  if (gitRoot >= 0) {
    const [first, ...under] = rest.slice(gitRoot + '_git/'.length).split('/')
    repo = rest.slice(0, gitRoot + '_git/'.length) + first
    root = under.join('/')
  } else if (doubleSlash >= 0) {
    repo = rest.slice(0, doubleSlash)
    root = rest.slice(doubleSlash + 2)
  } else if (gitSuffix >= 0) {
    repo = rest.slice(0, gitSuffix + '.git'.length)
    root = rest.slice(gitSuffix + '.git'.length)
  } else if (allSegments) {
    repo = rest
    root = ''
  } else {
    const segments = rest.split('/')
    if (segments.length < 2) return false
    repo = segments.slice(0, 2).join('/')
    root = segments.slice(2).join('/')
  }
  const leavesRepo = path.posix.normalize(root.replace(/^\//, '')).split('/')[0] === '..'
  return repo !== '' && !leavesRepo
}

type FieldPath = Array<string | number>

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
    missing: [],
    remote: []
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
  /** The string entries of a list field, each with its field path (for its line). */
  const strings = (at: FieldPath): Array<{ entry: string; at: FieldPath }> => {
    let value: unknown = kustomization
    for (const key of at) value = (value as Record<string | number, unknown> | null)?.[key]
    if (typeof value === 'string') return [{ entry: value, at }]
    if (!Array.isArray(value)) return []
    return value.flatMap((entry, index) =>
      typeof entry === 'string' ? [{ entry, at: [...at, index] }] : []
    )
  }
  /** Each item of a list field, by field path (for fields inside the items). */
  const items = (field: string): FieldPath[] => {
    const value = kustomization[field]
    return Array.isArray(value) ? value.map((_, index) => [field, index]) : []
  }
  const refuse = (entry: string, at: FieldPath) =>
    inputs.remote.push({ kustomization: inputs.file, line: document?.lineOf(at), entry })
  /** Refuses an entry kustomize would fetch; true when it did. */
  const remote = (entry: string, at: FieldPath, directory: boolean) => {
    if (!isRemoteEntry(entry, directory)) return false
    refuse(entry, at)
    return true
  }

  /** A file, or a directory whose kustomization is walked; `include`: its files are resources. */
  const follow = async (entry: string, at: FieldPath, include: boolean) => {
    if (remote(entry, at, true)) return
    const target = path.resolve(real, entry)
    const info = await stat(target).catch(() => undefined)
    if (!info) {
      inputs.missing.push({ kustomization: inputs.file, entry })
    } else if (info.isDirectory()) {
      const nested = await kustomizationInputs(target, seen)
      if (include) inputs.resources.push(...nested.resources)
      for (const file of nested.reads) inputs.reads.add(file)
      inputs.missing.push(...nested.missing)
      inputs.remote.push(...nested.remote)
    } else {
      if (include) inputs.resources.push(target)
      inputs.reads.add(target)
    }
  }
  /** A file kustomize reads that is not a manifest; inline YAML (patches, plugins) is none. */
  const read = async (entry: string, at: FieldPath) => {
    if (remote(entry, at, false)) return
    const target = path.resolve(real, entry)
    if (!entry.includes('\n') && (await stat(target).catch(() => undefined))?.isFile())
      inputs.reads.add(target)
  }

  for (const field of ['resources', 'bases', 'components'])
    for (const { entry, at } of strings([field])) await follow(entry, at, true)
  // Plugin configurations may be directories with a kustomization of their own.
  for (const field of ['generators', 'transformers', 'validators'])
    for (const { entry, at } of strings([field]))
      if (!entry.includes('\n')) await follow(entry, at, false)
  // helm pulls a chart from any `repo` (https, oci, ...); kustomize runs helm with --enable-helm.
  for (const [field, repo] of [
    ['helmCharts', 'repo'],
    ['helmChartInflationGenerator', 'chartRepoUrl']
  ])
    for (const at of items(field))
      for (const { entry, at: repoAt } of strings([...at, repo])) if (entry) refuse(entry, repoAt)
  const generatorFiles = [...items('configMapGenerator'), ...items('secretGenerator')].flatMap(
    (at) => [
      // `files` entries are `path` or `key=path`.
      ...strings([...at, 'files']).map(({ entry, at }) => ({
        entry: isRemoteEntry(entry, false) ? entry : entry.replace(/^[^=]*=/, ''),
        at
      })),
      ...strings([...at, 'envs']),
      ...strings([...at, 'env'])
    ]
  )
  const pathsOf = (field: string) => items(field).flatMap((at) => strings([...at, 'path']))
  for (const { entry, at } of [
    ...strings(['crds']),
    ...strings(['configurations']),
    ...strings(['patchesStrategicMerge']),
    ...pathsOf('patches'),
    ...pathsOf('patchesJson6902'),
    ...pathsOf('replacements'),
    ...strings(['openapi', 'path']),
    ...items('helmCharts').flatMap((at) => strings([...at, 'valuesFile'])),
    ...generatorFiles
  ])
    await read(entry, at)
  return inputs
}

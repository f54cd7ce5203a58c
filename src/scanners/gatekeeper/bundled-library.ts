// The bundled policy library, read from its generated JSON form (policies/library.json, written by
// scripts/gen-policy-library.mjs) instead of reading its YAML with the Kubernetes-exact reader on
// every run. The form is only ever read from the action's own directory, never from the scanned
// workspace; user-supplied policy directories are always read as YAML.
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { loadManifests } from '../../manifests/load.js'
import type { LoadProblem } from '../../manifests/parse.js'
import { kustomizationFiles, kustomizationInputs } from '../../manifests/render.js'
import { relativePosix } from '../../util/posix-path.js'
import type { LibraryEntry } from './library.js'

/** Where the generated form lives, relative to the action root. */
export const GENERATED_LIBRARY_FILE = 'policies/library.json'

/** The command that rewrites it (named by every message about a stale form). */
export const GENERATED_LIBRARY_COMMAND = 'node scripts/gen-policy-library.mjs'

/** One bundle's policies, as the policies scanner evaluates them. */
export interface BundledPolicies {
  /** Its policy files (absolute), for the evidence report's digest. */
  files: string[]
  objects: LibraryEntry[]
  problems: LoadProblem[]
}

/**
 * The generated form. Paths are POSIX, relative to the action root. Each bundle names every file
 * its kustomizations read (so a change to any of them is noticed) and its policy files, sorted,
 * which is the order the YAML reader returns their objects in.
 */
export interface GeneratedLibrary {
  bundles: Record<string, { reads: string[]; files: string[] }>
  files: Record<
    string,
    { sha256: string; objects?: Array<{ line: number; object: Record<string, unknown> }> }
  >
}

/**
 * A bundle's policies: from the generated form when it describes exactly the files on disk,
 * otherwise (a form not regenerated after a policy change, a bundle it does not know) from the
 * YAML, so a stale form is never evaluated.
 */
export async function loadBundledPolicies(
  actionRoot: string,
  bundle: string
): Promise<BundledPolicies> {
  if (bundle === 'none') return { files: [], objects: [], problems: [] }
  return (await readGeneratedForm(actionRoot, bundle)) ?? readBundleYaml(actionRoot, bundle)
}

/** A bundle's policies read from their YAML with the Kubernetes-exact reader. */
export async function readBundleYaml(actionRoot: string, bundle: string): Promise<BundledPolicies> {
  const files = await kustomizationFiles(bundleDir(actionRoot, bundle))
  const { objects, problems } = await loadManifests(actionRoot, files)
  return { files, objects, problems }
}

/** The generated form of every bundle under policies/bundles (what the generator writes). */
export async function generateLibrary(
  actionRoot: string,
  bundles: string[]
): Promise<GeneratedLibrary> {
  const generated: GeneratedLibrary = { bundles: {}, files: {} }
  const relative = (file: string) => relativePosix(actionRoot, file)
  for (const bundle of [...bundles].sort()) {
    const { files, objects, problems } = await readBundleYaml(actionRoot, bundle)
    // The bundled library must read cleanly: a problem would otherwise be frozen into the form.
    const [problem] = problems
    if (problem) throw new Error(`bundle ${bundle}: ${problem.file}: ${problem.message}`)
    const reads = [...(await kustomizationInputs(bundleDir(actionRoot, bundle))).reads]
    for (const file of new Set([...reads, ...files]))
      generated.files[relative(file)] ??= { sha256: sha256(await readFile(file)) }
    // A file in several bundles holds its objects once.
    const described = new Set(Object.values(generated.bundles).flatMap((b) => b.files))
    for (const { file, line, object } of objects)
      if (!described.has(file)) (generated.files[file]!.objects ??= []).push({ line, object })
    generated.bundles[bundle] = {
      reads: reads.map(relative).sort(),
      files: [...new Set(files.map(relative))].sort()
    }
  }
  return generated
}

/** A bundle's policies from the generated form; undefined unless it describes the files on disk. */
export async function readGeneratedForm(
  actionRoot: string,
  bundle: string
): Promise<BundledPolicies | undefined> {
  let generated: GeneratedLibrary
  try {
    generated = JSON.parse(
      await readFile(path.join(actionRoot, GENERATED_LIBRARY_FILE), 'utf8')
    ) as GeneratedLibrary
  } catch {
    return undefined // no form (a checkout that never generated one): the YAML is the truth
  }
  const entry = new Map(Object.entries(generated.bundles)).get(bundle)
  if (!entry) return undefined
  const unchanged = await Promise.all(
    [...new Set([...entry.reads, ...entry.files])].map(async (file) => {
      const bytes = await readFile(path.join(actionRoot, file)).catch(() => undefined)
      return bytes !== undefined && sha256(bytes) === generated.files[file]?.sha256
    })
  )
  if (!unchanged.every(Boolean)) return undefined
  return {
    files: entry.files.map((file) => path.join(actionRoot, file)),
    objects: entry.files.flatMap((file) =>
      (generated.files[file]!.objects ?? []).map(({ line, object }) => ({ object, file, line }))
    ),
    problems: []
  }
}

function bundleDir(actionRoot: string, bundle: string): string {
  return path.join(actionRoot, 'policies', 'bundles', bundle)
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

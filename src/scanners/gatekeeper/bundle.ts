import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { parse } from 'yaml'

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
  const kustomization = (parse(text) ?? {}) as { resources?: string[]; patches?: unknown[] }
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

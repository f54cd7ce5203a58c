// The bundled policy library's generated form (policies/library.json) against the YAML it is
// generated from: current, equal to what the Kubernetes-exact reader gives for every bundle (the
// objects, their files and lines, and the templates and constraints read from them), and never
// used once a file it describes has changed.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  GENERATED_LIBRARY_FILE,
  loadBundledPolicies,
  readBundleYaml,
  readGeneratedForm,
  type BundledPolicies
} from '../../src/scanners/gatekeeper/bundled-library.js'
import { readPolicyLibrary } from '../../src/scanners/gatekeeper/library.js'
import { REPO_ROOT } from '../harness/paths.js'

const BUNDLES = readdirSync(path.join(REPO_ROOT, 'policies', 'bundles'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
const STALE = 'policies/library.json is stale: run node scripts/gen-policy-library.mjs'

/** What the scanner reads of bundled policies (the YAML reader's entries also carry lineOf). */
const readable = ({ files, objects, problems }: BundledPolicies) => ({
  files: [...files].sort(),
  objects: objects.map(({ object, file, line }) => ({ object, file, line })),
  problems
})

const scratch = mkdtempSync(path.join(os.tmpdir(), 'bundled-library-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** A copy of the action's policies/ (and its generated form) to change. */
function actionCopy(): string {
  const root = mkdtempSync(path.join(scratch, 'action-'))
  cpSync(path.join(REPO_ROOT, 'policies'), path.join(root, 'policies'), { recursive: true })
  return root
}

describe('policies/library.json', () => {
  it('is current (node scripts/gen-policy-library.mjs --check)', () => {
    // When stale, the error carries the script's message naming the command to run.
    const script = path.join(REPO_ROOT, 'scripts', 'gen-policy-library.mjs')
    expect(() =>
      execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' })
    ).not.toThrow()
  }, 120_000)

  it.each(BUNDLES)('gives bundle %s exactly as the YAML reader does', async (bundle) => {
    const generated = await readGeneratedForm(REPO_ROOT, bundle)
    expect(generated, STALE).toBeDefined()
    const yaml = await readBundleYaml(REPO_ROOT, bundle)
    expect(readable(generated!)).toStrictEqual(readable(yaml))
    expect(readPolicyLibrary(generated!.objects)).toStrictEqual(readPolicyLibrary(yaml.objects))
  })

  it('has the templates and constraints the scanner evaluates', async () => {
    const library = readPolicyLibrary((await readGeneratedForm(REPO_ROOT, 'all'))!.objects)
    expect(library.templates.size).toBeGreaterThan(10)
    expect(library.constraints.length).toBeGreaterThanOrEqual(library.templates.size)
    expect(library.orphans).toEqual([])
    expect(library.constraints.every((c) => c.line >= 1 && c.file.startsWith('policies/'))).toBe(
      true
    )
  })
})

describe('a form that no longer describes the files on disk is never used', () => {
  it('a changed template: the bundles that have it are read from the YAML, the others are not', async () => {
    const root = actionCopy()
    const template = path.join(root, 'policies', 'disallowed-tags', 'template.yaml')
    const text = readFileSync(template, 'utf8')
    const changed = text.replace(/(hardening-action\.io\/severity: )\w+/, '$1LOW')
    expect(changed).not.toBe(text)
    writeFileSync(template, changed)

    expect(await readGeneratedForm(root, 'image-hygiene')).toBeUndefined()
    expect(await readGeneratedForm(root, 'all')).toBeUndefined()
    expect(await readGeneratedForm(root, 'pss-baseline')).toBeDefined()
    const loaded = await loadBundledPolicies(root, 'image-hygiene')
    expect(readable(loaded)).toStrictEqual(readable(await readBundleYaml(root, 'image-hygiene')))
    const [kind] = readPolicyLibrary(loaded.objects).templates.values()
    expect(Object.values(kind!.annotations)).toContain('LOW')
  })

  it('a kustomization that lists other files', async () => {
    const root = actionCopy()
    const kustomization = path.join(root, 'policies', 'bundles', 'all', 'kustomization.yaml')
    const text = readFileSync(kustomization, 'utf8')
    writeFileSync(kustomization, text.replace(/^ {2}- \.\.\/image-hygiene\n/m, ''))
    expect(await readGeneratedForm(root, 'all')).toBeUndefined()
    const loaded = await loadBundledPolicies(root, 'all')
    expect(loaded.files.some((file) => file.includes('disallowed-tags'))).toBe(false)
  })

  it('a deleted policy file', async () => {
    const root = actionCopy()
    rmSync(path.join(root, 'policies', 'bundles', 'resources', 'required-resources.yaml'))
    expect(await readGeneratedForm(root, 'resources')).toBeUndefined()
  })

  it('no form at all, or one that does not parse: the YAML', async () => {
    const root = actionCopy()
    rmSync(path.join(root, GENERATED_LIBRARY_FILE))
    expect(await readGeneratedForm(root, 'all')).toBeUndefined()
    writeFileSync(path.join(root, GENERATED_LIBRARY_FILE), '{"bundles":')
    expect(readable(await loadBundledPolicies(root, 'all'))).toStrictEqual(
      readable(await readBundleYaml(root, 'all'))
    )
  })

  it('a bundle the form does not know, whatever its name', async () => {
    for (const bundle of ['__proto__', 'constructor', 'toString'])
      expect(await readGeneratedForm(REPO_ROOT, bundle)).toBeUndefined()
    expect(await loadBundledPolicies(REPO_ROOT, 'none')).toEqual({
      files: [],
      objects: [],
      problems: []
    })
  })
})

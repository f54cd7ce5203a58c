import type { ManifestObject } from '../../manifests/parse.js'
import { regoPackageOf } from './annotations.js'
import type { ConstraintMatch } from './match.js'

/** A ConstraintTemplate as the engine evaluates it. */
export interface Template {
  /** The constraint kind it defines (spec.crd.spec.names.kind). */
  kind: string
  name: string
  rego: string
  libs: string[]
  /** Gatekeeper parses `rego:` as Rego v0 unless the `code:` source says `version: v1`. */
  regoVersion: 'v0' | 'v1'
  /** The Rego package the template declares; its `violation` rules are read from there. */
  regoPackage: string
  annotations: Record<string, string>
  file: string
  /** It (or a library of it) reads `data.inventory`: it needs the inventory (inventory.ts). */
  referential: boolean
}

/** A template the engine cannot evaluate; reported as skipped so nothing passes silently. */
export interface SkippedTemplate {
  name: string
  kind: string
  reason: string
  file: string
}

export interface Constraint {
  kind: string
  name: string
  match?: ConstraintMatch
  parameters: Record<string, unknown>
  enforcementAction: string
  file: string
  line: number
}

export interface PolicyLibrary {
  templates: Map<string, Template>
  skipped: SkippedTemplate[]
  constraints: Constraint[]
  /** Constraints whose kind has no template. */
  orphans: Constraint[]
}

/** What the library reads of a loaded object: never a field's line (it reports no field). */
export type LibraryEntry = Pick<ManifestObject, 'object' | 'file' | 'line'>

const CONSTRAINT_GROUP = 'constraints.gatekeeper.sh'

/** `data.inventory` or `data["inventory"]`: what Gatekeeper's Rego driver lets a template read. */
const READS_INVENTORY = /\bdata\s*(\.\s*inventory\b|\[\s*"inventory"\s*\])/

/** A kind Gatekeeper accepts (a CRD kind); only such a kind may name one of our files. */
const KIND = /^[A-Za-z][A-Za-z0-9]*$/

/**
 * Splits loaded objects into templates and constraints; every other object is ignored. A kind
 * that is not an identifier, or one defined twice, is an error: a template never replaces
 * another one (a bundled one in particular), and a kind never names a file it should not.
 */
export function readPolicyLibrary(objects: LibraryEntry[]): PolicyLibrary {
  const library: PolicyLibrary = { templates: new Map(), skipped: [], constraints: [], orphans: [] }
  const definedIn = new Map<string, string>()
  for (const entry of objects) {
    const { object } = entry
    if (
      object.kind === 'ConstraintTemplate' &&
      String(object.apiVersion).startsWith('templates.gatekeeper.sh/')
    ) {
      const template = readTemplate(entry)
      const where = `${template.name} (${template.file})`
      if (!KIND.test(template.kind)) {
        throw new Error(
          `ConstraintTemplate ${where} has kind ${JSON.stringify(template.kind)}; a kind is letters and digits, starting with a letter, as Gatekeeper requires.`
        )
      }
      const first = definedIn.get(template.kind)
      if (first !== undefined) {
        throw new Error(
          `ConstraintTemplate ${where} defines kind ${template.kind}, already defined by ${first}; a template cannot replace another one (bundled templates included): give it its own kind.`
        )
      }
      definedIn.set(template.kind, where)
      if ('reason' in template) library.skipped.push(template)
      else library.templates.set(template.kind, template)
    }
  }
  for (const entry of objects) {
    const { object } = entry
    if (!String(object.apiVersion).startsWith(`${CONSTRAINT_GROUP}/`)) continue
    const spec = (object.spec ?? {}) as Record<string, unknown>
    const constraint: Constraint = {
      kind: String(object.kind),
      name: String(((object.metadata ?? {}) as Record<string, unknown>).name ?? ''),
      match: spec.match as ConstraintMatch | undefined,
      parameters: (spec.parameters ?? {}) as Record<string, unknown>,
      enforcementAction: String(spec.enforcementAction ?? 'deny'),
      file: entry.file,
      line: entry.line
    }
    const known =
      library.templates.has(constraint.kind) ||
      library.skipped.some((s) => s.kind === constraint.kind)
    if (known) library.constraints.push(constraint)
    else library.orphans.push(constraint)
  }
  return library
}

function readTemplate(entry: LibraryEntry): Template | SkippedTemplate {
  const object = entry.object
  const metadata = (object.metadata ?? {}) as Record<string, unknown>
  const spec = (object.spec ?? {}) as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
  const name = String(metadata.name ?? '')
  const kind = String(spec.crd?.spec?.names?.kind ?? name)
  const target = (spec.targets ?? [])[0] ?? {}
  const skip = (reason: string): SkippedTemplate => ({ name, kind, reason, file: entry.file })

  const regoCode = (target.code ?? []).find((code: { engine?: string }) => code.engine === 'Rego')
  const rego: string | undefined = regoCode?.source?.rego ?? target.rego
  if (!rego) {
    const engines = (target.code ?? []).map((code: { engine?: string }) => code.engine).join(', ')
    return skip(
      `no Rego source (engines: ${engines || 'none'}); CEL-only templates are not evaluated in CI`
    )
  }
  const libs: string[] = regoCode?.source?.libs ?? target.libs ?? []
  const sources = [rego, ...libs]
  if (sources.some((source) => /\bexternal_data\s*\(/.test(source))) {
    return skip('calls external_data, which needs a provider that only exists at admission')
  }
  const regoPackage = regoPackageOf(rego)
  if (!regoPackage) return skip('Rego source has no package declaration')
  return {
    kind,
    name,
    rego,
    libs,
    regoVersion: regoCode?.source?.version === 'v1' ? 'v1' : 'v0',
    regoPackage,
    annotations: (metadata.annotations ?? {}) as Record<string, string>,
    file: entry.file,
    referential: sources.some((source) => READS_INVENTORY.test(source))
  }
}

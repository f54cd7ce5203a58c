// The policy library's shared facts for the generators (gen-templates, gen-docs, new-policy,
// policy-parity): read from policies/conventions.json and policies/frameworks.json, the files the
// action reads too (src/scanners/gatekeeper/annotations.ts), so each fact has one source.
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import YAML from 'yaml'

const policiesDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'policies')
const readJson = (file) => JSON.parse(readFileSync(join(policiesDir, file), 'utf8'))

const conventions = readJson('conventions.json')
/** The control catalogue: compliance frameworks, Pod Security Standards and the scorecard. */
export const FRAMEWORKS = readJson('frameworks.json')

export const ANNOTATION_PREFIX = conventions.annotationPrefix
/** `match.kinds` of a constraint, per policy family (`match:` in metadata.yaml). */
export const MATCH = conventions.match
/** [key, {name, label, controls}] of the compliance annotation, in report order. */
export const COMPLIANCE = Object.entries(FRAMEWORKS.compliance)
export const COMPLIANCE_KEYS = COMPLIANCE.map(([key]) => key)

/**
 * What metadata.yaml names that policies/frameworks.json does not know: an unknown framework key
 * (which the annotation would silently drop) or control id, or an unknown PSS check.
 */
export function catalogueProblems(meta) {
  const problems = []
  const missing = (what, ids, controls) => {
    const known = new Set(controls.map((c) => c.id))
    const unknown = (ids ?? []).map(String).filter((id) => !known.has(id))
    if (unknown.length)
      problems.push(`${what} ${unknown.join(', ')} not in policies/frameworks.json`)
  }
  for (const [key, ids] of Object.entries(meta.compliance ?? {})) {
    if (!COMPLIANCE_KEYS.includes(key))
      problems.push(`compliance framework ${key} is not one of ${COMPLIANCE_KEYS.join(', ')}`)
    else missing(`compliance ${key}:`, ids, FRAMEWORKS.compliance[key].controls)
  }
  missing('pss checks:', meta.pss?.checks, FRAMEWORKS.pss.controls)
  return problems
}

const PACKAGE = new RegExp(conventions.regoPackagePattern, 'm')
/** The package a Rego module declares, or undefined. */
export const packageOf = (src) => PACKAGE.exec(src)?.[1]

// The `# METADATA` block OPA and Regal read at the top of src.rego, derived from metadata.yaml.
const METADATA_BLOCK = /^# METADATA\n(?:#.*\n)*/

/** The `# METADATA` block for a policy's metadata.yaml (title and description). */
export function regoMetadata(meta) {
  const body = YAML.stringify(
    { title: meta.title, description: String(meta.description).trim() },
    { lineWidth: 96 }
  )
  return `# METADATA\n${body
    .trimEnd()
    .split('\n')
    .map((line) => `# ${line}`.trimEnd())
    .join('\n')}\n`
}

/** src with its leading `# METADATA` block replaced by (or prefixed with) regoMetadata(meta). */
export function withRegoMetadata(src, meta) {
  return regoMetadata(meta) + src.replace(METADATA_BLOCK, '')
}

// The JSON Schema of the config file (`.hardening.yaml`): one property per action input, read from
// action.yml's declarations (name, description, default), plus per-path settings and the fixes'
// resource defaults. scripts/gen-docs.mjs publishes it as docs/hardening.schema.json, and the
// action validates every config file against that published document, so the two cannot differ.
// Imports only scan-config.ts: gen-docs transpiles these two files on their own.
import {
  COMMENT_MODES,
  FAIL_ON_MODES,
  FAIL_ON_SEVERITIES,
  POLICY_ENFORCEMENTS,
  TRIVY_CHECKS,
  UNREADABLE_MANIFEST_MODES
} from './scan-config.js'

/** The subset of JSON Schema the config file's schema uses (and src/config/file.ts checks). */
export interface JsonSchema {
  $schema?: string
  $id?: string
  title?: string
  description?: string
  type?: JsonType | JsonType[]
  enum?: readonly string[]
  anyOf?: JsonSchema[]
  items?: JsonSchema
  properties?: Record<string, JsonSchema>
  additionalProperties?: boolean | JsonSchema
  required?: string[]
  minLength?: number
  minimum?: number
  minProperties?: number
  examples?: unknown[]
}
export type JsonType = 'string' | 'boolean' | 'integer' | 'number' | 'array' | 'object'

/** An input as action.yml declares it. */
export interface InputDeclaration {
  description?: string
  default?: unknown
  /** Set on another action's input names, read as ours for migration (legacy-inputs.ts). */
  deprecationMessage?: string
}

/**
 * Inputs a config file never sets: those that choose the file and whether a pull request's copy
 * counts (a file must not opt itself in), the per-job report id, and credentials, which do not
 * belong in a committed file.
 */
const NOT_IN_FILE = new Set(['config-file', 'config-from-pr', 'comment-id'])
const CREDENTIAL = /(^|-)(username|token|password|secret|credentials?)$/

export function settableInFile(input: string): boolean {
  return !NOT_IN_FILE.has(input) && !CREDENTIAL.test(input)
}

/** Inputs with a fixed set of values. */
const CHOICES: Record<string, readonly string[]> = {
  'fail-on-severity': FAIL_ON_SEVERITIES,
  'policy-enforcement': POLICY_ENFORCEMENTS,
  'unreadable-manifests': UNREADABLE_MANIFEST_MODES,
  'fail-on': FAIL_ON_MODES,
  comment: COMMENT_MODES
}
/** List inputs whose entries come from a fixed set. */
const ITEM_CHOICES: Record<string, readonly string[]> = {
  'repository-scanners': TRIVY_CHECKS,
  'image-scanners': TRIVY_CHECKS
}
/** action.yml says of every list input that it takes a comma-separated list (or one per line). */
const LIST_DESCRIPTION = /comma-separated|one per line/i

/**
 * The schema of one input's value in the file, from its declaration; `choices` adds inputs whose
 * values are known only when the schema is generated (the policy bundles).
 */
export function inputValueSchema(
  name: string,
  declaration: InputDeclaration,
  choices: Record<string, readonly string[]> = {}
): JsonSchema {
  const description = String(declaration.description ?? '').trim()
  const fallback = String(declaration.default ?? '')
  const base = description ? { description } : {}
  if (fallback === 'true' || fallback === 'false') return { ...base, type: 'boolean' }
  if (/^\d+$/.test(fallback)) return { ...base, type: 'integer', minimum: 1 }
  const oneOf = choices[name] ?? CHOICES[name]
  if (oneOf) return { ...base, type: 'string', enum: oneOf }
  const items = ITEM_CHOICES[name]
  if (items || LIST_DESCRIPTION.test(description))
    return {
      ...base,
      anyOf: [
        { type: 'string' },
        { type: 'array', items: items ? { type: 'string', enum: items } : { type: 'string' } }
      ]
    }
  return { ...base, type: 'string' }
}

const QUANTITY: JsonSchema = { type: ['string', 'number'] }
const AMOUNTS: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { cpu: QUANTITY, memory: QUANTITY, 'ephemeral-storage': QUANTITY }
}
const RESOURCES: JsonSchema = {
  description:
    'Requests and limits a fix writes where a container lacks them: the text fix-resources-default takes (cpu=100m,memory=128Mi or requests.cpu=100m,limits.memory=1Gi), or a mapping of requests and limits.',
  anyOf: [
    { type: 'string', minLength: 1 },
    {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: { requests: AMOUNTS, limits: AMOUNTS }
    }
  ]
}

/**
 * The whole file's schema; `inputs` are action.yml's `inputs:`, `bundles` the names of the
 * bundled policy bundles (policies/bundles/), which a path may choose.
 */
export function configFileSchema(
  inputs: Record<string, InputDeclaration>,
  bundles: readonly string[]
): JsonSchema {
  // Deprecated names (trivy-action's) belong in old workflows only, not in a new file.
  const settable = Object.entries(inputs).filter(
    ([name, declaration]) => settableInFile(name) && !declaration.deprecationMessage
  )
  const policyBundles = [...bundles, 'none']
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://github.com/org/hardening-action/docs/hardening.schema.json',
    title: 'hardening-action config file (.hardening.yaml)',
    description:
      "Every action input (and CLI option) by its input name, per-path settings and the fixes' resource defaults. Inputs given to the action or the CLI override the file. On pull requests the file is read from the base branch (docs/config.md).",
    type: 'object',
    additionalProperties: false,
    properties: {
      ...Object.fromEntries(
        settable.map(([name, declaration]) => [
          name,
          inputValueSchema(name, declaration, { 'policy-bundle': policyBundles })
        ])
      ),
      paths: {
        description:
          'Settings for manifests and findings in matching files. For each setting, the last entry that matches a file and gives that setting decides.',
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['glob'],
          minProperties: 2,
          properties: {
            glob: {
              description:
                'Repository-relative path pattern; * matches any characters, / included (deploy/legacy/*).',
              type: 'string',
              minLength: 1
            },
            'fail-on-severity': {
              description:
                'Lowest severity that fails the check for findings in these files (none: reported, never failing). Replaces fail-on-severity and fail-on-severity-by-scanner there.',
              type: 'string',
              enum: FAIL_ON_SEVERITIES
            },
            'policy-bundle': {
              description:
                'The bundled policy bundle for the manifests in these files, instead of policy-bundle (none: no bundled policies there).',
              type: 'string',
              enum: policyBundles
            },
            policies: {
              description:
                'Directories of extra ConstraintTemplates and Constraints for the manifests in these files, instead of policies (an empty list: none there).',
              anyOf: [
                { type: 'string' },
                { type: 'array', items: { type: 'string', minLength: 1 } }
              ]
            },
            exclude: {
              description:
                'true: no policy or Trivy misconfiguration findings for the manifests in these files; the report lists them as not checked. false: they are checked again (under an earlier exclude).',
              type: 'boolean'
            }
          }
        }
      },
      fix: {
        description: 'Choices the fixes need that no manifest makes.',
        type: 'object',
        additionalProperties: false,
        properties: {
          resources: {
            description:
              'Requests and limits for containers that lack them: a default and per-namespace values (merged over the default). The fix-resources-default input replaces both.',
            type: 'object',
            additionalProperties: false,
            properties: {
              default: RESOURCES,
              namespaces: { type: 'object', additionalProperties: RESOURCES }
            }
          }
        }
      }
    }
  }
}

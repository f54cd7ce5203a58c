// The config file (`.hardening.yaml`): every action input by its input name, per-path settings
// (threshold, policy bundle, extra policies, exclusion) and the fixes' resource defaults. Read
// with the manifests' hardened YAML reader (aliases under go-yaml's limit, one document), checked
// against the published JSON Schema (docs/hardening.schema.json) with the file's line in every
// message, and layered under the inputs: an input the workflow (or a CLI flag) sets always wins
// over the file.
import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import schema from '../../docs/hardening.schema.json' with { type: 'json' }
import type { Severity } from '../findings/severity.js'
import type { FixSettings } from '../fix/rules.js'
import { parseResourceDefaults, type ResourceDefaults } from '../fix/settings.js'
import { readKubeYaml, type KubeDocument } from '../manifests/kube-yaml.js'
import type { JsonSchema, JsonType } from './file-schema.js'
import {
  ConfigError,
  INPUT_DEFAULTS,
  insideWorkspace,
  list,
  PUBLISH_INPUT_DEFAULTS,
  toThreshold,
  type InputReader,
  type PublishConfig
} from './inputs.js'
import type { FailOnSeverity, PathPolicies, ScanConfig } from './scan-config.js'

export const DEFAULT_CONFIG_FILE = '.hardening.yaml'
/** A config file is a page of settings; anything this large is a mistake or an attack. */
export const MAX_CONFIG_FILE_BYTES = 256 * 1024

export const CONFIG_FILE_SCHEMA = schema as JsonSchema

/**
 * One `paths:` entry. For each setting, the last entry whose glob matches a file and that gives
 * the setting decides; an entry without it leaves it to the entries before.
 */
export interface PathRule {
  glob: string
  /** The entry's line in the file. */
  line: number
  /** Lowest failing severity there; null: never fails. */
  threshold?: Severity | null
  policyBundle?: string
  /** Extra policy directories as written (workspace-relative). */
  policies?: string[]
  exclude?: boolean
}

/** Requests and limits for the fixes, per namespace (merged over the default). */
export interface NamespacedResourceDefaults {
  default?: ResourceDefaults
  namespaces: Record<string, ResourceDefaults>
}

export interface ConfigFile {
  /** How messages name the file, e.g. `.hardening.yaml` or `.hardening.yaml (base branch)`. */
  name: string
  /** Input values as the action receives them (`'true'`, lists one entry per line), with their line. */
  inputs: Map<string, { value: string; line: number }>
  paths: PathRule[]
  resources?: NamespacedResourceDefaults
}

/** Reads a config file from disk; undefined when it does not exist. */
export async function loadConfigFile(file: string, name: string): Promise<ConfigFile | undefined> {
  let size: number
  try {
    const info = await stat(file)
    if (!info.isFile()) throw new ConfigError(`${name}: not a regular file.`)
    size = info.size
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  if (size > MAX_CONFIG_FILE_BYTES) throw tooLarge(name, size)
  return parseConfigFile(await readFile(file, 'utf8'), name)
}

/** The CLI's config file: `--config FILE` (which must exist), else `.hardening.yaml` when present. */
export async function loadCliConfigFile(
  option: string | undefined,
  cwd: string
): Promise<ConfigFile | undefined> {
  const name = option ?? DEFAULT_CONFIG_FILE
  const file = await loadConfigFile(path.resolve(cwd, name), name)
  if (!file && option !== undefined) throw new ConfigError(`--config: ${option} does not exist.`)
  return file
}

function tooLarge(name: string, size: number): ConfigError {
  return new ConfigError(
    `${name}: ${size} bytes is more than a config file may have (${MAX_CONFIG_FILE_BYTES}).`
  )
}

/** Parses and validates config file text; every problem is a ConfigError naming `name:line`. */
export function parseConfigFile(text: string, name: string): ConfigFile {
  const bytes = Buffer.byteLength(text)
  if (bytes > MAX_CONFIG_FILE_BYTES) throw tooLarge(name, bytes)
  const documents = [...readKubeYaml(text)].filter((d) => d.error || d.value !== null)
  if (documents.length > 1)
    throw new ConfigError(`${name}:${documents[1]!.line}: a config file holds one YAML document.`)
  const document = documents[0]
  if (!document) return { name, inputs: new Map(), paths: [] }
  if (document.error)
    throw new ConfigError(`${name}:${document.error.line}: invalid YAML: ${document.error.message}`)
  const lineOf = (path: ReadonlyArray<string | number>) => document.lineOf(path) ?? document.line
  const problems = validate(CONFIG_FILE_SCHEMA, document.value, [])
  if (problems.length > 0)
    throw new ConfigError(
      problems
        .map(
          (p) =>
            `${name}:${lineOf(p.path)}: ${p.path.length ? `${shown(p.path)}: ` : ''}${p.message}`
        )
        .join('\n')
    )
  return toConfigFile(document, name, lineOf)
}

type Settings = Record<string, unknown> & {
  paths?: Array<{
    glob: string
    'fail-on-severity'?: FailOnSeverity
    'policy-bundle'?: string
    policies?: string | string[]
    exclude?: boolean
  }>
  fix?: { resources?: { default?: ResourceText; namespaces?: Record<string, ResourceText> } }
}
type ResourceText = string | Partial<Record<'requests' | 'limits', Record<string, unknown>>>

function toConfigFile(
  document: KubeDocument,
  name: string,
  lineOf: (path: ReadonlyArray<string | number>) => number
): ConfigFile {
  const { paths = [], fix, ...inputs } = document.value as Settings
  const resources = fix?.resources
  const resourceDefaults = (text: ResourceText, path: string[]): ResourceDefaults =>
    parseResourceDefaults(resourceText(text), `${name}:${lineOf(path)}: ${shown(path)}`)
  const base = resources?.default
    ? resourceDefaults(resources.default, ['fix', 'resources', 'default'])
    : undefined
  return {
    name,
    inputs: new Map(
      Object.entries(inputs).map(([input, value]) => [
        input,
        { value: inputText(value), line: lineOf([input]) }
      ])
    ),
    paths: paths.map((entry, index) => {
      const { glob, 'fail-on-severity': failOn, 'policy-bundle': bundle, policies, exclude } = entry
      return {
        glob,
        line: lineOf(['paths', index]),
        ...(failOn === undefined ? {} : { threshold: toThreshold(failOn) }),
        ...(bundle === undefined ? {} : { policyBundle: bundle }),
        ...(policies === undefined ? {} : { policies: list(inputText(policies)) }),
        ...(exclude === undefined ? {} : { exclude })
      }
    }),
    ...(resources
      ? {
          resources: {
            ...(base ? { default: base } : {}),
            namespaces: Object.fromEntries(
              Object.entries(resources.namespaces ?? {}).map(([namespace, text]) => {
                const own = resourceDefaults(text, ['fix', 'resources', 'namespaces', namespace])
                return [
                  namespace,
                  {
                    requests: { ...base?.requests, ...own.requests },
                    limits: { ...base?.limits, ...own.limits }
                  }
                ]
              })
            )
          }
        }
      : {})
  }
}

/** A value of the file as the input's text: lists one entry per line, booleans and numbers as written. */
function inputText(value: unknown): string {
  return Array.isArray(value) ? value.join('\n') : String(value)
}

/** The mapping form of resource defaults as the text form fix-resources-default takes. */
function resourceText(value: ResourceText): string {
  if (typeof value === 'string') return value
  return (['requests', 'limits'] as const)
    .flatMap((kind) =>
      Object.entries(value[kind] ?? {}).map(
        ([resource, quantity]) => `${kind}.${resource}=${String(quantity)}`
      )
    )
    .join(',')
}

/**
 * The inputs as the run sees them: an input that is given wins; otherwise the file's value.
 * `given` says whether a raw input was given. `attempt` runs a reader of the inputs and turns a
 * ConfigError about a value that came from the file into one naming the file and line.
 */
export function layerInputs(
  read: InputReader,
  file: ConfigFile | undefined,
  given: (name: string, raw: string) => boolean
): { read: InputReader; attempt: <T>(reader: () => T) => T } {
  const fromFile = new Set<string>()
  const explain = (error: unknown): unknown => {
    const match = /^Inputs? '([a-z0-9-]+)' ?/.exec((error as Error).message)
    const input = match && fromFile.has(match[1]!) ? file?.inputs.get(match[1]!) : undefined
    if (!(error instanceof ConfigError) || !input) return error
    return new ConfigError(
      `${file!.name}:${input.line}: ${match![1]}: ${error.message.slice(match![0].length)}`
    )
  }
  return {
    read: (name) => {
      const raw = read(name)
      const own = file?.inputs.get(name)
      if (!own || given(name, raw)) return raw
      fromFile.add(name)
      return own.value
    },
    attempt: (reader) => {
      try {
        return reader()
      } catch (error) {
        throw explain(error)
      }
    }
  }
}

const ACTION_DEFAULTS: Record<string, string> = { ...INPUT_DEFAULTS, ...PUBLISH_INPUT_DEFAULTS }

/**
 * Whether the workflow gave the action an input. The runner passes action.yml's default for every
 * input left out, so an input equal to its default counts as not given (docs/config.md).
 */
export function actionInputGiven(name: string, raw: string): boolean {
  const value = raw.trim()
  return value !== '' && value !== ACTION_DEFAULTS[name]
}

/**
 * The scan configuration with the file's per-path settings: thresholds for the gate, and the
 * policy settings for the policies scanner (extra policy directories resolved in the workspace).
 */
export function withPathSettings(config: ScanConfig, file: ConfigFile | undefined): ScanConfig {
  if (!file?.paths.length) return config
  const thresholds = file.paths.flatMap(({ glob, threshold }) =>
    threshold === undefined ? [] : [{ glob, threshold }]
  )
  const policies = file.paths.flatMap((rule, index): PathPolicies[] => {
    const { glob, line, policyBundle, policies: dirs, exclude } = rule
    if (policyBundle === undefined && dirs === undefined && exclude === undefined) return []
    const where = `${file.name}:${line}`
    const resolve = (dir: string) => {
      try {
        return insideWorkspace(config.workspace, dir, 'policies')
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error
        throw new ConfigError(
          `${where}: paths[${index}].policies: ${error.message.replace(/^Input 'policies' /, '')}`
        )
      }
    }
    return [
      {
        glob,
        origin: where,
        ...(policyBundle === undefined ? {} : { policyBundle }),
        ...(dirs === undefined ? {} : { extraPolicies: dirs.map(resolve) }),
        ...(exclude === undefined ? {} : { exclude })
      }
    ]
  })
  return {
    ...config,
    ...(thresholds.length ? { failOnSeverityByPath: thresholds } : {}),
    ...(policies.length ? { policiesByPath: policies } : {})
  }
}

/**
 * The fix engine's requests and limits: defaults given as an input or flag
 * (fix-resources-default, --resources-default) replace the file's `fix.resources` entirely.
 */
export function fixResourceSettings(
  given: ResourceDefaults | undefined,
  file: ConfigFile | undefined
): Pick<FixSettings, 'resourceDefaults' | 'resourcesByNamespace'> {
  const resources = given ? undefined : file?.resources
  const defaults = given ?? resources?.default
  return {
    ...(defaults ? { resourceDefaults: defaults } : {}),
    ...(resources ? { resourcesByNamespace: resources.namespaces } : {})
  }
}

/** The publishing configuration with the file's resource defaults for fixes (see fixResourceSettings). */
export function withFileResources(
  publish: PublishConfig,
  file: ConfigFile | undefined
): PublishConfig {
  const { resourceDefaults, resourcesByNamespace } = fixResourceSettings(
    publish.fixResourceDefaults,
    file
  )
  return {
    ...publish,
    ...(resourceDefaults ? { fixResourceDefaults: resourceDefaults } : {}),
    ...(resourcesByNamespace ? { fixResourcesByNamespace: resourcesByNamespace } : {})
  }
}

// ---- validation: the subset of JSON Schema file-schema.ts uses, with messages for people.
// test/unit/config-file-schema.test.ts runs ajv over the same documents and requires the same
// verdicts.

interface Problem {
  path: Array<string | number>
  message: string
}

function validate(schema: JsonSchema, value: unknown, path: Array<string | number>): Problem[] {
  if (schema.anyOf) {
    const branches = schema.anyOf.map((branch) => validate(branch, value, path))
    if (branches.some((problems) => problems.length === 0)) return []
    // The branch of the value's own type explains best what is wrong inside it.
    const typed = schema.anyOf.findIndex((branch) => branch.type && typeMatches(branch.type, value))
    if (typed >= 0) return branches[typed]!
    return [{ path, message: `must be ${schema.anyOf.map(describe).join(' or ')}` }]
  }
  if (schema.type && !typeMatches(schema.type, value))
    return [{ path, message: `must be ${describe(schema)}` }]
  if (schema.enum && !schema.enum.includes(value as string))
    return [
      { path, message: `must be one of ${schema.enum.join(', ')}; got ${JSON.stringify(value)}` }
    ]
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength)
      return [{ path, message: 'must not be empty' }]
  }
  if (typeof value === 'number' && schema.minimum !== undefined && value < schema.minimum)
    return [{ path, message: `must be at least ${schema.minimum}` }]
  if (Array.isArray(value) && schema.items) {
    const items = schema.items
    return value.flatMap((item, index) => validate(items, item, [...path, index]))
  }
  if (isMapping(value)) return validateMapping(schema, value, path)
  return []
}

function validateMapping(
  schema: JsonSchema,
  value: Record<string, unknown>,
  path: Array<string | number>
): Problem[] {
  const keys = Object.keys(value)
  const properties = schema.properties ?? {}
  const required = schema.required ?? []
  const missing = required.filter((key) => !keys.includes(key))
  if (schema.minProperties !== undefined && keys.length < schema.minProperties && !missing.length) {
    // A `paths:` entry with only its glob: name the settings it could give.
    const optional = Object.keys(properties).filter((key) => !required.includes(key))
    const message = required.length ? `needs one of ${optional.join(', ')}` : 'must not be empty'
    return [{ path, message }]
  }
  const problems: Problem[] = missing.map((key) => ({ path, message: `needs '${key}'` }))
  for (const key of keys) {
    const own = Object.hasOwn(properties, key) ? properties[key] : undefined
    const rule = own ?? schema.additionalProperties
    if (rule === false)
      problems.push({
        path: [...path, key],
        message: `unknown setting; known here: ${Object.keys(properties).join(', ')}`
      })
    else if (rule && rule !== true) problems.push(...validate(rule, value[key], [...path, key]))
  }
  return problems
}

function typeMatches(type: JsonType | JsonType[], value: unknown): boolean {
  return (Array.isArray(type) ? type : [type]).some((one) => {
    switch (one) {
      case 'string':
        return typeof value === 'string'
      case 'boolean':
        return typeof value === 'boolean'
      case 'integer':
        return Number.isInteger(value)
      case 'number':
        return typeof value === 'number' && Number.isFinite(value)
      case 'array':
        return Array.isArray(value)
      case 'object':
        return isMapping(value)
    }
  })
}

const TYPE_WORDS: Record<JsonType, string> = {
  string: 'a string',
  boolean: 'true or false',
  integer: 'a whole number',
  number: 'a number',
  array: 'a list',
  object: 'a mapping'
}

function describe(schema: JsonSchema): string {
  if (schema.enum) return `one of ${schema.enum.join(', ')}`
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []
  const words = types.map((type) => TYPE_WORDS[type]).join(' or ')
  return schema.items ? `${words} (each ${describe(schema.items)})` : words
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `paths[1].fail-on-severity` */
function shown(path: ReadonlyArray<string | number>): string {
  return path
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`
    )
    .join('')
}

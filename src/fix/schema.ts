/**
 * Kubernetes API schema validation of one manifest document, as the API server's strict field
 * validation decodes it into the Go types: unknown and duplicate fields and values of the wrong
 * type are errors. The schema (kubernetes-schema.json, written by scripts/gen-k8s-schema.mjs from
 * client-go's typed schema) covers the kinds the fix engine edits; other kinds are not checked.
 * test/fix/schema-differential.test.ts compares it with the real decoder (tools/prometheus/k8s-decode).
 */
import { isMap, isScalar, isSeq, parseDocument, visit, type Node } from 'yaml'
import { readKubeYaml, type KubeDocument } from '../manifests/kube-yaml.js'
import schema from './kubernetes-schema.json' with { type: 'json' }

/** A scalar type name, a named type of the schema, or an inline list, map or struct. */
type TypeRef = string | TypeDefinition
interface TypeDefinition {
  list?: TypeRef
  fields?: Record<string, TypeRef>
  /** The type of every key of a map (or of a struct's keys outside `fields`). */
  values?: TypeRef
}

const TYPES = schema.types as Record<string, TypeDefinition>
const KINDS = schema.kinds as Record<string, string>

const INT32 = 2 ** 31
const INT64 = 2 ** 63
const WANTED: Record<string, string> = {
  string: 'a string',
  boolean: 'a boolean',
  int32: 'a 32-bit integer',
  int64: 'an integer',
  number: 'a number',
  quantity: 'a quantity (a number or a string such as 100m or 1Gi)',
  time: 'an RFC 3339 time string',
  'int-or-string': 'a 32-bit integer or a string'
}
/**
 * The white space Go's strings.TrimSpace takes off a quantity that JSON encoding leaves unescaped
 * (it escapes control characters, U+2028 and U+2029).
 */
const GO_TRIMMED_SPACE =
  /^[ \u0085\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+|[ \u0085\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+$/g
/** RFC 3339 as Go's time.Parse reads it; the ranges are checked after. */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/

/**
 * Why the API server's strict decoding would refuse the document (one YAML document's text), each
 * reason naming the field path; empty when it would accept it, or when its apiVersion and kind are
 * outside the schema. `document` is the text as Kubernetes reads it, when the caller has read it.
 */
export function schemaErrors(
  documentText: string,
  document: KubeDocument | undefined = readKubeYaml(documentText).next().value ?? undefined
): string[] {
  if (!document || document.error)
    return [`the document cannot be read: ${document?.error?.message ?? 'it is empty'}`]
  const value = document.value as Record<string, unknown> | null
  const typeName = KINDS[`${String(value?.apiVersion)}/${String(value?.kind)}`]
  if (!typeName) return []
  const errors = duplicateFields(documentText)
  check(value, typeName, '', errors)
  return errors
}

/**
 * The schema errors of `after` (a fixed document) that `before` (the same document unfixed) does
 * not have: a document that was invalid already blocks only the fixes that make it worse.
 */
export function addedSchemaErrors(
  before: string,
  after: string,
  afterDocument?: KubeDocument
): string[] {
  const errors = schemaErrors(after, afterDocument)
  if (errors.length === 0) return []
  const had = new Set(schemaErrors(before))
  return errors.filter((error) => !had.has(error))
}

function check(value: unknown, ref: TypeRef, path: string, errors: string[]): void {
  if (value === null) return // JSON null leaves a Go field at its zero value
  if (typeof ref === 'string') {
    if (ref in TYPES) return check(value, TYPES[ref]!, path, errors)
    if (!scalarFits(value, ref))
      errors.push(`${where(path)}: ${describe(value)} where Kubernetes wants ${WANTED[ref]}`)
    return
  }
  if (ref.list !== undefined) {
    if (!Array.isArray(value))
      return void errors.push(`${where(path)}: ${describe(value)} where Kubernetes wants a list`)
    value.forEach((item, index) => check(item, ref.list!, `${path}[${index}]`, errors))
    return
  }
  if (typeof value !== 'object' || Array.isArray(value))
    return void errors.push(`${where(path)}: ${describe(value)} where Kubernetes wants a mapping`)
  for (const [key, item] of Object.entries(value)) {
    const fieldPath = path ? `${path}.${key}` : key
    const fieldRef = ref.fields && Object.hasOwn(ref.fields, key) ? ref.fields[key] : ref.values
    if (fieldRef === undefined) errors.push(`${fieldPath}: unknown field`)
    else check(item, fieldRef, fieldPath, errors)
  }
}

function scalarFits(value: unknown, type: string): boolean {
  switch (type) {
    case 'any':
      return true
    case 'string':
      return typeof value === 'string'
    case 'boolean':
      return typeof value === 'boolean'
    case 'number':
      return typeof value === 'number'
    case 'int32':
      return Number.isInteger(value) && -INT32 <= (value as number) && (value as number) < INT32
    case 'int64':
      return Number.isInteger(value) && -INT64 <= (value as number) && (value as number) < INT64
    case 'int-or-string':
      return typeof value === 'string' || scalarFits(value, 'int32')
    case 'quantity':
      return (
        typeof value === 'number' ||
        (typeof value === 'string' && isQuantity(value.replace(GO_TRIMMED_SPACE, '')))
      )
    case 'time':
      return typeof value === 'string' && isRfc3339(value)
    default:
      throw new Error(`kubernetes-schema.json names an unknown scalar type ${type}`)
  }
}

/** resource.ParseQuantity's grammar: sign, digits, an optional fraction, then one suffix. */
function isQuantity(text: string): boolean {
  if (text === '') return false
  const match = /^[+-]?[0-9]*(?:\.[0-9]*)?(.*)$/.exec(text)!
  const suffix = match[1]!
  return (
    /^(?:|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)$/.test(suffix) || /^[eE][+-]?[0-9]+$/.test(suffix)
  )
}

function isRfc3339(text: string): boolean {
  const match = RFC3339.exec(text)
  if (!match) return false
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as number[]
  const daysInMonth = new Date(Date.UTC(year!, month!, 0)).getUTCDate()
  const zoneOk = match[9] === undefined || (Number(match[9]) < 24 && Number(match[10]) < 60)
  return (
    month! >= 1 &&
    month! <= 12 &&
    day! >= 1 &&
    day! <= daysInMonth &&
    hour! < 24 &&
    minute! < 60 &&
    second! < 60 &&
    zoneOk
  )
}

/**
 * Keys given twice in one mapping, as go-yaml's strict mode compares them: the same type and value
 * (`yes` and `true` are one key, `1` and `"1"` two). Merge keys are not fields.
 */
function duplicateFields(documentText: string): string[] {
  const errors: string[] = []
  const document = parseDocument(documentText, { version: '1.1', merge: true, uniqueKeys: false })
  visit(document, {
    Map(_, map, ancestors) {
      const seen = new Set<string>()
      for (const pair of map.items) {
        if (!isScalar(pair.key) || pair.key.value === '<<') continue
        const key = `${typeof pair.key.value}:${String(pair.key.value)}`
        if (seen.has(key))
          errors.push(
            `${where(yamlPath(ancestors, map))}: duplicate field "${String(pair.key.value)}"`
          )
        seen.add(key)
      }
    }
  })
  return errors
}

/** The field path of a node from the ancestors `visit` gives. */
function yamlPath(ancestors: readonly unknown[], node: Node): string {
  let path = ''
  const chain = [...ancestors, node]
  for (let i = 1; i < chain.length; i++) {
    const parent = chain[i - 1]
    const child = chain[i]
    if (isSeq(parent)) path += `[${parent.items.indexOf(child as Node)}]`
    else if (isMap(parent) && child && typeof child === 'object' && 'key' in child) {
      const key = (child as { key: unknown }).key
      const name = isScalar(key) ? String(key.value) : String(key)
      path += path ? `.${name}` : name
    }
  }
  return path
}

const where = (path: string) => path || '(the document)'

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  const shown = JSON.stringify(value)
  return `${typeof value} ${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown}`
}

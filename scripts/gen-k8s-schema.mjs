#!/usr/bin/env node
// Writes src/fix/kubernetes-schema.json: the Kubernetes API schema of the kinds the fix engine edits,
// for src/fix/schema.ts to validate fixed documents offline. The source of truth is the
// structured-merge-diff schema of every built-in type that client-go ships
// (k8s.io/client-go/applyconfigurations/internal/internal.go) at the version tools/prometheus
// pins (the module the k8s-decode reference decoder is built in); only the types reachable from
// those kinds are kept. That schema says "numeric" where Go has int32 or int64; the width of each
// such field comes from the protobuf description k8s.io/api and apimachinery ship with their types.
// Usage: node scripts/gen-k8s-schema.mjs [--check]   (--check: exit 1 when the file is stale)
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { writeGenerated } from './generated-file.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const output = path.join(root, 'src', 'fix', 'kubernetes-schema.json')
const MODULE = 'k8s.io/client-go'

/** apiVersion/kind → the schema's type name; the kinds of src/fix/api-rules.ts and Service. */
const KINDS = {
  'v1/Pod': 'io.k8s.api.core.v1.Pod',
  'v1/PodTemplate': 'io.k8s.api.core.v1.PodTemplate',
  'v1/ReplicationController': 'io.k8s.api.core.v1.ReplicationController',
  'v1/Service': 'io.k8s.api.core.v1.Service',
  'apps/v1/Deployment': 'io.k8s.api.apps.v1.Deployment',
  'apps/v1/StatefulSet': 'io.k8s.api.apps.v1.StatefulSet',
  'apps/v1/DaemonSet': 'io.k8s.api.apps.v1.DaemonSet',
  'apps/v1/ReplicaSet': 'io.k8s.api.apps.v1.ReplicaSet',
  'batch/v1/Job': 'io.k8s.api.batch.v1.Job',
  'batch/v1/CronJob': 'io.k8s.api.batch.v1.CronJob'
}

/**
 * The types whose Go types decode JSON their own way (UnmarshalJSON), by how; the schema calls
 * them untyped. A new untyped type fails the generator instead of passing unchecked.
 */
const CUSTOM_DECODING = {
  'io.k8s.apimachinery.pkg.api.resource.Quantity': 'quantity',
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': 'time',
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': 'int-or-string',
  'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1': 'any',
  __untyped_atomic_: 'any',
  __untyped_deduced_: 'any'
}
const SCALARS = { string: 'string', boolean: 'boolean' }
/** Protobuf number types as JSON decodes them into Go. */
const NUMBERS = { int32: 'int32', int64: 'int64', double: 'number', float: 'number' }

/** Each module's directory and version as tools/prometheus selects them. */
const modules = new Map(
  execFileSync('go', ['list', '-m', '-f', '{{.Path}}\t{{.Dir}}\t{{.Version}}', 'all'], {
    cwd: path.join(root, 'tools', 'prometheus'),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=readonly' }
  })
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [modulePath, dir, version] = line.split('\t')
      return [modulePath, { dir, version }]
    })
)
const { dir, version } = modules.get(MODULE)
const goSource = readFileSync(
  path.join(dir, 'applyconfigurations', 'internal', 'internal.go'),
  'utf8'
)
const literal = /var schemaYAML = typed\.YAMLObject\(`([^`]*)`\)/.exec(goSource)
if (!literal) throw new Error(`no schemaYAML literal in ${MODULE}@${version} internal.go`)
const smd = new Map(parse(literal[1]).types.map((type) => [type.name, type]))

/** The protobuf number type of each field, by type name and field name (a package's messages read once). */
const protoNumbers = new Map()
function numberType(typeName, field) {
  const pkg = typeName.slice(0, typeName.lastIndexOf('.'))
  if (!protoNumbers.has(pkg)) {
    // io.k8s.api.apps.v1 is k8s.io/api/apps/v1, io.k8s.apimachinery.pkg.x is k8s.io/apimachinery/pkg/x.
    const [, module, rest] = /^io\.k8s\.(\w+)\.(.*)$/.exec(pkg)
    const file = path.join(
      modules.get(`k8s.io/${module}`).dir,
      ...rest.split('.'),
      'generated.proto'
    )
    const messages = new Map()
    let message
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const start = /^message (\w+) \{/.exec(line)
      if (start) messages.set(`${pkg}.${start[1]}`, (message = new Map()))
      const number =
        /^\s*(?:optional |repeated )?(\w+) (\w+) = \d+;/.exec(line) ??
        /^\s*map<string, (\w+)> (\w+) = \d+;/.exec(line)
      if (message && number && number[1] in NUMBERS) message.set(number[2], NUMBERS[number[1]])
    }
    protoNumbers.set(pkg, messages)
  }
  const type = protoNumbers.get(pkg).get(typeName)?.get(field)
  if (!type) throw new Error(`no protobuf number type for ${typeName}.${field}`)
  return type
}

const types = {}
const pending = Object.values(KINDS)

/**
 * A structured-merge-diff type reference as ours: a scalar name, a type name or an inline type.
 * `numeric` is what a number in it is (the field's protobuf type).
 */
function reference(ref, numeric) {
  if (ref.namedType) {
    const named = smd.get(ref.namedType)
    if (!named) throw new Error(`unknown type ${ref.namedType}`)
    if (ref.namedType in CUSTOM_DECODING) return CUSTOM_DECODING[ref.namedType]
    if (named.scalar) {
      if (!(named.scalar in SCALARS))
        throw new Error(`no decoding is known for ${ref.namedType} (scalar: ${named.scalar})`)
      return SCALARS[named.scalar]
    }
    if (!(ref.namedType in types)) pending.push(ref.namedType)
    return ref.namedType
  }
  return definition(ref, numeric)
}

function definition(type, numeric, name) {
  if (type.scalar) {
    if (type.scalar === 'numeric' && numeric) return numeric
    if (!(type.scalar in SCALARS)) throw new Error(`an inline ${type.scalar} scalar`)
    return SCALARS[type.scalar]
  }
  if (type.list) return { list: reference(type.list.elementType, numeric) }
  if (type.map) {
    const result = {}
    const numericIn = (field) => JSON.stringify(field.type).includes('"numeric"')
    if (type.map.fields)
      result.fields = Object.fromEntries(
        type.map.fields
          .map((field) => [
            field.name,
            reference(field.type, numericIn(field) ? numberType(name, field.name) : undefined)
          ])
          .sort(([a], [b]) => (a < b ? -1 : 1))
      )
    // Go's empty structs: the schema spells them as maps of anything, strict decoding refuses
    // every field.
    const emptyStruct = !type.map.fields && type.map.elementType?.scalar === 'untyped'
    if (emptyStruct) result.fields = {}
    else if (type.map.elementType) result.values = reference(type.map.elementType, numeric)
    return result
  }
  throw new Error(`a type with neither scalar, list nor map: ${JSON.stringify(type)}`)
}

while (pending.length > 0) {
  const name = pending.shift()
  if (name in types) continue
  types[name] = null // reserves the name: a type that refers to itself is queued once
  types[name] = definition(smd.get(name), undefined, name)
}

const schema = {
  source: `${MODULE}@${version} applyconfigurations/internal/internal.go (generated by scripts/gen-k8s-schema.mjs)`,
  kinds: KINDS,
  types: Object.fromEntries(Object.entries(types).sort(([a], [b]) => (a < b ? -1 : 1)))
}
const text = JSON.stringify(schema, null, 2) + '\n'

writeGenerated(output, text, 'node scripts/gen-k8s-schema.mjs')

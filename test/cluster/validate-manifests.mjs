#!/usr/bin/env node
// Offline schema validation of Kubernetes manifests.
// Usage: node test/cluster/validate-manifests.mjs [--crds FILE]... FILE...
//        node test/cluster/validate-manifests.mjs --parse-only FILE...   (YAML syntax, duplicate keys)
//   - every YAML document must parse and carry apiVersion, kind and metadata.name;
//   - built-in kinds (NetworkPolicy, Deployment, Service, PodDisruptionBudget, Namespace, RBAC,
//     webhooks, CRDs, ...) are validated with the kubernetes-models JSON schemas (types, required
//     fields, enums, formats; unknown fields are NOT rejected by those schemas);
//   - Argo CD Application/AppProject and Prometheus Operator PrometheusRule/PodMonitor with the
//     @kubernetes-models CRD packages;
//   - custom resources whose CustomResourceDefinition is in a --crds file or among the inputs
//     (Gatekeeper Config, ConstraintTemplate, ...) with ajv against the CRD's openAPIV3Schema,
//     unknown fields rejected as `kubectl apply --validate=strict` would;
//   - constraints (constraints.gatekeeper.sh) against their ConstraintTemplate's parameter schema
//     when the template is among the inputs.
// Prints one line per object and "N passed, N failed"; exits 1 on any failure or unknown kind.
import fs from 'node:fs'
import YAML from 'yaml'
import Ajv from 'ajv'

const args = process.argv.slice(2)
const crdFiles = []
const files = []
let parseOnly = false
let specOf = null
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--crds') crdFiles.push(args[++i])
  else if (args[i] === '--parse-only') parseOnly = true
  else if (args[i] === '--spec-of') specOf = args[++i]
  else files.push(args[i])
}
// --spec-of FILE: print .spec of the single object in FILE as YAML (PrometheusRule -> rules file).
if (specOf) {
  process.stdout.write(YAML.stringify(YAML.parse(fs.readFileSync(specOf, 'utf8')).spec))
  process.exit(0)
}
if (files.length === 0) {
  console.error('usage: validate-manifests.mjs [--crds FILE]... FILE...')
  process.exit(2)
}

function loadDocs(file) {
  const text = fs.readFileSync(file, 'utf8')
  const docs = YAML.parseAllDocuments(text, { uniqueKeys: true })
  const out = []
  for (const doc of docs) {
    if (doc.errors.length > 0) throw new Error(`${file}: YAML error: ${doc.errors[0].message}`)
    const obj = doc.toJS()
    if (obj === null || obj === undefined) continue
    out.push(obj)
  }
  return out
}

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false })
const crdSchemas = new Map() // "group/version/Kind" -> compiled validator
const templateSchemas = new Map() // constraint Kind -> compiled parameters validator

function registerCrd(crd) {
  const { group, names, versions } = crd.spec ?? {}
  for (const v of versions ?? []) {
    const schema = v.schema?.openAPIV3Schema
    if (schema) crdSchemas.set(`${group}/${v.name}/${names.kind}`, ajv.compile(stripK8s(schema)))
  }
}

function registerTemplate(tpl) {
  const kind = tpl.spec?.crd?.spec?.names?.kind
  const schema = tpl.spec?.crd?.spec?.validation?.openAPIV3Schema ?? { type: 'object' }
  if (kind) templateSchemas.set(kind, ajv.compile(stripK8s(schema)))
}

// Drop Kubernetes-only keywords ajv does not know; keep everything else.
function stripK8s(schema) {
  if (Array.isArray(schema)) return schema.map(stripK8s)
  if (schema === null || typeof schema !== 'object') return schema
  const out = {}
  for (const [k, v] of Object.entries(schema)) {
    if (k.startsWith('x-kubernetes-')) continue
    out[k] = typeof v === 'object' ? stripK8s(v) : v
  }
  if (schema['x-kubernetes-preserve-unknown-fields'] && !out.type) out.type = 'object'
  // like `kubectl apply --validate=strict`: unknown fields of a structural schema are errors
  if (
    out.properties &&
    !schema['x-kubernetes-preserve-unknown-fields'] &&
    out.additionalProperties === undefined
  )
    out.additionalProperties = false
  if (schema['x-kubernetes-int-or-string']) {
    delete out.type
    out.anyOf = [{ type: 'integer' }, { type: 'string' }]
  }
  return out
}

const modelCache = new Map()
async function builtinModel(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion]
  const candidates = []
  if (group === '') candidates.push(`kubernetes-models/${version}/${kind}`)
  else if (group === 'argoproj.io')
    candidates.push(`@kubernetes-models/argo-cd/${group}/${version}/${kind}`)
  else if (group === 'monitoring.coreos.com')
    candidates.push(`@kubernetes-models/prometheus-operator/${group}/${version}/${kind}`)
  else candidates.push(`kubernetes-models/${group}/${version}/${kind}`)
  for (const spec of candidates) {
    if (modelCache.has(spec)) return modelCache.get(spec)
    try {
      const mod = await import(spec)
      const model = mod[kind] ?? null
      modelCache.set(spec, model)
      if (model) return model
    } catch {
      modelCache.set(spec, null)
    }
  }
  return null
}

let passed = 0
let failed = 0
const report = (ok, where, msg) => {
  if (ok) passed++
  else failed++
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${where}${msg ? `: ${msg}` : ''}`)
}

const all = []
for (const file of crdFiles) {
  for (const obj of loadDocs(file)) if (obj.kind === 'CustomResourceDefinition') registerCrd(obj)
}
for (const file of files) {
  let docs
  try {
    docs = loadDocs(file)
  } catch (e) {
    report(false, file, e.message)
    continue
  }
  if (docs.length === 0) report(false, file, 'no YAML documents')
  if (parseOnly) {
    if (docs.length > 0) report(true, file, `${docs.length} document(s) parse`)
    continue
  }
  for (const obj of docs) {
    all.push({ file, obj })
    if (obj.kind === 'CustomResourceDefinition') registerCrd(obj)
    if (obj.kind === 'ConstraintTemplate') registerTemplate(obj)
  }
}

for (const { file, obj } of all) {
  const where = `${file} ${obj?.kind ?? '?'}/${obj?.metadata?.name ?? '?'}`
  if (typeof obj !== 'object' || !obj.apiVersion || !obj.kind || !obj.metadata?.name) {
    report(false, where, 'apiVersion, kind and metadata.name are required')
    continue
  }
  const [group, version] = obj.apiVersion.includes('/')
    ? obj.apiVersion.split('/')
    : ['', obj.apiVersion]
  try {
    if (group === 'constraints.gatekeeper.sh') {
      const v = templateSchemas.get(obj.kind)
      if (!v) {
        report(false, where, 'no ConstraintTemplate for this constraint kind among the inputs')
        continue
      }
      const params = obj.spec?.parameters ?? {}
      if (!v(params)) throw new Error(`parameters: ${ajv.errorsText(v.errors)}`)
      report(true, where, 'constraint parameters match the template schema')
      continue
    }
    const crd = crdSchemas.get(`${group}/${version}/${obj.kind}`)
    if (crd) {
      if (!crd(obj)) throw new Error(ajv.errorsText(crd.errors))
      report(true, where, 'CRD openAPIV3Schema')
      continue
    }
    const Model = await builtinModel(obj.apiVersion, obj.kind)
    if (!Model) {
      report(false, where, `no schema known for ${obj.apiVersion} ${obj.kind}`)
      continue
    }
    new Model(obj).validate()
    report(true, where, 'kubernetes-models schema')
  } catch (e) {
    report(false, where, String(e.message ?? e).slice(0, 600))
  }
}

console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)

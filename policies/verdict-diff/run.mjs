#!/usr/bin/env node
// Old-vs-new differential of the templates' Rego: a change made for speed or style must not
// change a single violation. Evaluates every template of policies/templates/ as committed at a
// git revision (default HEAD) and as in the working tree (run gen-templates first) on the same
// generated objects, each with every parameter set (defaults, the shipped and sample constraints,
// and edge cases such as glob patterns and parameters of the wrong type), and compares the
// violations (msg and details) one by one.
// Usage: node policies/verdict-diff/run.mjs [--against REV] [--count N] [--seed S]
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import YAML from 'yaml'
import { ABSENT, seededRandom, set } from '../psa-diff/random.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name)
  return i > 0 ? process.argv[i + 1] : fallback
}
const against = arg('--against', 'HEAD')
const COUNT = Number(arg('--count', 1500))
const opa = existsSync(join(root, '.tools/bin/opa')) ? join(root, '.tools/bin/opa') : 'opa'
const work = mkdtempSync(join(tmpdir(), 'verdict-diff-'))
process.on('exit', () => rmSync(work, { recursive: true, force: true }))

// ---- objects ----------------------------------------------------------------------------------
const { rand, pick } = seededRandom(Number(arg('--seed', 20261202)))
const clone = (x) => JSON.parse(JSON.stringify(x))

// Values that exercise null handling and wrong types as well as the ordinary cases.
const ODD = [null, ABSENT, '', 0, true, [], {}, 'x']
const IMAGES = [
  'ghcr.io/example/web:1.8.0',
  'nginx',
  'nginx:latest',
  'nginx:dev',
  'registry:5000/app',
  'registry:5000/app:1.0',
  'app@sha256:' + 'ab'.repeat(32),
  'app:latest@sha256:' + 'cd'.repeat(32),
  'app@sha256:short',
  'app:',
  'a:b:c',
  'ghcr.io/example/debug-tools:latest',
  'docker.io/istio/proxyv2:1.24.0',
  ...ODD
]
const QUANTITIES = [
  '1',
  '250m',
  '512Mi',
  '1Gi',
  '1.5',
  '.5',
  '1.',
  '+1',
  '-1',
  '1e3',
  '2E1',
  '5e-1'
]
  .concat(['1GB', 'abc', '1Ki', '100Pi', '1234567890123456789', '0.1234567890123456m', '9Ei'])
  .concat([2, 0.5, 0, null, true, {}])
const PROFILE = [{ type: 'RuntimeDefault' }, { type: 'Localhost' }, { type: 'Unconfined' }].concat([
  { type: null },
  { type: 5 },
  {},
  'RuntimeDefault',
  null,
  ABSENT
])

const container = (name) => ({
  name,
  image: `ghcr.io/example/${name}:1.0.0`,
  resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1', memory: '1Gi' } },
  securityContext: {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    runAsNonRoot: true,
    seccompProfile: { type: 'RuntimeDefault' }
  }
})
const lists = ['initContainers', 'containers', 'ephemeralContainers']
const someContainer = (spec) => {
  const all = lists.flatMap((l) => (Array.isArray(spec[l]) ? spec[l] : []))
  return all.filter((c) => c && typeof c === 'object')[0]
    ? pick(all.filter((c) => c && typeof c === 'object'))
    : {}
}
const objectAt = (obj, key) => {
  if (obj[key] === null || typeof obj[key] !== 'object' || Array.isArray(obj[key])) obj[key] = {}
  return obj[key]
}
const sc = (s) => objectAt(someContainer(s), 'securityContext')

const mutations = [
  (s) => set(s, pick(['hostNetwork', 'hostPID', 'hostIPC']), pick([true, false, ...ODD])),
  (s) => set(someContainer(s), 'name', pick(['istio-proxy', 'linkerd-proxy', 'sidecar-x', ...ODD])),
  (s) => set(someContainer(s), 'image', pick(IMAGES)),
  (s) =>
    set(
      sc(s),
      pick(['privileged', 'allowPrivilegeEscalation', 'runAsNonRoot']),
      pick([true, false, ...ODD])
    ),
  (s) => set(sc(s), 'runAsUser', pick([0, 1000, ...ODD])),
  (s) =>
    set(
      objectAt(s, 'securityContext'),
      pick(['runAsUser', 'runAsNonRoot']),
      pick([0, 1000, true, false, ...ODD])
    ),
  (s) =>
    set(
      objectAt(sc(s), 'capabilities'),
      pick(['add', 'drop']),
      pick([['ALL'], ['all'], ['NET_BIND_SERVICE'], ['SYS_ADMIN', 'CHOWN'], ...ODD])
    ),
  (s) => set(sc(s), pick(['seccompProfile', 'appArmorProfile']), pick(PROFILE)),
  (s) =>
    set(objectAt(s, 'securityContext'), pick(['seccompProfile', 'appArmorProfile']), pick(PROFILE)),
  (s) => set(sc(s), 'procMount', pick(['Default', 'Unmasked', ...ODD])),
  (s) => set(s, 'hostUsers', pick([true, false, ...ODD])),
  (s) => set(s, 'os', pick([{ name: 'windows' }, { name: 'linux' }, { name: null }, ...ODD])),
  (s) =>
    set(
      sc(s),
      'seLinuxOptions',
      pick([
        { type: 'container_t' },
        { type: 'spc_t' },
        { user: 'u' },
        { role: 'r', type: 'x' },
        { type: null },
        ...ODD
      ])
    ),
  (s) =>
    set(
      objectAt(s, 'securityContext'),
      'seLinuxOptions',
      pick([{ type: 'unconfined_t' }, { user: '' }, ...ODD])
    ),
  (s) =>
    set(
      objectAt(s, 'securityContext'),
      'sysctls',
      pick([
        [{ name: 'net.core.somaxconn' }],
        [{ name: 'kernel.shm_rmid_forced' }],
        [{ name: null }],
        ['x'],
        ...ODD
      ])
    ),
  (s) =>
    set(
      objectAt(pick([sc(s), objectAt(s, 'securityContext')]), 'windowsOptions'),
      'hostProcess',
      pick([true, false, ...ODD])
    ),
  (s) =>
    set(
      someContainer(s),
      'ports',
      pick([
        [{ containerPort: 80, hostPort: 8080 }],
        [{ hostPort: 0 }],
        [{ hostPort: null }],
        ['x'],
        ...ODD
      ])
    ),
  (s) => {
    const handler = pick([
      ['livenessProbe'],
      ['readinessProbe'],
      ['startupProbe'],
      ['lifecycle', 'postStart'],
      ['lifecycle', 'preStop']
    ])
    const h =
      handler.length === 2
        ? objectAt(objectAt(someContainer(s), 'lifecycle'), handler[1])
        : objectAt(someContainer(s), handler[0])
    set(
      h,
      pick(['httpGet', 'tcpSocket']),
      pick([{ port: 80 }, { host: 'evil' }, { host: '' }, { host: null }, ...ODD])
    )
  },
  (s) =>
    set(
      s,
      'volumes',
      pick([
        [{ name: 'h', hostPath: { path: '/' } }],
        [{ name: 'n', nfs: {} }],
        [{ name: 'e', emptyDir: {} }],
        [{ name: 'none' }],
        [{ name: 'nul', hostPath: null }],
        ['x'],
        ...ODD
      ])
    ),
  (s) => {
    const r = objectAt(someContainer(s), 'resources')
    const section = objectAt(r, pick(['limits', 'requests']))
    set(section, pick(['cpu', 'memory', 'ephemeral-storage']), pick([...QUANTITIES, ABSENT]))
  },
  (s) =>
    set(someContainer(s), 'resources', pick([{}, { limits: null }, { requests: 'x' }, ...ODD])),
  (s) =>
    set(
      s,
      'resources',
      pick([{ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } }, ...ODD])
    ),
  (s) => set(someContainer(s), 'securityContext', pick(ODD)),
  (s) => set(s, 'securityContext', pick(ODD)),
  (s) => set(s, pick(lists), pick([[container('extra')], [null], ['x'], ...ODD])),
  (s) =>
    (Array.isArray(s.containers) ? s.containers : (s.containers = [])).push(
      container(`c${rand()}`.slice(0, 6))
    )
]
const metaMutations = [
  (m) =>
    set(
      objectAt(m, 'annotations'),
      `container.apparmor.security.beta.kubernetes.io/c0`,
      pick(['runtime/default', 'localhost/x', 'unconfined', '', ...ODD])
    ),
  (m) => set(m, 'annotations', pick([{ 'a.b/c': 'd' }, ...ODD]))
]

const KINDS = {
  Pod: (spec, meta) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { ...meta, name: 'web', namespace: 'prod' },
    spec
  }),
  Deployment: (spec, meta) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'prod' },
    spec: { template: { metadata: meta, spec } }
  }),
  CronJob: (spec, meta) => ({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'web' },
    spec: { jobTemplate: { spec: { template: { metadata: meta, spec } } } }
  }),
  PodTemplate: (spec, meta) => ({
    apiVersion: 'v1',
    kind: 'PodTemplate',
    metadata: { name: 'web', namespace: 'prod' },
    template: { metadata: meta, spec }
  })
}
for (const kind of ['StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job'])
  KINDS[kind] = (spec, meta) => ({ ...KINDS.Deployment(spec, meta), kind })

const objects = []
for (let i = 0; i < COUNT; i++) {
  const spec = {
    initContainers: [container('init')],
    containers: [container('c0'), container('c1')]
  }
  const meta = { labels: { app: 'web' } }
  for (let n = pick([0, 1, 2, 3, 4, 6]); n > 0; n--) {
    if (rand() < 0.1) pick(metaMutations)(meta)
    else pick(mutations)(spec)
  }
  objects.push(pick(Object.values(KINDS))(spec, meta))
}
// Every sample object, wrapped in every kind when it is a pod, and shapes without a pod spec.
for (const dir of readdirSync(join(root, 'policies'))) {
  const samples = join(root, 'policies', dir, 'samples')
  if (!existsSync(samples)) continue
  for (const c of readdirSync(samples))
    for (const f of readdirSync(join(samples, c)).filter((f) => f !== 'constraint.yaml')) {
      for (const doc of YAML.parseAllDocuments(readFileSync(join(samples, c, f), 'utf8'))) {
        const o = doc.toJS()
        objects.push(o)
        if (o?.kind === 'Pod')
          for (const wrap of Object.values(KINDS))
            objects.push(wrap(clone(o.spec), clone(o.metadata)))
      }
    }
}
objects.push(
  { kind: 'Deployment', metadata: { name: 'x' }, spec: { template: { spec: null } } },
  {
    kind: 'Deployment',
    spec: { template: { metadata: null, spec: { containers: [{ name: 'a', image: 'a' }] } } }
  },
  { kind: null, metadata: null },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } },
  ...['LoadBalancer', 'ClusterIP', null].flatMap((type) =>
    [
      {},
      { 'service.beta.kubernetes.io/aws-load-balancer-internal': 'true' },
      { 'networking.gke.io/load-balancer-type': 'Internal' },
      { 'cloud.google.com/load-balancer-type': 'internal' },
      { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal' },
      { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'false' }
    ].map((annotations) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's', namespace: pick(['prod', 'edge']), annotations },
      spec: { type }
    }))
  )
)

// ---- parameter sets per template -----------------------------------------------------------------
const readTemplates = (read) =>
  readdirSync(join(root, 'policies', 'templates'))
    .sort()
    .map((f) => YAML.parse(read(`policies/templates/${f}`)))
const newTemplates = readTemplates((p) => readFileSync(join(root, p), 'utf8'))
const oldTemplates = readTemplates((p) =>
  execFileSync('git', ['show', `${against}:${p}`], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 16 << 20
  })
)

const EDGE_PARAMETERS = [
  null,
  { level: 'baseline' },
  { level: 'restricted' },
  { exemptContainers: ['istio-*', 'c0'], exemptImages: ['ghcr.io/example/*', 'nginx'] },
  { exemptContainers: ['*'], exemptImages: [''] },
  { exemptContainers: 'istio-proxy', exemptImages: { a: 'nginx' } },
  { exemptImages: ['*', 5] },
  { tags: ['latest', 'dev', ''] },
  { tags: 'latest' },
  { tags: [] },
  { requireEphemeralStorageLimit: true, requireCpuLimit: false, maxCpu: '2', maxMemory: '4Gi' },
  { maxCpu: 1, maxMemory: 'bad', maxEphemeralStorage: '1e3' },
  { allowedNamespaces: ['edge'] }
]
const constraintsOf = (kind) => {
  const sets = [{}]
  const add = (c) => c?.kind === kind && sets.push(c.spec?.parameters ?? {})
  for (const f of readdirSync(join(root, 'policies', 'constraints')))
    add(YAML.parse(readFileSync(join(root, 'policies', 'constraints', f), 'utf8')))
  for (const dir of readdirSync(join(root, 'policies'))) {
    const samples = join(root, 'policies', dir, 'samples')
    if (!existsSync(samples)) continue
    for (const c of readdirSync(samples)) {
      const file = join(samples, c, 'constraint.yaml')
      if (existsSync(file)) add(YAML.parse(readFileSync(file, 'utf8')))
    }
  }
  return [...sets, ...EDGE_PARAMETERS]
}

// ---- evaluation ---------------------------------------------------------------------------------
const reviews = objects.map((object) => ({
  object,
  kind: { group: '', version: 'v1', kind: object?.kind ?? '' },
  operation: 'CREATE',
  name: 'web',
  namespace: 'prod'
}))
const cases = newTemplates.map((t) => ({
  pkg: t.metadata.name,
  parameters: constraintsOf(t.spec.crd.spec.names.kind)
}))
writeFileSync(join(work, 'input.json'), JSON.stringify({ reviews, cases }))
writeFileSync(
  join(work, 'driver.rego'),
  `package verdictdiff

import future.keywords.if
import future.keywords.in

# One entry per template, review and parameter set: the violations, sorted.
results := [sort(violations) |
	some c in input.cases
	some parameters in c.parameters
	some review in input.reviews
	violations := data[c.pkg].violation with input as {"review": review, "parameters": parameters}
]
`
)
const evaluate = (templates, side) => {
  const argv = ['eval', '--format', 'json', '--input', join(work, 'input.json')]
  argv.push('--data', join(work, 'driver.rego'))
  const files = new Map() // one file per distinct Rego text: a library is shared by templates
  for (const t of templates)
    for (const rego of [t.spec.targets[0].rego, ...(t.spec.targets[0].libs ?? [])])
      if (!files.has(rego)) files.set(rego, join(work, `${side}-${files.size}.rego`))
  for (const [rego, file] of files) {
    writeFileSync(file, rego)
    argv.push('--data', file)
  }
  argv.push('data.verdictdiff.results')
  const out = JSON.parse(execFileSync(opa, argv, { maxBuffer: 1 << 30 }))
  return out.result[0].expressions[0].value
}
const before = evaluate(oldTemplates, 'old')
const after = evaluate(newTemplates, 'new')

let evaluations = 0
let violations = 0
let differences = 0
let index = 0
for (const c of cases)
  for (const parameters of c.parameters)
    for (const review of reviews) {
      const [a, b] = [JSON.stringify(before[index]), JSON.stringify(after[index])]
      index++
      evaluations++
      violations += after[index - 1].length
      if (a === b) continue
      differences++
      if (differences <= 5) {
        console.error(`DIFFERENCE ${c.pkg} parameters=${JSON.stringify(parameters)}`)
        console.error(`  object: ${JSON.stringify(review.object)}`)
        console.error(`  ${against}: ${a}\n  working tree: ${b}`)
      }
    }
console.log(
  `verdict-diff: ${objects.length} objects x ${cases.length} templates x their parameter sets = ${evaluations} evaluations, ${violations} violations; ${differences} differences against ${against}`
)
process.exit(differences ? 1 : 0)

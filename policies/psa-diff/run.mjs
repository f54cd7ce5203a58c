#!/usr/bin/env node
// Differential test of the PSS bundles against the reference implementation.
// Generates a seeded corpus of Pods around the baseline/restricted boundary (plus hand-written
// edge cases), evaluates each Pod
//   - with k8s.io/pod-security-admission at its latest version (main.go, built with `go build`), and
//   - with every constraint of policies/bundles/pss-baseline and policies/bundles/pss-restricted
//     (their templates' Rego, fed the Gatekeeper input shape, evaluated by opa),
// and fails when any verdict differs.
// Usage: node policies/psa-diff/run.mjs [--count N] [--seed S] [--tap]
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import YAML from 'yaml'
import { ABSENT, seededRandom, set } from './random.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..')
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name)
  return i > 0 ? process.argv[i + 1] : dflt
}
const COUNT = Number(arg('--count', 3000))
const seed = Number(arg('--seed', 20240601))
const tap = process.argv.includes('--tap')
const opa = existsSync(join(root, '.tools/bin/opa')) ? join(root, '.tools/bin/opa') : 'opa'

const work = mkdtempSync(join(tmpdir(), 'psa-diff-'))
process.on('exit', () => rmSync(work, { recursive: true, force: true }))

// ---- corpus -------------------------------------------------------------------------------
const { rand, pick } = seededRandom(seed)

const compliantContainer = (name) => ({
  name,
  image: `ghcr.io/example/${name}:1.0.0`,
  securityContext: {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    runAsNonRoot: true,
    seccompProfile: { type: 'RuntimeDefault' }
  }
})

const compliantPod = () => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'prod' },
  spec: {
    containers: [compliantContainer('c0')],
    volumes: [{ name: 'cfg', configMap: { name: 'cfg' } }]
  }
})

const allContainers = (spec) => [
  ...(spec.initContainers ?? []),
  ...(spec.containers ?? []),
  ...(spec.ephemeralContainers ?? [])
]
const someContainer = (spec) => pick(allContainers(spec))
const sc = (c) => {
  if (c.securityContext === null || typeof c.securityContext !== 'object') c.securityContext = {}
  return c.securityContext
}
const podSc = (spec) => {
  if (spec.securityContext === null || typeof spec.securityContext !== 'object')
    spec.securityContext = {}
  return spec.securityContext
}
const VOLUME_SOURCES = [
  ['configMap', { name: 'x' }],
  ['secret', { secretName: 'x' }],
  ['emptyDir', {}],
  ['hostPath', { path: '/etc' }],
  ['nfs', { server: 'n', path: '/' }],
  ['persistentVolumeClaim', { claimName: 'x' }],
  ['projected', { sources: [] }],
  ['csi', { driver: 'x' }],
  ['ephemeral', { volumeClaimTemplate: { spec: {} } }],
  ['image', { reference: 'x:1' }],
  ['gitRepo', { repository: 'x' }],
  ['downwardAPI', { items: [] }],
  ['iscsi', { targetPortal: 'x', iqn: 'x', lun: 0 }],
  ['flexVolume', { driver: 'x' }],
  ['cephfs', { monitors: ['x'] }],
  ['awsElasticBlockStore', { volumeID: 'x' }]
]
const CAPS = [
  'ALL',
  'NET_BIND_SERVICE',
  'CHOWN',
  'SYS_ADMIN',
  'NET_RAW',
  'KILL',
  'all',
  'SYS_CHROOT'
]
const SYSCTLS = [
  'kernel.shm_rmid_forced',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.tcp_notsent_lowat',
  'net.core.somaxconn',
  'kernel.msgmax',
  'net.ipv4.tcp_rmem'
]
const BOOL = [true, false, null, ABSENT]
const PROFILE = [
  { type: 'RuntimeDefault' },
  { type: 'Localhost', localhostProfile: 'p' },
  { type: 'Unconfined' },
  {},
  null,
  ABSENT
]

const mutations = [
  (s) => set(s, pick(['hostNetwork', 'hostPID', 'hostIPC']), pick(BOOL)),
  (s) => set(sc(someContainer(s)), 'privileged', pick(BOOL)),
  (s) => set(sc(someContainer(s)), 'allowPrivilegeEscalation', pick(BOOL)),
  (s) =>
    set(
      sc(someContainer(s)),
      'capabilities',
      pick([null, ABSENT, {}, { drop: pick([['ALL'], ['NET_RAW'], null, ['all']]) }])
    ),
  (s) => {
    const caps = sc(someContainer(s))
    caps.capabilities = caps.capabilities ?? {}
    caps.capabilities.add = [pick(CAPS), ...(rand() < 0.3 ? [pick(CAPS)] : [])]
  },
  (s) => set(sc(someContainer(s)), 'runAsNonRoot', pick(BOOL)),
  (s) => set(podSc(s), 'runAsNonRoot', pick(BOOL)),
  (s) => set(sc(someContainer(s)), 'runAsUser', pick([0, 1000, null, ABSENT])),
  (s) => set(podSc(s), 'runAsUser', pick([0, 1000, null, ABSENT])),
  (s) => set(sc(someContainer(s)), 'seccompProfile', pick(PROFILE)),
  (s) => set(podSc(s), 'seccompProfile', pick(PROFILE)),
  (s) => set(sc(someContainer(s)), 'appArmorProfile', pick(PROFILE)),
  (s) => set(podSc(s), 'appArmorProfile', pick(PROFILE)),
  (s) => set(sc(someContainer(s)), 'procMount', pick(['Default', 'Unmasked', null, ABSENT])),
  (s) => set(s, 'hostUsers', pick(BOOL)),
  (s) =>
    set(s, 'os', pick([{ name: 'windows' }, { name: 'linux' }, { name: 'Windows' }, null, ABSENT])),
  (s) =>
    set(
      sc(someContainer(s)),
      'seLinuxOptions',
      pick([
        { type: 'container_t' },
        { type: 'spc_t' },
        { user: 'system_u' },
        { role: 'r' },
        { level: 's0' },
        { type: 'container_engine_t' },
        { type: '' },
        null,
        ABSENT
      ])
    ),
  (s) =>
    set(
      podSc(s),
      'seLinuxOptions',
      pick([{ type: 'container_kvm_t' }, { type: 'unconfined_t' }, { user: '' }, null])
    ),
  (s) => set(podSc(s), 'sysctls', [{ name: pick(SYSCTLS), value: '1' }]),
  (s) =>
    set(
      sc(someContainer(s)),
      'windowsOptions',
      pick([{ hostProcess: true }, { hostProcess: false }, { hostProcess: null }, {}, null])
    ),
  (s) =>
    set(
      podSc(s),
      'windowsOptions',
      pick([{ hostProcess: true }, { hostProcess: false }, { runAsUserName: 'x' }])
    ),
  (s) =>
    set(someContainer(s), 'ports', [
      { containerPort: 80, ...pick([{}, { hostPort: 0 }, { hostPort: 8080 }, { hostPort: null }]) }
    ]),
  (s) => {
    const probe = pick(['livenessProbe', 'readinessProbe', 'startupProbe'])
    const action = pick(['httpGet', 'tcpSocket'])
    set(someContainer(s), probe, {
      [action]: { port: 80, ...pick([{}, { host: 'evil' }, { host: '' }, { host: null }]) }
    })
  },
  (s) => {
    const hook = pick(['postStart', 'preStop'])
    const action = pick(['httpGet', 'tcpSocket'])
    set(someContainer(s), 'lifecycle', {
      [hook]: { [action]: { port: 80, ...pick([{}, { host: '10.0.0.1' }]) } }
    })
  },
  (s) => {
    const [type, source] = pick(VOLUME_SOURCES)
    s.volumes = [...(s.volumes ?? []), { name: `v${s.volumes?.length ?? 0}`, [type]: source }]
  },
  (s) => set(s, 'volumes', pick([null, ABSENT, [{ name: 'n', hostPath: null, emptyDir: {} }]])),
  (s) => {
    const c = compliantContainer(`i${s.initContainers?.length ?? 0}`)
    s.initContainers = [...(s.initContainers ?? []), c]
  },
  (s) => {
    const c = compliantContainer(`e${s.ephemeralContainers?.length ?? 0}`)
    s.ephemeralContainers = [...(s.ephemeralContainers ?? []), c]
  },
  (s) => s.containers.push(compliantContainer(`c${s.containers.length}`)),
  (s) => set(someContainer(s), 'securityContext', pick([null, ABSENT, {}])),
  (s) => set(s, 'securityContext', pick([null, ABSENT, {}]))
]
const metaMutations = [
  (p) => {
    const c = someContainer(p.spec)
    p.metadata.annotations = {
      ...(p.metadata.annotations ?? {}),
      [`container.apparmor.security.beta.kubernetes.io/${c.name}`]: pick([
        'runtime/default',
        'localhost/x',
        'unconfined',
        '',
        'Unconfined'
      ])
    }
  },
  (p) => {
    p.metadata.annotations = {
      ...(p.metadata.annotations ?? {}),
      'seccomp.security.alpha.kubernetes.io/pod': pick(['unconfined', 'runtime/default'])
    }
  }
]

const corpus = []
for (let i = 0; i < COUNT; i++) {
  const pod = compliantPod()
  const n = pick([0, 1, 1, 2, 2, 3, 4, 6])
  for (let k = 0; k < n; k++) {
    if (rand() < 0.08) pick(metaMutations)(pod)
    else pick(mutations)(pod.spec)
  }
  corpus.push(pod)
}

// Hand-written edge cases the random walk might miss.
const edge = (spec, annotations) => {
  const pod = compliantPod()
  Object.assign(pod.spec, spec)
  if (annotations) pod.metadata.annotations = annotations
  return pod
}
corpus.push(
  edge({ containers: [{ name: 'bare', image: 'x:1' }], volumes: null }),
  edge({ os: { name: 'windows' }, containers: [{ name: 'win', image: 'x:1' }] }),
  edge({
    os: { name: 'windows' },
    containers: [
      { name: 'win', image: 'x:1', securityContext: { capabilities: { add: ['SYS_ADMIN'] } } }
    ]
  }),
  edge({
    hostUsers: false,
    securityContext: {
      runAsUser: 0,
      runAsNonRoot: false,
      seccompProfile: { type: 'RuntimeDefault' }
    },
    containers: [
      {
        name: 'u',
        image: 'x:1',
        securityContext: {
          procMount: 'Unmasked',
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] }
        }
      }
    ]
  }),
  edge({ volumes: [{ name: 'nosource' }, { name: 'nulls', hostPath: null, nfs: null }] }),
  edge({
    containers: [compliantContainer('c0')],
    ephemeralContainers: [{ name: 'dbg', image: 'x:1', securityContext: { privileged: true } }]
  }),
  edge({}, { 'container.apparmor.security.beta.kubernetes.io/ghost': 'unconfined' }),
  edge({
    securityContext: { seccompProfile: { type: 'Unconfined' } },
    containers: [{ ...compliantContainer('c0') }]
  }),
  edge({
    securityContext: null,
    containers: [{ name: 'n', image: 'x:1', securityContext: null, ports: null, lifecycle: null }]
  })
)

// ---- reference verdicts ---------------------------------------------------------------------
// The API server defaults a volume without any source to emptyDir before admission
// (SetDefaults_Volume); PSA in a cluster never sees a sourceless volume, so neither does this.
const KNOWN_SOURCES = new Set(VOLUME_SOURCES.map(([t]) => t))
const defaulted = (pod) => {
  const p = JSON.parse(JSON.stringify(pod))
  for (const v of p.spec.volumes ?? []) {
    if (v && ![...KNOWN_SOURCES].some((t) => v[t] !== undefined && v[t] !== null)) v.emptyDir = {}
  }
  return p
}

const binary = join(work, 'psa-diff')
execFileSync('go', ['build', '-o', binary, '.'], {
  cwd: here,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, GOTOOLCHAIN: 'local' }
})
const psa = JSON.parse(
  execFileSync(binary, { input: JSON.stringify(corpus.map(defaulted)), maxBuffer: 256 << 20 })
)

// ---- Rego verdicts ------------------------------------------------------------------------------
const bundleConstraints = (bundle) => {
  const dir = join(root, 'policies', 'bundles', bundle)
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
    .map((f) => YAML.parse(readFileSync(join(dir, f), 'utf8')))
    .map((c) => ({
      name: c.metadata.name,
      pkg: c.kind.toLowerCase(),
      parameters: c.spec.parameters ?? {}
    }))
}
const levels = {
  baseline: bundleConstraints('pss-baseline'),
  restricted: bundleConstraints('pss-restricted')
}

const regoFiles = []
for (const pkg of new Set([...levels.baseline, ...levels.restricted].map((c) => c.pkg))) {
  const dir = readdirSync(join(root, 'policies')).find((d) => {
    const t = join(root, 'policies', d, 'template.yaml')
    return existsSync(t) && YAML.parse(readFileSync(t, 'utf8')).metadata.name === pkg
  })
  regoFiles.push(join(root, 'policies', dir, 'src.rego'))
}
for (const f of readdirSync(join(root, 'policies', 'lib'))) {
  if (f.endsWith('.rego') && !f.endsWith('_test.rego'))
    regoFiles.push(join(root, 'policies', 'lib', f))
}
const driver = join(work, 'driver.rego')
writeFileSync(
  driver,
  `package psadiff

import future.keywords.if
import future.keywords.in

# For each pod and level, the names of the constraints with at least one violation.
results := [{level: denied |
	some level, constraints in input.levels
	denied := [c.name |
		some c in constraints
		v := data[c.pkg].violation with input as {"review": {"object": pod, "operation": "CREATE"}, "parameters": c.parameters}
		count(v) > 0
	]
} |
	some pod in input.pods
]
`
)
const inputFile = join(work, 'input.json')
writeFileSync(inputFile, JSON.stringify({ pods: corpus, levels }))
const argv = ['eval', '--format', 'json', '--input', inputFile, '--data', driver]
for (const f of regoFiles) argv.push('--data', f)
argv.push('data.psadiff.results')
const rego = JSON.parse(execFileSync(opa, argv, { maxBuffer: 256 << 20 })).result[0].expressions[0]
  .value

// ---- compare ------------------------------------------------------------------------------------
let mismatches = 0
const counts = { baseline: [0, 0], restricted: [0, 0] }
corpus.forEach((pod, i) => {
  for (const level of ['baseline', 'restricted']) {
    const refAllowed = psa[i][level]
    const ourDenied = rego[i][level]
    counts[level][refAllowed ? 0 : 1]++
    if (refAllowed === (ourDenied.length === 0)) continue
    mismatches++
    if (mismatches <= 10) {
      console.error(
        `MISMATCH pod #${i} level ${level}: PSA ${refAllowed ? 'allows' : `denies (${psa[i][`${level}Reasons`].join(', ')})`}, Rego ${ourDenied.length ? `denies (${ourDenied.join(', ')})` : 'allows'}`
      )
      console.error(
        `  ${JSON.stringify(pod.spec)}${pod.metadata.annotations ? ` annotations=${JSON.stringify(pod.metadata.annotations)}` : ''}`
      )
    }
  }
})
const summary = `${corpus.length} pods: baseline ${counts.baseline[0]} allowed / ${counts.baseline[1]} denied, restricted ${counts.restricted[0]} allowed / ${counts.restricted[1]} denied by PSA`
if (tap)
  console.log(
    mismatches
      ? `FAIL\tpsa-diff (${summary})\t${mismatches} mismatches`
      : `ok\tpsa-diff: Rego equals k8s.io/pod-security-admission on ${summary}`
  )
else console.log(`psa-diff: ${mismatches} mismatches; ${summary}`)
process.exit(mismatches ? 1 : 0)

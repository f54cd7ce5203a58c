// The corpus of test/fix/schema-differential.test.ts: valid manifests of every kind the schema
// covers, and mutations of them in the style of a property test: each leaf given a value of other
// types, unknown and misplaced fields in every mapping, nulls, spellings of quantities, times and
// int-or-strings, duplicate keys, and seeded random combinations of several mutations.
// Documents are JSON (which is YAML), so no YAML spelling question enters; the duplicate-key
// cases are YAML text.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type Path = (string | number)[]

export interface CorpusDocument {
  /** What was done to which base manifest. */
  name: string
  text: string
}

const container = (name: string): Json => ({
  name,
  image: 'registry.example/app:1.2.3',
  command: ['/app'],
  args: ['--port', '8080'],
  ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
  env: [
    { name: 'MODE', value: 'prod' },
    { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }
  ],
  resources: {
    requests: { cpu: '100m', memory: '128Mi' },
    limits: { cpu: 1, memory: '1Gi' }
  },
  readinessProbe: { httpGet: { path: '/ready', port: 'http' }, periodSeconds: 10 },
  livenessProbe: { tcpSocket: { port: 8080 }, failureThreshold: 3 },
  securityContext: {
    allowPrivilegeEscalation: false,
    runAsNonRoot: true,
    runAsUser: 10001,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] },
    seccompProfile: { type: 'RuntimeDefault' }
  },
  volumeMounts: [{ name: 'data', mountPath: '/data', readOnly: true }]
})

/** A pod spec that uses most fields, for Pod and Deployment; the other kinds get a small one. */
const richPodSpec = (): Json => ({
  serviceAccountName: 'app',
  automountServiceAccountToken: false,
  terminationGracePeriodSeconds: 30,
  securityContext: {
    runAsNonRoot: true,
    fsGroup: 2000,
    supplementalGroups: [3000],
    seccompProfile: { type: 'RuntimeDefault' },
    sysctls: [{ name: 'net.ipv4.ip_local_port_range', value: '1024 65535' }]
  },
  initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['true'] }],
  containers: [container('app')],
  volumes: [
    { name: 'data', emptyDir: { sizeLimit: '1Gi' } },
    { name: 'config', configMap: { name: 'app', defaultMode: 420 } }
  ],
  nodeSelector: { 'kubernetes.io/os': 'linux' },
  tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'app', effect: 'NoSchedule' }],
  affinity: {
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        {
          weight: 100,
          podAffinityTerm: {
            topologyKey: 'kubernetes.io/hostname',
            labelSelector: { matchLabels: { app: 'web' } }
          }
        }
      ]
    }
  }
})

const podSpec = (): Json => ({
  containers: [
    {
      name: 'app',
      image: 'registry.example/app:1.2.3',
      resources: { limits: { memory: '1Gi' } },
      securityContext: { runAsNonRoot: true, capabilities: { drop: ['ALL'] } }
    }
  ]
})

const metadata = (name: string): Json => ({
  name,
  namespace: 'prod',
  labels: { app: 'web' },
  annotations: { 'example.com/owner': 'team-a' },
  creationTimestamp: null
})
const template = (spec = podSpec()): Json => ({ metadata: { labels: { app: 'web' } }, spec })
const selector = { matchLabels: { app: 'web' } }

/** One valid manifest per kind of src/fix/kubernetes-schema.json. */
export const BASES: Record<string, Json> = {
  Pod: { apiVersion: 'v1', kind: 'Pod', metadata: metadata('web'), spec: richPodSpec() },
  PodTemplate: {
    apiVersion: 'v1',
    kind: 'PodTemplate',
    metadata: metadata('web'),
    template: template()
  },
  ReplicationController: {
    apiVersion: 'v1',
    kind: 'ReplicationController',
    metadata: metadata('web'),
    spec: { replicas: 2, selector: { app: 'web' }, template: template() }
  },
  Service: {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      ...(metadata('web') as object),
      annotations: { 'service.beta.kubernetes.io/aws-load-balancer-internal': 'true' }
    },
    spec: {
      type: 'LoadBalancer',
      selector: { app: 'web' },
      ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
      loadBalancerSourceRanges: ['10.0.0.0/8'],
      sessionAffinityConfig: { clientIP: { timeoutSeconds: 600 } }
    }
  },
  Deployment: {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: metadata('web'),
    spec: {
      replicas: 3,
      revisionHistoryLimit: 5,
      selector,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: 1 } },
      template: template(richPodSpec())
    }
  },
  StatefulSet: {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: metadata('db'),
    spec: {
      serviceName: 'db',
      replicas: 1,
      selector,
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      template: template(),
      volumeClaimTemplates: [
        {
          metadata: { name: 'data' },
          spec: {
            accessModes: ['ReadWriteOnce'],
            resources: { requests: { storage: '10Gi' } }
          }
        }
      ]
    }
  },
  DaemonSet: {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: metadata('agent'),
    spec: {
      selector,
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      template: template()
    }
  },
  ReplicaSet: {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: metadata('web'),
    spec: { replicas: 1, minReadySeconds: 5, selector, template: template() }
  },
  Job: {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: metadata('migrate'),
    spec: {
      backoffLimit: 4,
      activeDeadlineSeconds: 600,
      ttlSecondsAfterFinished: 100,
      completionMode: 'NonIndexed',
      podFailurePolicy: {
        rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }]
      },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { ...(podSpec() as object), restartPolicy: 'Never' }
      }
    }
  },
  CronJob: {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: metadata('nightly'),
    spec: {
      schedule: '0 3 * * *',
      timeZone: 'Etc/UTC',
      concurrencyPolicy: 'Forbid',
      successfulJobsHistoryLimit: 3,
      suspend: false,
      jobTemplate: {
        spec: {
          template: {
            spec: { ...(podSpec() as object), restartPolicy: 'OnFailure' }
          }
        }
      }
    }
  }
}

/** Fields as fixes and people misplace them: each goes into every mapping that lacks it. */
const MISPLACED: Record<string, Json> = {
  seccompProfile: { type: 'RuntimeDefault' },
  runAsNonRoot: true,
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  privileged: false,
  hostNetwork: false,
  procMount: 'Default',
  resources: { limits: { cpu: '1' } },
  securityContext: { runAsNonRoot: true },
  image: 'nginx:1.27',
  replicas: 1,
  sysctls: []
}

/** Values of other types (and edge values of the same type) for a leaf or a subtree. */
function replacements(value: Json): Json[] {
  if (Array.isArray(value)) return ['ALL', { ALL: true }, 1]
  if (value !== null && typeof value === 'object') return ['x', [], true, 0]
  switch (typeof value) {
    case 'string':
      return [1, true, ['x'], { x: 'y' }, '100m']
    case 'boolean':
      return [String(value), 1, [value]]
    case 'number':
      return [String(value), value + 0.5, true, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, [value]]
    default:
      return ['x', 1, false, [], {}]
  }
}

/** Spellings for the fields whose Go types decode their own way, wherever a path ends in `tail`. */
const SPELLINGS: { tail: Path; values: Json[] }[] = [
  {
    tail: ['resources', 'limits', 'memory'],
    values: [
      '1Gi',
      '1G',
      '1K',
      '1k',
      '1e3',
      '1E3',
      '1e',
      '1E',
      '1.5',
      '.5',
      '5.',
      '+1',
      '-1',
      '+',
      '.',
      '',
      ' 1Gi ',
      '1 Gi',
      '1Mi5',
      '1.2.3',
      '0x10',
      '1e+3',
      '1e-3',
      '1m',
      '1u',
      '1n',
      '1Ei',
      '1Pi',
      '１',
      'one',
      0.25,
      -3,
      1e21
    ]
  },
  {
    tail: ['rollingUpdate', 'maxUnavailable'],
    values: ['25%', 'x', '', 0, 2, -1, 1.5, 2 ** 31, true, null, ['1'], { x: 1 }]
  },
  {
    tail: ['metadata', 'creationTimestamp'],
    values: [
      '2024-01-02T03:04:05Z',
      '2024-01-02T03:04:05.123456Z',
      '2024-01-02T03:04:05+01:00',
      '2024-01-02t03:04:05z',
      '2024-01-02 03:04:05Z',
      '2024-01-02',
      '2024-02-30T00:00:00Z',
      '2024-13-01T00:00:00Z',
      '2024-01-02T24:00:00Z',
      '2024-01-02T03:04:05+25:00',
      'yesterday',
      1700000000,
      true,
      null
    ]
  }
]

/** Every path of `value` with its subtree. */
function* walk(value: Json, path: Path = []): Generator<[Path, Json]> {
  yield [path, value]
  if (Array.isArray(value))
    for (let i = 0; i < value.length; i++) yield* walk(value[i]!, [...path, i])
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) yield* walk(item, [...path, key])
}

function setAt(value: Json, path: Path, replacement: Json): Json {
  if (path.length === 0) return replacement
  const [head, ...rest] = path
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string,
    Json
  >
  copy[head as string] = setAt(copy[head as string]!, rest, replacement)
  return copy as Json
}

const isMapping = (value: Json): value is { [key: string]: Json } =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
const show = (path: Path) => path.join('.') || '(root)'
const toText = (value: Json) => JSON.stringify(value) + '\n'
/** apiVersion and kind choose the type; a mutation there leaves the schema's kinds. */
const typed = (path: Path) =>
  !(path.length === 1 && (path[0] === 'apiVersion' || path[0] === 'kind'))

/** The mutations of `base` at `path` (where `value` is). */
function* mutationsAt(base: Json, path: Path, value: Json): Generator<[string, Json]> {
  if (!typed(path)) return
  if (path.length > 0) {
    for (const other of replacements(value))
      yield [`${show(path)} = ${JSON.stringify(other)}`, setAt(base, path, other)]
    yield [`${show(path)} = null`, setAt(base, path, null)]
  }
  if (isMapping(value)) {
    yield [`${show(path)}.bogusField`, setAt(base, path, { ...value, bogusField: 'x' })]
    yield [`${show(path)}.Name (wrong case)`, setAt(base, path, { ...value, Name: 'x' })]
    for (const [key, misplaced] of Object.entries(MISPLACED))
      if (!(key in value))
        yield [
          `${show(path)}.${key} (misplaced)`,
          setAt(base, path, { ...value, [key]: misplaced })
        ]
  }
}

/** Each mutation of `base` on its own. */
function* mutations(base: Json): Generator<[string, Json]> {
  for (const [path, value] of walk(base)) yield* mutationsAt(base, path, value)
  for (const { tail, values } of SPELLINGS)
    for (const [path] of walk(base))
      if (show(path).endsWith(show(tail)))
        for (const spelling of values)
          yield [`${show(path)} = ${JSON.stringify(spelling)}`, setAt(base, path, spelling)]
}

/** A small deterministic generator (mulberry32), so a failure names a case that reproduces. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Documents with duplicate keys, as YAML (JSON text has no duplicate-key spelling of its own). */
const DUPLICATES: [string, string][] = [
  [
    'duplicate metadata.name',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\nspec:\n  containers: [{name: a, image: b}]\n'
  ],
  [
    'duplicate quoted and plain key',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  "name": b\nspec:\n  containers: [{name: a, image: b}]\n'
  ],
  [
    'duplicate in a container',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n  - name: a\n    image: b\n    securityContext: {runAsNonRoot: true, runAsNonRoot: false}\n'
  ],
  [
    'duplicate label key',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\n  labels: {app: x, app: y}\nspec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec:\n      containers: [{name: a, image: b}]\n'
  ],
  [
    'yes and true are two keys',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels: {"x": "1", x2: "2"}\n  annotations:\n    yes: a\n    true: b\nspec:\n  containers: [{name: a, image: b}]\n'
  ],
  [
    'no duplicate: a merge key',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels:\n    <<: {app: x}\n    app: y\nspec:\n  containers: [{name: a, image: b}]\n'
  ],
  [
    'no duplicate: different keys',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels: {a: "1", b: "2"}\nspec:\n  containers: [{name: a, image: b}]\n'
  ]
]

/** The whole corpus: bases, every single mutation, random multi-mutations and duplicate keys. */
export function schemaCorpus(randomCases = 400): CorpusDocument[] {
  const documents: CorpusDocument[] = []
  for (const [kind, base] of Object.entries(BASES)) {
    documents.push({ name: `${kind} (valid)`, text: toText(base) })
    for (const [name, mutated] of mutations(base))
      documents.push({ name: `${kind}: ${name}`, text: toText(mutated) })
    const next = random(kind.length * 7919)
    for (let i = 0; i < randomCases / Object.keys(BASES).length; i++) {
      let doc = base
      const names: string[] = []
      for (let n = 0; n < 2 + Math.floor(next() * 3); n++) {
        // A mutation of the mutated document, so they compound (one inside another's value too).
        const places = [...walk(doc)].filter(([path]) => typed(path) && path.length > 0)
        const [path, value] = places[Math.floor(next() * places.length)]!
        const options = [...mutationsAt(doc, path, value)]
        const [name, mutated] = options[Math.floor(next() * options.length)]!
        names.push(name)
        doc = mutated
      }
      documents.push({ name: `${kind}: ${names.join(' + ')}`, text: toText(doc) })
    }
  }
  for (const [name, text] of DUPLICATES) documents.push({ name, text })
  return documents
}

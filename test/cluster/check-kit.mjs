#!/usr/bin/env node
// Semantic checks of the cluster kit, on `kustomize build` outputs and the repo files.
// Usage: node test/cluster/check-kit.mjs BUILD_DIR
//   BUILD_DIR holds: networkpolicies-base.yaml, networkpolicies-nodelocal-dns.yaml,
//   networkpolicies-gatekeeper-system.yaml, networkpolicies-example-team.yaml, manifests.yaml,
//   argocd-apps.yaml, monitoring.yaml and, when the policy library exists, policies.yaml.
// Env: GATEKEEPER_SRC = directory of the Gatekeeper Go module (metric names are checked against it).
// Prints one line per check and "N passed, N failed"; exits 1 on any failure.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { isDeepStrictEqual } from 'node:util'
import YAML from 'yaml'

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const buildDir = process.argv[2]
if (!buildDir) {
  console.error('usage: check-kit.mjs BUILD_DIR')
  process.exit(2)
}

const loadAll = (file) =>
  YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map((d) => d.toJS())
    .filter(Boolean)
const build = (name) => loadAll(path.join(buildDir, name))
const repoYaml = (rel) => YAML.parse(fs.readFileSync(path.join(REPO, rel), 'utf8'))

let passed = 0
let failed = 0
function check(name, fn) {
  try {
    const detail = fn()
    passed++
    console.log(`ok   ${name}${typeof detail === 'string' ? ` (${detail})` : ''}`)
  } catch (e) {
    failed++
    console.log(`FAIL ${name}: ${e.message}`)
  }
}
function assert(cond, msg) {
  if (!cond) throw new Error(msg)
}
const find = (objs, kind, name) => {
  const o = objs.find((x) => x.kind === kind && x.metadata?.name === name)
  assert(o, `${kind}/${name} not found`)
  return o
}
const matches = (selector, labels) =>
  Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels?.[k] === v) &&
  (selector?.matchExpressions ?? []).length === 0
const portsOf = (rule) => (rule.ports ?? []).map((p) => `${p.protocol ?? 'TCP'}/${p.port}`).sort()

// ---------------------------------------------------------------- NetworkPolicies
const npBase = build('networkpolicies-base.yaml')
const npLocal = build('networkpolicies-nodelocal-dns.yaml')
const npGk = build('networkpolicies-gatekeeper-system.yaml')
const npTeam = build('networkpolicies-example-team.yaml')
const allNp = [...npBase, ...npLocal, ...npGk, ...npTeam]

check('networkpolicies: base is default-deny, same-namespace, DNS, without a namespace', () => {
  const names = npBase.map((o) => `${o.kind}/${o.metadata.name}`).sort()
  assert(
    isDeepStrictEqual(names, [
      'NetworkPolicy/allow-dns-egress',
      'NetworkPolicy/allow-same-namespace',
      'NetworkPolicy/default-deny-all'
    ]),
    `unexpected objects ${names}`
  )
  assert(
    npBase.every((o) => !o.metadata.namespace),
    'base objects must not set a namespace'
  )
})

check(
  'networkpolicies: default-deny-all selects every pod, both directions, no allow rules',
  () => {
    const p = find(npBase, 'NetworkPolicy', 'default-deny-all').spec
    assert(isDeepStrictEqual(p.podSelector, {}), 'podSelector must be {}')
    assert(
      isDeepStrictEqual([...p.policyTypes].sort(), ['Egress', 'Ingress']),
      'policyTypes must be Ingress and Egress'
    )
    assert(!p.ingress && !p.egress, 'default deny must have no ingress/egress rules')
  }
)

check('networkpolicies: allow-same-namespace allows pods of the namespace both ways', () => {
  const p = find(npBase, 'NetworkPolicy', 'allow-same-namespace').spec
  assert(
    isDeepStrictEqual(p.ingress, [{ from: [{ podSelector: {} }] }]),
    'ingress must be from podSelector {}'
  )
  assert(
    isDeepStrictEqual(p.egress, [{ to: [{ podSelector: {} }] }]),
    'egress must be to podSelector {}'
  )
})

function dnsSelectorRule(p) {
  return p.egress.find(
    (r) =>
      r.to?.length === 1 &&
      r.to[0].namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'kube-system' &&
      r.to[0].podSelector?.matchLabels?.['k8s-app'] === 'kube-dns'
  )
}

check(
  'networkpolicies: DNS egress is ONE peer with namespaceSelector AND podSelector, UDP+TCP 53',
  () => {
    const p = find(npBase, 'NetworkPolicy', 'allow-dns-egress').spec
    assert(isDeepStrictEqual(p.policyTypes, ['Egress']), 'policyTypes must be [Egress]')
    assert(p.egress.length === 1, 'exactly one egress rule')
    const rule = dnsSelectorRule(p)
    assert(
      rule,
      'no single `to` element combining kube-system namespaceSelector and kube-dns podSelector'
    )
    assert(isDeepStrictEqual(portsOf(rule), ['TCP/53', 'UDP/53']), `ports ${portsOf(rule)}`)
  }
)

check(
  'networkpolicies: NodeLocal DNSCache variant adds ipBlock 169.254.20.10/32 and keeps kube-dns',
  () => {
    const p = find(npLocal, 'NetworkPolicy', 'allow-dns-egress').spec
    assert(dnsSelectorRule(p), 'kube-dns selector rule missing')
    const ip = p.egress.find((r) => r.to?.some((t) => t.ipBlock?.cidr === '169.254.20.10/32'))
    assert(ip, 'no ipBlock 169.254.20.10/32')
    assert(isDeepStrictEqual(portsOf(ip), ['TCP/53', 'UDP/53']), `ports ${portsOf(ip)}`)
    assert(
      ip.to.every((t) => t.ipBlock && !t.podSelector && !t.namespaceSelector),
      'ipBlock peers only'
    )
  }
)

check(
  'networkpolicies: no peer list falls into the OR trap (namespaceSelector and podSelector split)',
  () => {
    for (const np of allNp) {
      for (const rule of [...(np.spec.ingress ?? []), ...(np.spec.egress ?? [])]) {
        const peers = rule.from ?? rule.to ?? []
        const nsOnly = peers.some((x) => x.namespaceSelector && !x.podSelector)
        const podOnly = peers.some((x) => x.podSelector && !x.namespaceSelector)
        assert(
          !(nsOnly && podOnly),
          `${np.metadata.name}: separate namespaceSelector and podSelector peers (OR)`
        )
      }
    }
    return `${allNp.length} policies`
  }
)

check('networkpolicies: example-team overlay puts the baseline in team-a', () => {
  assert(
    npTeam.length === 3 && npTeam.every((o) => o.metadata.namespace === 'team-a'),
    'all 3 in team-a'
  )
})

// ---------------------------------------------------------------- Gatekeeper install
const man = build('manifests.yaml')
const version = fs.readFileSync(path.join(REPO, 'manifests/gatekeeper/VERSION'), 'utf8').trim()
const cm = find(man, 'Deployment', 'gatekeeper-controller-manager')
const audit = find(man, 'Deployment', 'gatekeeper-audit')
const cmC = cm.spec.template.spec.containers.find((c) => c.name === 'manager')
const auditC = audit.spec.template.spec.containers.find((c) => c.name === 'manager')

check('gatekeeper: header names the pinned version', () => {
  const head = fs
    .readFileSync(path.join(REPO, 'manifests/gatekeeper.yaml'), 'utf8')
    .split('\n')
    .slice(0, 3)
    .join('\n')
  assert(
    head.includes(`github.com/open-policy-agent/gatekeeper/v3@${version} deploy/gatekeeper.yaml`),
    'header'
  )
  return version
})

check('gatekeeper: every image is the pinned release, pulled IfNotPresent', () => {
  const containers = man.flatMap((o) => o.spec?.template?.spec?.containers ?? [])
  assert(containers.length >= 2, 'no containers')
  for (const c of containers) {
    assert(c.image === `openpolicyagent/gatekeeper:${version}`, `image ${c.image}`)
    assert(c.imagePullPolicy === 'IfNotPresent', `${c.name} imagePullPolicy ${c.imagePullPolicy}`)
  }
})

check(
  'gatekeeper: webhook exempts gatekeeper-system, kube-system, kube-bench; metrics on 8888',
  () => {
    for (const a of [
      '--exempt-namespace=gatekeeper-system',
      '--exempt-namespace=kube-system',
      '--exempt-namespace=kube-bench',
      '--metrics-backend=prometheus',
      '--prometheus-port=8888',
      '--port=8443'
    ])
      assert(cmC.args.includes(a), `controller-manager args lack ${a}`)
  }
)

check('gatekeeper: audit interval 120s, violation limit, metrics', () => {
  for (const a of [
    '--audit-interval=120',
    '--constraint-violations-limit=50',
    '--metrics-backend=prometheus',
    '--prometheus-port=8888'
  ])
    assert(auditC.args.includes(a), `audit args lack ${a}`)
})

check('gatekeeper: requests and limits for cpu and memory on every container', () => {
  for (const c of [cmC, auditC]) {
    for (const k of ['requests', 'limits'])
      for (const r of ['cpu', 'memory'])
        assert(c.resources?.[k]?.[r], `${c.name} lacks resources.${k}.${r}`)
  }
})

check('gatekeeper: 3 webhook replicas, PDB minAvailable 2 selecting the webhook pods', () => {
  assert(cm.spec.replicas === 3, `replicas ${cm.spec.replicas}`)
  const pdb = find(man, 'PodDisruptionBudget', 'gatekeeper-controller-manager')
  assert(pdb.spec.minAvailable === 2, `minAvailable ${pdb.spec.minAvailable}`)
  assert(pdb.spec.minAvailable < cm.spec.replicas, 'PDB would block every eviction')
  assert(
    matches(pdb.spec.selector, cm.spec.template.metadata.labels),
    'PDB selector misses the webhook pods'
  )
  assert(
    !matches(pdb.spec.selector, audit.spec.template.metadata.labels),
    'PDB selector also matches audit'
  )
})

check(
  'gatekeeper: metrics Service and PodMonitor reach port 8888 named metrics on both deployments',
  () => {
    const svc = find(man, 'Service', 'gatekeeper-metrics')
    for (const d of [cm, audit]) {
      assert(
        matches({ matchLabels: svc.spec.selector }, d.spec.template.metadata.labels),
        `${d.metadata.name} not selected`
      )
      const p = d.spec.template.spec.containers[0].ports.find((x) => x.name === 'metrics')
      assert(p && p.containerPort === 8888, `${d.metadata.name} has no metrics port 8888`)
    }
    assert(
      svc.spec.ports[0].port === 8888 && svc.spec.ports[0].targetPort === 'metrics',
      'service port'
    )
    const pm = find(build('monitoring.yaml'), 'PodMonitor', 'gatekeeper')
    assert(pm.spec.podMetricsEndpoints[0].port === 'metrics', 'PodMonitor port')
    for (const d of [cm, audit])
      assert(matches(pm.spec.selector, d.spec.template.metadata.labels), 'PodMonitor selector')
  }
)

check('gatekeeper: Config and kube-bench namespace agree with the exempt namespaces', () => {
  const config = find(man, 'Config', 'config')
  const excluded = config.spec.match.flatMap((m) => m.excludedNamespaces)
  for (const ns of ['kube-system', 'gatekeeper-system', 'kube-bench'])
    assert(excluded.includes(ns), `Config lacks ${ns}`)
  const ns = find(man, 'Namespace', 'kube-bench')
  assert(ns.metadata.labels['admission.gatekeeper.sh/ignore'], 'kube-bench lacks the ignore label')
  assert(
    cmC.args.includes('--exempt-namespace=kube-bench'),
    'kube-bench may not carry the ignore label'
  )
})

check(
  'gatekeeper-system NetworkPolicies keep the webhook (8443), metrics (8888) and API server reachable',
  () => {
    const inNs = man.filter((o) => o.kind === 'NetworkPolicy')
    assert(
      inNs.length === 6 && inNs.every((o) => o.metadata.namespace === 'gatekeeper-system'),
      '6 policies in gatekeeper-system'
    )
    assert(
      inNs.some((o) => o.metadata.name === 'default-deny-all'),
      'default deny'
    )
    const podLabels = cm.spec.template.metadata.labels
    const allows = (port, labels, dir) =>
      inNs.some(
        (np) =>
          matches(np.spec.podSelector, labels) &&
          (np.spec[dir] ?? []).some((r) => portsOf(r).includes(`TCP/${port}`))
      )
    const webhookPort = cmC.ports.find((p) => p.name === 'webhook-server').containerPort
    assert(webhookPort === 8443, `webhook port ${webhookPort}`)
    assert(allows(8443, podLabels, 'ingress'), 'no ingress to the webhook pods on 8443')
    const hook = inNs.find((o) => o.metadata.name === 'allow-webhook-ingress')
    assert(
      !hook.spec.ingress[0].from,
      'the API server is not a pod: webhook ingress must not be limited to pod selectors'
    )
    assert(allows(8888, podLabels, 'ingress'), 'no ingress to webhook pods on 8888')
    assert(
      allows(8888, audit.spec.template.metadata.labels, 'ingress'),
      'no ingress to audit pods on 8888'
    )
    assert(
      allows(443, podLabels, 'egress') &&
        allows(6443, audit.spec.template.metadata.labels, 'egress'),
      'API server egress'
    )
  }
)

// ---------------------------------------------------------------- Argo CD
const apps = build('argocd-apps.yaml')
const wave = (o) => Number(o.metadata.annotations?.['argocd.argoproj.io/sync-wave'] ?? 0)

check(
  'argocd: root app points at argocd/apps; every app path is a kustomization in this repo',
  () => {
    const root = repoYaml('argocd/root-app.yaml')
    assert(root.spec.source.path === 'argocd/apps', 'root path')
    for (const app of [root, ...apps]) {
      const p = path.join(REPO, app.spec.source.path, 'kustomization.yaml')
      assert(
        fs.existsSync(p),
        `${app.metadata.name}: ${app.spec.source.path}/kustomization.yaml missing`
      )
    }
    return apps.map((a) => a.spec.source.path).join(', ')
  }
)

check('argocd: waves gatekeeper -20 < policies -10 < monitoring 0', () => {
  const gk = find(apps, 'Application', 'gatekeeper')
  const pol = find(apps, 'Application', 'gatekeeper-policies')
  const mon = find(apps, 'Application', 'gatekeeper-monitoring')
  assert(
    wave(gk) === -20 && wave(pol) === -10 && wave(mon) === 0,
    `${wave(gk)} ${wave(pol)} ${wave(mon)}`
  )
})

check(
  'argocd: every app retries; policies skip dry run on missing CRDs; gatekeeper uses server-side apply',
  () => {
    for (const a of apps)
      assert(a.spec.syncPolicy?.retry?.limit >= 1, `${a.metadata.name} has no retry`)
    const pol = find(apps, 'Application', 'gatekeeper-policies')
    assert(
      pol.spec.syncPolicy.syncOptions.includes('SkipDryRunOnMissingResource=true'),
      'policies syncOptions'
    )
    assert(
      find(apps, 'Application', 'gatekeeper').spec.syncPolicy.syncOptions.includes(
        'ServerSideApply=true'
      ),
      'SSA'
    )
  }
)

check('argocd: health checks for Application and ConstraintTemplate', () => {
  const cmap = repoYaml('argocd/argocd-cm-health.yaml')
  assert(
    cmap.data['resource.customizations.health.argoproj.io_Application'].includes(
      'obj.status.health'
    ),
    'Application'
  )
  assert(
    cmap.data['resource.customizations.health.templates.gatekeeper.sh_ConstraintTemplate'].includes(
      'obj.status.created'
    ),
    'ConstraintTemplate'
  )
})

const policiesFile = path.join(buildDir, 'policies.yaml')
check(
  'argocd: policy library templates wave -10, constraints wave -5 with SkipDryRunOnMissingResource',
  () => {
    if (!fs.existsSync(policiesFile))
      throw new Error('policies.yaml not built (policy library missing?)')
    const pol = loadAll(policiesFile)
    const tpls = pol.filter((o) => o.kind === 'ConstraintTemplate')
    const cons = pol.filter((o) => o.apiVersion?.startsWith('constraints.gatekeeper.sh/'))
    assert(tpls.length > 0 && cons.length > 0, 'no templates or constraints')
    for (const t of tpls) assert(wave(t) === -10, `${t.metadata.name} wave ${wave(t)}`)
    for (const c of cons) {
      assert(wave(c) === -5, `${c.metadata.name} wave ${wave(c)}`)
      assert(
        (c.metadata.annotations?.['argocd.argoproj.io/sync-options'] ?? '').includes(
          'SkipDryRunOnMissingResource=true'
        ),
        `${c.metadata.name} lacks SkipDryRunOnMissingResource=true`
      )
    }
    return `${tpls.length} templates, ${cons.length} constraints`
  }
)

// ---------------------------------------------------------------- monitoring
// KIT_RULES / KIT_RULES_TEST override the repo files (used by the negative tests in kit.bats).
const rulesPath = process.env.KIT_RULES ?? path.join(REPO, 'monitoring/gatekeeper-rules.yaml')
const rulesTestPath =
  process.env.KIT_RULES_TEST ??
  path.join(REPO, 'test/cluster/prometheus/gatekeeper-rules.test.yaml')
const plain = YAML.parse(fs.readFileSync(rulesPath, 'utf8'))
const promRule = find(build('monitoring.yaml'), 'PrometheusRule', 'gatekeeper-alerts')
const alerts = plain.groups.flatMap((g) => g.rules.filter((r) => r.alert))

check('monitoring: PrometheusRule spec equals the plain rules file', () => {
  assert(
    isDeepStrictEqual(promRule.spec, plain),
    'monitoring/prometheus-rule.yaml differs from gatekeeper-rules.yaml'
  )
})

check("monitoring: alerts use Gatekeeper's real metric names (checked against its source)", () => {
  const used = new Set(alerts.flatMap((a) => a.expr.match(/gatekeeper_[a-z_]+/g) ?? []))
  assert(!used.has('gatekeeper_violation_total'), 'gatekeeper_violation_total does not exist')
  for (const m of [
    'gatekeeper_violations',
    'gatekeeper_validation_request_count_total',
    'gatekeeper_validation_request_duration_seconds_bucket',
    'gatekeeper_audit_last_run_time',
    'gatekeeper_constraints',
    'gatekeeper_constraint_templates'
  ])
    assert(used.has(m), `no alert on ${m}`)
  const src = process.env.GATEKEEPER_SRC
  assert(src && fs.existsSync(src), 'GATEKEEPER_SRC not set')
  const names = new Set()
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name)
      if (e.isDirectory()) walk(p)
      else if (e.name === 'stats_reporter.go')
        for (const m of fs.readFileSync(p, 'utf8').matchAll(/=\s*"([a-z_]+)"/g)) names.add(m[1])
    }
  }
  walk(path.join(src, 'pkg'))
  for (const m of used) {
    const base = m
      .replace(/^gatekeeper_/, '')
      .replace(/_bucket$|_sum$/, '')
      .replace(/_total$/, '')
    assert(names.has(base), `${m}: "${base}" is not a metric in Gatekeeper's stats reporters`)
  }
  for (const [m, label] of [
    ['gatekeeper_constraints', 'status="error"'],
    ['gatekeeper_constraint_templates', 'status="error"'],
    ['gatekeeper_validation_request_count_total', 'admission_status="error"'],
    ['gatekeeper_violations', 'enforcement_action=']
  ])
    assert(
      alerts.some((a) => a.expr.includes(`${m}{${label}`)),
      `no alert on ${m}{${label}...}`
    )
  return [...used].sort().join(' ')
})

check('monitoring: every alert has a firing and a not-firing promtool test', () => {
  const t = YAML.parse(fs.readFileSync(rulesTestPath, 'utf8'))
  assert(
    t.rule_files.some((f) => f.endsWith('monitoring/gatekeeper-rules.yaml')),
    'rule_files'
  )
  // firing: some test expects the alert at some time; not firing: some test (one input series set)
  // evaluates the alert and never expects it, not just before its `for:` has elapsed.
  for (const a of alerts) {
    const perTest = t.tests
      .map((x) => (x.alert_rule_test ?? []).filter((c) => c.alertname === a.alert))
      .filter((cases) => cases.length > 0)
    assert(
      perTest.some((cases) => cases.some((c) => (c.exp_alerts ?? []).length > 0)),
      `${a.alert}: no firing case`
    )
    assert(
      perTest.some((cases) => cases.every((c) => (c.exp_alerts ?? []).length === 0)),
      `${a.alert}: no not-firing case`
    )
  }
  return `${alerts.length} alerts`
})

console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)

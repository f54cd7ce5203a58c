// The fix engine against the real policies scanner (conftest from .tools/bin): what it fixes, what
// it leaves for a person and why, and that every offered fix was verified by re-evaluation.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { applyPlan, scan, scanAndPlan, workspaceWith } from './helpers.js'

const DAEMONSET = `# A workload written with 4-space indentation, flow mappings and comments.
apiVersion: apps/v1
kind: DaemonSet
metadata:
    name: agent   # the node agent
    namespace: ops
spec:
    selector: {matchLabels: {app: agent}}
    template:
        metadata:
            labels: {app: agent}
        spec:
            hostPID: yes          # reads other processes
            securityContext:
                seccompProfile:
                    type: 'Unconfined'
                sysctls:
                    - name: net.ipv4.tcp_syncookies   # safe
                      value: "1"
                    - name: kernel.msgmax   # not safe
                      value: "65536"
            initContainers:
                -   name: init
                    image: "busybox:1.36"
                    securityContext:
                        procMount: Unmasked
                        runAsNonRoot: false
                        allowPrivilegeEscalation: false
                        capabilities:
                            drop: [NET_RAW]
                    resources: {limits: {cpu: 100m, memory: 64Mi}, requests: {cpu: 100m, memory: 64Mi}}
            containers:
                - name: agent
                  image: busybox:1.36
                  securityContext:
                      privileged: true
                      capabilities:
                          add:
                              - SYS_ADMIN     # why not
                              - NET_BIND_SERVICE
                          drop:
                              - NET_RAW
                  resources:
                      limits: {cpu: 100m, memory: 64Mi}
                      requests: {cpu: 100m, memory: 64Mi}
`

const DAEMONSET_FIXED = `# A workload written with 4-space indentation, flow mappings and comments.
apiVersion: apps/v1
kind: DaemonSet
metadata:
    name: agent   # the node agent
    namespace: ops
spec:
    selector: {matchLabels: {app: agent}}
    template:
        metadata:
            labels: {app: agent}
        spec:
            securityContext:
                seccompProfile:
                    type: 'RuntimeDefault'
                sysctls:
                    - name: net.ipv4.tcp_syncookies   # safe
                      value: "1"
            initContainers:
                -   name: init
                    image: "busybox:1.36"
                    securityContext:
                        runAsNonRoot: true
                        allowPrivilegeEscalation: false
                        capabilities:
                            drop: [NET_RAW, ALL]
                    resources: {limits: {cpu: 100m, memory: 64Mi}, requests: {cpu: 100m, memory: 64Mi}}
            containers:
                - name: agent
                  image: busybox:1.36
                  securityContext:
                      capabilities:
                          add:
                              - NET_BIND_SERVICE
                          drop:
                              - NET_RAW
                              - ALL
                      allowPrivilegeEscalation: false
                      runAsNonRoot: true
                  resources:
                      limits: {cpu: 100m, memory: 64Mi}
                      requests: {cpu: 100m, memory: 64Mi}
`

const POD = (name: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ops
spec:
  containers:
    - name: app
      image: busybox:1.36
      securityContext:
        allowPrivilegeEscalation: false
        runAsNonRoot: true
        capabilities: {drop: [ALL]}
        seccompProfile: {type: RuntimeDefault}
${extra}`

describe('planFixes', () => {
  it('fixes every PSS finding with a safe fix, edits only those lines, and the re-scan agrees', async () => {
    const workspace = await workspaceWith({ 'agent.yaml': DAEMONSET })
    const { findings, plan, context } = await scanAndPlan(workspace)
    expect(plan.manual).toEqual([])
    const resolved = new Set(plan.fixes.flatMap((fix) => fix.resolves))
    expect([...resolved].sort()).toEqual(findings.map((f) => f.fingerprint).sort())
    const fixed = await applyPlan(workspace, plan)
    expect(fixed.get('agent.yaml')).toBe(DAEMONSET_FIXED)
    expect(await scan(context)).toEqual([])
  })

  it('leaves flow-style, hostPath and unconfigured findings to a person, saying why', async () => {
    const workspace = await workspaceWith({
      'flow.yaml': `apiVersion: v1
kind: Pod
metadata: {name: flow, namespace: ops}
spec:
  containers:
  - {name: c, image: "busybox:1.36", securityContext: {privileged: true}, resources: {limits: {cpu: 1, memory: 1Gi}, requests: {cpu: 1, memory: 1Gi}}}
`,
      'hostpath.yaml': POD(
        'hostpath',
        `      resources: {limits: {cpu: 1, memory: 1Gi}, requests: {cpu: 1, memory: 1Gi}}\n  volumes:\n    - name: logs\n      hostPath: {path: /var/log}\n`
      ),
      'nolimits.yaml': POD('nolimits'),
      'lb.yaml': `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: ops
spec:
  type: LoadBalancer
  ports: [{port: 80}]
`
    })
    const { plan } = await scanAndPlan(workspace)
    expect(plan.fixes).toEqual([])
    const reasons = plan.manual.map(
      (m) => `${m.finding.location!.path} ${m.finding.ruleId}: ${m.reason}`
    )
    expect(reasons).toContain(
      'flow.yaml HardeningPSSPrivileged: the mapping holding privileged is written in flow style'
    )
    expect(reasons.filter((r) => r.startsWith('hostpath.yaml'))).toEqual([
      expect.stringMatching(
        /^hostpath\.yaml HardeningPSSVolumes: a hostPath .* has no safe automatic replacement/
      )
    ])
    expect(reasons.filter((r) => r.startsWith('nolimits.yaml'))).toHaveLength(4)
    for (const reason of reasons.filter((r) => r.startsWith('nolimits.yaml')))
      expect(reason).toMatch(
        /HardeningRequiredResources: no default is configured for (requests|limits)\.(cpu|memory): pass --resources-default/
      )
    expect(reasons).toContain(
      'lb.yaml HardeningPublicLB: which annotation makes a load balancer internal depends on the cloud: pass --cloud aws|gcp|azure (action input fix-cloud), or expose the Service through an Ingress or Gateway'
    )
  })

  it('edits around YAML anchors, never through them', async () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: anchored
  namespace: ops
spec:
  hostNetwork: true
  containers:
    - name: a
      image: busybox:1.36
      resources: &r {limits: {cpu: 1, memory: 1Gi}, requests: {cpu: 1, memory: 1Gi}}
      securityContext: &sc
        privileged: true
        allowPrivilegeEscalation: false
        runAsNonRoot: true
        capabilities: {drop: [ALL]}
        seccompProfile: {type: RuntimeDefault}
    - name: b
      image: busybox:1.36
      resources: *r
      securityContext: *sc
`
    const workspace = await workspaceWith({ 'pod.yaml': pod })
    const { plan, context } = await scanAndPlan(workspace)
    expect(plan.manual.map((m) => `${m.finding.location!.startLine} ${m.reason}`).sort()).toEqual([
      '13 the value is shared through a YAML anchor; an edit would change every alias of it',
      // Container b's finding points at the anchored lines too (where its value is written).
      '13 the value is shared through a YAML anchor; an edit would change every alias of it'
    ])
    const fixed = await applyPlan(workspace, plan)
    expect(fixed.get('pod.yaml')).toBe(pod.replace('  hostNetwork: true\n', ''))
    expect((await scan(context)).map((f) => f.ruleId)).toEqual([
      'HardeningPSSPrivileged',
      'HardeningPSSPrivileged'
    ])
  })

  it.each([
    ['aws', 'service.beta.kubernetes.io/aws-load-balancer-internal: "true"'],
    ['gcp', 'networking.gke.io/load-balancer-type: "Internal"'],
    ['azure', 'service.beta.kubernetes.io/azure-load-balancer-internal: "true"']
  ] as const)(
    'makes a public LoadBalancer internal on %s, and the policy accepts it',
    async (cloud, line) => {
      const service = `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: ops
  annotations:
    team: web # owner
spec:
  type: LoadBalancer
  ports: [{port: 80}]
`
      const workspace = await workspaceWith({ 'lb.yaml': service })
      const { plan, context } = await scanAndPlan(workspace, { cloud })
      expect(plan.manual).toEqual([])
      const fixed = await applyPlan(workspace, plan)
      expect(fixed.get('lb.yaml')).toBe(service.replace('# owner\n', `# owner\n    ${line}\n`))
      expect(await scan(context)).toEqual([])
    }
  )

  it('fills only the missing requests and limits, from the configured values', async () => {
    const workspace = await workspaceWith({
      'pod.yaml': POD(
        'sized',
        '      resources:\n        limits:\n          memory: 256Mi # measured\n'
      )
    })
    const { plan, context } = await scanAndPlan(workspace, {
      resourceDefaults: {
        requests: { cpu: '100m', memory: '128Mi' },
        limits: { cpu: '500m', memory: '1Gi' }
      }
    })
    expect(plan.manual).toEqual([])
    const fixed = await applyPlan(workspace, plan)
    expect(fixed.get('pod.yaml')).toBe(
      POD(
        'sized',
        '      resources:\n        limits:\n          memory: 256Mi # measured\n          cpu: "500m"\n        requests:\n          cpu: "100m"\n          memory: "128Mi"\n'
      )
    )
    expect(await scan(context)).toEqual([])
  })

  it('does not offer a fix that another policy flags (verification by re-evaluation)', async () => {
    // A custom policy that forbids what the seccomp fix writes: the fix must not be offered.
    const template = `apiVersion: templates.gatekeeper.sh/v1
kind: ConstraintTemplate
metadata:
  name: testnoruntimedefault
spec:
  crd:
    spec:
      names:
        kind: TestNoRuntimeDefault
  targets:
    - target: admission.k8s.gatekeeper.sh
      rego: |
        package testnoruntimedefault
        violation[{"msg": msg}] {
          c := input.review.object.spec.containers[_]
          c.securityContext.seccompProfile.type == "RuntimeDefault"
          msg := sprintf("container %v uses RuntimeDefault", [c.name])
        }
---
apiVersion: constraints.gatekeeper.sh/v1beta1
kind: TestNoRuntimeDefault
metadata:
  name: no-runtime-default
spec:
  match:
    kinds: [{apiGroups: [""], kinds: [Pod]}]
`
    const pod =
      POD('seccomp').replace('        seccompProfile: {type: RuntimeDefault}\n', '') +
      '      resources: {limits: {cpu: 1, memory: 1Gi}, requests: {cpu: 1, memory: 1Gi}}\n'
    const workspace = await workspaceWith({ 'k8s/pod.yaml': pod, 'policies/custom.yaml': template })
    const { findings, plan } = await scanAndPlan(
      workspace,
      {},
      { manifests: 'k8s', policies: 'policies' }
    )
    expect(findings.map((f) => f.ruleId)).toEqual(['HardeningPSSSeccomp'])
    expect(plan.fixes).toEqual([])
    expect(plan.manual.map((m) => m.reason)).toEqual([
      'the fix was not offered: it would add TestNoRuntimeDefault (container app uses RuntimeDefault)'
    ])
    expect(await readFile(path.join(workspace, 'k8s/pod.yaml'), 'utf8')).toBe(pod)
  })

  it('does not offer what the API server would reject (allowPrivilegeEscalation: false on a privileged container)', async () => {
    const workspace = await workspaceWith({ 'agent.yaml': DAEMONSET })
    const { plan } = await scanAndPlan(workspace, { rules: ['HardeningPSSPrivilegeEscalation'] })
    expect(plan.fixes).toEqual([])
    expect(plan.manual.map((m) => m.reason)).toEqual([
      'the fix was not offered: Kubernetes rejects allowPrivilegeEscalation: false in container "agent" while it is privileged; fix that first (or together)'
    ])
  })

  it('fixes an object a kustomization renders in its resource file (test/fix/sources.test.ts has more)', async () => {
    const workspace = await workspaceWith({
      'base/kustomization.yaml': 'resources: [pod.yaml]\n',
      'base/pod.yaml': POD(
        'k',
        '      resources: {limits: {cpu: 1, memory: 1Gi}, requests: {cpu: 1, memory: 1Gi}}\n  hostIPC: true\n'
      )
    })
    const { findings, plan } = await scanAndPlan(workspace, {}, { manifests: 'base' })
    expect(findings.map((f) => f.ruleId)).toEqual(['HardeningPSSHostNamespaces'])
    expect(plan.manual).toEqual([])
    expect(plan.fixes.map((fix) => [fix.path, fix.resolves])).toEqual([
      ['base/pod.yaml', [findings[0]!.fingerprint]]
    ])
  })

  it('fixes one document among others: clean ones, a broken one, and after a directive', async () => {
    // Only the documents with findings are composed, unless something between documents (a
    // directive) bears on the ones after it.
    const hostIpc = '  hostIPC: true\n'
    const files = {
      'many.yaml': `${POD('a')}---\n${POD('b', hostIpc)}---\nkind: [broken\n---\n${POD('c')}`,
      'directive.yaml': `%YAML 1.1\n---\n${POD('d', hostIpc)}...\n---\n${POD('e')}`
    }
    const workspace = await workspaceWith(files)
    const { findings, plan } = await scanAndPlan(workspace, {
      rules: ['HardeningPSSHostNamespaces']
    })
    expect(findings.filter((f) => f.ruleId === 'HardeningPSSHostNamespaces')).toHaveLength(2)
    expect(plan.manual).toEqual([])
    expect(Object.fromEntries(await applyPlan(workspace, plan))).toEqual({
      'many.yaml': files['many.yaml'].replace(hostIpc, ''),
      'directive.yaml': files['directive.yaml'].replace(hostIpc, '')
    })
  })

  it('honours --rules: other findings are neither fixed nor listed', async () => {
    const workspace = await workspaceWith({ 'agent.yaml': DAEMONSET })
    const { plan } = await scanAndPlan(workspace, { rules: ['HardeningPSSPrivileged'] })
    expect(plan.manual).toEqual([])
    expect(plan.fixes).toHaveLength(1)
    expect(plan.fixes[0]!.edits).toEqual([{ startLine: 36, endLine: 36, replacement: '' }])
  })
})

// Fixes in the sources of rendered objects, with the real kustomize and helm (.tools/bin): a
// kustomization's resource file is edited where no patch or transformer of a kustomization that
// renders it sets the same fields, a Helm template where the edited block is plain YAML; each fix
// is verified by rendering again and re-evaluating. UPDATE_GOLDEN=1 rewrites the golden diffs.
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Finding } from '../../src/findings/model.js'
import type { FixPlan } from '../../src/fix/model.js'
import { SourceText } from '../../src/fix/source.js'
import { planSuggestions, rightSideLines } from '../../src/github/review-plan.js'
import { unifiedDiff } from '../../src/fix/write.js'
import { kustomizeConflict, kustomizeRoots } from '../../src/fix/source-kustomize.js'
import { runCli } from '../harness/cli.js'
import { REPO_ROOT } from '../harness/paths.js'
import { applyPlan, scan, scanAndPlan, scanContext, workspaceWith } from './helpers.js'

const GOLDEN = path.join(REPO_ROOT, 'test', 'fix', 'golden')

/** The plan as `hardening fix --dry-run` prints it, compared with a golden file. */
async function goldenDiff(name: string, workspace: string, plan: FixPlan): Promise<void> {
  let diff = ''
  for (const fix of plan.fixes)
    diff += unifiedDiff(
      fix.path,
      new SourceText(await readFile(path.join(workspace, fix.path), 'utf8')),
      fix.edits
    )
  const file = path.join(GOLDEN, name)
  if (process.env.UPDATE_GOLDEN) await writeFile(file, diff)
  expect(diff).toBe(await readFile(file, 'utf8'))
}

const summary = (f: Finding) =>
  `${f.ruleId} ${f.resource} ${/container "[^"]+"/.exec(f.message)?.[0] ?? 'pod'}`

/** The findings of a scan after the plan's fixes are made, in short, sorted. */
async function leftAfterFixing(workspace: string, plan: FixPlan): Promise<string[]> {
  await applyPlan(workspace, plan)
  return (await scan(scanContext(workspace))).map(summary).sort()
}

const DEPLOYMENT = `# The web tier, shared by every environment.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: app
          image: nginx:1.27   # pinned by the release process
          securityContext:
            runAsNonRoot: true
            capabilities:
              drop: [ALL]
          resources:
            limits: {cpu: 100m, memory: 64Mi}
            requests: {cpu: 100m, memory: 64Mi}
`

const KUSTOMIZE_APP = {
  'base/kustomization.yaml': 'resources: [deployment.yaml]\n',
  'base/deployment.yaml': DEPLOYMENT,
  // prod renames and moves the object (fine for these fixes) and patches the field one fix edits.
  'overlays/prod/kustomization.yaml': `resources: [../../base]
namePrefix: prod-
namespace: prod
patches:
  - target: {kind: Deployment, name: web}
    patch: |-
      - op: add
        path: /spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation
        value: true
`,
  // staging's patch file names the object, so its findings point at the patch, not the base.
  'overlays/staging/kustomization.yaml': `resources: [../../base]
nameSuffix: -staging
patches:
  - path: patch.yaml
`,
  'overlays/staging/patch.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  template:
    spec:
      hostNetwork: true
`
}

describe('fixes in kustomize sources', () => {
  it('edits the base resource file where no patch sets the field, and leaves the patched one to a person', async () => {
    const workspace = await workspaceWith(KUSTOMIZE_APP)
    const { findings, plan } = await scanAndPlan(workspace)
    expect(findings.map(summary).sort()).toEqual([
      'HardeningPSSHostNamespaces Deployment/web-staging pod',
      'HardeningPSSPrivilegeEscalation Deployment/prod/prod-web container "app"',
      'HardeningPSSPrivilegeEscalation Deployment/web container "app"',
      'HardeningPSSPrivilegeEscalation Deployment/web-staging container "app"',
      'HardeningPSSSeccomp Deployment/prod/prod-web container "app"',
      'HardeningPSSSeccomp Deployment/web container "app"',
      'HardeningPSSSeccomp Deployment/web-staging container "app"'
    ])

    await goldenDiff('kustomize-app.diff', workspace, plan)
    expect(plan.fixes.map((fix) => fix.path)).toEqual(['base/deployment.yaml'])
    const resolved = new Set(plan.fixes.flatMap((fix) => fix.resolves))
    expect(
      findings
        .filter((f) => resolved.has(f.fingerprint))
        .map(summary)
        .sort()
    ).toEqual([
      'HardeningPSSPrivilegeEscalation Deployment/web container "app"',
      // staging's findings point at its patch file, yet the same edit of the base resolves them.
      'HardeningPSSPrivilegeEscalation Deployment/web-staging container "app"',
      // One edit of the base resolves the finding in the overlays' renderings too.
      'HardeningPSSSeccomp Deployment/prod/prod-web container "app"',
      'HardeningPSSSeccomp Deployment/web container "app"',
      'HardeningPSSSeccomp Deployment/web-staging container "app"'
    ])
    expect(plan.manual.map((m) => `${summary(m.finding)}: ${m.reason}`)).toEqual([
      'HardeningPSSPrivilegeEscalation Deployment/prod/prod-web container "app": the fix edits spec.template.spec.containers[app].securityContext.allowPrivilegeEscalation, which the inline patch patches[0] of overlays/prod/kustomization.yaml also sets; fix it there or by hand',
      "HardeningPSSHostNamespaces Deployment/web-staging pod: overlays/staging/patch.yaml is a patch or generator input of overlays/staging/kustomization.yaml, not the object's resource file; fix the object where it is defined, by hand"
    ])

    // Rendered again and re-scanned: what the plan resolves is gone and nothing new appears.
    expect(await leftAfterFixing(workspace, plan)).toEqual([
      'HardeningPSSHostNamespaces Deployment/web-staging pod',
      'HardeningPSSPrivilegeEscalation Deployment/prod/prod-web container "app"'
    ])
  }, 300_000)

  it('finds the images: entry and the strategic merge patch a fix would fight', async () => {
    const workspace = await workspaceWith({
      'base/kustomization.yaml':
        'resources: [deployment.yaml]\nimages:\n  - name: nginx\n    newName: mirror.example/nginx\n',
      'base/deployment.yaml': DEPLOYMENT,
      'overlays/root/kustomization.yaml': `resources: [../../base]
patchesStrategicMerge:
  - |-
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
    spec:
      template:
        spec:
          containers:
            - name: app
              securityContext:
                runAsNonRoot: false
`
    })
    const file = path.join(workspace, 'base', 'deployment.yaml')
    const roots = await kustomizeRoots(workspace, [workspace], { timeoutMs: 60_000 })
    expect(roots.map((root) => [root.file, [...root.renders]])).toEqual([
      ['base/kustomization.yaml', ['Deployment/web']],
      ['overlays/root/kustomization.yaml', ['Deployment/web']]
    ])
    const conflict = (after: string) =>
      kustomizeConflict(workspace, roots, file, 'Deployment/web', DEPLOYMENT, after)
    expect(
      await conflict(DEPLOYMENT.replace('nginx:1.27', `nginx:1.27@sha256:${'0'.repeat(64)}`))
    ).toBe(
      'the images: entry for nginx in base/kustomization.yaml sets this image when it renders; pin it there'
    )
    expect(
      await conflict(
        DEPLOYMENT.replace(
          'runAsNonRoot: true',
          'runAsNonRoot: true\n            readOnlyRootFilesystem: true'
        )
      )
    ).toBe(undefined)
    expect(await conflict(DEPLOYMENT.replace('            runAsNonRoot: true\n', ''))).toBe(
      'the fix edits spec.template.spec.containers[app].securityContext.runAsNonRoot, which the inline patch patchesStrategicMerge[0] of overlays/root/kustomization.yaml also sets; fix it there or by hand'
    )
  }, 120_000)
})

describe('fixes in kustomize sources, verified on every rendering', () => {
  it('does not offer a base fix that makes an overlay’s object one the API server rejects', async () => {
    const workspace = await workspaceWith({
      'base/kustomization.yaml': 'resources: [deployment.yaml]\n',
      'base/deployment.yaml': DEPLOYMENT,
      // A strategic merge patch of another field: no conflict on paper, but the rendered
      // container would be privileged with allowPrivilegeEscalation: false.
      'overlays/debug/kustomization.yaml': `resources: [../../base]
namePrefix: debug-
patches:
  - patch: |-
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        template:
          spec:
            containers:
              - name: app
                securityContext:
                  privileged: true
`
    })
    const { plan } = await scanAndPlan(workspace, {
      rules: ['HardeningPSSPrivilegeEscalation', 'HardeningPSSSeccomp']
    })
    expect(plan.fixes).toEqual([])
    const reasons = new Set(plan.manual.map((m) => m.reason))
    expect([...reasons]).toEqual([
      'the fix was not offered: Deployment/debug-web: Kubernetes rejects allowPrivilegeEscalation: false in container "app" while it is privileged; fix that first (or together)'
    ])
    expect(plan.manual).toHaveLength(4)
  }, 300_000)
})

const CHART = {
  'chart/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
  'chart/values.yaml': `enabled: true
image: nginx:1.27
securityContext:
  runAsNonRoot: true
  capabilities:
    drop: [ALL]
`,
  'chart/templates/deployment.yaml': `{{- if .Values.enabled }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: app
          image: "{{ .Values.image }}"
          securityContext:   # written out here
            runAsNonRoot: true
            capabilities:
              drop: [ALL]
          resources:
            limits: {cpu: 100m, memory: 64Mi}
            requests: {cpu: 100m, memory: 64Mi}
        - name: sidecar
          image: busybox:1.36
          securityContext:
            {{- toYaml .Values.securityContext | nindent 12 }}
          resources:
            limits: {cpu: 100m, memory: 64Mi}
            requests: {cpu: 100m, memory: 64Mi}
{{- end }}
`
}

describe('fixes in Helm templates', () => {
  it('edits a literal securityContext in the template and leaves one from toYaml .Values to values.yaml', async () => {
    const workspace = await workspaceWith(CHART)
    const { findings, plan } = await scanAndPlan(workspace)
    expect(findings.map(summary).sort()).toEqual([
      'HardeningPSSPrivilegeEscalation Deployment/hardening-check-web container "app"',
      'HardeningPSSPrivilegeEscalation Deployment/hardening-check-web container "sidecar"',
      'HardeningPSSSeccomp Deployment/hardening-check-web container "app"',
      'HardeningPSSSeccomp Deployment/hardening-check-web container "sidecar"'
    ])
    await goldenDiff('helm-chart.diff', workspace, plan)
    const resolved = new Set(plan.fixes.flatMap((fix) => fix.resolves))
    expect(
      findings
        .filter((f) => resolved.has(f.fingerprint))
        .map(summary)
        .sort()
    ).toEqual([
      'HardeningPSSPrivilegeEscalation Deployment/hardening-check-web container "app"',
      'HardeningPSSSeccomp Deployment/hardening-check-web container "app"'
    ])
    const reason =
      'securityContext comes from the template action {{- toYaml .Values.securityContext | nindent 12 }} (line 26); set it in values.yaml (securityContext) or fix the template by hand'
    expect(plan.manual.map((m) => `${summary(m.finding)}: ${m.reason}`)).toEqual([
      `HardeningPSSPrivilegeEscalation Deployment/hardening-check-web container "sidecar": ${reason}`,
      `HardeningPSSSeccomp Deployment/hardening-check-web container "sidecar": ${reason}`
    ])

    // On a pull request that adds the chart, the template fix is a one-click suggestion.
    const template = 'chart/templates/deployment.yaml'
    const lines = CHART[template].replace(/\n$/, '').split('\n')
    const added = `@@ -0,0 +1,${lines.length} @@\n${lines.map((line) => `+${line}`).join('\n')}`
    const review = planSuggestions({
      fixes: plan.fixes,
      findings,
      diff: new Map([[template, rightSideLines(added)]]),
      scanned: new Map([[template, lines]]),
      markerId: 'test'
    })
    expect(review.elsewhere).toEqual([])
    expect(review.suggestions.map((s) => [s.path, s.startLine, s.endLine])).toEqual([
      [template, 19, 19]
    ])
    expect(review.suggestions[0]!.body).toContain(
      '              drop: [ALL]\n            allowPrivilegeEscalation: false\n            seccompProfile:\n              type: RuntimeDefault\n'
    )

    // helm renders the fixed template; the re-scan finds only what was left to a person.
    expect(await leftAfterFixing(workspace, plan)).toEqual([
      'HardeningPSSPrivilegeEscalation Deployment/hardening-check-web container "sidecar"',
      'HardeningPSSSeccomp Deployment/hardening-check-web container "sidecar"'
    ])
  }, 300_000)

  it('does not edit a block a template action writes keys into', async () => {
    const workspace = await workspaceWith({
      ...CHART,
      'chart/templates/deployment.yaml': CHART['chart/templates/deployment.yaml'].replace(
        '            capabilities:\n              drop: [ALL]\n          resources:',
        '            capabilities:\n              drop: [ALL]\n            {{- with .Values.extraSecurity }}\n            {{- toYaml . | nindent 12 }}\n            {{- end }}\n          resources:'
      )
    })
    const { plan } = await scanAndPlan(workspace, { rules: ['HardeningPSSSeccomp'] })
    expect(plan.fixes).toEqual([])
    expect(plan.manual.map((m) => m.reason)).toEqual([
      'the block this fix edits holds the template action {{- with .Values.extraSecurity }} (line 20); set it in values.yaml (extraSecurity) or fix the template by hand',
      'securityContext comes from the template action {{- toYaml .Values.securityContext | nindent 12 }} (line 29); set it in values.yaml (securityContext) or fix the template by hand'
    ])
  }, 300_000)
})

describe('hardening fix --dry-run on rendered sources', () => {
  it('prints the diff of the kustomize resource file and the Helm template, and changes nothing', async () => {
    const workspace = await workspaceWith({ ...KUSTOMIZE_APP, ...CHART })
    const before = await readFile(path.join(workspace, 'base', 'deployment.yaml'), 'utf8')
    const dry = await runCli(workspace, ['fix', '--dry-run', '--offline'])
    expect(dry.code, dry.stderr).toBe(1)
    expect(dry.stdout).toBe(
      (await readFile(path.join(GOLDEN, 'kustomize-app.diff'), 'utf8')) +
        (await readFile(path.join(GOLDEN, 'helm-chart.diff'), 'utf8'))
    )
    expect(dry.stderr).toContain('would fix 7 finding(s) in 2 file(s)')
    expect(dry.stderr).toContain(
      'why: securityContext comes from the template action {{- toYaml .Values.securityContext | nindent 12 }} (line 26)'
    )
    expect(await readFile(path.join(workspace, 'base', 'deployment.yaml'), 'utf8')).toBe(before)
  }, 300_000)
})

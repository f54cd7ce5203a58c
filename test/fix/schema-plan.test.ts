// Kubernetes schema validation in the fix engine's verification, with the real policies scanner
// (conftest from .tools/bin): a fix whose result the API server would refuse is not offered, and
// a document that was invalid before the fix still gets the fixes that do not make it worse.
import { afterEach, describe, expect, it } from 'vitest'
import { RULE_FIXES } from '../../src/fix/rules.js'
import { applyPlan, scanAndPlan, workspaceWith } from './helpers.js'

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsNonRoot: true
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        allowPrivilegeEscalation: false
        capabilities:
          drop: [ALL]
        seccompProfile:
          type: Unconfined
      resources:
        limits: {cpu: 100m, memory: 64Mi}
        requests: {cpu: 100m, memory: 64Mi}
`

const seccompFix = RULE_FIXES.HardeningPSSSeccomp!
afterEach(() => {
  RULE_FIXES.HardeningPSSSeccomp = seccompFix
})

describe('fix verification against the Kubernetes schema', () => {
  it('offers the seccomp fix as it is (the control for the next test)', async () => {
    const workspace = await workspaceWith({ 'pod.yaml': POD })
    const { findings, plan } = await scanAndPlan(workspace)
    const seccomp = findings.find((f) => f.ruleId === 'HardeningPSSSeccomp')!
    expect(seccomp).toBeDefined()
    expect(plan.fixes.flatMap((fix) => fix.resolves)).toContain(seccomp.fingerprint)
  }, 120_000)

  it('does not offer a fix that satisfies the policies but not the schema, and names the field', async () => {
    // A crafted fix: the real one, plus a field SeccompProfile does not have. The policy only
    // reads `type`, so the re-evaluation alone would offer it.
    RULE_FIXES.HardeningPSSSeccomp = async (site, settings) => {
      await seccompFix(site, settings)
      const path = ['securityContext', 'seccompProfile', 'enabled']
      site.editor.ensure(site.container!, path, 'true', () => false)
    }
    const workspace = await workspaceWith({ 'pod.yaml': POD })
    const { findings, plan } = await scanAndPlan(workspace)
    const seccomp = findings.find((f) => f.ruleId === 'HardeningPSSSeccomp')!
    expect(plan.fixes).toEqual([])
    expect(plan.manual.find((entry) => entry.finding === seccomp)?.reason).toBe(
      'the fix was not offered: the fixed document would fail Kubernetes schema validation: spec.containers[0].securityContext.seccompProfile.enabled: unknown field'
    )
  }, 120_000)

  it('fixes a document that was invalid before, for reasons the fix does not touch', async () => {
    const invalid = POD.replace('  name: web\n', '  name: web\n  labels: {tier: 1}\n').replace(
      '      image: nginx:1.27\n',
      '      image: nginx:1.27\n      imagePullPolicy: [Always]\n'
    )
    const workspace = await workspaceWith({ 'pod.yaml': invalid })
    const { findings, plan } = await scanAndPlan(workspace)
    const seccomp = findings.find((f) => f.ruleId === 'HardeningPSSSeccomp')!
    expect(plan.fixes.flatMap((fix) => fix.resolves)).toContain(seccomp.fingerprint)
    const fixed = (await applyPlan(workspace, plan)).get('pod.yaml')
    expect(fixed).toBe(invalid.replace('type: Unconfined', 'type: RuntimeDefault'))
  }, 120_000)
})

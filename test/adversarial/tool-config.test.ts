// Issue 14 §2: the PR's files never configure or extend our tools. Each test commits what an
// attacker controlling only the PR's files would, runs the bundled CLI with the real conftest and
// Trivy, and checks that every finding is still reported or the run fails with a clear reason.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../harness/cli.js'
import { hasTool } from '../harness/paths.js'

interface Report {
  failed: boolean
  reasons: string[]
  scans: Array<{ scanner: string; notices: string[]; error?: string }>
  findings: Array<{
    scanner: string
    ruleId: string
    message: string
    fingerprint: string
    location?: { path: string; startLine: number }
    suppression?: { reason: string; owner: string; expires: string }
  }>
}

const PRIVILEGED_POD = `apiVersion: v1
kind: Pod
metadata:
  name: root-shell
  namespace: prod
spec:
  hostPID: true
  hostNetwork: true
  containers:
    - name: shell
      image: busybox:latest
      securityContext:
        privileged: true
        runAsUser: 0
`

/** A user ConstraintTemplate (the \`policies\` input) with the given kind and Rego. */
const userTemplate = (kind: string, rego: string) => `apiVersion: templates.gatekeeper.sh/v1
kind: ConstraintTemplate
metadata:
  name: ${kind.toLowerCase().replace(/[^a-z0-9]/g, '')}
spec:
  crd:
    spec:
      names:
        kind: ${JSON.stringify(kind)}
  targets:
    - target: admission.k8s.gatekeeper.sh
      rego: |
${rego
  .split('\n')
  .map((line) => `        ${line}`)
  .join('\n')}
---
apiVersion: constraints.gatekeeper.sh/v1beta1
kind: ${JSON.stringify(kind)}
metadata:
  name: mine
spec:
  match:
    kinds:
      - apiGroups: [""]
        kinds: ["Pod"]
`

const scratch = mkdtempSync(path.join(os.tmpdir(), 'adversarial-tool-config-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** A PR checkout with the privileged Pod under deploy/ plus `files`, and its own RUNNER_TEMP. */
function checkout(files: Record<string, string> = {}): { dir: string; runnerTemp: string } {
  const dir = mkdtempSync(path.join(scratch, 'checkout-'))
  const all = { 'deploy/pod.yaml': PRIVILEGED_POD, ...files }
  for (const [file, text] of Object.entries(all)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    writeFileSync(path.join(dir, file), text)
  }
  return { dir, runnerTemp: mkdtempSync(path.join(scratch, 'runner-temp-')) }
}

async function scan(
  { dir, runnerTemp }: { dir: string; runnerTemp: string },
  args: string[],
  env: Record<string, string> = {}
): Promise<{ code: number; stderr: string; report: Report }> {
  const run = await runCli(dir, ['scan', ...args, '--format', 'json'], {
    RUNNER_TEMP: runnerTemp,
    ...env
  })
  // Work files and tool working directories live in RUNNER_TEMP, and are gone after the run.
  expect(readdirSync(runnerTemp)).toEqual([])
  return { code: run.code, stderr: run.stderr, report: JSON.parse(run.stdout) as Report }
}

const ids = (report: Report, scanner: string) =>
  report.findings
    .filter((f) => f.scanner === scanner)
    .map((f) => f.fingerprint)
    .sort()

const haveConftest = hasTool('conftest') || Boolean(process.env.HARNESS_REQUIRE_TOOLS)
const haveTrivy = hasTool('trivy') || Boolean(process.env.HARNESS_REQUIRE_TOOLS)

describe.skipIf(!haveConftest)('the PR cannot configure or extend conftest', () => {
  const POLICIES = ['deploy', '--scanners', 'policies']

  it('a .rego file committed where work files used to go is never loaded', async () => {
    // The old work directory was <output-dir>/.work/policies/set-N/policy, inside the checkout.
    const planted = `package hardening_engine

import future.keywords.contains
import future.keywords.if
import future.keywords.in

deny contains {"msg": "PLANTED RULE RAN", "kind": kind, "index": 0} if {
	some kind, _ in input.reviews
}
`
    const files: Record<string, string> = {}
    // set-early: the directory the early conftest process names (a planted conftest.toml there
    // would be read before anything of ours, if the work directory were in the checkout).
    for (const set of [0, 1, 2, 'early']) {
      files[`hardening-results/.work/policies/set-${set}/policy/zz_planted.rego`] = planted
      files[`hardening-results/.work/policies/set-${set}/conftest.toml`] = 'no-fail = true\n'
    }
    const attacked = checkout(files)
    const { code, report } = await scan(attacked, POLICIES)
    expect(code).toBe(1)
    expect(report.findings.map((f) => f.message)).not.toContain('PLANTED RULE RAN')
    // Nothing of ours was written next to it either, nor over it.
    for (const set of ['set-0', 'set-early']) {
      const dir = path.join(attacked.dir, 'hardening-results/.work/policies', set)
      expect(readdirSync(dir, { recursive: true }).sort()).toEqual([
        'conftest.toml',
        'policy',
        'policy/zz_planted.rego'
      ])
      expect(readFileSync(path.join(dir, 'conftest.toml'), 'utf8')).toBe('no-fail = true\n')
    }
    expect(report.findings.map((f) => f.ruleId)).toContain('HardeningPSSPrivileged')
  })

  it('a committed conftest.toml changes nothing (combine = true would hide every violation)', async () => {
    const clean = await scan(checkout(), POLICIES)
    const attacked = checkout({ 'conftest.toml': 'combine = true\nno-fail = true\n' })
    writeFileSync(path.join(attacked.dir, 'deploy', 'conftest.toml'), 'combine = true\n')
    const { code, report } = await scan(attacked, POLICIES)
    expect(code).toBe(1)
    expect(ids(report, 'policies')).toEqual(ids(clean.report, 'policies'))
    expect(ids(report, 'policies').length).toBeGreaterThan(3)
  })

  it('a committed policies/library.json saying the bundles are empty changes nothing', async () => {
    // The bundled library's generated form is read from the action's own directory only.
    const clean = await scan(checkout(), POLICIES)
    const emptyBundle = { reads: [], files: [] }
    const attacked = checkout({
      'package.json': '{ "name": "hardening-action" }\n',
      'policies/library.json': JSON.stringify({
        bundles: { all: emptyBundle, 'pss-restricted': emptyBundle },
        files: {}
      }),
      'policies/bundles/all/kustomization.yaml': 'kind: Kustomization\nresources: []\n'
    })
    const { code, report } = await scan(attacked, POLICIES)
    expect(code).toBe(1)
    expect(ids(report, 'policies')).toEqual(ids(clean.report, 'policies'))
    expect(report.findings.map((f) => f.ruleId)).toContain('HardeningPSSPrivileged')
  })

  it('a user template cannot replace a bundled one: same kind is a clear error', async () => {
    const { code, report, stderr } = await scan(
      checkout({
        'policies/quiet.yaml': userTemplate(
          'HardeningPSSPrivileged',
          'package quiet\n\nviolation[{"msg": "never"}] {\n  false\n}'
        )
      }),
      [...POLICIES, '--policies', 'policies']
    )
    expect(code).not.toBe(0)
    expect(report.failed).toBe(true)
    const error = report.scans.find((s) => s.scanner === 'policies')?.error
    expect(error).toContain(
      'defines kind HardeningPSSPrivileged, already defined by hardeningpssprivileged (policies/pss-privileged/template.yaml)'
    )
    expect(stderr).toContain('a template cannot replace another one (bundled templates included)')
  })

  it('a hostile kind fails before it names any file', async () => {
    const attacked = checkout({
      'policies/escape.yaml': userTemplate(
        '../../../../../../escaped',
        'package escape\n\nviolation[{"msg": "x"}] {\n  true\n}'
      )
    })
    const { code, report } = await scan(attacked, [...POLICIES, '--policies', 'policies'])
    expect(code).not.toBe(0)
    expect(report.scans.find((s) => s.scanner === 'policies')?.error).toContain(
      'has kind "../../../../../../escaped"; a kind is letters and digits, starting with a letter'
    )
    expect(existsSync(path.join(scratch, 'escaped.rego'))).toBe(false)
  })

  it('Rego cannot read the runner’s secrets from the environment', async () => {
    const envDump = `package envdump

violation[{"msg": msg}] {
  env := opa.runtime().env
  names := ["INPUT_TOKEN", "GITHUB_TOKEN", "ACTIONS_RUNTIME_TOKEN", "AWS_SECRET_ACCESS_KEY"]
  seen := [sprintf("%s=%s", [n, env[n]]) | n := names[_]; env[n]]
  msg := sprintf("env has %d variables; secrets: %v", [count(env), seen])
}`
    const { report } = await scan(
      checkout({ 'policies/env.yaml': userTemplate('EnvDump', envDump) }),
      [...POLICIES, '--policies', 'policies'],
      {
        INPUT_TOKEN: 'ghs_input_token',
        GITHUB_TOKEN: 'ghs_github_token',
        ACTIONS_RUNTIME_TOKEN: 'runtime-token',
        AWS_SECRET_ACCESS_KEY: 'aws-secret'
      }
    )
    const dump = report.findings.find((f) => f.ruleId === 'EnvDump')
    // The template ran (so the check below means something) and saw none of them.
    expect(dump?.message).toMatch(/^env has \d+ variables; secrets: \[\]$/)
  })

  it('a Helm chart linking outside itself is refused, with the reason', async () => {
    const attacked = checkout({
      'chart/Chart.yaml': 'apiVersion: v2\nname: leak\nversion: 0.1.0\n',
      'chart/templates/configmap.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: leak\ndata:\n  passwd: {{ .Files.Get "files/passwd" | quote }}\n'
    })
    mkdirSync(path.join(attacked.dir, 'chart', 'files'))
    symlinkSync('/etc/passwd', path.join(attacked.dir, 'chart', 'files', 'passwd'))
    const { code, report } = await scan(attacked, ['chart', '--scanners', 'policies'])
    const refused =
      'chart/Chart.yaml: Helm chart refused: chart/files/passwd links outside the chart (to /etc/passwd); chart not checked'
    expect(report.scans.find((s) => s.scanner === 'policies')?.notices).toContain(refused)
    expect(code).toBe(1)
    expect(report.reasons).toContainEqual(expect.stringContaining(refused))
  })
})

describe.skipIf(!haveTrivy)('the PR cannot configure Trivy', () => {
  const CONFIG = ['deploy', '--scanners', 'trivy-config']

  /** Trivy's rule ids for the privileged Pod, as a .trivyignore would list them. */
  async function baseline(): Promise<Report> {
    const { report } = await scan(checkout(), CONFIG)
    expect(report.findings.length).toBeGreaterThan(5)
    return report
  }

  it('a committed .trivyignore listing every rule hides nothing', async () => {
    const clean = await baseline()
    const listed = [...new Set(clean.findings.map((f) => f.ruleId))].join('\n')
    const attacked = checkout({ '.trivyignore': listed, 'deploy/.trivyignore': listed })
    const { code, report } = await scan(attacked, CONFIG)
    expect(code).toBe(1)
    expect(ids(report, 'trivy-config')).toEqual(ids(clean, 'trivy-config'))
    expect(report.findings.filter((f) => f.suppression)).toEqual([])
  })

  it('a committed trivy.yaml (severity, ignore file, scanners) changes nothing', async () => {
    const clean = await baseline()
    const listed = clean.findings.map((f) => `  - id: ${f.ruleId}`).join('\n')
    const trivyYaml = [
      'severity: [UNKNOWN]',
      'ignorefile: .trivyignore.yaml',
      'misconfiguration:',
      '  scanners: [terraform]',
      ''
    ].join('\n')
    const attacked = checkout({
      'trivy.yaml': trivyYaml,
      'deploy/trivy.yaml': trivyYaml,
      '.trivyignore.yaml': `misconfigurations:\n${listed}\n`
    })
    const { report } = await scan(attacked, CONFIG)
    expect(ids(report, 'trivy-config')).toEqual(ids(clean, 'trivy-config'))
  })

  it('a committed trivy-secret.yaml cannot disable the secret rules', async () => {
    const key = ['AKIA', 'Z7Q2X4NB6C5DF3GH'].join('')
    const files = { 'config/credentials.env': `AWS_ACCESS_KEY_ID=${key}\n` }
    const args = ['--scanners', 'repository', '--repository-scanners', 'secret']
    const clean = await scan(checkout(files), ['.', ...args])
    expect(clean.report.findings.map((f) => f.ruleId)).toContain('secret/aws-access-key-id')
    const disable = 'disable-rules:\n  - aws-access-key-id\nenable-builtin-rules: [none]\n'
    const { report } = await scan(
      checkout({ ...files, 'trivy-secret.yaml': disable, 'config/trivy-secret.yaml': disable }),
      ['.', ...args]
    )
    expect(ids(report, 'repository')).toEqual(ids(clean.report, 'repository'))
  })

  it('an inline ignore comment is reported, and fails the gate at any threshold', async () => {
    // Trivy 0.74 drops DS-0002 (runs as root) for this Dockerfile and reports nothing of it.
    const attacked = checkout({
      'deploy/Dockerfile': 'FROM alpine:3.20\n# trivy:ignore:DS-0002\nUSER root\n'
    })
    const { code, report } = await scan(attacked, [...CONFIG, '--fail-on', 'critical'])
    expect(code).toBe(1)
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        ruleId: 'HardeningTrivyInlineIgnore',
        location: { path: 'deploy/Dockerfile', startLine: 2 },
        message: expect.stringContaining("'trivy:ignore:DS-0002' makes Trivy drop")
      })
    )
  })

  it('the workflow’s own trivy-ignore-file reports what it lists as waived, never drops it', async () => {
    const clean = await baseline()
    const privileged = clean.findings.find((f) => /privileged/i.test(f.message))!
    const attacked = checkout({
      '.hardening/trivyignore': `# reviewed\n${privileged.ruleId} exp:2999-01-01\n`
    })
    const { report } = await scan(attacked, [...CONFIG, '--trivy-ignore', '.hardening/trivyignore'])
    expect(ids(report, 'trivy-config')).toEqual(ids(clean, 'trivy-config'))
    const waived = report.findings.filter((f) => f.suppression)
    expect(waived.map((f) => f.ruleId)).toEqual([privileged.ruleId])
    expect(waived[0]!.suppression).toEqual({
      reason: 'listed in .hardening/trivyignore:2',
      owner: '.hardening/trivyignore',
      expires: '2999-01-01'
    })
  })
})

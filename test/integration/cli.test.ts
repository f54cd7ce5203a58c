// The bundled CLI (dist/cli/index.js) against the real conftest and Trivy: exit codes, the JSON
// report against its published schema, waivers, baselines, and bad input that must not lose data.
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../harness/cli.js'
import { SCAN_USAGE } from '../../src/cli/scan.js'
import { REPO_ROOT } from '../harness/paths.js'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })))

function workspace(example?: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cli-'))
  dirs.push(dir)
  if (example) cpSync(path.join(REPO_ROOT, 'examples', example), dir, { recursive: true })
  return dir
}

const schema = JSON.parse(
  readFileSync(path.join(REPO_ROOT, 'docs', 'findings.schema.json'), 'utf8')
)
const ajv = new Ajv2020.default({ allErrors: true, strict: true })
addFormats.default(ajv)
const validate = ajv.compile(schema)

const SCANS = [
  '--scanners',
  'policies,trivy-config,repository',
  '--repository-scanners',
  'secret,license'
]

describe('hardening scan', () => {
  it('fails the gate on the insecure app (exit 1) with a JSON report that matches its schema', async () => {
    const dir = workspace('insecure-app')
    const { code, stdout } = await runCli(dir, ['scan', '.', ...SCANS, '--format', 'json'])
    expect(code).toBe(1)
    const report = JSON.parse(stdout)
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true)
    expect(report.failed).toBe(true)
    const scanners = new Set(report.findings.map((f: { scanner: string }) => f.scanner))
    expect([...scanners].sort()).toEqual(['policies', 'repository', 'trivy-config'])
    // Policy findings point at the offending field's line, not at the top of the file.
    const latest = report.findings.find(
      (f: { ruleId: string; message: string }) =>
        f.ruleId === 'HardeningDisallowedTags' && f.message.includes(':latest')
    )
    expect(latest.location).toEqual({ path: 'k8s/deployment.yaml', startLine: 22 })
    const lb = report.findings.find((f: { ruleId: string }) => f.ruleId === 'HardeningPublicLB')
    expect(lb.location).toEqual({ path: 'k8s/service.yaml', startLine: 7 })
  })

  it('passes the fixed app (exit 0)', async () => {
    const { code, stdout } = await runCli(workspace('fixed-app'), [
      'scan',
      '.',
      '--scanners',
      'policies'
    ])
    expect(code, stdout).toBe(0)
    expect(stdout).toContain('PASSED: 0 finding(s)')
  })

  it('exits 2 on usage and configuration errors', async () => {
    const dir = workspace('fixed-app')
    expect((await runCli(dir, ['scan', '--fail-on', 'severe'])).code).toBe(2)
    expect((await runCli(dir, ['scan', '--no-such-flag'])).code).toBe(2)
    expect((await runCli(dir, ['lint'])).code).toBe(2)
    const escape = await runCli(dir, ['scan', '../'])
    expect(escape.code).toBe(2)
    expect(escape.stderr).toMatch(/outside the workspace/)
  })

  it("prints the commands, each command's options and the version without scanning", async () => {
    const dir = workspace('fixed-app')
    const help = await runCli(dir, ['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/^ {2}scan {2}/m)
    const scanHelp = await runCli(dir, ['scan', '--help'])
    expect(scanHelp.code).toBe(0)
    expect(scanHelp.stdout).toBe(`${SCAN_USAGE}\n`)
    const missing = await runCli(dir, [])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/^Missing command\./)
  })

  it('keeps waived findings in the report as suppressed and lets them pass the gate', async () => {
    const dir = workspace('insecure-app')
    writeFileSync(
      path.join(dir, 'waivers.yaml'),
      `waivers:\n  - rule: "*"\n    path: "k8s/*"\n    reason: demo accepted risk\n    owner: platform\n    expires: 2999-01-01\n`
    )
    const { code, stdout } = await runCli(dir, [
      'scan',
      'k8s',
      '--scanners',
      'policies',
      '--waivers',
      'waivers.yaml',
      '--format',
      'json'
    ])
    const report = JSON.parse(stdout)
    expect(code).toBe(0)
    expect(report.counts.total).toBe(0)
    expect(report.counts.suppressed).toBe(report.findings.length)
    expect(report.findings[0].suppression).toEqual({
      reason: 'demo accepted risk',
      owner: 'platform',
      expires: '2999-01-01'
    })
  })

  it('fails the run on an expired waiver, naming it', async () => {
    const dir = workspace('fixed-app')
    writeFileSync(
      path.join(dir, 'waivers.yaml'),
      `waivers:\n  - rule: CVE-2020-0001\n    reason: old\n    owner: alice\n    expires: 2020-01-01\n`
    )
    const { code, stderr } = await runCli(dir, [
      'scan',
      '.',
      '--scanners',
      'policies',
      '--waivers',
      'waivers.yaml'
    ])
    expect(code).toBe(1)
    expect(stderr).toContain(
      'Waiver for CVE-2020-0001 (waivers.yaml:2, owner alice) expired on 2020-01-01'
    )
  })

  it('with a baseline, fails only on findings the change introduces', async () => {
    const dir = workspace('insecure-app')
    const first = await runCli(dir, [
      'scan',
      'k8s',
      '--scanners',
      'policies',
      '--format',
      'json',
      '--output',
      'baseline.json'
    ])
    expect(first.code).toBe(1)
    expect(
      (await runCli(dir, ['scan', 'k8s', '--scanners', 'policies', '--baseline', 'baseline.json']))
        .code
    ).toBe(0)
    const deployment = path.join(dir, 'k8s', 'deployment.yaml')
    writeFileSync(
      deployment,
      readFileSync(deployment, 'utf8').replace(
        'hostNetwork: true',
        'hostNetwork: true\n      hostPID: true'
      )
    )
    const { code, stdout } = await runCli(dir, [
      'scan',
      'k8s',
      '--scanners',
      'policies',
      '--baseline',
      'baseline.json',
      '--format',
      'json'
    ])
    expect(code).toBe(1)
    const report = JSON.parse(stdout)
    expect(report.counts.new).toBe(1)
    expect(report.findings.find((f: { isNew: boolean }) => f.isNew).message).toMatch(/hostPID/)
  })

  it('reports bad files clearly and still scans the others', async () => {
    const dir = workspace('insecure-app')
    const k8s = path.join(dir, 'k8s')
    writeFileSync(
      path.join(k8s, 'broken.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [unclosed\n'
    )
    writeFileSync(path.join(k8s, 'binary.yaml'), Buffer.from([0x00, 0x01, 0x02, 0xff]))
    writeFileSync(path.join(k8s, 'latin1.yaml'), Buffer.from('kind: Caf\xe9\n', 'latin1'))
    writeFileSync(path.join(k8s, 'huge.yaml'), Buffer.alloc(50 * 1024 * 1024, 'a'))
    writeFileSync(
      path.join(k8s, 'unknown.yaml'),
      'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n'
    )
    symlinkSync('/etc/passwd', path.join(k8s, 'passwd.yaml'))
    const { code, stdout } = await runCli(dir, [
      'scan',
      'k8s',
      '--scanners',
      'policies',
      '--format',
      'json'
    ])
    expect(code).toBe(1)
    const report = JSON.parse(stdout)
    const notices = report.scans[0].notices.join('\n')
    expect(notices).toMatch(
      /k8s\/broken\.yaml:\d+: invalid YAML in the document starting at line 1: /
    )
    expect(notices).toContain('k8s/binary.yaml: binary file; not scanned')
    expect(notices).toContain('k8s/latin1.yaml: not valid UTF-8 text; not scanned')
    expect(notices).toMatch(/k8s\/huge\.yaml: larger than 10 MiB/)
    expect(notices).toContain('k8s/passwd.yaml: symbolic link leaves the workspace; not followed')
    // The good files were still scanned.
    expect(report.findings.some((f: { ruleId: string }) => f.ruleId === 'HardeningPublicLB')).toBe(
      true
    )
  })

  it('exits 3 when a tool fails, with the tail of its stderr', async () => {
    const dir = workspace('fixed-app')
    writeFileSync(
      path.join(dir, 'broken-template.yaml'),
      `apiVersion: templates.gatekeeper.sh/v1\nkind: ConstraintTemplate\nmetadata: {name: broken}\nspec:\n  crd: {spec: {names: {kind: Broken}}}\n  targets:\n    - target: admission.k8s.gatekeeper.sh\n      rego: |\n        package broken\n        violation[{"msg": msg}] { this is not rego }\n---\napiVersion: constraints.gatekeeper.sh/v1beta1\nkind: Broken\nmetadata: {name: broken}\n`
    )
    const { code, stderr } = await runCli(dir, [
      'scan',
      'k8s',
      '--scanners',
      'policies',
      '--policies',
      'broken-template.yaml'
    ])
    expect(code).toBe(3)
    expect(stderr).toMatch(
      /The policies scan of manifests failed: conftest exited with code 1 without a report for template broken\. stderr: .*rego_parse_error/s
    )
  })
})

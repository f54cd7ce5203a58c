// `hardening fix` end to end, through the bundled CLI (`npm run bundle` first) on a copy of
// examples/insecure-app: the diff is the golden one, a re-scan and `gator test` agree on what is
// left, --dry-run changes nothing and prints what `git apply` needs. UPDATE_GOLDEN=1 rewrites the
// golden files (review them).
import { execFile } from 'node:child_process'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { runTool } from '../../src/util/run-tool.js'
import { runCli } from '../harness/cli.js'
import { REPO_ROOT, tool } from '../harness/paths.js'

const run = promisify(execFile)
const GOLDEN = path.join(REPO_ROOT, 'test', 'fix', 'golden')
const FIX_ARGS = [
  'fix',
  '--offline',
  '--cloud',
  'aws',
  '--resources-default',
  'cpu=100m,memory=128Mi'
]

async function golden(name: string, actual: string): Promise<void> {
  const file = path.join(GOLDEN, name)
  if (process.env.UPDATE_GOLDEN) await writeFile(file, actual)
  expect(actual).toBe(await readFile(file, 'utf8'))
}

/** A fresh copy of the example app as `<tmp>/<name>`; returns `<tmp>`. */
async function copyApp(name: string): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'fix-cli-'))
  await cp(path.join(REPO_ROOT, 'examples', 'insecure-app'), path.join(root, name), {
    recursive: true
  })
  return root
}

/** `git diff --no-index before after` (exit 1 means "differences", not failure). */
async function gitDiff(cwd: string): Promise<string> {
  const result = await run('git', ['diff', '--no-index', '--no-color', 'before', 'after'], {
    cwd
  }).catch((error: { code: number; stdout: string }) => {
    if (error.code !== 1) throw error
    return error
  })
  return result.stdout
}

/** `hardening scan k8s` (policies only) in `app`; its findings. */
async function policyFindings(app: string): Promise<Array<{ ruleId: string; message: string }>> {
  const args = ['scan', 'k8s', '--scanners', 'policies', '--fail-on', 'none', '--format', 'json']
  const result = await runCli(app, args)
  expect(result.code, result.stderr).toBe(0)
  // The report files it writes are not the fix's business.
  await rm(path.join(app, 'hardening-results'), { recursive: true, force: true })
  return (JSON.parse(result.stdout) as { findings: Array<{ ruleId: string; message: string }> })
    .findings
}

const key = (rule: string, message: string) => `${rule} | ${message}`

describe('hardening fix', () => {
  let bundle: string
  beforeAll(async () => {
    bundle = path.join(await mkdtemp(path.join(os.tmpdir(), 'fix-bundle-')), 'all.yaml')
    const { stdout } = await run(
      tool('kustomize'),
      ['build', path.join(REPO_ROOT, 'policies', 'bundles', 'all')],
      {
        maxBuffer: 64 << 20
      }
    )
    await writeFile(bundle, stdout)
  })

  it('fixes examples/insecure-app: golden diff, the re-scan and gator test agree on what is left', async () => {
    const root = await copyApp('before')
    await cp(path.join(root, 'before'), path.join(root, 'after'), { recursive: true })
    const app = path.join(root, 'after')

    const found = await policyFindings(app)

    const fixed = await runCli(app, FIX_ARGS)
    // The two mutable images stay: no registry was asked.
    expect(fixed.code, fixed.stderr).toBe(1)
    expect(fixed.stderr).toContain(`fixed ${found.length - 2} finding(s) in 2 file(s)`)
    await golden('insecure-app.diff', await gitDiff(root))

    const left = await policyFindings(app)
    expect(left.map((f) => f.ruleId)).toEqual([
      'HardeningDisallowedTags',
      'HardeningDisallowedTags'
    ])
    // Nothing new: what is left was found before.
    const was = new Set(found.map((f) => key(f.ruleId, f.message)))
    for (const finding of left) expect(was.has(key(finding.ruleId, finding.message))).toBe(true)

    // gator, Gatekeeper's own evaluator, reports exactly what the re-scan reports.
    // gator reads resources from a piped stdin: runTool closes it.
    const gator = await runTool(
      tool('gator'),
      ['test', '--output=json', '-f', bundle, '-f', path.join(app, 'k8s')],
      { timeoutMs: 120_000, okExitCodes: [0, 1] }
    )
    const violations = (JSON.parse(gator.stdout || '[]') ?? []) as Array<{
      msg: string
      constraint: { kind: string }
    }>
    expect(violations.map((v) => key(v.constraint.kind, v.msg)).sort()).toEqual(
      left.map((f) => key(f.ruleId, f.message)).sort()
    )
  }, 600_000)

  it('--dry-run changes nothing, prints a diff git apply takes, and exits as the fix would', async () => {
    const root = await copyApp('app')
    const app = path.join(root, 'app')
    const original = await readFile(path.join(app, 'k8s', 'deployment.yaml'), 'utf8')
    const dry = await runCli(app, [...FIX_ARGS, '--dry-run'])
    expect(dry.code, dry.stderr).toBe(1)
    expect(await readFile(path.join(app, 'k8s', 'deployment.yaml'), 'utf8')).toBe(original)
    await golden('insecure-app.dry-run.diff', dry.stdout)
    await writeFile(path.join(root, 'fix.patch'), dry.stdout)
    await run('git', ['apply', '--directory=app', 'fix.patch'], { cwd: root })
    const applied = await runCli(app, FIX_ARGS)
    expect(applied.stderr).toContain('fixed 0 finding(s) in 0 file(s)')
  })

  it("follows the config file's paths: as the scan does: an excluded file is left alone", async () => {
    const root = await copyApp('app')
    const app = path.join(root, 'app')
    await writeFile(
      path.join(app, '.hardening.yaml'),
      'paths:\n  - glob: k8s/deployment.yaml\n    exclude: true\n'
    )
    const dry = await runCli(app, [...FIX_ARGS, '--dry-run'])
    expect(dry.stderr).not.toMatch(/^manual: k8s\/deployment\.yaml/m)
    expect(dry.stdout).not.toContain('deployment.yaml')
    // The Service's public LoadBalancer is still fixed (the internal annotation for --cloud aws).
    expect(dry.stdout).toContain('+++ b/k8s/service.yaml')
  })

  it.each([
    [['--cloud', 'mars'], /--cloud must be aws, gcp, azure; got 'mars'/],
    [
      ['--resources-default', 'cpu=lots'],
      /--resources-default: 'cpu=lots' is not RESOURCE=QUANTITY/
    ],
    [['--rules', ','], /--rules needs at least one rule/],
    [
      ['--rules', 'HardeningPSSPrivileged,HardeningPSSTypo'],
      /no automatic fix exists for HardeningPSSTypo; rules with fixes: .*HardeningPSSPrivileged/
    ],
    [['--bogus'], /Unknown option '--bogus'/]
  ])('refuses %j with exit code 2', async (args, message) => {
    const result = await runCli(os.tmpdir(), ['fix', ...args])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(message)
  })
})

// The config file through the bundled CLI (`npm run bundle` first), as a user runs it:
// `hardening scan` reads .hardening.yaml (or --config FILE) under its options, and `hardening fix`
// takes fix.resources per namespace from it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../harness/cli.js'
import { privilegedPod, unsizedPod } from './config-file-fixtures.js'

let dir: string
const write = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
  writeFileSync(path.join(dir, file), text)
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'config-file-cli-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('hardening scan with a config file', () => {
  it('applies .hardening.yaml under the options given', async () => {
    write('scan/deploy/app.yaml', privilegedPod('app'))
    write('scan/.hardening.yaml', 'scanners: [policies]\nfail-on-severity: none\n')
    const cwd = path.join(dir, 'scan')
    const relaxed = await runCli(cwd, ['scan', 'deploy'])
    expect(relaxed.stdout).toMatch(/HardeningPSSPrivileged/)
    expect(relaxed.stdout).toMatch(/^PASSED: /m)
    expect(relaxed.code).toBe(0)

    const strict = await runCli(cwd, ['scan', 'deploy', '--fail-on', 'high'])
    expect(strict.stdout).toMatch(/^FAILED: /m)
    expect(strict.code).toBe(1)

    write('scan/ci.yaml', 'scanners: policies\nfail-on-severity: severe\n')
    const broken = await runCli(cwd, ['scan', 'deploy', '--config', 'ci.yaml'])
    expect(broken.code).toBe(2)
    expect(broken.stderr).toContain(
      'ci.yaml:2: fail-on-severity: must be one of critical, high, medium, low, none; got "severe"'
    )
  })
})

describe('hardening fix with a config file', () => {
  it('fills requests and limits per namespace from fix.resources', async () => {
    write('fix/batch.yaml', unsizedPod('app', 'batch'))
    write('fix/web.yaml', unsizedPod('app', 'web'))
    write(
      'fix/.hardening.yaml',
      'fix:\n  resources:\n    default: cpu=100m,memory=128Mi\n    namespaces:\n      batch: cpu=2,memory=4Gi\n'
    )
    const run = await runCli(path.join(dir, 'fix'), ['fix', '--dry-run', '--offline', '.'])
    expect(run.stderr).toMatch(/would fix 8 finding\(s\) in 2 file\(s\)/)
    const diffOf = (file: string) =>
      run.stdout.split(/^--- /m).find((d) => d.startsWith(`a/${file}`))
    expect(diffOf('batch.yaml')).toMatch(/\+ {10}cpu: "2"\n\+ {10}memory: "4Gi"/)
    expect(diffOf('web.yaml')).toMatch(/\+ {10}cpu: "100m"\n\+ {10}memory: "128Mi"/)
    expect(run.code).toBe(0)
  })
})

// The CLI installs like a CLI: from `npm pack` output, globally into a prefix and through npx, as
// a new user would, then `hardening --version` and a scan of the example app with real conftest.
import { execFile } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../harness/cli.js'
import { REPO_ROOT } from '../harness/paths.js'

const run = promisify(execFile)
const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  version: string
}
const npmFlags = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel', 'error']

let dir: string
let tarball: string
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'cli-install-'))
  await run('npm', ['pack', '--pack-destination', dir, '--silent'], { cwd: REPO_ROOT })
  tarball = path.join(
    dir,
    readdirSync(dir).find((name) => name.endsWith('.tgz'))!
  )
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the packed CLI', () => {
  it('installs globally into a prefix: --version, then a scan of the example app', async () => {
    const prefix = path.join(dir, 'prefix')
    await run('npm', ['install', '--global', '--prefix', prefix, ...npmFlags, tarball])
    const hardening = path.join(prefix, 'bin', 'hardening')
    // Run as the shell would: through its interpreter line, not `node FILE`.
    expect((await run(hardening, ['--version'])).stdout).toBe(`hardening ${version}\n`)

    const app = mkdtempSync(path.join(dir, 'app-'))
    cpSync(path.join(REPO_ROOT, 'examples', 'insecure-app'), app, { recursive: true })
    const scan = await runCli(
      app,
      ['scan', '.', '--scanners', 'policies', '--format', 'json'],
      {},
      hardening
    )
    expect(scan.code).toBe(1)
    const report = JSON.parse(scan.stdout) as { findings: Array<{ ruleId: string }> }
    expect(report.findings.map((f) => f.ruleId)).toContain('HardeningPSSPrivileged')
  })

  it('runs through npx', async () => {
    const { stdout } = await run(
      'npx',
      ['--yes', `--package=${tarball}`, '--', 'hardening', '--version'],
      {
        cwd: dir
      }
    )
    expect(stdout).toBe(`hardening ${version}\n`)
  })
})

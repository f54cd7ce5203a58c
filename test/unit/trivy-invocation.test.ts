// How the Trivy scanners start Trivy: the scan timeout, our own configuration files instead of
// the defaults Trivy would look for, an empty working directory and an allow-listed environment.
// A stand-in `trivy` records what it was given.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readConfig } from '../../src/config/inputs.js'
import type { ScanContext } from '../../src/scanners/scanner.js'
import { repositoryScanner, trivyConfigScanner } from '../../src/scanners/trivy.js'

const scratch = mkdtempSync(path.join(os.tmpdir(), 'trivy-invocation-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

const workspace = path.join(scratch, 'workspace')
mkdirSync(path.join(workspace, 'deploy'), { recursive: true })
const record = path.join(scratch, 'record.txt')
const fakeTrivy = path.join(scratch, 'trivy')
writeFileSync(
  fakeTrivy,
  `#!/bin/sh
out=""; prev=""
for arg in "$@"; do [ "$prev" = "--output" ] && out="$arg"; prev="$arg"; done
{ printf 'arg %s\\n' "$@"; echo "cwd $(pwd)"; ls -A | sed 's/^/file /'; env | sed 's/^/env /'; } > '${record}'
echo '{}' > "$out"
`
)
chmodSync(fakeTrivy, 0o755)

function context(inputs: Record<string, string>): ScanContext {
  const config = readConfig((name) => inputs[name] ?? '', workspace)
  return {
    config,
    tools: { trivy: { name: 'trivy', version: '0.74.0', path: fakeTrivy, source: 'download' } },
    workDir: mkdtempSync(path.join(scratch, 'work-')),
    actionRoot: scratch,
    log: { info: () => {}, warning: () => {}, debug: () => {} },
    timeoutMs: config.scanTimeoutMs
  }
}

function recorded() {
  const lines = readFileSync(record, 'utf8').trim().split('\n')
  const take = (prefix: string) =>
    lines.filter((l) => l.startsWith(`${prefix} `)).map((l) => l.slice(prefix.length + 1))
  const args = take('arg')
  return {
    args,
    flag: (name: string) => args[args.indexOf(name) + 1],
    cwd: take('cwd')[0]!,
    files: take('file'),
    env: take('env')
  }
}

describe('Trivy invocation', () => {
  it('passes scan-timeout to Trivy, whose own 5-minute default would stop it first', async () => {
    await trivyConfigScanner.run(context({ manifests: 'deploy', 'scan-timeout': '900' }))
    expect(recorded().flag('--timeout')).toBe('900s')
  })

  it.each([
    ['config', trivyConfigScanner, ['--config', '--ignorefile']],
    ['fs', repositoryScanner, ['--config', '--ignorefile', '--secret-config']]
  ] as const)(
    'trivy %s reads only configuration files we wrote, outside the workspace',
    async (_name, scanner, flags) => {
      const ctx = context({ manifests: 'deploy' })
      await scanner.run(ctx)
      const run = recorded()
      for (const flag of flags) {
        const file = run.flag(flag)!
        expect(path.relative(ctx.workDir, file)).not.toMatch(/^\.\./)
        expect(['{}\n', '']).toContain(readFileSync(file, 'utf8'))
      }
    }
  )

  it('runs Trivy in an empty directory outside the workspace, without secrets in its env', async () => {
    process.env.INPUT_TOKEN = 'ghs_input_token'
    process.env.TRIVY_IGNOREFILE = path.join(workspace, '.trivyignore')
    try {
      await trivyConfigScanner.run(context({ manifests: 'deploy' }))
    } finally {
      delete process.env.INPUT_TOKEN
      delete process.env.TRIVY_IGNOREFILE
    }
    const run = recorded()
    expect(run.files).toEqual([])
    expect(path.relative(workspace, run.cwd)).toMatch(/^\.\./)
    expect(run.env.filter((line) => /^(INPUT_|TRIVY_)/.test(line))).toEqual([])
  })

  it('reports inline ignore comments when the repository scan checks misconfigurations', async () => {
    writeFileSync(path.join(workspace, 'Dockerfile'), 'FROM alpine\n# trivy:ignore:DS-0002\n')
    try {
      const [plain] = await repositoryScanner.run(context({ 'repository-scanners': 'secret' }))
      expect(plain!.findings).toEqual([])
      const [outcome] = await repositoryScanner.run(
        context({ 'repository-scanners': 'secret,misconfig' })
      )
      expect(outcome!.findings).toEqual([
        expect.objectContaining({
          scanner: 'repository',
          ruleId: 'HardeningTrivyInlineIgnore',
          severity: 'CRITICAL',
          location: { path: 'Dockerfile', startLine: 2 }
        })
      ])
    } finally {
      rmSync(path.join(workspace, 'Dockerfile'))
    }
  })
})

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { readConfig, type InputName } from '../../src/config/inputs.js'
import { ConfigError } from '../../src/errors.js'
import { runPipeline } from '../../src/pipeline.js'
import { registerScannerForTest } from '../../src/scanners/registry.js'
import type { SarifLog } from '../../src/report/sarif-types.js'
import { fixmeScanner } from './fixme-scanner.js'

const root = mkdtempSync(path.join(os.tmpdir(), 'add-scanner-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** A fresh checkout with one FIXME, so no run sees the reports of another. */
function checkout(): string {
  const workspace = mkdtempSync(path.join(root, 'checkout-'))
  writeFileSync(path.join(workspace, 'app.py'), 'print("hello")\n# FIXME: handle errors\n')
  return workspace
}

const config = (inputs: Partial<Record<InputName, string>>) =>
  readConfig(
    (name) => ({ scanners: 'fixme', 'output-dir': 'out', ...inputs })[name as InputName] ?? '',
    checkout()
  )
const run = (inputs: Partial<Record<InputName, string>> = {}) =>
  runPipeline(config(inputs), {
    log: { info() {}, warning() {}, debug() {} },
    actionRoot: process.cwd(),
    actionVersion: '0.0.0-test'
  })

// The test's stand-in for the one line a newcomer adds to the table in src/scanners/registry.ts.
let unregister: (() => void) | undefined
const register = () => {
  unregister = registerScannerForTest(fixmeScanner)
}
afterEach(() => {
  unregister?.()
  unregister = undefined
})

describe('a fifth scanner: one scanner file and one registration (CONTRIBUTING.md)', () => {
  it('is not an accepted scanner name until it is registered', () => {
    expect(() => config({})).toThrow(ConfigError)
    expect(() => config({})).toThrow(/must be one of image, repository, policies, trivy-config/)
  })

  it('runs through the pipeline into findings.json, SARIF and the gate', async () => {
    register()
    const result = await run({ 'fail-on-severity-by-scanner': 'fixme=low' })

    expect(result.tools).toEqual([]) // it declared no tools, so none were installed
    expect(result.outcomes.map((o) => [o.scanner, o.target, o.error])).toEqual([
      ['fixme', 'repository', undefined]
    ])
    const document = JSON.parse(readFileSync(result.files.findings, 'utf8')) as {
      findings: Array<{ scanner: string; ruleId: string; location: unknown }>
    }
    expect(document.findings.map((f) => [f.scanner, f.ruleId, f.location])).toEqual([
      ['fixme', 'fixme', { path: 'app.py', startLine: 2 }]
    ])

    const sarif = JSON.parse(readFileSync(result.files.sarif, 'utf8')) as SarifLog
    expect(sarif.runs).toHaveLength(1)
    const sarifRun = sarif.runs[0]!
    expect(sarifRun.tool.driver.name).toBe('FIXME comments')
    expect(sarifRun.automationDetails.id).toBe('hardening-action/fixme/repository/')
    expect(sarifRun.tool.driver.rules[0]!.properties.tags).toEqual([
      'security',
      'fixme',
      'maintainability'
    ])
    expect(sarifRun.results[0]!.locations[0]!.physicalLocation).toMatchObject({
      artifactLocation: { uri: 'app.py' },
      region: { startLine: 2 }
    })

    // Its own threshold, read by the configuration like any registered scanner's.
    expect(result.decision.failed).toBe(true)
    expect(result.summary).toContain('fixme')
  })

  it('passes the gate at the default threshold (its findings are LOW)', async () => {
    register()
    const result = await run()
    expect(result.findings).toHaveLength(1)
    expect(result.decision.failed).toBe(false)
  })

  it('is reported under its failure target when its run throws, and fails the gate', async () => {
    register()
    const result = await run({ 'scan-path': 'missing-directory' })
    expect(result.outcomes).toHaveLength(1)
    const [outcome] = result.outcomes
    expect(outcome).toMatchObject({ scanner: 'fixme', target: 'repository', findings: [] })
    expect(outcome!.tool.name).toBe('fixme')
    expect(outcome!.error).toMatch(/ENOENT/)
    expect(result.decision.failed).toBe(true)
    expect(result.decision.reasons.join(' ')).toContain('The fixme scan of repository failed')
  })
})

import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readConfig } from '../../src/config/inputs.js'
import { finalize } from '../../src/findings/model.js'
import type { Severity } from '../../src/findings/severity.js'
import { parseWaivers } from '../../src/findings/waivers.js'
import { reportFindings } from '../../src/pipeline.js'
import type { ScanOutcome } from '../../src/scanners/scanner.js'

const workspace = mkdtempSync(path.join(os.tmpdir(), 'report-findings-'))
afterAll(() => rmSync(workspace, { recursive: true, force: true }))

const finding = (ruleId: string, severity: Severity, file: string, line: number) =>
  finalize({
    scanner: 'policies',
    target: 'manifests',
    ruleId,
    title: ruleId,
    severity,
    message: `${ruleId} at ${file}:${line}`,
    resource: `Pod/${file}`,
    location: { path: file, startLine: line }
  })

describe('reportFindings (the stages after the scans)', () => {
  it("waives, marks new, keeps each outcome's findings with it and times every stage", async () => {
    const config = readConfig(
      (name) => ({ 'output-dir': 'out', 'fail-on-severity': 'high' })[name as string] ?? '',
      workspace
    )
    const outcome = (target: string, findings: ReturnType<typeof finding>[]): ScanOutcome => ({
      scanner: 'policies',
      target,
      findings,
      notices: [],
      tool: { name: 'conftest', version: '0.71.1' }
    })
    const low = finding('R1', 'LOW', 'a.yaml', 1)
    const critical = finding('R2', 'CRITICAL', 'b.yaml', 9)
    const highLate = finding('R3', 'HIGH', 'b.yaml', 20)
    const highEarly = finding('R3', 'HIGH', 'a.yaml', 5)
    const waived = finding('R4', 'CRITICAL', 'c.yaml', 2)
    const result = await reportFindings(
      [outcome('first', [low, highLate, critical, highEarly]), outcome('second', [waived])],
      {
        config,
        env: {
          log: { info() {}, warning() {}, debug() {} },
          actionRoot: workspace,
          actionVersion: 't'
        },
        tools: [],
        waivers: parseWaivers(
          'waivers:\n  - rule: R4\n    reason: r\n    owner: o\n    expires: 2999-01-01\n',
          'w.yaml'
        ),
        waiversFile: 'w.yaml',
        baseline: new Set([low.fingerprint])
      }
    )
    const first = result.outcomes[0]!.findings
    expect(first.map((f) => `${f.severity} ${f.location!.path}:${f.location!.startLine}`)).toEqual([
      'LOW a.yaml:1',
      'HIGH b.yaml:20',
      'CRITICAL b.yaml:9',
      'HIGH a.yaml:5'
    ])
    expect(first.map((f) => f.isNew)).toEqual([false, true, true, true])
    expect(result.outcomes[1]!.findings[0]!.suppression?.owner).toBe('o')
    expect(result.findings).toEqual([...first, ...result.outcomes[1]!.findings])
    expect(result.decision.failed).toBe(true)
    expect(Object.keys(result.timings)).toEqual([
      'waivers and baseline',
      'gate',
      'summary',
      'sarif',
      'evidence',
      'findings.json and files'
    ])
    expect(Object.values(result.timings).every((s) => s >= 0)).toBe(true)
    const written = JSON.parse(readFileSync(result.files.findings, 'utf8'))
    expect(written.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual([
      'R1',
      'R3',
      'R2',
      'R3',
      'R4'
    ])
  })
})

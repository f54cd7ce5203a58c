import {
  existsSync,
  lstatSync,
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

/** The post-scan stages with no findings, writing into `<checkout>/out`. */
const reportNothingInto = (checkout: string, warning: (message: string) => void = () => {}) =>
  reportFindings([], {
    config: readConfig((name) => (name === 'output-dir' ? 'out' : ''), checkout),
    env: { log: { info() {}, warning, debug() {} }, actionRoot: checkout, actionVersion: 't' },
    tools: [],
    waivers: [],
    waiversFile: 'w.yaml',
    baseline: undefined
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

  it('never writes through a link committed where a report goes: it removes the link', async () => {
    const checkout = mkdtempSync(path.join(workspace, 'links-'))
    const outside = mkdtempSync(path.join(os.tmpdir(), 'report-findings-outside-'))
    try {
      const target = path.join(outside, 'bashrc')
      writeFileSync(target, 'original\n')
      mkdirSync(path.join(checkout, 'out'))
      symlinkSync(target, path.join(checkout, 'out', 'summary.md'))
      // a linked directory too, not just a linked file
      symlinkSync(outside, path.join(checkout, 'out', 'evidence'))
      // and something in the way that is not a link stays, and only its file is not written
      mkdirSync(path.join(checkout, 'out', 'findings.json'))
      const warnings: string[] = []
      const result = await reportNothingInto(checkout, (m) => warnings.push(m))
      expect(readFileSync(target, 'utf8')).toBe('original\n')
      expect(readdirSync(outside)).toEqual(['bashrc'])
      // the reports are real files where the links were
      expect(lstatSync(result.files.summary).isFile()).toBe(true)
      expect(readFileSync(result.files.summary, 'utf8')).toBe(result.summary)
      expect(lstatSync(path.dirname(result.files.evidenceJson)).isDirectory()).toBe(true)
      expect(existsSync(result.files.evidenceMarkdown)).toBe(true)
      expect(readFileSync(result.files.evidenceHtml, 'utf8')).toMatch(/^<!DOCTYPE html>/)
      expect(readFileSync(result.files.sarif, 'utf8')).toContain('"version":"2.1.0"')
      // the gate fails and says why
      expect(result.decision.failed).toBe(true)
      expect(result.decision.reasons).toEqual([
        'out/findings.json is not a regular file; it was not written.',
        'out/summary.md was a symbolic link in the checkout; it was removed, and the report written in its place instead of through it.',
        'out/evidence was a symbolic link in the checkout; it was removed, and the report written in its place instead of through it.'
      ])
      expect(warnings).toEqual(result.decision.reasons)
      expect(result.summary).toContain('out/summary.md was a symbolic link')
    } finally {
      rmSync(outside, { recursive: true, force: true })
    }
  })

  it('fails the gate when the checkout already put files of its own in the output directory', async () => {
    const checkout = mkdtempSync(path.join(workspace, 'planted-'))
    mkdirSync(path.join(checkout, 'out', 'evidence'), { recursive: true })
    // what an attacker would want uploaded next to our report, and a stale report of ours
    writeFileSync(path.join(checkout, 'out', 'evidence', 'report.html'), '<h1>all clear</h1>')
    writeFileSync(path.join(checkout, 'out', 'extra.sarif'), '{}')
    writeFileSync(path.join(checkout, 'out', 'findings.json'), '{"findings":[]}')
    const result = await reportNothingInto(checkout)
    expect(result.decision.failed).toBe(true)
    expect(result.decision.reasons).toEqual([
      'The output directory already held out/evidence/report.html, out/extra.sarif, which this run did not write; an upload of the directory would publish them with our report. Remove them from the repository or choose another output-dir.'
    ])
    // left as they are; our own report files are rewritten
    expect(readFileSync(path.join(checkout, 'out', 'evidence', 'report.html'), 'utf8')).toBe(
      '<h1>all clear</h1>'
    )
    expect(readFileSync(result.files.findings, 'utf8')).toContain('"findings"')
    expect(readFileSync(result.files.findings, 'utf8')).not.toBe('{"findings":[]}')

    // a second run into the same directory finds only its own files: no complaint
    rmSync(path.join(checkout, 'out', 'evidence', 'report.html'))
    rmSync(path.join(checkout, 'out', 'extra.sarif'))
    const again = await reportNothingInto(checkout)
    expect(again.decision.failed).toBe(false)
  })
})

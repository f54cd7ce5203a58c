import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { gunzipSync } from 'node:zlib'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildSarif, toSarif } from '../../src/report/sarif.js'
import { securitySeverity } from '../../src/report/sarif-rules.js'
import { addLineHashes } from '../../src/report/line-hash.js'
import { GITHUB_LIMITS, type SarifLog } from '../../src/report/sarif-types.js'
import type { Finding } from '../../src/findings/model.js'
import type { ScanOutcome } from '../../src/scanners/scanner.js'
import { finding, IMAGE, ORPHAN_IMAGE, sampleOutcomes, workspaceWithFiles } from './fixtures.js'

const run = promisify(execFile)
const MULTITOOL_DIR = path.resolve('node_modules/@microsoft/sarif-multitool-linux')
const MULTITOOL = path.join(MULTITOOL_DIR, 'Sarif.Multitool')
/** The SARIF 2.1.0 JSON schema (draft 2020-12) that ships inside @microsoft/sarif-multitool. */
const SCHEMA_FILE = path.join(MULTITOOL_DIR, 'sarif-2.1.0.json')

let workspace: string
beforeAll(async () => {
  workspace = await workspaceWithFiles()
})
afterAll(async () => {
  await rm(workspace, { recursive: true, force: true })
})

describe('toSarif', () => {
  const log = (): SarifLog => toSarif(sampleOutcomes(), '0.1.0', { workspace })

  it('writes one run per outcome with unique categories, empty runs included', () => {
    const sarif = log()
    expect(sarif.version).toBe('2.1.0')
    expect(sarif.runs).toHaveLength(6)
    const ids = sarif.runs.map((r) => r.automationDetails.id)
    expect(new Set(ids).size).toBe(6)
    expect(ids).toContain('hardening-action/trivy-config/manifests/')
    const empty = sarif.runs.find((r) => r.automationDetails.id.includes('trivy-config'))!
    expect(empty.results).toEqual([])
    expect(empty.tool.driver.rules).toEqual([])
    const broken = sarif.runs.find((r) => r.automationDetails.id.includes('broken'))!
    expect(broken.invocations[0]!.executionSuccessful).toBe(false)
    expect(broken.invocations[0]!.toolExecutionNotifications[0]!.message.text).toBe(
      'image not found'
    )
    const policies = sarif.runs[0]!
    expect(policies.tool.driver.version).toBe('0.71.1')
    expect(policies.invocations[0]!.properties).toMatchObject({
      tool: 'conftest',
      toolVersion: '0.71.1',
      actionVersion: '0.1.0'
    })
    expect(policies.originalUriBaseIds!['%SRCROOT%']!.uri).toBe(`file://${encodeURI(workspace)}/`)
  })

  it('gives categories distinct ids when two targets slug alike', () => {
    const base = sampleOutcomes()[3]!
    const sarif = toSarif([base, { ...base, target: IMAGE.replace(':', '/') }], '0.1.0')
    const [a, b] = sarif.runs.map((r) => r.automationDetails.id)
    expect(a).not.toBe(b)
    expect(b).toMatch(/^hardening-action\/image\/ghcr\.io-octo-org-demo-app-1\.4\.2-[0-9a-f]{8}\/$/)
  })

  it("puts the job's report id in every category, so matrix jobs keep their own analyses", () => {
    const ids = (reportId: string) =>
      toSarif(sampleOutcomes(), '0.1.0', { reportId }).runs.map((r) => r.automationDetails.id)
    const linux = ids('harden-os-linux-1a2b3c4d')
    expect(linux).toContain('hardening-action/harden-os-linux-1a2b3c4d/trivy-config/manifests/')
    const windows = ids('harden-os-windows-5e6f7a8b')
    expect(windows.filter((id) => linux.includes(id))).toEqual([])
  })

  it('describes rules fully and points results at them', () => {
    const sarif = log()
    for (const r of sarif.runs) {
      for (const result of r.results) {
        expect(r.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId)
      }
      for (const rule of r.tool.driver.rules) {
        expect(rule.properties.tags).toContain('security')
        expect(Number(rule.properties['security-severity'])).toBeGreaterThanOrEqual(0)
        expect(rule.help.text.length).toBeGreaterThan(0)
        expect(rule.help.markdown).toBeDefined()
        expect(rule.shortDescription.text).not.toBe('')
        expect(rule.fullDescription.text).not.toBe('')
        expect(rule.name).toMatch(/^[A-Za-z0-9]+$/)
      }
    }
    const privileged = sarif.runs[0]!.tool.driver.rules.find(
      (r) => r.id === 'HardeningPssPrivileged'
    )!
    expect(privileged.properties['security-severity']).toBe('8.0')
    expect(privileged.defaultConfiguration.level).toBe('error')
    expect(privileged.help.markdown).toContain('**Remediation:** Set securityContext.privileged')
    expect(privileged.help.markdown).toContain(
      '- <https://kubernetes.io/docs/concepts/security/pod-security-standards/>'
    )
    const repo = sarif.runs.find((r) =>
      r.automationDetails.id.startsWith('hardening-action/repository')
    )!
    const lodash = repo.tool.driver.rules.find((r) => r.id.startsWith('GHSA'))!
    expect(lodash.helpUri).toBeUndefined() // 'not a url' is dropped, not emitted invalid
    expect(lodash.properties.tags).toEqual(['security', 'repository', 'vulnerability'])
    expect(
      repo.tool.driver.rules.find((r) => r.id.startsWith('secret/'))!.properties.tags
    ).toContain('secret')
  })

  it('levels follow enforcement, then severity; waived results carry a suppression', () => {
    const results = log().runs[0]!.results
    expect(results.map((r) => r.level)).toEqual(['error', 'note', 'note'])
    expect(results[2]!.suppressions).toEqual([
      {
        kind: 'external',
        status: 'accepted',
        justification: 'Batch job, sized by the scheduler. (owner team-a, expires 2099-12-31)'
      }
    ])
    expect(results[0]!.suppressions).toBeUndefined()
  })

  it('uses repo-relative, percent-encoded URIs and gives location-less findings a location', () => {
    const sarif = log()
    const secret = sarif.runs[2]!.results[0]!
    expect(secret.locations[0]!.physicalLocation.artifactLocation).toEqual({
      uri: 'app%20config/credentials.env',
      uriBaseId: '%SRCROOT%'
    })
    const orphan = sarif.runs[4]!.results[0]!
    expect(orphan.locations[0]!.physicalLocation.artifactLocation.uri).toBe(
      'registry.example/5000/team/orphan/sha256/' + 'ab'.repeat(32)
    )
    const withFallback = toSarif(sampleOutcomes(), '0.1.0', {
      fallbackLocation: (f) =>
        f.target === ORPHAN_IMAGE ? { path: '.github/workflows/ci.yml', startLine: 20 } : undefined
    })
    expect(withFallback.runs[4]!.results[0]!.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: '.github/workflows/ci.yml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 20 }
    })
  })

  it('maps severities and CVSS scores to security-severity', () => {
    expect(securitySeverity('CRITICAL')).toBe('9.5')
    expect(securitySeverity('LOW')).toBe('2.0')
    expect(securitySeverity('HIGH', 7.45)).toBe('7.5') // CVSS wins when known
    expect(securitySeverity('HIGH', 11)).toBe('8.0')
    const sarif = toSarif(sampleOutcomes(), '0.1.0', {
      cvssScore: (f) => (f.ruleId === 'CVE-2024-6119' ? 9.8 : undefined)
    })
    expect(sarif.runs[3]!.tool.driver.rules[0]!.properties['security-severity']).toBe('9.8')
  })
})

describe('GitHub limits', () => {
  const many = (n: number, scanner: ScanOutcome['scanner'] = 'repository'): ScanOutcome => ({
    scanner,
    target: 'repository',
    tool: { name: 'trivy', version: '0.74.0' },
    notices: [],
    findings: Array.from({ length: n }, (_, i) =>
      finding({
        scanner,
        target: 'repository',
        ruleId: `R${i % 50}`,
        severity: i === n - 1 ? 'CRITICAL' : i % 3 ? 'LOW' : 'MEDIUM',
        message: `finding ${i}`,
        location: { path: 'package-lock.json', startLine: 1 }
      })
    )
  })

  it('keeps at most 20 runs, preferring runs with severe findings, and warns', () => {
    const outcomes: ScanOutcome[] = Array.from({ length: 22 }, (_, i) => ({
      scanner: 'image',
      target: `img-${i}`,
      tool: { name: 'trivy', version: '0.74.0' },
      notices: [],
      findings:
        i === 21
          ? [finding({ scanner: 'image', target: 'img-21', ruleId: 'CVE-1', severity: 'CRITICAL' })]
          : []
    }))
    const warnings: string[] = []
    const sarif = toSarif(outcomes, '0.1.0', { warn: (m) => warnings.push(m) })
    expect(sarif.runs).toHaveLength(20)
    expect(sarif.runs.map((r) => r.automationDetails.id)).toContain(
      'hardening-action/image/img-21/'
    )
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/at most 20 SARIF runs.*2 run\(s\) left out/)
  })

  it('keeps the 25,000 most severe results of a run and warns', () => {
    const warnings: string[] = []
    const sarif = toSarif([many(GITHUB_LIMITS.resultsPerRun + 10)], '0.1.0', {
      warn: (m) => warnings.push(m)
    })
    const results = sarif.runs[0]!.results
    expect(results).toHaveLength(GITHUB_LIMITS.resultsPerRun)
    expect(results.some((r) => r.properties.severity === 'CRITICAL')).toBe(true)
    const mediums = results.filter((r) => r.properties.severity === 'MEDIUM').length
    expect(mediums).toBe(Math.ceil((GITHUB_LIMITS.resultsPerRun + 9) / 3))
    for (const r of results)
      expect(sarif.runs[0]!.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId)
    expect(warnings[0]).toMatch(/keeps the 25000 most severe of 25010/)
  })

  it('orders the kept results most severe first, unsuppressed first, then by fingerprint, ties as given', () => {
    const severities = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL', 'UNKNOWN'] as const
    // Every third finding repeats an earlier one's fingerprint (same identity, another line).
    const findings = Array.from({ length: GITHUB_LIMITS.resultsPerRun + 5000 }, (_, i) => {
      const twin = i % 3 === 2 ? i - 1 : i
      return {
        ...finding({
          ruleId: `RULE-${twin % 50}`,
          message: `m${twin}`,
          severity: severities[(i * 7) % 5]!,
          location: { path: 'deploy/web.yaml', startLine: 1 + i }
        }),
        ...(i % 7 === 0 ? { suppression: { reason: 'r', owner: 'o', expires: '2999-01-01' } } : {})
      }
    })
    const rank = (f: Finding) =>
      ['UNKNOWN', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'].indexOf(f.severity) * 2 +
      (f.suppression ? 0 : 1)
    const expected = findings
      .map((f, index) => ({ f, index }))
      .sort(
        (a, b) =>
          rank(b.f) - rank(a.f) ||
          (a.f.fingerprint < b.f.fingerprint ? -1 : a.f.fingerprint > b.f.fingerprint ? 1 : 0) ||
          a.index - b.index
      )
      .slice(0, GITHUB_LIMITS.resultsPerRun)
      .map(({ f }) => `${f.fingerprint}:${f.location!.startLine}`)
    const outcome: ScanOutcome = {
      scanner: 'policies',
      target: 'manifests',
      findings,
      notices: [],
      tool: { name: 'conftest', version: '0.71.1' }
    }
    const results = toSarif([outcome], '0.1.0').runs[0]!.results
    expect(
      results.map(
        (r) =>
          `${r.partialFingerprints['hardeningFinding/v1']}:${r.locations[0]!.physicalLocation.region!.startLine}`
      )
    ).toEqual(expected)
  })

  it('shrinks the largest run until the gzip fits, keeping the most severe', async () => {
    const outcomes = [many(3000), many(10, 'trivy-config')]
    const full = await buildSarif(outcomes, '0.1.0', { workspace })
    expect(full.warnings).toEqual([])
    const limit = Math.floor(full.gzip.length / 2)
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sarif-limit-'))
    try {
      const file = path.join(dir, 'results.sarif')
      const small = await buildSarif(outcomes, '0.1.0', { workspace, file, maxGzipBytes: limit })
      expect(small.gzip.length).toBeLessThanOrEqual(limit)
      expect(small.warnings).toHaveLength(1)
      expect(small.warnings[0]).toContain('hardening-action/repository/repository/')
      const uploaded = gunzipSync(small.gzip).toString('utf8')
      const parsed = JSON.parse(uploaded) as SarifLog
      expect(parsed.runs[0]!.results.length).toBeLessThan(3000)
      expect(parsed.runs[0]!.results.some((r) => r.properties.severity === 'CRITICAL')).toBe(true)
      expect(parsed.runs[1]!.results).toHaveLength(10)
      // The file was written again: it holds what is uploaded, not the first, oversized log.
      expect(readFileSync(file, 'utf8')).toBe(`${uploaded}\n`)
      expect(outcomes[0]!.findings).toHaveLength(3000) // input not mutated
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('validity', () => {
  /** results.sarif as buildSarif writes it, result by result. */
  let json: string
  beforeAll(async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sarif-file-'))
    try {
      const file = path.join(dir, 'results.sarif')
      const built = await buildSarif(sampleOutcomes(), '0.1.0', { workspace, file })
      json = readFileSync(file, 'utf8')
      expect(json).toBe(`${gunzipSync(built.gzip).toString('utf8')}\n`)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('writes the file byte for byte as JSON.stringify of the whole log', async () => {
    const whole = await addLineHashes(toSarif(sampleOutcomes(), '0.1.0', { workspace }), workspace)
    expect(json).toBe(`${JSON.stringify(whole)}\n`)
    expect(json).toContain('primaryLocationLineHash')
  })

  it('validates against the SARIF 2.1.0 JSON schema', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false })
    addFormats.default(ajv)
    const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object)
    const ok = validate(JSON.parse(json))
    expect(validate.errors ?? []).toEqual([])
    expect(ok).toBe(true)
    // The schema check must be able to fail.
    const broken = JSON.parse(json) as { runs: Array<{ results: Array<{ level: string }> }> }
    broken.runs[0]!.results[0]!.level = 'fatal'
    expect(validate(broken)).toBe(false)
  })

  it.skipIf(!existsSync(MULTITOOL))(
    'passes the SARIF multitool with GitHub rules (Gh;Sarif) with zero errors',
    async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'multitool-'))
      try {
        const input = path.join(dir, 'results.sarif')
        const output = path.join(dir, 'validation.sarif')
        await writeFile(input, json)
        await run(
          MULTITOOL,
          [
            'validate',
            input,
            '--rule-kind',
            'Gh;Sarif',
            '--level',
            'Error;Warning;Note',
            '--output',
            output,
            '--log',
            'ForceOverwrite'
          ],
          { env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } }
        ).catch((error: unknown) => error) // it exits 0 even with errors; the output file tells
        const report = JSON.parse(readFileSync(output, 'utf8')) as {
          runs: Array<{
            results?: Array<{ ruleId: string; level?: string; message: { text?: string } }>
            invocations?: Array<{ toolExecutionNotifications?: unknown[] }>
          }>
        }
        const results = report.runs[0]!.results ?? []
        if (process.env.DEBUG_MULTITOOL)
          console.log(JSON.stringify(results.map((r) => [r.level, r.ruleId, r.message])))
        const errors = results.filter((r) => (r.level ?? 'warning') === 'error')
        expect(errors.map((e) => `${e.ruleId}: ${e.message.text ?? ''}`)).toEqual([])
        // No GitHub rule fires at any level, and nothing above a note (SARIF best-practice notes
        // such as "provide a code snippet" remain).
        expect(results.filter((r) => r.ruleId.startsWith('GH'))).toEqual([])
        expect(results.filter((r) => (r.level ?? 'warning') === 'warning')).toEqual([])
        expect(report.runs[0]!.invocations?.[0]?.toolExecutionNotifications ?? []).toEqual([])

        // And it does report a GitHub error on a SARIF that breaks GitHub's rules.
        const bad = JSON.parse(json) as {
          runs: Array<{ results: Array<{ locations?: unknown[] }> }>
        }
        delete bad.runs[0]!.results[0]!.locations
        await writeFile(input, JSON.stringify(bad))
        await run(MULTITOOL, [
          'validate',
          input,
          '--rule-kind',
          'Gh;Sarif',
          '--output',
          output,
          '--log',
          'ForceOverwrite'
        ]).catch((error: unknown) => error)
        const badReport = JSON.parse(readFileSync(output, 'utf8')) as typeof report
        expect(
          (badReport.runs[0]!.results ?? []).filter((r) => r.level === 'error').map((r) => r.ruleId)
        ).toContain('GH1015') // ProvideRequiredResultProperties: missing locations
      } finally {
        await rm(dir, { recursive: true, force: true })
      }
    }
  )
})

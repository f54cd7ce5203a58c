// One problem, one finding, through the bundled CLI with the real conftest and Trivy: each Trivy
// check that reports what one of our policies reports on the same object and container is folded
// into our finding (src/findings/equivalents.ts) and recorded there, in findings.json and SARIF.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { TRIVY_EQUIVALENTS } from '../../src/findings/equivalents.js'
import type { Finding } from '../../src/findings/model.js'
import { runCli } from '../harness/cli.js'
import { REPO_ROOT } from '../harness/paths.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'fold-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const MAPPED = new Set(TRIVY_EQUIVALENTS.map((e) => e.trivy))

/** The container a message names, in either scanner's spelling. */
function container(message: string): string | undefined {
  return /container ["']([^"']+)["']/i.exec(message)?.[1]
}

describe('hardening scan --scanners policies,trivy-config', () => {
  it('reports each mapped pair once, with the Trivy check recorded on our finding', async () => {
    cpSync(path.join(REPO_ROOT, 'examples', 'insecure-app'), dir, { recursive: true })
    // Variants: two objects in one file with the same container name, a CronJob, pod-level checks.
    cpSync(
      path.join(REPO_ROOT, 'test', 'fixtures', 'fold', 'more.yaml'),
      path.join(dir, 'k8s', 'more.yaml')
    )
    const out = path.join(dir, 'out')
    const run = await runCli(dir, [
      'scan',
      '.',
      '--scanners',
      'policies,trivy-config',
      '--output-dir',
      out,
      '--format',
      'json'
    ])
    expect(run.code, run.stderr).toBe(1)
    const findings = (
      JSON.parse(readFileSync(path.join(out, 'findings.json'), 'utf8')) as {
        findings: Finding[]
      }
    ).findings

    // No mapped Trivy check is left on a manifest (every one has its policy finding here).
    const left = findings.filter((f) => f.scanner === 'trivy-config' && MAPPED.has(f.ruleId))
    expect(left.map((f) => `${f.ruleId} ${f.message}`)).toEqual([])
    // Unmapped Trivy checks stay.
    expect(findings.some((f) => f.ruleId === 'KSV-0014')).toBe(true)

    const folded = findings.flatMap((f) =>
      (f.alsoReportedBy ?? []).map((other) => ({ ours: f, other }))
    )
    const pairs = new Set(folded.map(({ ours, other }) => `${ours.ruleId} ${other.ruleId}`))
    for (const e of TRIVY_EQUIVALENTS.filter((e) => !['KSV-0008'].includes(e.trivy)))
      expect(pairs, `${e.rule} ${e.trivy}`).toContain(`${e.rule} ${e.trivy}`)
    for (const { ours, other } of folded) {
      expect(other.scanner).toBe('trivy-config')
      expect(other.location?.path).toBe(ours.location?.path)
    }
    // Same object and container: the worker's and the cron job's "api" each get their own.
    const escalation = findings.filter(
      (f) => f.ruleId === 'HardeningPSSPrivilegeEscalation' && f.alsoReportedBy
    )
    expect(escalation.map((f) => f.resource).sort()).toEqual([
      'Deployment/shop/shop-api',
      'Deployment/shop/shop-api',
      'Deployment/shop/worker'
    ])
    expect(escalation.map((f) => container(f.message)).sort()).toEqual(['api', 'api', 'metrics'])
    const privileged = findings.filter((f) => f.ruleId === 'HardeningPSSPrivileged')
    expect(privileged.map((f) => [f.resource, f.alsoReportedBy?.map((o) => o.ruleId)])).toEqual(
      expect.arrayContaining([
        ['Deployment/shop/shop-api', ['KSV-0017']],
        ['CronJob/shop/report', ['KSV-0017']]
      ])
    )

    // SARIF: the Trivy check on the result, and where Trivy reported it.
    const sarif = JSON.parse(readFileSync(path.join(out, 'results.sarif'), 'utf8')) as {
      runs: Array<{
        results: Array<{
          ruleId: string
          properties: { alsoReportedBy?: string[] }
          relatedLocations?: Array<{ message: { text: string } }>
        }>
      }>
    }
    const results = sarif.runs.flatMap((r) => r.results)
    expect(results.some((r) => MAPPED.has(r.ruleId))).toBe(false)
    const withAlso = results.find(
      (r) => r.ruleId === 'HardeningPSSPrivilegeEscalation' && r.properties.alsoReportedBy
    )!
    expect(withAlso.properties.alsoReportedBy).toEqual(['KSV-0001'])
    expect(withAlso.relatedLocations?.[0]?.message.text).toBe(
      'Also reported by Trivy KSV-0001: Can elevate its own privileges'
    )
  }, 300_000)
})

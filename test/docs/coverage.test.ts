// docs/coverage.md is generated (scripts/coverage.mjs through gen-docs.mjs) and must be current;
// a control is covered only by what the repository says, and the catalogue matches its sources.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import catalogue from '../../policies/frameworks.json' with { type: 'json' }
import { ROOT } from './checks.js'

interface Control {
  id: string
  policies: string[]
  scorecard: boolean
  where: string[]
}
interface Sources {
  policies: Array<{ name: string; compliance: Record<string, string[]>; pss: string[] }>
  admission: Array<{ via: string; policies: string[]; actions: Record<string, string> }>
  alerts: Array<{ name: string; actions: string[] | null }>
}
interface CoverageModule {
  loadCoverageSources(root: string): Sources
  buildCoverage(sources: Sources): {
    frameworks: Array<{ key: string; controls: Control[]; unknown: string[] }>
  }
}
let coverage: CoverageModule
beforeAll(async () => {
  coverage = (await import(
    pathToFileURL(join(ROOT, 'scripts', 'coverage.mjs')).href
  )) as CoverageModule
})

const control = (sources: Sources, framework: string, id: string): Control =>
  coverage
    .buildCoverage(sources)
    .frameworks.find((f) => f.key === framework)!
    .controls.find((c) => c.id === id)!

const gen = (...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'scripts', 'gen-docs.mjs'), ...args], {
    encoding: 'utf8'
  })

describe('docs/coverage.md', () => {
  it('--check fails when the page is stale and passes once regenerated', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gen-docs-coverage-'))
    try {
      const out = join(dir, 'coverage.md')
      const current = readFileSync(join(ROOT, 'docs', 'coverage.md'), 'utf8')
      writeFileSync(out, current.replace('| 5.2.2 |', '| 5.2.99 |'))
      const r = gen('--coverage-out', out, '--check')
      expect(r.status).toBe(1)
      expect(r.stderr).toMatch(/coverage\.md is stale/)
      // Write the other pages into dir too: the real docs/ stay untouched.
      const others = ['--out', join(dir, 'inputs.md'), '--policies-out', join(dir, 'policies.md')]
      expect(gen(...others, '--coverage-out', out).status).toBe(0)
      expect(readFileSync(out, 'utf8')).toBe(current)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('lists every catalogue control with what covers it and where', () => {
    const md = readFileSync(join(ROOT, 'docs', 'coverage.md'), 'utf8')
    for (const f of [...Object.values(catalogue.compliance), catalogue.pss])
      for (const c of f.controls) expect(md, c.id).toContain(`\n| ${c.id} | `)
    expect(md).toMatch(
      /^\| 5\.2\.2 \| Minimize the admission of privileged containers \| \[pss-privileged\]\(policies\.md#pss-privileged\) \| CI gate, admission warn \|$/m
    )
    expect(md).toMatch(/^\| 5\.1\.1 \| .* \| - \| \*\*not covered\*\* \|$/m)
  })
})

describe('the coverage map', () => {
  it('reads the enforcement from the action defaults, Argo CD, the alerts and the scorecard', () => {
    const sources = coverage.loadCoverageSources(ROOT)
    expect(sources.admission).toHaveLength(1)
    expect(sources.admission[0]!.via).toContain('policies/overlays/warn/all')
    expect(sources.admission[0]!.policies).toHaveLength(sources.policies.length)
    expect(new Set(Object.values(sources.admission[0]!.actions))).toEqual(new Set(['warn']))
    expect(sources.alerts).toEqual([
      expect.objectContaining({ name: 'GatekeeperAuditViolations', actions: ['deny'] })
    ])
    // HIGH and above fail the CI gate by default; MEDIUM is reported only.
    expect(control(sources, 'pss', 'privileged').where).toEqual(['ci-gate', 'admission-warn'])
    expect(control(sources, 'pss', 'runAsNonRoot').where).toEqual(['ci-report', 'admission-warn'])
    // The scorecard covers the checks kube-bench scores, not its manual ones.
    expect(control(sources, 'cis-kubernetes', '1.2.2')).toMatchObject({ where: ['scorecard'] })
    expect(control(sources, 'cis-kubernetes', '1.2.1')).toMatchObject({ where: [], policies: [] })
  })

  it('covers a control only when an annotation names it', () => {
    const sources = coverage.loadCoverageSources(ROOT)
    expect(control(sources, 'soc2', 'CC6.6').policies).toEqual(['public-loadbalancer'])
    const lb = sources.policies.find((p) => p.name === 'public-loadbalancer')!
    lb.compliance.soc2 = lb.compliance.soc2!.filter((id) => id !== 'CC6.6')
    expect(control(sources, 'soc2', 'CC6.6')).toMatchObject({ policies: [], where: [] })
    lb.compliance.soc2.push('CC9.9')
    expect(
      coverage.buildCoverage(sources).frameworks.find((f) => f.key === 'soc2')!.unknown
    ).toEqual(['CC9.9'])
  })

  describe('with the Argo CD app switched to the deny overlay', () => {
    let root = ''
    beforeAll(() => {
      // A repository that differs only in its Argo CD app.
      root = mkdtempSync(join(tmpdir(), 'coverage-deny-'))
      for (const dir of ['policies', 'monitoring']) symlinkSync(join(ROOT, dir), join(root, dir))
      cpSync(join(ROOT, 'action.yml'), join(root, 'action.yml'))
      mkdirSync(join(root, 'argocd', 'apps'), { recursive: true })
      const app = readFileSync(join(ROOT, 'argocd', 'apps', 'gatekeeper-policies.yaml'), 'utf8')
      expect(app).toContain('path: policies/overlays/warn/all')
      writeFileSync(
        join(root, 'argocd', 'apps', 'gatekeeper-policies.yaml'),
        app.replace('path: policies/overlays/warn/all', 'path: policies/overlays/deny/pss-baseline')
      )
    })
    afterAll(() => rmSync(root, { recursive: true, force: true }))

    it('shows admission deny and the audit alert for the deployed policies only', () => {
      const sources = coverage.loadCoverageSources(root)
      expect(control(sources, 'pss', 'privileged').where).toEqual([
        'ci-gate',
        'admission-deny',
        'audit-alert'
      ])
      // pss-run-as-non-root is in pss-restricted, not pss-baseline.
      expect(control(sources, 'pss', 'runAsNonRoot').where).toEqual(['ci-report'])
    })
  })
})

describe('policies/frameworks.json', () => {
  // Sources of the catalogue, compared when their Go modules are in the module cache.
  const modCache = process.env.GOMODCACHE ?? join(homedir(), 'go', 'pkg', 'mod')

  it('has unique control ids per framework', () => {
    for (const f of [...Object.values(catalogue.compliance), catalogue.pss]) {
      const ids = f.controls.map((c) => c.id)
      expect(new Set(ids).size, f.name).toBe(ids.length)
    }
  })

  it('names the kube-bench version scripts/cis_scorecard.sh runs', () => {
    const script = readFileSync(join(ROOT, catalogue.scorecard.script), 'utf8')
    expect(script).toContain(`readonly KUBE_BENCH_VERSION="${catalogue.scorecard.version}"`)
  })

  // The PSS ids are the check ids of k8s.io/pod-security-admission, the version psa-diff pins.
  const psaVersion = /k8s\.io\/pod-security-admission (v[\d.]+)/.exec(
    readFileSync(join(ROOT, 'policies', 'psa-diff', 'go.mod'), 'utf8')
  )![1]!
  const psa = join(modCache, 'k8s.io', `pod-security-admission@${psaVersion}`, 'policy')
  it.skipIf(!existsSync(psa))('lists every Pod Security Admission check with its level', () => {
    const checks = readdirSync(psa)
      .filter((f) => /^check_.*\.go$/.test(f) && !f.endsWith('_test.go'))
      .map((f) => readFileSync(join(psa, f), 'utf8'))
      .map((go) => ({
        id: (/\bID:\s+"(\w+)"/.exec(go) ?? /CheckID = "(\w+)"/.exec(go))![1]!,
        level: /\bLevel:\s+api\.Level(\w+)/.exec(go)![1]!.toLowerCase()
      }))
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1)
    expect(catalogue.pss.controls.map(({ id, level }) => ({ id, level })).sort(byId)).toEqual(
      checks.sort(byId)
    )
  })

  // The CIS titles and the scored checks come from kube-bench's own configuration (the Go
  // module tools/kube-bench pins).
  const cfg = join(
    modCache,
    'github.com',
    'aquasecurity',
    `kube-bench@${catalogue.scorecard.version}`,
    'cfg',
    catalogue.scorecard.benchmark
  )
  it.skipIf(!existsSync(cfg))('matches kube-bench cfg/cis-1.12 (titles and scored checks)', () => {
    const checks: Array<{ id: string; title: string; scored: boolean }> = []
    for (const file of readdirSync(cfg).filter((f) => f !== 'config.yaml'))
      for (const chunk of readFileSync(join(cfg, file), 'utf8')
        .split(/\n\s*- id:\s*/)
        .slice(1)) {
        if (/\n\s*checks:/.test(chunk)) continue // a group, not a check
        const text = /\btext:\s*"([^"]*)"/.exec(chunk)![1]!.replace(/\s+/g, ' ')
        checks.push({
          id: chunk.split(/\s/)[0]!.replace(/"/g, ''),
          title: text.replace(/\s*\((Automated|Manual)\)$/, ''),
          scored: /\n\s*scored:\s*true\b/.test(chunk)
        })
      }
    const byId = (a: { id: string }, b: { id: string }) =>
      a.id.localeCompare(b.id, 'en', { numeric: true })
    expect([...catalogue.compliance['cis-kubernetes'].controls].sort(byId)).toEqual(
      checks.map(({ id, title }) => ({ id, title })).sort(byId)
    )
    expect([...catalogue.scorecard.scored].sort()).toEqual(
      checks
        .filter((c) => c.scored)
        .map((c) => c.id)
        .sort()
    )
  })
})

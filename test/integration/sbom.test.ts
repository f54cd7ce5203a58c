// `sbom: true` with the real Trivy: a CycloneDX SBOM per scanned image (pulled from the loopback
// registry, or a tarball) and one for the repository (the fixture app's lockfiles), converted from
// the same Trivy run that found the vulnerabilities, written under <output-dir>/sbom/ with names
// no image reference can steer, and read back as the dependency snapshots' packages.
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readConfig } from '../../src/config/inputs.js'
import { resolvedPackages } from '../../src/github/dependency-submission.js'
import { runPipeline, type PipelineResult } from '../../src/pipeline.js'
import { sbomFileName } from '../../src/report/sbom.js'
import type { ScanContext } from '../../src/scanners/scanner.js'
import { imageScanner, repositoryScanner } from '../../src/scanners/trivy.js'
import {
  hasTool,
  startFixtureRegistry,
  tool,
  TOOLS_BIN,
  type FixtureRegistry
} from '../harness/index.js'

interface CycloneDx {
  bomFormat: string
  specVersion: string
  metadata: { component: { name: string } }
  components: Array<{ name: string; purl?: string; type: string }>
}

const silent = { info: () => {}, warning: () => {}, debug: () => {} }
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as CycloneDx
const purlsOf = (sbom: CycloneDx) => sbom.components.flatMap((c) => (c.purl ? [c.purl] : []))

describe('SBOM file names', () => {
  it('never name a path, never collide, and stay readable', () => {
    expect(sbomFileName('repository', 'repository')).toBe('repository.cdx.json')
    const names = [
      'registry.example/team/app:1.0',
      'registry.example/team_app:1.0',
      'registry.example/team/app_1.0',
      '../../../etc/passwd',
      '..',
      'C:\\Windows\\app.tar',
      `${'a'.repeat(300)}:1`,
      'app@sha256:' + 'f'.repeat(64),
      'images/app.tar'
    ].map((target) => sbomFileName('image', target))
    expect(new Set(names).size).toBe(names.length)
    for (const name of names) {
      expect(name).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*\.cdx\.json$/)
      expect(name.length).toBeLessThanOrEqual(100)
      expect(name).not.toBe('repository.cdx.json')
    }
    expect(names[0]).toMatch(/^registry\.example_team_app_1\.0-[0-9a-f]{12}\.cdx\.json$/)
  })
})

describe.skipIf(!hasTool('trivy') || !hasTool('registry'))('SBOMs from the real Trivy', () => {
  let registry: FixtureRegistry
  let scratch: string
  let workspace: string
  let cacheDir: string
  let result: PipelineResult
  let alpineRef: string

  beforeAll(async () => {
    registry = await startFixtureRegistry()
    scratch = mkdtempSync(path.join(os.tmpdir(), 'sbom-'))
    workspace = path.join(scratch, 'checkout')
    cpSync(registry.fixtures.appDir, path.join(workspace, 'app'), { recursive: true })
    cpSync(
      registry.fixtures.image('fixtures/debian-app', 'vulnerable').tarball,
      path.join(workspace, 'debian-app.tar')
    )
    // Trivy settings a pull request could commit: none of them may change what the SBOM lists.
    writeFileSync(
      path.join(workspace, 'trivy.yaml'),
      'format: table\nlist-all-pkgs: false\nscan:\n  skip-dirs: [app]\npkg:\n  types: [os]\n'
    )
    writeFileSync(path.join(workspace, '.trivyignore'), 'CVE-2022-37434\n')
    cacheDir = path.join(scratch, 'trivy-cache')
    mkdirSync(cacheDir)
    cpSync(registry.fixtures.dbDir, path.join(cacheDir, 'db'), { recursive: true })
    alpineRef = registry.imageRef('fixtures/alpine-app', 'vulnerable')
    const inputs: Record<string, string> = {
      scanners: 'image,repository',
      images: `${alpineRef}\ndebian-app.tar`,
      'repository-scanners': 'vuln,secret',
      'image-scanners': 'vuln',
      'fail-on-severity': 'none',
      'skip-db-update': 'true',
      'trivy-cache-dir': cacheDir,
      'trusted-tool-dir': TOOLS_BIN,
      sbom: 'true'
    }
    const config = readConfig((name) => inputs[name] ?? '', workspace)
    result = await runPipeline(config, {
      log: silent,
      actionRoot: scratch,
      actionVersion: '0.0.0-test'
    })
  }, 600_000)

  afterAll(async () => {
    await registry?.stop()
    if (scratch) rmSync(scratch, { recursive: true, force: true })
  })

  it('writes one CycloneDX SBOM per image and one for the repository, listed in the result', () => {
    expect(result.outcomes.filter((o) => o.error)).toEqual([])
    expect(result.decision.reasons).toEqual([])
    const sbomDir = path.join(workspace, 'hardening-results', 'sbom')
    expect(result.sboms.map((s) => s.target).sort()).toEqual(
      [alpineRef, 'debian-app.tar', 'repository'].sort()
    )
    for (const sbom of result.sboms) {
      expect(path.dirname(sbom.file)).toBe(sbomDir)
      expect(readFileSync(sbom.file, 'utf8')).toBe(sbom.content)
      const document = readJson(sbom.file)
      expect(document.bomFormat).toBe('CycloneDX')
      expect(document.specVersion).toMatch(/^1\.\d+$/)
      expect(purlsOf(document).length).toBeGreaterThan(0)
      for (const purl of purlsOf(document)) expect(purl).toMatch(/^pkg:[a-z]+\//)
    }
  })

  it('lists the packages of each target, whatever trivy.yaml and .trivyignore in the checkout say', () => {
    const byTarget = (target: string) =>
      purlsOf(readJson(result.sboms.find((s) => s.target === target)!.file))
    expect(byTarget(alpineRef)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^pkg:apk\/alpine\/zlib@/)])
    )
    expect(byTarget('debian-app.tar')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^pkg:deb\/debian\/libssl3t64@3\.5\.1-1\?/),
        'pkg:npm/lodash@4.17.20',
        'pkg:pypi/requests@2.31.0'
      ])
    )
    expect(byTarget('repository')).toEqual(
      expect.arrayContaining([
        'pkg:npm/lodash@4.17.20',
        'pkg:pypi/pyyaml@5.3.1',
        'pkg:golang/golang.org/x/net@v0.17.0'
      ])
    )
    // The same runs found the vulnerabilities: the SBOM cost no findings.
    expect(result.findings.map((f) => f.ruleId)).toContain('CVE-2022-37434')
  })

  it('carries no secret the repository scan found', () => {
    expect(result.findings.some((f) => f.ruleId.startsWith('secret/'))).toBe(true)
    for (const sbom of result.sboms) {
      expect(sbom.content).not.toContain('AKIAHARDENINGFAKE042')
      expect(sbom.content).not.toContain('hardeningActionFakeSecretKeyNotReal')
    }
  })

  it("reads Trivy's dependency graph as direct and indirect packages", () => {
    const debian = resolvedPackages(
      result.sboms.find((s) => s.target === 'debian-app.tar')!.content
    )
    const bash = Object.values(debian).find((p) =>
      p.package_url.startsWith('pkg:deb/debian/bash@')
    )!
    const libc = Object.values(debian).find((p) =>
      p.package_url.startsWith('pkg:deb/debian/libc6@')
    )!
    // Nothing in the image needs bash: it was installed for itself. libc6 only comes with others.
    expect(bash.relationship).toBe('direct')
    expect(bash.dependencies).toEqual([libc.package_url])
    expect(libc.relationship).toBe('indirect')
    expect(debian['pkg:npm/lodash@4.17.20']).toEqual({
      package_url: 'pkg:npm/lodash@4.17.20',
      relationship: 'direct'
    })
  })

  it('still lists the packages when the vulnerability DB is missing and no check can run', async () => {
    const inputs: Record<string, string> = {
      images: alpineRef,
      'image-scanners': 'vuln',
      'repository-scanners': 'vuln',
      'trivy-cache-dir': path.join(scratch, 'no-db'),
      sbom: 'true'
    }
    const context = (scanner: string): ScanContext => ({
      config: readConfig((name) => inputs[name] ?? '', workspace),
      tools: {
        trivy: { name: 'trivy', version: '0.74.0', path: tool('trivy'), source: 'download' }
      },
      dbProblem: 'no Trivy DB is cached',
      workDir: mkdtempSync(path.join(scratch, `work-${scanner}-`)),
      actionRoot: scratch,
      log: silent,
      timeoutMs: 120_000
    })
    const [image] = await imageScanner.run(context('image'))
    const [repository] = await repositoryScanner.run(context('repository'))
    for (const outcome of [image!, repository!]) {
      expect(outcome.error).toMatch(/did not run: no Trivy DB is cached/)
      expect(outcome.findings).toEqual([])
      expect(purlsOf(JSON.parse(outcome.sbom!) as CycloneDx).length).toBeGreaterThan(0)
    }
    expect(existsSync(path.join(scratch, 'no-db', 'db'))).toBe(false)
  })

  it('writes nothing into sbom/ without the input', async () => {
    const inputs: Record<string, string> = {
      scanners: 'image',
      images: 'debian-app.tar',
      'fail-on-severity': 'none',
      'skip-db-update': 'true',
      'trivy-cache-dir': cacheDir,
      'trusted-tool-dir': TOOLS_BIN,
      'output-dir': 'plain-results'
    }
    const plain = await runPipeline(
      readConfig((name) => inputs[name] ?? '', workspace),
      {
        log: silent,
        actionRoot: scratch,
        actionVersion: '0.0.0-test'
      }
    )
    expect(plain.sboms).toEqual([])
    expect(plain.outcomes.every((o) => o.sbom === undefined)).toBe(true)
    expect(existsSync(path.join(workspace, 'plain-results', 'sbom'))).toBe(false)
  })
})

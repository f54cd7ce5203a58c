// Proves the offline Trivy path end to end with the real binaries: a Trivy DB built from the
// fixture advisories is pulled through --db-repository from a loopback registry, and real
// `trivy image` / `trivy fs` runs find the fixture CVEs, the planted secret and the copyleft
// licenses — and nothing for the fixed image.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFixtureRegistry, type FixtureRegistry } from './fixtures.js'
import { hasTool, requireTool } from './paths.js'
import { run, tail } from './proc.js'

interface TrivyReport {
  Results?: Array<{
    Target: string
    Class: string
    Type?: string
    Vulnerabilities?: Array<{
      VulnerabilityID: string
      PkgName: string
      InstalledVersion: string
      FixedVersion?: string
      Severity: string
      Status?: string
    }>
    Secrets?: Array<{ RuleID: string; Severity: string; StartLine: number }>
    Licenses?: Array<{ Name: string; PkgName: string; Severity: string; Category: string }>
  }>
}

const haveTools = hasTool('trivy') && hasTool('registry')

describe.skipIf(!haveTools && !process.env.HARNESS_REQUIRE_TOOLS)(
  'trivy against the loopback registry and fixture DB',
  () => {
    let fr: FixtureRegistry
    let tmp: string

    beforeAll(async () => {
      fr = await startFixtureRegistry()
      tmp = mkdtempSync(path.join(os.tmpdir(), 'harness-trivy-'))
    })
    afterAll(async () => {
      await fr?.stop()
      if (tmp) rmSync(tmp, { recursive: true, force: true })
    })

    function offlineEnv(): NodeJS.ProcessEnv {
      // no proxy / no ambient TRIVY_* settings leak in
      const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: tmp, TMPDIR: tmp }
      return env
    }

    async function trivy(args: string[], cacheDir: string): Promise<TrivyReport> {
      const r = await run(
        requireTool('trivy'),
        [
          ...args,
          '--cache-dir',
          cacheDir,
          '--format',
          'json',
          '--quiet',
          '--skip-version-check',
          '--disable-telemetry',
          '--timeout',
          '5m'
        ],
        { env: offlineEnv(), timeoutMs: 300_000 }
      )
      if (r.code !== 0)
        throw new Error(`trivy ${args.join(' ')} exited ${r.code}\n${tail(r.stderr)}`)
      return JSON.parse(r.stdout) as TrivyReport
    }

    /** `trivy image` pulling from the loopback registry, with the DB from it too. */
    const scanRemoteImage = (
      name: string,
      tag: string,
      scanners: string,
      cacheDir: string
    ): Promise<TrivyReport> =>
      trivy(
        [
          'image',
          '--image-src',
          'remote',
          '--insecure',
          '--db-repository',
          fr.dbRepository,
          '--scanners',
          scanners,
          fr.imageRef(name, tag)
        ],
        cacheDir
      )

    const vulnIds = (rep: TrivyReport): string[] =>
      (rep.Results ?? [])
        .flatMap((r) => (r.Vulnerabilities ?? []).map((v) => `${v.PkgName}:${v.VulnerabilityID}`))
        .sort()

    it('downloads the DB from the registry and finds the Alpine CVEs, the copyleft license, no false positives', async () => {
      const cache = path.join(tmp, 'cache-alpine')
      const rep = await scanRemoteImage('fixtures/alpine-app', 'vulnerable', 'vuln,license', cache)
      expect(vulnIds(rep)).toEqual([
        'busybox:CVE-2024-58251',
        'libcrypto3:CVE-2025-9230',
        'libssl3:CVE-2025-9230',
        'zlib:CVE-2022-37434'
      ])
      const os = rep.Results?.find((r) => r.Class === 'os-pkgs')
      expect(os?.Type).toBe('alpine')
      const zlib = os?.Vulnerabilities?.find((v) => v.VulnerabilityID === 'CVE-2022-37434')
      expect(zlib).toMatchObject({
        Severity: 'CRITICAL',
        InstalledVersion: '1.2.12-r1',
        FixedVersion: '1.2.12-r2'
      })
      const licenses = (rep.Results ?? []).flatMap((r) => r.Licenses ?? [])
      expect(licenses).toContainEqual(
        expect.objectContaining({
          Name: 'GPL-2.0-only',
          PkgName: 'busybox',
          Category: 'restricted'
        })
      )
    })

    it('finds dpkg, npm and pip CVEs, the planted AWS credential and GPL licenses in the Debian app image', async () => {
      const rep = await scanRemoteImage(
        'fixtures/debian-app',
        'vulnerable',
        'vuln,secret,license',
        path.join(tmp, 'cache-debian')
      )
      expect(vulnIds(rep)).toEqual([
        'PyYAML:CVE-2020-14343',
        'libc6:CVE-2010-4756',
        'libexpat1:CVE-2025-59375',
        'libssl3t64:CVE-2025-9230',
        'lodash:CVE-2020-28500',
        'lodash:CVE-2021-23337',
        'minimist:CVE-2021-44906',
        'requests:CVE-2024-35195'
      ])
      const secrets = (rep.Results ?? []).flatMap((r) =>
        (r.Secrets ?? []).map((s) => ({ target: r.Target, rule: s.RuleID, line: s.StartLine }))
      )
      expect(secrets).toEqual(
        expect.arrayContaining([
          { target: '/app/config/credentials.env', rule: 'aws-access-key-id', line: 2 },
          { target: '/app/config/credentials.env', rule: 'aws-secret-access-key', line: 3 }
        ])
      )
      const licenses = (rep.Results ?? [])
        .flatMap((r) => r.Licenses ?? [])
        .map((l) => `${l.PkgName}:${l.Name}`)
      expect(licenses).toEqual(
        expect.arrayContaining(['bash:GPL-3.0-or-later', 'copyleft-widget:GPL-3.0-only'])
      )
    })

    it('reports nothing for the fixed image', async () => {
      const rep = await scanRemoteImage(
        'fixtures/alpine-app',
        'fixed',
        'vuln,secret,license',
        path.join(tmp, 'cache-fixed')
      )
      expect(vulnIds(rep)).toEqual([])
      expect(
        (rep.Results ?? [])
          .flatMap((r) => r.Licenses ?? [])
          .filter(
            (l) =>
              l.Category !== 'notice' &&
              l.Category !== 'permissive' &&
              l.Category !== 'unencumbered'
          )
      ).toEqual([])
    })

    it('scans the saved tarball with --input, offline with the cached DB (--skip-db-update, no registry)', async () => {
      const cache = path.join(tmp, 'cache-alpine') // filled by the first test
      const rep = await trivy(
        [
          'image',
          '--skip-db-update',
          '--scanners',
          'vuln',
          '--input',
          fr.fixtures.image('fixtures/alpine-app', 'vulnerable').tarball
        ],
        cache
      )
      expect(vulnIds(rep)).toContain('zlib:CVE-2022-37434')
    })

    it('finds lockfile CVEs (npm, pip, go) and the secret with trivy fs', async () => {
      const rep = await trivy(
        ['fs', '--db-repository', fr.dbRepository, '--scanners', 'vuln,secret', fr.fixtures.appDir],
        path.join(tmp, 'cache-fs')
      )
      expect(vulnIds(rep)).toEqual([
        'PyYAML:CVE-2020-14343',
        'github.com/gin-gonic/gin:CVE-2023-29401',
        'golang.org/x/net:CVE-2023-45288',
        'lodash:CVE-2020-28500',
        'lodash:CVE-2021-23337',
        'minimist:CVE-2021-44906',
        'requests:CVE-2024-35195'
      ])
      const types = new Set(
        (rep.Results ?? []).filter((r) => r.Vulnerabilities?.length).map((r) => r.Type)
      )
      expect([...types].sort()).toEqual(['gomod', 'npm', 'pip'])
      expect(
        (rep.Results ?? []).some((r) => r.Secrets?.some((s) => s.RuleID === 'aws-access-key-id'))
      ).toBe(true)
    })
  }
)

// Images in a private registry: the registry-username / registry-password / registry-token inputs
// reach the real Trivy through its environment, and Trivy's own login code talks to a registry
// that demands Basic auth or the Docker token flow (test/harness/registry-auth.ts). A missing or
// wrong login fails the image scan with a message that names the registry, never the password.
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ConfigError, readConfig } from '../../src/config/inputs.js'
import type { ScanContext } from '../../src/scanners/scanner.js'
import { imageScanner } from '../../src/scanners/trivy.js'
import {
  buildFixtures,
  hasTool,
  NODE24,
  pushFixtures,
  REPO_ROOT,
  runAction,
  startAuthRegistry,
  startOfflineWorld,
  startRegistry,
  tool,
  TOOLS_BIN,
  type ActionRun,
  type AuthRegistry,
  type Fixtures,
  type OfflineWorld,
  type Registry
} from '../harness/index.js'

const USERNAME = 'ci-puller'
const PASSWORD = 'pw-7d1c0f3e9a-harness-only'
const PRESET_TOKEN = 'rt-5be21c94-harness-only'
const IMAGE = ['fixtures/alpine-app', 'vulnerable'] as const

describe('registry login inputs', () => {
  const read = (inputs: Record<string, string>) => (name: string) => inputs[name] ?? ''
  const workspace = os.tmpdir()

  it('takes a username with a password, or a token', () => {
    expect(
      readConfig(read({ 'registry-username': USERNAME, 'registry-password': PASSWORD }), workspace)
        .registryCredentials
    ).toEqual({ username: USERNAME, password: PASSWORD })
    expect(
      readConfig(read({ 'registry-token': PRESET_TOKEN }), workspace).registryCredentials
    ).toEqual({ token: PRESET_TOKEN })
    expect(readConfig(read({}), workspace).registryCredentials).toBeUndefined()
  })

  it.each([
    [{ 'registry-username': USERNAME }, "'registry-password' is empty"],
    [{ 'registry-password': PASSWORD }, "'registry-username' is empty"],
    [{ 'registry-token': PRESET_TOKEN, 'registry-password': PASSWORD }, 'exclude each other'],
    [{ 'registry-username': USERNAME, 'registry-password': `${PASSWORD},x` }, 'comma'],
    [{ 'registry-username': USERNAME, 'registry-password': 'two words' }, 'whitespace']
  ])('refuses %j with a clear error that never quotes a secret', (inputs, expected) => {
    let error: unknown
    try {
      readConfig(read(inputs), workspace)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ConfigError)
    const message = (error as Error).message
    expect(message).toContain(expected)
    for (const secret of [PASSWORD, PRESET_TOKEN, 'two words'])
      expect(message).not.toContain(secret)
  })
})

describe.skipIf(!hasTool('trivy') || !hasTool('registry'))(
  'Trivy against a private registry',
  () => {
    let fixtures: Fixtures
    let registry: Registry
    const proxies: AuthRegistry[] = []
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'registry-auth-'))
    const cacheDir = path.join(scratch, 'trivy-cache')

    beforeAll(async () => {
      fixtures = await buildFixtures()
      registry = await startRegistry()
      await pushFixtures(registry, fixtures, { db: false })
      mkdirSync(cacheDir)
      cpSync(fixtures.dbDir, path.join(cacheDir, 'db'), { recursive: true })
    }, 600_000)

    afterAll(async () => {
      await Promise.all(proxies.map((proxy) => proxy.stop()))
      await registry?.stop()
      rmSync(scratch, { recursive: true, force: true })
    })

    async function privateRegistry(mode: 'basic' | 'token'): Promise<AuthRegistry> {
      const proxy = await startAuthRegistry({
        upstream: registry.url,
        mode,
        username: USERNAME,
        password: PASSWORD,
        presetToken: PRESET_TOKEN
      })
      proxies.push(proxy)
      return proxy
    }

    function context(image: string, inputs: Record<string, string>): ScanContext {
      const config = readConfig(
        (name) => ({ images: image, 'trivy-cache-dir': cacheDir, ...inputs })[name] ?? '',
        scratch
      )
      return {
        config,
        tools: {
          trivy: { name: 'trivy', version: '0.74.0', path: tool('trivy'), source: 'download' }
        },
        workDir: mkdtempSync(path.join(scratch, 'work-')),
        actionRoot: scratch,
        log: { info: () => {}, warning: () => {}, debug: () => {} },
        timeoutMs: 120_000
      }
    }

    const login = { 'registry-username': USERNAME, 'registry-password': PASSWORD }

    it.each([
      ['basic', login, 'basic'],
      ['token', login, 'bearer'],
      ['basic', { 'registry-token': PRESET_TOKEN }, 'bearer'],
      ['token', { 'registry-token': PRESET_TOKEN }, 'bearer']
    ] as const)(
      '%s registry, login %j: the image is pulled with the login and scanned',
      async (mode, inputs, credential) => {
        const proxy = await privateRegistry(mode)
        const image = proxy.imageRef(...IMAGE)
        const [outcome] = await imageScanner.run(context(image, inputs))
        expect(outcome!.error).toBeUndefined()
        expect(outcome!.findings.map((f) => f.ruleId)).toContain('CVE-2022-37434')
        // The manifest came through the proxy, with the credential the mode asks for.
        expect(proxy.log).toContainEqual(
          expect.objectContaining({
            path: `/v2/${IMAGE[0]}/manifests/${IMAGE[1]}`,
            credential,
            status: 200
          })
        )
        const tokenRequests = proxy.log.filter((entry) => entry.path === '/token')
        if (mode === 'token' && 'registry-username' in inputs)
          expect(tokenRequests).toContainEqual(
            expect.objectContaining({ credential: 'basic', status: 200 })
          )
        if ('registry-token' in inputs) expect(tokenRequests).toEqual([])
      }
    )

    it.each([
      ['basic', {}],
      ['token', {}],
      ['basic', { ...login, 'registry-password': 'wrong-password-xyz' }],
      ['token', { ...login, 'registry-password': 'wrong-password-xyz' }],
      ['token', { 'registry-token': 'wrong-token-xyz' }]
    ] as const)(
      '%s registry, login %j: the scan fails naming the registry, never the password',
      async (mode, inputs) => {
        const proxy = await privateRegistry(mode)
        const image = proxy.imageRef(...IMAGE)
        const error = await imageScanner.run(context(image, inputs)).then(
          () => undefined,
          (caught: Error) => caught
        )
        expect(error).toBeInstanceOf(Error)
        const message = error!.message
        expect(message).toContain(`The registry ${proxy.host} refused to let Trivy pull ${image}`)
        expect(message).toContain(
          'registry-token' in inputs
            ? 'check registry-token'
            : 'registry-password' in inputs
              ? 'check registry-username and registry-password'
              : 'a private image needs registry-username and registry-password, or registry-token'
        )
        for (const secret of [PASSWORD, 'wrong-password-xyz', 'wrong-token-xyz', PRESET_TOKEN])
          expect(message).not.toContain(secret)
        // Nothing unauthenticated got through.
        expect(
          proxy.log.filter((entry) => entry.path.includes('/manifests/') && entry.status === 200)
        ).toEqual([])
      }
    )
  }
)

/** Every file under `dir`, as text. */
function filesUnder(dir: string): Array<[string, string]> {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const file = path.join(entry.parentPath, entry.name)
      return [file, readFileSync(file, 'utf8')]
    })
}

describe.skipIf(!existsSync(path.join(REPO_ROOT, 'dist/index.js')) || !hasTool('trivy'))(
  'the action with a registry login (dist/index.js as the runner runs it)',
  () => {
    let world: OfflineWorld
    let proxy: AuthRegistry
    const PR = 21

    beforeAll(async () => {
      world = await startOfflineWorld({ releases: false })
      proxy = await startAuthRegistry({
        upstream: world.registry!.registry.url,
        mode: 'token',
        username: USERNAME,
        password: PASSWORD
      })
    }, 600_000)
    afterAll(async () => {
      await proxy?.stop()
      await world?.stop()
    })

    async function act(password: string): Promise<ActionRun> {
      return runAction({
        node: NODE24,
        event: 'pull_request',
        eventOptions: { number: PR },
        apiUrl: world.api!.url,
        token: world.api!.token,
        inputs: {
          ...world.inputs,
          images: proxy.imageRef(...IMAGE),
          scanners: 'image',
          'trusted-tool-dir': TOOLS_BIN,
          'registry-username': USERNAME,
          'registry-password': password
        },
        timeoutMs: 600_000
      })
    }

    /** Where a secret could end up: the reports, the comment, the SARIF upload, the step's output. */
    function leaks(run: ActionRun, secret: string): string[] {
      const places: Array<[string, string]> = [
        ...filesUnder(path.join(run.workspace, 'hardening-results')),
        ['summary', run.summary],
        ['stderr', run.stderr],
        // The runner consumes add-mask commands; every other line is shown.
        ['stdout', run.stdout.replace(/^::add-mask::.*$/gm, '')],
        ...world.api!.comments(PR).map((c): [string, string] => ['comment', c.body]),
        ...world.api!.sarifUploads.map((u): [string, string] => [
          'sarif upload',
          JSON.stringify(u.sarif)
        ])
      ]
      return places.filter(([, text]) => text.includes(secret)).map(([where]) => where)
    }

    it('scans the private image; the password is masked and appears in no output', async () => {
      const run = await act(PASSWORD)
      try {
        expect(run.exitCode, run.stdout.slice(-3000)).toBe(1) // the fixture's HIGH CVEs
        const findings = readFileSync(run.outputs['findings-file']!, 'utf8')
        expect(findings).toContain('CVE-2022-37434')
        expect(run.commands).toContainEqual(
          expect.objectContaining({ command: 'add-mask', message: PASSWORD })
        )
        expect(leaks(run, PASSWORD)).toEqual([])
        // The search does look everywhere: the image reference is in the reports and the comment.
        expect(leaks(run, proxy.host)).toEqual(
          expect.arrayContaining(['summary', 'stdout', 'comment', 'sarif upload'])
        )
        world.api!.assertNoViolations()
      } finally {
        run.cleanup()
      }
    })

    it('a wrong password fails the check naming the registry, and appears in no output', async () => {
      const wrong = 'wrong-pw-3b9e7c1d'
      const run = await act(wrong)
      try {
        expect(run.exitCode).toBe(1)
        expect(run.summary).toContain(`The registry ${proxy.host} refused to let Trivy pull`)
        expect(run.summary).toContain('check registry-username and registry-password')
        expect(leaks(run, wrong)).toEqual([])
        world.api!.assertNoViolations()
      } finally {
        run.cleanup()
      }
    })
  }
)

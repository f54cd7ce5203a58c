// Migration from aquasecurity/trivy-action: every input of its action.yaml (the fixture, fetched
// from the named commit) is recognised, mapped onto ours with a warning or refused with a reason,
// and action.yml declares exactly these names with the texts of src/config/legacy-inputs.ts.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import YAML from 'yaml'
import { afterAll, describe, expect, it } from 'vitest'
import {
  ConfigError,
  INPUT_DEFAULTS,
  PUBLISH_INPUT_DEFAULTS,
  readConfig
} from '../../src/config/inputs.js'
import {
  deprecationMessage,
  durationSeconds,
  LEGACY_INPUTS,
  SHARED_INPUT_NAMES,
  withLegacyInputs
} from '../../src/config/legacy-inputs.js'
import { REPO_ROOT } from '../harness/paths.js'

const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'trivy-action', 'action-inputs.yaml')
const trivyActionInputs = Object.keys(
  (YAML.parse(readFileSync(FIXTURE, 'utf8')) as { inputs: Record<string, unknown> }).inputs
)

const workspace = mkdtempSync(path.join(os.tmpdir(), 'legacy-inputs-'))
afterAll(() => rmSync(workspace, { recursive: true, force: true }))

/** What the runner passes: the inputs a workflow sets, and action.yml's default for the rest. */
function runnerInputs(set: Record<string, string>) {
  const warnings: string[] = []
  const defaults: Record<string, string> = { ...INPUT_DEFAULTS }
  const read = withLegacyInputs(
    (name) => set[name] ?? defaults[name] ?? '',
    (message) => warnings.push(message)
  )
  return { read, warnings }
}

function configOf(set: Record<string, string>) {
  const { read, warnings } = runnerInputs(set)
  return { config: readConfig(read, workspace), warnings }
}

function refusal(set: Record<string, string>): string {
  try {
    runnerInputs(set)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return (error as Error).message
  }
  throw new Error(`not refused: ${JSON.stringify(set)}`)
}

describe("trivy-action's inputs (fixture from its action.yaml)", () => {
  it('are each mapped, refused or shared here, and nothing else is', () => {
    expect(readFileSync(FIXTURE, 'utf8')).toContain(
      'https://github.com/aquasecurity/trivy-action/blob/0024b3f39eb28238f271395b86ec43ee831aa97e/action.yaml'
    )
    expect(trivyActionInputs.length).toBeGreaterThan(25)
    const recognised = [...LEGACY_INPUTS.map((l) => l.name), ...Object.keys(SHARED_INPUT_NAMES)]
    expect([...recognised].sort()).toEqual([...trivyActionInputs].sort())
    // The shared names are ours; the others are not, so they cannot collide with an input of ours.
    const ours = { ...INPUT_DEFAULTS, ...PUBLISH_INPUT_DEFAULTS }
    for (const name of Object.keys(SHARED_INPUT_NAMES)) expect(ours).toHaveProperty(name)
    for (const legacy of LEGACY_INPUTS) expect(ours).not.toHaveProperty(legacy.name)
  })

  it('are never silently ignored: setting one warns or stops the run', () => {
    for (const legacy of LEGACY_INPUTS) {
      const { warnings } = (() => {
        try {
          return runnerInputs({ [legacy.name]: 'probe-1' })
        } catch (error) {
          expect(error, legacy.name).toBeInstanceOf(ConfigError)
          expect((error as Error).message).toContain(`'${legacy.name}'`)
          return { warnings: ['refused'] }
        }
      })()
      expect(warnings, legacy.name).toHaveLength(1)
      expect(warnings[0]).toMatch(new RegExp(`'${legacy.name}'|refused`))
    }
  })

  it('are declared in action.yml with the texts of src/config/legacy-inputs.ts, without defaults', () => {
    const action = YAML.parse(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as {
      inputs: Record<string, Record<string, unknown>>
    }
    const deprecated = Object.entries(action.inputs).filter(([, d]) => d.deprecationMessage)
    expect(deprecated.map(([name]) => name)).toEqual(LEGACY_INPUTS.map((l) => l.name))
    for (const legacy of LEGACY_INPUTS) {
      expect(action.inputs[legacy.name], legacy.name).toEqual({
        description: legacy.effect,
        deprecationMessage: deprecationMessage(legacy),
        required: false
      })
    }
  })

  it('are each in the migration guide (the table gen-docs renders from action.yml)', () => {
    const doc = readFileSync(path.join(REPO_ROOT, 'docs', 'migrating-from-trivy-action.md'), 'utf8')
    for (const name of trivyActionInputs) expect(doc, name).toContain(`\`${name}\``)
    const rows = doc.split('\n').filter((line) => /^\| `[a-z-]+` \| /.test(line))
    expect(rows).toEqual(
      expect.arrayContaining(LEGACY_INPUTS.map((l) => `| \`${l.name}\` | ${l.effect} |`))
    )
  })
})

describe('renamed inputs become ours, with a warning naming ours', () => {
  it('reads image-ref, cache-dir, timeout and version as images, trivy-cache-dir, scan-timeout, trivy-version', () => {
    const { config, warnings } = configOf({
      'image-ref': 'ghcr.io/org/app:1.4.2',
      'cache-dir': '.cache/trivy',
      timeout: '5m0s',
      version: 'v0.68.1'
    })
    expect(config.images).toEqual(['ghcr.io/org/app:1.4.2'])
    expect(config.trivyCacheDir).toBe(path.join(workspace, '.cache', 'trivy'))
    expect(config.scanTimeoutMs).toBe(300_000)
    expect(config.trivyVersion).toBe('0.68.1')
    expect(warnings).toEqual([
      "Input 'image-ref' is aquasecurity/trivy-action's name: read as images: ghcr.io/org/app:1.4.2. Rename it to images.",
      "Input 'cache-dir' is aquasecurity/trivy-action's name: read as trivy-cache-dir: .cache/trivy. Rename it to trivy-cache-dir.",
      "Input 'timeout' is aquasecurity/trivy-action's name: read as scan-timeout: 300. Rename it to scan-timeout.",
      "Input 'version' is aquasecurity/trivy-action's name: read as trivy-version: v0.68.1. Rename it to trivy-version."
    ])
  })

  it('reads scan-type as the one scanner trivy-action ran, and scan-ref by the scan type', () => {
    expect(configOf({ 'scan-type': 'fs', 'scan-ref': 'src' }).config).toMatchObject({
      scanners: ['repository'],
      scanPath: path.join(workspace, 'src')
    })
    expect(configOf({ 'scan-type': 'config' }).config.scanners).toEqual(['trivy-config'])
    // trivy-action's default scan type is image, where scan-ref names the image.
    expect(configOf({ 'scan-ref': 'nginx:1.27' }).config.images).toEqual(['nginx:1.27'])
    expect(configOf({ 'scan-type': 'image', input: 'app.tar' }).config).toMatchObject({
      scanners: ['image'],
      images: ['app.tar']
    })
    expect(refusal({ 'scan-type': 'repo', 'scan-ref': 'https://github.com/o/r' })).toMatch(
      /'repo' is not scanned here.*scan-path/
    )
  })

  it('reads exit-code and severity as the threshold trivy-action failed at', () => {
    const threshold = (set: Record<string, string>) => configOf(set).config.failOnSeverity
    expect(threshold({ 'exit-code': '0' })).toBeNull()
    expect(threshold({ 'exit-code': '1', severity: 'CRITICAL,HIGH' })).toBe('HIGH')
    expect(threshold({ 'exit-code': '2', severity: 'critical' })).toBe('CRITICAL')
    // trivy-action's default severity is every severity; UNKNOWN has no threshold of its own.
    expect(threshold({ 'exit-code': '1' })).toBe('LOW')
    expect(configOf({ 'exit-code': '1' }).warnings[0]).toContain(
      'findings of UNKNOWN severity do not fail the check here'
    )
    expect(refusal({ 'exit-code': '1', severity: 'CRITICAL,LOW' })).toMatch(
      /'severity'.*leaves out severities between LOW and CRITICAL/
    )
    expect(refusal({ 'exit-code': '1', severity: 'HIGH,SEVERE' })).toContain("'SEVERE'")
    expect(refusal({ 'exit-code': 'yes' })).toContain('fail-on-severity')
    // Without a failing exit-code, severity only hid findings, which nothing here does.
    expect(refusal({ severity: 'CRITICAL,HIGH' })).toMatch(/never hidden.*fail-on-severity/)
    expect(refusal({ 'exit-code': '0', severity: 'CRITICAL,HIGH' })).toContain("'severity'")
  })

  it('takes the same value under both names, and refuses two different ones', () => {
    const same = configOf({ 'image-ref': 'app:1', images: 'app:1' })
    expect(same.config.images).toEqual(['app:1'])
    expect(refusal({ 'image-ref': 'app:1', images: 'app:2' })).toBe(
      "Input 'image-ref' (aquasecurity/trivy-action's name for images) gives 'app:1', and images is 'app:2': keep images alone."
    )
    expect(refusal({ 'exit-code': '0', 'fail-on-severity': 'critical' })).toContain(
      'fail-on-severity'
    )
    expect(refusal({ 'image-ref': 'app:1', input: 'app.tar' })).toBe(
      "Inputs 'image-ref' and 'input' (aquasecurity/trivy-action's) both set images, to 'app:1' and 'app.tar': set images alone."
    )
    // Ours at its default counts as unset: the runner passes defaults like any value.
    expect(
      configOf({ 'scan-type': 'fs', scanners: INPUT_DEFAULTS.scanners }).config.scanners
    ).toEqual(['repository'])
  })

  it('reads timeouts as Trivy writes them', () => {
    expect(durationSeconds('5m0s')).toBe(300)
    expect(durationSeconds('1h30m')).toBe(5400)
    expect(durationSeconds('1500ms')).toBe(2)
    expect(durationSeconds('10')).toBeUndefined()
    expect(durationSeconds('0s')).toBeUndefined()
    expect(refusal({ timeout: 'soon' })).toContain('scan-timeout')
  })
})

describe('inputs without an equivalent stop the run with the reason', () => {
  it('refuses trivy-config and trivyignores: a pull request must not configure the scanner', () => {
    expect(refusal({ 'trivy-config': 'trivy.yaml' })).toMatch(
      /^Input 'trivy-config' is aquasecurity\/trivy-action's and has no equivalent here: .*must not configure the scanner.*waivers-file/
    )
    expect(refusal({ trivyignores: '.trivyignore' })).toMatch(/waivers-file.*trivy-ignore-file/)
  })

  it('names the replacement where there is one', () => {
    expect(refusal({ output: 'trivy.sarif' })).toContain('output-dir')
    expect(refusal({ 'skip-dirs': 'vendor' })).toContain('waivers-file')
    expect(refusal({ 'skip-setup-trivy': 'true' })).toContain('trusted-tool-dir')
    expect(refusal({ 'token-setup-trivy': 'x' })).toContain('tool-mirror')
    expect(refusal({ 'docker-host': 'unix:///var/run/docker.sock' })).toContain('images')
  })

  it('accepts what is always done here, with a warning to remove it, and refuses the rest', () => {
    const { warnings } = runnerInputs({
      'vuln-type': 'library, os',
      'list-all-pkgs': 'false',
      cache: 'true',
      'skip-setup-trivy': 'false',
      'hide-progress': 'true'
    })
    expect(warnings).toHaveLength(5)
    expect(warnings[0]).toBe(
      "Input 'vuln-type' is aquasecurity/trivy-action's: both package types are always scanned. Remove it."
    )
    expect(refusal({ 'vuln-type': 'os' })).toContain('OS and library packages')
    expect(refusal({ cache: 'false' })).toContain('skip-db-update')
    expect(refusal({ 'list-all-pkgs': 'true' })).toContain("'list-all-pkgs'")
  })

  it('never repeats a token in a message', () => {
    for (const name of ['github-pat', 'token-setup-trivy']) {
      const secret = 'ghp_0123456789abcdefghijklmnopqrstuvwxyz'
      expect(refusal({ [name]: secret })).not.toContain(secret)
    }
  })

  it("refuses trivy-action's scanners (Trivy checks) with the inputs that take them", () => {
    expect(refusal({ scanners: 'vuln,secret' })).toMatch(/repository-scanners and image-scanners/)
    // Ours, and a mix (a plain mistake), are left to the usual validation.
    expect(configOf({ scanners: 'policies' }).config.scanners).toEqual(['policies'])
    expect(() => configOf({ scanners: 'policies,vuln' })).toThrow("Input 'scanners' must be one of")
  })
})

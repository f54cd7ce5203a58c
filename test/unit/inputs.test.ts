import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import {
  CONFIG_FILE_INPUT_DEFAULTS,
  ConfigError,
  INPUT_DEFAULTS,
  list,
  PUBLISH_INPUT_DEFAULTS,
  REGISTRY_INPUT_DEFAULTS,
  readConfig,
  readPublishConfig,
  reportId
} from '../../src/config/inputs.js'

const workspace = '/work/repo'
const reader = (inputs: Record<string, string>) => (name: string) => inputs[name] ?? ''

describe('readConfig', () => {
  it('applies the documented defaults', () => {
    const config = readConfig(reader({}), workspace)
    expect(config.failOnSeverity).toBe('HIGH')
    expect(config.scanPath).toBe(workspace)
    expect(config.manifests).toEqual([workspace])
    expect(config.scanners).toEqual(['image', 'repository', 'policies', 'trivy-config'])
    expect(config.policyEnforcement).toBe('deny')
    expect(config.baselineFile).toBeNull()
    expect(config.scanTimeoutMs).toBe(600_000)
  })

  it('rejects an unknown severity, naming the input and the accepted values', () => {
    expect(() => readConfig(reader({ 'fail-on-severity': 'severe' }), workspace)).toThrow(
      "Input 'fail-on-severity' must be one of critical, high, medium, low, none; got 'severe'."
    )
  })

  it('maps none to a gate that never fails on severity', () => {
    expect(readConfig(reader({ 'fail-on-severity': 'NONE' }), workspace).failOnSeverity).toBeNull()
  })

  it('refuses paths that leave the workspace', () => {
    expect(() => readConfig(reader({ manifests: '../other' }), workspace)).toThrow(ConfigError)
    expect(() => readConfig(reader({ 'scan-path': '/etc' }), workspace)).toThrow(
      /outside the workspace/
    )
  })

  it('refuses an output-dir, waivers-file or baseline-file that leaves through a link', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'inputs-links-'))
    try {
      const checkout = path.join(root, 'checkout')
      mkdirSync(path.join(checkout, 'real'), { recursive: true })
      symlinkSync(root, path.join(checkout, 'out'))
      symlinkSync(path.join(checkout, 'real'), path.join(checkout, 'inside'))
      symlinkSync(path.join(root, 'missing'), path.join(checkout, 'dangling'))
      const read = (inputs: Record<string, string>) => () => readConfig(reader(inputs), checkout)
      expect(read({ 'output-dir': '../x' })).toThrow(/'output-dir' path '..\/x' is outside/)
      expect(read({ 'output-dir': 'out/results' })).toThrow(
        /'output-dir' path 'out\/results' leads outside the workspace .* through a symbolic link/
      )
      expect(read({ 'waivers-file': 'out/waivers.yaml' })).toThrow(/'waivers-file'/)
      expect(read({ 'fail-on': 'new', 'baseline-file': 'out/base.json' })).toThrow(
        /'baseline-file'/
      )
      expect(read({ 'output-dir': 'dangling' })).toThrow(/symbolic link to a missing target/)
      // links that stay inside, and paths that do not exist yet, are fine
      expect(read({ 'output-dir': 'inside/results' })().outputDir).toBe(
        path.join(checkout, 'inside', 'results')
      )
      expect(read({ 'output-dir': 'new/results' })().outputDir).toBe(
        path.join(checkout, 'new', 'results')
      )
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })

  it('refuses image references with shell metacharacters', () => {
    expect(() => readConfig(reader({ images: 'nginx:1.27; rm -rf /' }), workspace)).toThrow(
      /invalid image reference/
    )
    expect(() => readConfig(reader({ images: 'nginx$(id)' }), workspace)).toThrow(ConfigError)
  })

  it('reads per-scanner thresholds and rejects malformed ones', () => {
    const config = readConfig(
      reader({ 'fail-on-severity-by-scanner': 'image=critical, repository=none' }),
      workspace
    )
    expect(config.failOnSeverityByScanner).toEqual({ image: 'CRITICAL', repository: null })
    expect(() => readConfig(reader({ 'fail-on-severity-by-scanner': 'image' }), workspace)).toThrow(
      /image=critical/
    )
    expect(() =>
      readConfig(reader({ 'fail-on-severity-by-scanner': 'scanner=high' }), workspace)
    ).toThrow(
      /'fail-on-severity-by-scanner' must be one of image, repository, policies, trivy-config/
    )
  })

  it('requires a baseline for fail-on new', () => {
    expect(() => readConfig(reader({ 'fail-on': 'new' }), workspace)).toThrow(/baseline-file/)
    expect(
      readConfig(reader({ 'fail-on': 'new', 'baseline-file': 'b.json' }), workspace).baselineFile
    ).toBe(path.join(workspace, 'b.json'))
  })

  it('rejects malformed booleans, versions and timeouts', () => {
    expect(() => readConfig(reader({ 'skip-db-update': 'yes' }), workspace)).toThrow(
      /'skip-db-update' must be 'true' or 'false'/
    )
    expect(() => readConfig(reader({ 'trivy-version': 'latest' }), workspace)).toThrow(
      /'trivy-version'/
    )
    expect(() => readConfig(reader({ 'scan-timeout': '-1' }), workspace)).toThrow(/'scan-timeout'/)
    expect(() => readConfig(reader({ 'tool-mirror': 'ftp://x' }), workspace)).toThrow(
      /'tool-mirror'/
    )
  })
})

describe('readPublishConfig', () => {
  it('defaults to uploading, always commenting and no fix suggestions, and validates each', () => {
    expect(readPublishConfig(reader({ token: ' t ' }))).toEqual({
      token: 't',
      uploadSarif: true,
      comment: 'always',
      commentId: 'report',
      suggestFixes: false,
      dependencySubmission: false
    })
    expect(readPublishConfig(reader({ 'suggest-fixes': 'true' })).suggestFixes).toBe(true)
    expect(
      readPublishConfig(reader({ 'dependency-submission': 'true' })).dependencySubmission
    ).toBe(true)
    expect(() => readPublishConfig(reader({ 'dependency-submission': 'on' }))).toThrow(
      "Input 'dependency-submission' must be 'true' or 'false'; got 'on'."
    )
    expect(
      readPublishConfig(
        reader({ 'fix-cloud': ' gcp ', 'fix-resources-default': 'cpu=100m,limits.memory=1Gi' })
      )
    ).toMatchObject({
      fixCloud: 'gcp',
      fixResourceDefaults: { requests: { cpu: '100m' }, limits: { cpu: '100m', memory: '1Gi' } }
    })
    expect(() => readPublishConfig(reader({ 'fix-cloud': 'mars' }))).toThrow(
      "Input 'fix-cloud' must be aws, gcp, azure; got 'mars'."
    )
    expect(() => readPublishConfig(reader({ 'fix-resources-default': 'cpu=lots' }))).toThrow(
      /Input 'fix-resources-default': 'cpu=lots' is not RESOURCE=QUANTITY/
    )
    expect(() => readPublishConfig(reader({ 'suggest-fixes': 'yes please' }))).toThrow(
      /'suggest-fixes'/
    )
    expect(() => readPublishConfig(reader({ comment: 'sometimes' }))).toThrow(
      "Input 'comment' must be one of always, on-failure, never; got 'sometimes'."
    )
    expect(() => readPublishConfig(reader({ 'upload-sarif': 'maybe' }))).toThrow(/'upload-sarif'/)
  })
})

describe('reportId', () => {
  it('keeps a plain id and tells the jobs of a matrix apart by a hash of their values', () => {
    expect(reportId('deploy-scan')).toBe('deploy-scan')
    // the action.yml default outside a matrix: the job id and `null`
    expect(reportId('harden null')).toBe('harden')
    const linux = reportId('harden {\n  "os": "linux",\n  "node": 20\n}')
    const windows = reportId('harden {\n  "os": "windows",\n  "node": 20\n}')
    expect(linux).toMatch(/^harden-os-linux-node-20-[0-9a-f]{8}$/)
    expect(windows).not.toBe(linux)
    // values that slug alike still differ
    expect(reportId('a {"x": "b c"}')).not.toBe(reportId('a {"x": "b-c"}'))
    expect(reportId('')).toBe('report')
    expect(reportId('x'.repeat(200))).toMatch(/^x{48}-[0-9a-f]{8}$/)
  })
})

describe('list', () => {
  it('splits lines and commas and drops comments and blanks', () => {
    expect(list('a, b\n# note\n c # trailing\n\n')).toEqual(['a', 'b', 'c'])
  })
})

describe('action.yml', () => {
  const action = parse(readFileSync(path.resolve(__dirname, '../../action.yml'), 'utf8')) as {
    inputs: Record<string, { description: string; default: string; deprecationMessage?: string }>
    runs: { using: string; main: string }
  }

  it('declares exactly the inputs the code reads, with the same defaults', () => {
    const defaults = {
      ...INPUT_DEFAULTS,
      ...PUBLISH_INPUT_DEFAULTS,
      ...REGISTRY_INPUT_DEFAULTS,
      ...CONFIG_FILE_INPUT_DEFAULTS
    }
    // trivy-action's input names are declared too, without defaults (test/unit/legacy-inputs.test.ts).
    const ours = Object.keys(action.inputs).filter(
      (name) => !action.inputs[name].deprecationMessage
    )
    expect(ours.sort()).toEqual(Object.keys(defaults).sort())
    for (const [name, defaultValue] of Object.entries(defaults)) {
      expect(String(action.inputs[name].default), name).toBe(defaultValue)
      expect(action.inputs[name].description.length, name).toBeGreaterThan(10)
    }
  })

  it('runs the bundled ESM entry on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })
})

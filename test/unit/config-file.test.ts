// The config file: parsing with the hardened YAML reader, validation with line-numbered messages,
// and the layering under the inputs (an input that is given always wins).
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  actionInputGiven,
  layerInputs,
  loadCliConfigFile,
  MAX_CONFIG_FILE_BYTES,
  parseConfigFile,
  withFileResources,
  withPathSettings,
  type ConfigFile
} from '../../src/config/file.js'
import {
  INPUT_DEFAULTS,
  PUBLISH_INPUT_DEFAULTS,
  readConfig,
  readConfigFileChoice,
  readPublishConfig
} from '../../src/config/inputs.js'
import { finalize, type Finding } from '../../src/findings/model.js'
import type { Severity } from '../../src/findings/severity.js'
import { decide } from '../../src/gate.js'
import { configErrorOf } from './config-file-fixtures.js'

const NAME = '.hardening.yaml'
const workspace = '/work/repo'
const parse = (text: string) => parseConfigFile(text, NAME)
const problem = (text: string): string => configErrorOf(() => parse(text))

describe('parseConfigFile', () => {
  it('reads inputs by name, lists, booleans and numbers as the action receives them', () => {
    const file = parse(`# the team's settings
fail-on-severity: medium
scanners: [policies, repository]
images:
  - ghcr.io/org/app:1.2.3
  - ghcr.io/org/worker:1.2.3
ignore-unfixed: yes        # YAML 1.1, as Kubernetes reads it
scan-timeout: 900
policy-bundle: pss-restricted
`)
    expect(Object.fromEntries([...file.inputs].map(([name, { value }]) => [name, value]))).toEqual({
      'fail-on-severity': 'medium',
      scanners: 'policies\nrepository',
      images: 'ghcr.io/org/app:1.2.3\nghcr.io/org/worker:1.2.3',
      'ignore-unfixed': 'true',
      'scan-timeout': '900',
      'policy-bundle': 'pss-restricted'
    })
    expect(file.inputs.get('scan-timeout')?.line).toBe(8)
    const config = readConfig(
      layerInputs(
        () => '',
        file,
        () => false
      ).read,
      workspace
    )
    expect(config.failOnSeverity).toBe('MEDIUM')
    expect(config.scanners).toEqual(['policies', 'repository'])
    expect(config.images).toHaveLength(2)
    expect(config.ignoreUnfixed).toBe(true)
    expect(config.scanTimeoutMs).toBe(900_000)
  })

  it('an empty file, or one of comments, is the defaults', () => {
    for (const text of ['', '# nothing yet\n', '---\n'])
      expect(parse(text)).toEqual({ name: NAME, inputs: new Map(), paths: [] })
  })

  it('names the file, line and setting of every problem', () => {
    expect(problem('scanners: policies\n\nfail-on-severity: severe\n')).toBe(
      `${NAME}:3: fail-on-severity: must be one of critical, high, medium, low, none; got "severe"`
    )
    expect(problem('fail-on-severty: high\n')).toMatch(
      new RegExp(`^${NAME}:1: fail-on-severty: unknown setting; known here: scan-path, manifests`)
    )
    expect(problem('ignore-unfixed: "true"\n')).toBe(
      `${NAME}:1: ignore-unfixed: must be true or false`
    )
    expect(problem('scan-timeout: 0\n')).toBe(`${NAME}:1: scan-timeout: must be at least 1`)
    expect(problem('images:\n  - a:1\n  - {name: b}\n')).toBe(
      `${NAME}:3: images[1]: must be a string`
    )
    expect(problem('image-scanners: [vuln, malware]\n')).toBe(
      `${NAME}:1: image-scanners[1]: must be one of vuln, secret, license, misconfig; got "malware"`
    )
    expect(
      problem('paths:\n  - glob: deploy/*\n  - glob: legacy/*\n    fail-on-severity: none\n')
    ).toBe(`${NAME}:2: paths[0]: needs one of fail-on-severity, policy-bundle, policies, exclude`)
    expect(problem('- fail-on-severity\n')).toBe(`${NAME}:1: must be a mapping`)
  })

  it('lists every problem at once', () => {
    expect(problem('fail-on: sometimes\ncomment: loudly\n').split('\n')).toEqual([
      `${NAME}:1: fail-on: must be one of all, new; got "sometimes"`,
      `${NAME}:2: comment: must be one of always, on-failure, never; got "loudly"`
    ])
  })

  it('never takes a credential, the report id or the choice of the file itself', () => {
    for (const input of ['token', 'registry-password', 'registry-token', 'registry-username'])
      expect(problem(`${input}: x\n`)).toContain(`${input}: unknown setting`)
    for (const input of ['config-file', 'config-from-pr', 'comment-id'])
      expect(problem(`${input}: x\n`)).toContain(`${input}: unknown setting`)
  })

  it('reads YAML as the manifests are read: a bomb of aliases, a second document or a huge file is refused', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...Array.from({ length: 9 }, (_, i) => {
        const prev = String.fromCharCode(97 + i)
        const next = String.fromCharCode(98 + i)
        return `${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`
      })
    ].join('\n')
    expect(problem(bomb)).toMatch(new RegExp(`^${NAME}:\\d+: invalid YAML: .*alias`, 'i'))
    expect(problem('fail-on-severity: high\n---\nfail-on-severity: none\n')).toBe(
      `${NAME}:3: a config file holds one YAML document.`
    )
    expect(problem(`# ${'x'.repeat(MAX_CONFIG_FILE_BYTES)}\n`)).toMatch(/more than a config file/)
    expect(problem('fail-on-severity: [high\n')).toMatch(new RegExp(`^${NAME}:\\d+: invalid YAML`))
  })

  it('resource defaults: text or mapping, per namespace merged over the default', () => {
    const file = parse(`fix:
  resources:
    default: cpu=100m,memory=128Mi
    namespaces:
      batch:
        requests: {cpu: 1, memory: 2Gi}
      web: limits.memory=256Mi
`)
    expect(file.resources).toEqual({
      default: {
        requests: { cpu: '100m', memory: '128Mi' },
        limits: { cpu: '100m', memory: '128Mi' }
      },
      namespaces: {
        batch: {
          requests: { cpu: '1', memory: '2Gi' },
          limits: { cpu: '100m', memory: '128Mi' }
        },
        web: {
          requests: { cpu: '100m', memory: '128Mi' },
          limits: { cpu: '100m', memory: '256Mi' }
        }
      }
    })
    expect(problem('fix:\n  resources:\n    namespaces:\n      batch: cpu=lots\n')).toMatch(
      new RegExp(
        `^${NAME}:4: fix\\.resources\\.namespaces\\.batch: 'cpu=lots' is not RESOURCE=QUANTITY`
      )
    )
    expect(problem('fix:\n  resources:\n    default: {requests: {gpu: 1}}\n')).toMatch(
      `${NAME}:3: fix.resources.default.requests.gpu: unknown setting; known here: cpu, memory, ephemeral-storage`
    )
  })
})

describe('the file under the inputs', () => {
  const file = parse(`fail-on-severity: low
scan-path: ../outside
fix-resources-default: cpu=1
`)

  it('a value from the file that readConfig refuses is reported at its line', () => {
    const { read, attempt } = layerInputs(
      () => '',
      file,
      () => false
    )
    expect(() => attempt(() => readConfig(read, workspace))).toThrow(
      `${NAME}:2: scan-path: path '../outside' is outside the workspace ${workspace}.`
    )
    // The same value given as an input is the input's problem, as before.
    const given = layerInputs(
      (name) => (name === 'scan-path' ? '../outside' : ''),
      file,
      (_, raw) => raw !== ''
    )
    expect(() => given.attempt(() => readConfig(given.read, workspace))).toThrow(
      /^Input 'scan-path' path/
    )
  })

  it('property: a given input always wins; an input not given takes the file, else the default', () => {
    let seed = 7
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const names = Object.keys(INPUT_DEFAULTS)
    for (let round = 0; round < 300; round++) {
      const fromFile = new Map(
        names
          .filter(() => random() < 0.5)
          .map((name) => [name, { value: `file-${round}`, line: 1 }])
      )
      const given = new Map(
        names.filter(() => random() < 0.5).map((name) => [name, `input-${round}`])
      )
      const layered = layerInputs(
        (name) => given.get(name) ?? '',
        { name: NAME, inputs: fromFile, paths: [] },
        (name) => given.has(name)
      )
      for (const name of names)
        expect(layered.read(name)).toBe(given.get(name) ?? fromFile.get(name)?.value ?? '')
    }
  })

  it('property (action): an input set to anything but its default wins over the file', () => {
    const defaults: Record<string, string> = { ...INPUT_DEFAULTS, ...PUBLISH_INPUT_DEFAULTS }
    for (const [name, fallback] of Object.entries(defaults)) {
      const inFile: ConfigFile = {
        name: NAME,
        inputs: new Map([[name, { value: 'from-file', line: 1 }]]),
        paths: []
      }
      for (const raw of ['from-workflow', ` ${fallback}x `, 'true', 'none', '1']) {
        if (raw.trim() === fallback) continue
        expect(layerInputs(() => raw, inFile, actionInputGiven).read(name)).toBe(raw)
      }
      // The runner passes the default for an input left out: the file's value applies.
      for (const raw of ['', fallback])
        expect(layerInputs(() => raw, inFile, actionInputGiven).read(name)).toBe('from-file')
    }
  })

  it('fix-resources-default (input or key) replaces fix.resources', () => {
    const both = parse('fix-resources-default: cpu=1\nfix:\n  resources:\n    default: cpu=2\n')
    const read = layerInputs(
      () => '',
      both,
      () => false
    ).read
    expect(withFileResources(readPublishConfig(read), both).fixResourceDefaults).toEqual({
      requests: { cpu: '1' },
      limits: { cpu: '1' }
    })
    const onlyFix = parse('fix:\n  resources:\n    namespaces: {batch: memory=1Gi}\n')
    const publish = withFileResources(
      readPublishConfig(() => ''),
      onlyFix
    )
    expect(publish.fixResourceDefaults).toBeUndefined()
    expect(publish.fixResourcesByNamespace).toEqual({
      batch: { requests: { memory: '1Gi' }, limits: { memory: '1Gi' } }
    })
  })
})

describe('per-path thresholds', () => {
  const finding = (file: string, severity: Severity): Finding =>
    finalize({
      scanner: 'policies',
      target: 'manifests',
      ruleId: 'R',
      title: 'R',
      severity,
      message: 'm',
      resource: file,
      location: { path: file, startLine: 1 }
    })

  it('the last matching entry decides, over the run-wide and per-scanner thresholds', () => {
    const file = parse(`fail-on-severity-by-scanner: policies=medium
paths:
  - glob: deploy/*
    fail-on-severity: critical
  - glob: deploy/legacy/*
    fail-on-severity: none
  - glob: deploy/prod/*
    fail-on-severity: low
`)
    const { read } = layerInputs(
      () => '',
      file,
      () => false
    )
    const config = withPathSettings(readConfig(read, workspace), file)
    const verdict = (findings: Finding[]) =>
      decide(findings, {
        failOnSeverity: config.failOnSeverity,
        failOnSeverityByScanner: config.failOnSeverityByScanner,
        ...(config.failOnSeverityByPath
          ? { failOnSeverityByPath: config.failOnSeverityByPath }
          : {}),
        onlyNew: false,
        configurationErrors: []
      })
    const blocking = verdict([
      finding('deploy/app.yaml', 'HIGH'), // deploy/*: critical
      finding('deploy/app.yaml', 'CRITICAL'),
      finding('deploy/legacy/old.yaml', 'CRITICAL'), // none
      finding('deploy/prod/web.yaml', 'LOW'), // low
      finding('charts/x.yaml', 'MEDIUM') // no entry: policies=medium
    ]).blocking.map((f) => `${f.location!.path} ${f.severity}`)
    expect(blocking).toEqual([
      'deploy/app.yaml CRITICAL',
      'deploy/prod/web.yaml LOW',
      'charts/x.yaml MEDIUM'
    ])
  })
})

describe('readConfigFileChoice', () => {
  it('a workspace path, never through a link that leaves it', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'config-choice-'))
    try {
      expect(readConfigFileChoice(() => '', dir)).toEqual({
        path: '.hardening.yaml',
        fromPullRequest: false
      })
      const read = (inputs: Record<string, string>) => (name: string) => inputs[name] ?? ''
      expect(
        readConfigFileChoice(read({ 'config-file': './ci//h.yaml', 'config-from-pr': 'true' }), dir)
      ).toEqual({ path: 'ci/h.yaml', fromPullRequest: true })
      expect(() => readConfigFileChoice(read({ 'config-file': '../h.yaml' }), dir)).toThrow(
        /^Input 'config-file' path '\.\.\/h\.yaml' is outside the workspace/
      )
      symlinkSync(os.tmpdir(), path.join(dir, 'ci'))
      expect(() => readConfigFileChoice(read({ 'config-file': 'ci/h.yaml' }), dir)).toThrow(
        /^Input 'config-file' path 'ci\/h\.yaml' leads outside the workspace/
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('loadCliConfigFile', () => {
  it('reads .hardening.yaml when present, --config FILE always', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'config-file-'))
    try {
      expect(await loadCliConfigFile(undefined, dir)).toBeUndefined()
      await expect(loadCliConfigFile('ci/hardening.yaml', dir)).rejects.toThrow(
        '--config: ci/hardening.yaml does not exist.'
      )
      writeFileSync(path.join(dir, '.hardening.yaml'), 'fail-on-severity: critical\n')
      expect((await loadCliConfigFile(undefined, dir))?.inputs.get('fail-on-severity')).toEqual({
        value: 'critical',
        line: 1
      })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

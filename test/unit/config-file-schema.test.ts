// docs/hardening.schema.json is a real JSON Schema (ajv compiles it strictly), covers every input
// the file may set, and the action's own validator (src/config/file.ts) agrees with ajv on every
// document: the published schema is exactly what the action enforces.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import YAML from 'yaml'
import { CONFIG_FILE_SCHEMA, parseConfigFile } from '../../src/config/file.js'
import { settableInFile, type JsonSchema } from '../../src/config/file-schema.js'
import { INPUT_DEFAULTS, PUBLISH_INPUT_DEFAULTS } from '../../src/config/inputs.js'
import { REPO_ROOT } from '../harness/paths.js'

const published = JSON.parse(
  readFileSync(path.join(REPO_ROOT, 'docs', 'hardening.schema.json'), 'utf8')
) as JsonSchema
const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true })
const ajvValid = ajv.compile(published)

describe('docs/hardening.schema.json', () => {
  it('is the schema the action validates with', () => {
    expect(CONFIG_FILE_SCHEMA).toEqual(published)
  })

  it('has every input the file may set, and nothing a file must not set', () => {
    const keys = Object.keys(published.properties!)
    const settable = Object.keys({ ...INPUT_DEFAULTS, ...PUBLISH_INPUT_DEFAULTS }).filter(
      settableInFile
    )
    expect(keys.sort()).toEqual([...settable, 'paths', 'fix'].sort())
    expect(Object.keys(INPUT_DEFAULTS).every(settableInFile)).toBe(true)
    for (const secret of ['token', 'registry-password', 'config-from-pr', 'config-file'])
      expect(keys).not.toContain(secret)
  })

  it('takes a YAML list for every list input', () => {
    const lists = Object.entries(published.properties!)
      .filter(([, schema]) => schema.anyOf?.some((branch) => branch.type === 'array'))
      .map(([name]) => name)
    expect(lists).toEqual(
      expect.arrayContaining([
        'manifests',
        'images',
        'policies',
        'scanners',
        'repository-scanners',
        'image-scanners',
        'fail-on-severity-by-scanner',
        'db-repository'
      ])
    )
    expect(lists).not.toContain('scan-path')
  })

  it('an input added to action.yml is in the generated schema', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'config-schema-'))
    try {
      const action = YAML.parse(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8'))
      action.inputs['brand-new'] = { description: 'Things, comma-separated.', default: '' }
      const actionFile = path.join(dir, 'action.yml')
      writeFileSync(actionFile, YAML.stringify(action))
      const out = path.join(dir, 'schema.json')
      const gen = (...args: string[]) =>
        spawnSync(
          process.execPath,
          [
            path.join(REPO_ROOT, 'scripts', 'gen-docs.mjs'),
            '--action',
            actionFile,
            '--out',
            path.join(dir, 'inputs.md'),
            '--schema-out',
            out,
            '--policies-out',
            path.join(dir, 'policies.md'),
            '--coverage-out',
            path.join(dir, 'coverage.md'),
            ...args
          ],
          { encoding: 'utf8' }
        )
      expect(gen().status).toBe(0)
      const schema = JSON.parse(readFileSync(out, 'utf8')) as JsonSchema
      expect(schema.properties!['brand-new']!.anyOf).toHaveLength(2)
      writeFileSync(out, JSON.stringify(published, null, 2) + '\n')
      const stale = gen('--check')
      expect(stale.status).toBe(1)
      expect(stale.stderr).toMatch(/schema\.json is stale/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('ajv and the action agree on generated documents', () => {
    let seed = 11
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const pick = <T>(values: T[]): T => values[Math.floor(random() * values.length)]!
    const scalars = () =>
      pick<unknown>([
        'high',
        'none',
        'all',
        'always',
        'vuln',
        'x',
        '',
        true,
        false,
        0,
        1,
        600,
        -3,
        1.5,
        null
      ])
    const value = (depth = 0): unknown => {
      const roll = random()
      if (roll < 0.6 || depth > 1) return scalars()
      if (roll < 0.85)
        return Array.from({ length: Math.floor(random() * 3) }, () =>
          pick([scalars(), value(depth + 1)])
        )
      return { [pick(['cpu', 'requests', 'glob', 'other'])]: value(depth + 1) }
    }
    const quantity = () => pick<unknown>(['100m', 1, '1Gi', true, [], {}])
    const resources = () =>
      pick<unknown>([
        'cpu=100m,memory=128Mi',
        '',
        7,
        {},
        { requests: { cpu: quantity() } },
        { limits: { memory: quantity(), [pick(['cpu', 'gpu'])]: quantity() } },
        { other: {} }
      ])
    const names = Object.keys(published.properties!).filter((n) => n !== 'paths' && n !== 'fix')
    const documents: unknown[] = []
    for (let i = 0; i < 1500; i++) {
      const document: Record<string, unknown> = {}
      for (let n = Math.floor(random() * 4); n > 0; n--) document[pick(names)] = value()
      if (random() < 0.3) document[pick(['unknown', 'fail-on-severty'])] = scalars()
      if (random() < 0.3)
        document.paths = pick<unknown>([
          'deploy/*',
          [],
          [{ glob: 'deploy/*', 'fail-on-severity': pick(['none', 'high', 'severe', 3]) }],
          [{ glob: pick(['', 'a/*', 5]) }],
          [{ glob: 'a/*', 'fail-on-severity': 'low', excluded: true }],
          [{ glob: 'a/*', 'policy-bundle': pick(['pss-restricted', 'none', 'strict', 1]) }],
          [{ glob: 'a/*', policies: pick<unknown>(['p', ['p', 'q'], [''], [3], {}]) }],
          [{ glob: 'a/*', exclude: pick<unknown>([true, false, 'yes']) }, { exclude: true }]
        ])
      if (random() < 0.3)
        document.fix = pick<unknown>([
          { resources: { default: resources() } },
          { resources: { namespaces: { batch: resources(), web: resources() } } },
          { resources: { namespaces: 'batch' } },
          { cloud: 'aws' },
          []
        ])
      documents.push(document)
    }
    let accepted = 0
    for (const document of documents) {
      const text = JSON.stringify(document) // JSON is YAML, and no scalar changes meaning
      let ours = true
      try {
        parseConfigFile(text, 'generated.yaml')
      } catch {
        ours = false
      }
      expect({ document, valid: ours }).toEqual({ document, valid: ajvValid(document) })
      if (ours) accepted++
    }
    // Both verdicts occur often enough to mean something.
    expect(accepted).toBeGreaterThan(150)
    expect(accepted).toBeLessThan(1350)
  })
})

// Policy metadata has one source: metadata.yaml for title and description (src.rego's METADATA
// block is generated from it), policies/conventions.json for workload kinds. What must stay
// duplicated for OPA, Regal and Gatekeeper is compared here with the real tools.
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
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import YAML from 'yaml'
import conventions from '../../policies/conventions.json' with { type: 'json' }
import { ROOT } from './checks.js'

const OPA = join(ROOT, '.tools', 'bin', 'opa')
const policies = readdirSync(join(ROOT, 'policies')).filter((p) =>
  existsSync(join(ROOT, 'policies', p, 'metadata.yaml'))
)
const metadata = (p: string) =>
  YAML.parse(readFileSync(join(ROOT, 'policies', p, 'metadata.yaml'), 'utf8')) as {
    title: string
    description: string
  }
const opa = (args: string[]) => {
  const r = spawnSync(OPA, args, { cwd: ROOT, encoding: 'utf8' })
  expect(r.status, r.stderr).toBe(0)
  return JSON.parse(r.stdout)
}

describe('src.rego METADATA', () => {
  it.each(policies)('%s: OPA reads the title and description of metadata.yaml', (p) => {
    const inspected = opa(['inspect', '-a', '--format', 'json', `policies/${p}/src.rego`]) as {
      annotations: Array<{ annotations: { scope: string; title?: string; description?: string } }>
    }
    const pkg = inspected.annotations.find((a) => a.annotations.scope === 'package')
    const meta = metadata(p)
    expect(pkg?.annotations.title).toBe(meta.title)
    expect(pkg?.annotations.description?.trim()).toBe(meta.description.trim())
  })
})

describe('workload kinds', () => {
  const kinds = conventions.match.workloads.flatMap((m) => m.kinds).sort()

  it('lib.pods knows where the pod spec lives in exactly the kinds constraints match', () => {
    const paths = opa(['eval', '-d', 'policies/lib', '--format', 'json', 'data.lib.pods.templates'])
    expect(Object.keys(paths.result[0].expressions[0].value).sort()).toEqual(kinds)
  })

  it('lib.fixtures tests every one of them', () => {
    const fixtures = opa([
      'eval',
      '-d',
      'policies/lib',
      '--format',
      'json',
      'data.lib.fixtures.kinds'
    ])
    expect([...fixtures.result[0].expressions[0].value].sort()).toEqual(kinds)
  })
})

describe('gen-templates keeps metadata in one place', () => {
  let dir = ''
  const gen = (...args: string[]) =>
    spawnSync(process.execPath, ['scripts/gen-templates.mjs', ...args], {
      cwd: dir,
      encoding: 'utf8'
    })
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'policy-metadata-'))
    cpSync(join(ROOT, 'policies'), join(dir, 'policies'), { recursive: true })
    mkdirSync(join(dir, 'scripts'))
    for (const f of ['gen-templates.mjs', 'policy-conventions.mjs'])
      cpSync(join(ROOT, 'scripts', f), join(dir, 'scripts', f))
    for (const f of ['.prettierrc.json', '.prettierignore']) cpSync(join(ROOT, f), join(dir, f))
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'))
  })
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('--check fails when the METADATA block of src.rego is edited by hand, and regenerates it', () => {
    const src = join(dir, 'policies', 'pss-privileged', 'src.rego')
    const good = readFileSync(src, 'utf8')
    writeFileSync(src, good.replace(/^# title: .*$/m, '# title: A title of its own'))
    const r = gen('--check')
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('stale: policies/pss-privileged/src.rego')
    expect(gen().status).toBe(0)
    expect(readFileSync(src, 'utf8')).toBe(good)
  })

  it('refuses a control id or framework key the catalogue does not know', () => {
    const file = join(dir, 'policies', 'pss-host-ports', 'metadata.yaml')
    const good = readFileSync(file, 'utf8')
    try {
      writeFileSync(file, good.replace('    - 5.2.12\n', '    - 5.2.13\n'))
      let r = gen('--check')
      expect(r.status).toBe(2)
      expect(r.stderr).toContain(
        'policies/pss-host-ports/metadata.yaml: compliance cis-kubernetes: 5.2.13 not in policies/frameworks.json'
      )
      writeFileSync(file, good.replace('  soc2:', '  soc-2:'))
      r = gen('--check')
      expect(r.status).toBe(2)
      expect(r.stderr).toContain('compliance framework soc-2 is not one of')
    } finally {
      writeFileSync(file, good)
    }
  })
})

// docs/inputs.md is generated from action.yml and must be current; the check must be able to fail.
import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import YAML from 'yaml'
import { ROOT } from './checks.js'

const gen = (...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'scripts', 'gen-docs.mjs'), ...args], {
    encoding: 'utf8'
  })

describe('docs/inputs.md', () => {
  it('is current (node scripts/gen-docs.mjs --check)', () => {
    const r = gen('--check')
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
  })

  it('lists every input with its default and every output', () => {
    const action = YAML.parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'))
    const md = readFileSync(join(ROOT, 'docs', 'inputs.md'), 'utf8')
    // trivy-action's names (deprecated) have their own table in the migration guide instead.
    const migration = readFileSync(join(ROOT, 'docs', 'migrating-from-trivy-action.md'), 'utf8')
    type Spec = { default?: string; deprecationMessage?: string }
    for (const [name, spec] of Object.entries<Spec>(action.inputs)) {
      const page = spec.deprecationMessage ? migration : md
      const row = page.split('\n').find((l) => l.startsWith(`| \`${name}\` |`))
      expect(row, name).toBeDefined()
      if (spec.default) expect(row).toContain(`\`${spec.default}\``)
    }
    for (const name of Object.keys(action.outputs))
      expect(md).toMatch(new RegExp(`^\\| \`${name}\` \\|`, 'm'))
  })

  it('--check fails when action.yml changed or the page is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gen-docs-'))
    try {
      const action = YAML.parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'))
      const actionFile = join(dir, 'action.yml')
      const out = join(dir, 'inputs.md')
      writeFileSync(actionFile, YAML.stringify(action))
      expect(gen('--action', actionFile, '--out', out, '--check').status).toBe(1) // missing
      expect(gen('--action', actionFile, '--out', out).status).toBe(0)
      expect(gen('--action', actionFile, '--out', out, '--check').status).toBe(0)
      action.inputs['new-input'] = { description: 'A new input.', default: 'x' }
      writeFileSync(actionFile, YAML.stringify(action))
      const r = gen('--action', actionFile, '--out', out, '--check')
      expect(r.status).toBe(1)
      expect(r.stderr).toMatch(/stale/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('docs/policies.md', () => {
  it('has a section, severity and example for every policy with a template', () => {
    const md = readFileSync(join(ROOT, 'docs', 'policies.md'), 'utf8')
    const policies = readdirSync(join(ROOT, 'policies')).filter((p) =>
      existsSync(join(ROOT, 'policies', p, 'template.yaml'))
    )
    expect(policies.length).toBeGreaterThan(10)
    for (const p of policies) {
      expect(md, p).toContain(`\n## ${p}\n`)
      const t = YAML.parse(readFileSync(join(ROOT, 'policies', p, 'template.yaml'), 'utf8'))
      expect(md).toContain(`severity **${t.metadata.annotations['hardening-action.io/severity']}**`)
      expect(md).toContain(`(../policies/${p}/samples/`)
    }
  })

  it('--check fails when a template annotation changed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gen-docs-policies-'))
    try {
      const pol = join(dir, 'policies')
      cpSync(join(ROOT, 'policies', 'disallowed-tags'), join(pol, 'disallowed-tags'), {
        recursive: true
      })
      const out = join(dir, 'policies.md')
      const args = ['--policies', pol, '--policies-out', out]
      expect(gen(...args).status).toBe(0)
      expect(gen(...args, '--check').status).toBe(0)
      const file = join(pol, 'disallowed-tags', 'template.yaml')
      writeFileSync(
        file,
        readFileSync(file, 'utf8').replace(
          'hardening-action.io/severity: MEDIUM',
          'hardening-action.io/severity: HIGH'
        )
      )
      const r = gen(...args, '--check')
      expect(r.status).toBe(1)
      expect(r.stderr).toMatch(/policies\.md is stale/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

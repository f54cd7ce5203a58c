// docs/inputs.md is generated from action.yml and must be current; the check must be able to fail.
import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
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
    for (const [name, spec] of Object.entries<{ default?: string }>(action.inputs)) {
      const row = md.split('\n').find((l) => l.startsWith(`| \`${name}\` |`))
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

// `npm run new-policy -- NAME` scaffolds a policy folder that passes the policy checks as
// generated. Runs in a temporary copy of policies/ so the real tree is never touched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from './checks.js'

const BIN = join(ROOT, '.tools', 'bin')
const NAME = 'scaffold-example'
let dir = ''

const run = (cmd: string, args: string[]) =>
  spawnSync(cmd, args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${BIN}:${process.env.PATH}` }
  })
const node = (...args: string[]) => run(process.execPath, args)
const out = (r: ReturnType<typeof run>) => `${r.stdout}\n${r.stderr}`

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'new-policy-'))
  cpSync(join(ROOT, 'policies'), join(dir, 'policies'), { recursive: true })
  mkdirSync(join(dir, 'scripts'))
  for (const f of [
    'gen-templates.mjs',
    'new-policy.mjs',
    'gen-docs.mjs',
    'policy-conventions.mjs',
    'coverage.mjs'
  ])
    cpSync(join(ROOT, 'scripts', f), join(dir, 'scripts', f))
  // gen-docs builds the config file's schema from the action's own source, and fills the table
  // of the migration guide, whose prose is written by hand.
  for (const f of ['file-schema.ts', 'scan-config.ts'])
    cpSync(join(ROOT, 'src', 'config', f), join(dir, 'src', 'config', f))
  cpSync(
    join(ROOT, 'docs', 'migrating-from-trivy-action.md'),
    join(dir, 'docs', 'migrating-from-trivy-action.md')
  )
  for (const f of ['.prettierrc.json', '.prettierignore', 'action.yml'])
    if (existsSync(join(ROOT, f))) cpSync(join(ROOT, f), join(dir, f))
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'))
})
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('npm run new-policy', () => {
  it('is wired as an npm script', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
    expect(pkg.scripts['new-policy']).toBe('node scripts/new-policy.mjs')
  })

  it('scaffolds a complete policy folder and generates its template and suite', () => {
    const r = node('scripts/new-policy.mjs', NAME)
    expect(r.status, out(r)).toBe(0)
    const p = join(dir, 'policies', NAME)
    for (const f of [
      'src.rego',
      'src_test.rego',
      'metadata.yaml',
      'samples/default/constraint.yaml',
      'samples/default/allowed.yaml',
      'samples/default/disallowed.yaml',
      'template.yaml',
      'suite.yaml',
      'kustomization.yaml'
    ])
      expect(existsSync(join(p, f)), f).toBe(true)
    expect(readFileSync(join(p, 'src.rego'), 'utf8')).toMatch(/^package hardeningscaffoldexample$/m)
    expect(readFileSync(join(p, 'template.yaml'), 'utf8')).toContain(
      'kind: HardeningScaffoldExample'
    )
    expect(existsSync(join(dir, 'policies', 'overlays', 'deny', NAME, 'kustomization.yaml'))).toBe(
      true
    )
    // docs/policies.md lists it
    expect(readFileSync(join(dir, 'docs', 'policies.md'), 'utf8')).toContain(`\n## ${NAME}\n`)
    // the real tree is untouched
    expect(existsSync(join(ROOT, 'policies', NAME))).toBe(false)
  })

  it('passes opa check --strict, opa test, gator verify, regal lint and gen-templates --check', () => {
    const p = `policies/${NAME}`
    let r = run(join(BIN, 'opa'), ['check', '--strict', 'policies/lib', p])
    expect(r.status, out(r)).toBe(0)
    r = run(join(BIN, 'opa'), ['test', 'policies/lib', p, '--ignore', '*.yaml', '--format', 'json'])
    expect(r.status, out(r)).toBe(0)
    const tests = (JSON.parse(r.stdout) as { package: string; fail?: boolean }[]).filter(
      (t) => t.package === 'data.hardeningscaffoldexample_test'
    )
    expect(tests.length).toBeGreaterThanOrEqual(4)
    expect(tests.filter((t) => t.fail)).toEqual([])
    r = run(join(BIN, 'gator'), ['verify', `${p}/suite.yaml`])
    expect(r.status, out(r)).toBe(0)
    r = run(join(BIN, 'regal'), [
      'lint',
      '--config-file',
      'policies/.regal/config.yaml',
      'policies'
    ])
    expect(r.status, out(r)).toBe(0)
    r = node('scripts/gen-templates.mjs', '--check')
    expect(r.status, out(r)).toBe(0)
    r = node('scripts/gen-docs.mjs', '--check')
    expect(r.status, out(r)).toBe(0)
  })

  it('the checks fail when the scaffolded logic is broken', () => {
    const src = join(dir, 'policies', NAME, 'src.rego')
    const good = readFileSync(src, 'utf8')
    try {
      writeFileSync(src, good.replace('startswith(image, prefix)', 'endswith(image, prefix)'))
      expect(node('scripts/gen-templates.mjs').status).toBe(0)
      const p = `policies/${NAME}`
      expect(
        run(join(BIN, 'opa'), ['test', 'policies/lib', p, '--ignore', '*.yaml']).status
      ).not.toBe(0)
      expect(run(join(BIN, 'gator'), ['verify', `${p}/suite.yaml`]).status).not.toBe(0)
    } finally {
      writeFileSync(src, good)
      node('scripts/gen-templates.mjs')
    }
  })

  it('refuses an existing folder and invalid names', () => {
    expect(node('scripts/new-policy.mjs', NAME).status).toBe(2)
    expect(node('scripts/new-policy.mjs', 'Bad_Name').status).toBe(2)
    expect(node('scripts/new-policy.mjs', 'lib').status).toBe(2)
    expect(node('scripts/new-policy.mjs').status).toBe(2)
  })
})

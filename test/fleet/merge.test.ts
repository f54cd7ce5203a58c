// `hardening fleet merge` over repository directories written by the action's own report
// functions: golden Markdown, JSON and HTML for a fleet with a previous run, hostile names,
// an unreadable repository and odd entries; then each rule on its own.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { FLEET_OPTIONS, FLEET_USAGE, runFleet } from '../../src/cli/fleet.js'
import { main } from '../../src/cli/main.js'
import { mergeFleet } from '../../src/fleet/merge.js'
import { fleetHtml, fleetJson, fleetMarkdown, mermaidLabel } from '../../src/fleet/render.js'
import { finding, writeRepository } from './fixtures.js'

const GOLDEN = path.join(import.meta.dirname, 'golden')
const scratch = mkdtempSync(path.join(os.tmpdir(), 'fleet-merge-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

let fleets = 0
/** A fresh `<root>/previous` and `<root>/current`. */
function fleetDirs(): { previous: string; current: string } {
  const root = path.join(scratch, String(fleets++))
  const dirs = { previous: path.join(root, 'previous'), current: path.join(root, 'current') }
  mkdirSync(dirs.previous, { recursive: true })
  mkdirSync(dirs.current, { recursive: true })
  return dirs
}

const privilegedApi = finding({ ruleId: 'HardeningPssPrivileged', resource: 'Deployment/api' })
const tagsApi = finding({
  ruleId: 'HardeningDisallowedTags',
  resource: 'Deployment/api',
  severity: 'MEDIUM'
})
const privilegedWorker = finding({
  ruleId: 'HardeningPssPrivileged',
  resource: 'Deployment/api-worker',
  severity: 'CRITICAL'
})
const privilegedWeb = finding({ ruleId: 'HardeningPssPrivileged', resource: 'Deployment/web' })
const legacy = finding({ ruleId: 'HardeningDisallowedTags', resource: 'CronJob/legacy' })
const HOSTILE_NAME =
  'evil/<img src=x onerror=alert(1)>|[x](javascript:alert(1)) @octo-org/admins #1'
const hostileFinding = finding({
  ruleId: '<script>alert(1)</script>',
  title: '| broken | `code` *bold* <b>x</b>',
  resource: 'Pod/"><svg onload=alert(1)>'
})

/** The sample fleet: docs/fleet.md shows its Markdown. */
function sampleFleet() {
  const { previous, current } = fleetDirs()
  writeFileSync(
    path.join(previous, 'fleet.json'),
    JSON.stringify({
      history: [
        { label: 'run 10', repositories: 3, failing: 2, open: 6, critical: 0, high: 5 },
        { label: 'run 11', repositories: 3, failing: 2, open: 4, critical: 0, high: 3 }
      ]
    })
  )
  writeRepository(previous, 'fleet-octo-org__api', {
    repository: 'octo-org/api',
    findings: [privilegedApi, tagsApi],
    failed: true
  })
  writeRepository(previous, 'fleet-octo-org__web', {
    repository: 'octo-org/web',
    findings: [privilegedWeb],
    failed: true
  })
  writeRepository(previous, 'fleet-octo-org__legacy', {
    repository: 'octo-org/legacy',
    findings: [legacy],
    failed: false
  })

  writeRepository(current, 'fleet-octo-org__api', {
    repository: 'octo-org/api',
    findings: [tagsApi, privilegedWorker],
    failed: true,
    reasons: ['1 CRITICAL finding at or above the threshold HIGH.']
  })
  writeRepository(current, 'fleet-octo-org__web', {
    repository: 'octo-org/web',
    findings: [
      {
        ...privilegedWeb,
        suppression: { reason: 'Node agent.', owner: 'team-web', expires: '2099-01-01' }
      }
    ],
    failed: false
  })
  // No repository.json: a weekly scan's artifact, named after its target.
  writeRepository(current, 'hardening-image-ghcr.io-org-app-1.4.2', {
    findings: [],
    failed: false
  })
  writeRepository(current, 'fleet-hostile', {
    repository: HOSTILE_NAME,
    findings: [hostileFinding],
    failed: true,
    reasons: ['<b>bold</b> reason | with a pipe']
  })
  writeRepository(current, 'fleet-octo-org__old-action', {
    repository: 'octo-org/old-action',
    findings: [],
    failed: false,
    noEvidence: true
  })
  const broken = writeRepository(current, 'fleet-octo-org__broken', {
    repository: 'octo-org/broken',
    findings: [],
    failed: false
  })
  writeFileSync(path.join(broken, 'findings.json'), '{"findings": [')
  symlinkSync('/etc', path.join(current, 'fleet-link'))
  return { previous, current }
}

const LABEL = 'run 12 "]; %%{init: {}}%%'

describe('fleet merge: golden output', async () => {
  const { previous, current } = sampleFleet()
  const doc = await mergeFleet({ current: [current], previous: [previous], label: LABEL })
  const outputs = {
    'fleet.md': fleetMarkdown(doc),
    'fleet.json': fleetJson(doc),
    'fleet.html': fleetHtml(doc)
  }

  it.each(Object.keys(outputs))(
    '%s matches test/fleet/golden (UPDATE_GOLDEN=1 rewrites it)',
    (file) => {
      const text = outputs[file as keyof typeof outputs]
      if (process.env.UPDATE_GOLDEN) writeFileSync(path.join(GOLDEN, file), text)
      expect(text).toBe(readFileSync(path.join(GOLDEN, file), 'utf8'))
    }
  )

  it('compares each repository with its previous run by fingerprint', () => {
    const api = doc.repositories.find((r) => r.name === 'octo-org/api')!
    // privilegedWorker is new; privilegedApi is gone; tagsApi is in both.
    expect(api.change).toEqual({ new: 1, fixed: 1 })
    // A finding waived since counts as fixed: it is no longer open.
    expect(doc.repositories.find((r) => r.name === 'octo-org/web')!.change).toEqual({
      new: 0,
      fixed: 1
    })
    expect(doc.repositories.find((r) => r.name === HOSTILE_NAME)!.change).toBeNull()
    expect(doc.removed).toEqual(['octo-org/legacy'])
    expect(doc.summary.change).toEqual({ new: 1, fixed: 2 })
  })

  it('keeps the previous history and adds this run', () => {
    expect(doc.history.map((p) => p.label)).toEqual(['run 10', 'run 11', LABEL])
    expect(doc.history.at(-1)).toMatchObject({ repositories: 6, failing: 2, open: 3 })
  })

  it('reports an unreadable repository and odd entries instead of aborting', () => {
    const broken = doc.repositories.find((r) => r.name === 'octo-org/broken')!
    expect(broken.status).toBe('unreadable')
    expect(broken.problems[0]).toMatch(
      /^current\/fleet-octo-org__broken\/findings\.json is not valid JSON/
    )
    expect(doc.problems).toEqual(['current/fleet-link is a symbolic link; it was not followed'])
    expect(doc.repositories.find((r) => r.name === 'octo-org/old-action')!.problems).toEqual([
      'current/fleet-octo-org__old-action/evidence/evidence.json is missing: no control results'
    ])
  })

  it('names a repository from its repository.json, else its directory', () => {
    expect(doc.repositories.map((r) => r.name)).toContain('hardening-image-ghcr.io-org-app-1.4.2')
    expect(doc.repositories.map((r) => r.name)).toContain('octo-org/api')
  })

  it('reads per repository × control pass/fail from the evidence', () => {
    const api = doc.repositories.find((r) => r.name === 'octo-org/api')!
    expect(api.controls).toEqual({
      pass: [],
      fail: [
        'cis-kubernetes:5.2.2',
        'cis-kubernetes:5.5.1',
        'iso27001-2022:A.8.9',
        'soc2:CC6.1',
        'soc2:CC8.1'
      ]
    })
    const web = doc.repositories.find((r) => r.name === 'octo-org/web')!
    expect(web.controls.fail).toEqual([])
    const control = doc.controls.find((c) => c.id === 'cis-kubernetes:5.2.2')!
    // octo-org/broken's findings.json is unreadable but its evidence is not; old-action has none.
    expect(control).toMatchObject({
      passing: 4,
      failing: 1,
      failingRepositories: ['octo-org/api'],
      // Every run with evidence enforced it with the fixture's deny constraint (its coverage).
      enforcement: { deny: 5, warn: 0, dryrun: 0 },
      title: 'Minimize the admission of privileged containers'
    })
  })

  it('escapes hostile names in every format', () => {
    const md = outputs['fleet.md']
    expect(md).not.toContain('<img')
    expect(md).not.toContain('<script>')
    expect(md).not.toMatch(/(?<!\\)\]\(javascript:/) // only an escaped, inert `\]`
    expect(md).not.toContain('@octo-org/admins')
    const html = outputs['fleet.html']
    expect(html).not.toContain('<img')
    expect(html).not.toContain('<script>')
    expect(html).not.toContain('<svg')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    // The label reaches Mermaid only as letters, digits and a few inert characters.
    const chart = md.slice(
      md.indexOf('```mermaid'),
      md.indexOf('```', md.indexOf('```mermaid') + 3)
    )
    expect(chart).not.toContain('%%')
    expect(chart).toContain('"run 12 ___ ___init: ____"')
  })
})

describe('fleet merge: rules', () => {
  it('without a previous run there is no change and the trend has one point', async () => {
    const { current } = fleetDirs()
    writeRepository(current, 'a', { repository: 'o/a', findings: [privilegedApi], failed: true })
    const doc = await mergeFleet({ current: [current] })
    expect(doc.summary.change).toBeNull()
    expect(doc.repositories[0].change).toBeNull()
    expect(doc.history).toEqual([
      { label: 'current', repositories: 1, failing: 1, open: 1, critical: 0, high: 1 }
    ])
    expect(fleetMarkdown(doc)).toContain('No previous run to compare with.')
  })

  it('a previous run without fleet.json becomes one history point of its own totals', async () => {
    const { previous, current } = fleetDirs()
    writeRepository(previous, 'a', {
      repository: 'o/a',
      findings: [privilegedApi, tagsApi],
      failed: true
    })
    writeRepository(current, 'a', { repository: 'o/a', findings: [], failed: false })
    const doc = await mergeFleet({ current: [current], previous: [previous], label: '2026-12-07' })
    expect(doc.history).toEqual([
      { label: 'previous', repositories: 1, failing: 1, open: 2, critical: 0, high: 1 },
      { label: '2026-12-07', repositories: 1, failing: 0, open: 0, critical: 0, high: 0 }
    ])
  })

  it('the same repository in two directories is merged once and reported', async () => {
    const { previous: one, current: two } = fleetDirs()
    writeRepository(one, 'x', { repository: 'o/A', findings: [privilegedApi], failed: true })
    writeRepository(two, 'y', { repository: 'o/a', findings: [], failed: false })
    const doc = await mergeFleet({ current: [one, two] })
    expect(doc.repositories.map((r) => r.name)).toEqual(['o/A'])
    expect(doc.problems).toEqual([
      'current/y is also repository o/a (already read from previous/x); it was not merged'
    ])
  })

  it('malformed entries, markers and controls are counted and named, never trusted', async () => {
    const { current } = fleetDirs()
    const dir = writeRepository(current, 'odd', { findings: [], failed: false })
    writeFileSync(path.join(dir, 'repository.json'), JSON.stringify({ repository: 'o/\u0007bell' }))
    writeFileSync(
      path.join(dir, 'findings.json'),
      JSON.stringify({
        failed: 'yes',
        findings: [privilegedApi, { fingerprint: 1 }, null, { ...tagsApi, severity: 'SEVERE' }]
      })
    )
    writeFileSync(
      path.join(dir, 'evidence', 'evidence.json'),
      JSON.stringify({ controls: [{ framework: 'soc2', control: 'CC6.1', status: 'maybe' }] })
    )
    const doc = await mergeFleet({ current: [current] })
    const odd = doc.repositories[0]
    expect(odd.name).toBe('odd')
    expect(odd).toMatchObject({ status: 'ok', gate: 'unknown', open: 2 })
    expect(odd.bySeverity).toMatchObject({ HIGH: 1, UNKNOWN: 1 })
    expect(doc.problems).toEqual([
      "current/odd/repository.json has no usable 'repository' name; the directory name is used"
    ])
    expect(odd.problems).toEqual([
      'current/odd/evidence/evidence.json: 1 control entry is malformed; not counted',
      "current/odd/findings.json has no 'failed' verdict; the gate is unknown",
      'current/odd/findings.json: 2 entries are not a finding (no fingerprint or ruleId); not counted'
    ])
  })

  it('a findings.json that is a link or not a findings file makes the repository unreadable', async () => {
    const { current } = fleetDirs()
    const linked = writeRepository(current, 'linked', { findings: [], failed: false })
    rmSync(path.join(linked, 'findings.json'))
    symlinkSync('/etc/passwd', path.join(linked, 'findings.json'))
    const list = writeRepository(current, 'list', { findings: [], failed: false })
    writeFileSync(path.join(list, 'findings.json'), '[]')
    const doc = await mergeFleet({ current: [current] })
    expect(doc.repositories.map((r) => [r.name, r.status, r.problems[0]])).toEqual([
      [
        'linked',
        'unreadable',
        'current/linked/findings.json is a symbolic link; it was not followed'
      ],
      [
        'list',
        'unreadable',
        "current/list/findings.json is not a findings file (no 'findings' list)"
      ]
    ])
  })

  it('a DIR that is not a directory is an error naming it', async () => {
    await expect(mergeFleet({ current: [path.join(scratch, 'missing')] })).rejects.toThrow(
      /missing is not a directory/
    )
  })

  it('Mermaid labels keep only inert characters', () => {
    expect(mermaidLabel('run 7')).toBe('run 7')
    expect(mermaidLabel('a"]\n%%{init}%%<b>`')).toBe('a______init____b__')
    expect(mermaidLabel('"""')).toBe('___')
    expect(mermaidLabel('')).toBe('_')
    expect(mermaidLabel('x'.repeat(40))).toHaveLength(24)
  })
})

describe('hardening fleet merge (CLI)', () => {
  it('writes the three files with --output-dir, byte for byte the golden ones', async () => {
    const { previous, current } = sampleFleet()
    const out = path.join(scratch, 'out')
    const code = await runFleet([
      'merge',
      current,
      '--previous',
      previous,
      '--label',
      LABEL,
      '--output-dir',
      out
    ])
    expect(code).toBe(0)
    for (const file of ['fleet.md', 'fleet.json', 'fleet.html'])
      expect(readFileSync(path.join(out, file), 'utf8')).toBe(
        readFileSync(path.join(GOLDEN, file), 'utf8')
      )
  })

  it('saves what the next run compares with, and that comparison equals one with the full files', async () => {
    const { previous, current } = sampleFleet()
    const saved = path.join(scratch, 'previous-report')
    expect(await runFleet(['merge', previous, '--output-dir', saved])).toBe(0)
    const fromFiles = await mergeFleet({ current: [current], previous: [previous] })
    const fromSaved = await mergeFleet({ current: [current], previous: [saved] })
    const changes = (doc: typeof fromFiles) => doc.repositories.map((r) => [r.name, r.change])
    expect(changes(fromSaved)).toEqual(changes(fromFiles))
    expect(changes(fromSaved).filter(([, change]) => change !== null).length).toBeGreaterThan(0)
    expect(fromSaved.summary.change).toEqual(fromFiles.summary.change)
    expect(fromSaved.removed).toEqual(fromFiles.removed)
    // Only what a comparison needs is kept: no messages, titles or paths from the repositories.
    const kept = readdirSync(saved, { withFileTypes: true }).filter((e) => e.isDirectory())
    expect(kept.length).toBeGreaterThan(0)
    for (const entry of kept) {
      const file = path.join(saved, entry.name, 'findings.json')
      if (!existsSync(file)) continue
      const doc = JSON.parse(readFileSync(file, 'utf8')) as { findings: object[] }
      for (const f of doc.findings)
        expect(Object.keys(f).sort()).toEqual(['fingerprint', 'ruleId', 'severity'])
    }
  })

  it('refuses an --output-dir that is one of its inputs, which it would overwrite', async () => {
    const { previous, current } = sampleFleet()
    const before = readFileSync(path.join(previous, 'fleet.json'), 'utf8')
    expect(
      await runFleet(['merge', current, '--previous', previous, '--output-dir', previous])
    ).toBe(2)
    expect(readFileSync(path.join(previous, 'fleet.json'), 'utf8')).toBe(before)
  })

  it('is a command of the CLI, and its help lists every option it accepts', async () => {
    const listed = [...FLEET_USAGE.matchAll(/^ {2}(?:-\w, )?--([\w-]+)/gm)].map((m) => m[1])
    expect(listed.sort()).toEqual(Object.keys(FLEET_OPTIONS).sort())
    expect(await main(['fleet', '--help'])).toBe(0)
  })

  it('refuses bad usage with exit 2', async () => {
    const { current } = fleetDirs()
    expect(await runFleet(['split', current])).toBe(2)
    expect(await runFleet(['merge'])).toBe(2)
    expect(await runFleet(['merge', current, '--format', 'xml'])).toBe(2)
    expect(await runFleet(['merge', current, '--output', 'x', '--output-dir', 'y'])).toBe(2)
    expect(await runFleet(['merge', path.join(scratch, 'nothing-here')])).toBe(2)
  })
})

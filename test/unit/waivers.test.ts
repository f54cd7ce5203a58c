import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../src/errors.js'
import { finalize, type Finding } from '../../src/findings/model.js'
import { applyWaivers, globMatcher, parseWaivers } from '../../src/findings/waivers.js'
import { random } from '../harness/random.js'

const finding = (overrides: Partial<Finding> = {}): Finding =>
  finalize({
    scanner: 'image',
    target: 'ghcr.io/org/app:1.0',
    ruleId: 'CVE-2024-0001',
    title: 't',
    severity: 'HIGH',
    message: 'm',
    resource: 'openssl@3.0.1',
    ...overrides
  })

const FILE = `waivers:
  - rule: CVE-2024-0001
    image: ghcr.io/org/*
    reason: not reachable, no TLS in this service
    owner: team-payments
    expires: 2026-12-31
  - rule: HardeningDisallowedTags
    path: legacy/*.yaml
    reason: migrating
    owner: platform
    expires: 2026-01-01
`

describe('waivers', () => {
  const waivers = parseWaivers(FILE, '.hardening/waivers.yaml')
  const today = new Date('2026-11-30T12:00:00Z')

  it('suppresses covered findings, keeping them with reason, owner and expiry', () => {
    const result = applyWaivers(
      [finding(), finding({ target: 'docker.io/other:1' })],
      waivers,
      'w.yaml',
      today
    )
    expect(result.findings[0].suppression).toEqual({
      reason: 'not reachable, no TLS in this service',
      owner: 'team-payments',
      expires: '2026-12-31'
    })
    expect(result.findings[1].suppression).toBeUndefined()
    expect(result.findings).toHaveLength(2)
  })

  it('reports an expired waiver by file and line, and lets it cover nothing', () => {
    const policyFinding = finding({
      scanner: 'policies',
      ruleId: 'HardeningDisallowedTags',
      location: { path: 'legacy/a.yaml', startLine: 3 }
    })
    const result = applyWaivers([policyFinding], waivers, 'w.yaml', today)
    expect(result.findings[0].suppression).toBeUndefined()
    expect(result.expired).toEqual([
      'Waiver for HardeningDisallowedTags (w.yaml:7, owner platform) expired on 2026-01-01; renew or remove it.'
    ])
  })

  it('rejects an invalid waiver with the line of the entry', () => {
    const bad = 'waivers:\n  - rule: X\n    reason: r\n    owner: o\n    expires: tomorrow\n'
    expect(() => parseWaivers(bad, 'w.yaml')).toThrow(ConfigError)
    expect(() => parseWaivers(bad, 'w.yaml')).toThrow(
      "w.yaml:2: 'expires' must be a date like 2026-12-31; got 'tomorrow'"
    )
    expect(() =>
      parseWaivers('waivers:\n  - rule: X\n    owner: o\n    expires: 2027-01-01\n', 'w.yaml')
    ).toThrow("w.yaml:2: waiver is missing 'reason'")
    expect(() => parseWaivers('waivers: [\n', 'w.yaml')).toThrow(/^w\.yaml:\d+: invalid YAML/)
    expect(() => parseWaivers('waivers:\n  - rule: X\n    scope: y\n', 'w.yaml')).toThrow(
      /unknown waiver field 'scope'/
    )
  })

  it('applies the first covering waiver in file order, exact rules and wildcards alike', () => {
    const entry = (rule: string, owner: string, extra = '') =>
      `  - rule: ${rule}\n${extra}    reason: r\n    owner: ${owner}\n    expires: 2999-01-01\n`
    const ordered = parseWaivers(
      'waivers:\n' +
        entry('CVE-2024-0001', 'exact-elsewhere', '    path: other/*\n') +
        entry('CVE-*', 'wildcard-first') +
        entry('CVE-2024-0001', 'exact-second') +
        entry('CVE-2024-0002', 'exact-first') +
        entry('CVE-2024-*', 'wildcard-second'),
      'w.yaml'
    )
    const owners = applyWaivers(
      [
        finding(),
        finding({ ruleId: 'CVE-2024-0002' }),
        finding({ ruleId: 'GHSA-1' }),
        finding({ location: { path: 'other/a.yaml', startLine: 1 } })
      ],
      ordered,
      'w.yaml',
      today
    ).findings.map((f) => f.suppression?.owner)
    expect(owners).toEqual(['wildcard-first', 'wildcard-first', undefined, 'exact-elsewhere'])
    const exactFirst = parseWaivers(
      'waivers:\n' + entry('CVE-2024-0001', 'exact') + entry('CVE-*', 'wildcard'),
      'w.yaml'
    )
    expect(
      applyWaivers([finding()], exactFirst, 'w.yaml', today).findings[0]!.suppression?.owner
    ).toBe('exact')
  })
})

/** The matcher waivers used before: a regex, which backtracks exponentially on many stars. */
function regexGlob(pattern: string): (value: string) => boolean {
  const regex = new RegExp(
    `^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`
  )
  return (value) => regex.test(value)
}

describe('waiver globs', () => {
  it('match exactly what the old regex matcher matched (property)', () => {
    const next = random(5)
    const pick = (alphabet: string, max: number): string =>
      Array.from(
        { length: Math.floor(next() * (max + 1)) },
        () => alphabet[Math.floor(next() * alphabet.length)]
      ).join('')
    // few letters, so that literal parts recur; regex metacharacters and a line break included
    for (let i = 0; i < 5000; i++) {
      const pattern = pick('ab**.\n', 7)
      const value = pick('ab.\n', 9)
      expect(globMatcher(pattern)(value), JSON.stringify({ pattern, value })).toBe(
        regexGlob(pattern)(value)
      )
    }
  })

  it('stay fast on patterns of many stars that do not match', () => {
    const pattern = `${'a*'.repeat(12)}b`
    const value = 'a'.repeat(5000)
    const started = performance.now()
    expect(globMatcher(pattern)(value)).toBe(false)
    expect(globMatcher(`*${'a*'.repeat(12)}`)(value)).toBe(true)
    expect(performance.now() - started).toBeLessThan(100)
  })
})

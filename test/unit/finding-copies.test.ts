import { describe, expect, it } from 'vitest'
import { markNew } from '../../src/findings/baseline.js'
import { finalize, withFields, type FindingDraft } from '../../src/findings/model.js'
import { applyWaivers, type Waiver } from '../../src/findings/waivers.js'

const draft: FindingDraft = {
  scanner: 'image',
  target: 'registry.example.com/app:1.0',
  ruleId: 'CVE-2025-1',
  title: 'T',
  severity: 'HIGH',
  message: 'é "quoted"\n',
  resource: 'openssl 3.0.1',
  location: { path: 'deploy/a.yaml', startLine: 3 },
  constraint: 'K8sX/x'
}

/** The text findings.json holds for a value: key order included. */
const json = (value: unknown): string => JSON.stringify(value)

describe('finalize', () => {
  it('keeps the fingerprints that users’ baselines hold', () => {
    // Values written by the fingerprint's definition before findings were copied with withFields.
    expect(finalize(draft).fingerprint).toBe('3b268d51c8bb34a3728ac63fe99d858f')
    const minimal: FindingDraft = {
      scanner: 'policies',
      target: 'manifests',
      ruleId: 'R',
      title: 'T',
      severity: 'LOW',
      message: 'm',
      resource: 'Pod/p'
    }
    expect(finalize(minimal).fingerprint).toBe('8802f55bfcfd794608a80e39480d73d2')
  })

  it('is the draft with its fingerprint last, as a spread writes it, and leaves the draft alone', () => {
    const before = json(draft)
    const finding = finalize(draft)
    expect(json(finding)).toBe(json({ ...draft, fingerprint: finding.fingerprint }))
    expect(json(draft)).toBe(before)
  })
})

describe('withFields', () => {
  it('writes what a spread writes: new fields last, a field it replaces in its place', () => {
    const value = { b: 1, a: { nested: true }, c: 'x' }
    for (const fields of [{}, { d: 2 }, { a: 'replaced' }, { e: undefined, b: null }]) {
      const copy = withFields(value, fields)
      expect(json(copy)).toBe(json({ ...value, ...fields }))
      expect(Object.keys(copy)).toEqual(Object.keys({ ...value, ...fields }))
      expect(copy).not.toBe(value)
    }
    expect(value).toEqual({ b: 1, a: { nested: true }, c: 'x' })
  })
})

describe('the copies waivers and the baseline make', () => {
  const findings = [finalize(draft), finalize({ ...draft, ruleId: 'CVE-2025-2' })]
  const waiver: Waiver = {
    rule: 'CVE-2025-1',
    reason: 'accepted',
    owner: 'team',
    expires: '2999-01-01',
    line: 2
  }

  it('adds suppression and isNew after the finding’s own fields, as a spread does', () => {
    const waived = applyWaivers(findings, [waiver], 'w.yaml').findings
    expect(json(waived[0])).toBe(
      json({
        ...findings[0],
        suppression: { reason: 'accepted', owner: 'team', expires: '2999-01-01' }
      })
    )
    expect(waived[1]).toBe(findings[1]) // not waived: not copied
    const marked = markNew(waived, new Set([findings[1]!.fingerprint]))
    expect(marked.map(json)).toEqual([
      json({ ...waived[0], isNew: true }),
      json({ ...waived[1], isNew: false })
    ])
    expect(findings[0]).not.toHaveProperty('isNew')
  })
})

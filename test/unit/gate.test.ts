import { describe, expect, it } from 'vitest'
import { finalize, type Finding } from '../../src/findings/model.js'
import { decide } from '../../src/gate.js'

const f = (severity: Finding['severity'], extra: Partial<Finding> = {}): Finding =>
  finalize({
    scanner: 'policies',
    target: 'manifests',
    ruleId: `R-${severity}`,
    title: '',
    severity,
    message: severity,
    resource: 'x',
    ...extra
  })

const policy = { failOnSeverity: 'HIGH' as const, onlyNew: false, configurationErrors: [] }

describe('decide', () => {
  it('fails at or above the threshold only', () => {
    expect(decide([f('MEDIUM'), f('LOW')], policy).failed).toBe(false)
    const decision = decide([f('MEDIUM'), f('HIGH'), f('CRITICAL')], policy)
    expect(decision.failed).toBe(true)
    expect(decision.blocking.map((b) => b.severity)).toEqual(['HIGH', 'CRITICAL'])
    expect(decision.reasons).toEqual(['2 finding(s) at or above HIGH.'])
  })

  it('never blocks on waived, dryrun or warn findings, or with threshold none', () => {
    const waived = f('CRITICAL', {
      suppression: { reason: 'r', owner: 'o', expires: '2099-01-01' }
    })
    expect(
      decide(
        [
          waived,
          f('CRITICAL', { enforcementAction: 'dryrun' }),
          f('HIGH', { enforcementAction: 'warn' })
        ],
        policy
      ).failed
    ).toBe(false)
    expect(decide([f('CRITICAL')], { ...policy, failOnSeverity: null }).failed).toBe(false)
  })

  it('with a baseline, blocks only new findings', () => {
    const decision = decide([f('CRITICAL', { isNew: false }), f('HIGH', { isNew: true })], {
      ...policy,
      onlyNew: true
    })
    expect(decision.blocking.map((b) => b.severity)).toEqual(['HIGH'])
    expect(decision.reasons).toEqual(['1 new finding(s) at or above HIGH.'])
  })

  it('applies per-scanner thresholds over the default one', () => {
    const image = f('HIGH', { scanner: 'image', ruleId: 'CVE-1' })
    const policy2 = {
      ...policy,
      failOnSeverityByScanner: { image: 'CRITICAL' as const, repository: null }
    }
    expect(decide([image], policy2).failed).toBe(false)
    expect(decide([f('CRITICAL', { scanner: 'repository' })], policy2).failed).toBe(false)
    expect(decide([image, f('HIGH')], policy2).blocking.map((b) => b.scanner)).toEqual(['policies'])
  })

  it('fails on configuration errors such as expired waivers even without findings', () => {
    const decision = decide([], { ...policy, configurationErrors: ['Waiver expired'] })
    expect(decision).toMatchObject({ failed: true, reasons: ['Waiver expired'] })
  })
})

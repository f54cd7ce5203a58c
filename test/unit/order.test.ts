import { describe, expect, it } from 'vitest'
import { finalize, type Finding } from '../../src/findings/model.js'
import { mostSevere, sortBySeverity } from '../../src/findings/order.js'
import { random } from '../harness/random.js'

const SEVERITIES = ['UNKNOWN', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const

/** Findings with many ties (few paths, lines and severities), some without a location. */
function findings(next: () => number, count: number): Finding[] {
  const pick = (n: number) => Math.floor(next() * n)
  return Array.from({ length: count }, (_, i) =>
    finalize({
      scanner: 'policies',
      target: 'manifests',
      ruleId: `Rule${i}`,
      title: 'rule',
      severity: SEVERITIES[pick(SEVERITIES.length)]!,
      message: `finding ${i}`,
      resource: `Pod/p${i}`,
      ...(pick(5) ? { location: { path: `k8s/${pick(3)}.yaml`, startLine: 1 + pick(4) } } : {})
    })
  )
}

describe('mostSevere', () => {
  it('is the first N of the full sort, ties in their original order, for 500 generated lists', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const next = random(seed)
      const list = findings(next, Math.floor(next() * 60))
      const count = Math.floor(next() * (list.length + 3))
      const expected = sortBySeverity(list).slice(0, count)
      // Identity, not equality: equal-looking findings must come out in the same order.
      expect(mostSevere(list, count), `seed ${seed}`).toStrictEqual(expected)
      mostSevere(list, count).forEach((finding, i) => expect(finding).toBe(expected[i]))
    }
  })
})

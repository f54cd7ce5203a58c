import { describe, expect, it } from 'vitest'
import { finalize, type Finding } from '../../src/findings/model.js'
import { byText, mostSevere, naturalOrder, sortBySeverity } from '../../src/findings/order.js'
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

describe('naturalOrder', () => {
  const collator = new Intl.Collator('en', { numeric: true })
  const expected = (a: string, b: string) => Math.sign(collator.compare(a, b) || byText(a, b))

  it('orders as the numeric collator, then code units, on 200,000 generated pairs', () => {
    // Mostly what control IDs hold (digits, dots, letters of both cases), with every printable
    // ASCII character, leading zeros, and some text the collator must be asked about.
    const pieces = [
      ...'0123456789',
      '0',
      '00',
      '.',
      '-',
      ' ',
      ...'aAbBzZ',
      ...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)),
      'é',
      '\u0001',
      '\t',
      '１'
    ]
    for (let seed = 1; seed <= 2_000; seed++) {
      const next = random(seed)
      const text = () =>
        Array.from(
          { length: Math.floor(next() * 8) },
          () => pieces[Math.floor(next() * pieces.length)]!
        ).join('')
      for (let pair = 0; pair < 100; pair++) {
        const a = text()
        // Half the pairs share a prefix, where the later, finer differences decide.
        const b = next() < 0.5 ? a.slice(0, Math.floor(next() * (a.length + 1))) + text() : text()
        expect(Math.sign(naturalOrder(a, b)), JSON.stringify([a, b])).toBe(expected(a, b))
      }
    }
  })

  it('orders numbers by value, case last, and long digit runs as the collator does', () => {
    const pairs: Array<[string, string]> = [
      ['CC6.2', 'CC6.10'],
      ['A.8.9', 'A.8.10'],
      ['164.312(a)(1)', '164.312(b)'],
      ['a01', 'a1'],
      ['x', 'X'],
      ['Xa', 'xb'],
      ['ab', 'a-b'],
      [`n${'9'.repeat(300)}`, `n${'1'.repeat(301)}`],
      [`${'0'.repeat(250)}7`, '8']
    ]
    for (const [a, b] of pairs) {
      expect(Math.sign(naturalOrder(a, b)), `${a} vs ${b}`).toBe(expected(a, b))
      expect(Math.sign(naturalOrder(b, a)), `${b} vs ${a}`).toBe(expected(b, a))
    }
    expect(['CC6.10', 'CC6.2', 'CC6.1'].sort(naturalOrder)).toEqual(['CC6.1', 'CC6.2', 'CC6.10'])
  })
})

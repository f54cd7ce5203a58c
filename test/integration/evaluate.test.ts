// evaluateTemplates with the real conftest: templates share a conftest process only when their
// Rego can share one namespace, and a large input is split across processes without changing
// a verdict.
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { regoPackageOf } from '../../src/scanners/gatekeeper/annotations.js'
import {
  evaluateTemplates,
  startEarlyConftest,
  stopEarlyConftest,
  type Review
} from '../../src/scanners/gatekeeper/evaluate.js'
import type { Template } from '../../src/scanners/gatekeeper/library.js'
import { TOOLS_BIN } from '../harness/paths.js'

const conftest = path.join(TOOLS_BIN, 'conftest')
const scratch = mkdtempSync(path.join(os.tmpdir(), 'evaluate-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/**
 * The real conftest behind a script that keeps each run's input (its standard input) in
 * `<log>/<pid>.json`.
 */
function recordingConftest(name: string): { bin: string; inputs: () => unknown[] } {
  const log = path.join(scratch, `${name}-log`)
  const bin = path.join(scratch, `${name}-conftest`)
  writeFileSync(
    bin,
    `#!/bin/sh\nmkdir -p '${log}'\ncat >'${log}/'$$.json\nexec '${conftest}' "$@" <'${log}/'$$.json\n`
  )
  chmodSync(bin, 0o755)
  return {
    bin,
    inputs: () =>
      readdirSync(log).map(
        (file) => JSON.parse(readFileSync(path.join(log, file), 'utf8')) as unknown
      )
  }
}

const template = (
  kind: string,
  rego: string,
  libs: string[] = [],
  regoVersion: 'v0' | 'v1' = 'v1'
): Template => ({
  kind,
  name: kind.toLowerCase(),
  rego,
  libs,
  regoVersion,
  regoPackage: regoPackageOf(rego)!,
  annotations: {},
  file: `${kind}.yaml`,
  referential: false
})

const lib = (text: string) => `package lib.helpers\n\nmsg := "${text}"\n`
const usesLib = (pkg: string) =>
  `package ${pkg}\n\nviolation contains {"msg": sprintf("%s: %s", [data.lib.helpers.msg, input.review.name])} if input.review.object.kind == "Pod"\n`

const review = (name: string, kind = 'Pod', parameters: Record<string, unknown> = {}): Review => ({
  review: {
    kind: { group: '', version: 'v1', kind },
    name,
    namespace: 'default',
    operation: 'CREATE',
    object: { apiVersion: 'v1', kind, metadata: { name } }
  },
  parameters
})

const T1 = template('T1', usesLib('t1'), [lib('lib one')])
const T2 = template('T2', usesLib('t2'), [lib('lib two')]) // same lib package, other text
const T3 = template(
  'T3',
  'package t3\n\nviolation[{"msg": msg}] {\n  input.parameters.flag\n  msg := sprintf("t3 %v", [input.review.name])\n}\n',
  [],
  'v0'
)
const T4 = template('T4', usesLib('t4'), [lib('lib one')]) // identical lib: shares T1's set

describe('evaluateTemplates', () => {
  it('keeps each template with its own libraries and Rego version, sharing what is identical', async () => {
    const workDir = path.join(scratch, 'sets')
    const violations = await evaluateTemplates(
      conftest,
      [
        { template: T1, reviews: [review('a'), review('svc', 'Service')] },
        { template: T2, reviews: [review('b')] },
        { template: T3, reviews: [review('c', 'Pod', { flag: true }), review('d')] },
        { template: T4, reviews: [review('e')] }
      ],
      workDir,
      60_000
    )
    const seen = violations.map((v) => `${v.kind}[${v.index}] ${v.msg}`).sort()
    expect(seen).toEqual(['T1[0] lib one: a', 'T2[0] lib two: b', 'T3[0] t3 c', 'T4[0] lib one: e'])
    // {T1, T4}, {T2}, {T3}: three conftest policy sets, not four processes.
    expect(readdirSync(workDir).sort()).toEqual(['set-0', 'set-1', 'set-2'])
    expect(readdirSync(path.join(workDir, 'set-0', 'policy')).sort()).toEqual([
      'T1.rego',
      'T4.rego',
      expect.stringMatching(/^lib_[0-9a-f]{16}\.rego$/),
      'zz_hardening_engine.rego'
    ])
  })

  it('splits a large input across processes with the same verdicts', async () => {
    const reviews = Array.from({ length: 1_200 }, (_, i) =>
      review(`pod-${i}`, i % 3 ? 'Pod' : 'Service')
    )
    const run = (parallelism: number, dir: string) => {
      const recording = recordingConftest(dir)
      const violations = evaluateTemplates(
        recording.bin,
        [
          { template: T1, reviews },
          { template: T4, reviews: reviews.slice(0, 10) }
        ],
        path.join(scratch, dir),
        120_000,
        { parallelism }
      )
      return violations.then((found) => ({ found, runs: recording.inputs().length }))
    }
    const one = await run(1, 'one')
    const two = await run(2, 'two')
    const key = (v: { kind: string; index: number; msg: string }) =>
      `${v.kind}[${v.index}] ${v.msg}`
    expect(one.found).toHaveLength(800 + 6)
    expect(two.found.map(key).sort()).toEqual(one.found.map(key).sort())
    expect([one.runs, two.runs]).toEqual([1, 2])
  })

  it('writes each object once, however many templates and constraints review it', async () => {
    const objects = ['a', 'b', 'c'].map((name) => review(name).review.object)
    // As the policies scanner makes them: a new review per template and constraint, the same object.
    const reviewOf = (object: Record<string, unknown>, parameters = {}): Review => ({
      ...review(String((object.metadata as { name: string }).name), 'Pod', parameters),
      review: {
        ...review('x').review,
        name: String((object.metadata as { name: string }).name),
        object
      }
    })
    // Two constraints of T3: each has one parameters object, which all its reviews share.
    const [strict, loose] = [{ flag: true }, { flag: false }]
    const workDir = path.join(scratch, 'shared')
    const recording = recordingConftest('shared')
    const violations = await evaluateTemplates(
      recording.bin,
      [
        { template: T1, reviews: objects.map((object) => reviewOf(object)) },
        { template: T4, reviews: objects.map((object) => reviewOf(object)) },
        {
          template: T3,
          reviews: [
            reviewOf(objects[0]!, strict),
            reviewOf(objects[0]!, loose),
            reviewOf(objects[1]!, strict)
          ]
        }
      ],
      workDir,
      60_000
    )
    expect(violations.map((v) => `${v.kind}[${v.index}] ${v.msg}`).sort()).toEqual([
      'T1[0] lib one: a',
      'T1[1] lib one: b',
      'T1[2] lib one: c',
      'T3[0] t3 a',
      'T3[2] t3 b',
      'T4[0] lib one: a',
      'T4[1] lib one: b',
      'T4[2] lib one: c'
    ])
    const inputs = recording.inputs() as Array<{
      reviews: unknown[]
      parameters: unknown[]
      items: Record<string, unknown>
    }>
    const input = (kind: string) => inputs.find((candidate) => kind in candidate.items)!
    expect(inputs).toHaveLength(2)
    expect(input('T1').reviews).toHaveLength(3) // T1 and T4: three objects, six reviews
    expect(input('T3')).toMatchObject({ parameters: [{ flag: true }, { flag: false }] })
    expect(input('T3').reviews).toHaveLength(2)
  })

  it('hands the first set it fits to a conftest started before the reviews existed', async () => {
    const work = [
      { template: T1, reviews: [review('a')] },
      { template: T3, reviews: [review('c', 'Pod', { flag: true })] }
    ]
    const key = (v: { kind: string; index: number; msg: string }) =>
      `${v.kind}[${v.index}] ${v.msg}`
    const expected = (await evaluateTemplates(conftest, work, path.join(scratch, 'late'), 60_000))
      .map(key)
      .sort()
    const workDir = path.join(scratch, 'early')
    // The real binary: a wrapper that read its input first would hide what conftest does first.
    const early = startEarlyConftest(conftest, workDir, 60_000)
    // Longer than conftest takes to start: it must wait for its policies and input, not fail.
    await new Promise((resolve) => setTimeout(resolve, 500))
    try {
      const found = await evaluateTemplates(conftest, work, workDir, 60_000, { early })
      expect(found.map(key).sort()).toEqual(expected)
    } finally {
      await stopEarlyConftest(early)
    }
    // T3 (Rego v0) went to the early process, T1 (v1) to a process of its own; none failed
    // and was retried alone.
    expect(readdirSync(workDir).sort()).toEqual(['set-0', 'set-early'])
    expect(readdirSync(path.join(workDir, 'set-early', 'policy'))).toContain('T3.rego')
  })

  it('stops an early conftest that no set took', async () => {
    const workDir = path.join(scratch, 'untaken')
    const early = startEarlyConftest(conftest, workDir, 60_000)
    await evaluateTemplates(conftest, [{ template: T1, reviews: [review('a')] }], workDir, 60_000, {
      early
    })
    // Returns once the waiting process is gone (a process left waiting would never return).
    await stopEarlyConftest(early)
    expect(readdirSync(workDir).sort()).toEqual(['set-0', 'set-early'])
    expect(readdirSync(path.join(workDir, 'set-early'))).toEqual(['conftest.toml'])
  })

  it('names the one template conftest cannot load, not the set it shared', async () => {
    const broken = template('Broken', 'package broken\n\nviolation contains {"msg": "x"} if {\n')
    const run = evaluateTemplates(
      conftest,
      [
        { template: T1, reviews: [review('a')] },
        { template: broken, reviews: [review('a')] }
      ],
      path.join(scratch, 'broken'),
      60_000
    )
    await expect(run).rejects.toThrow(
      /without a report for template broken\. stderr: .*Broken\.rego/s
    )
    // It first failed as part of the shared set, then alone.
    expect(readdirSync(path.join(scratch, 'broken')).sort()).toEqual(['alone', 'set-0'])
  })
})

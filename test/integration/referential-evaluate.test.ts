// evaluateTemplates with the real conftest: referential templates read the inventory at
// data.inventory, in policy sets of their own, and nothing else loads it.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { regoPackageOf } from '../../src/scanners/gatekeeper/annotations.js'
import { evaluateTemplates, type Review } from '../../src/scanners/gatekeeper/evaluate.js'
import { buildInventory } from '../../src/scanners/gatekeeper/inventory.js'
import type { Template } from '../../src/scanners/gatekeeper/library.js'
import { TOOLS_BIN } from '../harness/paths.js'

const conftest = path.join(TOOLS_BIN, 'conftest')
const scratch = mkdtempSync(path.join(os.tmpdir(), 'referential-evaluate-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

const template = (kind: string, rego: string, referential: boolean): Template => ({
  kind,
  name: kind.toLowerCase(),
  rego,
  libs: [],
  regoVersion: 'v1',
  regoPackage: regoPackageOf(rego)!,
  annotations: {},
  file: `${kind}.yaml`,
  referential
})

const pod = (name: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' }
})

const review = (name: string): Review => ({
  review: {
    kind: { group: '', version: 'v1', kind: 'Pod' },
    name,
    namespace: 'default',
    operation: 'CREATE',
    object: pod(name)
  },
  parameters: {}
})

// Counts the Pods in the review's namespace of the inventory.
const counts = template(
  'Counts',
  'package counts\n\nviolation contains {"msg": sprintf("%v sees %v pods", [input.review.name, count(data.inventory.namespace[input.review.namespace].v1.Pod)])} if true\n',
  true
)
// Reads data.inventory but is flagged as not referential: only flagged templates get it.
const peeks = template(
  'Peeks',
  'package peeks\n\nviolation contains {"msg": "saw an inventory"} if data.inventory\n',
  false
)

describe('evaluateTemplates with an inventory', () => {
  const inventory = buildInventory(
    ['a', 'b', 'c'].map((name) => ({
      object: pod(name),
      file: 'p.yaml',
      line: 1,
      lineOf: () => undefined
    }))
  )

  it('gives referential templates data.inventory, in their own set, written once', async () => {
    const workDir = path.join(scratch, 'both')
    const violations = await evaluateTemplates(
      conftest,
      [
        { template: counts, reviews: [review('a'), review('b')] },
        { template: peeks, reviews: [review('a')] }
      ],
      workDir,
      60_000,
      { inventory: inventory.data }
    )
    expect(violations.map((v) => `${v.kind}[${v.index}] ${v.msg}`).sort()).toEqual([
      'Counts[0] a sees 3 pods',
      'Counts[1] b sees 3 pods'
    ])
    expect(readdirSync(workDir).sort()).toEqual(['inventory.json', 'set-0', 'set-1'])
  })

  it('writes no inventory when no referential template has reviews', async () => {
    const workDir = path.join(scratch, 'plain')
    await evaluateTemplates(
      conftest,
      [
        { template: counts, reviews: [] },
        { template: peeks, reviews: [review('a')] }
      ],
      workDir,
      60_000,
      { inventory: inventory.data }
    )
    expect(existsSync(path.join(workDir, 'inventory.json'))).toBe(false)
  })
})

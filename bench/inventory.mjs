// What data.inventory costs (issue 15): the engine (the CLI, policies scanner, bundled `all`
// policies) on the generated corpus, without a referential template, with one whose lookup is
// O(1) (each Service finds itself in the inventory: the cost of building, writing and loading
// the inventory and of the extra conftest process), and with a unique-Service-selector template
// (test/fixtures/referential) that compares every Service with every other, as gatekeeper-library's
// does. Prints wall and CPU seconds, ratios to the run without, and the load average before
// each run.
// Usage: node bench/inventory.mjs [size=5000] [rounds=1]; BENCH_CLI=<index.js> runs another
// build of the CLI than dist/cli/index.js (a tree where dist/ is being rebuilt).
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { corpus, writeCorpus } from './corpus.mjs'
import { countInFile, measure, median, table } from './lib.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const size = Number(process.argv[2] ?? 5000)
const rounds = Number(process.argv[3] ?? 1)

const constraint = (kind, name) => `apiVersion: constraints.gatekeeper.sh/v1beta1
kind: ${kind}
metadata:
  name: ${name}
spec:
  match:
    kinds:
      - apiGroups: ['']
        kinds: ['Service']
`

const selfLookup = `apiVersion: templates.gatekeeper.sh/v1
kind: ConstraintTemplate
metadata:
  name: benchinventorylookup
spec:
  crd:
    spec:
      names:
        kind: BenchInventoryLookup
  targets:
    - target: admission.k8s.gatekeeper.sh
      rego: |
        package benchinventorylookup

        violation[{"msg": msg}] {
          not data.inventory.namespace[input.review.namespace].v1.Service[input.review.name]
          msg := sprintf("Service %v is not in data.inventory", [input.review.name])
        }
---
${constraint('BenchInventoryLookup', 'inventory-lookup')}`

const work = mkdtempSync(path.join(os.tmpdir(), 'bench-inventory-'))
try {
  writeCorpus(path.join(work, 'k8s'), corpus(size))
  const policyDirs = {
    'no referential template': undefined,
    'inventory, O(1) lookup': 'lookup',
    'inventory, unique Service selector': 'unique'
  }
  mkdirSync(path.join(work, 'lookup'))
  writeFileSync(path.join(work, 'lookup', 'policy.yaml'), selfLookup)
  mkdirSync(path.join(work, 'unique'))
  copyFileSync(
    path.join(root, 'test', 'fixtures', 'referential', 'policies', 'unique-service-selector.yaml'),
    path.join(work, 'unique', 'template.yaml')
  )
  writeFileSync(
    path.join(work, 'unique', 'constraint.yaml'),
    constraint('TestUniqueServiceSelector', 'unique-service-selector')
  )
  const env = {
    ...process.env,
    PATH: `${path.join(root, '.tools', 'bin')}${path.delimiter}${process.env.PATH}`,
    RUNNER_TOOL_CACHE: path.join(work, 'tc')
  }
  const samples = new Map(Object.keys(policyDirs).map((name) => [name, []]))
  for (let round = 0; round < rounds; round++) {
    for (const [name, policies] of Object.entries(policyDirs)) {
      const output = path.join(work, 'out.json')
      const load = os.loadavg()[0]
      const run = measure(
        process.execPath,
        [
          process.env.BENCH_CLI ?? path.join(root, 'dist', 'cli', 'index.js'),
          'scan',
          'k8s',
          '--scanners',
          'policies',
          '--fail-on',
          'none',
          '--format',
          'json',
          '--output',
          output,
          '--output-dir',
          path.join(work, 'out'),
          ...(policies ? ['--policies', policies] : [])
        ],
        { cwd: work, env }
      )
      samples.get(name).push({ ...run, load, violations: countInFile(output, '"fingerprint"') })
    }
  }
  const base = median(samples.get('no referential template').map((r) => r.seconds))
  const baseCpu = median(samples.get('no referential template').map((r) => r.cpuSeconds))
  const rows = [...samples].map(([name, runs]) => {
    const seconds = median(runs.map((r) => r.seconds))
    const cpu = median(runs.map((r) => r.cpuSeconds))
    return {
      resources: size.toLocaleString('en'),
      run: name,
      seconds: seconds.toFixed(2),
      'vs without': (seconds / base).toFixed(2),
      'CPU s': cpu.toFixed(2),
      'CPU vs without': (cpu / baseCpu).toFixed(2),
      'peak MiB': Math.round(Math.max(...runs.map((r) => r.peakMiB))),
      violations: runs.at(-1).violations.toLocaleString('en'),
      'load before': runs.map((r) => r.load.toFixed(2)).join(', ')
    }
  })
  console.log(
    table(rows, [
      'resources',
      'run',
      'seconds',
      'vs without',
      'CPU s',
      'CPU vs without',
      'peak MiB',
      'violations',
      'load before'
    ])
  )
} finally {
  rmSync(work, { recursive: true, force: true })
}

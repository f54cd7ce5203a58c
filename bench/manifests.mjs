// Manifest evaluation: our engine (the CLI, policies scanner) vs bare conftest with the same Rego
// on the same files vs `gator test` vs `trivy config`, on generated corpora of mixed kinds. Each
// contender's output is read back: the table shows how many violations it reported (and, for
// Trivy, how many files it recognised), so a contender that skipped work cannot look fast.
// Usage: node bench/manifests.mjs [sizes=500,5000,50000] [rounds] [contenders=engine,bare conftest,...]
// rounds defaults to 3 (medians) up to 5,000 resources and 1 above: 50,000 takes ~30 min a round.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { bareConftestPolicy } from './bare-conftest.mjs'
import { compare, countInFile, measure, steadiness, table } from './lib.mjs'
import { corpus, writeCorpus } from './corpus.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => path.join(root, '.tools', 'bin', name)
const sizes = (process.argv[2] ?? '500,5000,50000').split(',').map(Number)
const roundsFor = (size) => (process.argv[3] ? Number(process.argv[3]) : size > 5000 ? 1 : 3)
const only = process.argv[4]?.split(',')
const TRIVY_MAX_RESOURCES = 5000
const COLUMNS = ['resources', 'contender', 'median s', 'resources/s', 'vs conftest', 'vs gator', 'peak MiB', 'growth per resource', 'load', 'work done']

const work = mkdtempSync(path.join(os.tmpdir(), 'bench-manifests-'))
try {
  // One file with every bundled template and constraint (the `all` bundle, rendered).
  const bundleFile = path.join(work, 'bundle.yaml')
  writeFileSync(bundleFile, measure(bin('kustomize'), ['build', path.join(root, 'policies', 'bundles', 'all')]).stdout)
  const bareDir = path.join(work, 'bare-policy')
  mkdirSync(bareDir)
  bareConftestPolicy(bareDir, bundleFile)

  const rows = []
  // Seconds per resource of each contender at the previous size: growth 1.00 is linear.
  const previousPerResource = new Map()
  for (const size of sizes) {
    const dir = path.join(work, `corpus-${size}`, 'k8s')
    mkdirSync(dir, { recursive: true })
    const docs = corpus(size)
    const perFile = 100
    // Block YAML, as people write manifests (Trivy does not recognise JSON documents joined by ---).
    writeCorpus(dir, docs, perFile)
    const cwd = path.dirname(dir)
    const env = { ...process.env, PATH: `${path.join(root, '.tools', 'bin')}${path.delimiter}${process.env.PATH}`, RUNNER_TOOL_CACHE: path.join(work, 'tc') }
    const files = Math.ceil(size / perFile)
    const engineOut = path.join(work, 'out.json')
    const output = (name) => path.join(work, `${name}.out`)
    const results = compare(
      [
        {
          name: 'engine',
          run: () => measure(process.execPath, [path.join(root, 'dist', 'cli', 'index.js'), 'scan', 'k8s', '--scanners', 'policies', '--fail-on', 'none', '--format', 'json', '--output', engineOut, '--output-dir', 'out'], { cwd, env }),
          work: () => `${countInFile(engineOut, '"fingerprint"')} violations`
        },
        {
          name: 'bare conftest',
          run: () => measure(bin('conftest'), ['test', '--no-color', '--output=json', '--rego-version=v0', '-p', bareDir, dir], { okExitCodes: [1], stdoutFile: output('conftest') }),
          // Every failure carries a "msg"; successes are only counted.
          work: () => `${countInFile(output('conftest'), '"msg"')} violations`
        },
        {
          name: 'gator test',
          run: () => measure(bin('gator'), ['test', '-o', 'json', '-f', bundleFile, '-f', dir], { okExitCodes: [1], stdoutFile: output('gator') }),
          work: () => `${countInFile(output('gator'), '"msg"')} violations`
        },
        {
          name: 'trivy config',
          run: () => measure(bin('trivy'), ['config', '--quiet', '--skip-check-update', '--format', 'json', '--cache-dir', path.join(work, 'trivy'), dir], { env, stdoutFile: output('trivy') }),
          work: () => {
            const results = JSON.parse(readFileSync(output('trivy'), 'utf8')).Results ?? []
            const failures = results.reduce((n, r) => n + (r.Misconfigurations?.length ?? 0), 0)
            return `${failures} failed checks (own checks), ${results.length}/${files} files recognised`
          }
        }
      ]
        .filter((c) => !only || only.includes(c.name))
        // Trivy's checks take ~70 ms per resource here: 50,000 would take about an hour per run.
        .filter((c) => c.name !== 'trivy config' || size <= TRIVY_MAX_RESOURCES || only?.includes(c.name)),
      roundsFor(size)
    )
    const secondsOf = (name) => results.find((r) => r.name === name)?.seconds ?? NaN
    const conftestSeconds = secondsOf('bare conftest')
    const gatorSeconds = secondsOf('gator test')
    // A busy machine slows the contenders unevenly: no ratio when others ran during a run.
    const checks = results.map((r) => ({ name: r.name, ...steadiness(r) }))
    const steady = checks.every((check) => check.steady)
    const notes = checks.filter((check) => check.note).map((check) => `${check.name}: ${check.note}`)
    const ratio = (seconds, of) => (steady ? (seconds / of).toFixed(2) : 'busy machine')
    for (const r of results) {
      rows.push({
        resources: size,
        contender: r.name,
        'median s': r.seconds.toFixed(2),
        'resources/s': Math.round(size / r.seconds),
        'vs conftest': Number.isNaN(conftestSeconds) ? '-' : ratio(r.seconds, conftestSeconds),
        'vs gator': Number.isNaN(gatorSeconds) ? '-' : ratio(r.seconds, gatorSeconds),
        'peak MiB': r.peakMiB.toFixed(0),
        'growth per resource': previousPerResource.has(r.name) ? (r.seconds / size / previousPerResource.get(r.name)).toFixed(2) : '-',
        load: `${r.load.before.toFixed(2)} → ${r.load.after.toFixed(2)}${r.load.others === undefined ? '' : `, others ${r.load.others.toFixed(2)} cores`}`,
        'work done': r.work
      })
      previousPerResource.set(r.name, r.seconds / size)
    }
    console.log(table(rows.filter((row) => row.resources === size), COLUMNS))
    const engine = secondsOf('engine')
    // A contender left out of the run (the contenders argument) gives no verdict, not a miss.
    const verdict = (value, target) =>
      Number.isNaN(value) ? 'not run' : `${value.toFixed(2)} (target ≤ ${target}: ${value <= target ? 'met' : 'MISSED'})`
    // Issue 17's targets on a quiet machine: no slower than bare conftest, and at 50,000 resources
    // at most 0.3x gator (round one's were 1.5x conftest and 1.0x gator).
    const gatorTarget = size >= 50000 ? 0.3 : 1.0
    console.error(
      steady
        ? `${size} resources: engine/conftest ${verdict(engine / conftestSeconds, 1.0)}, engine/gator ${verdict(engine / gatorSeconds, gatorTarget)}`
        : `${size} resources: no ratio, the machine was busy during a run (${notes.join('; ')})`
    )
    if (steady && notes.length) console.error(`${size} resources: ${notes.join('; ')}`)
  }
  if (sizes.some((size) => size > TRIVY_MAX_RESOURCES && !only?.includes('trivy config')))
    console.log(`(trivy config not run above ${TRIVY_MAX_RESOURCES} resources; name it in the contenders argument to force it)`)
  console.log(`\nAll sizes:\n${table(rows, COLUMNS)}`)
} finally {
  if (process.env.KEEP) console.error(`kept ${work}`)
  else rmSync(work, { recursive: true, force: true })
}

// Reading one large manifest: a 10 MiB `kind: List` file (the bench corpus's resources as its
// items) through `loadManifests`, the Kubernetes-exact reader the action uses (src/manifests).
// Each round runs in its own process, so its peak memory is its own. Target (issue 17): under
// 2 s and 200 MB. Block YAML as kubectl and the yaml package write it is read in one pass
// (readSimpleBlock); the second file, the same list with the labels as flow maps, shows what any
// other spelling costs (the yaml package, a piece of the list at a time).
// Usage: node bench/manifest-load.mjs [MiB=10] [rounds=3]
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { corpus, manifestYaml } from './corpus.mjs'
import { measure, median, table } from './lib.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const TARGET_SECONDS = 2
const TARGET_MB = 200
/** The 1-minute load average: the machine is shared, and a busy one slows every run. */
const loadAverage = () => loadavg()[0].toFixed(2)

if (process.argv[2] === '--one') {
  const [workspace, file] = process.argv.slice(3)
  const { loadManifests } = await import(
    pathToFileURL(path.join(root, 'lib', 'src', 'manifests', 'load.js')).href
  )
  const cpu = process.cpuUsage()
  const started = performance.now()
  const result = await loadManifests(workspace, [file])
  const seconds = (performance.now() - started) / 1000
  const used = process.cpuUsage(cpu)
  console.log(
    JSON.stringify({
      seconds,
      cpuSeconds: (used.user + used.system) / 1e6,
      objects: result.objects.length,
      problems: result.problems.length
    })
  )
} else {
  execFileSync(
    path.join(root, 'node_modules', '.bin', 'tsc'),
    ['-p', 'tsconfig.json', '--noEmit', 'false', '--outDir', 'lib'],
    { cwd: root, stdio: 'inherit' }
  )
  const mib = Number(process.argv[2] ?? 10)
  const rounds = Number(process.argv[3] ?? 3)
  const workspace = mkdtempSync(path.join(tmpdir(), 'manifest-load-bench-'))
  try {
    // Just under the size asked for: 10 MiB is the largest file the reader takes.
    const perItem = manifestYaml({ items: corpus(100) }).length / 100
    const items = corpus(Math.floor((mib * 1024 * 1024 * 0.98) / perItem))
    const block = manifestYaml({ apiVersion: 'v1', kind: 'List', items })
    const files = [
      { name: 'block YAML', file: path.join(workspace, 'list.yaml'), text: block },
      {
        name: 'flow-map labels',
        file: path.join(workspace, 'list-flow.yaml'),
        text: block.replace(/^( +)labels:\n +app: (w-\d+)$/gm, '$1labels: {app: $2}')
      }
    ]
    const met = (ok) => (ok ? 'met' : 'MISSED')
    const rows = []
    for (const { name, file, text } of files) {
      writeFileSync(file, text)
      const loadBefore = loadAverage()
      const runs = Array.from({ length: rounds }, () => {
        const run = measure(process.execPath, [
          fileURLToPath(import.meta.url),
          '--one',
          workspace,
          file
        ])
        return { ...JSON.parse(run.stdout), peakMiB: run.peakMiB }
      })
      const seconds = median(runs.map((r) => r.seconds))
      const peakMB = (Math.max(...runs.map((r) => r.peakMiB)) * 1024 * 1024) / 1e6
      rows.push({
        file: `${name}: ${(statSync(file).size / 1024 / 1024).toFixed(1)} MiB, ${items.length} items`,
        'median s': seconds.toFixed(2),
        'CPU s': median(runs.map((r) => r.cpuSeconds)).toFixed(2),
        'peak MB': peakMB.toFixed(0),
        objects: runs[0].objects,
        problems: runs[0].problems
      })
      console.error(
        `${mib} MiB manifest, ${name}: ${seconds.toFixed(2)} s (target < ${TARGET_SECONDS} s: ${met(seconds < TARGET_SECONDS)}); peak ${peakMB.toFixed(0)} MB (target < ${TARGET_MB} MB: ${met(peakMB < TARGET_MB)}); load average ${loadBefore} before, ${loadAverage()} after`
      )
    }
    console.log(table(rows, ['file', 'median s', 'CPU s', 'peak MB', 'objects', 'problems']))
  } finally {
    rmSync(workspace, { recursive: true, force: true })
  }
}

// `hardening fix` vs `hardening scan` (policies only) on the generated corpus of bench/manifests.mjs:
// fixing scans, plans, re-evaluates every fixed document and rewrites the files, so the target is
// at most 1.5x the scan. Each round fixes a fresh copy (written before the clock starts). Registries
// are not asked (--offline): the corpus's images live on a host that does not exist, and a network
// wait would measure the network. Printed, never asserted.
// Usage: node bench/fix.mjs [resources=5000] [rounds=3]   (after `npm run bundle`)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { corpus, writeCorpus } from './corpus.mjs'
import { compare, measure, table } from './lib.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const size = Number(process.argv[2] ?? 5000)
const rounds = Number(process.argv[3] ?? 3)
const TARGET = 1.5
const cli = path.join(root, 'dist', 'cli', 'index.js')

const work = mkdtempSync(path.join(os.tmpdir(), 'bench-fix-'))
try {
  const docs = corpus(size)
  const env = { ...process.env, PATH: `${path.join(root, '.tools', 'bin')}${path.delimiter}${process.env.PATH}`, RUNNER_TOOL_CACHE: path.join(work, 'tc') }
  const scanDir = path.join(work, 'scan')
  const fixDir = path.join(work, 'fix')
  writeCorpus(path.join(scanDir, 'k8s'), docs)
  const report = path.join(work, 'findings.json')
  const scan = (cwd) =>
    measure(process.execPath, [cli, 'scan', 'k8s', '--scanners', 'policies', '--fail-on', 'none', '--format', 'json', '--output', report, '--output-dir', 'out'], { cwd, env })
  const findings = () => JSON.parse(readFileSync(report, 'utf8')).findings.length
  const fixArgs = ['fix', 'k8s', '--offline', '--cloud', 'gcp', '--resources-default', 'cpu=100m,memory=128Mi']
  const results = compare(
    [
      { name: 'scan', run: () => scan(scanDir) },
      {
        name: 'fix',
        run: () => {
          rmSync(fixDir, { recursive: true, force: true })
          writeCorpus(path.join(fixDir, 'k8s'), docs)
          // Exit 1: the mutable image tags are left (no registry was asked).
          return measure(process.execPath, [cli, ...fixArgs], { cwd: fixDir, env, okExitCodes: [1] })
        }
      }
    ],
    rounds
  )
  scan(scanDir)
  const before = findings()
  scan(fixDir)
  const after = findings()
  const seconds = (name) => results.find((r) => r.name === name).seconds
  const ratio = seconds('fix') / seconds('scan')
  console.log(
    table(
      results.map((r) => ({
        resources: size,
        contender: r.name,
        'median s': r.seconds.toFixed(2),
        'peak MiB': r.peakMiB.toFixed(0),
        'vs scan': (r.seconds / seconds('scan')).toFixed(2),
        'work done': r.name === 'scan' ? `${before} findings` : `${before - after} fixed, ${after} left`
      })),
      ['resources', 'contender', 'median s', 'peak MiB', 'vs scan', 'work done']
    )
  )
  console.error(`${size} resources: fix/scan ${ratio.toFixed(2)} (target ≤ ${TARGET}: ${ratio <= TARGET ? 'met' : 'MISSED'})`)
} finally {
  rmSync(work, { recursive: true, force: true })
}

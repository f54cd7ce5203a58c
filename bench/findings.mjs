// Findings throughput: N synthetic findings through every stage after the scanners, the same
// code the action runs: normalise (fingerprints), waivers, baseline, gate, job summary, SARIF
// (with GitHub's line hashes read from the workspace files, serialised and gzipped), evidence,
// findings.json, written to disk, then the PR comment. Each size runs in its own process so its
// peak memory is its own; the per-stage split says where the time goes.
// Usage: node bench/findings.mjs [sizes=1000,10000,100000] [rounds=3]
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { measure, median, table } from './lib.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const FILES = 400
const LINES_PER_FILE = 200
/** The 1-minute load average: the machine is shared, and a busy one slows every stage. */
const loadAverage = () => loadavg()[0].toFixed(2)

if (process.argv[2] === '--one') {
  const size = Number(process.argv[3])
  const load = (file) => import(pathToFileURL(path.join(root, 'lib', 'src', file)).href)
  const { finalize } = await load('findings/model.js')
  const { parseWaivers } = await load('findings/waivers.js')
  const { readConfig } = await load('config/inputs.js')
  const { reportFindings } = await load('pipeline.js')
  const { toCommentMarkdown } = await load('report/comment.js')

  // A workspace whose manifests the findings point into (SARIF line hashes read them).
  const workspace = mkdtempSync(path.join(tmpdir(), 'findings-bench-'))
  if (!process.env.KEEP)
    process.on('exit', () => rmSync(workspace, { recursive: true, force: true }))
  else console.error(workspace)
  mkdirSync(path.join(workspace, 'deploy'))
  const manifestLine = (i) =>
    `      - name: app-${i}\n        image: registry.example.com/app:${i % 7}.0\n`
  for (let f = 0; f < FILES; f++) {
    const body = Array.from({ length: LINES_PER_FILE / 2 }, (_, i) => manifestLine(i)).join('')
    writeFileSync(path.join(workspace, 'deploy', `app-${f}.yaml`), body)
  }
  const config = readConfig((name) => (name === 'output-dir' ? 'out' : ''), workspace)
  const severities = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']
  const imageOf = (k) => `registry.example.com/app-${k}:1.0`
  const drafts = Array.from({ length: size }, (_, i) => ({
    scanner: i % 2 ? 'image' : 'policies',
    target: i % 2 ? imageOf(i % 7) : 'manifests',
    ruleId: i % 2 ? `CVE-2025-${10000 + (i % 5000)}` : `HardeningRule${i % 20}`,
    title: `Rule ${i % 5000}`,
    severity: severities[i % 4],
    message: `Finding ${i} in package pkg-${i % 3000}`,
    resource: `pkg-${i % 3000}@1.${i % 10}.0`,
    location: { path: `deploy/app-${i % FILES}.yaml`, startLine: 1 + (i % LINES_PER_FILE) }
  }))
  const waivers = parseWaivers(
    'waivers:\n' +
      Array.from(
        { length: 50 },
        (_, i) =>
          `  - rule: CVE-2025-${10000 + i}\n    reason: r\n    owner: o\n    expires: 2999-01-01\n`
      ).join(''),
    'w.yaml'
  )
  const env = {
    log: { info() {}, warning() {}, debug() {} },
    actionRoot: root,
    actionVersion: 'bench'
  }
  const tools = [
    { name: 'trivy', version: '0.74.0', path: '/bin/true', source: 'path' },
    { name: 'conftest', version: '0.71.1', path: '/bin/true', source: 'path' }
  ]

  const stages = {}
  let mark = performance.now()
  const lap = (name) => {
    const now = performance.now()
    stages[name] = (now - mark) / 1000
    mark = now
  }
  const started = mark
  const findings = drafts.map(finalize)
  const byTarget = new Map()
  for (const f of findings) {
    if (!byTarget.has(f.target)) byTarget.set(f.target, [])
    byTarget.get(f.target).push(f)
  }
  const outcomes = [...byTarget].map(([target, mine]) => ({
    scanner: mine[0].scanner,
    target,
    findings: mine,
    notices: [],
    tool:
      mine[0].scanner === 'policies'
        ? { name: 'conftest', version: '0.71.1' }
        : { name: 'trivy', version: '0.74.0' }
  }))
  lap('normalise')
  const baseline = new Set(findings.slice(0, size / 2).map((f) => f.fingerprint))
  const result = await reportFindings(outcomes, {
    config,
    env,
    tools,
    waivers,
    waiversFile: 'w.yaml',
    baseline
  })
  Object.assign(stages, result.timings) // the pipeline's own split of its stages
  mark = performance.now()
  toCommentMarkdown({
    outcomes: result.outcomes,
    findings: result.findings,
    decision: result.decision,
    repository: { serverUrl: 'https://github.com', owner: 'o', repo: 'r' },
    sha: 'a'.repeat(40),
    baseline: true
  })
  lap('PR comment')
  // The target's scope: findings in, SARIF out (normalise, waivers, baseline, gate, SARIF).
  const toSarif = ['normalise', 'waivers and baseline', 'gate', 'sarif'].reduce((sum, name) => sum + stages[name], 0)
  console.log(JSON.stringify({ seconds: (performance.now() - started) / 1000, toSarif, stages, sarifGzipBytes: result.sarifGzip.length }))
} else {
  execFileSync(
    path.join(root, 'node_modules', '.bin', 'tsc'),
    ['-p', 'tsconfig.json', '--noEmit', 'false', '--outDir', 'lib'],
    { cwd: root, stdio: 'inherit' }
  )
  const sizes = (process.argv[2] ?? '1000,10000,100000').split(',').map(Number)
  const ROUNDS = Number(process.argv[3] ?? 3)
  const rows = []
  let previous
  for (const size of sizes) {
    const loadBefore = loadAverage()
    // The median of ROUNDS processes (by total time): one run on a shared machine varies ±30 %.
    const runs = Array.from({ length: ROUNDS }, () => {
      const run = measure(process.execPath, [fileURLToPath(import.meta.url), '--one', String(size)])
      return { ...JSON.parse(run.stdout), peakMiB: run.peakMiB }
    }).sort((a, b) => a.seconds - b.seconds)
    const { seconds, stages, sarifGzipBytes } = runs[Math.floor(ROUNDS / 2)]
    const toSarif = median(runs.map((r) => r.toSarif))
    const run = { peakMiB: Math.max(...runs.map((r) => r.peakMiB)) }
    const perFinding = (seconds / size) * 1000
    rows.push({
      findings: size,
      'to SARIF s': toSarif.toFixed(3),
      'all stages s': seconds.toFixed(3),
      'ms per finding': perFinding.toFixed(4),
      'growth vs previous size': previous ? (perFinding / previous).toFixed(2) : '-',
      'process peak MiB': run.peakMiB.toFixed(0),
      'SARIF gzip KiB': (sarifGzipBytes / 1024).toFixed(0),
      'where the time goes (s)': Object.entries(stages)
        .map(([name, s]) => `${name} ${s.toFixed(2)}`)
        .join('; ')
    })
    previous = perFinding
    if (size === 100000) {
      const met = (ok) => (ok ? 'met' : 'MISSED')
      console.error(
        `100k findings to SARIF: ${toSarif.toFixed(2)} s (target < 3 s: ${met(toSarif < 3)}); every stage, all reports written (SARIF, findings.json, summary, evidence) and the comment: ${seconds.toFixed(2)} s (target < 2 s: ${met(seconds < 2)}); peak ${run.peakMiB.toFixed(0)} MiB (target < 500: ${met(run.peakMiB < 500)}); load average ${loadBefore} before, ${loadAverage()} after`
      )
    }
  }
  console.log(table(rows, Object.keys(rows[0])))
  console.log('(growth ≈ 1.00 means linear: time per finding stays the same as the count grows)')
}

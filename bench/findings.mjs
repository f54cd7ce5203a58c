// Findings throughput: N synthetic findings through waivers + baseline + SARIF + PR comment +
// summary, the pure stages after the scanners. Each size runs in its own process so its peak
// memory is its own. Usage: node bench/findings.mjs [sizes=1000,10000,100000]
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { measure, table } from './lib.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

if (process.argv[2] === '--one') {
  const size = Number(process.argv[3])
  const load = (file) => import(pathToFileURL(path.join(root, 'lib', 'src', file)).href)
  const { finalize } = await load('findings/model.js')
  const { applyWaivers, parseWaivers } = await load('findings/waivers.js')
  const { markNew } = await load('findings/baseline.js')
  const { toSarif, serializeSarif } = await load('report/sarif.js')
  const { toCommentMarkdown } = await load('report/comment.js')
  const { toSummaryMarkdown } = await load('report/summary.js')
  const { decide } = await load('gate.js')
  const severities = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']
  const findings = Array.from({ length: size }, (_, i) =>
    finalize({
      scanner: i % 2 ? 'image' : 'policies',
      target: i % 2 ? `registry.example.com/app-${i % 7}:1.0` : 'manifests',
      ruleId: i % 2 ? `CVE-2025-${10000 + (i % 5000)}` : `HardeningRule${i % 20}`,
      title: `Rule ${i % 5000}`,
      severity: severities[i % 4],
      message: `Finding ${i} in package pkg-${i % 3000}`,
      resource: `pkg-${i % 3000}@1.${i % 10}.0`,
      location: { path: `deploy/app-${i % 400}.yaml`, startLine: 1 + (i % 200) }
    })
  )
  const started = performance.now()
  const waivers = parseWaivers(
    'waivers:\n' + Array.from({ length: 50 }, (_, i) => `  - rule: CVE-2025-${10000 + i}\n    reason: r\n    owner: o\n    expires: 2999-01-01\n`).join(''),
    'w.yaml'
  )
  const waived = applyWaivers(findings, waivers, 'w.yaml')
  const marked = markNew(waived.findings, new Set(findings.slice(0, size / 2).map((f) => f.fingerprint)))
  const decision = decide(marked, { failOnSeverity: 'HIGH', onlyNew: true, configurationErrors: [] })
  const outcomes = [
    { scanner: 'policies', target: 'manifests', findings: marked.filter((f) => f.scanner === 'policies'), notices: [], tool: { name: 'conftest', version: '0.71.1' } },
    ...Array.from({ length: 7 }, (_, k) => ({
      scanner: 'image',
      target: `registry.example.com/app-${k}:1.0`,
      findings: marked.filter((f) => f.target === `registry.example.com/app-${k}:1.0`),
      notices: [],
      tool: { name: 'trivy', version: '0.74.0' }
    }))
  ]
  const sarif = serializeSarif(toSarif(outcomes, 'bench'))
  toCommentMarkdown({ outcomes, findings: marked, decision, repository: { serverUrl: 'https://github.com', owner: 'o', repo: 'r' }, sha: 'a'.repeat(40), baseline: true })
  toSummaryMarkdown(outcomes, marked, decision)
  console.log(JSON.stringify({ seconds: (performance.now() - started) / 1000, sarifGzipBytes: sarif.gzip.length }))
} else {
  execFileSync(path.join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json', '--noEmit', 'false', '--outDir', 'lib'], { cwd: root, stdio: 'inherit' })
  const sizes = (process.argv[2] ?? '1000,10000,100000').split(',').map(Number)
  const rows = []
  let previous
  for (const size of sizes) {
    const run = measure(process.execPath, [fileURLToPath(import.meta.url), '--one', String(size)])
    const { seconds, sarifGzipBytes } = JSON.parse(run.stdout)
    const perThousand = (seconds / size) * 1000 // ms per finding
    rows.push({
      findings: size,
      'stages s': seconds.toFixed(3),
      'ms per finding': perThousand.toFixed(3),
      'growth vs previous size': previous ? (perThousand / previous).toFixed(2) : '-',
      'process peak MiB': run.peakMiB.toFixed(0),
      'SARIF gzip KiB': (sarifGzipBytes / 1024).toFixed(0)
    })
    previous = perThousand
    if (size === 100000) {
      console.error(`100k findings: ${seconds.toFixed(2)} s (target < 3 s: ${seconds < 3 ? 'met' : 'MISSED'}), peak ${run.peakMiB.toFixed(0)} MiB (target < 1024: ${run.peakMiB < 1024 ? 'met' : 'MISSED'})`)
    }
  }
  console.log(table(rows, Object.keys(rows[0])))
  console.log('(growth ≈ 1.00 means linear: time per finding stays the same as the count grows)')
}

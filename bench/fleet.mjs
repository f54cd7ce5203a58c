// Fleet merge throughput: `hardening fleet merge` over R generated repository directories of F
// findings each (findings.json and evidence/evidence.json as a run writes them), alone and with a
// previous run (10 % of each repository's findings changed) as the fleet workflow keeps it (the
// state its merge saved with --output-dir), all three formats rendered. Each
// merge runs in its own process so its peak memory is its own. Target: 1,000 × 1,000 in under
// 10 s and 1 GB.
// Usage: node bench/fleet.mjs [repositories=1000] [findings-per-repository=1000]
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { measure, table } from './lib.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const TARGET_SECONDS = 10
const TARGET_MIB = 1024
const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']
const RULES = 60

if (process.argv[2] === '--one') {
  // --one CURRENT [PREVIOUS] [SAVE_DIR]: SAVE_DIR gets what the next run compares with, as
  // `fleet merge --output-dir` writes it.
  const [current, previous, saveDir] = process.argv.slice(3)
  const load = (file) => import(pathToFileURL(path.join(root, 'lib', 'src', file)).href)
  const { mergeFleet } = await load('fleet/merge.js')
  const { fleetHtml, fleetJson, fleetMarkdown } = await load('fleet/render.js')
  const { saveComparisonState } = await load('fleet/state.js')
  const started = performance.now()
  const doc = await mergeFleet({
    current: [current],
    previous: previous ? [previous] : undefined,
    onRepository: saveDir ? (dir, summary) => saveComparisonState(saveDir, dir, summary) : undefined
  })
  const merged = performance.now()
  const bytes = [fleetMarkdown, fleetJson, fleetHtml].reduce(
    (n, render) => n + render(doc).length,
    0
  )
  const rendered = performance.now()
  console.log(
    JSON.stringify({
      merge: (merged - started) / 1000,
      render: (rendered - merged) / 1000,
      open: doc.summary.open,
      repositories: doc.summary.repositories,
      change: doc.summary.change,
      outputBytes: bytes,
      // CPU seconds of the whole process: less sensitive than wall time to a busy machine.
      cpu: (({ user, system }) => (user + system) / 1e6)(process.cpuUsage())
    })
  )
} else {
  const repositories = Number(process.argv[2] ?? 1000)
  const perRepository = Number(process.argv[3] ?? 1000)
  execFileSync(
    path.join(root, 'node_modules', '.bin', 'tsc'),
    ['-p', 'tsconfig.json', '--noEmit', 'false', '--outDir', 'lib'],
    { cwd: root, stdio: 'inherit' }
  )
  const work = mkdtempSync(path.join(tmpdir(), 'fleet-bench-'))
  if (!process.env.KEEP) process.on('exit', () => rmSync(work, { recursive: true, force: true }))
  else console.error(work)

  const generated = performance.now()
  let inputBytes = 0
  for (const run of ['previous', 'current']) {
    for (let r = 0; r < repositories; r++) {
      const dir = path.join(work, run, `hardening-fleet-repo-org__service-${r}`)
      mkdirSync(path.join(dir, 'evidence'), { recursive: true })
      writeFileSync(
        path.join(dir, 'repository.json'),
        JSON.stringify({ repository: `org/service-${r}` })
      )
      const findings = writeFindings(
        path.join(dir, 'findings.json'),
        r,
        perRepository,
        run === 'current'
      )
      writeFileSync(path.join(dir, 'evidence', 'evidence.json'), evidence(r))
      if (run === 'current') inputBytes += findings
    }
  }
  const generateSeconds = (performance.now() - generated) / 1000

  const loadBefore = loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')
  const rows = []
  const saved = path.join(work, 'previous-report')
  for (const [name, args] of [
    ['merge', [path.join(work, 'current')]],
    // The previous run as the fleet workflow keeps it: its merge saved what this one compares with.
    ['previous run, saving its state', [path.join(work, 'previous'), '', saved]],
    ['merge with previous run', [path.join(work, 'current'), saved]]
  ]) {
    const run = measure(process.execPath, [fileURLToPath(import.meta.url), '--one', ...args])
    const result = JSON.parse(run.stdout)
    const verdict = run.seconds < TARGET_SECONDS && run.peakMiB < TARGET_MIB ? 'met' : 'MISSED'
    rows.push({
      run: name,
      repositories: result.repositories,
      'open findings': result.open,
      'process s': run.seconds.toFixed(2),
      'merge s': result.merge.toFixed(2),
      'render s': result.render.toFixed(2),
      'CPU s': result.cpu.toFixed(2),
      'peak MiB': run.peakMiB.toFixed(0),
      change: result.change ? `+${result.change.new} −${result.change.fixed}` : '-',
      [`target < ${TARGET_SECONDS} s and < ${TARGET_MIB} MiB`]: verdict
    })
  }
  console.log(`load average before: ${loadBefore}`)
  console.log(
    `${repositories} repositories × ${perRepository} findings: ${(inputBytes / 1024 / 1024).toFixed(0)} MiB of findings.json per run, generated in ${generateSeconds.toFixed(1)} s`
  )
  console.log(table(rows, Object.keys(rows[0])))
}

/**
 * A findings.json shaped as the action writes it (schema: docs/findings.schema.json). In the
 * current run a tenth of the findings are replaced by new ones, so the previous run has as many
 * fixed. Returns the bytes written.
 */
function writeFindings(file, repository, count, current) {
  const parts = []
  for (let i = 0; i < count; i++) {
    const id = current && i % 10 === 0 ? `${i}-new` : String(i)
    const rule = i % RULES
    const image = i % 2 === 1
    parts.push(
      JSON.stringify({
        scanner: image ? 'image' : 'policies',
        target: image ? `ghcr.io/org/service-${repository}:1.${i % 7}` : 'manifests',
        ruleId: image ? `CVE-2025-${10000 + rule}` : `HardeningRule${rule}`,
        title: `Rule ${rule}: a title of typical length for a vulnerability or policy`,
        severity: SEVERITIES[i % 4],
        message: `Finding ${id} in package pkg-${i % 300} of service ${repository}; fixed in 1.${i % 10}.1.`,
        resource: `pkg-${i % 300}@1.${i % 10}.0`,
        location: { path: `deploy/app-${i % 40}.yaml`, startLine: 1 + (i % 200) },
        remediation: 'Upgrade the package to the fixed version.',
        fingerprint: `${repository.toString(16).padStart(8, '0')}${id.padStart(24, '0')}`,
        ...(i % 20 === 0
          ? { suppression: { reason: 'Accepted risk.', owner: 'team', expires: '2099-01-01' } }
          : {})
      })
    )
  }
  const text = `{"schemaVersion":1,"failed":${repository % 3 === 0},"reasons":[],"findings":[\n${parts.join(',\n')}\n]}\n`
  writeFileSync(file, text)
  return text.length
}

/** An evidence.json with 24 controls, a few of them failing in some repositories, and their coverage. */
function evidence(repository) {
  const controls = []
  const coverage = []
  for (const [framework, ids] of [
    [
      'cis-kubernetes',
      [
        '5.1.5',
        '5.2.2',
        '5.2.3',
        '5.2.4',
        '5.2.5',
        '5.2.6',
        '5.2.7',
        '5.2.8',
        '5.3.2',
        '5.5.1',
        '5.7.3',
        '5.7.4'
      ]
    ],
    ['soc2', ['CC6.1', 'CC6.6', 'CC6.8', 'CC7.1', 'CC8.1']],
    ['iso27001-2022', ['8.8', '8.9', '8.20', '8.22', '8.28']],
    ['hipaa', ['164.312(a)(1)', '164.312(c)(1)']]
  ])
    ids.forEach((control, i) => {
      controls.push({ framework, control, status: (repository + i) % 5 === 0 ? 'fail' : 'pass' })
      coverage.push({
        framework,
        control,
        title: `Control ${control}`,
        enforcement: i % 3 ? 'deny' : 'warn'
      })
    })
  return JSON.stringify({ schemaVersion: 1, controls, coverage }, null, 2)
}

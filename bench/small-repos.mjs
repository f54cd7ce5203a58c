// Small real-world-shaped inputs, where most pull requests are (issue 17 §3): the whole process of
// our engine (`hardening scan --scanners policies`, the `all` bundle) vs `gator test` and bare
// conftest on the same files, median of 5 interleaved rounds, plus `hardening --help`. Fixed costs
// (process start, loading the CLI, compiling the policies) dominate here, not evaluation.
// Records the load average before and after each input and refuses a ratio when it moved by more
// than 0.5 (a busy machine slows the contenders unevenly).
// Usage: node bench/small-repos.mjs [rounds=5]
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { bareConftestPolicy } from './bare-conftest.mjs'
import { compare, countInFile, loadAverage, measure, steadiness, table } from './lib.mjs'
import { installManifest, microserviceApp, oneFile } from './real-world.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => path.join(root, '.tools', 'bin', name)
const rounds = Number(process.argv[2] ?? 5)
const cli = path.join(root, 'dist', 'cli', 'index.js')
const HELP_TARGET_SECONDS = 0.15
const WITHOUT_EXTRA_CA = 'engine, no NODE_EXTRA_CA_CERTS'
const load = loadAverage

// The engine reads the bundled library from its generated form only while that is current;
// otherwise it reads the YAML, which costs more, so say so next to the numbers.
const libraryCheck = spawnSync(
  process.execPath,
  [path.join(root, 'scripts', 'gen-policy-library.mjs'), '--check'],
  { encoding: 'utf8' }
)
const libraryNote =
  libraryCheck.status === 0
    ? 'bundled library: read from policies/library.json'
    : `bundled library: read from its YAML, ${libraryCheck.stderr.trim() || 'the check failed'}`

const work = mkdtempSync(path.join(os.tmpdir(), 'bench-small-'))
try {
  const bundleFile = path.join(work, 'bundle.yaml')
  writeFileSync(
    bundleFile,
    measure(bin('kustomize'), ['build', path.join(root, 'policies', 'bundles', 'all')]).stdout
  )
  const bareDir = path.join(work, 'bare-policy')
  mkdirSync(bareDir)
  bareConftestPolicy(bareDir, bundleFile)
  const env = {
    ...process.env,
    PATH: `${path.join(root, '.tools', 'bin')}${path.delimiter}${process.env.PATH}`,
    RUNNER_TOOL_CACHE: path.join(work, 'tc')
  }

  // NODE_EXTRA_CA_CERTS makes every Node process parse that bundle as it starts (a machine's
  // whole CA bundle: about 40 ms here), before any code of ours runs; gator and conftest never
  // read it. GitHub-hosted runners do not set it, so the engine also runs without it.
  const { NODE_EXTRA_CA_CERTS: extraCaCerts, ...envWithoutExtraCa } = env

  const inputs = [
    { name: 'microservice app (30 resources, one file)', docs: microserviceApp() },
    { name: 'install manifest (1.9 MB, large CRDs)', docs: installManifest() }
  ]
  const rows = []
  const verdicts = []
  for (const input of inputs) {
    const repo = path.join(work, input.name.split(' ')[0])
    mkdirSync(path.join(repo, 'k8s'), { recursive: true })
    const file = path.join(repo, 'k8s', 'manifests.yaml')
    writeFileSync(file, oneFile(input.docs))
    const output = (name) => path.join(work, `${name}.out`)
    const before = load()
    const engine = (name, engineEnv) => ({
      name,
      run: () =>
        measure(
          process.execPath,
          [
            cli,
            'scan',
            'k8s',
            '--scanners',
            'policies',
            '--policy-bundle',
            'all',
            '--fail-on',
            'none',
            '--format',
            'json',
            '--output',
            output(name),
            '--output-dir',
            'out'
          ],
          { cwd: repo, env: engineEnv }
        ),
      work: () => `${countInFile(output(name), '"fingerprint"')} violations`
    })
    const results = compare(
      [
        engine('engine', env),
        ...(extraCaCerts ? [engine(WITHOUT_EXTRA_CA, envWithoutExtraCa)] : []),
        {
          name: 'gator test',
          run: () =>
            measure(bin('gator'), ['test', '-o', 'json', '-f', bundleFile, '-f', file], {
              okExitCodes: [1],
              stdoutFile: output('gator')
            }),
          work: () => `${countInFile(output('gator'), '"msg"')} violations`
        },
        {
          name: 'bare conftest',
          run: () =>
            measure(
              bin('conftest'),
              ['test', '--no-color', '--output=json', '--rego-version=v0', '-p', bareDir, file],
              { okExitCodes: [1], stdoutFile: output('conftest') }
            ),
          work: () => `${countInFile(output('conftest'), '"msg"')} violations`
        }
      ],
      rounds
    )
    const after = load()
    const seconds = (name) => results.find((r) => r.name === name).seconds
    const cpu = (name) => results.find((r) => r.name === name).cpuSeconds
    const checks = results.map((r) => ({ name: r.name, ...steadiness(r) }))
    const steady = checks.every((check) => check.steady)
    for (const r of results)
      rows.push({
        input: input.name,
        contender: r.name,
        'median s': r.seconds.toFixed(3),
        'CPU s': r.cpuSeconds.toFixed(3),
        'vs gator': steady ? (r.seconds / seconds('gator test')).toFixed(2) : 'busy machine',
        'CPU vs gator': (r.cpuSeconds / cpu('gator test')).toFixed(2),
        'peak MiB': r.peakMiB.toFixed(0),
        'work done': r.work
      })
    const ratio = seconds('engine') / seconds('gator test')
    const withoutExtraCa = extraCaCerts
      ? `; ${(seconds(WITHOUT_EXTRA_CA) / seconds('gator test')).toFixed(2)} with NODE_EXTRA_CA_CERTS unset, as on GitHub-hosted runners`
      : ''
    verdicts.push(
      steady
        ? `${input.name}: engine/gator ${ratio.toFixed(2)} (target ≤ 1.0: ${ratio <= 1 ? 'met' : 'MISSED'}${withoutExtraCa}); load ${before.toFixed(2)} → ${after.toFixed(2)}`
        : `${input.name}: no ratio, the machine was busy during a run (${checks
            .filter((check) => check.note)
            .map((check) => `${check.name}: ${check.note}`)
            .join('; ')})`
    )
  }
  const before = load()
  const help = compare(
    [
      { name: 'hardening --help', run: () => measure(process.execPath, [cli, '--help']) },
      { name: 'node -e ""', run: () => measure(process.execPath, ['-e', '']) },
      ...(extraCaCerts
        ? [
            {
              name: 'node -e "", no NODE_EXTRA_CA_CERTS',
              run: () => measure(process.execPath, ['-e', ''], { env: envWithoutExtraCa })
            }
          ]
        : [])
    ],
    rounds
  )
  const after = load()
  for (const r of help)
    rows.push({
      input: '-',
      contender: r.name,
      'median s': r.seconds.toFixed(3),
      'CPU s': r.cpuSeconds.toFixed(3),
      'vs gator': '-',
      'CPU vs gator': '-',
      'peak MiB': r.peakMiB.toFixed(0),
      'work done': '-'
    })
  verdicts.push(
    `hardening --help: ${help[0].seconds.toFixed(3)} s (target < ${HELP_TARGET_SECONDS}: ${help[0].seconds < HELP_TARGET_SECONDS ? 'met' : 'MISSED'}; node itself ${help[1].seconds.toFixed(3)} s); load ${before.toFixed(2)} → ${after.toFixed(2)}`
  )
  console.log(
    table(rows, [
      'input',
      'contender',
      'median s',
      'CPU s',
      'vs gator',
      'CPU vs gator',
      'peak MiB',
      'work done'
    ])
  )
  for (const verdict of [...verdicts, libraryNote]) console.error(verdict)
} finally {
  rmSync(work, { recursive: true, force: true })
}

import { readFile, writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { ACTION_ROOT, ACTION_VERSION } from '../action-root.js'
import { ConfigError, INPUT_DEFAULTS, readConfig, type InputName } from '../config/inputs.js'
import { layerInputs, loadCliConfigFile, withPathSettings } from '../config/file.js'
import { printable, stderrLogger } from '../log.js'
import { pathDirs } from '../util/which.js'
import { cliProgress } from '../progress.js'
import { runPipeline, type PipelineResult } from '../pipeline.js'
import { toFindingsDocument } from '../report/findings-file.js'
import { sortBySeverity } from '../findings/order.js'
import { registeredScanners } from '../scanners/registry.js'
import { EXIT, EXIT_CODES_HELP } from './exit.js'

export const SCAN_USAGE = `Usage: hardening scan [PATH ...] [options]

Scans Kubernetes manifests (PATH, default .) with the bundled Gatekeeper policies and Trivy,
the repository for secrets, licenses and vulnerable dependencies, and --images.

Options (each is the action input of the same name):
  --images REF[,REF]           images or image tarballs to scan
  --policy-bundle NAME         bundled policies: all, pss-restricted, ... or none (default all)
  --policies DIR[,DIR]         extra ConstraintTemplates and Constraints
  --policy-enforcement MODE    deny | warn | dryrun | as-declared (default deny)
  --unreadable-manifests MODE  fail | warn: a file that looks like a manifest but cannot be read
                               as Kubernetes reads it fails the gate, or only warns (default fail)
  --helm-values CHART=FILES    a Helm chart's values files, e.g. charts/web=values-prod.yaml
                               (relative to the chart, comma-separated); repeat a chart to
                               check it once per values set
  --kustomize-remote           let kustomize fetch remote bases a kustomization names (refused
                               by default: the gate fails)
  --scanners LIST              which scanners run (default ${INPUT_DEFAULTS.scanners}); see below
  --repository-scanners LIST   Trivy checks for the repository (default ${INPUT_DEFAULTS['repository-scanners']})
  --image-scanners LIST        Trivy checks for images (default ${INPUT_DEFAULTS['image-scanners']})
  --fail-on SEVERITY           critical | high | medium | low | none (default high)
  --fail-on-by-scanner LIST    per-scanner thresholds, e.g. image=critical,policies=high
  --baseline FILE              fail only on findings missing from this earlier findings.json
  --waivers FILE               waiver file (default .hardening/waivers.yaml)
  --trivy-ignore FILE          .trivyignore(.yaml) whose entries are reported as waived
  --skip-db-update             use the cached Trivy DB as it is
  --trusted-tool-dir DIR       run the trivy and conftest in DIR without checking them against
                               a pin (default: those on PATH, when at the pinned versions)
  --pinned-tools               run only pinned releases, verified by SHA-256 (as the action does)
  --db-repository REPO[,REPO]  Trivy DB mirrors
  --tool-mirror URL            where to download the pinned Trivy and conftest releases from
  --scan-timeout SECONDS       time limit for each scan (default ${INPUT_DEFAULTS['scan-timeout']})
  --ignore-unfixed             skip vulnerabilities without a fix
  --format FORMAT              table | json | sarif | markdown (default table)
  --output FILE                write the report there instead of standard output
  --output-dir DIR             where results.sarif, findings.json, summary.md and evidence/ go
  --sbom                       also write a CycloneDX SBOM per image and for the repository
                               into sbom/ of the output directory (docs/sbom.md)
  --config FILE                the config file (default .hardening.yaml, when present): any
                               option by its input name and per-path settings; the options
                               given here override it (docs/config.md)
  --verbose                    log each step and every tool command to standard error
  -h, --help                   this help

Scanners:
${registeredScanners()
  .map((scanner) => `  ${scanner.name.padEnd(13)}${scanner.description}`)
  .join('\n')}

${EXIT_CODES_HELP}`

const FLAG_TO_INPUT: Record<string, InputName> = {
  images: 'images',
  'policy-bundle': 'policy-bundle',
  policies: 'policies',
  'policy-enforcement': 'policy-enforcement',
  'unreadable-manifests': 'unreadable-manifests',
  scanners: 'scanners',
  'repository-scanners': 'repository-scanners',
  'image-scanners': 'image-scanners',
  'fail-on': 'fail-on-severity',
  'fail-on-by-scanner': 'fail-on-severity-by-scanner',
  waivers: 'waivers-file',
  'trivy-ignore': 'trivy-ignore-file',
  'db-repository': 'db-repository',
  'output-dir': 'output-dir',
  'scan-timeout': 'scan-timeout',
  'tool-mirror': 'tool-mirror',
  'trusted-tool-dir': 'trusted-tool-dir'
}

/** Every option `hardening scan` takes (the usage text lists each; a test checks it). */
export const SCAN_OPTIONS = {
  ...Object.fromEntries(
    Object.keys(FLAG_TO_INPUT).map((flag) => [flag, { type: 'string' as const }])
  ),
  baseline: { type: 'string' },
  config: { type: 'string' },
  'helm-values': { type: 'string', multiple: true },
  format: { type: 'string', default: 'table' },
  output: { type: 'string' },
  'skip-db-update': { type: 'boolean' },
  'pinned-tools': { type: 'boolean' },
  'ignore-unfixed': { type: 'boolean' },
  'kustomize-remote': { type: 'boolean' },
  sbom: { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }
} as const

export async function runScan(argv: string[]): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: SCAN_OPTIONS })
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${SCAN_USAGE}\n`)
    return EXIT.usage
  }
  const { values, positionals: paths } = parsed
  if (values.help) {
    process.stdout.write(`${SCAN_USAGE}\n`)
    return EXIT.pass
  }
  const format = String(values.format)
  if (!['table', 'json', 'sarif', 'markdown'].includes(format)) {
    process.stderr.write(`--format must be table, json, sarif or markdown; got '${format}'.\n`)
    return EXIT.usage
  }

  // Only what was given: the rest comes from the config file, else the defaults.
  const inputs: Partial<Record<InputName, string>> = {
    ...(paths.length > 0 ? { manifests: paths.join('\n') } : {}),
    ...(paths.length === 1 ? { 'scan-path': paths[0] } : {}),
    ...(values['skip-db-update'] ? { 'skip-db-update': 'true' } : {}),
    ...(values['ignore-unfixed'] ? { 'ignore-unfixed': 'true' } : {}),
    ...(values['kustomize-remote'] ? { 'kustomize-remote': 'true' } : {}),
    ...(values.sbom ? { sbom: 'true' } : {}),
    ...(values.baseline ? { 'fail-on': 'new', 'baseline-file': String(values.baseline) } : {}),
    ...(values['helm-values'] ? { 'helm-values': values['helm-values'].join('\n') } : {})
  }
  for (const [flag, input] of Object.entries(FLAG_TO_INPUT)) {
    const value = (values as Record<string, unknown>)[flag]
    if (typeof value === 'string') inputs[input] = value
  }
  if (values['pinned-tools'] && inputs['trusted-tool-dir'] !== undefined) {
    process.stderr.write('--pinned-tools and --trusted-tool-dir exclude each other.\n')
    return EXIT.usage
  }

  const { progress, log } = cliProgress(stderrLogger(Boolean(values.verbose)))
  let result: PipelineResult
  try {
    if (!process.env.RUNNER_TOOL_CACHE) process.env.RUNNER_TOOL_CACHE = defaultToolCache()
    const file = await loadCliConfigFile(values.config, process.cwd())
    const { read, attempt } = layerInputs(
      (name) => inputs[name as InputName] ?? '',
      file,
      (name) => inputs[name as InputName] !== undefined
    )
    const config = withPathSettings(
      attempt(() => readConfig(read, process.cwd())),
      file
    )
    // On a laptop the tools on PATH are the user's own; the action never runs PATH tools unpinned.
    if (values['pinned-tools']) config.trustedToolDirs = []
    else if (!read('trusted-tool-dir').trim()) config.trustedToolDirs = pathDirs()
    result = await runPipeline(config, {
      log,
      progress,
      actionRoot: ACTION_ROOT,
      actionVersion: ACTION_VERSION
    })
  } catch (error) {
    progress.done()
    process.stderr.write(`error: ${printable((error as Error).message)}\n`)
    return error instanceof ConfigError ? EXIT.usage : EXIT.toolFailed
  }

  progress.done()
  const report = await render(result, format)
  if (values.output) await writeFile(String(values.output), report)
  else process.stdout.write(report)
  for (const reason of result.decision.reasons) process.stderr.write(`${printable(reason)}\n`)
  if (result.outcomes.some((outcome) => outcome.error)) return EXIT.toolFailed
  return result.decision.failed ? EXIT.gateFailed : EXIT.pass
}

async function render(result: PipelineResult, format: string): Promise<string> {
  switch (format) {
    case 'json':
      return `${JSON.stringify(toFindingsDocument(result.outcomes, result.findings, result.decision), null, 2)}\n`
    case 'sarif':
      return readFile(result.files.sarif, 'utf8') // written result by result, never held whole
    case 'markdown':
      return result.summary
    default:
      return table(result)
  }
}

function table(result: PipelineResult): string {
  const rows = sortBySeverity(result.findings).map((f) =>
    [
      f.suppression ? `${f.severity} (waived)` : f.severity,
      f.ruleId,
      f.location ? `${f.location.path}:${f.location.startLine}` : f.target,
      f.message
    ].map((cell) => printable(cell, { oneLine: true }))
  )
  const header = ['SEVERITY', 'RULE', 'WHERE', 'MESSAGE']
  const widths = header.map((h, i) =>
    Math.min(60, Math.max(h.length, ...rows.map((r) => r[i].length)))
  )
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c)).join('  ')
  const notices = result.outcomes.flatMap((o) => [
    ...(o.error ? [`${o.scanner}: ${o.error}`] : []),
    ...o.notices
  ])
  const verdict = result.decision.failed ? 'FAILED' : 'PASSED'
  return [
    line(header),
    ...rows.map(line),
    '',
    ...notices.map((n) => `not scanned: ${printable(n, { oneLine: true })}`),
    `${verdict}: ${result.findings.length} finding(s); see ${result.files.sarif}`,
    ''
  ].join('\n')
}

function defaultToolCache(): string {
  return `${process.env.HOME ?? '.'}/.cache/hardening-action/tool-cache`
}

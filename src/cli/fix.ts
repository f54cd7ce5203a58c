import { readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { ACTION_ROOT } from '../action-root.js'
import { ConfigError, INPUT_DEFAULTS, readConfig, type InputName } from '../config/inputs.js'
import {
  fixResourceSettings,
  layerInputs,
  loadCliConfigFile,
  withPathSettings
} from '../config/file.js'
import { RULE_FIXES } from '../fix/rules.js'
import { parseCloud, parseResourceDefaults } from '../fix/settings.js'
import { planFixes } from '../fix/plan.js'
import { DigestResolver } from '../fix/registry.js'
import { SourceText, applyLineEdits } from '../fix/source.js'
import { unifiedDiff, writeFileAtomic } from '../fix/write.js'
import { printable, stderrLogger } from '../log.js'
import { cliProgress } from '../progress.js'
import { policiesScanner } from '../scanners/policies.js'
import { installTools } from '../tools/setup.js'
import { privateTempDir } from '../util/temp.js'
import { pathDirs } from '../util/which.js'
import { EXIT } from './exit.js'

export const FIX_USAGE = `Usage: hardening fix [PATH ...] [options]

Fixes what the bundled policies find in Kubernetes manifests (PATH, default .): each fix edits
only the lines it must (comments, key order, quoting and indentation stay) and is re-evaluated
with the same policies before it is offered. Findings without a safe fix are listed with the
reason. See docs/fixes.md.

Options:
  --dry-run                    print the fixes as a unified diff; change no file
  --rules KIND[,KIND]          only these rules (template kinds, e.g. HardeningPSSPrivileged)
  --cloud aws|gcp|azure        make public LoadBalancers internal with this cloud's annotation
  --resources-default LIST     requests and limits for containers that lack them, e.g.
                               cpu=100m,memory=128Mi (both) or requests.cpu=100m,limits.cpu=1
  --offline                    do not ask registries for image digests (images stay manual)
  --config FILE                the config file (default .hardening.yaml, when present): the
                               options by input name and fix.resources per namespace; the
                               options given here override it (docs/config.md)
  --policy-bundle NAME         bundled policies: all, pss-restricted, ... (default all)
  --policies DIR[,DIR]         extra ConstraintTemplates and Constraints
  --trusted-tool-dir DIR       run the conftest in DIR without checking it against a pin
  --pinned-tools               run only the pinned conftest release, verified by SHA-256
  --tool-mirror URL            where to download the pinned conftest release from
  --scan-timeout SECONDS       time limit for each conftest run (default ${INPUT_DEFAULTS['scan-timeout']})
  --verbose                    log each step to standard error
  -h, --help                   this help
Exit codes (with or without --dry-run, for the files as they are after the fixes):
  0 no finding is left, 1 findings are left that have no automatic fix (listed on standard
  error), 2 usage or configuration error, 3 a tool failed.`

const FLAG_TO_INPUT: Record<string, InputName> = {
  'policy-bundle': 'policy-bundle',
  policies: 'policies',
  'trusted-tool-dir': 'trusted-tool-dir',
  'tool-mirror': 'tool-mirror',
  'scan-timeout': 'scan-timeout'
}

class UsageError extends Error {}

export async function runFix(argv: string[]): Promise<number> {
  let options
  try {
    options = parseOptions(argv)
  } catch (error) {
    process.stderr.write(`${printable((error as Error).message)}\n\n${FIX_USAGE}\n`)
    return EXIT.usage
  }
  if (options === 'help') {
    process.stdout.write(`${FIX_USAGE}\n`)
    return EXIT.pass
  }
  const { values, inputs, cloud, resourceDefaults, rules } = options
  const { progress, log } = cliProgress(stderrLogger(Boolean(values.verbose)))
  let workDir: string | undefined
  try {
    if (!process.env.RUNNER_TOOL_CACHE)
      process.env.RUNNER_TOOL_CACHE = `${process.env.HOME ?? '.'}/.cache/hardening-action/tool-cache`
    const file = await loadCliConfigFile(values.config, process.cwd())
    const { read, attempt } = layerInputs(
      (name) => inputs[name as InputName] ?? '',
      file,
      (name) => Boolean(inputs[name as InputName])
    )
    // The config file's per-path settings, as `hardening scan` applies them: each path is fixed
    // against the policies that judge it there, and an excluded path is left alone.
    const config = withPathSettings(
      attempt(() => readConfig(read, process.cwd())),
      file
    )
    if (values['pinned-tools']) config.trustedToolDirs = []
    else if (!read('trusted-tool-dir').trim()) config.trustedToolDirs = pathDirs()
    progress.stage('install tools')
    const { tools } = await installTools(
      config,
      { tools: ['conftest'], vulnerabilityDb: false },
      log
    )
    workDir = await privateTempDir('hardening-fix-scan-')
    const context = { config, tools, actionRoot: ACTION_ROOT, log, timeoutMs: config.scanTimeoutMs }
    progress.stage('scan')
    const [outcome] = await policiesScanner.run({ ...context, workDir, progress })
    if (!outcome || outcome.error)
      throw new Error(outcome?.error ?? 'the policy scan gave no result')
    for (const notice of outcome.notices) log.warning(notice)
    progress.stage('plan fixes')
    const plan = await planFixes(outcome.findings, {
      context,
      digests: new DigestResolver({
        offlineReason: values.offline
          ? 'registries were not asked (--offline); pin the digest by hand or re-run online'
          : undefined
      }),
      ...(rules ? { rules } : {}),
      ...(cloud ? { cloud } : {}),
      ...fixResourceSettings(resourceDefaults, file)
    })
    // Ended before the diff goes to standard output, which may be the same terminal as the line.
    progress.done()
    for (const fix of plan.fixes) {
      const file = path.join(config.workspace, fix.path)
      const source = new SourceText(await readFile(file, 'utf8'))
      if (values['dry-run'])
        process.stdout.write(printable(unifiedDiff(fix.path, source, fix.edits)))
      else await writeFileAtomic(file, applyLineEdits(source, fix.edits))
    }
    const fixed = plan.fixes.reduce((sum, fix) => sum + fix.resolves.length, 0)
    const verb = values['dry-run'] ? 'would fix' : 'fixed'
    process.stderr.write(`${verb} ${fixed} finding(s) in ${plan.fixes.length} file(s)\n`)
    for (const { finding, reason } of plan.manual) {
      const where = `${finding.location!.path}:${finding.location!.startLine}`
      process.stderr.write(
        `${printable(`manual: ${where} ${finding.ruleId}: ${finding.message}\n  why: ${reason}`)}\n`
      )
    }
    const left = plan.manual.length > 0 || (outcome.gateFailures?.length ?? 0) > 0
    return left ? EXIT.gateFailed : EXIT.pass
  } catch (error) {
    progress.done()
    process.stderr.write(`error: ${printable((error as Error).message)}\n`)
    return error instanceof ConfigError ? EXIT.usage : EXIT.toolFailed
  } finally {
    if (workDir) await rm(workDir, { recursive: true, force: true })
  }
}

function parseOptions(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...Object.fromEntries(
        Object.keys(FLAG_TO_INPUT).map((flag) => [flag, { type: 'string' as const }])
      ),
      rules: { type: 'string' },
      cloud: { type: 'string' },
      'resources-default': { type: 'string' },
      config: { type: 'string' },
      'dry-run': { type: 'boolean' },
      offline: { type: 'boolean' },
      'pinned-tools': { type: 'boolean' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' }
    }
  })
  if (values.help) return 'help' as const
  const cloud = values.cloud === undefined ? undefined : parseCloud(values.cloud, '--cloud')
  const rules = values.rules
    ?.split(',')
    .map((rule) => rule.trim())
    .filter(Boolean)
  if (rules && rules.length === 0) throw new UsageError('--rules needs at least one rule.')
  const unknown = rules?.filter((rule) => !Object.hasOwn(RULE_FIXES, rule))
  if (unknown?.length)
    throw new UsageError(
      `--rules: no automatic fix exists for ${unknown.join(', ')}; rules with fixes: ${Object.keys(RULE_FIXES).sort().join(', ')}.`
    )
  const inputs: Partial<Record<InputName, string>> = {
    manifests: positionals.join('\n'),
    scanners: 'policies'
  }
  for (const [flag, input] of Object.entries(FLAG_TO_INPUT)) {
    const value = (values as Record<string, unknown>)[flag]
    if (typeof value === 'string') inputs[input] = value
  }
  if (values['pinned-tools'] && inputs['trusted-tool-dir'] !== undefined)
    throw new UsageError('--pinned-tools and --trusted-tool-dir exclude each other.')
  const resourceDefaults =
    values['resources-default'] === undefined
      ? undefined
      : parseResourceDefaults(values['resources-default'], '--resources-default')
  return { values, inputs, cloud, resourceDefaults, rules }
}

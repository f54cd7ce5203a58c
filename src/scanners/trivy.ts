import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { RegistryCredentials, ScannerName, TrivyCheck } from '../config/scan-config.js'
import { finalize, type Finding, type Location } from '../findings/model.js'
import { parseSeverity } from '../findings/severity.js'
import { findImageReferences } from '../manifests/images.js'
import { mapBounded } from '../util/concurrency.js'
import { runTool, toolEnv } from '../util/run-tool.js'
import { withoutExcluded } from './gatekeeper/path-policies.js'
import { findInlineIgnores, ignoredBy, loadTrivyIgnore, type TrivyIgnore } from './trivy-ignore.js'
import type { ScanContext, ScanOutcome, Scanner } from './scanner.js'
import { relativePosix } from '../util/posix-path.js'

/** The parts of Trivy's JSON report we read. */
interface TrivyReport {
  Results?: Array<{
    Target: string
    Class?: string
    Vulnerabilities?: Array<{
      VulnerabilityID: string
      PkgName: string
      PkgPath?: string
      InstalledVersion?: string
      FixedVersion?: string
      Severity?: string
      Title?: string
      Description?: string
      PrimaryURL?: string
      References?: string[]
    }>
    Misconfigurations?: Array<{
      ID: string
      AVDID?: string
      Aliases?: string[]
      Title?: string
      Message?: string
      Resolution?: string
      Severity?: string
      PrimaryURL?: string
      References?: string[]
      Status?: string
      CauseMetadata?: { Resource?: string; StartLine?: number; EndLine?: number }
    }>
    Secrets?: Array<{
      RuleID: string
      Category?: string
      Severity?: string
      Title?: string
      StartLine?: number
      EndLine?: number
    }>
    Licenses?: Array<{
      Severity?: string
      Category?: string
      PkgName?: string
      FilePath?: string
      Name: string
      Link?: string
    }>
  }>
}

/**
 * Flags every Trivy run shares: its cache, the DB used as downloaded once before the scans (so
 * parallel scans only read it), the embedded misconfiguration checks, no on-disk scan cache, and
 * the scan timeout (Trivy's own 5-minute default would otherwise stop it first).
 * `trivy config` reads no vulnerability DB and takes no DB flags.
 */
function commonArgs(context: ScanContext, subcommand: string): string[] {
  const common = [
    '--cache-dir',
    context.config.trivyCacheDir,
    '--skip-check-update',
    '--quiet',
    '--timeout',
    `${Math.ceil(context.timeoutMs / 1000)}s`
  ]
  return subcommand === 'config'
    ? common
    : [...common, '--skip-db-update', '--cache-backend', 'memory']
}

/**
 * Our own configuration files for one Trivy run, so Trivy never looks for its defaults
 * (`trivy.yaml`, `.trivyignore`, `trivy-secret.yaml`): each one is explicit and empty, so the
 * built-in settings and rules apply. Ignore entries the user asks for are applied by us
 * (`trivy-ignore-file`), as waived findings.
 */
async function configArgs(dir: string, subcommand: string): Promise<string[]> {
  const files = {
    config: path.join(dir, 'trivy.yaml'),
    ignore: path.join(dir, 'trivyignore'),
    secret: path.join(dir, 'trivy-secret.yaml')
  }
  await Promise.all([
    writeFile(files.config, '{}\n'),
    writeFile(files.ignore, ''),
    writeFile(files.secret, '{}\n')
  ])
  return [
    '--config',
    files.config,
    '--ignorefile',
    files.ignore,
    // `trivy config` has no secret scanner and no such flag; `trivy convert` scans nothing.
    ...(subcommand === 'config' || subcommand === 'convert'
      ? []
      : ['--secret-config', files.secret])
  ]
}

/**
 * The environment of a Trivy run that pulls images: the registry login of the inputs (which
 * replaces any TRIVY_* login the runner has) goes only here, never on a command line.
 */
function registryEnv(credentials: RegistryCredentials | undefined): NodeJS.ProcessEnv {
  const env = toolEnv({ registryCredentials: true })
  if (!credentials) return env
  delete env.TRIVY_USERNAME
  delete env.TRIVY_PASSWORD
  delete env.TRIVY_REGISTRY_TOKEN
  return 'token' in credentials
    ? { ...env, TRIVY_REGISTRY_TOKEN: credentials.token }
    : { ...env, TRIVY_USERNAME: credentials.username, TRIVY_PASSWORD: credentials.password }
}

/**
 * Trivy's answer when a registry refuses the pull is buried in a list of every image source it
 * tried; this says it first: which registry, and which login to check (never the login itself).
 */
function registryRefusal(
  failure: Error,
  image: string,
  credentials: RegistryCredentials | undefined
): Error | undefined {
  const refusal = /remote error: .*\b(UNAUTHORIZED|DENIED)\b.*/.exec(failure.message)
  if (!refusal) return undefined
  const registry = /^[^/]+[.:][^/]*\/|^localhost\//.exec(image)?.[0].slice(0, -1) ?? 'docker.io'
  const login = !credentials
    ? 'a private image needs registry-username and registry-password, or registry-token'
    : 'token' in credentials
      ? 'check registry-token'
      : 'check registry-username and registry-password'
  return new Error(
    `The registry ${registry} refused to let Trivy pull ${image} (${refusal[1]}): ${login}. Trivy said: ${refusal[0]}`
  )
}

/** Runs `trivy <args>` on one target, reported to the progress as `trivy <subcommand> <target>`. */
async function runTrivy(
  context: ScanContext,
  args: string[],
  target: string,
  options: { registryCredentials?: boolean; sbom?: boolean } = {}
): Promise<{ report: TrivyReport; sbom?: string }> {
  const trivy = context.tools.trivy
  if (!trivy) throw new Error('trivy is not installed')
  await mkdir(context.workDir, { recursive: true })
  const dir = await mkdtemp(path.join(context.workDir, 'trivy-'))
  const output = path.join(dir, 'report.json')
  const label = `trivy ${args[0]} ${target}`
  context.progress?.targetStarted(label)
  let failed = true
  try {
    await runTool(
      trivy.path,
      [
        ...args,
        ...commonArgs(context, args[0]),
        ...(await configArgs(dir, args[0])),
        // Trivy 0.74 lists every package by default; older releases only with the flag.
        ...(options.sbom ? ['--list-all-pkgs'] : []),
        '--format',
        'json',
        '--output',
        output
      ],
      {
        timeoutMs: context.timeoutMs,
        env: options.registryCredentials
          ? registryEnv(context.config.registryCredentials)
          : toolEnv()
      }
    )
    failed = false
  } finally {
    context.progress?.targetFinished(label, failed)
  }
  const report = JSON.parse(await readFile(output, 'utf8')) as TrivyReport
  if (!options.sbom) return { report }
  return { report, sbom: await cycloneDxOf(context, trivy.path, dir, output) }
}

/**
 * The CycloneDX SBOM of a run's JSON report, by Trivy's own converter: the report lists every
 * package, so the SBOM costs no second pull or analysis of the target. The converter reads only
 * the report and our empty configuration, and needs no network.
 */
async function cycloneDxOf(
  context: ScanContext,
  trivy: string,
  dir: string,
  report: string
): Promise<string> {
  const sbom = path.join(dir, 'sbom.cdx.json')
  await runTool(
    trivy,
    [
      'convert',
      '--quiet',
      ...(await configArgs(dir, 'convert')),
      '--format',
      'cyclonedx',
      '--output',
      sbom,
      report
    ],
    { timeoutMs: context.timeoutMs, env: toolEnv({ network: false }) }
  )
  return readFile(sbom, 'utf8')
}

/** A path as the user knows it: relative to the workspace (`.` for the workspace itself). */
const shownPath = (context: ScanContext, file: string) =>
  relativePosix(context.config.workspace, file) || '.'

interface Placement {
  scanner: ScannerName
  target: string
  /** Maps a Trivy result target (a path) to a repo-relative path; undefined for paths inside an image. */
  repoPath(trivyTarget: string): string | undefined
  /** Where the scanned thing is referenced in the repository (images), used when a result has no file. */
  fallback?: Location
  /** The user's Trivy ignore file: what it lists is reported as waived. */
  ignore?: TrivyIgnore
}

/** Converts a Trivy report into findings; secret values are never copied out of it. */
export function trivyFindings(report: TrivyReport, placement: Placement): Finding[] {
  const findings: Finding[] = []
  const where = (trivyTarget: string, line?: number, endLine?: number): Location | undefined => {
    const file = placement.repoPath(trivyTarget)
    if (!file) return placement.fallback
    return {
      path: file,
      startLine: line && line > 0 ? line : 1,
      ...(endLine && endLine >= (line ?? 1) ? { endLine } : {})
    }
  }
  const base = { scanner: placement.scanner, target: placement.target }
  const waived = (finding: Parameters<typeof ignoredBy>[1]) => {
    const suppression = ignoredBy(placement.ignore, finding)
    return suppression ? { suppression } : {}
  }
  for (const result of report.Results ?? []) {
    for (const vuln of result.Vulnerabilities ?? []) {
      findings.push(
        finalize({
          ...base,
          ruleId: vuln.VulnerabilityID,
          title: vuln.Title ?? vuln.VulnerabilityID,
          severity: parseSeverity(vuln.Severity),
          message: `${vuln.PkgName} ${vuln.InstalledVersion ?? ''} is affected by ${vuln.VulnerabilityID}${
            vuln.FixedVersion ? `; fixed in ${vuln.FixedVersion}` : '; no fixed version yet'
          } (${result.Target}).`,
          resource: `${vuln.PkgName}@${vuln.InstalledVersion ?? ''}`,
          location: where(result.Target),
          remediation: vuln.FixedVersion
            ? `Upgrade ${vuln.PkgName} to ${vuln.FixedVersion} or later.`
            : undefined,
          helpUri: vuln.PrimaryURL,
          references: vuln.References?.slice(0, 10),
          fixedVersion: vuln.FixedVersion || undefined,
          ...waived({
            class: 'vulnerabilities',
            ids: [vuln.VulnerabilityID],
            paths: [result.Target, vuln.PkgPath ?? '']
          })
        })
      )
    }
    for (const misconfig of result.Misconfigurations ?? []) {
      if (misconfig.Status && misconfig.Status !== 'FAIL') continue
      const cause = misconfig.CauseMetadata ?? {}
      findings.push(
        finalize({
          ...base,
          ruleId: misconfig.AVDID || misconfig.ID,
          title: misconfig.Title ?? misconfig.ID,
          severity: parseSeverity(misconfig.Severity),
          message: `${misconfig.Message ?? misconfig.Title ?? misconfig.ID} (${result.Target})`,
          resource: cause.Resource || result.Target,
          location: where(result.Target, cause.StartLine, cause.EndLine),
          remediation: misconfig.Resolution,
          helpUri: misconfig.PrimaryURL,
          references: misconfig.References?.slice(0, 10),
          ...waived({
            class: 'misconfigurations',
            ids: [misconfig.ID, misconfig.AVDID ?? '', ...(misconfig.Aliases ?? [])],
            paths: [result.Target]
          })
        })
      )
    }
    for (const secret of result.Secrets ?? []) {
      findings.push(
        finalize({
          ...base,
          ruleId: `secret/${secret.RuleID}`,
          title: secret.Title ?? secret.RuleID,
          severity: parseSeverity(secret.Severity),
          // Only the rule and the place: the matched text stays out of every report.
          message: `${secret.Title ?? secret.RuleID} (${secret.Category ?? 'secret'}) found in ${result.Target}.`,
          resource: result.Target,
          location: where(result.Target, secret.StartLine, secret.EndLine),
          remediation:
            'Remove the secret from the repository, rotate it, and load it at run time from a secret store.',
          ...waived({ class: 'secrets', ids: [secret.RuleID], paths: [result.Target] })
        })
      )
    }
    for (const license of result.Licenses ?? []) {
      const file = license.FilePath || result.Target
      findings.push(
        finalize({
          ...base,
          ruleId: `license/${license.Name}`,
          title: `License ${license.Name} (${license.Category ?? 'unknown'})`,
          severity: parseSeverity(license.Severity),
          message: `${license.PkgName ? `Package ${license.PkgName}` : file} is licensed ${license.Name} (${license.Category ?? 'unknown'} category).`,
          resource: license.PkgName || file,
          location: where(file),
          helpUri: license.Link || undefined,
          ...waived({ class: 'licenses', ids: [license.Name], paths: [license.FilePath ?? ''] })
        })
      )
    }
  }
  return findings
}

function outcome(
  scanner: ScannerName,
  target: string,
  context: ScanContext,
  findings: Finding[],
  error?: string
): ScanOutcome {
  return {
    scanner,
    target,
    findings,
    notices: [],
    tool: { name: 'trivy', version: context.tools.trivy?.version ?? '' },
    ...(error ? { error } : {})
  }
}

/**
 * The checks that can run: without the vulnerability DB all but `vuln`, plus the error that
 * says why `vuln` did not run (the other checks still report; the error fails the gate).
 */
function runnableChecks(
  checks: TrivyCheck[],
  context: ScanContext
): { checks: TrivyCheck[]; error?: string } {
  if (!context.dbProblem || !checks.includes('vuln')) return { checks }
  return {
    checks: checks.filter((check) => check !== 'vuln'),
    error: `The vulnerability scan did not run: ${context.dbProblem}`
  }
}

const repoRelative = (context: ScanContext, base: string) => (trivyTarget: string) =>
  relativePosix(context.config.workspace, path.resolve(base, trivyTarget))

/** `trivy fs` on the scan path: dependency vulnerabilities, secrets and licenses. */
export const repositoryScanner: Scanner = {
  name: 'repository',
  description: 'trivy fs on the scan path: vulnerable dependencies, secrets, licenses',
  tools: ['trivy'],
  failureTarget: 'repository',
  sarifTool: 'Trivy repository',
  needsVulnerabilityDb: (config) => config.repositoryScanners.includes('vuln'),
  async run(context) {
    const { config } = context
    const { checks, error } = runnableChecks(config.repositoryScanners, context)
    // With `sbom` the run goes ahead even with no check left: it still lists the packages.
    if (checks.length === 0 && !config.sbom)
      return [outcome('repository', 'repository', context, [], error)]
    const args = [
      'fs',
      '--scanners',
      checks.join(','),
      ...(config.ignoreUnfixed ? ['--ignore-unfixed'] : []),
      config.scanPath
    ]
    const { report, sbom } = await runTrivy(context, args, shownPath(context, config.scanPath), {
      sbom: config.sbom
    })
    const notices: string[] = []
    const findings = [
      ...trivyFindings(report, {
        scanner: 'repository',
        target: 'repository',
        repoPath: repoRelative(context, config.scanPath),
        ignore: await loadTrivyIgnore(config.trivyIgnoreFile, config.workspace)
      }),
      ...(checks.includes('misconfig')
        ? await inlineIgnoreFindings(context, 'repository', config.scanPath, notices)
        : [])
    ]
    return [
      {
        ...outcome('repository', 'repository', context, findings, error),
        notices,
        ...(sbom ? { sbom } : {})
      }
    ]
  }
}

/** `trivy config` on the manifests: Trivy's own embedded misconfiguration checks. */
export const trivyConfigScanner: Scanner = {
  name: 'trivy-config',
  description: "trivy config on the manifests: Trivy's own misconfiguration checks",
  tools: ['trivy'],
  failureTarget: 'manifests',
  sarifTool: 'Trivy misconfiguration',
  sarifTags: ['misconfiguration', 'kubernetes'],
  async run(context) {
    const { config } = context
    const findings: Finding[] = []
    const notices: string[] = []
    const ignore = await loadTrivyIgnore(config.trivyIgnoreFile, config.workspace)
    for (const target of config.manifests) {
      const { report } = await runTrivy(context, ['config', target], shownPath(context, target))
      findings.push(
        ...trivyFindings(report, {
          scanner: 'trivy-config',
          target: 'manifests',
          repoPath: repoRelative(context, target),
          ignore
        }),
        ...(await inlineIgnoreFindings(context, 'trivy-config', target, notices))
      )
    }
    const kept = withoutExcluded(
      config,
      findings,
      'manifest file(s) with Trivy findings not reported'
    )
    return [
      {
        ...outcome('trivy-config', 'manifests', context, kept.findings),
        notices: [...notices, ...kept.notices]
      }
    ]
  }
}

/**
 * Trivy drops what an inline ignore comment in a scanned file names (Helm templates,
 * Dockerfiles, Terraform, CloudFormation) and reports nothing, so a pull request could hide any
 * finding with one. Each comment becomes a CRITICAL finding: the severity of what it hides is
 * unknown, so it fails the gate at any threshold until it is removed or waived.
 */
async function inlineIgnoreFindings(
  context: ScanContext,
  scanner: 'trivy-config' | 'repository',
  dir: string,
  notices: string[]
): Promise<Finding[]> {
  const { ignores, tooLarge } = await findInlineIgnores(dir)
  const relative = (file: string) => relativePosix(context.config.workspace, file)
  for (const file of tooLarge)
    notices.push(`${relative(file)}: too large to check for Trivy inline ignore comments`)
  return ignores.map(({ file, line, comment }) =>
    finalize({
      scanner,
      target: scanner === 'repository' ? 'repository' : 'manifests',
      ruleId: 'HardeningTrivyInlineIgnore',
      title: 'Trivy inline ignore comment',
      severity: 'CRITICAL',
      message: `'${comment}' makes Trivy drop the findings it names without reporting them (${relative(file)}:${line}).`,
      resource: relative(file),
      location: { path: relative(file), startLine: line },
      remediation:
        'Remove the comment. To accept a finding, add a waiver (waivers-file) with an owner, a reason and an expiry.'
    })
  )
}

/** `trivy image` for each image reference or image tarball. */
export const imageScanner: Scanner = {
  name: 'image',
  description: 'trivy image on each image or image tarball given',
  tools: ['trivy'],
  failureTarget: 'image',
  sarifTool: 'Trivy image',
  enabled: (config) => config.images.length > 0,
  needsVulnerabilityDb: (config) => config.imageScanners.includes('vuln'),
  async run(context) {
    const { config } = context
    const references = await findImageReferences(config.workspace, config.scanPath)
    const ignore = await loadTrivyIgnore(config.trivyIgnoreFile, config.workspace)
    const { checks, error } = runnableChecks(config.imageScanners, context)
    return mapBounded(config.images, async (image) => {
      if (checks.length === 0 && !config.sbom) return outcome('image', image, context, [], error)
      const tarball = /\.tar(\.gz)?$/.test(image)
        ? path.resolve(config.workspace, image)
        : undefined
      const args = [
        'image',
        '--scanners',
        checks.join(','),
        ...(config.ignoreUnfixed ? ['--ignore-unfixed'] : []),
        ...(tarball ? ['--input', tarball] : [image])
      ]
      const { report, sbom } = await runTrivy(context, args, image, {
        registryCredentials: true,
        sbom: config.sbom
      }).catch((failure: Error) => {
        throw registryRefusal(failure, image, config.registryCredentials) ?? failure
      })
      const reference = references.get(image)
      const findings = trivyFindings(report, {
        scanner: 'image',
        target: image,
        repoPath: () => undefined,
        fallback: reference,
        ignore
      })
      return { ...outcome('image', image, context, findings, error), ...(sbom ? { sbom } : {}) }
    })
  }
}

import { mkdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import type { ScannerName } from '../config/inputs.js'
import { finalize, type Finding, type Location } from '../findings/model.js'
import { parseSeverity } from '../findings/severity.js'
import { findImageReferences } from '../manifests/images.js'
import { mapBounded } from '../util/concurrency.js'
import { runTool } from './run-tool.js'
import type { ScanContext, ScanOutcome, Scanner } from './scanner.js'

/** The parts of Trivy's JSON report we read. */
interface TrivyReport {
  Results?: Array<{
    Target: string
    Class?: string
    Vulnerabilities?: Array<{
      VulnerabilityID: string
      PkgName: string
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
 * parallel scans only read it), the embedded misconfiguration checks, and no on-disk scan cache.
 * `trivy config` reads no vulnerability DB and takes no DB flags.
 */
function commonArgs(context: ScanContext, subcommand: string): string[] {
  const common = ['--cache-dir', context.config.trivyCacheDir, '--skip-check-update', '--quiet']
  return subcommand === 'config'
    ? common
    : [...common, '--skip-db-update', '--cache-backend', 'memory']
}

async function runTrivy(context: ScanContext, args: string[], label: string): Promise<TrivyReport> {
  const trivy = context.tools.trivy
  if (!trivy) throw new Error('trivy is not installed')
  await mkdir(context.workDir, { recursive: true })
  const output = path.join(context.workDir, `${label.replace(/[^A-Za-z0-9._-]+/g, '_')}.json`)
  await runTool(
    trivy.path,
    [...args, ...commonArgs(context, args[0]), '--format', 'json', '--output', output],
    {
      timeoutMs: context.timeoutMs,
      cwd: context.config.workspace
    }
  )
  return JSON.parse(await readFile(output, 'utf8')) as TrivyReport
}

interface Placement {
  scanner: ScannerName
  target: string
  /** Maps a Trivy result target (a path) to a repo-relative path; undefined for paths inside an image. */
  repoPath(trivyTarget: string): string | undefined
  /** Where the scanned thing is referenced in the repository (images), used when a result has no file. */
  fallback?: Location
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
          fixedVersion: vuln.FixedVersion || undefined
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
          references: misconfig.References?.slice(0, 10)
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
            'Remove the secret from the repository, rotate it, and load it at run time from a secret store.'
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
          helpUri: license.Link || undefined
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
  findings: Finding[]
): ScanOutcome {
  return {
    scanner,
    target,
    findings,
    notices: [],
    tool: { name: 'trivy', version: context.tools.trivy?.version ?? '' }
  }
}

const repoRelative = (context: ScanContext, base: string) => (trivyTarget: string) =>
  path.relative(context.config.workspace, path.resolve(base, trivyTarget)).split(path.sep).join('/')

/** `trivy fs` on the scan path: dependency vulnerabilities, secrets and licenses. */
export const repositoryScanner: Scanner = {
  name: 'repository',
  async run(context) {
    const { config } = context
    const scanners = config.repositoryScanners.join(',')
    const args = [
      'fs',
      '--scanners',
      scanners,
      ...(config.ignoreUnfixed ? ['--ignore-unfixed'] : []),
      config.scanPath
    ]
    const report = await runTrivy(context, args, 'repository')
    const findings = trivyFindings(report, {
      scanner: 'repository',
      target: 'repository',
      repoPath: repoRelative(context, config.scanPath)
    })
    return [outcome('repository', 'repository', context, findings)]
  }
}

/** `trivy config` on the manifests: Trivy's own embedded misconfiguration checks. */
export const trivyConfigScanner: Scanner = {
  name: 'trivy-config',
  async run(context) {
    const { config } = context
    const findings: Finding[] = []
    for (const target of config.manifests) {
      const report = await runTrivy(context, ['config', target], `config-${path.basename(target)}`)
      findings.push(
        ...trivyFindings(report, {
          scanner: 'trivy-config',
          target: 'manifests',
          repoPath: repoRelative(context, target)
        })
      )
    }
    return [outcome('trivy-config', 'manifests', context, findings)]
  }
}

/** `trivy image` for each image reference or image tarball. */
export const imageScanner: Scanner = {
  name: 'image',
  async run(context) {
    const { config } = context
    const references = await findImageReferences(config.workspace, config.scanPath)
    return mapBounded(config.images, async (image) => {
      const tarball = /\.tar(\.gz)?$/.test(image)
        ? path.resolve(config.workspace, image)
        : undefined
      const args = [
        'image',
        '--scanners',
        config.imageScanners.join(','),
        ...(config.ignoreUnfixed ? ['--ignore-unfixed'] : []),
        ...(tarball ? ['--input', tarball] : [image])
      ]
      const report = await runTrivy(context, args, `image-${image}`)
      const reference = references.get(image)
      const findings = trivyFindings(report, {
        scanner: 'image',
        target: image,
        repoPath: () => undefined,
        fallback: reference
      })
      return outcome('image', image, context, findings)
    })
  }
}

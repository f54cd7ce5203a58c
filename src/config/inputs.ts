import os from 'node:os'
import path from 'node:path'
import type { Severity } from '../findings/severity.js'

export const SCANNER_NAMES = ['image', 'repository', 'policies', 'trivy-config'] as const
export type ScannerName = (typeof SCANNER_NAMES)[number]

export const TRIVY_CHECKS = ['vuln', 'secret', 'license', 'misconfig'] as const
export type TrivyCheck = (typeof TRIVY_CHECKS)[number]

export const POLICY_ENFORCEMENTS = ['deny', 'warn', 'dryrun', 'as-declared'] as const
export type PolicyEnforcement = (typeof POLICY_ENFORCEMENTS)[number]

export const FAIL_ON_SEVERITIES = ['critical', 'high', 'medium', 'low', 'none'] as const
export type FailOnSeverity = (typeof FAIL_ON_SEVERITIES)[number]

/** Everything the pipeline needs, validated once here; later stages never read raw inputs. */
export interface ScanConfig {
  /** Absolute path of the checked-out repository; every reported path is relative to it. */
  workspace: string
  /** Absolute directory the repository scanner (secrets, licenses, dependencies) walks. */
  scanPath: string
  /** Absolute paths of manifest files or directories. */
  manifests: string[]
  images: string[]
  /** Bundled policy bundle to evaluate (`all`, `pss-restricted`, ...) or `none`. */
  policyBundle: string
  /** Extra directories holding ConstraintTemplates and Constraints. */
  extraPolicies: string[]
  /** Enforcement for the bundled constraints in CI, or `as-declared` to keep each constraint's own. */
  policyEnforcement: PolicyEnforcement
  scanners: ScannerName[]
  /** Trivy `--scanners` for the repository scan and for images. */
  repositoryScanners: TrivyCheck[]
  imageScanners: TrivyCheck[]
  /** Lowest severity that fails the run, or null when the gate never fails on severity. */
  failOnSeverity: Severity | null
  /** Per-scanner thresholds (`image=critical,policies=high`) that replace failOnSeverity. */
  failOnSeverityByScanner: Partial<Record<ScannerName, Severity | null>>
  ignoreUnfixed: boolean
  trivyVersion: string
  conftestVersion: string
  skipDbUpdate: boolean
  dbRepositories: string[]
  trivyCacheDir: string
  /** Base URL of the release host for tool downloads (a mirror in air-gapped networks). */
  toolMirror: string
  waiversFile: string
  /** Only findings missing from this earlier findings file fail the gate (fail-on: new). */
  baselineFile: string | null
  scanTimeoutMs: number
  outputDir: string
}

/** A bad input: the message names the input and the accepted values. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConfigError'
  }
}

/** Reads one raw input by its action.yml name; returns '' when unset. */
export type InputReader = (name: string) => string

export const INPUT_DEFAULTS = {
  'scan-path': '.',
  manifests: '',
  images: '',
  'policy-bundle': 'all',
  policies: '',
  'policy-enforcement': 'deny',
  scanners: SCANNER_NAMES.join(','),
  'repository-scanners': 'vuln,secret,license',
  'image-scanners': 'vuln',
  'fail-on-severity': 'high',
  'fail-on-severity-by-scanner': '',
  'ignore-unfixed': 'false',
  'trivy-version': '0.74.0',
  'conftest-version': '0.71.1',
  'skip-db-update': 'false',
  'db-repository': '',
  'trivy-cache-dir': '',
  'tool-mirror': 'https://github.com',
  'waivers-file': '.hardening/waivers.yaml',
  'fail-on': 'all',
  'baseline-file': '',
  'scan-timeout': '600',
  'output-dir': 'hardening-results'
} as const

export type InputName = keyof typeof INPUT_DEFAULTS

const VERSION_PATTERN = /^v?\d+\.\d+\.\d+$/
const IMAGE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._\-/:@]*$/

export function readConfig(read: InputReader, workspace: string): ScanConfig {
  const get = (name: InputName): string => read(name).trim() || INPUT_DEFAULTS[name]

  const failOn = oneOf(get('fail-on-severity'), FAIL_ON_SEVERITIES, 'fail-on-severity')

  const scanners = list(get('scanners')).map((name) => oneOf(name, SCANNER_NAMES, 'scanners'))

  const images = list(get('images'))
  for (const image of images) {
    if (!IMAGE_PATTERN.test(image)) {
      throw new ConfigError(
        `Input 'images' has an invalid image reference '${image}': use registry/name:tag or name@sha256:digest.`
      )
    }
  }

  const scanPath = insideWorkspace(workspace, get('scan-path'), 'scan-path')
  const manifestInputs = list(get('manifests'))

  return {
    workspace,
    scanPath,
    manifests: (manifestInputs.length > 0 ? manifestInputs : [get('scan-path')]).map((entry) =>
      insideWorkspace(workspace, entry, 'manifests')
    ),
    images,
    policyBundle: get('policy-bundle'),
    policyEnforcement: oneOf(get('policy-enforcement'), POLICY_ENFORCEMENTS, 'policy-enforcement'),
    extraPolicies: list(get('policies')).map((entry) =>
      insideWorkspace(workspace, entry, 'policies')
    ),
    scanners: [...new Set(scanners)],
    repositoryScanners: unique(
      list(get('repository-scanners')).map((c) => oneOf(c, TRIVY_CHECKS, 'repository-scanners'))
    ),
    imageScanners: unique(
      list(get('image-scanners')).map((c) => oneOf(c, TRIVY_CHECKS, 'image-scanners'))
    ),
    failOnSeverity: toThreshold(failOn),
    failOnSeverityByScanner: Object.fromEntries(
      list(get('fail-on-severity-by-scanner')).map((entry) => {
        const [scanner, severity] = entry.split('=').map((part) => part.trim())
        const name = 'fail-on-severity-by-scanner'
        if (severity === undefined) {
          throw new ConfigError(`Input '${name}' entries look like image=critical; got '${entry}'.`)
        }
        return [
          oneOf(scanner, SCANNER_NAMES, name),
          toThreshold(oneOf(severity, FAIL_ON_SEVERITIES, name))
        ]
      })
    ),
    ignoreUnfixed: bool(get('ignore-unfixed'), 'ignore-unfixed'),
    trivyVersion: version(get('trivy-version'), 'trivy-version'),
    conftestVersion: version(get('conftest-version'), 'conftest-version'),
    skipDbUpdate: bool(get('skip-db-update'), 'skip-db-update'),
    dbRepositories: list(get('db-repository')),
    trivyCacheDir: get('trivy-cache-dir')
      ? path.resolve(workspace, get('trivy-cache-dir'))
      : path.join(os.homedir(), '.cache', 'hardening-action', 'trivy'),
    toolMirror: url(get('tool-mirror'), 'tool-mirror'),
    waiversFile: path.resolve(workspace, get('waivers-file')),
    baselineFile: baselineFile(get('fail-on'), read('baseline-file').trim(), workspace),
    scanTimeoutMs: seconds(get('scan-timeout'), 'scan-timeout') * 1000,
    outputDir: path.resolve(workspace, get('output-dir'))
  }
}

/** Splits a multi-line or comma-separated input, dropping blanks and `#` comments. */
export function list(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((entry) => entry.replace(/#.*$/, '').trim())
    .filter((entry) => entry.length > 0)
}

function oneOf<T extends string>(value: string, allowed: readonly T[], name: string): T {
  const lower = value.toLowerCase()
  if (!(allowed as readonly string[]).includes(lower)) {
    throw new ConfigError(`Input '${name}' must be one of ${allowed.join(', ')}; got '${value}'.`)
  }
  return lower as T
}

function toThreshold(value: FailOnSeverity): Severity | null {
  return value === 'none' ? null : (value.toUpperCase() as Severity)
}

function baselineFile(failOn: string, file: string, workspace: string): string | null {
  const mode = oneOf(failOn, ['all', 'new'] as const, 'fail-on')
  if (mode === 'all') return null
  if (!file)
    throw new ConfigError(
      "Input 'fail-on' is 'new', which needs 'baseline-file' (a findings file from an earlier run)."
    )
  return path.resolve(workspace, file)
}

function seconds(value: string, name: string): number {
  const number = Number(value)
  if (!Number.isInteger(number) || number <= 0) {
    throw new ConfigError(`Input '${name}' must be a whole number of seconds; got '${value}'.`)
  }
  return number
}

function url(value: string, name: string): string {
  try {
    const parsed = new URL(value)
    if (parsed.protocol === 'https:' || parsed.protocol === 'http:')
      return value.replace(/\/+$/, '')
  } catch {
    // reported below
  }
  throw new ConfigError(`Input '${name}' must be an http(s) URL; got '${value}'.`)
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)]
}

function bool(value: string, name: string): boolean {
  const lower = value.toLowerCase()
  if (lower === 'true') return true
  if (lower === 'false') return false
  throw new ConfigError(`Input '${name}' must be 'true' or 'false'; got '${value}'.`)
}

function version(value: string, name: string): string {
  if (!VERSION_PATTERN.test(value)) {
    throw new ConfigError(`Input '${name}' must be a release version like 1.2.3; got '${value}'.`)
  }
  return value.replace(/^v/, '')
}

/** Resolves a user path against the workspace and refuses anything that escapes it. */
function insideWorkspace(workspace: string, entry: string, name: string): string {
  const resolved = path.resolve(workspace, entry)
  const relative = path.relative(workspace, resolved)
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new ConfigError(`Input '${name}' path '${entry}' is outside the workspace ${workspace}.`)
  }
  return resolved
}

/** Inputs that only the GitHub Action has (the CLI never publishes), with action.yml's defaults. */
export const PUBLISH_INPUT_DEFAULTS = {
  token: '${{ github.token }}',
  'upload-sarif': 'true',
  comment: 'always'
} as const

export const COMMENT_CHOICES = ['always', 'on-failure', 'never'] as const

export interface PublishConfig {
  token: string
  uploadSarif: boolean
  comment: (typeof COMMENT_CHOICES)[number]
}

export function readPublishConfig(read: InputReader): PublishConfig {
  return {
    token: read('token').trim(),
    uploadSarif: bool(
      read('upload-sarif').trim() || PUBLISH_INPUT_DEFAULTS['upload-sarif'],
      'upload-sarif'
    ),
    comment: oneOf(
      read('comment').trim() || PUBLISH_INPUT_DEFAULTS.comment,
      COMMENT_CHOICES,
      'comment'
    )
  }
}

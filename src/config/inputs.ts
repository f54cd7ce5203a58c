import path from 'node:path'
import type { Severity } from '../findings/severity.js'

export const SCANNER_NAMES = ['image', 'repository', 'policies', 'trivy-config'] as const
export type ScannerName = (typeof SCANNER_NAMES)[number]

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
  scanners: ScannerName[]
  /** Lowest severity that fails the run, or null when the gate never fails on severity. */
  failOnSeverity: Severity | null
  ignoreUnfixed: boolean
  trivyVersion: string
  conftestVersion: string
  skipDbUpdate: boolean
  dbRepositories: string[]
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
  scanners: SCANNER_NAMES.join(','),
  'fail-on-severity': 'high',
  'ignore-unfixed': 'false',
  'trivy-version': '0.74.0',
  'conftest-version': '0.71.1',
  'skip-db-update': 'false',
  'db-repository': '',
  'output-dir': 'hardening-results'
} as const

export type InputName = keyof typeof INPUT_DEFAULTS

const VERSION_PATTERN = /^v?\d+\.\d+\.\d+$/
const IMAGE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._\-/:@]*$/

export function readConfig(read: InputReader, workspace: string): ScanConfig {
  const get = (name: InputName): string => read(name).trim() || INPUT_DEFAULTS[name]

  const failOn = get('fail-on-severity').toLowerCase()
  if (!(FAIL_ON_SEVERITIES as readonly string[]).includes(failOn)) {
    throw new ConfigError(
      `Input 'fail-on-severity' must be one of ${FAIL_ON_SEVERITIES.join(', ')}; got '${get('fail-on-severity')}'.`
    )
  }

  const scanners = list(get('scanners')).map((name) => name.toLowerCase())
  for (const name of scanners) {
    if (!(SCANNER_NAMES as readonly string[]).includes(name)) {
      throw new ConfigError(
        `Input 'scanners' has unknown scanner '${name}'; accepted: ${SCANNER_NAMES.join(', ')}.`
      )
    }
  }

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
    extraPolicies: list(get('policies')).map((entry) => insideWorkspace(workspace, entry, 'policies')),
    scanners: [...new Set(scanners)] as ScannerName[],
    failOnSeverity: failOn === 'none' ? null : (failOn.toUpperCase() as Severity),
    ignoreUnfixed: bool(get('ignore-unfixed'), 'ignore-unfixed'),
    trivyVersion: version(get('trivy-version'), 'trivy-version'),
    conftestVersion: version(get('conftest-version'), 'conftest-version'),
    skipDbUpdate: bool(get('skip-db-update'), 'skip-db-update'),
    dbRepositories: list(get('db-repository')),
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


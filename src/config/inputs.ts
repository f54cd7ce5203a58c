import { createHash } from 'node:crypto'
import { lstatSync, realpathSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ConfigError } from '../errors.js'
import type { Severity } from '../findings/severity.js'
import { scannerNames } from '../scanners/registry.js'
import { mirrorUrlProblem } from '../tools/urls.js'
import {
  parseCloud,
  parseResourceDefaults,
  type Cloud,
  type ResourceDefaults
} from '../fix/settings.js'
import {
  COMMENT_MODES,
  FAIL_ON_MODES,
  FAIL_ON_SEVERITIES,
  POLICY_ENFORCEMENTS,
  TRIVY_CHECKS,
  UNREADABLE_MANIFEST_MODES,
  type CommentMode,
  type FailOnSeverity,
  type ScanConfig
} from './scan-config.js'

/** Readers of the configuration catch it from here; it lives lower so that findings/ can throw it. */
export { ConfigError }

/** Reads one raw input by its action.yml name; returns '' when unset. */
export type InputReader = (name: string) => string

export const INPUT_DEFAULTS = {
  'scan-path': '.',
  manifests: '',
  images: '',
  'policy-bundle': 'all',
  policies: '',
  'policy-enforcement': 'deny',
  'unreadable-manifests': 'fail',
  'helm-values': '',
  'kustomize-remote': 'false',
  scanners: scannerNames().join(','),
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
  'trusted-tool-dir': '',
  'waivers-file': '.hardening/waivers.yaml',
  'trivy-ignore-file': '',
  'fail-on': 'all',
  'baseline-file': '',
  'scan-timeout': '600',
  'output-dir': 'hardening-results',
  'scan-changed-only': 'false',
  sbom: 'false'
} as const

/**
 * The registry login of the action (the CLI's Trivy reads TRIVY_USERNAME and friends from the
 * user's environment). Kept out of INPUT_DEFAULTS, which other sources (a config file in the
 * repository) may fill: a password belongs in the workflow's secrets only.
 */
export const REGISTRY_INPUT_DEFAULTS = {
  'registry-username': '',
  'registry-password': '',
  'registry-token': ''
} as const

export type InputName = keyof typeof INPUT_DEFAULTS

const VERSION_PATTERN = /^v?\d+\.\d+\.\d+$/
const IMAGE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._\-/:@]*$/

export function readConfig(read: InputReader, workspace: string): ScanConfig {
  const get = (name: InputName): string => read(name).trim() || INPUT_DEFAULTS[name]

  const failOn = oneOf(get('fail-on-severity'), FAIL_ON_SEVERITIES, 'fail-on-severity')

  const known = scannerNames()
  const scanners = list(get('scanners')).map((name) => oneOf(name, known, 'scanners'))

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
    unreadableManifests: oneOf(
      get('unreadable-manifests'),
      UNREADABLE_MANIFEST_MODES,
      'unreadable-manifests'
    ),
    helmValues: helmValues(get('helm-values'), workspace),
    kustomizeRemote: bool(get('kustomize-remote'), 'kustomize-remote'),
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
        return [oneOf(scanner, known, name), toThreshold(oneOf(severity, FAIL_ON_SEVERITIES, name))]
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
    trustedToolDirs: trustedToolDir(get('trusted-tool-dir'), workspace),
    waiversFile: insideWorkspace(workspace, get('waivers-file'), 'waivers-file', true),
    trivyIgnoreFile: get('trivy-ignore-file')
      ? insideWorkspace(workspace, get('trivy-ignore-file'), 'trivy-ignore-file', true)
      : null,
    baselineFile: baselineFile(get('fail-on'), read('baseline-file').trim(), workspace),
    scanTimeoutMs: seconds(get('scan-timeout'), 'scan-timeout') * 1000,
    outputDir: insideWorkspace(workspace, get('output-dir'), 'output-dir', true),
    scanChangedOnly: bool(get('scan-changed-only'), 'scan-changed-only'),
    sbom: bool(get('sbom'), 'sbom'),
    ...registryCredentials(read)
  }
}

/**
 * The registry login, checked without ever quoting a value. Trivy reads TRIVY_USERNAME and
 * TRIVY_PASSWORD as lists split at commas and whitespace, so such a value could not arrive whole.
 */
function registryCredentials(read: InputReader): Pick<ScanConfig, 'registryCredentials'> {
  const username = read('registry-username').trim()
  const password = read('registry-password').trim()
  const token = read('registry-token').trim()
  if (token && (username || password))
    throw new ConfigError(
      "Inputs 'registry-token' and 'registry-username'/'registry-password' exclude each other: give one login."
    )
  if (token) return { registryCredentials: { token } }
  if (!username && !password) return {}
  if (!password)
    throw new ConfigError("Input 'registry-username' is set but 'registry-password' is empty.")
  if (!username)
    throw new ConfigError("Input 'registry-password' is set but 'registry-username' is empty.")
  for (const [name, value] of [
    ['registry-username', username],
    ['registry-password', password]
  ])
    if (/[\s,]/.test(value))
      throw new ConfigError(
        `Input '${name}' contains a comma or whitespace, which Trivy would split into several values; use 'registry-token' instead.`
      )
  return { registryCredentials: { username, password } }
}

/**
 * `helm-values`: one values set per line, `chart-dir=values-prod.yaml,values-extra.yaml`, as
 * lists of absolute paths by absolute chart directory; a chart on several lines renders once per
 * line. The files come from the checkout: each must be a file that stays inside the workspace,
 * links included.
 */
function helmValues(value: string, workspace: string): Record<string, string[][]> {
  const name = 'helm-values'
  const charts: Record<string, string[][]> = {}
  for (const line of value.split('\n')) {
    const entry = line.replace(/#.*$/, '').trim()
    if (!entry) continue
    const equals = entry.indexOf('=')
    const chartEntry = equals < 0 ? '' : entry.slice(0, equals).trim()
    const files = entry.slice(equals + 1).trim()
    if (!chartEntry || list(files).length === 0)
      throw new ConfigError(
        `Input '${name}' lines look like chart-dir=values-prod.yaml,values-extra.yaml; got '${entry}'.`
      )
    const chart = insideWorkspace(workspace, chartEntry, name, true)
    if (!statSync(path.join(chart, 'Chart.yaml'), { throwIfNoEntry: false })?.isFile())
      throw new ConfigError(`Input '${name}' names '${chartEntry}', which has no Chart.yaml.`)
    const sets = (charts[chart] ??= [])
    const set = list(files).map((file) => {
      const entryPath = path.join(chartEntry, file)
      const resolved = insideWorkspace(workspace, entryPath, name, true)
      if (!statSync(resolved, { throwIfNoEntry: false })?.isFile())
        throw new ConfigError(`Input '${name}' values file '${entryPath}' is not a file.`)
      return resolved
    })
    if (sets.some((other) => other.join('\n') === set.join('\n')))
      throw new ConfigError(`Input '${name}' names '${files}' for '${chartEntry}' twice.`)
    sets.push(set)
  }
  return charts
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

export function toThreshold(value: FailOnSeverity): Severity | null {
  return value === 'none' ? null : (value.toUpperCase() as Severity)
}

function baselineFile(failOn: string, file: string, workspace: string): string | null {
  const mode = oneOf(failOn, FAIL_ON_MODES, 'fail-on')
  if (mode === 'all') return null
  if (!file)
    throw new ConfigError(
      "Input 'fail-on' is 'new', which needs 'baseline-file' (a findings file from an earlier run)."
    )
  return insideWorkspace(workspace, file, 'baseline-file', true)
}

function seconds(value: string, name: string): number {
  const number = Number(value)
  if (!Number.isInteger(number) || number <= 0) {
    throw new ConfigError(`Input '${name}' must be a whole number of seconds; got '${value}'.`)
  }
  return number
}

function url(value: string, name: string): string {
  const problem = mirrorUrlProblem(value)
  if (problem) throw new ConfigError(`Input '${name}' ${problem}`)
  return value.replace(/\/+$/, '')
}

/** The opt-in directory of unpinned tools; never inside the checkout, where the PR could put its own. */
function trustedToolDir(value: string, workspace: string): string[] {
  if (!value) return []
  const name = 'trusted-tool-dir'
  const dir = path.resolve(workspace, value)
  if (
    isInside(workspace, dir) ||
    isInside(realPath(workspace, 'workspace', workspace), realPath(dir, name, value))
  ) {
    throw new ConfigError(
      `Input '${name}' path '${value}' is inside the workspace, where a pull request could put its own binaries; use a directory outside the checkout (e.g. under $RUNNER_TEMP).`
    )
  }
  return [dir]
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

/**
 * Resolves a user path against the workspace and refuses anything that escapes it; with
 * `followLinks`, also a path that leaves it through a symbolic link in the checkout.
 */
export function insideWorkspace(
  workspace: string,
  entry: string,
  name: string,
  followLinks = false
): string {
  const resolved = path.resolve(workspace, entry)
  if (!isInside(workspace, resolved)) {
    throw new ConfigError(`Input '${name}' path '${entry}' is outside the workspace ${workspace}.`)
  }
  if (followLinks) {
    const real = realPath(resolved, name, entry)
    if (!isInside(realPath(workspace, 'workspace', workspace), real))
      throw new ConfigError(
        `Input '${name}' path '${entry}' leads outside the workspace ${workspace} through a symbolic link (to ${real}).`
      )
  }
  return resolved
}

function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file)
  return !relative.startsWith('..') && !path.isAbsolute(relative)
}

/** `file` with every link resolved; the part that does not exist yet is appended as it is. */
function realPath(file: string, name: string, entry: string): string {
  const missing: string[] = []
  for (let current = file; ; current = path.dirname(current)) {
    try {
      return path.join(realpathSync(current), ...missing)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error
      if (lstatSync(current, { throwIfNoEntry: false })?.isSymbolicLink())
        throw new ConfigError(
          `Input '${name}' path '${entry}' passes through a symbolic link to a missing target (${current}).`
        )
      if (path.dirname(current) === current) return file
      missing.unshift(path.basename(current))
    }
  }
}

/** The inputs that choose the config file (src/config/file.ts); the file itself can set neither. */
export const CONFIG_FILE_INPUT_DEFAULTS = {
  'config-file': '.hardening.yaml',
  'config-from-pr': 'false'
} as const

export interface ConfigFileChoice {
  /** Workspace-relative POSIX path of the config file. */
  path: string
  /** On pull requests, the pull request's own copy governs (config-from-pr) instead of the base branch's. */
  fromPullRequest: boolean
}

export function readConfigFileChoice(read: InputReader, workspace: string): ConfigFileChoice {
  const file = read('config-file').trim() || CONFIG_FILE_INPUT_DEFAULTS['config-file']
  // Links followed: a linked directory must not make us read (and quote) a file elsewhere.
  const resolved = insideWorkspace(workspace, file, 'config-file', true)
  return {
    path: path.relative(workspace, resolved).split(path.sep).join('/'),
    fromPullRequest: bool(
      read('config-from-pr').trim() || CONFIG_FILE_INPUT_DEFAULTS['config-from-pr'],
      'config-from-pr'
    )
  }
}

/** Inputs that only the GitHub Action has (the CLI never publishes), with action.yml's defaults. */
export const PUBLISH_INPUT_DEFAULTS = {
  token: '${{ github.token }}',
  'upload-sarif': 'true',
  comment: 'always',
  'suggest-fixes': 'false',
  'fix-cloud': '',
  'fix-resources-default': '',
  'comment-id': '${{ github.job }} ${{ toJSON(matrix) }}',
  'dependency-submission': 'false'
} as const

export { COMMENT_MODES, type CommentMode }

export interface PublishConfig {
  token: string
  uploadSarif: boolean
  comment: CommentMode
  /** Post verified fixes as suggestions on the pull request's changed lines. */
  suggestFixes: boolean
  /** The choices those fixes need and no manifest makes; without them, those fixes are manual. */
  fixCloud?: Cloud
  fixResourceDefaults?: ResourceDefaults
  /** Per-namespace requests and limits from the config file (replacing fixResourceDefaults there). */
  fixResourcesByNamespace?: Record<string, ResourceDefaults>
  /** Tells this job's PR comment and SARIF categories from other jobs' (see `reportId`). */
  commentId: string
  /** Submit the SBOMs to GitHub's dependency graph (writing them as `sbom: true` does). */
  dependencySubmission: boolean
}

export function readPublishConfig(read: InputReader): PublishConfig {
  const fixCloud = read('fix-cloud').trim()
  const fixResources = read('fix-resources-default').trim()
  return {
    token: read('token').trim(),
    uploadSarif: bool(
      read('upload-sarif').trim() || PUBLISH_INPUT_DEFAULTS['upload-sarif'],
      'upload-sarif'
    ),
    comment: oneOf(
      read('comment').trim() || PUBLISH_INPUT_DEFAULTS.comment,
      COMMENT_MODES,
      'comment'
    ),
    suggestFixes: bool(
      read('suggest-fixes').trim() || PUBLISH_INPUT_DEFAULTS['suggest-fixes'],
      'suggest-fixes'
    ),
    ...(fixCloud ? { fixCloud: parseCloud(fixCloud, "Input 'fix-cloud'") } : {}),
    ...(fixResources
      ? {
          fixResourceDefaults: parseResourceDefaults(fixResources, "Input 'fix-resources-default'")
        }
      : {}),
    commentId: reportId(read('comment-id')),
    dependencySubmission: bool(
      read('dependency-submission').trim() || PUBLISH_INPUT_DEFAULTS['dependency-submission'],
      'dependency-submission'
    )
  }
}

/**
 * The `comment-id` input as an id for a comment marker and a SARIF category: a short slug stays
 * as it is; anything else — the default, the job id and the matrix values as JSON (`null`
 * outside a matrix) — becomes a readable slug plus a hash of the whole value, so that two matrix
 * jobs never share an id. Empty: `report`.
 */
export function reportId(value: string): string {
  const text = value.trim().replace(/\s+null$/, '')
  if (/^[A-Za-z0-9._-]{1,64}$/.test(text)) return text
  if (!text) return 'report'
  const slug = text
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .slice(0, 48)
    .replace(/^-+|-+$/g, '')
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 8)
  return slug ? `${slug}-${hash}` : hash
}

import type { Severity } from '../findings/severity.js'

// What the configuration is, below every stage that reads it (inputs.ts, which reads it, sits
// above the scanner registry it checks names against).

/** The name of a scanner of the registry (src/scanners/registry.ts); checked when inputs are read. */
export type ScannerName = string

export const TRIVY_CHECKS = ['vuln', 'secret', 'license', 'misconfig'] as const
export type TrivyCheck = (typeof TRIVY_CHECKS)[number]

export const POLICY_ENFORCEMENTS = ['deny', 'warn', 'dryrun', 'as-declared'] as const
export type PolicyEnforcement = (typeof POLICY_ENFORCEMENTS)[number]

export const UNREADABLE_MANIFEST_MODES = ['fail', 'warn'] as const
export type UnreadableManifestMode = (typeof UNREADABLE_MANIFEST_MODES)[number]

export const FAIL_ON_SEVERITIES = ['critical', 'high', 'medium', 'low', 'none'] as const
export type FailOnSeverity = (typeof FAIL_ON_SEVERITIES)[number]

/** `fail-on`: every finding at or above the threshold counts, or only those missing from the baseline. */
export const FAIL_ON_MODES = ['all', 'new'] as const

/** When the action writes its PR comment (the `comment` input). */
export const COMMENT_MODES = ['always', 'on-failure', 'never'] as const
export type CommentMode = (typeof COMMENT_MODES)[number]

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
  /**
   * A file that looks like a Kubernetes manifest but cannot be read as Kubernetes reads it (or a
   * manifest size limit): `fail` fails the gate, `warn` only reports it.
   */
  unreadableManifests: UnreadableManifestMode
  /**
   * `helm-values`: each chart's values sets, by absolute chart directory; a set is a list of
   * values files (absolute), and the chart is rendered and checked once per set.
   */
  helmValues?: Record<string, string[][]>
  /** `kustomize-remote`: kustomize may fetch remote bases (refused by default). */
  kustomizeRemote?: boolean
  scanners: ScannerName[]
  /** Trivy `--scanners` for the repository scan and for images. */
  repositoryScanners: TrivyCheck[]
  imageScanners: TrivyCheck[]
  /** Lowest severity that fails the run, or null when the gate never fails on severity. */
  failOnSeverity: Severity | null
  /** Per-scanner thresholds (`image=critical,policies=high`) that replace failOnSeverity. */
  failOnSeverityByScanner: Partial<Record<ScannerName, Severity | null>>
  /**
   * The config file's per-path thresholds (`paths:` entries with `fail-on-severity`): the last
   * one whose glob matches a finding's file replaces the two above for it.
   */
  failOnSeverityByPath?: Array<{ glob: string; threshold: Severity | null }>
  /**
   * The config file's per-path policy settings (`paths:`): for each setting, the last entry whose
   * glob matches a manifest's file and that gives the setting replaces policyBundle,
   * extraPolicies or (exclude) leaves the manifest unchecked.
   */
  policiesByPath?: PathPolicies[]
  ignoreUnfixed: boolean
  trivyVersion: string
  conftestVersion: string
  skipDbUpdate: boolean
  dbRepositories: string[]
  trivyCacheDir: string
  /** Base URL of the release host for tool downloads (a mirror in air-gapped networks). */
  toolMirror: string
  /**
   * Directories whose trivy/conftest run without being checked against a pin (`trusted-tool-dir`,
   * or the CLI's PATH); empty: only pinned, verified releases run.
   */
  trustedToolDirs: string[]
  waiversFile: string
  /** A `.trivyignore` or `.trivyignore.yaml` whose entries become waived findings; Trivy never reads it. */
  trivyIgnoreFile: string | null
  /** Only findings missing from this earlier findings file fail the gate (fail-on: new). */
  baselineFile: string | null
  scanTimeoutMs: number
  outputDir: string
  /** `sbom`: a CycloneDX SBOM per scanned image and for the repository, in `<outputDir>/sbom/`. */
  sbom?: boolean
  /** `scan-changed-only`: on pull requests, report manifest findings only for the changed files. */
  scanChangedOnly?: boolean
  /**
   * The files the pull request changes (repo-relative, `/`-separated, deleted files left out),
   * set by the action when `scanChangedOnly` applies. Every manifest is still loaded and
   * evaluated (referential policies see them as inventory); only findings in files outside
   * this set are not reported (src/manifests/changed.ts).
   */
  changedFiles?: ReadonlySet<string>
  /** The login for private images, given to Trivy only through its environment (image scans). */
  registryCredentials?: RegistryCredentials
}

/** One `paths:` entry's policy settings; an absent setting leaves it to earlier entries. */
export interface PathPolicies {
  glob: string
  /** Where the entry is, for notices: `.hardening.yaml:12`. */
  origin: string
  policyBundle?: string
  /** Absolute directories. */
  extraPolicies?: string[]
  exclude?: boolean
}

/** `registry-username` with `registry-password`, or a `registry-token` sent as it is. */
export type RegistryCredentials = { username: string; password: string } | { token: string }

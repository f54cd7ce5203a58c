// aquasecurity/trivy-action's input names, so that a workflow moved over from it works or stops
// with a clear reason, never with an input silently ignored (docs/migrating-from-trivy-action.md).
// This table is the one place that says what each becomes: action.yml declares the same names
// with these texts (test/unit/legacy-inputs.test.ts checks it) and scripts/gen-docs.mjs renders
// the migration table from action.yml.
import { ConfigError } from '../errors.js'
import { SEVERITIES, type Severity } from '../findings/severity.js'
import { INPUT_DEFAULTS, list, type InputName, type InputReader } from './inputs.js'
import { TRIVY_CHECKS } from './scan-config.js'

/** What a trivy-action input amounts to here: a value for one of our inputs, or nothing to do. */
export type LegacyResolution =
  { input: InputName; value: string; note?: string } | { unchanged: string }

export interface LegacyInput {
  name: string
  /** Our input that takes over its job (null when none does), named in every message about it. */
  replacement: InputName | null
  /** What becomes of it, for action.yml's description and the migration table. */
  effect: string
  /** Reads a value (trimmed, not empty); throws a ConfigError for a value without an equivalent. */
  resolve(value: string, read: InputReader): LegacyResolution
}

const ORIGIN = 'aquasecurity/trivy-action'
const MIGRATION_DOC = 'docs/migrating-from-trivy-action.md'

function refuse(name: string, reason: string): never {
  throw new ConfigError(`Input '${name}' is ${ORIGIN}'s and has no equivalent here: ${reason}`)
}

/** An input with no equivalent: any value is refused with `reason`. */
function refused(name: string, reason: string): LegacyInput {
  return {
    name,
    replacement: null,
    effect: `Refused: ${reason}`,
    resolve: () => refuse(name, reason)
  }
}

/** An input whose value `accepted` is what we always do (accepted with a notice); others refused. */
function onlyAsDefault(
  name: string,
  accepted: string,
  why: string,
  reason: string,
  replacement: InputName | null = null
): LegacyInput {
  return {
    name,
    replacement,
    effect: `\`${accepted}\` is accepted (${why}); any other value is refused: ${reason}`,
    resolve: (value) => (sameList(value, accepted) ? { unchanged: why } : refuse(name, reason))
  }
}

const sameList = (a: string, b: string): boolean =>
  list(a.toLowerCase()).sort().join() === list(b).sort().join()

/** An input that is ours under another name, with the same value. */
function renamed(name: string, input: InputName, effect: string): LegacyInput {
  return { name, replacement: input, effect, resolve: (value) => ({ input, value }) }
}

/** trivy-action's `scan-type`, defaulting as it does to `image`. */
const scanType = (read: InputReader): string => read('scan-type').trim().toLowerCase() || 'image'

const SCAN_TYPES: Record<string, string> = {
  image: 'image',
  fs: 'repository',
  filesystem: 'repository',
  config: 'trivy-config'
}

/** A Go duration as Trivy's `--timeout` takes it (`5m0s`, `90s`, `1h`), in whole seconds. */
export function durationSeconds(value: string): number | undefined {
  const unit: Record<string, number> = {
    h: 3600,
    m: 60,
    s: 1,
    ms: 1e-3,
    us: 1e-6,
    µs: 1e-6,
    ns: 1e-9
  }
  if (!/^(\d+(\.\d+)?(h|ms|m|s|us|µs|ns))+$/.test(value)) return undefined
  let seconds = 0
  for (const [, number, , suffix] of value.matchAll(/(\d+(\.\d+)?)(h|ms|m|s|us|µs|ns)/g))
    seconds += Number(number) * unit[suffix!]!
  return seconds > 0 ? Math.ceil(seconds) : undefined
}

/**
 * trivy-action fails the step only with a non-zero `exit-code`, then on any finding of the
 * severities listed in `severity` (all by default). The same gate here is the lowest of them
 * (there is no threshold below LOW); a list with gaps (CRITICAL,LOW) has no equivalent.
 */
function exitCodeThreshold(value: string, read: InputReader): LegacyResolution {
  if (!/^\d+$/.test(value))
    refuse('exit-code', `'${value}' is not an exit code; use fail-on-severity.`)
  if (Number(value) === 0)
    return { input: 'fail-on-severity', value: 'none', note: "exit-code '0' never fails" }
  const listed = list(read('severity').toUpperCase())
  const severities = listed.length > 0 ? listed : [...SEVERITIES]
  for (const severity of severities)
    if (!(SEVERITIES as readonly string[]).includes(severity))
      refuse('severity', `'${severity}' is not a severity (${SEVERITIES.join(', ')}).`)
  const ranks = severities.map((s) => SEVERITIES.indexOf(s as Severity))
  const lowest = Math.min(...ranks)
  const known = SEVERITIES.slice(Math.max(lowest, 1))
  if (known.some((s) => !severities.includes(s)))
    refuse(
      'severity',
      `'${listed.join(',')}' leaves out severities between ${SEVERITIES[lowest]} and CRITICAL, and the gate here fails at a severity and everything above it: use fail-on-severity.`
    )
  return {
    input: 'fail-on-severity',
    value: known[0]!.toLowerCase(),
    note:
      `exit-code '${value}' with severity '${severities.join(',')}'` +
      (lowest === 0 ? '; findings of UNKNOWN severity do not fail the check here' : '') +
      '; a failed check exits 1'
  }
}

export const LEGACY_INPUTS: readonly LegacyInput[] = [
  {
    name: 'scan-type',
    replacement: 'scanners',
    effect:
      'Read as `scanners`: `image` → `image`, `fs` → `repository`, `config` → `trivy-config` (only that scanner runs, as with trivy-action). `repo` (a remote repository), `rootfs`, `sbom`, `vm` and `k8s` are refused: check the code out and scan it with `scan-path`. Without `scan-type`, every scanner of `scanners` runs.',
    resolve: (value) => {
      const scanner = SCAN_TYPES[value.toLowerCase()]
      if (!scanner)
        refuse(
          'scan-type',
          `'${value}' is not scanned here (image, fs and config are): check the code out and scan it with scan-path, or set scanners.`
        )
      return { input: 'scanners', value: scanner }
    }
  },
  renamed(
    'image-ref',
    'images',
    'Read as `images` (the same image reference). Only the scanners of `scanners` run: add `scan-type: image` or set `scanners: image` to scan the image alone, as trivy-action did.'
  ),
  renamed(
    'input',
    'images',
    'Read as `images`: a path ending in `.tar` is scanned as an image tarball, inside the workspace.'
  ),
  {
    name: 'scan-ref',
    replacement: 'scan-path',
    effect:
      'Read as `scan-path` for `scan-type` `fs` and `config`; for `image` (the default of trivy-action), as `images`, as trivy-action reads it.',
    resolve: (value, read) =>
      SCAN_TYPES[scanType(read)] === 'image'
        ? { input: 'images', value, note: 'scan-type image' }
        : { input: 'scan-path', value }
  },
  {
    name: 'exit-code',
    replacement: 'fail-on-severity',
    effect:
      'Read as `fail-on-severity`: `0` → `none`; non-zero → the lowest severity of `severity` (all by default: `low`, and UNKNOWN findings do not fail here). A `severity` list with gaps is refused. Note the default: trivy-action never fails without `exit-code`; hardening-action fails at `high`.',
    resolve: exitCodeThreshold
  },
  {
    name: 'severity',
    replacement: 'fail-on-severity',
    effect:
      'With a non-zero `exit-code`, sets its threshold (above). Otherwise refused: trivy-action hid findings below these severities; hardening-action reports every finding and `fail-on-severity` decides what fails.',
    resolve: (_value, read) =>
      /^0*[1-9]\d*$/.test(read('exit-code').trim())
        ? { unchanged: 'it sets the threshold that exit-code maps to' }
        : refuse(
            'severity',
            'findings are never hidden by severity here; every report keeps them all. To fail the check from a severity up, use fail-on-severity.'
          )
  },
  onlyAsDefault(
    'vuln-type',
    'os,library',
    'both package types are always scanned',
    'the repository and image scans always cover OS and library packages.'
  ),
  refused(
    'format',
    'results.sarif, findings.json and summary.md are always written to output-dir (their paths are the outputs sarif-file, findings-file and summary-file) and the SARIF is uploaded by the action (upload-sarif); the CLI has --format.'
  ),
  refused(
    'template',
    'there are no output templates; findings.json (docs/findings.schema.json) holds every finding for your own rendering.'
  ),
  refused(
    'output',
    'use output-dir; the sarif-file, findings-file and summary-file outputs give the paths of what is written there.'
  ),
  refused(
    'skip-dirs',
    'narrow scan-path and manifests, or waive findings by path in waivers-file: they stay in every report, marked waived.'
  ),
  refused(
    'skip-files',
    'narrow scan-path and manifests, or waive findings by path in waivers-file: they stay in every report, marked waived.'
  ),
  renamed('cache-dir', 'trivy-cache-dir', 'Read as `trivy-cache-dir`.'),
  {
    name: 'timeout',
    replacement: 'scan-timeout',
    effect: 'Read as `scan-timeout` in seconds (`5m0s` → `300`), for each scan.',
    resolve: (value) => {
      const seconds = durationSeconds(value)
      if (seconds === undefined)
        refuse('timeout', `'${value}' is not a duration like 5m0s; use scan-timeout (seconds).`)
      return { input: 'scan-timeout', value: String(seconds) }
    }
  },
  refused(
    'ignore-policy',
    'a Rego filter would drop findings unseen; waive them in waivers-file instead, with a reason, an owner and an expiry, and they stay in every report.'
  ),
  {
    name: 'hide-progress',
    replacement: null,
    effect: 'Accepted with a notice: Trivy always runs quietly here.',
    resolve: () => ({ unchanged: 'Trivy always runs quietly here' })
  },
  onlyAsDefault(
    'list-all-pkgs',
    'false',
    'packages are never listed',
    'hardening-action reports findings, not package inventories.'
  ),
  refused(
    'trivyignores',
    'the files a pull request contains must not configure the scanner. Move each entry to waivers-file (reason, owner, expiry), or name one ignore file in trivy-ignore-file: its entries are then reported as waived, never dropped.'
  ),
  refused(
    'github-pat',
    'no dependency snapshot is submitted with a personal access token; use the dependency graph of GitHub.'
  ),
  refused(
    'trivy-config',
    'a trivy.yaml in the repository must not configure the scanner (a pull request could change it); every setting is an input, visible in the workflow. Suppressions go in waivers-file.'
  ),
  refused('tf-vars', 'Terraform is not scanned.'),
  refused(
    'limit-severities-for-sarif',
    'the SARIF always carries every finding, so alerts of fixed problems close; fail-on-severity decides what fails.'
  ),
  refused(
    'docker-host',
    'no Docker daemon is used: save the image (docker save -o app.tar app:dev) and list the .tar in images.'
  ),
  {
    name: 'version',
    replacement: 'trivy-version',
    effect: 'Read as `trivy-version` (a leading `v` is fine); only versions we can verify run.',
    resolve: (value) => ({ input: 'trivy-version', value })
  },
  onlyAsDefault(
    'cache',
    'true',
    'the Trivy database is always cached',
    'the Trivy database cache cannot be turned off; skip-db-update and trivy-cache-dir control it.'
  ),
  onlyAsDefault(
    'skip-setup-trivy',
    'false',
    'the action installs its pinned Trivy',
    'a Trivy found on PATH is never run. To run one you installed, name its directory in trusted-tool-dir.',
    'trusted-tool-dir'
  ),
  refused(
    'token-setup-trivy',
    'no token is needed to download Trivy; point tool-mirror at a mirror of GitHub releases if github.com is out of reach.'
  )
]

/**
 * trivy-action inputs whose names are ours too. `ignore-unfixed` means the same; `scanners` does
 * not (there: Trivy's checks; here: our scanners), and a value made of Trivy's checks is refused
 * with the inputs that take them.
 */
export const SHARED_INPUT_NAMES = {
  'ignore-unfixed': 'Same name, same meaning.',
  scanners:
    "Same name, other meaning: trivy-action's `scanners` are Trivy's checks (`vuln`, `secret`, `misconfig`, `license`); here they are `repository-scanners` and `image-scanners`, and `scanners` picks our scanners. A value made of Trivy's checks is refused with that explanation."
} as const

/** The notice the runner shows for a deprecated input (action.yml `deprecationMessage`). */
export function deprecationMessage(legacy: LegacyInput): string {
  return legacy.replacement
    ? `${ORIGIN}'s name: use ${legacy.replacement} (see ${MIGRATION_DOC}).`
    : `${ORIGIN}'s input: remove it (see ${MIGRATION_DOC}).`
}

/**
 * The reader that the action's inputs go through: each trivy-action input that is set becomes
 * the value of our input it maps onto, with a warning naming that input, or stops the run with a
 * ConfigError. A value for our input that differs from the mapped one is a ConfigError too (ours
 * counts as set when it differs from its default: the runner passes defaults like any value).
 */
export function withLegacyInputs(read: InputReader, warn: (message: string) => void): InputReader {
  refuseTrivyChecksAsScanners(read('scanners'))
  const mapped = new Map<InputName, { value: string; from: string }>()
  for (const legacy of LEGACY_INPUTS) {
    const raw = read(legacy.name).trim()
    if (!raw) continue
    const resolution = legacy.resolve(raw, read)
    if ('unchanged' in resolution) {
      warn(`Input '${legacy.name}' is ${ORIGIN}'s: ${resolution.unchanged}. Remove it.`)
      continue
    }
    const { input, value } = resolution
    const earlier = mapped.get(input)
    if (earlier && earlier.value !== value)
      throw new ConfigError(
        `Inputs '${earlier.from}' and '${legacy.name}' (${ORIGIN}'s) both set ${input}, to '${earlier.value}' and '${value}': set ${input} alone.`
      )
    const ours = read(input).trim()
    if (ours && ours !== INPUT_DEFAULTS[input] && ours !== value)
      throw new ConfigError(
        `Input '${legacy.name}' (${ORIGIN}'s name for ${input}) gives '${value}', and ${input} is '${ours}': keep ${input} alone.`
      )
    mapped.set(input, { value, from: legacy.name })
    warn(
      `Input '${legacy.name}' is ${ORIGIN}'s name: read as ${input}: ${value}${resolution.note ? ` (${resolution.note})` : ''}. Rename it to ${input}.`
    )
  }
  return (name) => mapped.get(name as InputName)?.value ?? read(name)
}

function refuseTrivyChecksAsScanners(value: string): void {
  const entries = list(value.toLowerCase())
  if (entries.length > 0 && entries.every((e) => (TRIVY_CHECKS as readonly string[]).includes(e)))
    throw new ConfigError(
      `Input 'scanners' names Trivy checks ('${value.trim()}'), as ${ORIGIN}'s scanners input does; here those go in repository-scanners and image-scanners, and scanners picks from ${INPUT_DEFAULTS.scanners}.`
    )
}

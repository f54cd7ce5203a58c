// Which policies judge a manifest file: the run's policy-bundle and policies, unless the config
// file's `paths:` entries choose others for it or exclude it. For each setting the last entry
// that matches the file and gives the setting decides, as for fail-on-severity (src/gate.ts).
import type { PathPolicies, ScanConfig } from '../../config/scan-config.js'
import type { Finding } from '../../findings/model.js'
import { globMatcher } from '../../findings/waivers.js'

/** The bundled bundle and the extra policy directories (absolute) that judge some manifests. */
export interface PolicySelection {
  bundle: string
  extraPolicies: string[]
}

export type PathChoice =
  { excludedBy: PathPolicies } | { excludedBy?: undefined; selection: PolicySelection; key: string }

/** One key per distinct selection: manifests with equal keys are judged by one policy library. */
export function selectionKey(selection: PolicySelection): string {
  return JSON.stringify([selection.bundle, selection.extraPolicies])
}

/** The run's own selection, for manifests no `paths:` entry changes. */
export function runSelection(config: ScanConfig): PolicySelection {
  return { bundle: config.policyBundle, extraPolicies: config.extraPolicies }
}

/** A chooser of each repo-relative file's policies (computed once per file). */
export function pathPolicyChooser(config: ScanConfig): (file: string) => PathChoice {
  const rules = (config.policiesByPath ?? [])
    .map((rule) => ({ rule, matches: globMatcher(rule.glob) }))
    .reverse()
  const lastGiving = <K extends keyof PathPolicies>(file: string, setting: K) =>
    rules.find(({ rule, matches }) => rule[setting] !== undefined && matches(file))?.rule
  const chosen = new Map<string, PathChoice>()
  return (file) => {
    const known = chosen.get(file)
    if (known) return known
    const exclusion = lastGiving(file, 'exclude')
    let choice: PathChoice
    if (exclusion?.exclude) choice = { excludedBy: exclusion }
    else {
      const selection = {
        bundle: lastGiving(file, 'policyBundle')?.policyBundle ?? config.policyBundle,
        extraPolicies: lastGiving(file, 'extraPolicies')?.extraPolicies ?? config.extraPolicies
      }
      choice = { selection, key: selectionKey(selection) }
    }
    chosen.set(file, choice)
    return choice
  }
}

/** Most excluded files a notice names; the rest are counted. */
const EXCLUDED_FILES_SHOWN = 20

/** One notice per `paths:` entry that excluded files, naming them: "N <what>, excluded by …". */
export function exclusionNotices(excluded: Map<PathPolicies, Set<string>>, what: string): string[] {
  return [...excluded].map(([rule, files]) => {
    const names = [...files]
    const more = names.length - EXCLUDED_FILES_SHOWN
    return `${names.length} ${what}, excluded by ${rule.origin} (glob ${rule.glob}): ${names.slice(0, EXCLUDED_FILES_SHOWN).join(', ')}${more > 0 ? ` and ${more} more` : ''}`
  })
}

/**
 * Drops the findings in files a `paths:` entry excludes, with a notice per entry: Trivy's own
 * checks read whole directories, so an exclusion is applied to what they report, by the same
 * rule that keeps those files from the policies.
 */
export function withoutExcluded(
  config: ScanConfig,
  findings: Finding[],
  what: string
): { findings: Finding[]; notices: string[] } {
  if (!config.policiesByPath?.some((rule) => rule.exclude)) return { findings, notices: [] }
  const choose = pathPolicyChooser(config)
  const excluded = new Map<PathPolicies, Set<string>>()
  const kept = findings.filter((finding) => {
    const rule = finding.location && choose(finding.location.path).excludedBy
    if (rule) excluded.set(rule, (excluded.get(rule) ?? new Set()).add(finding.location!.path))
    return !rule
  })
  return { findings: kept, notices: exclusionNotices(excluded, what) }
}

// `dependency-submission`: the SBOMs as snapshots of GitHub's dependency submission API
// (POST /repos/{owner}/{repo}/dependency-graph/snapshots), so the packages of the scanned images
// and of the repository appear in its dependency graph and get Dependabot alerts.
import type { Logger } from '../log.js'
import { messageOf, statusOf, withRetry, type GitHubClient, type RetryOptions } from './client.js'
import { readOnlyReason, sarifTarget, type RunContext } from './context.js'

export const CONTENTS_PERMISSION = 'contents: write'

/** The parts of a CycloneDX document a snapshot needs. */
interface CycloneDx {
  bomFormat?: unknown
  components?: CycloneDxComponent[]
  dependencies?: Array<{ ref?: string; dependsOn?: string[] }>
}

interface CycloneDxComponent {
  'bom-ref'?: string
  purl?: string
  components?: CycloneDxComponent[]
}

/** One resolved package of a snapshot manifest, as the API takes it. */
export interface ResolvedDependency {
  package_url: string
  relationship?: 'direct' | 'indirect'
  dependencies?: string[]
}

export interface Snapshot {
  version: number
  job: { id: string; correlator: string; html_url?: string }
  sha: string
  ref: string
  detector: { name: string; version: string; url: string }
  scanned: string
  manifests: Record<string, { name: string; resolved: Record<string, ResolvedDependency> }>
}

/**
 * The packages of a CycloneDX SBOM, keyed by purl. Trivy's dependency graph runs from the scanned
 * target through the components that are not packages (the operating system, each lockfile) to
 * the packages: a package such a component depends on is `direct`, one that only other packages
 * depend on is `indirect`, and one outside the graph has no relationship (unknown).
 */
export function resolvedPackages(sbom: string): Record<string, ResolvedDependency> {
  const document = JSON.parse(sbom) as CycloneDx
  if (document.bomFormat !== 'CycloneDX') throw new Error('not a CycloneDX document')
  const purls = new Map<string, string>()
  const collect = (components: CycloneDxComponent[] = []): void => {
    for (const component of components) {
      if (component.purl?.startsWith('pkg:'))
        purls.set(component['bom-ref'] ?? component.purl, component.purl)
      collect(component.components)
    }
  }
  collect(document.components)

  const fromNonPackage = new Set<string>()
  const fromPackage = new Set<string>()
  const children = new Map<string, string[]>()
  for (const { ref, dependsOn = [] } of document.dependencies ?? []) {
    const parent = ref === undefined ? undefined : purls.get(ref)
    const childPurls = dependsOn.flatMap((child) => purls.get(child) ?? [])
    for (const child of childPurls) (parent ? fromPackage : fromNonPackage).add(child)
    if (parent && childPurls.length > 0)
      children.set(parent, [...new Set([...(children.get(parent) ?? []), ...childPurls])])
  }

  const resolved: Record<string, ResolvedDependency> = {}
  for (const purl of [...new Set(purls.values())].sort()) {
    const relationship = fromNonPackage.has(purl)
      ? 'direct'
      : fromPackage.has(purl)
        ? 'indirect'
        : undefined
    const dependencies = children.get(purl)
    resolved[purl] = {
      package_url: purl,
      ...(relationship ? { relationship } : {}),
      ...(dependencies ? { dependencies } : {})
    }
  }
  return resolved
}

/**
 * The commit and ref a snapshot is for: on a pull request its head commit and branch (what
 * dependency review compares), otherwise the run's commit and ref as for the SARIF upload.
 */
export function snapshotTarget(ctx: RunContext): { sha: string; ref: string } | { error: string } {
  const pr = ctx.pullRequest
  if (pr) {
    if (!pr.headRef || !/^[0-9a-fA-F]{40}([0-9a-fA-F]{24})?$/.test(pr.headSha))
      return { error: 'the pull request event names no head branch and commit' }
    return { sha: pr.headSha, ref: `refs/heads/${pr.headRef}` }
  }
  const target = sarifTarget(ctx)
  return 'error' in target ? target : { sha: target.commitSha, ref: target.ref }
}

export interface SubmissionOptions {
  /** The SBOMs: `repository` or the image reference, and the CycloneDX JSON. */
  sboms: Array<{ target: string; content: string }>
  /** What stays the same across re-runs of this job (workflow, job and matrix); the target is added. */
  correlator: string
  /** This run (GITHUB_RUN_ID) and its page. */
  jobId: string
  jobUrl?: string
  detector: Snapshot['detector']
  scanned?: Date
  retry?: Partial<RetryOptions>
}

export type SubmissionResult =
  | { status: 'skipped'; reason: string }
  /** GitHub refused a snapshot (403/404: no `contents: write`, or no dependency graph). */
  | { status: 'rejected'; httpStatus: number; reason: string }
  | { status: 'submitted'; snapshots: Array<{ target: string; id: number; result: string }> }

/**
 * Submits one snapshot per SBOM. `job.correlator` is the job's plus the target, so a re-run
 * replaces that target's snapshot instead of adding one. Never throws for an API answer: a
 * refusal becomes a warning and the verdict of the scan is unaffected. Retries 5xx, 429 and
 * network errors with backoff.
 */
export async function submitDependencies(
  client: GitHubClient,
  ctx: RunContext,
  options: SubmissionOptions,
  log: Logger
): Promise<SubmissionResult> {
  const skip = (why: string): SubmissionResult => {
    const where = options.sboms.length > 0 ? ' The SBOMs are in the sbom-files output.' : ''
    const reason = `Dependencies not submitted to the dependency graph: ${why}.${where}`
    log.warning(reason)
    return { status: 'skipped', reason }
  }
  if (options.sboms.length === 0)
    return skip('no SBOM was written (no image was scanned and the repository scanner did not run)')
  const readOnly = readOnlyReason(ctx)
  if (readOnly) return skip(readOnly)
  const target = snapshotTarget(ctx)
  if ('error' in target) return skip(target.error)

  const snapshots: Array<{ target: string; id: number; result: string }> = []
  for (const sbom of options.sboms) {
    let resolved: Record<string, ResolvedDependency>
    try {
      resolved = resolvedPackages(sbom.content)
    } catch (error) {
      log.warning(
        `The SBOM of ${sbom.target} was not submitted: ${(error as Error).message}. The scan result is unaffected.`
      )
      continue
    }
    const snapshot: Snapshot = {
      version: 0,
      job: {
        id: options.jobId,
        correlator: `${options.correlator} ${sbom.target}`,
        ...(options.jobUrl ? { html_url: options.jobUrl } : {})
      },
      sha: target.sha,
      ref: target.ref,
      detector: options.detector,
      scanned: (options.scanned ?? new Date()).toISOString(),
      manifests: { [sbom.target]: { name: sbom.target, resolved } }
    }
    try {
      const { data } = await withRetry(
        'Dependency submission',
        () =>
          client.rest.dependencyGraph.createRepositorySnapshot({
            owner: ctx.owner,
            repo: ctx.repo,
            ...snapshot
          }),
        log,
        options.retry
      )
      snapshots.push({ target: sbom.target, id: data.id, result: data.result })
      if (data.result === 'INVALID')
        log.warning(
          `GitHub refused the dependency snapshot of ${sbom.target} as invalid: ${data.message}. The scan result is unaffected.`
        )
      else
        log.info(
          `Submitted ${Object.keys(resolved).length} package(s) of ${sbom.target} to the dependency graph (${data.result}).`
        )
    } catch (error) {
      const status = statusOf(error)
      const reason = refusal(status, messageOf(error))
      log.warning(reason)
      // A missing permission or dependency graph refuses every snapshot alike.
      if (status === 403 || status === 404)
        return { status: 'rejected', httpStatus: status, reason }
    }
  }
  return { status: 'submitted', snapshots }
}

function refusal(status: number | undefined, message: string): string {
  const base = 'Dependency submission failed'
  switch (status) {
    case 403:
    case 404:
      return `${base} (${status}: ${message}). Grant the workflow the \`${CONTENTS_PERMISSION}\` permission and enable the dependency graph for the repository; a fork's pull request never can. The scan result is unaffected.`
    case undefined:
      return `${base} (network error: ${message}). The scan result is unaffected.`
    default:
      return `${base} (${status}: ${message}). The scan result is unaffected.`
  }
}

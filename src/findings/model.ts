import { hash } from 'node:crypto'
import type { ScannerName } from '../config/scan-config.js'
import type { Severity } from './severity.js'

/** A place in the repository, with a repo-relative POSIX path and 1-based lines. */
export interface Location {
  path: string
  startLine: number
  startColumn?: number
  endLine?: number
}

export interface Suppression {
  reason: string
  owner: string
  expires: string
}

/** One problem found by any scanner, in the single shape every report and the gate read. */
export interface Finding {
  scanner: ScannerName
  /** Groups a run: the image reference, `repository`, or `manifests`. */
  target: string
  ruleId: string
  title: string
  severity: Severity
  message: string
  /** What is affected: `Deployment/prod/web`, `openssl 3.0.1`, an image reference. */
  resource: string
  location?: Location
  remediation?: string
  helpUri?: string
  references?: string[]
  /** Gatekeeper enforcement action for policy findings: deny, warn or dryrun. */
  enforcementAction?: string
  /** The constraint (`Kind/name`) that produced a policy finding. */
  constraint?: string
  fixedVersion?: string
  /** Stable identity of a finding across runs: scanner, rule, resource and path, not line. */
  fingerprint: string
  suppression?: Suppression
  /** Set when a baseline is used: true when the baseline does not have this fingerprint. */
  isNew?: boolean
  /** The same problem as reported by another scanner, folded into this finding (equivalents.ts). */
  alsoReportedBy?: AlsoReported[]
}

/** Another scanner's finding of the same problem, kept on ours instead of reported twice. */
export interface AlsoReported {
  scanner: ScannerName
  ruleId: string
  title: string
  location?: Location
}

export type FindingDraft = Omit<Finding, 'fingerprint'>

/** Adds the fingerprint; line numbers stay out of it so moving code does not make findings "new". */
export function finalize(draft: FindingDraft): Finding {
  const identity = [
    draft.scanner,
    draft.target,
    draft.ruleId,
    draft.resource,
    draft.constraint ?? '',
    draft.location?.path ?? '',
    draft.message
  ]
  return withFields(draft, {
    fingerprint: hash('sha256', identity.join('\u0000'), 'hex').slice(0, 32)
  })
}

/**
 * `{ ...value, ...fields }`, made so that the copies share one hidden class: in V8 (Node 20) each
 * spread copy with a field added got a class of its own, which made the copying three times
 * slower and every later stage that reads the findings slower too (100,000 findings without a
 * baseline: reports took about twice the CPU).
 */
export function withFields<T extends object, F extends object>(value: T, fields: F): T & F {
  return Object.assign({}, value, fields)
}

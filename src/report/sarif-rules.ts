// How one SARIF rule and one SARIF result describe a finding.
import type { Finding, Location } from '../findings/model.js'
import type { Severity } from '../findings/severity.js'
import { scannerNamed } from '../scanners/registry.js'
import { alsoReportedName } from '../findings/equivalents.js'
import { levelOf } from './level.js'
import type { LineHashIndex } from './line-hash.js'
import { escapeMarkdown } from './markdown.js'
import {
  GITHUB_LIMITS,
  type SarifRegion,
  type SarifRelationship,
  type SarifResult,
  type SarifRule,
  type SarifRun,
  type SarifToolComponent
} from './sarif-types.js'

/**
 * GitHub's `security-severity` is a CVSS-like score that GitHub maps back to critical (≥ 9.0),
 * high (7.0–8.9), medium (4.0–6.9) and low (0.1–3.9). A severity maps to a value inside its band
 * (the values Trivy's own SARIF writer uses); a finding that carries a CVSS base score uses that
 * score itself (see `securitySeverity`). UNKNOWN maps to 0.0, which GitHub shows as low.
 */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  CRITICAL: '9.5',
  HIGH: '8.0',
  MEDIUM: '5.5',
  LOW: '2.0',
  UNKNOWN: '0.0'
}

/** The rule's `security-severity`: a CVSS v3/v4 base score when known (0.0–10.0), else the band value. */
export function securitySeverity(severity: Severity, cvssScore?: number): string {
  if (cvssScore !== undefined && Number.isFinite(cvssScore) && cvssScore >= 0 && cvssScore <= 10)
    return cvssScore.toFixed(1)
  return SECURITY_SEVERITY[severity]
}

function validUrl(value: string | undefined): string | undefined {
  if (!value) return undefined
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : undefined
  } catch {
    return undefined
  }
}

function pascal(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('')
}

/**
 * SARIF's `name`: a readable identifier (PascalCase of the title), never equal to the opaque `id`
 * (multitool rule SARIF1001).
 */
function ruleName(finding: Finding): string {
  return readableName(finding.title, finding.ruleId)
}

function readableName(title: string, id: string): string {
  const name = pascal(title) || pascal(id) || 'Rule'
  return name === id ? `${name}Check` : name
}

const md = (text: string): string => escapeMarkdown(text, { multiline: true })

/** The rule of a finding's rule id, described by its most severe finding (`severity`). */
export function sarifRule(
  finding: Finding,
  severity: Severity,
  cvss: number | undefined
): SarifRule {
  const refs = (finding.references ?? []).filter((r) => r.trim() !== '')
  const helpUri = validUrl(finding.helpUri)
  const remediation = finding.remediation?.trim()
  const fullDescription = finding.title === finding.ruleId ? finding.message : finding.title
  const text = [
    finding.title,
    remediation ? `Remediation: ${remediation}` : '',
    refs.length ? `References:\n${refs.map((r) => `- ${r}`).join('\n')}` : ''
  ]
    .filter(Boolean)
    .join('\n\n')
  const markdown = [
    `**${md(finding.title)}**`,
    remediation ? `**Remediation:** ${md(remediation)}` : '',
    refs.length
      ? `**References:**\n\n${refs
          .map((r) => {
            // The parsed URL: percent-encoded, so no `>` ends the autolink early.
            const url = validUrl(r)
            return url ? `- <${url}>` : `- ${md(r)}`
          })
          .join('\n')}`
      : '',
    helpUri && !refs.includes(finding.helpUri ?? '') ? `More: <${helpUri}>` : ''
  ]
    .filter(Boolean)
    .join('\n\n')
  const tags = ['security', finding.scanner, ...kindTags(finding)]
  return {
    id: finding.ruleId,
    name: ruleName(finding),
    shortDescription: { text: finding.title },
    fullDescription: { text: fullDescription },
    ...(helpUri ? { helpUri } : {}),
    help: { text, markdown },
    defaultConfiguration: { level: levelOf({ ...finding, severity }) },
    properties: {
      'security-severity': securitySeverity(severity, cvss),
      precision: 'very-high',
      tags: [...new Set(tags)].slice(0, GITHUB_LIMITS.tagsPerRule)
    }
  }
}

function kindTags(finding: Finding): string[] {
  if (finding.ruleId.startsWith('secret/')) return ['secret']
  if (finding.ruleId.startsWith('license/')) return ['license']
  if (/^(CVE|GHSA|GO|RUSTSEC|PYSEC|OSV)-/i.test(finding.ruleId)) return ['vulnerability']
  return scannerNamed(finding.scanner)?.sarifTags ?? []
}

/**
 * Where a finding without a location points on GitHub. GitHub needs a location on every result
 * (multitool rule GH1001), so a finding of an image that no file in the repository names
 * points, in order, at `fallbackLocation` (e.g. the workflow line listing the image), else at
 * the target's name as a relative URI with line 1 (what Trivy's own SARIF does for images):
 * GitHub accepts it and shows the alert without a code snippet.
 */
export function targetLocation(finding: Finding): Location {
  const name = finding.target.replace(/^[a-z]+:\/\//i, '').replace(/[@:]/g, '/')
  return { path: name.replace(/\/+/g, '/').replace(/^\/+/, '') || 'unknown', startLine: 1 }
}

/** Where a finding's result points: its own location, else the fallback, else its target. */
export function resultLocation(
  finding: Finding,
  fallbackLocation: ((finding: Finding) => Location | undefined) | undefined
): Location {
  return finding.location ?? fallbackLocation?.(finding) ?? targetLocation(finding)
}

/** A path's URI; `uris` caches each path's encoding (many results share a file). */
export function encodedUri(location: Location, uris: Map<string, string>): string {
  let uri = uris.get(location.path)
  if (uri === undefined) {
    uri = encodeUriPath(location.path)
    uris.set(location.path, uri)
  }
  return uri
}

/** One result, with GitHub's line hash of its start line when `lineHashes` has it. */
export function sarifResult(
  finding: Finding,
  ruleIndex: number,
  fallbackLocation: ((finding: Finding) => Location | undefined) | undefined,
  uris: Map<string, string>,
  lineHashes?: LineHashIndex
): SarifResult {
  const location = resultLocation(finding, fallbackLocation)
  const uri = encodedUri(location, uris)
  const region: SarifRegion = {
    startLine: Math.max(1, location.startLine),
    ...(location.startColumn && location.startColumn > 0
      ? { startColumn: location.startColumn }
      : {}),
    ...(location.endLine && location.endLine >= location.startLine
      ? { endLine: location.endLine }
      : {})
  }
  const lineHash = lineHashes?.get(uri)?.get(region.startLine)
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: levelOf(finding),
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
          region
        }
      }
    ],
    ...(finding.alsoReportedBy?.some((other) => other.location)
      ? { relatedLocations: alsoReportedLocations(finding.alsoReportedBy, uris) }
      : {}),
    partialFingerprints: {
      'hardeningFinding/v1': finding.fingerprint,
      ...(lineHash ? { primaryLocationLineHash: lineHash } : {})
    },
    ...(finding.suppression
      ? {
          suppressions: [
            {
              kind: 'external' as const,
              status: 'accepted' as const,
              justification: `${finding.suppression.reason} (owner ${finding.suppression.owner}, expires ${finding.suppression.expires})`
            }
          ]
        }
      : {}),
    properties: {
      severity: finding.severity,
      resource: finding.resource,
      target: finding.target,
      ...(finding.fixedVersion ? { fixedVersion: finding.fixedVersion } : {}),
      ...(finding.enforcementAction ? { enforcementAction: finding.enforcementAction } : {}),
      ...(finding.isNew !== undefined ? { isNew: finding.isNew } : {}),
      ...(finding.alsoReportedBy
        ? { alsoReportedBy: finding.alsoReportedBy.map((other) => other.ruleId) }
        : {})
    }
  }
}

/** Where the other scanner reported the same problem (folded findings, src/findings/equivalents.ts). */
function alsoReportedLocations(
  others: NonNullable<Finding['alsoReportedBy']>,
  uris: Map<string, string>
): NonNullable<SarifResult['relatedLocations']> {
  return others.flatMap((other, index) => {
    if (!other.location) return []
    const uri = encodedUri(other.location, uris)
    return [
      {
        id: index + 1,
        message: { text: `Also reported by ${alsoReportedName(other)}: ${other.title}` },
        physicalLocation: {
          artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
          region: { startLine: Math.max(1, other.location.startLine) }
        }
      }
    ]
  })
}

/** A repo-relative POSIX path as a relative URI reference (each segment percent-encoded). */
function encodeUriPath(p: string): string {
  return p
    .replace(/\\/g, '/')
    .replace(/^\.?\/+/, '')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/')
}

/**
 * The rules of the checks folded into a run's findings (src/findings/equivalents.ts), in SARIF's
 * terms: each scanner that also reported them becomes a tool extension of the run that only
 * describes those rules (the results stay ours), and each of our rules gets `relationships` to
 * them (SARIF 2.1.0 §3.49.15). The kind is `relevant`: the same problem, without claiming that
 * either check finds exactly what the other does.
 */
export function relateAlsoReported(tool: SarifRun['tool'], findings: Finding[]): void {
  const extensions: SarifToolComponent[] = []
  const related = new Map<string, SarifRelationship[]>()
  for (const finding of findings) {
    for (const other of finding.alsoReportedBy ?? []) {
      const name = scannerNamed(other.scanner)?.sarifTool ?? other.scanner
      let index = extensions.findIndex((extension) => extension.name === name)
      if (index < 0) index = extensions.push({ name, rules: [] }) - 1
      const rules = extensions[index]!.rules
      let ruleIndex = rules.findIndex((rule) => rule.id === other.ruleId)
      if (ruleIndex < 0)
        ruleIndex =
          rules.push({
            id: other.ruleId,
            name: readableName(other.title, other.ruleId),
            shortDescription: { text: other.title },
            fullDescription: { text: other.title },
            // GitHub requires help on every rule (multitool GH2012).
            help: {
              text: `${alsoReportedName(other)}: ${other.title}. Where it reports the problem a rule of ${tool.driver.name} reports, it is recorded on that finding (alsoReportedBy) instead of reported twice.`
            }
          }) - 1
      const relationships = related.get(finding.ruleId) ?? []
      if (
        !relationships.some(
          (r) => r.target.id === other.ruleId && r.target.toolComponent.index === index
        )
      )
        relationships.push({
          target: { id: other.ruleId, index: ruleIndex, toolComponent: { name, index } },
          kinds: ['relevant'],
          description: {
            text: `${alsoReportedName(other)} (${other.title}) reports the same problem; its findings are folded into this rule's.`
          }
        })
      related.set(finding.ruleId, relationships)
    }
  }
  if (extensions.length === 0) return
  tool.extensions = extensions
  for (const rule of tool.driver.rules) {
    const relationships = related.get(rule.id)
    if (relationships) rule.relationships = relationships
  }
}

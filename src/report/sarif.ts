import type { Finding } from '../findings/model.js'
import { severityRank, type Severity } from '../findings/severity.js'
import type { ScanOutcome } from '../scanners/scanner.js'

/**
 * GitHub's `security-severity` is a CVSS-like score; these are the midpoints of the bands GitHub
 * maps back to critical (≥9.0), high (7.0–8.9), medium (4.0–6.9) and low (0.1–3.9).
 */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  CRITICAL: '9.5',
  HIGH: '8.0',
  MEDIUM: '5.5',
  LOW: '2.0',
  UNKNOWN: '0.0'
}

const TOOL_NAMES: Record<string, string> = {
  image: 'Trivy image',
  repository: 'Trivy repository',
  'trivy-config': 'Trivy misconfiguration',
  policies: 'Gatekeeper policies'
}

export type SarifLevel = 'error' | 'warning' | 'note'

/** Policy findings follow the constraint's enforcement action; the rest follow severity. */
export function levelOf(finding: Finding): SarifLevel {
  if (finding.enforcementAction === 'dryrun') return 'note'
  if (finding.enforcementAction === 'warn') return 'warning'
  if (finding.enforcementAction === 'deny') return 'error'
  const rank = severityRank(finding.severity)
  return rank >= severityRank('HIGH')
    ? 'error'
    : rank >= severityRank('MEDIUM')
      ? 'warning'
      : 'note'
}

/** A URL-safe, stable slug for the run category of a target. */
function slug(value: string): string {
  return value.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'default'
}

/** One SARIF 2.1.0 log with one run per scanner and target, each in its own category. */
export function toSarif(outcomes: ScanOutcome[], actionVersion: string): Record<string, unknown> {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: outcomes.map((outcome) => sarifRun(outcome, actionVersion))
  }
}

function sarifRun(outcome: ScanOutcome, actionVersion: string): Record<string, unknown> {
  const rules = new Map<string, { index: number; finding: Finding; severity: Severity }>()
  for (const finding of outcome.findings) {
    const known = rules.get(finding.ruleId)
    if (!known)
      rules.set(finding.ruleId, { index: rules.size, finding, severity: finding.severity })
    else if (severityRank(finding.severity) > severityRank(known.severity))
      known.severity = finding.severity
  }
  return {
    tool: {
      driver: {
        name: TOOL_NAMES[outcome.scanner] ?? outcome.scanner,
        organization: 'hardening-action',
        version: outcome.tool.version || actionVersion,
        informationUri: 'https://github.com/org/hardening-action',
        rules: [...rules.values()].map(({ finding, severity }) => sarifRule(finding, severity))
      }
    },
    automationDetails: { id: `hardening-action/${outcome.scanner}/${slug(outcome.target)}/` },
    invocations: [
      {
        executionSuccessful: outcome.error === undefined,
        toolExecutionNotifications: [
          ...(outcome.error ? [{ level: 'error', message: { text: outcome.error } }] : []),
          ...outcome.notices.map((notice) => ({ level: 'warning', message: { text: notice } }))
        ],
        properties: { tool: outcome.tool.name, toolVersion: outcome.tool.version, actionVersion }
      }
    ],
    columnKind: 'utf16CodeUnits',
    originalUriBaseIds: { '%SRCROOT%': { uri: 'file:///' } },
    results: outcome.findings.map((finding) =>
      sarifResult(finding, rules.get(finding.ruleId)?.index ?? 0)
    )
  }
}

function sarifRule(finding: Finding, severity: Severity): Record<string, unknown> {
  const remediation = finding.remediation ? `\n\nRemediation: ${finding.remediation}` : ''
  const references = finding.references?.length
    ? `\n\nReferences:\n${finding.references.map((r) => `- ${r}`).join('\n')}`
    : ''
  return {
    id: finding.ruleId,
    name: finding.ruleId.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) =>
      (c ?? '').toUpperCase()
    ),
    shortDescription: { text: finding.title },
    fullDescription: { text: finding.title },
    ...(finding.helpUri ? { helpUri: finding.helpUri } : {}),
    help: {
      text: `${finding.title}${remediation}${references}`,
      markdown: `**${finding.title}**${remediation}${references}`
    },
    defaultConfiguration: { level: levelOf({ ...finding, severity }) },
    properties: {
      'security-severity': SECURITY_SEVERITY[severity],
      precision: 'very-high',
      tags: ['security', finding.scanner]
    }
  }
}

function sarifResult(finding: Finding, ruleIndex: number): Record<string, unknown> {
  const location = finding.location
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: levelOf(finding),
    message: { text: finding.message },
    locations: location
      ? [
          {
            physicalLocation: {
              artifactLocation: { uri: encodeURI(location.path), uriBaseId: '%SRCROOT%' },
              region: {
                startLine: location.startLine,
                ...(location.startColumn ? { startColumn: location.startColumn } : {}),
                ...(location.endLine ? { endLine: location.endLine } : {})
              }
            }
          }
        ]
      : [],
    partialFingerprints: { 'hardeningFinding/v1': finding.fingerprint },
    ...(finding.suppression
      ? {
          suppressions: [
            {
              kind: 'external',
              status: 'accepted',
              justification: `${finding.suppression.reason} (owner ${finding.suppression.owner}, expires ${finding.suppression.expires})`
            }
          ]
        }
      : {}),
    properties: { severity: finding.severity, resource: finding.resource }
  }
}

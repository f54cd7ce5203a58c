// The subset of SARIF 2.1.0 we write, and the limits GitHub's code scanning puts on it.
import type { FindingLevel } from './level.js'

/** GitHub code scanning limits (docs: "SARIF support for code scanning", upload limits). */
export const GITHUB_LIMITS = {
  runsPerFile: 20,
  resultsPerRun: 25_000,
  rulesPerRun: 25_000,
  tagsPerRule: 20,
  gzipBytes: 10 * 1024 * 1024
}

/** What every log starts with. */
export const SARIF_HEADER = {
  $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
  version: '2.1.0'
} as const

export interface SarifMessage {
  text: string
  markdown?: string
}

export interface SarifRegion {
  startLine: number
  startColumn?: number
  endLine?: number
}

export interface SarifLocation {
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId?: string }
    region?: SarifRegion
  }
  message?: SarifMessage
}

export interface SarifRule {
  id: string
  name: string
  shortDescription: SarifMessage
  fullDescription: SarifMessage
  helpUri?: string
  help: SarifMessage
  defaultConfiguration: { level: FindingLevel }
  properties: { 'security-severity': string; precision: string; tags: string[] }
  relationships?: SarifRelationship[]
}

/** SARIF 2.1.0 §3.52/§3.53: a rule's relation to a rule of another tool component of the run. */
export interface SarifRelationship {
  target: { id: string; index: number; toolComponent: { name: string; index: number } }
  kinds: string[]
  description: SarifMessage
}

/** A tool extension (tool.extensions, §3.18.3) that only describes rules our rules relate to; it has no results. */
export interface SarifToolComponent {
  name: string
  rules: Array<Pick<SarifRule, 'id' | 'name' | 'shortDescription' | 'fullDescription' | 'help'>>
}

export interface SarifResult {
  ruleId: string
  ruleIndex: number
  level: FindingLevel
  message: SarifMessage
  locations: SarifLocation[]
  relatedLocations?: Array<SarifLocation & { id: number; message: SarifMessage }>
  partialFingerprints: Record<string, string>
  suppressions?: Array<{ kind: 'external'; status: 'accepted'; justification: string }>
  properties: Record<string, unknown>
}

export interface SarifRun {
  tool: {
    driver: {
      name: string
      organization: string
      version?: string
      semanticVersion?: string
      informationUri: string
      rules: SarifRule[]
    }
    extensions?: SarifToolComponent[]
  }
  automationDetails: { id: string }
  invocations: Array<{
    executionSuccessful: boolean
    toolExecutionNotifications: Array<{ level: FindingLevel; message: SarifMessage }>
    properties: Record<string, unknown>
  }>
  columnKind: 'utf16CodeUnits'
  originalUriBaseIds?: Record<string, { uri: string }>
  results: SarifResult[]
  properties?: Record<string, unknown>
}

export interface SarifLog {
  $schema: string
  version: '2.1.0'
  runs: SarifRun[]
}

import {
  toEvidenceDocument,
  type EvidenceDocument,
  type EvidenceInput
} from './evidence-document.js'
import { evidenceMarkdown } from './evidence-markdown.js'

// The evidence document's shape, for the renderers of other formats.
export {
  toEvidenceDocument,
  type ControlEvidence,
  type EvidenceDocument,
  type EvidenceInput,
  type EvidenceWaiver,
  type PolicyEvidence,
  type Status
} from './evidence-document.js'
export {
  evaluatedPolicy,
  FRAMEWORKS,
  type EvaluatedPolicy,
  type Framework
} from '../scanners/gatekeeper/annotations.js'

/** The two evidence files: `evidence.json` and `evidence.md`. */
export function toEvidence(input: EvidenceInput): {
  document: EvidenceDocument
  json: string
  markdown: string
} {
  const document = toEvidenceDocument(input)
  return {
    document,
    json: `${JSON.stringify(document, null, 2)}\n`,
    markdown: evidenceMarkdown(document)
  }
}

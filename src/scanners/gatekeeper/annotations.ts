/** The ConstraintTemplate annotations reports read (schema: policies/README.md). One list, used by the scanner and the evidence report. */
export const TEMPLATE_ANNOTATIONS = {
  title: 'hardening-action.io/title',
  severity: 'hardening-action.io/severity',
  remediation: 'hardening-action.io/remediation',
  references: 'hardening-action.io/references',
  compliance: 'hardening-action.io/compliance',
  version: 'metadata.gatekeeper.sh/version',
  gatekeeperTitle: 'metadata.gatekeeper.sh/title'
} as const

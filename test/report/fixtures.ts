// Findings and outcomes shaped like the scanners' output, for report tests.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { finalize, type Finding, type FindingDraft } from '../../src/findings/model.js'
import type { ScanOutcome } from '../../src/scanners/scanner.js'

export const IMAGE = 'ghcr.io/octo-org/demo-app:1.4.2'
export const ORPHAN_IMAGE = 'registry.example:5000/team/orphan@sha256:' + 'ab'.repeat(32)

export function finding(draft: Partial<FindingDraft> & Pick<FindingDraft, 'ruleId'>): Finding {
  return finalize({
    scanner: 'policies',
    target: 'manifests',
    title: draft.ruleId,
    severity: 'MEDIUM',
    message: `${draft.ruleId} violated.`,
    resource: 'Deployment/prod/web',
    ...draft
  })
}

/** The insecure app's manifest and lockfile, written into a fresh workspace. */
export async function workspaceWithFiles(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'report-ws-'))
  await mkdir(path.join(dir, 'deploy'), { recursive: true })
  await mkdir(path.join(dir, 'app config'), { recursive: true })
  await writeFile(
    path.join(dir, 'deploy', 'web.yaml'),
    [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      '  namespace: prod',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: web',
      `          image: ${IMAGE}`,
      '          securityContext:',
      '            privileged: true',
      ''
    ].join('\n')
  )
  await writeFile(path.join(dir, 'package-lock.json'), '{\n  "name": "demo"\n}\n')
  await writeFile(path.join(dir, 'app config', 'credentials.env'), 'A=1\nAWS_KEY=not-shown\n')
  return dir
}

/** One outcome per scanner, covering every kind of finding the scanners produce. */
export function sampleOutcomes(): ScanOutcome[] {
  const privileged = finding({
    ruleId: 'HardeningPssPrivileged',
    title: 'PSS baseline: Privileged containers',
    severity: 'HIGH',
    message: 'Container web must not be privileged (Deployment/prod/web).',
    location: { path: 'deploy/web.yaml', startLine: 13, startColumn: 13 },
    remediation: 'Set securityContext.privileged to false.',
    references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/'],
    enforcementAction: 'deny'
  })
  const latest = finding({
    ruleId: 'HardeningDisallowedTags',
    title: 'Disallowed image tags',
    severity: 'MEDIUM',
    message: 'Image nginx uses no tag.',
    location: { path: 'deploy/web.yaml', startLine: 11 },
    enforcementAction: 'dryrun'
  })
  const waived = finding({
    ruleId: 'HardeningRequiredResources',
    title: 'Required resources',
    severity: 'LOW',
    message: 'Container web has no memory limit.',
    location: { path: 'deploy/web.yaml', startLine: 10 },
    suppression: {
      reason: 'Batch job, sized by the scheduler.',
      owner: 'team-a',
      expires: '2099-12-31'
    }
  })
  const cve = finding({
    scanner: 'image',
    target: IMAGE,
    ruleId: 'CVE-2024-6119',
    title: 'openssl: Possible denial of service in X.509 name checks',
    severity: 'CRITICAL',
    message: 'openssl 3.3.1-r0 is affected by CVE-2024-6119; fixed in 3.3.2-r0 (alpine 3.22).',
    resource: 'openssl@3.3.1-r0',
    location: { path: 'deploy/web.yaml', startLine: 11 },
    helpUri: 'https://avd.aquasec.com/nvd/cve-2024-6119',
    fixedVersion: '3.3.2-r0'
  })
  const orphanCve = finding({
    scanner: 'image',
    target: ORPHAN_IMAGE,
    ruleId: 'CVE-2024-5535',
    title: 'openssl: SSL_select_next_proto buffer overread',
    severity: 'LOW',
    message: 'openssl 3.3.1-r0 is affected by CVE-2024-5535 (alpine 3.22).',
    resource: 'openssl@3.3.1-r0'
  })
  const secret = finding({
    scanner: 'repository',
    target: 'repository',
    ruleId: 'secret/aws-access-key-id',
    title: 'AWS Access Key ID',
    severity: 'CRITICAL',
    message: 'AWS Access Key ID (AWS) found in app config/credentials.env.',
    resource: 'app config/credentials.env',
    location: { path: 'app config/credentials.env', startLine: 2 },
    remediation: 'Remove the secret from the repository, rotate it.'
  })
  const lodash = finding({
    scanner: 'repository',
    target: 'repository',
    ruleId: 'GHSA-35jh-r3h4-6jhm',
    title: 'lodash: command injection',
    severity: 'HIGH',
    message:
      'lodash 4.17.20 is affected by GHSA-35jh-r3h4-6jhm; fixed in 4.17.21 (package-lock.json).',
    resource: 'lodash@4.17.20',
    location: { path: 'package-lock.json', startLine: 1 },
    helpUri: 'not a url'
  })
  return [
    {
      scanner: 'policies',
      target: 'manifests',
      findings: [privileged, latest, waived],
      notices: ['template foo skipped: no rego'],
      tool: { name: 'conftest', version: '0.71.1' }
    },
    {
      scanner: 'trivy-config',
      target: 'manifests',
      findings: [],
      notices: [],
      tool: { name: 'trivy', version: '0.74.0' }
    },
    {
      scanner: 'repository',
      target: 'repository',
      findings: [secret, lodash],
      notices: [],
      tool: { name: 'trivy', version: '0.74.0' }
    },
    {
      scanner: 'image',
      target: IMAGE,
      findings: [cve],
      notices: [],
      tool: { name: 'trivy', version: '0.74.0' }
    },
    {
      scanner: 'image',
      target: ORPHAN_IMAGE,
      findings: [orphanCve],
      notices: [],
      tool: { name: 'trivy', version: '0.74.0' }
    },
    {
      scanner: 'image',
      target: 'ghcr.io/octo-org/broken:1',
      findings: [],
      notices: [],
      tool: { name: 'trivy', version: '0.74.0' },
      error: 'image not found'
    }
  ]
}

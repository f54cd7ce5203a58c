// src/fix/schema.ts: Kubernetes schema validation of one document, and the schema file it reads
// (generated from client-go's typed schema; test/fix/schema-differential.test.ts holds the
// validator to the real decoder).
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { addedSchemaErrors, schemaErrors } from '../../src/fix/schema.js'
import { REPO_ROOT } from '../harness/paths.js'

const pod = (container: string, spec = '') => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
${spec}  containers:
    - name: app
      image: nginx:1.27
${container}`

describe('schemaErrors', () => {
  it('accepts a valid document, nulls included', () => {
    expect(
      schemaErrors(
        pod(
          `      securityContext:
        runAsNonRoot: true
        capabilities: {drop: [ALL], add: ~}
        seccompProfile: {type: RuntimeDefault}
      resources: {limits: {cpu: 500m, memory: 1Gi}, requests: {cpu: 0.25}}
      ports: [{containerPort: 8080}]
      livenessProbe: {httpGet: {port: http}}
`,
          '  securityContext: {seccompProfile: {type: RuntimeDefault}, fsGroup: 2000}\n'
        )
      )
    ).toEqual([])
  })

  it('names the field path of a list written as a string', () => {
    expect(
      schemaErrors(pod('      securityContext:\n        capabilities: {drop: ALL}\n'))
    ).toEqual([
      'spec.containers[0].securityContext.capabilities.drop: string "ALL" where Kubernetes wants a list'
    ])
  })

  it('refuses seccompProfile outside securityContext as an unknown field', () => {
    expect(schemaErrors(pod('      seccompProfile: {type: RuntimeDefault}\n'))).toEqual([
      'spec.containers[0].seccompProfile: unknown field'
    ])
    expect(
      schemaErrors(pod('      securityContext:\n        capabilities: {seccompProfile: {}}\n'))
    ).toEqual(['spec.containers[0].securityContext.capabilities.seccompProfile: unknown field'])
  })

  it('refuses a boolean written as a string (quoted, so YAML 1.1 does not make it a boolean)', () => {
    expect(schemaErrors(pod('      securityContext: {runAsNonRoot: "true"}\n'))).toEqual([
      'spec.containers[0].securityContext.runAsNonRoot: string "true" where Kubernetes wants a boolean'
    ])
    expect(schemaErrors(pod('      securityContext: {runAsNonRoot: yes}\n'))).toEqual([])
  })

  it('checks integer widths, quantities, int-or-strings and times as Go decodes them', () => {
    const errors = schemaErrors(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web, creationTimestamp: "yesterday"}
spec:
  replicas: 3000000000
  strategy: {rollingUpdate: {maxSurge: 1.5, maxUnavailable: "25%"}}
  selector: {matchLabels: {app: web}}
  template:
    spec:
      securityContext: {runAsUser: 3000000000}
      containers:
        - {name: app, image: nginx, resources: {limits: {memory: 1GB}}}
`)
    expect(errors).toEqual([
      'metadata.creationTimestamp: string "yesterday" where Kubernetes wants an RFC 3339 time string',
      'spec.replicas: number 3000000000 where Kubernetes wants a 32-bit integer',
      'spec.strategy.rollingUpdate.maxSurge: number 1.5 where Kubernetes wants a 32-bit integer or a string',
      'spec.template.spec.containers[0].resources.limits.memory: string "1GB" where Kubernetes wants a quantity (a number or a string such as 100m or 1Gi)'
    ])
  })

  it('refuses keys given twice and a mapping where a value belongs', () => {
    expect(
      schemaErrors(
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  labels: {app: a, app: b}\nspec: [1]\n'
      )
    ).toEqual([
      'metadata.labels: duplicate field "app"',
      'spec: a list where Kubernetes wants a mapping'
    ])
  })

  it('does not check kinds outside the schema, and says when it cannot read the document', () => {
    expect(
      schemaErrors('apiVersion: example.com/v1\nkind: Widget\nspec: {anything: [1]}\n')
    ).toEqual([])
    expect(schemaErrors('apiVersion: apps/v1beta1\nkind: Deployment\nspec: 1\n')).toEqual([])
    expect(schemaErrors('kind: Pod\nspec: {containers: [}\n')[0]).toMatch(
      /^the document cannot be read: /
    )
  })
})

describe('addedSchemaErrors', () => {
  const before = pod('      securityContext: {runAsNonRoot: true}\n      bogus: 1\n')

  it('ignores the errors the document had before the fix', () => {
    const after = before.replace('runAsNonRoot: true', 'runAsNonRoot: true, privileged: false')
    expect(schemaErrors(after)).toEqual(['spec.containers[0].bogus: unknown field'])
    expect(addedSchemaErrors(before, after)).toEqual([])
  })

  it('reports the errors the fix adds', () => {
    const after = before.replace('runAsNonRoot: true', 'runAsNonRoot: "true"')
    expect(addedSchemaErrors(before, after)).toEqual([
      'spec.containers[0].securityContext.runAsNonRoot: string "true" where Kubernetes wants a boolean'
    ])
  })
})

describe('src/fix/kubernetes-schema.json', () => {
  it('is current (node scripts/gen-k8s-schema.mjs --check)', () => {
    const run = spawnSync(
      process.execPath,
      [path.join(REPO_ROOT, 'scripts', 'gen-k8s-schema.mjs'), '--check'],
      { encoding: 'utf8' }
    )
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
  }, 120_000)
})

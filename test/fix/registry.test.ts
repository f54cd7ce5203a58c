// Pinning images to digests against a real registry (go-containerregistry's, on loopback) with
// images pushed by crane; crane's own digest is the oracle.
import { execFile } from 'node:child_process'
import { mkdtemp, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRegistry, type Registry } from '../harness/registry.js'
import { tool } from '../harness/paths.js'
import { applyPlan, scan, scanAndPlan, workspaceWith } from './helpers.js'

const run = promisify(execFile)
const crane = (...args: string[]) => run(tool('crane'), [...args, '--insecure'])

let registry: Registry
let single: string
let index: string
beforeAll(async () => {
  registry = await startRegistry()
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fix-registry-'))
  await writeFile(path.join(dir, 'hello.txt'), 'hello\n')
  await run('tar', ['-cf', path.join(dir, 'layer.tar'), '-C', dir, 'hello.txt'])
  await crane('append', '-f', path.join(dir, 'layer.tar'), '-t', `${registry.host}/team/app:latest`)
  await crane(
    'index',
    'append',
    '-m',
    `${registry.host}/team/app:latest`,
    '-t',
    `${registry.host}/team/multi:latest`
  )
  single = (await crane('digest', `${registry.host}/team/app:latest`)).stdout.trim()
  index = (await crane('digest', `${registry.host}/team/multi:latest`)).stdout.trim()
})
afterAll(() => registry?.stop())

const deployment = (images: string[]) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ops
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
${images
  .map(
    (image, i) => `        - name: c${i}
          image: ${image} # pinned by the fix
          resources: {limits: {cpu: 1, memory: 1Gi}, requests: {cpu: 1, memory: 1Gi}}
          securityContext: {allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: {drop: [ALL]}, seccompProfile: {type: RuntimeDefault}}
`
  )
  .join('')}`

describe('pinning mutable tags to digests', () => {
  it('asks the registry for the digest of an image and of an image index, keeping the quoting', async () => {
    expect(single).toMatch(/^sha256:[a-f0-9]{64}$/)
    expect(index).not.toBe(single)
    const images = [`${registry.host}/team/app:latest`, `"${registry.host}/team/multi"`]
    const workspace = await workspaceWith({ 'web.yaml': deployment(images) })
    const { plan, context } = await scanAndPlan(workspace)
    expect(plan.manual).toEqual([])
    const fixed = await applyPlan(workspace, plan)
    expect(fixed.get('web.yaml')).toBe(
      deployment([
        `${registry.host}/team/app:latest@${single}`,
        `"${registry.host}/team/multi@${index}"`
      ])
    )
    expect(await scan(context)).toEqual([])
  })

  it('leaves the image to a person when the tag is unknown, the registry unreachable or link-local', async () => {
    const workspace = await workspaceWith({
      'web.yaml': deployment([
        `${registry.host}/team/missing:latest`,
        '127.0.0.1:1/team/app:latest',
        '169.254.169.254/latest/meta-data:latest'
      ])
    })
    const { plan } = await scanAndPlan(workspace)
    expect(plan.fixes).toEqual([])
    expect(plan.manual.map((m) => m.reason)).toEqual([
      `the registry ${registry.host} answered 404 for team/missing:latest`,
      expect.stringMatching(
        /^the registry 127\.0\.0\.1:1 could not be reached \(.+\); pin the digest by hand or re-run online$/
      ),
      'the registry 169.254.169.254 is a link-local address; not asked'
    ])
  })
})

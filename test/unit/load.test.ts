import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadManifests } from '../../src/manifests/load.js'
import { parseFieldPath, parseManifests } from '../../src/manifests/parse.js'

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: a
          image: nginx:1.27
        - name: b
          image: busybox
          securityContext:
            privileged: true
`

describe('parseManifests', () => {
  it('finds the line of a field path, including the key line of a mapping', () => {
    const { objects } = parseManifests(DEPLOYMENT, 'd.yaml')
    expect(objects).toHaveLength(1)
    const [deployment] = objects
    expect(deployment.line).toBe(1)
    expect(deployment.lineOf('spec.template.spec.containers[1].image')).toBe(12)
    expect(deployment.lineOf('spec.template.spec.containers[1].securityContext')).toBe(13)
    expect(deployment.lineOf('spec.template.spec.containers[1].securityContext.privileged')).toBe(
      14
    )
    // A missing leaf points at the deepest part that exists.
    expect(deployment.lineOf('spec.template.spec.containers[0].resources.limits')).toBe(9)
  })

  it('keeps reading after a malformed document and reports where it broke', () => {
    const text = `${DEPLOYMENT}---\nkind: [unclosed\n---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\n`
    const { objects, problems } = parseManifests(text, 'mixed.yaml')
    expect(objects.map((o) => o.object.kind)).toEqual(['Deployment', 'Service'])
    expect(problems).toHaveLength(1)
    expect(problems[0].file).toBe('mixed.yaml')
    // The parser notices the unclosed bracket where the document ends; the message names its start.
    expect(problems[0].line).toBe(17)
    expect(problems[0].message).toMatch(/^invalid YAML in the document starting at line 16: /)
  })

  it('refuses alias bombs instead of expanding them', () => {
    const bomb = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'a: &a ["x","x","x","x","x","x","x","x","x","x"]',
      ...Array.from({ length: 9 }, (_, i) => {
        const prev = i === 0 ? 'a' : `l${i - 1}`
        return `l${i}: &l${i} [${Array(10).fill(`*${prev}`).join(',')}]`
      })
    ].join('\n')
    const { objects, problems } = parseManifests(bomb, 'bomb.yaml')
    expect(objects).toHaveLength(0)
    expect(problems[0].message).toMatch(/alias/i)
  })

  it('expands kind: List items and skips non-Kubernetes YAML', () => {
    const text = `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata: {name: p}\n---\nname: ci\non: push\n`
    const { objects } = parseManifests(text, 'list.yaml')
    expect(objects.map((o) => [o.object.kind, o.line])).toEqual([['Pod', 4]])
  })

  it('parses quoted and indexed field paths', () => {
    expect(parseFieldPath('metadata.annotations["a.b/c"].x[2]')).toEqual([
      'metadata',
      'annotations',
      'a.b/c',
      'x',
      2
    ])
  })
})

describe('parseManifests reads as Kubernetes reads', () => {
  it('reads YAML 1.1 spellings and merge keys as the cluster does', () => {
    const ordered = `x-p: &p {privileged: on}\n${DEPLOYMENT.replace('privileged: true', '<<: *p')}`
    const [object] = parseManifests(ordered, 'd.yaml').objects
    const spec = object.object.spec as { template: { spec: { containers: unknown[] } } }
    expect(spec.template.spec.containers[1]).toMatchObject({
      securityContext: { privileged: true }
    })
    expect(object.lineOf('spec.template.spec.containers[1].securityContext.privileged')).toBe(1)
  })

  it('marks a problem blocking only when the file looks like a Kubernetes manifest', () => {
    const manifest = parseManifests(`${DEPLOYMENT}    command: ["\\/"]\n`, 'd.yaml')
    expect(manifest.problems).toEqual([expect.objectContaining({ line: 15, blocking: true })])
    const other = parseManifests('name: ci\nsteps: [\n', 'ci.yaml')
    expect(other.problems).toEqual([expect.not.objectContaining({ blocking: true })])
  })
})

describe('loadManifests', () => {
  it('reads UTF-16 with a byte order mark, as go-yaml does', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'manifests-'))
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(DEPLOYMENT, 'utf16le')])
    await writeFile(path.join(root, 'utf16.yaml'), utf16)
    const { objects, problems } = await loadManifests(root, [root])
    expect(problems).toEqual([])
    expect(
      objects.map((o) => [o.object.kind, o.lineOf('spec.template.spec.containers[1]')])
    ).toEqual([['Deployment', 11]])
  })

  it('fails the gate on a binary file that looks like a manifest', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'manifests-'))
    await writeFile(path.join(root, 'utf16.yaml'), Buffer.from(DEPLOYMENT, 'utf16le'))
    const { problems } = await loadManifests(root, [root])
    expect(problems).toEqual([
      { file: 'utf16.yaml', message: 'binary file; not scanned', blocking: true }
    ])
  })

  it('reports binary, non-UTF-8 and escaping symlinks, and still loads the rest', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'manifests-'))
    const outside = await mkdtemp(path.join(os.tmpdir(), 'outside-'))
    await mkdir(path.join(root, 'k8s'))
    await writeFile(path.join(root, 'k8s', 'ok.yaml'), DEPLOYMENT)
    await writeFile(path.join(root, 'k8s', 'binary.yaml'), Buffer.from([0x61, 0x00, 0x62]))
    await writeFile(
      path.join(root, 'k8s', 'latin1.yaml'),
      Buffer.from([0x6b, 0x69, 0x6e, 0x64, 0x3a, 0x20, 0xe9])
    )
    await writeFile(path.join(outside, 'secret.yaml'), DEPLOYMENT)
    await symlink(path.join(outside, 'secret.yaml'), path.join(root, 'k8s', 'link.yaml'))
    const { objects, problems } = await loadManifests(root, [path.join(root, 'k8s')])
    expect(objects.map((o) => o.file)).toEqual(['k8s/ok.yaml'])
    expect(problems.map((p) => `${p.file}: ${p.message}`).sort()).toEqual([
      'k8s/binary.yaml: binary file; not scanned',
      'k8s/latin1.yaml: not valid UTF-8 text; not scanned',
      'k8s/link.yaml: symbolic link leaves the workspace; not followed'
    ])
  })
})

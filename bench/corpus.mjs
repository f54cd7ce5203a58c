// The generated manifest corpus the benchmarks share (bench/manifests.mjs, bench/fix.mjs).
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { stringify } from 'yaml'

/** A realistic mix: Deployments (half with problems), StatefulSets, CronJobs, Pods, Services, ConfigMaps. */
export function corpus(size) {
  const docs = []
  for (let i = 0; i < size; i++) {
    const bad = i % 2 === 0
    const container = {
      name: 'app',
      image: bad ? `registry.example.com/app-${i}:latest` : `registry.example.com/app-${i}:1.${i % 9}.0`,
      ...(bad ? {} : { resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } } }),
      securityContext: bad
        ? { privileged: true }
        : { allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } }
    }
    const podSpec = { containers: [container] }
    const meta = { name: `w-${i}`, namespace: `team-${i % 20}`, labels: { app: `w-${i}` } }
    switch (i % 6) {
      case 0:
      case 1:
        docs.push({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta, spec: { selector: { matchLabels: meta.labels }, template: { metadata: { labels: meta.labels }, spec: podSpec } } })
        break
      case 2:
        docs.push({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: meta, spec: { serviceName: meta.name, selector: { matchLabels: meta.labels }, template: { metadata: { labels: meta.labels }, spec: podSpec } } })
        break
      case 3:
        docs.push({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: meta, spec: { schedule: '0 * * * *', jobTemplate: { spec: { template: { spec: { ...podSpec, restartPolicy: 'Never' } } } } } })
        break
      case 4:
        docs.push({ apiVersion: 'v1', kind: 'Service', metadata: { ...meta, ...(bad ? {} : { annotations: { 'networking.gke.io/load-balancer-type': 'Internal' } }) }, spec: { type: 'LoadBalancer', selector: meta.labels, ports: [{ port: 80 }] } })
        break
      default:
        docs.push({ apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: podSpec })
    }
  }
  return docs
}

/**
 * A document as block YAML, as kubectl, Helm and Kustomize write it: in full, without anchors (the
 * yaml package would otherwise write the label objects the corpus shares as `&a1` and `*a1`, which
 * no manifest generator writes).
 */
export const manifestYaml = (doc) => stringify(doc, { aliasDuplicateObjects: false })

/** Writes the documents as block YAML, 100 per file, as people write manifests. */
export function writeCorpus(dir, docs, perFile = 100) {
  mkdirSync(dir, { recursive: true })
  for (let i = 0; i < docs.length; i += perFile) {
    writeFileSync(path.join(dir, `part-${i / perFile}.yaml`), docs.slice(i, i + perFile).map(manifestYaml).join('---\n'))
  }
}

import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
  type YAMLSeq
} from 'yaml'
import type { Finding } from '../findings/model.js'
import type { DigestResolver } from './registry.js'
import type { Cloud, ResourceDefaults } from './settings.js'
import type { SourceText } from './source.js'
import { ALIASED, findPair, ManualOnly, quoteLike, type DocumentEditor } from './yaml-edit.js'

/** The internal-load-balancer annotation per cloud: keys and values the public-loadbalancer policy accepts. */
export const INTERNAL_LB_ANNOTATION: Record<Cloud, { key: string; value: string }> = {
  aws: { key: 'service.beta.kubernetes.io/aws-load-balancer-internal', value: 'true' },
  gcp: { key: 'networking.gke.io/load-balancer-type', value: 'Internal' },
  azure: { key: 'service.beta.kubernetes.io/azure-load-balancer-internal', value: 'true' }
}

export interface FixSettings {
  cloud?: Cloud
  resourceDefaults?: ResourceDefaults
  /** Per-namespace requests and limits (the config file's fix.resources.namespaces), complete: they replace resourceDefaults there. */
  resourcesByNamespace?: Record<string, ResourceDefaults>
  digests: DigestResolver
}

/** Where a finding sits in a parsed document. */
export interface FixSite {
  finding: Finding
  source: SourceText
  editor: DocumentEditor
  root: YAMLMap
  /** The pod spec of a workload, and the container whose lines hold the finding. */
  pod?: YAMLMap
  container?: YAMLMap
}

type RuleFix = (site: FixSite, settings: FixSettings) => void | Promise<void>

const FALSE = (value: unknown) => value === false
const TRUE = (value: unknown) => value === true

/** Fixes by template kind; each changes only what the finding is about. */
export const RULE_FIXES: Record<string, RuleFix> = {
  HardeningPSSPrivilegeEscalation: (site) => {
    const container = containerOf(site)
    site.editor.ensure(container, ['securityContext', 'allowPrivilegeEscalation'], 'false', FALSE)
  },
  HardeningPSSPrivileged: (site) =>
    removeIfTrue(site, securityContextOf(containerOf(site)), 'privileged'),
  HardeningPSSCapabilities: (site) => {
    const container = containerOf(site)
    const capabilities = mapAt(container, ['securityContext', 'capabilities'])
    const add = capabilities && findPair(capabilities, 'add')
    const added = add && isSeq(add.value) ? (add.value.items as Node[]) : []
    const offending = added.filter(
      (item) => site.source.lineOf(item.range![0]) === site.finding.location!.startLine
    )
    if (offending.length > 0) return site.editor.removeItems(capabilities!, add!, offending)
    const drop = capabilities && findPair(capabilities, 'drop')
    if (drop && isSeq(drop.value)) {
      if (!(drop.value.items as Scalar[]).some((item) => isScalar(item) && item.value === 'ALL'))
        site.editor.appendItem(drop.value as YAMLSeq, 'ALL')
      return
    }
    site.editor.ensure(container, ['securityContext', 'capabilities', 'drop'], '[ALL]', () => false)
  },
  HardeningPSSSeccomp: (site) => {
    const owner = site.container ?? podOf(site)
    site.editor.ensure(
      owner,
      ['securityContext', 'seccompProfile', 'type'],
      'RuntimeDefault',
      (value) => value === 'RuntimeDefault',
      { keepQuotes: true }
    )
  },
  HardeningPSSRunAsNonRoot: (site) =>
    site.editor.ensure(
      site.container ?? podOf(site),
      ['securityContext', 'runAsNonRoot'],
      'true',
      TRUE
    ),
  HardeningPSSHostNamespaces: (site) => {
    const pod = podOf(site)
    const pair = pairAtLine(site, pod, ['hostNetwork', 'hostPID', 'hostIPC'])
    if (!pair) throw new ManualOnly('the host namespace setting is not where the finding points')
    removeIfTrue(site, pod, String((pair.key as Scalar).value))
  },
  HardeningPSSProcMount: (site) => {
    const context = securityContextOf(containerOf(site))
    const pair = context && findPair(context, 'procMount')
    if (!pair) throw new ManualOnly('procMount is not set where the finding points')
    site.editor.removePair(context!, pair)
  },
  HardeningPSSSysctls: (site) => {
    const context = securityContextOf(podOf(site))
    const pair = context && findPair(context, 'sysctls')
    const items = pair && isSeq(pair.value) ? (pair.value.items as Node[]) : []
    const line = site.finding.location!.startLine
    const offending = items.filter((item) => {
      const [start, end] = item.range!
      return site.source.lineOf(start) <= line && line <= site.source.lastContentLine(end)
    })
    if (offending.length === 0) throw new ManualOnly('the sysctl is not where the finding points')
    site.editor.removeItems(context!, pair!, offending)
  },
  HardeningDisallowedTags: async (site, settings) => {
    const image = containerOf(site).get('image', true)
    if (!isScalar(image) || typeof image.value !== 'string')
      throw new ManualOnly('the image is not a plain string')
    site.editor.replaceScalar(image, quoteLike(image, await settings.digests.pin(image.value)))
  },
  HardeningPublicLB: (site, { cloud }) => {
    if (!cloud)
      throw new ManualOnly(
        'which annotation makes a load balancer internal depends on the cloud: pass --cloud aws|gcp|azure (action input fix-cloud), or expose the Service through an Ingress or Gateway'
      )
    const { key, value } = INTERNAL_LB_ANNOTATION[cloud]
    const current = mapAt(site.root, ['metadata', 'annotations'])?.get(key)
    if (current !== undefined)
      throw new ManualOnly(
        `the Service already sets ${key} to ${JSON.stringify(current)}; decide which value is meant`
      )
    site.editor.ensure(
      site.root,
      ['metadata', 'annotations', key],
      JSON.stringify(value),
      () => false
    )
  },
  HardeningRequiredResources: (site, { resourceDefaults, resourcesByNamespace }) => {
    const missing = /\(resources\.(requests|limits)\.([\w.-]+)\)/.exec(site.finding.message)
    const [, kind, resource] = missing ?? []
    const namespace = site.root.getIn(['metadata', 'namespace'])
    const defaults =
      typeof namespace === 'string' &&
      resourcesByNamespace &&
      Object.hasOwn(resourcesByNamespace, namespace)
        ? resourcesByNamespace[namespace]
        : resourceDefaults
    const value =
      kind && resource ? defaults?.[kind as 'requests' | 'limits']?.[resource] : undefined
    if (!value)
      throw new ManualOnly(
        `no default is configured for ${kind && resource ? `${kind}.${resource}` : 'this resource'}: pass --resources-default (action input fix-resources-default), e.g. cpu=100m,memory=128Mi, with values sized for your workloads`
      )
    site.editor.ensure(
      containerOf(site),
      ['resources', kind!, resource!],
      JSON.stringify(value),
      (v) => v !== null && v !== undefined
    )
  }
}

/** Why a rule has no automatic fix: each needs a decision only the workload's owner can make. */
export const MANUAL_REASONS: Record<string, string> = {
  HardeningPSSVolumes:
    'a hostPath (or other node-bound) volume has no safe automatic replacement: whether an emptyDir, configMap or persistentVolumeClaim can stand in depends on what the workload reads and writes there',
  HardeningPSSHostPorts:
    'removing a hostPort changes how clients reach the pod; expose it through a Service instead',
  HardeningPSSHostProbes: 'which address a probe should use instead of a host depends on the probe',
  HardeningPSSRunAsUser:
    'a non-zero UID must be one the image can run as; choose it from the image',
  HardeningPSSSELinux: 'SELinux options depend on the node policy; choose an allowed type by hand',
  HardeningPSSAppArmor:
    'an AppArmor profile depends on what the workload needs; choose RuntimeDefault or a Localhost profile by hand',
  HardeningPSSWindowsHostProcess:
    'a HostProcess container runs on the host; it cannot become an ordinary container without a redesign'
}

/** The container the finding's line is in (findings point at the offending field, or its container). */
function containerOf(site: FixSite): YAMLMap {
  if (!site.container) throw new ManualOnly('the finding does not point into a container')
  return site.container
}

function podOf(site: FixSite): YAMLMap {
  if (!site.pod) throw new ManualOnly('the object has no pod spec where this fix expects one')
  return site.pod
}

function securityContextOf(map: YAMLMap): YAMLMap | undefined {
  return mapAt(map, ['securityContext'])
}

function mapAt(map: YAMLMap, path: string[]): YAMLMap | undefined {
  const node = map.getIn(path, true)
  if (isAlias(node)) throw new ManualOnly(ALIASED(path.at(-1)!))
  return isMap(node) ? node : undefined
}

function removeIfTrue(site: FixSite, map: YAMLMap | undefined, key: string): void {
  const pair = map && findPair(map, key)
  if (!pair || !isScalar(pair.value) || pair.value.value !== true)
    throw new ManualOnly(`${key} is not set to true where the finding points`)
  site.editor.removePair(map!, pair)
}

/** The pair among `keys` whose key is on the finding's line. */
function pairAtLine(site: FixSite, map: YAMLMap, keys: string[]): Pair | undefined {
  return map.items.find(
    (pair) =>
      isScalar(pair.key) &&
      keys.includes(String(pair.key.value)) &&
      site.source.lineOf(pair.key.range![0]) === site.finding.location!.startLine
  ) as Pair | undefined
}

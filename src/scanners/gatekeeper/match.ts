/**
 * Gatekeeper's constraint `spec.match`, re-implemented from gatekeeper/v3 pkg/mutation/match so
 * a constraint selects the same objects in CI as at admission. Each rule below mirrors one Go
 * matcher; all must agree for a match.
 */
export interface LabelSelector {
  matchLabels?: Record<string, string>
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>
}

export interface ConstraintMatch {
  kinds?: Array<{ apiGroups?: string[]; kinds?: string[] }>
  scope?: string
  namespaces?: string[]
  excludedNamespaces?: string[]
  labelSelector?: LabelSelector
  namespaceSelector?: LabelSelector
  name?: string
}

export interface MatchTarget {
  object: Record<string, unknown>
  /** The object's Namespace, when it is among the scanned objects. */
  namespaceObject?: Record<string, unknown>
}

/** Thrown when a constraint cannot be decided for an object (Gatekeeper errors there too). */
export class MatchError extends Error {}

export function matches(match: ConstraintMatch | undefined, target: MatchTarget): boolean {
  const m = match ?? {}
  return (
    kindsMatch(m, target) &&
    scopeMatch(m, target) &&
    namespacesMatch(m.namespaces, target, true) &&
    namespacesMatch(m.excludedNamespaces, target, false) &&
    selectorMatches(m.labelSelector, labelsOf(target.object)) &&
    namespaceSelectorMatch(m, target) &&
    nameMatch(m.name, target.object)
  )
}

export function groupOf(object: Record<string, unknown>): string {
  const apiVersion = String(object.apiVersion ?? '')
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : ''
}

function kindsMatch(match: ConstraintMatch, { object }: MatchTarget): boolean {
  if (!match.kinds || match.kinds.length === 0) return true
  const kind = String(object.kind)
  const group = groupOf(object)
  return match.kinds.some(
    (entry) =>
      (!entry.kinds?.length || entry.kinds.includes('*') || entry.kinds.includes(kind)) &&
      (!entry.apiGroups?.length || entry.apiGroups.includes('*') || entry.apiGroups.includes(group))
  )
}

function scopeMatch(match: ConstraintMatch, target: MatchTarget): boolean {
  const hasNamespace = namespaceOf(target.object) !== '' || target.namespaceObject !== undefined
  const namespaceKind = isNamespace(target.object)
  if (match.scope === 'Cluster') return namespaceKind || !hasNamespace
  if (match.scope === 'Namespaced') return !namespaceKind && hasNamespace
  return true
}

/** `namespaces` must match one pattern; `excludedNamespaces` must match none. No namespace: passes both. */
function namespacesMatch(
  patterns: string[] | undefined,
  target: MatchTarget,
  include: boolean
): boolean {
  if (!patterns || patterns.length === 0) return true
  const namespace = isNamespace(target.object)
    ? nameOf(target.object)
    : target.namespaceObject
      ? nameOf(target.namespaceObject)
      : namespaceOf(target.object)
  if (namespace === '') return true
  const hit = patterns.some((pattern) => wildcardMatches(pattern, namespace))
  return include ? hit : !hit
}

function namespaceSelectorMatch(match: ConstraintMatch, target: MatchTarget): boolean {
  if (!match.namespaceSelector) return true
  if (isNamespace(target.object))
    return selectorMatches(match.namespaceSelector, labelsOf(target.object))
  if (!target.namespaceObject) {
    if (namespaceOf(target.object) === '') return true
    // Gatekeeper's wording; deciding needs the Namespace among the scanned manifests.
    throw new MatchError('namespace selector for namespace-scoped object but missing Namespace')
  }
  return selectorMatches(match.namespaceSelector, labelsOf(target.namespaceObject))
}

function nameMatch(pattern: string | undefined, object: Record<string, unknown>): boolean {
  if (!pattern) return true
  const metadata = (object.metadata ?? {}) as Record<string, unknown>
  const generateName = String(metadata.generateName ?? '')
  const generateMatches =
    pattern.endsWith('*') && !pattern.startsWith('*')
      ? generateName.startsWith(pattern.slice(0, -1))
      : pattern.startsWith('*') &&
        pattern.endsWith('*') &&
        generateName.includes(pattern.slice(1, -1))
  return wildcardMatches(pattern, nameOf(object)) || generateMatches
}

/** Gatekeeper wildcards: `pre*`, `*suf`, `*mid*`, or an exact name. */
export function wildcardMatches(pattern: string, candidate: string): boolean {
  const starts = pattern.startsWith('*')
  const ends = pattern.endsWith('*') && pattern.length > 1
  if (starts && ends) return candidate.includes(pattern.slice(1, -1))
  if (starts) return candidate.endsWith(pattern.slice(1))
  if (ends) return candidate.startsWith(pattern.slice(0, -1))
  return pattern === candidate
}

/** Kubernetes label selector semantics (metav1.LabelSelectorAsSelector). */
export function selectorMatches(
  selector: LabelSelector | undefined,
  labels: Record<string, string>
): boolean {
  if (!selector) return true
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false
  }
  for (const expression of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, expression.key)
    const values = expression.values ?? []
    switch (expression.operator) {
      case 'In':
        if (!has || !values.includes(labels[expression.key])) return false
        break
      case 'NotIn':
        if (has && values.includes(labels[expression.key])) return false
        break
      case 'Exists':
        if (!has) return false
        break
      case 'DoesNotExist':
        if (has) return false
        break
      default:
        throw new MatchError(`unknown label selector operator '${expression.operator}'`)
    }
  }
  return true
}

export function isNamespace(object: Record<string, unknown>): boolean {
  return object.kind === 'Namespace' && groupOf(object) === ''
}

export function nameOf(object: Record<string, unknown>): string {
  return String(((object.metadata ?? {}) as Record<string, unknown>).name ?? '')
}

export function namespaceOf(object: Record<string, unknown>): string {
  return String(((object.metadata ?? {}) as Record<string, unknown>).namespace ?? '')
}

function labelsOf(object: Record<string, unknown>): Record<string, string> {
  const labels = ((object.metadata ?? {}) as Record<string, unknown>).labels
  return typeof labels === 'object' && labels !== null ? (labels as Record<string, string>) : {}
}

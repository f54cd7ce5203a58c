/**
 * `data.inventory` for referential templates, built as `gator test` builds it: every object it
 * is given goes in (gator test calls AddData for each one, the reviewed object included), keyed
 * by gatekeeper/v3 pkg/target's ProcessData:
 *
 *   no metadata.namespace: data.inventory.cluster[groupVersion][kind][name]
 *   otherwise:             data.inventory.namespace[namespace][groupVersion][kind][name]
 *
 * The split is on metadata.namespace alone, not on the kind's scope (gator knows no API
 * server), and groupVersion is apimachinery's GroupVersion.String(): "v1" for the core group,
 * "apps/v1" otherwise. A later object with the same key replaces the earlier one. gator test
 * puts every kind in, whatever a template's `requires-sync-data` annotation or a Config's
 * syncOnly says, so we do too; the annotation only tells us which kinds a template expects
 * (syncRequirements, missingKinds).
 */
import type { ManifestObject } from '../../manifests/parse.js'
import type { Template } from './library.js'

/** The annotation Gatekeeper reads a template's sync requirements from (cachemanager/parser). */
export const SYNC_ANNOTATION = 'metadata.gatekeeper.sh/requires-sync-data'

export interface GroupVersionKind {
  group: string
  version: string
  kind: string
}

export interface Inventory {
  /** The value of `data.inventory`. */
  data: { cluster?: InventoryTree; namespace?: Record<string, InventoryTree> }
  /** The group/version/kinds present, as gvkText gives them. */
  kinds: Set<string>
  /** Objects gator would refuse to add (gator test then fails as a whole); left out, said here. */
  problems: string[]
}

/** groupVersion → kind → name → object. */
type InventoryTree = Record<string, Record<string, Record<string, unknown>>>

export function buildInventory(objects: ManifestObject[]): Inventory {
  const inventory: Inventory = { data: {}, kinds: new Set(), problems: [] }
  for (const { object, file, line } of objects) {
    const gvk = groupVersionKindOf(object)
    if (!gvk) {
      inventory.problems.push(
        `${file}:${line}: apiVersion ${JSON.stringify(object.apiVersion)} with kind ${JSON.stringify(object.kind)} has no version or kind; not added to data.inventory`
      )
      continue
    }
    const namespace = metadataString(object, 'namespace')
    const tree =
      namespace === ''
        ? (inventory.data.cluster ??= table())
        : child((inventory.data.namespace ??= table()), namespace)
    child(child(tree, groupVersionText(gvk)), gvk.kind)[metadataString(object, 'name')] = object
    inventory.kinds.add(gvkText(gvk))
  }
  return inventory
}

/**
 * Keys are names from the manifests: tables without a prototype, so a name like `__proto__` is
 * a key like any other (as in Go's maps), never the prototype.
 */
type Table = Record<string, unknown>
const table = <T extends Table>(): T => Object.create(null) as T

function child(parent: Table, key: string): Table {
  return (Object.hasOwn(parent, key) ? parent[key] : (parent[key] = table())) as Table
}

/** unstructured.GroupVersionKind(): undefined where gator's ProcessData refuses the object. */
function groupVersionKindOf(object: Record<string, unknown>): GroupVersionKind | undefined {
  const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : ''
  const kind = typeof object.kind === 'string' ? object.kind : ''
  const parts = apiVersion === '/' ? ['', ''] : apiVersion.split('/')
  if (parts.length > 2) return undefined
  const [group, version] = parts.length === 2 ? parts : ['', parts[0]]
  if (!version || !kind) return undefined
  return { group: group!, version, kind }
}

/** GroupVersion.String(): the group is left out when empty. */
function groupVersionText({ group, version }: GroupVersionKind): string {
  return group ? `${group}/${version}` : version
}

/** `apps/v1:Deployment`, `v1:Service`, one spelling for sets and notices. */
export function gvkText(gvk: GroupVersionKind): string {
  return `${groupVersionText(gvk)}:${gvk.kind}`
}

/** unstructured's GetName/GetNamespace: a missing or non-string field reads as "". */
function metadataString(object: Record<string, unknown>, field: 'name' | 'namespace'): string {
  const metadata = object.metadata
  if (typeof metadata !== 'object' || metadata === null) return ''
  const value = (metadata as Record<string, unknown>)[field]
  return typeof value === 'string' ? value : ''
}

/**
 * A template's sync requirements, read as Gatekeeper's parser.ReadSyncRequirements reads the
 * annotation: a JSON list of requirements that must all be met, each a list of clauses of
 * equivalent kinds (`{"groups": [...], "versions": [...], "kinds": [...]}`, every combination
 * counts). Returns one list of equivalent GVKs per requirement; throws on what Gatekeeper
 * rejects (unknown fields included).
 */
export function syncRequirements(annotation: string): GroupVersionKind[][] {
  // Gatekeeper trims newlines and quotes around the JSON (the library's older spelling).
  const text = annotation.replace(/^[\n"]+|[\n"]+$/g, '')
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new Error(`${SYNC_ANNOTATION} is not JSON: ${(error as Error).message}`, {
      cause: error
    })
  }
  if (!Array.isArray(parsed))
    throw new Error(`${SYNC_ANNOTATION} is not a list of requirements (lists of clauses)`)
  return parsed.map((requirement) => {
    if (!Array.isArray(requirement))
      throw new Error(`${SYNC_ANNOTATION}: a requirement is not a list of clauses`)
    return requirement.flatMap(expandClause)
  })
}

const CLAUSE_FIELDS = ['groups', 'versions', 'kinds'] as const

function expandClause(clause: unknown): GroupVersionKind[] {
  if (typeof clause !== 'object' || clause === null || Array.isArray(clause))
    throw new Error(`${SYNC_ANNOTATION}: a clause is not an object`)
  // Go's JSON decoder matches field names regardless of case.
  const fields = new Map(Object.entries(clause).map(([name, value]) => [name.toLowerCase(), value]))
  for (const name of fields.keys())
    if (!(CLAUSE_FIELDS as readonly string[]).includes(name))
      throw new Error(`${SYNC_ANNOTATION}: unknown field ${JSON.stringify(name)} in a clause`)
  const [groups, versions, kinds] = CLAUSE_FIELDS.map((name) => {
    const list = fields.get(name) ?? []
    if (!Array.isArray(list) || !list.every((item) => typeof item === 'string'))
      throw new Error(`${SYNC_ANNOTATION}: ${name} is not a list of strings`)
    return list as string[]
  })
  return groups!.flatMap((group) =>
    versions!.flatMap((version) => kinds!.map((kind) => ({ group, version, kind })))
  )
}

/**
 * The requirements none of whose kinds the inventory holds, each as its alternatives joined by
 * " or " (as `gator sync test` reports an unmet requirement).
 */
export function missingKinds(requirements: GroupVersionKind[][], inventory: Inventory): string[] {
  return requirements
    .filter((alternatives) => !alternatives.some((gvk) => inventory.kinds.has(gvkText(gvk))))
    .map((alternatives) => alternatives.map(gvkText).join(' or '))
}

/**
 * What a scan says about the referential templates it evaluated: objects left out of the
 * inventory, and each template whose `requires-sync-data` names kinds the scanned manifests do
 * not contain (its verdicts then consider only what is there, as gator test's would).
 */
export function inventoryNotices(templates: Template[], inventory: Inventory): string[] {
  const notices = [...inventory.problems]
  for (const template of templates) {
    const annotation = template.annotations[SYNC_ANNOTATION]
    if (annotation === undefined) continue
    const where = `template ${template.name} (${template.file})`
    try {
      const missing = missingKinds(syncRequirements(annotation), inventory)
      if (missing.length)
        notices.push(
          `${where} reads data.inventory, and the scanned manifests contain none of these kinds it requires (${SYNC_ANNOTATION}): ${missing.join('; ')}. Its verdicts consider only the objects present.`
        )
    } catch (error) {
      notices.push(
        `${where}: ${(error as Error).message}; evaluated with every scanned object in data.inventory, as gator test does.`
      )
    }
  }
  return notices
}

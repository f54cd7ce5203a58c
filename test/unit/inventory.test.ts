// data.inventory's layout (gatekeeper/v3 pkg/target ProcessData, as gator test fills it), the
// reading of a template's requires-sync-data annotation (cachemanager/parser), and the notices
// a scan gives about referential templates.
import { describe, expect, it } from 'vitest'
import type { ManifestObject } from '../../src/manifests/parse.js'
import {
  buildInventory,
  inventoryNotices,
  missingKinds,
  syncRequirements
} from '../../src/scanners/gatekeeper/inventory.js'
import { readPolicyLibrary, type Template } from '../../src/scanners/gatekeeper/library.js'

const entry = (object: Record<string, unknown>, line = 1): ManifestObject => ({
  object,
  file: 'k8s/app.yaml',
  line,
  lineOf: () => undefined
})

const object = (apiVersion: unknown, kind: unknown, name: unknown, namespace?: unknown) => ({
  apiVersion,
  kind,
  metadata: { name, ...(namespace === undefined ? {} : { namespace }) }
})

describe('buildInventory', () => {
  it('files objects by metadata.namespace alone, under GroupVersion.String()', () => {
    const deployment = object('apps/v1', 'Deployment', 'api', 'shop')
    const unscoped = object('apps/v1', 'Deployment', 'orphan') // namespaced kind, no namespace
    const namespace = object('v1', 'Namespace', 'shop')
    const service = object('v1', 'Service', 'api', 'shop')
    const leadingSlash = object('/v1', 'ConfigMap', 'settings', 'shop')
    const inventory = buildInventory(
      [deployment, unscoped, namespace, service, leadingSlash].map((o) => entry(o))
    )
    expect(inventory.data).toEqual({
      cluster: {
        'apps/v1': { Deployment: { orphan: unscoped } },
        v1: { Namespace: { shop: namespace } }
      },
      namespace: {
        shop: {
          'apps/v1': { Deployment: { api: deployment } },
          v1: { Service: { api: service }, ConfigMap: { settings: leadingSlash } }
        }
      }
    })
    expect([...inventory.kinds].sort()).toEqual([
      'apps/v1:Deployment',
      'v1:ConfigMap',
      'v1:Namespace',
      'v1:Service'
    ])
    expect(inventory.problems).toEqual([])
  })

  it('has no cluster or namespace key until an object goes there', () => {
    expect(buildInventory([]).data).toEqual({})
    expect(buildInventory([entry(object('v1', 'Namespace', 'a'))]).data).not.toHaveProperty(
      'namespace'
    )
  })

  it('reads a missing or non-string name and namespace as "", as unstructured does', () => {
    const odd = object('v1', 'ConfigMap', 42, 7)
    expect(buildInventory([entry(odd)]).data).toEqual({
      cluster: { v1: { ConfigMap: { '': odd } } }
    })
  })

  it('keeps a name like __proto__ as a key, never as a prototype', () => {
    const odd = object('v1', 'ConfigMap', '__proto__', '__proto__')
    const inventory = buildInventory([entry(odd)])
    expect(JSON.stringify(inventory.data)).toBe(
      `{"namespace":{"__proto__":{"v1":{"ConfigMap":{"__proto__":${JSON.stringify(odd)}}}}}}`
    )
    expect(({} as Record<string, unknown>).v1).toBeUndefined()
  })

  it('lets a later object with the same key replace the earlier one', () => {
    const first = { ...object('v1', 'ConfigMap', 'c', 'ns'), data: { n: '1' } }
    const second = { ...object('v1', 'ConfigMap', 'c', 'ns'), data: { n: '2' } }
    const inventory = buildInventory([entry(first), entry(second)])
    expect(inventory.data.namespace?.ns?.v1?.ConfigMap?.c).toBe(second)
  })

  it.each([
    ['a/b/c', 'Deployment'],
    ['apps/', 'Deployment'],
    ['/', 'Deployment'],
    ['', 'Deployment'],
    [undefined, 'Deployment'],
    ['v1', ''],
    ['v1', 5]
  ])('leaves out apiVersion %j kind %j, which gator refuses, and says so', (apiVersion, kind) => {
    const inventory = buildInventory([entry(object(apiVersion, kind, 'x'), 12)])
    expect(inventory.data).toEqual({})
    expect(inventory.problems).toEqual([
      `k8s/app.yaml:12: apiVersion ${JSON.stringify(apiVersion)} with kind ${JSON.stringify(kind)} has no version or kind; not added to data.inventory`
    ])
  })
})

describe('syncRequirements', () => {
  it('expands every combination of a clause and joins the clauses of a requirement', () => {
    expect(
      syncRequirements(
        '[[{"groups": ["extensions"], "versions": ["v1beta1"], "kinds": ["Ingress"]}, {"groups": ["networking.k8s.io"], "versions": ["v1beta1", "v1"], "kinds": ["Ingress"]}], [{"groups": [""], "versions": ["v1"], "kinds": ["Service", "Namespace"]}]]'
      )
    ).toEqual([
      [
        { group: 'extensions', version: 'v1beta1', kind: 'Ingress' },
        { group: 'networking.k8s.io', version: 'v1beta1', kind: 'Ingress' },
        { group: 'networking.k8s.io', version: 'v1', kind: 'Ingress' }
      ],
      [
        { group: '', version: 'v1', kind: 'Service' },
        { group: '', version: 'v1', kind: 'Namespace' }
      ]
    ])
  })

  it('reads the quoted spelling and field names in any case, as Go does', () => {
    expect(
      syncRequirements('"[[{"Groups": [""], "VERSIONS": ["v1"], "kinds": ["Pod"]}]]"\n')
    ).toEqual([[{ group: '', version: 'v1', kind: 'Pod' }]])
  })

  it.each([
    ['not json', /is not JSON/],
    ['{"groups": []}', /is not a list of requirements/],
    ['[{"groups": []}]', /a requirement is not a list of clauses/],
    ['[["Pod"]]', /a clause is not an object/],
    ['[[{"group": ["apps"]}]]', /unknown field "group" in a clause/],
    ['[[{"kinds": "Pod"}]]', /kinds is not a list of strings/]
  ])('refuses %s as Gatekeeper does', (annotation, message) => {
    expect(() => syncRequirements(annotation)).toThrow(message)
  })
})

describe('missingKinds', () => {
  const inventory = buildInventory([
    entry(object('networking.k8s.io/v1', 'Ingress', 'web', 'shop')),
    entry(object('v1', 'Service', 'web', 'shop'))
  ])

  it('names each requirement none of whose kinds is present, alternatives joined', () => {
    const requirements = syncRequirements(
      '[[{"groups": ["extensions", "networking.k8s.io"], "versions": ["v1"], "kinds": ["Ingress"]}], [{"groups": ["policy"], "versions": ["v1", "v1beta1"], "kinds": ["PodDisruptionBudget"]}], [{"groups": [""], "versions": ["v1"], "kinds": ["Service"]}]]'
    )
    expect(missingKinds(requirements, inventory)).toEqual([
      'policy/v1:PodDisruptionBudget or policy/v1beta1:PodDisruptionBudget'
    ])
  })

  it('matches the version too: a v1beta1 Ingress does not meet a v1 requirement', () => {
    const requirements = syncRequirements(
      '[[{"groups": ["networking.k8s.io"], "versions": ["v1beta1"], "kinds": ["Ingress"]}]]'
    )
    expect(missingKinds(requirements, inventory)).toEqual(['networking.k8s.io/v1beta1:Ingress'])
  })
})

describe('referential templates in the library', () => {
  const template = (name: string, rego: string, annotations: Record<string, string> = {}) =>
    entry({
      apiVersion: 'templates.gatekeeper.sh/v1',
      kind: 'ConstraintTemplate',
      metadata: { name, annotations },
      spec: {
        crd: { spec: { names: { kind: name } } },
        targets: [{ target: 'admission.k8s.gatekeeper.sh', rego }]
      }
    })

  it('evaluates a template that reads data.inventory and still skips external_data', () => {
    const library = readPolicyLibrary([
      template('Reads', 'package reads\nviolation[{"msg": "x"}] { data.inventory.cluster }\n'),
      template('Indexes', 'package indexes\nviolation[{"msg": "x"}] { data["inventory"] }\n'),
      template('Plain', 'package plain\nviolation[{"msg": "x"}] { input.review }\n'),
      template(
        'Calls',
        'package calls\nviolation[{"msg": "x"}] { external_data({"provider": "p", "keys": []}) }\n'
      )
    ])
    expect([...library.templates.values()].map((t) => [t.kind, t.referential])).toEqual([
      ['Reads', true],
      ['Indexes', true],
      ['Plain', false]
    ])
    expect(library.skipped).toEqual([
      expect.objectContaining({
        kind: 'Calls',
        reason: 'calls external_data, which needs a provider that only exists at admission'
      })
    ])
  })

  it('notices unmet requirements and unreadable annotations, naming the template', () => {
    const library = readPolicyLibrary([
      template('Unmet', 'package unmet\nviolation[{"msg": "x"}] { data.inventory }\n', {
        'metadata.gatekeeper.sh/requires-sync-data':
          '[[{"groups": ["apps"], "versions": ["v1"], "kinds": ["Deployment"]}]]'
      }),
      template('Met', 'package met\nviolation[{"msg": "x"}] { data.inventory }\n', {
        'metadata.gatekeeper.sh/requires-sync-data':
          '[[{"groups": [""], "versions": ["v1"], "kinds": ["Service"]}]]'
      }),
      template('Broken', 'package broken\nviolation[{"msg": "x"}] { data.inventory }\n', {
        'metadata.gatekeeper.sh/requires-sync-data': '[[{"kind": ["Service"]}]]'
      }),
      template('Silent', 'package silent\nviolation[{"msg": "x"}] { data.inventory }\n')
    ])
    const inventory = buildInventory([
      entry(object('v1', 'Service', 'web', 'shop')),
      entry(object('apps/v1/extra', 'Deployment', 'web', 'shop'), 9)
    ])
    expect(inventoryNotices([...library.templates.values()] as Template[], inventory)).toEqual([
      'k8s/app.yaml:9: apiVersion "apps/v1/extra" with kind "Deployment" has no version or kind; not added to data.inventory',
      'template Unmet (k8s/app.yaml) reads data.inventory, and the scanned manifests contain none of these kinds it requires (metadata.gatekeeper.sh/requires-sync-data): apps/v1:Deployment. Its verdicts consider only the objects present.',
      'template Broken (k8s/app.yaml): metadata.gatekeeper.sh/requires-sync-data: unknown field "kind" in a clause; evaluated with every scanned object in data.inventory, as gator test does.'
    ])
  })
})

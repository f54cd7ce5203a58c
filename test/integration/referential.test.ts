// Referential templates (they read data.inventory) give gator test's verdicts: the inventory is
// every scanned object after rendering, laid out as Gatekeeper lays it out. The templates are
// written for this test, four of them from the published behaviour of gatekeeper-library's
// referential templates (unique Ingress host, unique Service selector, PodDisruptionBudget vs
// its workload, HorizontalPodAutoscaler vs its target), one that prints the inventory's layout.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runTool } from '../../src/util/run-tool.js'
import { REPO_ROOT, TOOLS_BIN } from '../harness/paths.js'
import { engineViolations, gatorViolations, scanPolicies } from './gator-parity.js'

const fixtures = path.join(REPO_ROOT, 'test', 'fixtures', 'referential')
const policies = path.join(fixtures, 'policies')
const manifests = path.join(fixtures, 'manifests')
const scratch = mkdtempSync(path.join(os.tmpdir(), 'referential-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** What gator is given for a directory the scan renders: its plain files and the overlay built. */
async function gatorInputs(): Promise<string[]> {
  const { stdout } = await runTool(
    path.join(TOOLS_BIN, 'kustomize'),
    ['build', path.join(manifests, 'overlay')],
    { timeoutMs: 60_000 }
  )
  const rendered = path.join(scratch, 'overlay.yaml')
  writeFileSync(rendered, stdout)
  return ['namespaces.yaml', 'network.yaml', 'workloads.yaml']
    .map((file) => path.join(manifests, file))
    .concat(rendered)
}

describe('referential templates vs gator test', () => {
  it('gives the same violations, with the inventory laid out as gator lays it out', async () => {
    const expected = await gatorViolations([policies, ...(await gatorInputs())])
    const actual = await engineViolations(manifests, 'none', policies)
    expect(actual).toEqual(expected)
    // Both sides agree on these; pinned so that a change breaking both equally still fails.
    expect(expected).toEqual(
      expect.arrayContaining([
        'TestUniqueIngressHost/unique-ingress-host | Ingress/web/storefront-mirror | deny | Ingress host shop.example.com is already used by Ingress shop/storefront',
        'TestUniqueServiceSelector/unique-service-selector | Service/unscoped | warn | Service unscoped has the same selector as Service front in namespace web',
        'TestPodDisruptionBudget/pdb-allows-disruption | Deployment/shop/api | deny | Deployment api has 3 replicas and PodDisruptionBudget api requires minAvailable 3 of them, which blocks every voluntary disruption',
        'TestHorizontalPodAutoscaler/hpa-replicas | HorizontalPodAutoscaler/shop/missing-target | dryrun | HorizontalPodAutoscaler missing-target scales Deployment gone (apps/v1), which does not exist in namespace shop',
        'TestNamespaceExists/namespace-exists | Ingress/ghost/legacy | warn | Ingress legacy is in namespace ghost, which no manifest defines',
        'TestInventoryProbe/inventory-probe | ConfigMap/shop/inventory-probe | deny | cluster[apps/v1][Deployment][orphan] holds Deployment orphan',
        'TestInventoryProbe/inventory-probe | ConfigMap/shop/inventory-probe | deny | cluster[v1][Namespace][web] holds Namespace web',
        'TestInventoryProbe/inventory-probe | ConfigMap/shop/inventory-probe | deny | namespace[web][networking.k8s.io/v1][Ingress][storefront-mirror] holds Ingress web/storefront-mirror',
        'TestInventoryProbe/inventory-probe | ConfigMap/shop/inventory-probe | deny | top-level keys ["cluster", "namespace"]'
      ])
    )
    // The HPA without a namespace finds no target: its review has no namespace, as in gator.
    expect(expected.filter((line) => line.includes('HorizontalPodAutoscaler/orphan'))).toEqual([])
  })

  it('says which required kinds the repository lacks, and still gives gator verdicts', async () => {
    const dir = path.join(fixtures, 'manifests-without-pdbs')
    const expected = await gatorViolations([policies, dir])
    const result = await scanPolicies(dir, 'none', policies)
    const actual = await engineViolations(dir, 'none', policies)
    expect(actual).toEqual(expected)
    const notices = result.outcomes.flatMap((o) => o.notices ?? [])
    const missing = notices.filter((notice) => notice.includes('contain none of these kinds'))
    expect(missing).toEqual([
      `template testpoddisruptionbudget (test/fixtures/referential/policies/pdb.yaml) reads data.inventory, and the scanned manifests contain none of these kinds it requires (metadata.gatekeeper.sh/requires-sync-data): policy/v1:PodDisruptionBudget. Its verdicts consider only the objects present.`,
      `template testnamespaceexists (test/fixtures/referential/policies/layout.yaml) reads data.inventory, and the scanned manifests contain none of these kinds it requires (metadata.gatekeeper.sh/requires-sync-data): v1:Namespace. Its verdicts consider only the objects present.`
    ])
    // A referential template is evaluated, not skipped.
    expect(notices.filter((notice) => notice.includes('skipped'))).toEqual([])
  })
})

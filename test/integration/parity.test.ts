// The engine (conftest under the hood) and gator must report the same violations for the same
// templates, constraints and objects: the bundled library plus templates written for this test
// that exercise match (kinds, namespaces, excludedNamespaces, labelSelector, namespaceSelector,
// scope), Rego v0 and v1, libraries, and every enforcement action.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { kustomizationFiles } from '../../src/manifests/render.js'
import { REPO_ROOT } from '../harness/paths.js'
import { engineViolations, gatorViolations } from './gator-parity.js'

const fixtures = path.join(REPO_ROOT, 'test', 'fixtures', 'parity')

describe('engine vs gator parity', () => {
  it.each([
    ['test-only templates on hand-written workloads', 'none', path.join(fixtures, 'manifests')],
    [
      'the whole bundled library on the insecure example app',
      'all',
      path.join(REPO_ROOT, 'examples', 'insecure-app', 'k8s')
    ]
  ])('%s', async (_name, bundle, manifests) => {
    const bundleFiles =
      bundle === 'none'
        ? []
        : await kustomizationFiles(path.join(REPO_ROOT, 'policies', 'bundles', bundle))
    const expected = await gatorViolations([
      ...bundleFiles,
      path.join(fixtures, 'policies'),
      manifests
    ])
    const actual = await engineViolations(manifests, bundle, path.join(fixtures, 'policies'))
    expect(expected.length).toBeGreaterThan(3)
    expect(actual).toEqual(expected)
  })
})

import { describe, expect, it } from 'vitest'
import {
  matches,
  MatchError,
  selectorMatches,
  wildcardMatches
} from '../../src/scanners/gatekeeper/match.js'

const deployment = (namespace?: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', ...(namespace ? { namespace } : {}), labels }
})

describe('Gatekeeper match', () => {
  it('matches kinds by group and kind, with wildcards', () => {
    const object = deployment('prod')
    expect(matches({ kinds: [{ apiGroups: ['apps'], kinds: ['Deployment'] }] }, { object })).toBe(
      true
    )
    expect(matches({ kinds: [{ apiGroups: [''], kinds: ['Deployment'] }] }, { object })).toBe(false)
    expect(matches({ kinds: [{ apiGroups: ['*'], kinds: ['*'] }] }, { object })).toBe(true)
    expect(matches({ kinds: [{ apiGroups: ['apps'], kinds: ['Pod'] }] }, { object })).toBe(false)
  })

  it('applies namespaces and excludedNamespaces with prefix and suffix globs; no namespace passes both', () => {
    expect(matches({ namespaces: ['prod-*'] }, { object: deployment('prod-eu') })).toBe(true)
    expect(matches({ namespaces: ['prod-*'] }, { object: deployment('dev') })).toBe(false)
    expect(
      matches({ excludedNamespaces: ['*-system'] }, { object: deployment('kube-system') })
    ).toBe(false)
    expect(matches({ excludedNamespaces: ['kube-system'] }, { object: deployment() })).toBe(true)
    expect(matches({ namespaces: ['prod'] }, { object: deployment() })).toBe(true)
  })

  it('distinguishes cluster and namespaced scope by the presence of a namespace', () => {
    expect(matches({ scope: 'Namespaced' }, { object: deployment('a') })).toBe(true)
    expect(matches({ scope: 'Cluster' }, { object: deployment('a') })).toBe(false)
    expect(
      matches(
        { scope: 'Cluster' },
        { object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } } }
      )
    ).toBe(true)
  })

  it('evaluates namespaceSelector against the scanned Namespace object, and refuses to guess without it', () => {
    const namespaceObject = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'prod', labels: { tier: 'prod' } }
    }
    const selector = { namespaceSelector: { matchLabels: { tier: 'prod' } } }
    expect(matches(selector, { object: deployment('prod'), namespaceObject })).toBe(true)
    expect(() => matches(selector, { object: deployment('prod') })).toThrow(MatchError)
    expect(matches(selector, { object: deployment() })).toBe(true)
  })

  it('implements label selector operators', () => {
    const labels = { app: 'web', tier: 'front' }
    expect(
      selectorMatches(
        { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] },
        labels
      )
    ).toBe(true)
    expect(
      selectorMatches(
        { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] },
        labels
      )
    ).toBe(false)
    expect(
      selectorMatches({ matchExpressions: [{ key: 'x', operator: 'DoesNotExist' }] }, labels)
    ).toBe(true)
    expect(selectorMatches({ matchExpressions: [{ key: 'x', operator: 'Exists' }] }, labels)).toBe(
      false
    )
    expect(selectorMatches({ matchLabels: { app: 'web', tier: 'back' } }, labels)).toBe(false)
  })

  it('matches names and wildcards as Gatekeeper does', () => {
    expect(wildcardMatches('*mid*', 'a-mid-b')).toBe(true)
    expect(wildcardMatches('kube-*', 'kube-public')).toBe(true)
    expect(wildcardMatches('*-system', 'gatekeeper-system')).toBe(true)
    expect(wildcardMatches('exact', 'exactly')).toBe(false)
    expect(matches({ name: 'we*' }, { object: deployment('a') })).toBe(true)
    expect(matches({ name: 'api' }, { object: deployment('a') })).toBe(false)
  })
})

import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadManifests } from '../../src/manifests/load.js'
import type { ManifestObject } from '../../src/manifests/parse.js'
import { kustomizationFiles } from '../../src/manifests/render.js'
import { readPolicyLibrary } from '../../src/scanners/gatekeeper/library.js'
import { REPO_ROOT } from '../harness/paths.js'

const template = (name: string, kind: string, file = 'mine/template.yaml'): ManifestObject => ({
  object: {
    apiVersion: 'templates.gatekeeper.sh/v1',
    kind: 'ConstraintTemplate',
    metadata: { name },
    spec: {
      crd: { spec: { names: { kind } } },
      targets: [
        {
          target: 'admission.k8s.gatekeeper.sh',
          rego: `package ${name.replace(/\W/g, '')}\nviolation[{"msg": "x"}] { true }\n`
        }
      ]
    }
  },
  file,
  line: 1,
  lineOf: () => undefined
})

describe('readPolicyLibrary', () => {
  it('reads every bundled template once', async () => {
    const files = await kustomizationFiles(path.join(REPO_ROOT, 'policies', 'bundles', 'all'))
    const bundled = await loadManifests(REPO_ROOT, files)
    expect(readPolicyLibrary(bundled.objects).templates.size).toBeGreaterThan(10)
  })

  it.each(['../../x', 'Bad.Kind', '1Kind', 'kind with spaces', ''])(
    'refuses the kind %j before it names any file',
    (kind) => {
      expect(() => readPolicyLibrary([template('evil', kind)])).toThrow(
        `ConstraintTemplate evil (mine/template.yaml) has kind ${JSON.stringify(kind)}; a kind is letters and digits, starting with a letter, as Gatekeeper requires.`
      )
    }
  )

  it('refuses a second template of the same kind, naming both', () => {
    expect(() =>
      readPolicyLibrary([
        template('hardeningprivileged', 'HardeningPrivileged', 'policies/privileged/template.yaml'),
        template('mine', 'HardeningPrivileged')
      ])
    ).toThrow(
      'ConstraintTemplate mine (mine/template.yaml) defines kind HardeningPrivileged, already defined by hardeningprivileged (policies/privileged/template.yaml); a template cannot replace another one (bundled templates included): give it its own kind.'
    )
  })
})

// A directory with a kustomization is checked as kustomize renders it, and the YAML beside it
// that no kustomization reads (what `kubectl apply -f dir/` would also apply) is checked as it
// is, with a notice naming it. What kustomize reads (patches, generator inputs, components, ...)
// is no manifest of its own and is not checked alone. The real kustomize renders each fixture.
import { describe, expect, it } from 'vitest'
import { hasTool } from '../harness/paths.js'
import { scanWithPath, WITH_TOOLS } from './render-scan.js'

const FIXTURES = 'test/fixtures/kustomize'
const scan = (target: string) => scanWithPath({ manifests: target }, WITH_TOOLS)

describe.skipIf(!hasTool('kustomize') && process.env.HARNESS_REQUIRE_TOOLS !== '1')(
  'files a kustomization does not reference',
  () => {
    it('are checked as plain manifests and named; what it reads is not', async () => {
      const dir = `${FIXTURES}/unreferenced`
      const result = await scan(dir)
      // Rendered, nothing is latest: the images transformer re-tags the patch's sidecar, and the
      // generator's pod template is ConfigMap data. Alone, the patch, the generator input and the
      // nested kustomization's job would each be a finding; only the unreferenced pod is one.
      expect(result.findings.map((f) => ({ resource: f.resource, location: f.location }))).toEqual([
        {
          resource: 'Pod/debug',
          location: { path: `${dir}/extra/debug-pod.yaml`, startLine: 9 }
        }
      ])
      // One notice, from the kustomization whose directory holds the file; the settings file
      // (YAML that is not Kubernetes) and the component (never built alone) say nothing.
      expect(result.outcomes[0].notices).toEqual([
        `${dir}/kustomization.yaml: not referenced by this kustomization, so checked as plain manifests (as \`kubectl apply -f\` on the directory would apply them): ${dir}/extra/debug-pod.yaml`
      ])
    })

    it('every field that names a file kustomize reads counts as a reference', async () => {
      // Patches (three spellings), generator files and env files, replacements, CRD schemas,
      // transformer configurations, the OpenAPI schema and generator/transformer plugin configs.
      const result = await scan(`${FIXTURES}/every-field`)
      expect(result.outcomes[0].notices).toEqual([])
      expect(result.findings).toEqual([])
    })
  }
)

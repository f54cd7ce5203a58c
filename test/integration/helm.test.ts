// Helm charts are checked as the real helm (built from tools/prometheus) renders them: with the values
// files `helm-values` names, offline, with none of the environment's Helm settings, and each
// finding at the template file and line it comes from.
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readConfig } from '../../src/config/inputs.js'
import { helmEnv } from '../../src/manifests/helm.js'
import { runTool } from '../../src/util/run-tool.js'
import { hasTool, REPO_ROOT, tool } from '../harness/paths.js'
import { scanWithPath, WITH_TOOLS } from './render-scan.js'

const CHART = 'test/fixtures/helm/web'
const at = (result: Awaited<ReturnType<typeof scanWithPath>>) =>
  result.findings
    .map((f) => ({ resource: f.resource, location: f.location }))
    .sort((a, b) => a.resource.localeCompare(b.resource))

/** A workspace of its own with these files (outside the repository). */
function workspace(files: Record<string, string>): string {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'helm-workspace-')))
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    writeFileSync(path.join(dir, file), text)
  }
  return dir
}

describe.skipIf(!hasTool('helm') && process.env.HARNESS_REQUIRE_TOOLS !== '1')(
  'Helm charts rendered by helm',
  () => {
    it('with the chart values, each finding points at its template line', async () => {
      const result = await scanWithPath({ manifests: CHART }, WITH_TOOLS)
      expect(at(result)).toEqual([
        {
          resource: 'Deployment/hardening-check-web',
          location: { path: `${CHART}/templates/deployment.yaml`, startLine: 14 }
        },
        // The template's second document (its first rendered too).
        {
          resource: 'Pod/debug',
          location: { path: `${CHART}/templates/pods.yaml`, startLine: 19 }
        }
      ])
      expect(result.outcomes[0].notices).toEqual([])
    })

    it('helm-values applies the named values files', async () => {
      // values-prod.yaml pins the image and turns the first document of pods.yaml off.
      const result = await scanWithPath(
        { manifests: CHART, 'helm-values': `${CHART}=values-prod.yaml` },
        WITH_TOOLS
      )
      expect(at(result)).toEqual([
        {
          resource: 'Pod/debug',
          location: { path: `${CHART}/templates/pods.yaml`, startLine: 19 }
        }
      ])
      // One values set, as before several were possible: messages (and fingerprints) unlabelled.
      expect(result.findings.map((f) => f.message).join('\n')).not.toContain('Helm values')
    })

    it('a chart named on several lines is rendered and checked once per values set', async () => {
      const result = await scanWithPath(
        { manifests: CHART, 'helm-values': `${CHART}=values.yaml\n${CHART}=values-prod.yaml` },
        WITH_TOOLS
      )
      const findings = result.findings.map((f) => ({
        resource: f.resource,
        location: f.location,
        set: / \(Helm values: ([^)]*)\)$/.exec(f.message)?.[1]
      }))
      const deployment = { path: `${CHART}/templates/deployment.yaml`, startLine: 14 }
      const pod = { path: `${CHART}/templates/pods.yaml`, startLine: 19 }
      expect(findings).toEqual(
        expect.arrayContaining([
          { resource: 'Deployment/hardening-check-web', location: deployment, set: 'values.yaml' },
          { resource: 'Pod/debug', location: pod, set: 'values.yaml' },
          { resource: 'Pod/debug', location: pod, set: 'values-prod.yaml' }
        ])
      )
      expect(findings).toHaveLength(3)
      // The same problem under two values sets is two findings, not one.
      expect(new Set(result.findings.map((f) => f.fingerprint)).size).toBe(3)
    })

    it('a values set helm cannot render fails the gate, naming it; the other sets still count', async () => {
      const dir = workspace({
        'chart/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\n',
        'chart/values-dev.yaml': 'tag: latest\n',
        'chart/values-broken.yaml': 'tag: [\n',
        'chart/templates/pod.yaml':
          'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: x:{{ .Values.tag }}\n'
      })
      const result = await scanWithPath(
        { manifests: 'chart', 'helm-values': 'chart=values-dev.yaml\nchart=values-broken.yaml' },
        WITH_TOOLS,
        dir
      )
      expect(result.decision.failed).toBe(true)
      expect(result.outcomes[0].notices).toEqual([
        expect.stringMatching(
          /^chart\/Chart\.yaml: helm template with values values-broken\.yaml failed \(.*\); chart not checked$/
        )
      ])
      expect(
        result.findings.map((f) => [
          f.location,
          f.message.endsWith('(Helm values: values-dev.yaml)')
        ])
      ).toEqual([[{ path: 'chart/templates/pod.yaml', startLine: 8 }, true]])
    })

    it('a value that toYaml inserted points at the line that inserts it', async () => {
      const result = await scanWithPath(
        {
          manifests: CHART,
          'policy-bundle': 'pss-baseline',
          'helm-values': `${CHART}=values-prod.yaml,values-debug.yaml`
        },
        WITH_TOOLS
      )
      const privileged = result.findings.filter((f) => /privileged/i.test(f.message))
      expect(privileged.map((f) => f.location)).toEqual([
        { path: `${CHART}/templates/deployment.yaml`, startLine: 15 }
      ])
    })

    describe('a chart with a dependency to download', () => {
      let requests: number
      let server: ReturnType<typeof createServer>
      beforeEach(async () => {
        requests = 0
        server = createServer((_request, response) => {
          requests++
          response.writeHead(404).end()
        })
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      })
      afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())))

      it('is not fetched: the chart fails the gate, naming helm’s reason', async () => {
        const { port } = server.address() as AddressInfo
        const dir = workspace({
          'chart/Chart.yaml': [
            'apiVersion: v2',
            'name: app',
            'version: 0.1.0',
            'dependencies:',
            '  - name: remote',
            '    version: 1.0.0',
            `    repository: http://127.0.0.1:${port}/charts`
          ].join('\n'),
          'chart/templates/pod.yaml':
            'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: x:latest\n'
        })
        const result = await scanWithPath({ manifests: 'chart' }, WITH_TOOLS, dir)
        expect(requests).toBe(0)
        expect(result.decision.failed).toBe(true)
        expect(result.outcomes[0].notices).toEqual([
          expect.stringMatching(
            /^chart\/Chart\.yaml: helm template failed \(.*missing in charts\/ directory.*\); chart not checked$/
          )
        ])
      })
    })

    describe("none of the environment's Helm settings reach helm", () => {
      const saved = { ...process.env }
      afterEach(() => {
        process.env = { ...saved }
      })

      it('helm env shows only our empty directories', async () => {
        const theirs = mkdtempSync(path.join(os.tmpdir(), 'their-helm-'))
        Object.assign(process.env, {
          HOME: theirs,
          HELM_PLUGINS: path.join(theirs, 'plugins'),
          HELM_REPOSITORY_CONFIG: path.join(theirs, 'repositories.yaml'),
          HELM_KUBETOKEN: 'their-token',
          KUBECONFIG: path.join(theirs, 'kubeconfig')
        })
        const home = mkdtempSync(path.join(os.tmpdir(), 'our-helm-'))
        const { stdout } = await runTool(tool('helm'), ['env'], {
          timeoutMs: 30_000,
          env: await helmEnv(home)
        })
        expect(stdout).not.toContain(theirs)
        expect(stdout).not.toContain('their-token')
        const value = (name: string) => new RegExp(`^${name}="(.*)"$`, 'm').exec(stdout)?.[1]
        for (const name of [
          'HELM_CACHE_HOME',
          'HELM_CONFIG_HOME',
          'HELM_DATA_HOME',
          'HELM_PLUGINS',
          'HELM_REGISTRY_CONFIG',
          'HELM_REPOSITORY_CACHE',
          'HELM_REPOSITORY_CONFIG'
        ])
          expect(value(name), name).toMatch(new RegExp(`^${home}/`))
      })
    })

    it('a finding in the second of two containers points at the second, a ranged one at its item', async () => {
      const pod = (containers: string) =>
        `apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}-${containers.includes('range') ? 'ranged' : 'literal'}\nspec:\n  containers:\n${containers}`
      const dir = workspace({
        'chart/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\n',
        'chart/values.yaml': 'sidecars: [a, b, c]\n',
        // Lines 7-11: the first container (privileged: false); 12-16: the second, privileged on line 15.
        'chart/templates/literal.yaml': pod(
          [
            '    - name: app',
            '      image: app:1.0',
            '      securityContext:',
            '        privileged: false',
            '        allowPrivilegeEscalation: false',
            '    - name: debug',
            '      image: debug:1.0',
            '      securityContext:',
            '        privileged: true',
            '        allowPrivilegeEscalation: false',
            ''
          ].join('\n')
        ),
        // Every rendered container comes from the one item of the range (privileged on line 11).
        'chart/templates/ranged.yaml': pod(
          [
            '    {{- range .Values.sidecars }}',
            '    - name: {{ . }}',
            '      image: sidecar:1.0',
            '      securityContext:',
            '        privileged: true',
            '    {{- end }}',
            ''
          ].join('\n')
        )
      })
      const result = await scanWithPath(
        { manifests: 'chart', 'policy-bundle': 'pss-baseline' },
        WITH_TOOLS,
        dir
      )
      const privileged = result.findings
        .filter((f) => f.ruleId === 'HardeningPSSPrivileged')
        .map((f) => `${f.location?.path}:${f.location?.startLine}`)
        .sort()
      expect(privileged).toEqual([
        'chart/templates/literal.yaml:15',
        ...Array(3).fill('chart/templates/ranged.yaml:11')
      ])
    })

    it("renders for the Kubernetes version of its client-go, as upstream's build does", async () => {
      // tools.tsv sets chartutil's version by hand; this catches a go.mod bump that forgets it.
      const goMod = readFileSync(path.join(REPO_ROOT, 'tools', 'prometheus', 'go.mod'), 'utf8')
      const minor = /^\s*k8s\.io\/client-go v0\.(\d+)\./m.exec(goMod)?.[1]
      const dir = workspace({
        'Chart.yaml': 'apiVersion: v2\nname: probe\nversion: 0.1.0\n',
        'templates/version.yaml':
          'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: v\ndata:\n  kube: {{ .Capabilities.KubeVersion.Version | quote }}\n'
      })
      const home = mkdtempSync(path.join(os.tmpdir(), 'our-helm-'))
      const { stdout } = await runTool(tool('helm'), ['template', 'probe', dir], {
        timeoutMs: 30_000,
        env: await helmEnv(home)
      })
      expect(stdout).toContain(`kube: "v1.${minor}.0"`)
    })
  }
)

describe('the helm-values input', () => {
  const dir = workspace({
    'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
    'charts/web/values-prod.yaml': 'image: x:1\n',
    'charts/web/values-extra.yaml': 'replicas: 2\n',
    'env/prod.yaml': 'image: x:2\n',
    'plain/deployment.yaml': 'kind: Deployment\n'
  })
  symlinkSync('/etc/hostname', path.join(dir, 'charts', 'web', 'values-leak.yaml'))
  const read = (value: string) => readConfig((name) => (name === 'helm-values' ? value : ''), dir)

  it('maps each chart to its values files, in order, relative to the chart', () => {
    expect(
      read('charts/web=values-prod.yaml, values-extra.yaml,../../env/prod.yaml  # prod').helmValues
    ).toEqual({
      [path.join(dir, 'charts/web')]: [
        [
          path.join(dir, 'charts/web/values-prod.yaml'),
          path.join(dir, 'charts/web/values-extra.yaml'),
          path.join(dir, 'env/prod.yaml')
        ]
      ]
    })
    expect(read('').helmValues).toEqual({})
  })

  it('a chart on several lines gets one values set per line, in order', () => {
    expect(
      read('charts/web=values-prod.yaml,values-extra.yaml\ncharts/web/=../../env/prod.yaml')
        .helmValues
    ).toEqual({
      [path.join(dir, 'charts/web')]: [
        [
          path.join(dir, 'charts/web/values-prod.yaml'),
          path.join(dir, 'charts/web/values-extra.yaml')
        ],
        [path.join(dir, 'env/prod.yaml')]
      ]
    })
  })

  it.each([
    [
      'charts/web',
      "lines look like chart-dir=values-prod.yaml,values-extra.yaml; got 'charts/web'"
    ],
    [
      'charts/web= , ',
      "lines look like chart-dir=values-prod.yaml,values-extra.yaml; got 'charts/web= ,'"
    ],
    ['../elsewhere=values.yaml', "path '../elsewhere' is outside the workspace"],
    ['charts/web=../../../etc/passwd', "path '../etc/passwd' is outside the workspace"],
    ['charts/web=values-leak.yaml', 'through a symbolic link (to /etc/hostname)'],
    [
      'charts/web=values-missing.yaml',
      "values file 'charts/web/values-missing.yaml' is not a file"
    ],
    ['plain=deployment.yaml', "names 'plain', which has no Chart.yaml"],
    [
      'charts/web=values-prod.yaml\ncharts/web/=values-prod.yaml',
      "names 'values-prod.yaml' for 'charts/web/' twice"
    ]
  ])('refuses %j', (value, message) => {
    expect(() => read(value)).toThrow(message)
  })
})

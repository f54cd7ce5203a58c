// Issue 14 §1 and §5 (hostile sizes): a manifest means to us what it means to Kubernetes, and one
// we cannot read fails the gate. The bundled CLI (dist/cli/index.js) with the real conftest; the
// pull request's manifests are the attacker.
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { MAX_MANIFEST_BYTES } from '../../src/manifests/load.js'
import { MAX_DOCUMENTS_PER_FILE } from '../../src/manifests/parse.js'
import { hasTool, REPO_ROOT, requireTool, TOOLS_BIN } from '../harness/paths.js'

const execFileAsync = promisify(execFile)
const CLI = path.join(REPO_ROOT, 'dist', 'cli', 'index.js')
const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })))

interface Report {
  failed: boolean
  reasons: string[]
  findings: Array<{ ruleId: string; location: { path: string; startLine: number } }>
  scans: Array<{ notices: string[] }>
}

/** Runs `hardening scan k8s --scanners policies` on a checkout holding `files`. */
async function scan(files: Record<string, string>, args: string[] = []) {
  requireTool('conftest')
  const dir = mkdtempSync(path.join(os.tmpdir(), 'adversarial-yaml-'))
  dirs.push(dir)
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    writeFileSync(path.join(dir, file), content)
  }
  const argv = [CLI, 'scan', 'k8s', '--scanners', 'policies', '--format', 'json', ...args]
  const options = {
    cwd: dir,
    env: { ...process.env, PATH: `${TOOLS_BIN}${path.delimiter}${process.env.PATH}` },
    maxBuffer: 64 << 20
  }
  try {
    const { stdout } = await execFileAsync(process.execPath, argv, options)
    return { code: 0, report: JSON.parse(stdout) as Report }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    if (!e.stdout) throw new Error(e.stderr, { cause: error })
    return { code: e.code, report: JSON.parse(e.stdout) as Report }
  }
}

const pod = (securityContext: string, spec = '') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}  containers:\n  - name: app\n    image: nginx:1.27.3\n    securityContext:\n${securityContext}`

const rules = (report: Report) => report.findings.map((f) => `${f.ruleId}@${f.location.startLine}`)

describe.skipIf(!hasTool('conftest') && !process.env.HARNESS_REQUIRE_TOOLS)(
  'manifests read as Kubernetes reads them',
  () => {
    it('sees YAML 1.1 booleans and integers: privileged: yes, hostPID: on, runAsUser: 0_0', async () => {
      const { code, report } = await scan({
        'k8s/pod.yaml': pod(
          '      privileged: yes\n      runAsUser: 0_0\n      allowPrivilegeEscalation: no\n',
          '  hostPID: on\n'
        )
      })
      expect(code).toBe(1)
      expect(rules(report)).toEqual(
        expect.arrayContaining([
          'HardeningPSSPrivileged@11',
          'HardeningPSSHostNamespaces@6',
          'HardeningPSSRunAsUser@12'
        ])
      )
      // `no` is false to Kubernetes: no false positive.
      expect(rules(report).join()).not.toContain('HardeningPSSPrivilegeEscalation')
    })

    it('sees fields in flow maps, escapes and folded quoted lines, as the fast reader reads them', async () => {
      // Spellings readSimpleBlock reads itself: a one-line flow map, an escape and an escaped
      // line break that joins `nginx:` and `latest` into one image reference.
      const text = pod('      {privileged: yes, runAsUser: 0}\n')
        .replace('    securityContext:\n', '    securityContext: ')
        .replace('image: nginx:1.27.3', 'image: "\\x6eginx:\\\n      latest"')
      const { code, report } = await scan({ 'k8s/pod.yaml': text })
      expect(code).toBe(1)
      expect(rules(report)).toEqual(
        expect.arrayContaining([
          'HardeningPSSPrivileged@10',
          'HardeningPSSRunAsUser@10',
          'HardeningDisallowedTags@8'
        ])
      )
    })

    it('sees fields merged in with << and points at the line they are written on', async () => {
      const text = pod('      <<: [*priv]\n').replace(
        'metadata:',
        'x-defaults: &priv\n  privileged: true\nmetadata:'
      )
      const { report } = await scan({ 'k8s/pod.yaml': text })
      expect(rules(report)).toContain('HardeningPSSPrivileged@4')
    })

    it('fails the gate, naming file and line, on a manifest it cannot read as Kubernetes does', async () => {
      const files = { 'k8s/pod.yaml': pod('      privileged: true\n    command: ["a\\/b"]\n') }
      const { code, report } = await scan(files)
      expect(code).toBe(1)
      expect(report.reasons).toEqual([
        expect.stringMatching(
          /^A manifest could not be checked: k8s\/pod\.yaml:11: .*found unknown escape character/
        )
      ])

      const warned = await scan(files, ['--unreadable-manifests', 'warn'])
      expect(warned.code).toBe(0)
      expect(warned.report.scans[0].notices.join('\n')).toMatch(/k8s\/pod\.yaml:11: /)
    })

    it('only notes unreadable YAML that is no manifest', async () => {
      const { code, report } = await scan({ 'k8s/values.yaml': 'a: [\n' })
      expect(code).toBe(0)
      expect(report.scans[0].notices).toEqual([expect.stringMatching(/^k8s\/values\.yaml:2: /)])
    })

    it('judges a quantity with a huge exponent instead of computing it (memory: 1e999999999)', async () => {
      // The quantity parser once built a list of n tens for 10^n: the policy run never ended
      // (here, until the scan timeout; at admission, until Gatekeeper's webhook timed out).
      const resources =
        '    resources:\n      limits: {cpu: "1", memory: 1e999999999}\n      requests: {cpu: 1e-999999999, memory: 1Gi}\n'
      const { report } = await scan(
        { 'k8s/pod.yaml': `${pod('      privileged: true\n')}${resources}` },
        ['--scan-timeout', '60']
      )
      expect(report.reasons.filter((reason) => /timed out|failed/i.test(reason))).toEqual([])
      expect(rules(report)).toContain('HardeningPSSPrivileged@10')
      expect(rules(report).filter((rule) => rule.startsWith('HardeningRequiredResources'))).toEqual(
        []
      )
    })

    it('fails the gate on files over the size limits instead of reading them', async () => {
      const big = pod('      privileged: false\n').padEnd(MAX_MANIFEST_BYTES + 1, '#')
      const many = '---\na: 1\n'.repeat(MAX_DOCUMENTS_PER_FILE + 1)
      const { code, report } = await scan({ 'k8s/big.yaml': big, 'k8s/many.yaml': many })
      expect(code).toBe(1)
      expect(report.reasons).toEqual([
        expect.stringMatching(/k8s\/big\.yaml: larger than 10 MiB/),
        expect.stringMatching(/k8s\/many\.yaml:\d+: more than 10000 documents/)
      ])
    })
  }
)

// Issue 15 §2: a kustomization in a pull request cannot make the runner contact a host. kustomize
// fetches remote bases (git clones, http(s) files); unless the workflow sets kustomize-remote,
// such a kustomization is refused with its file, line and entry, the gate fails, and kustomize
// itself runs with no way out. Every attack points at a loopback listener that counts
// connections, and the real kustomize (and git) run.
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { loadManifests } from '../../src/manifests/load.js'
import { isRemoteEntry, offlineKustomizeEnv } from '../../src/manifests/render.js'
import { toolEnv } from '../../src/util/run-tool.js'
import { runCli } from '../harness/cli.js'
import { hasTool, tool, TOOLS_BIN } from '../harness/paths.js'

const execFileAsync = promisify(execFile)
const scratch = mkdtempSync(path.join(os.tmpdir(), 'adversarial-kustomize-remote-'))
const savedPath = process.env.PATH

/** A TCP listener on 127.0.0.1 that counts the connections made to it. */
let listener: net.Server
let port = 0
let connections = 0
beforeAll(async () => {
  process.env.PATH = `${TOOLS_BIN}${path.delimiter}${savedPath}`
  listener = net.createServer((socket) => {
    connections++
    socket.destroy()
  })
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve))
  port = (listener.address() as net.AddressInfo).port
})
beforeEach(() => {
  connections = 0
})
afterAll(async () => {
  process.env.PATH = savedPath
  await new Promise((resolve) => listener.close(resolve))
  rmSync(scratch, { recursive: true, force: true })
})

// JSON is YAML: the Pod on one line.
const PRIVILEGED_POD = JSON.stringify({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'root-shell' },
  spec: { containers: [{ name: 'shell', securityContext: { privileged: true } }] }
})

/** A checkout with `files`; returns its directory. */
function checkout(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(scratch, 'checkout-'))
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    writeFileSync(path.join(dir, file), text)
  }
  return dir
}

const load = (dir: string, kustomizeRemote = false) =>
  loadManifests(dir, [dir], { render: true, timeoutMs: 30_000, kustomizeRemote })

const haveKustomize = hasTool('kustomize')

describe.skipIf(!haveKustomize)('a pull request names a remote base', () => {
  // Spellings kustomize clones or downloads (from its repospec and loader tests), each aimed
  // at the listener, and the line of the kustomization they sit on.
  const spellings = () => [
    `http://127.0.0.1:${port}/deploy.yaml`,
    `HTTPS://127.0.0.1:${port}/deploy.yaml`,
    `ssh://git@127.0.0.1:${port}/org/repo.git//deploy?ref=v1`,
    `git::http://127.0.0.1:${port}/org/repo.git`,
    `http://git@127.0.0.1:${port}/org/_git/repo/deploy`,
    `file:///tmp/org/repo.git`
  ]

  it.each([0, 1, 2, 3, 4, 5])(
    'spelling %i is refused with file, line and entry, and no connection is made',
    async (index) => {
      const entry = spellings()[index]
      const dir = checkout({
        'app/kustomization.yaml': `resources:\n  - pod.yaml\n  - ${JSON.stringify(entry)}\n`,
        'app/pod.yaml': PRIVILEGED_POD
      })
      const result = await load(dir)
      expect(connections).toBe(0)
      expect(result.problems).toEqual([
        {
          file: 'app/kustomization.yaml',
          line: 3,
          message: expect.stringContaining(
            `kustomization entry ${JSON.stringify(entry)} is fetched`
          ),
          blocking: true
        }
      ])
      // Nothing hides: the directory's manifest is still checked as it stands.
      expect(result.objects.map((o) => `${o.file}:${o.line}`)).toEqual(['app/pod.yaml:1'])
    }
  )

  it('a local base that names a remote base is caught where it names it', async () => {
    const dir = checkout({
      'overlay/kustomization.yaml': 'resources:\n  - ../base\n',
      'base/kustomization.yaml': `resources:\n  - pod.yaml\ncomponents:\n  - ../shared\n`,
      'base/pod.yaml': PRIVILEGED_POD,
      'shared/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - git@127.0.0.1:org/repo.git\n  - ssh://git@127.0.0.1:${port}/org/repo\n`
    })
    const result = await load(dir)
    expect(connections).toBe(0)
    const refused = result.problems.filter((p) => p.message.includes('is fetched'))
    // Reported from each kustomization that includes it, at the line that names it.
    expect(new Set(refused.map((p) => `${p.file}:${p.line}`))).toEqual(
      new Set(['shared/kustomization.yaml:4', 'shared/kustomization.yaml:5'])
    )
    expect(refused.every((p) => p.blocking)).toBe(true)
    expect(refused.map((p) => p.message).join('\n')).toContain('overlay/kustomization.yaml')
  })

  it('URLs in fields kustomize loads as files, and a Helm chart repository, are refused', async () => {
    const url = `http://127.0.0.1:${port}`
    const dir = checkout({
      'app/kustomization.yaml': [
        'resources:',
        '  - pod.yaml',
        'patches:',
        `  - path: ${url}/patch.yaml`,
        'configMapGenerator:',
        '  - name: settings',
        '    files:',
        `      - key=${url}/settings.txt`,
        'helmCharts:',
        '  - name: web',
        `    repo: oci://127.0.0.1:${port}/charts`,
        ''
      ].join('\n'),
      'app/pod.yaml': PRIVILEGED_POD
    })
    const result = await load(dir)
    expect(connections).toBe(0)
    expect(result.problems.map((p) => `${p.file}:${p.line}`)).toEqual([
      'app/kustomization.yaml:11',
      'app/kustomization.yaml:4',
      'app/kustomization.yaml:8'
    ])
  })

  it('kustomize-remote: true lets kustomize fetch (so the listener would have seen it)', async () => {
    const dir = checkout({
      'app/kustomization.yaml': `resources:\n  - http://127.0.0.1:${port}/deploy.yaml\n`
    })
    const result = await load(dir, true)
    expect(connections).toBeGreaterThan(0)
    expect(result.problems.map((p) => p.message).join('\n')).toContain('kustomize build failed')
  })
})

describe.skipIf(!haveKustomize || !hasTool('conftest'))('through the CLI', () => {
  const scan = async (dir: string, flags: string[] = []) => {
    const run = await runCli(
      dir,
      ['scan', 'app', '--scanners', 'policies', '--format', 'json', ...flags],
      {
        RUNNER_TEMP: mkdtempSync(path.join(scratch, 'runner-temp-'))
      }
    )
    return {
      code: run.code,
      report: JSON.parse(run.stdout) as {
        failed: boolean
        reasons: string[]
        findings: Array<{ message: string; location?: { path: string } }>
      }
    }
  }
  const pullRequest = () =>
    checkout({
      'app/kustomization.yaml': `resources:\n  - pod.yaml\n  - https://127.0.0.1:${port}/org/repo//deploy?ref=v1\n`,
      'app/pod.yaml': PRIVILEGED_POD
    })

  it('the gate fails naming the file, line and entry, and the Pod is still reported', async () => {
    const { code, report } = await scan(pullRequest())
    expect(connections).toBe(0)
    expect(code).toBe(1)
    expect(report.reasons.join('\n')).toMatch(
      /app\/kustomization\.yaml:3: kustomization entry "https:\/\/127\.0\.0\.1:\d+\/org\/repo\/\/deploy\?ref=v1" is fetched over the network/
    )
    expect(report.findings.map((f) => f.location?.path)).toContain('app/pod.yaml')
  })

  it('--kustomize-remote lets kustomize fetch it', async () => {
    const { report } = await scan(pullRequest(), ['--kustomize-remote'])
    expect(connections).toBeGreaterThan(0)
    expect(report.reasons.join('\n')).not.toContain('is fetched over the network')
  })
})

/** kustomize's own verdict on `entry` in `resources`: did it try the network (git or http)? */
async function kustomizeFetches(entry: string, directories: string[] = []): Promise<boolean> {
  const dir = checkout({ 'kustomization.yaml': `resources:\n  - ${JSON.stringify(entry)}\n` })
  for (const local of directories) {
    mkdirSync(path.join(dir, local), { recursive: true })
    writeFileSync(path.join(dir, local, 'kustomization.yaml'), 'resources: []\n')
  }
  const empty = mkdtempSync(path.join(scratch, 'path-'))
  const failure = await execFileAsync(tool('kustomize'), ['build', dir], {
    env: offlineKustomizeEnv(empty)
  }).then(
    () => '',
    (error: { stderr: string }) => error.stderr
  )
  return /no 'git' program on path|proxyconnect tcp/.test(failure)
}

describe.skipIf(!haveKustomize)('remote detection agrees with kustomize', () => {
  // From kustomize's repospec_test.go (accepted and rejected), its loader, and local paths.
  const entries = [
    'github.com/org/repo//path?ref=v1',
    'gitHub.com/org/repo',
    'github.com:org/repo',
    'git@github.com:someorg/somerepo/somedir',
    'git@github.com/someorg/somerepo',
    'git::git@github.com:org/repo.git',
    'git::https://gitlab.com/org/repo',
    'https://git-codecommit.us-east-2.amazonaws.com/someorg/somerepo/somedir',
    'https://itfs.mycompany.com/collection/project/_git/somerepos?version=v1.0.0',
    'ssh://myusername@bitbucket.org/ourteamname/ourrepositoryname.git//path?ref=branch',
    'ssh://git@ssh.github.com:443/YOUR-USERNAME/YOUR-REPOSITORY.git',
    'git@gitlab2.sqtools.ru:infra/kubernetes/thanos-base.git?ref=v0.1.0',
    'org-12345@github.com/kubernetes-sigs/kustomize',
    'file:///tmp/repo.git',
    'file://git@home/path/to/repository.git//path?ref=branch',
    'file:////tmp//path/to/whatever',
    'git@gist.github.com:bc7947cb727d7f9217e7862d961a1ffd.git',
    'git@gitlab.com/user:name/YOUR-REPOSITORY.git/path',
    'ssh://git.example.com:7999/org/repo',
    'GIT::ssh://git.example.com/org/repo',
    'user@host:org/repo',
    'user@host:repo',
    'org/repo.git',
    'https://example.com/one.yaml',
    'hTTp://example.com',
    'ssh://git.example.com',
    'https://github.com/org/repo.git//path/../../exits/repo',
    'git@scp://github.com/org/repo.git//path',
    'gh:org/repo',
    'github.com!org/repo.git//path',
    'git::___',
    'src/github.com/org/repo/path',
    '../base',
    'deployment.yaml',
    'user@host'
  ]
  it.each(entries)('%s', async (entry) => {
    expect(isRemoteEntry(entry, true)).toBe(await kustomizeFetches(entry))
  })

  it('a local directory spelled like a repository is still cloned, and refused', async () => {
    const entry = 'admin@host/org/repo'
    expect(await kustomizeFetches(entry, [entry])).toBe(true)
    expect(isRemoteEntry(entry, true)).toBe(true)
  })
})

describe.skipIf(!haveKustomize)('kustomize runs with no way to the network', () => {
  /** Runs kustomize on a kustomization naming `entry`, in `env`; returns its stderr. */
  const build = async (entry: string, env: NodeJS.ProcessEnv) => {
    const dir = checkout({ 'kustomization.yaml': `resources:\n  - ${entry}\n` })
    return execFileAsync(tool('kustomize'), ['build', dir], { env, timeout: 30_000 }).then(
      () => '',
      (error: { stderr: string }) => error.stderr
    )
  }

  it('a git clone (over ssh) reaches the listener in a plain environment, never in ours', async () => {
    const entry = `ssh://git@127.0.0.1:${port}/org/repo.git`
    await build(entry, { ...toolEnv({ network: false }), HOME: scratch })
    expect(connections).toBeGreaterThan(0)
    connections = 0
    const stderr = await build(entry, offlineKustomizeEnv(mkdtempSync(path.join(scratch, 'path-'))))
    expect(stderr).toContain("no 'git' program on path")
    expect(connections).toBe(0)
  })

  it('git on PATH still has every transport turned off', async () => {
    const env = offlineKustomizeEnv(mkdtempSync(path.join(scratch, 'path-')))
    const stderr = await build(`ssh://git@127.0.0.1:${port}/org/repo.git`, {
      ...env,
      PATH: savedPath
    })
    expect(stderr).toContain("transport 'ssh' not allowed")
    expect(connections).toBe(0)
  })

  it('http(s) to any other host goes to a proxy that cannot answer', async () => {
    const env = offlineKustomizeEnv(mkdtempSync(path.join(scratch, 'path-')))
    for (const scheme of ['http', 'https'])
      expect(await build(`${scheme}://attacker.example/x.yaml`, env)).toContain(
        'proxyconnect tcp: dial tcp 127.0.0.1:0'
      )
    // Go never proxies a loopback host: for those the refusal above is the guard.
    await build(`http://127.0.0.1:${port}/x.yaml`, env)
    expect(connections).toBeGreaterThan(0)
  })
})

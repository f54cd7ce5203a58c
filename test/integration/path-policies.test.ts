// The config file's per-path policy settings with the real conftest: a path's bundle replaces the
// run's bundle for its manifests (stricter there, weaker elsewhere), a path's extra policies apply
// only there, an excluded path gives no findings but a notice naming its files, manifests with
// different bundles still share conftest runs (one per policy set, never one per file), and one
// kind that two paths' policies define differently stays two templates.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { layerInputs, parseConfigFile, withPathSettings } from '../../src/config/file.js'
import { readConfig } from '../../src/config/inputs.js'
import { stderrLogger } from '../../src/log.js'
import { runPipeline } from '../../src/pipeline.js'
import { REPO_ROOT, TOOLS_BIN } from '../harness/paths.js'

const scratch = mkdtempSync(path.join(os.tmpdir(), 'path-policies-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** One Deployment that breaks pss-baseline (hostNetwork), pss-restricted and image-hygiene alike. */
const deployment = (name: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      hostNetwork: true
      containers:
        - name: app
          image: nginx:latest
`

const TEAM_POLICIES = {
  'template.yaml': readFileSync(
    path.join(REPO_ROOT, 'test', 'fixtures', 'parity', 'policies', 'required-labels.yaml'),
    'utf8'
  ),
  'constraint.yaml': `apiVersion: constraints.gatekeeper.sh/v1beta1
kind: K8sRequiredLabels
metadata:
  name: team-label
spec:
  match:
    kinds: [{apiGroups: [apps], kinds: [Deployment]}]
  parameters:
    labels: [team]
`
}

const CONFIG = `policy-bundle: pss-baseline
paths:
  - glob: deploy/strict/*
    policy-bundle: pss-restricted
  - glob: deploy/legacy/*
    policy-bundle: image-hygiene
  - glob: deploy/vendor/*
    exclude: true
  - glob: deploy/vendor/ours/*
    exclude: false
  - glob: deploy/team/*
    policies: [team-policies]
`

interface Workspace {
  dir: string
  /** Holds the conftest that logs its runs. */
  bin: string
  conftestRuns: () => string[]
}

/** A workspace with `files`, and a conftest that logs its runs. */
function workspace(files: Record<string, string>): Workspace {
  const dir = mkdtempSync(path.join(scratch, 'repo-'))
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    writeFileSync(path.join(dir, file), text)
  }
  // The real conftest behind a script that records each `conftest test` (tools run with an
  // allow-listed environment, so the log's path is written into the script).
  const bin = mkdtempSync(path.join(scratch, 'bin-'))
  const log = path.join(bin, 'runs.log')
  writeFileSync(log, '')
  writeFileSync(
    path.join(bin, 'conftest'),
    `#!/bin/sh\n[ "$1" = test ] && echo test >> '${log}'\nexec '${path.join(TOOLS_BIN, 'conftest')}' "$@"\n`
  )
  chmodSync(path.join(bin, 'conftest'), 0o755)
  return { dir, bin, conftestRuns: () => readFileSync(log, 'utf8').split('\n').filter(Boolean) }
}

/** `scanners` on `deploy/` under `configText` as the config file, as the action reads it. */
async function pipelineOn(dir: string, configText: string, scanners: string, toolDir: string) {
  const file = parseConfigFile(configText, '.hardening.yaml')
  const inputs: Record<string, string> = { scanners, manifests: 'deploy' }
  const { read } = layerInputs(
    (name) => inputs[name] ?? '',
    file,
    (name) => inputs[name] !== undefined
  )
  process.env.RUNNER_TOOL_CACHE ??= mkdtempSync(path.join(scratch, 'tool-cache-'))
  const config = {
    ...withPathSettings(readConfig(read, dir), file),
    trustedToolDirs: [toolDir],
    outputDir: mkdtempSync(path.join(scratch, 'out-'))
  }
  const result = await runPipeline(config, {
    log: stderrLogger(),
    actionRoot: REPO_ROOT,
    actionVersion: 'test'
  })
  const outcome = result.outcomes.find((o) => o.scanner === scanners)!
  expect(outcome.error).toBeUndefined()
  return { result, outcome }
}

/** The policies scanner, with the conftest that logs its runs. */
async function scan({ dir, bin }: Workspace, configText: string) {
  const { result, outcome } = await pipelineOn(dir, configText, 'policies', bin)
  const rules = (file: string) =>
    [
      ...new Set(result.findings.filter((f) => f.location?.path === file).map((f) => f.ruleId))
    ].sort()
  return { rules, notices: outcome.notices, result }
}

const DIRS = ['plain', 'strict', 'legacy', 'vendor', 'vendor/ours', 'team']

describe('paths: policy-bundle, policies and exclude', () => {
  it('judges each path by its own policies, and lists what it excluded', async () => {
    const files = Object.fromEntries(DIRS.map((d) => [`deploy/${d}/app.yaml`, deployment('web')]))
    const ws = workspace({
      ...files,
      ...Object.fromEntries(
        Object.entries(TEAM_POLICIES).map(([name, text]) => [`team-policies/${name}`, text])
      ),
      'deploy/vendor/broken.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: [\n'
    })
    const { rules, notices, result } = await scan(ws, CONFIG)

    const baseline = rules('deploy/plain/app.yaml')
    expect(baseline).toContain('HardeningPSSHostNamespaces')
    expect(baseline).not.toContain('HardeningPSSRunAsNonRoot') // restricted only
    expect(baseline).not.toContain('HardeningDisallowedTags') // image-hygiene only
    // A stricter bundle there: what the run's bundle gives, and more.
    expect(rules('deploy/strict/app.yaml')).toEqual(
      expect.arrayContaining([...baseline, 'HardeningPSSRunAsNonRoot'])
    )
    expect(rules('deploy/strict/app.yaml')).not.toContain('HardeningDisallowedTags')
    // Another bundle there: its findings only, not the run's.
    expect(rules('deploy/legacy/app.yaml')).toEqual(['HardeningDisallowedTags'])
    // Extra policies for one path: there, and nowhere else.
    expect(rules('deploy/team/app.yaml')).toEqual([...baseline, 'K8sRequiredLabels'].sort())
    expect(result.findings.filter((f) => f.ruleId === 'K8sRequiredLabels')).toHaveLength(1)
    // Excluded: no findings, and not even an unreadable manifest fails the gate there; a later
    // `exclude: false` checks a subdirectory again.
    expect(rules('deploy/vendor/app.yaml')).toEqual([])
    expect(rules('deploy/vendor/ours/app.yaml')).toEqual(baseline)
    expect(notices).toContain(
      '1 manifest file(s) not checked by the policies, excluded by .hardening.yaml:7 (glob deploy/vendor/*): deploy/vendor/app.yaml'
    )
    expect(result.outcomes.flatMap((o) => o.gateFailures ?? [])).toEqual([])
    expect(notices.some((n) => n.startsWith('deploy/vendor/broken.yaml'))).toBe(true)
    // The evidence names every bundle used and lists the templates of each.
    const evidence = JSON.parse(readFileSync(result.files.evidenceJson, 'utf8')) as {
      policyBundle: { name: string; digest: string }
    }
    expect(evidence.policyBundle.name.split(', ').sort()).toEqual([
      'image-hygiene',
      'pss-baseline',
      'pss-restricted'
    ])
    expect(evidence.policyBundle.digest).toMatch(/^sha256:/)
    const outcome = result.outcomes.find((o) => o.scanner === 'policies') as {
      policies?: Array<{ kind: string }>
    }
    expect(outcome.policies?.map((p) => p.kind)).toEqual(
      expect.arrayContaining([
        'HardeningPSSRunAsNonRoot',
        'HardeningDisallowedTags',
        'K8sRequiredLabels'
      ])
    )
  })

  it('the same templates in two bundles run in the same conftest processes, whatever the files', async () => {
    const files = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [
        `deploy/${i % 2 ? 'strict' : 'plain'}/app-${i}.yaml`,
        deployment(`web-${i}`)
      ])
    )
    const all = workspace(files)
    await scan(all, 'policy-bundle: pss-restricted\n')
    const split = workspace(files)
    const { rules } = await scan(
      split,
      'policy-bundle: pss-baseline\npaths:\n  - glob: deploy/strict/*\n    policy-bundle: pss-restricted\n'
    )
    expect(rules('deploy/strict/app-1.yaml')).toContain('HardeningPSSRunAsNonRoot')
    expect(rules('deploy/plain/app-0.yaml')).not.toContain('HardeningPSSRunAsNonRoot')
    // pss-baseline's templates are pss-restricted's (with other parameters), so splitting the
    // files between the two bundles adds no conftest run.
    expect(split.conftestRuns().length).toBe(all.conftestRuns().length)
    expect(all.conftestRuns().length).toBeGreaterThan(0)
  })

  it('one kind defined differently for two paths: each path gets its own template', async () => {
    const policyFiles = (dir: string, template: string) =>
      Object.fromEntries(
        Object.entries({ ...TEAM_POLICIES, 'template.yaml': template }).map(([name, text]) => [
          `${dir}/${name}`,
          text
        ])
      )
    const other = TEAM_POLICIES['template.yaml'].replace('is missing labels', 'lacks the labels')
    expect(other).not.toBe(TEAM_POLICIES['template.yaml'])
    const ws = workspace({
      'deploy/a/app.yaml': deployment('a'),
      'deploy/b/app.yaml': deployment('b'),
      ...policyFiles('policies-a', TEAM_POLICIES['template.yaml']),
      ...policyFiles('policies-b', other)
    })
    const { result } = await scan(
      ws,
      `policy-bundle: none
paths:
  - glob: deploy/a/*
    policies: [policies-a]
  - glob: deploy/b/*
    policies: [policies-b]
`
    )
    expect(result.findings.map((f) => `${f.location?.path}: ${f.message}`).sort()).toEqual([
      'deploy/a/app.yaml: Deployment a is missing labels {"team"}',
      'deploy/b/app.yaml: Deployment b lacks the labels {"team"}'
    ])
  })
})

describe('paths: exclude with Trivy', () => {
  it("leaves out Trivy's findings in excluded files too, with a notice naming them", async () => {
    const ws = workspace(
      Object.fromEntries(DIRS.map((d) => [`deploy/${d}/app.yaml`, deployment('web')]))
    )
    const { result, outcome } = await pipelineOn(ws.dir, CONFIG, 'trivy-config', TOOLS_BIN)
    const inFile = (file: string) => result.findings.filter((f) => f.location?.path === file)
    // hostNetwork is one of Trivy's checks (KSV-0009): reported everywhere but the excluded path.
    expect(inFile('deploy/plain/app.yaml').map((f) => f.ruleId)).toContain('KSV-0009')
    expect(inFile('deploy/vendor/ours/app.yaml').map((f) => f.ruleId)).toContain('KSV-0009')
    expect(inFile('deploy/vendor/app.yaml')).toEqual([])
    expect(outcome.notices).toContain(
      '1 manifest file(s) with Trivy findings not reported, excluded by .hardening.yaml:7 (glob deploy/vendor/*): deploy/vendor/app.yaml'
    )
  })
})

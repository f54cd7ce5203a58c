// One problem, one finding: folding Trivy checks into the policy findings that report the same
// problem (src/findings/equivalents.ts), and the mapping against Trivy's own check metadata.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import {
  alsoReportedName,
  foldEquivalents,
  foldOutcomes,
  TRIVY_EQUIVALENTS
} from '../../src/findings/equivalents.js'
import { finalize, type Finding, type FindingDraft } from '../../src/findings/model.js'
import { REPO_ROOT } from '../harness/paths.js'
import { decide } from '../../src/gate.js'
import { toCommentMarkdown } from '../../src/report/comment.js'
import { sarifResult } from '../../src/report/sarif-rules.js'
import { toSarif } from '../../src/report/sarif.js'
import { sampleOutcomes } from '../report/fixtures.js'

const FILE = 'k8s/deployment.yaml'

// Messages, resources and lines exactly as the two scanners report them on examples/insecure-app.
function ours(ruleId: string, line: number, message: string, extra: Partial<FindingDraft> = {}) {
  return finalize({
    scanner: 'policies',
    target: 'manifests',
    ruleId,
    title: ruleId,
    severity: 'HIGH',
    message: `Deployment shop/shop-api: ${message}`,
    resource: 'Deployment/shop/shop-api',
    location: { path: FILE, startLine: line },
    enforcementAction: 'deny',
    constraint: `${ruleId}/x`,
    ...extra
  })
}

function trivy(ruleId: string, line: number, message: string, file = FILE) {
  return finalize({
    scanner: 'trivy-config',
    target: 'repository',
    ruleId,
    title: TRIVY_EQUIVALENTS.find((e) => e.trivy === ruleId)?.title ?? ruleId,
    severity: 'MEDIUM',
    message: `${message} (${file})`,
    resource: file,
    location: { path: file, startLine: line }
  })
}

const escalationApi = ours(
  'HardeningPSSPrivilegeEscalation',
  27,
  'container "api" does not set securityContext.allowPrivilegeEscalation: false (it is true).'
)
const escalationMetrics = ours(
  'HardeningPSSPrivilegeEscalation',
  28,
  'container "metrics" does not set securityContext.allowPrivilegeEscalation: false (it is null).'
)
const ksv1Api = trivy(
  'KSV-0001',
  21,
  "Container 'api' of Deployment 'shop-api' should set 'securityContext.allowPrivilegeEscalation' to false"
)
const ksv1Metrics = trivy(
  'KSV-0001',
  28,
  "Container 'metrics' of Deployment 'shop-api' should set 'securityContext.allowPrivilegeEscalation' to false"
)

describe('foldEquivalents', () => {
  it('folds each Trivy finding into ours for the same container, and records it there', () => {
    const out = foldEquivalents([escalationApi, escalationMetrics, ksv1Metrics, ksv1Api])
    expect(out.map((f) => f.ruleId)).toEqual([
      'HardeningPSSPrivilegeEscalation',
      'HardeningPSSPrivilegeEscalation'
    ])
    expect(out[0]!.alsoReportedBy).toEqual([
      {
        scanner: 'trivy-config',
        ruleId: 'KSV-0001',
        title: 'Can elevate its own privileges',
        location: { path: FILE, startLine: 21 }
      }
    ])
    expect(out[1]!.alsoReportedBy?.[0]?.location?.startLine).toBe(28)
    // The fingerprint is ours: waivers and baselines keep working.
    expect(out[0]!.fingerprint).toBe(escalationApi.fingerprint)
    expect(alsoReportedName(out[0]!.alsoReportedBy![0]!)).toBe('Trivy KSV-0001')
  })

  it('folds several Trivy checks into one finding, in each of their message shapes', () => {
    const caps = ours(
      'HardeningPSSCapabilities',
      25,
      'container "api" does not drop all capabilities. Set securityContext.capabilities.drop: ["ALL"].'
    )
    const out = foldEquivalents([
      caps,
      trivy(
        'KSV-0003',
        21,
        "Container 'api' of Deployment 'shop-api' should add 'ALL' to 'securityContext.capabilities.drop'"
      ),
      trivy(
        'KSV-0004',
        21,
        "Container 'api' of 'deployment' 'shop-api' in 'shop' namespace should set securityContext.capabilities.drop"
      ),
      // Names nothing: takes the subject Trivy names at the same file and line.
      trivy('KSV-0106', 21, 'container should drop all')
    ])
    expect(out).toHaveLength(1)
    expect(out[0]!.alsoReportedBy!.map((a) => a.ruleId)).toEqual([
      'KSV-0003',
      'KSV-0004',
      'KSV-0106'
    ])
  })

  it('tells the resources policy findings apart by the field they name', () => {
    const cpuLimit = ours(
      'HardeningRequiredResources',
      21,
      'container "api" has no cpu limit (resources.limits.cpu).'
    )
    const memRequest = ours(
      'HardeningRequiredResources',
      21,
      'container "api" has no memory request (resources.requests.memory).'
    )
    const out = foldEquivalents([
      cpuLimit,
      memRequest,
      trivy(
        'KSV-0016',
        21,
        "Container 'api' of Deployment 'shop-api' should set 'resources.requests.memory'"
      ),
      trivy(
        'KSV-0011',
        21,
        "Container 'api' of Deployment 'shop-api' should set 'resources.limits.cpu'"
      )
    ])
    expect(out.map((f) => f.alsoReportedBy?.map((a) => a.ruleId))).toEqual([
      ['KSV-0011'],
      ['KSV-0016']
    ])
  })

  it('folds a pod-level check into the pod-level finding of the same object', () => {
    const out = foldEquivalents([
      ours(
        'HardeningPSSHostNamespaces',
        19,
        "pod sets hostNetwork: true and shares the node's network namespace."
      ),
      trivy(
        'KSV-0009',
        9,
        "Deployment 'shop-api' should not set 'spec.template.spec.hostNetwork' to true"
      )
    ])
    expect(out).toHaveLength(1)
    expect(out[0]!.alsoReportedBy?.[0]?.ruleId).toBe('KSV-0009')
  })

  it('keeps Trivy findings of another container, object, file or meaning', () => {
    const otherContainer = trivy(
      'KSV-0001',
      40,
      "Container 'worker' of Deployment 'shop-api' should set 'securityContext.allowPrivilegeEscalation' to false"
    )
    const otherObject = trivy(
      'KSV-0001',
      60,
      "Container 'api' of Deployment 'shop-admin' should set 'securityContext.allowPrivilegeEscalation' to false"
    )
    const otherFile = trivy(
      'KSV-0001',
      21,
      "Container 'api' of Deployment 'shop-api' should set 'securityContext.allowPrivilegeEscalation' to false",
      'k8s/other.yaml'
    )
    const unmapped = trivy(
      'KSV-0014',
      21,
      "Container 'api' of Deployment 'shop-api' should set 'securityContext.readOnlyRootFilesystem' to true"
    )
    const input = [escalationApi, otherContainer, otherObject, otherFile, unmapped]
    const out = foldEquivalents(input)
    expect(out.slice(1)).toEqual([otherContainer, otherObject, otherFile, unmapped])
    expect(out[0]!.alsoReportedBy).toBeUndefined()
  })

  it('never folds on a line alone: an unnamed Trivy finding with no named neighbour stays', () => {
    const unnamed = trivy(
      'KSV-0030',
      27,
      "Either Pod or Container should set 'securityContext.seccompProfile.type' to 'RuntimeDefault'"
    )
    const seccomp = ours('HardeningPSSSeccomp', 27, 'container "api" has no seccomp profile.')
    expect(foldEquivalents([seccomp, unnamed])).toEqual([seccomp, unnamed])
  })

  it('keeps the Trivy finding when ours does not gate (dryrun, warn) or is absent', () => {
    const dryrun = { ...escalationApi, enforcementAction: 'dryrun' }
    const warn = { ...escalationApi, enforcementAction: 'warn' }
    expect(foldEquivalents([dryrun, ksv1Api])).toEqual([dryrun, ksv1Api])
    expect(foldEquivalents([warn, ksv1Api])).toEqual([warn, ksv1Api])
    expect(foldEquivalents([ksv1Api])).toEqual([ksv1Api])
  })

  it('folds into a waived finding (the waiver covers the one problem)', () => {
    const waived: Finding = {
      ...escalationApi,
      suppression: { reason: 'r', owner: 'o', expires: '2099-01-01' }
    }
    const out = foldEquivalents([waived, ksv1Api])
    expect(out).toHaveLength(1)
    expect(out[0]!.suppression).toEqual(waived.suppression)
  })

  it('keeps each outcome its own findings, minus the folded ones', () => {
    const outcomes = foldOutcomes([
      { scanner: 'policies', findings: [escalationApi] },
      { scanner: 'trivy-config', findings: [ksv1Api, ksv1Metrics] }
    ])
    expect(outcomes[0]!.findings[0]!.alsoReportedBy?.[0]?.ruleId).toBe('KSV-0001')
    expect(outcomes[1]!.findings).toEqual([ksv1Metrics])
  })
})

// The trivy-checks module that tools/trivy/go.mod pins, from the Go module cache.
function trivyChecksDir(): string {
  const goMod = readFileSync(path.join(REPO_ROOT, 'tools', 'trivy', 'go.mod'), 'utf8')
  const version = /github\.com\/aquasecurity\/trivy-checks (\S+)/.exec(goMod)?.[1]
  if (!version) throw new Error('tools/trivy/go.mod pins no github.com/aquasecurity/trivy-checks')
  let cache = process.env.GOMODCACHE
  if (!cache) {
    try {
      cache = execFileSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' }).trim()
    } catch {
      cache = path.join(process.env.HOME ?? '', 'go', 'pkg', 'mod')
    }
  }
  const dir = path.join(cache, 'github.com', 'aquasecurity', `trivy-checks@${version}`)
  if (!existsSync(dir))
    throw new Error(
      `trivy-checks ${version} is not in the Go module cache (${dir}): run \`go mod download\` in tools/trivy`
    )
  return dir
}

function regoFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.rego') && !e.name.endsWith('_test.rego'))
    .map((e) => path.join(e.parentPath, e.name))
}

describe("the mapping against Trivy's check metadata at the pinned version", () => {
  it('names checks that exist with the title (meaning) we mapped, each once', () => {
    const titles = new Map<string, string>()
    for (const file of regoFiles(path.join(trivyChecksDir(), 'checks', 'kubernetes'))) {
      const text = readFileSync(file, 'utf8')
      const id = /^#\s+id:\s*(KSV-\d+)\s*$/m.exec(text)?.[1]
      const title = /^#\s+title:\s*(.+?)\s*$/m.exec(text)?.[1]
      if (id && title) titles.set(id, title.startsWith('"') ? JSON.parse(title) : title)
    }
    expect(titles.size).toBeGreaterThan(50)
    for (const e of TRIVY_EQUIVALENTS) expect(titles.get(e.trivy), e.trivy).toBe(e.title)
    const ids = TRIVY_EQUIVALENTS.map((e) => e.trivy)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('leaves unmapped the checks whose meaning differs from our policy (docs/findings.md)', () => {
    // KSV-0025 SELinux, KSV-0026 sysctls, KSV-0027 /proc mount: each differs from ours in what
    // it allows; KSV-0103 hostProcess and KSV-0105 runAsUser 0 name no object, so they cannot be
    // matched to ours reliably; docs/findings.md says how. They exist at the pinned version.
    const reviewed = ['KSV-0025', 'KSV-0026', 'KSV-0027', 'KSV-0103', 'KSV-0105']
    const ids = new Set<string>()
    for (const file of regoFiles(path.join(trivyChecksDir(), 'checks', 'kubernetes'))) {
      const id = /^#\s+id:\s*(KSV-\d+)\s*$/m.exec(readFileSync(file, 'utf8'))?.[1]
      if (id) ids.add(id)
    }
    const doc = readFileSync(path.join(REPO_ROOT, 'docs', 'findings.md'), 'utf8')
    for (const id of reviewed) {
      expect(ids.has(id), id).toBe(true)
      expect(TRIVY_EQUIVALENTS.map((e) => e.trivy)).not.toContain(id)
      expect(doc).toMatch(new RegExp(`\`${id}\` \\([^)]+\\): \\*\\*not mapped\\*\\*`))
    }
  })

  it('maps only to rules our policies define', () => {
    const kinds = new Set(
      readdirSync(path.join(REPO_ROOT, 'policies'), { withFileTypes: true })
        .filter(
          (e) =>
            e.isDirectory() && existsSync(path.join(REPO_ROOT, 'policies', e.name, 'metadata.yaml'))
        )
        .map(
          (e) =>
            /^kind:\s*(\S+)/m.exec(
              readFileSync(path.join(REPO_ROOT, 'policies', e.name, 'metadata.yaml'), 'utf8')
            )?.[1]
        )
    )
    for (const e of TRIVY_EQUIVALENTS) expect(kinds.has(e.rule), e.rule).toBe(true)
  })
})

describe('docs/findings.md', () => {
  it('lists every mapped pair', () => {
    const doc = readFileSync(path.join(REPO_ROOT, 'docs', 'findings.md'), 'utf8')
    for (const e of TRIVY_EQUIVALENTS)
      expect(doc, e.trivy).toContain(`| ${e.trivy} | ${e.title} | \`${e.rule}\``)
  })
})

describe('reports of a folded finding', () => {
  const [folded] = foldEquivalents([escalationApi, ksv1Api])

  it('the PR comment says which Trivy check also reported it', () => {
    const outcomes = [
      {
        scanner: 'policies',
        target: 'manifests',
        findings: [folded!],
        notices: [],
        tool: { name: 'conftest', version: '1' }
      }
    ]
    const text = toCommentMarkdown({
      outcomes,
      findings: [folded!],
      decision: decide([folded!], {
        failOnSeverity: 'HIGH',
        onlyNew: false,
        configurationErrors: []
      }),
      repository: { serverUrl: 'https://github.com', owner: 'o', repo: 'r' },
      sha: 'c0ffee'.padEnd(40, '0'),
      marker: '<!-- m -->'
    })
    expect(text).toContain('(also reported by <code>Trivy KSV-0001</code>)')
  })

  it('SARIF points at where Trivy reported it and names the check', () => {
    const result = sarifResult(folded!, 0, undefined, new Map())
    expect(result.properties.alsoReportedBy).toEqual(['KSV-0001'])
    expect(result.relatedLocations).toEqual([
      {
        id: 1,
        message: { text: 'Also reported by Trivy KSV-0001: Can elevate its own privileges' },
        physicalLocation: {
          artifactLocation: { uri: FILE, uriBaseId: '%SRCROOT%' },
          region: { startLine: 21 }
        }
      }
    ])
  })
})

describe('SARIF: our rule related to the Trivy rules folded into it', () => {
  const caps = ours(
    'HardeningPSSCapabilities',
    25,
    'container "api" does not drop all capabilities. Set securityContext.capabilities.drop: ["ALL"].'
  )
  const folded = foldEquivalents([
    escalationApi,
    ksv1Api,
    caps,
    trivy(
      'KSV-0003',
      21,
      "Container 'api' of Deployment 'shop-api' should add 'ALL' to 'securityContext.capabilities.drop'"
    ),
    trivy('KSV-0106', 21, 'container should drop all')
  ])
  // The sample's policies run with the folded findings, and its trivy-config run (no findings).
  const [policyOutcome, trivyOutcome] = sampleOutcomes()
  const sarif = toSarif([{ ...policyOutcome!, findings: folded }, trivyOutcome!], '0.1.0')
  const [policies, trivyRun] = sarif.runs

  it('describes the Trivy rules in a tool extension and relates our rules to them', () => {
    expect(policies!.tool.extensions).toEqual([
      {
        name: 'Trivy misconfiguration',
        rules: [
          {
            id: 'KSV-0001',
            name: 'CanElevateItsOwnPrivileges',
            shortDescription: { text: 'Can elevate its own privileges' },
            fullDescription: { text: 'Can elevate its own privileges' },
            help: {
              text: 'Trivy KSV-0001: Can elevate its own privileges. Where it reports the problem a rule of Gatekeeper policies reports, it is recorded on that finding (alsoReportedBy) instead of reported twice.'
            }
          },
          expect.objectContaining({ id: 'KSV-0003' }),
          expect.objectContaining({ id: 'KSV-0106' })
        ]
      }
    ])
    const rules = Object.fromEntries(policies!.tool.driver.rules.map((r) => [r.id, r]))
    expect(rules.HardeningPSSPrivilegeEscalation!.relationships).toEqual([
      {
        target: {
          id: 'KSV-0001',
          index: 0,
          toolComponent: { name: 'Trivy misconfiguration', index: 0 }
        },
        kinds: ['relevant'],
        description: {
          text: "Trivy KSV-0001 (Can elevate its own privileges) reports the same problem; its findings are folded into this rule's."
        }
      }
    ])
    expect(rules.HardeningPSSCapabilities!.relationships!.map((r) => r.target)).toEqual([
      { id: 'KSV-0003', index: 1, toolComponent: { name: 'Trivy misconfiguration', index: 0 } },
      { id: 'KSV-0106', index: 2, toolComponent: { name: 'Trivy misconfiguration', index: 0 } }
    ])
    // A run without folded findings has neither.
    expect(trivyRun!.tool.extensions).toBeUndefined()
  })

  it('is valid SARIF 2.1.0 (the schema the multitool ships) and passes its GitHub rules', () => {
    const dir = path.resolve('node_modules/@microsoft/sarif-multitool-linux')
    const ajv = new Ajv2020({ allErrors: true, strict: false })
    addFormats.default(ajv)
    const validate = ajv.compile(
      JSON.parse(readFileSync(path.join(dir, 'sarif-2.1.0.json'), 'utf8'))
    )
    expect(validate(sarif) ? [] : validate.errors).toEqual([])
    // It can fail: a relationship without its target is refused.
    const broken = structuredClone(sarif) as unknown as {
      runs: Array<{ tool: { driver: { rules: Array<{ relationships?: object[] }> } } }>
    }
    broken.runs[0]!.tool.driver.rules.find((r) => r.relationships)!.relationships = [{}]
    expect(validate(broken)).toBe(false)

    const multitool = path.join(dir, 'Sarif.Multitool')
    if (!existsSync(multitool)) return
    const work = mkdtempSync(path.join(os.tmpdir(), 'related-rules-'))
    try {
      writeFileSync(path.join(work, 'in.sarif'), JSON.stringify(sarif))
      const args = ['validate', path.join(work, 'in.sarif'), '--rule-kind', 'Gh;Sarif']
      args.push('--level', 'Error;Warning', '--output', path.join(work, 'out.sarif'))
      execFileSync(multitool, [...args, '--log', 'ForceOverwrite'], {
        env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
        stdio: 'ignore'
      })
      const report = JSON.parse(readFileSync(path.join(work, 'out.sarif'), 'utf8')) as {
        runs: Array<{ results?: Array<{ ruleId: string; message: { text?: string } }> }>
      }
      expect((report.runs[0]!.results ?? []).map((r) => `${r.ruleId}: ${r.message.text}`)).toEqual(
        []
      )
    } finally {
      rmSync(work, { recursive: true, force: true })
    }
  })
})

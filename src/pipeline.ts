import { rm } from 'node:fs/promises'
import path from 'node:path'
import type { ScanConfig } from './config/scan-config.js'
import { loadBaseline, markNew } from './findings/baseline.js'
import { foldOutcomes } from './findings/equivalents.js'
import type { Finding, Location } from './findings/model.js'
import { applyWaivers, loadWaivers, type Waiver } from './findings/waivers.js'
import { decide, type GateDecision } from './gate.js'
import type { Logger } from './log.js'
import type { Progress } from './progress.js'
import { toFindingsDocument } from './report/findings-file.js'
import { toEvidence } from './report/evidence.js'
import { evidenceHtml } from './report/evidence-html.js'
import { jsonFile, type LargeText } from './report/json-stream.js'
import {
  foreignOutputProblem,
  prepareOutputFile,
  writeOutputFile,
  type PreparedOutput
} from './report/output-files.js'
import { buildSarif } from './report/sarif.js'
import { sbomOutputs, type SbomOutput } from './report/sbom.js'
import { toSummaryMarkdown } from './report/summary.js'
import { changedScope, keepChangedFindings, type ChangedOnlyScope } from './manifests/changed.js'
import { stopwatch } from './util/stopwatch.js'
import { privateTempDir } from './util/temp.js'
import { isPolicyScanOutcome } from './scanners/policies.js'
import { scannerNamed } from './scanners/registry.js'
import type { ScanContext, ScanOutcome, Scanner } from './scanners/scanner.js'
import { startInstalls, type ToolInstalls } from './tools/setup.js'
import type { InstalledTool } from './tools/install.js'

export interface PipelineEnvironment {
  log: Logger
  /** Directory holding the action (policies/ lives there). */
  actionRoot: string
  actionVersion: string
  /** Tells this job's SARIF categories from other jobs' (the action's `comment-id` input). */
  reportId?: string
  /** Where the run happens, for the evidence report (the action reads it from the runner). */
  run?: {
    repository: string
    commit: string
    ref?: string
    runUrl?: string
    /** `<server>/<owner>/<repo>`: the HTML evidence links file:line into it at the commit. */
    repositoryUrl?: string
  }
  /** Where to point a finding that names no file (e.g. the workflow line listing the image). */
  fallbackLocation?: (finding: Finding) => Location | undefined
  /** Told each stage, count and tool run as it happens; the caller renders it and ends it. */
  progress?: Progress
}

export interface PipelineResult {
  outcomes: ScanOutcome[]
  findings: Finding[]
  decision: GateDecision
  tools: InstalledTool[]
  files: {
    sarif: string
    findings: string
    summary: string
    evidenceJson: string
    evidenceMarkdown: string
    evidenceHtml: string
  }
  /** The SBOMs written (`sbom`): one per scanned image and for the repository. */
  sboms: SbomOutput[]
  /** Set when only the pull request's changed manifests were reported (`scan-changed-only`). */
  scope?: ChangedOnlyScope
  summary: string
  /** The SARIF as GitHub's upload API takes it (gzip, within 10 MB); the text is in `files.sarif`. */
  sarifGzip: Buffer
  /** Seconds each stage took, in pipeline order (logged at debug level; read by the benchmarks). */
  timings: Record<string, number>
}

/** inputs → install → scan (in parallel) → findings → waivers/baseline → reports → gate. */
export async function runPipeline(
  config: ScanConfig,
  env: PipelineEnvironment
): Promise<PipelineResult> {
  // The user's files are read first: a broken waiver or baseline file fails before any scan.
  const waivers = await loadWaivers(config.waiversFile)
  const waiversFile = path.relative(config.workspace, config.waiversFile)
  const baseline = config.baselineFile ? await loadBaseline(config.baselineFile) : undefined

  const lap = stopwatch()
  env.progress?.stage('install tools')
  const scanners = activeScanners(config)
  const installs = startInstalls(
    config,
    {
      tools: [...new Set(scanners.flatMap((scanner) => scanner.tools))],
      vulnerabilityDb: scanners.some((scanner) => scanner.needsVulnerabilityDb?.(config))
    },
    env.log
  )
  // The scan stage begins when the first scanner's tools are ready (the policy scan does not
  // wait for Trivy's verification); the other tools' verification overlaps it.
  let install: number | undefined
  const scanStarts = () => {
    if (install !== undefined) return
    install = lap()
    env.progress?.stage('scan')
  }
  // Work files (policy sets, reviews, Trivy reports) live outside the checkout, so nothing in
  // it can be loaded as one of them, and are gone after the scans.
  const workRoot = await privateTempDir('hardening-work-')
  const outcomes = await scan(config, scanners, installs, { ...env, scanStarts }, workRoot).finally(
    () => rm(workRoot, { recursive: true, force: true })
  )
  scanStarts()
  const scanned = lap()
  const installed = await installs.all
  env.progress?.stage('reports')
  // scan-changed-only: every manifest was evaluated; the findings of unchanged files go no further.
  const changed = config.changedFiles && (await changedScope(config, config.changedFiles))

  const result = await reportFindings(
    changed ? keepChangedFindings(outcomes, changed.inScope) : outcomes,
    {
      config,
      env,
      tools: Object.values(installed.tools),
      waivers,
      waiversFile,
      baseline,
      ...(changed ? { scope: changed.scope } : {})
    }
  )
  return { ...result, timings: { install: install!, scan: scanned, ...result.timings } }
}

/** What the stages after the scans need besides the outcomes. */
export interface ReportInputs {
  config: ScanConfig
  env: PipelineEnvironment
  tools: InstalledTool[]
  waivers: Waiver[]
  /** The waiver file's path as reports name it (relative to the workspace). */
  waiversFile: string
  baseline: Set<string> | undefined
  /** How many manifest files a changed-only run checked and left out (`scan-changed-only`). */
  scope?: ChangedOnlyScope
}

/**
 * findings → waivers/baseline → gate → reports: everything after the scans, written to the
 * output directory. Separate from `runPipeline` so it can be measured and tested on its own.
 */
export async function reportFindings(
  scanned: ScanOutcome[],
  { config, env, tools, waivers, waiversFile, baseline, scope }: ReportInputs
): Promise<PipelineResult> {
  const lap = stopwatch()
  // One problem, one finding: a Trivy check that reports what one of our policies reported on
  // the same object is folded into ours (src/findings/equivalents.ts), before waivers and baseline.
  const outcomes = foldOutcomes(scanned)
  const waived = applyWaivers(
    outcomes.flatMap((outcome) => outcome.findings),
    waivers,
    waiversFile
  )
  const findings = baseline ? markNew(waived.findings, baseline) : waived.findings
  // Waivers and the baseline map findings one to one, in order: each outcome gets its slice back.
  // (Sorting them here, most severe first, was tried: the SARIF stage got slower, 2.1 → 3.2 s at
  // 100k findings, more than the reports' own sorts saved.)
  let offset = 0
  const reportedOutcomes = outcomes.map((outcome) => {
    const mine = findings.slice(offset, offset + outcome.findings.length)
    offset += outcome.findings.length
    return { ...outcome, findings: mine }
  })
  const timings: Record<string, number> = { 'waivers and baseline': lap() }

  const files = {
    sarif: path.join(config.outputDir, 'results.sarif'),
    findings: path.join(config.outputDir, 'findings.json'),
    summary: path.join(config.outputDir, 'summary.md'),
    evidenceJson: path.join(config.outputDir, 'evidence', 'evidence.json'),
    evidenceMarkdown: path.join(config.outputDir, 'evidence', 'evidence.md'),
    evidenceHtml: path.join(config.outputDir, 'evidence', 'index.html')
  }
  const sboms = sbomOutputs(outcomes, config.outputDir)
  const outputFiles = [...Object.values(files), ...sboms.map((sbom) => sbom.file)]
  // Prepared before the verdict: a link planted where a report goes is removed and fails the
  // gate, and the reports say so; a file that cannot be written leaves the others written.
  const prepared = new Map<string, PreparedOutput>()
  for (const file of outputFiles)
    prepared.set(file, await prepareOutputFile(config.workspace, file))
  const foreign = await foreignOutputProblem(config.workspace, config.outputDir, outputFiles)
  const outputProblems = [
    ...[...prepared.values()].flatMap((p) => (p.problem ? [p.problem] : [])),
    ...(foreign ? [foreign] : [])
  ]

  const decision = decide(findings, {
    failOnSeverity: config.failOnSeverity,
    failOnSeverityByScanner: config.failOnSeverityByScanner,
    ...(config.failOnSeverityByPath ? { failOnSeverityByPath: config.failOnSeverityByPath } : {}),
    onlyNew: config.baselineFile !== null,
    configurationErrors: [
      ...waived.expired,
      ...outcomes
        .filter((o) => o.error)
        .map((o) => `The ${o.scanner} scan of ${o.target} failed: ${o.error}`),
      ...outcomes.flatMap((o) => o.gateFailures ?? []),
      ...outputProblems
    ]
  })

  timings.gate = lap()
  const summary = toSummaryMarkdown(reportedOutcomes, findings, decision, scope)
  timings.summary = lap()
  const sarif = await buildSarif(reportedOutcomes, env.actionVersion, {
    workspace: config.workspace,
    warn: env.log.warning,
    ...(env.reportId ? { reportId: env.reportId } : {}),
    ...(env.fallbackLocation ? { fallbackLocation: env.fallbackLocation } : {}),
    ...(prepared.get(files.sarif)!.writable ? { file: files.sarif } : {})
  })
  timings.sarif = lap()
  const policyOutcome = reportedOutcomes.find(isPolicyScanOutcome)
  const evidence = toEvidence({
    generatedAt: new Date(),
    repository: env.run?.repository ?? path.basename(config.workspace),
    commit: env.run?.commit ?? 'unknown',
    ...(env.run?.ref ? { ref: env.run.ref } : {}),
    ...(env.run?.runUrl ? { runUrl: env.run.runUrl } : {}),
    actionVersion: env.actionVersion,
    tools,
    policyBundle: {
      name: policyOutcome?.policyBundles?.join(', ') ?? config.policyBundle,
      ...(policyOutcome?.policyBundleDigest ? { digest: policyOutcome.policyBundleDigest } : {})
    },
    policies: policyOutcome?.policies ?? [],
    outcomes: reportedOutcomes,
    findings,
    decision,
    waivers,
    waiversFile
  })
  const evidencePage = evidenceHtml(
    evidence.document,
    env.run?.repositoryUrl ? { repositoryUrl: env.run.repositoryUrl } : {}
  )
  timings.evidence = lap()
  const findingsDocument = toFindingsDocument(reportedOutcomes, findings, decision)
  // results.sarif is written by the SARIF stage; findings.json in batches, never as one string.
  const contents: Array<[string, string | LargeText]> = [
    [files.findings, jsonFile(findingsDocument, 2)],
    [files.summary, summary],
    [files.evidenceJson, evidence.json],
    [files.evidenceMarkdown, evidence.markdown],
    [files.evidenceHtml, evidencePage],
    ...sboms.map((sbom): [string, string] => [sbom.file, sbom.content])
  ]
  for (const problem of outputProblems) env.log.warning(problem)
  for (const [file, content] of contents)
    if (prepared.get(file)!.writable) await writeOutputFile(file, content)
  timings['findings.json and files'] = lap()
  return {
    outcomes: reportedOutcomes,
    findings,
    decision,
    tools,
    files,
    sboms: sboms.filter((sbom) => prepared.get(sbom.file)!.writable),
    summary,
    sarifGzip: sarif.gzip,
    ...(scope ? { scope } : {}),
    timings
  }
}

/** The selected scanners that have something to scan, in the order selected. */
function activeScanners(config: ScanConfig): Scanner[] {
  return config.scanners
    .map((name) => {
      const scanner = scannerNamed(name)
      if (!scanner) throw new Error(`No scanner is registered as '${name}'.`)
      return scanner
    })
    .filter((scanner) => scanner.enabled?.(config) ?? true)
}

/**
 * Runs every scanner concurrently, each once its own tools are ready; one that fails becomes an
 * outcome with an error, never a lost run. A tool that cannot be installed still fails the whole
 * run (nothing is reported), once the scanners already running have finished.
 */
async function scan(
  config: ScanConfig,
  scanners: Scanner[],
  installs: ToolInstalls,
  env: PipelineEnvironment & { scanStarts: () => void },
  workRoot: string
): Promise<ScanOutcome[]> {
  const settled = await Promise.allSettled(
    scanners.map(async (scanner) => {
      const { tools, dbProblem } = await installs.ready(scanner.tools)
      env.scanStarts()
      const context: ScanContext = {
        config,
        tools,
        dbProblem,
        workDir: path.join(workRoot, scanner.name),
        actionRoot: env.actionRoot,
        log: env.log,
        timeoutMs: config.scanTimeoutMs,
        ...(env.progress ? { progress: env.progress } : {})
      }
      try {
        return await scanner.run(context)
      } catch (error) {
        const message = (error as Error).message
        env.log.warning(`The ${scanner.name} scan failed: ${message}`)
        return [
          {
            scanner: scanner.name,
            target: scanner.failureTarget,
            findings: [],
            notices: [],
            tool: { name: scanner.tools[0] ?? scanner.name, version: '' },
            error: message
          } satisfies ScanOutcome
        ]
      }
    })
  )
  const failed = settled.find((result) => result.status === 'rejected')
  if (failed) throw failed.reason
  return settled.flatMap((result) => (result.status === 'fulfilled' ? result.value : []))
}

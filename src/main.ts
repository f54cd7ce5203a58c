import * as core from '@actions/core'
import { ACTION_ROOT, ACTION_VERSION } from './action-root.js'
import {
  readConfig,
  readConfigFileChoice,
  readPublishConfig,
  type PublishConfig
} from './config/inputs.js'
import { readGoverningConfig } from './config/base-config.js'
import {
  actionInputGiven,
  layerInputs,
  withFileResources,
  withPathSettings
} from './config/file.js'
import { withLegacyInputs } from './config/legacy-inputs.js'
import type { ScanConfig } from './config/scan-config.js'
import type { Finding } from './findings/model.js'
import {
  commentMarker,
  createClient,
  publishFixSuggestions,
  publishToGitHub,
  toCommentFixes,
  readRunContext,
  workflowLocation,
  type RunContext
} from './github/index.js'
import { inertLogText, type Logger } from './log.js'
import { runPipeline, type PipelineResult } from './pipeline.js'
import { pullRequestChanges } from './github/pull-files.js'
import { StageGroups } from './progress.js'
import { fixesMarkdown, toCommentMarkdown, type CommentFixes } from './report/comment.js'
import { planFixes } from './fix/plan.js'
import { DigestResolver } from './fix/registry.js'
import { countFindings } from './report/counts.js'
import { escapeMarkdown } from './report/markdown.js'
import { levelOf } from './report/level.js'
import { checkoutUri, INFORMATION_URI } from './report/sarif.js'
import { submitDependencies } from './github/dependency-submission.js'
import { sortBySeverity } from './findings/order.js'

// Warnings and debug lines are escaped workflow commands already; plain info lines are not.
const coreLogger: Logger = {
  info: (message) => core.info(inertLogText(message)),
  warning: (message) => core.warning(message),
  debug: core.debug
}

/** GitHub shows at most 10 annotations of each level per step; spend them on the most severe. */
const ANNOTATIONS_PER_LEVEL = 10

/**
 * The action: the pipeline, then outputs, annotations, the PR comment and SARIF upload, and the
 * job summary (always written, also when the run fails).
 */
export async function run(): Promise<void> {
  let summary = ''
  const progress = new StageGroups({
    startGroup: core.startGroup,
    endGroup: core.endGroup,
    info: coreLogger.info
  })
  try {
    // trivy-action's input names become ours (or stop the run) before anything reads them.
    const inputs = withLegacyInputs((name: string) => core.getInput(name), core.warning)
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd()
    const ctx = readRunContext()
    // On a pull request the base branch's config file governs, never the pull request's own.
    const token = inputs('token').trim()
    if (token) core.setSecret(token)
    const governing = await readGoverningConfig({
      workspace,
      choice: readConfigFileChoice(inputs, workspace),
      ctx,
      token,
      log: coreLogger
    })
    for (const note of governing.notes) core.notice(note)
    const { read, attempt } = layerInputs(inputs, governing.file, actionInputGiven)
    const config = withPathSettings(
      attempt(() => readConfig(read, workspace)),
      governing.file
    )
    const publish = withFileResources(
      attempt(() => readPublishConfig(read)),
      governing.file
    )
    // The dependency submission sends the SBOMs, so it writes them as `sbom: true` does.
    if (publish.dependencySubmission) config.sbom = true
    const login = config.registryCredentials
    if (login) core.setSecret('token' in login ? login.token : login.password)
    if (config.scanChangedOnly) await scopeToPullRequest(config, ctx, publish.token)
    const result = await runPipeline(config, {
      log: coreLogger,
      progress,
      actionRoot: ACTION_ROOT,
      actionVersion: ACTION_VERSION,
      reportId: publish.commentId,
      run: {
        repository: `${ctx.owner}/${ctx.repo}`,
        commit: ctx.sha,
        ref: ctx.ref,
        runUrl: runUrl(ctx),
        repositoryUrl: `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}`
      },
      fallbackLocation: (finding) =>
        finding.scanner === 'image'
          ? workflowLocation(ctx, config.workspace, finding.target)
          : undefined
    })
    summary = `${result.summary}${configNotes(governing.notes)}`
    core.debug(
      `Stage timings (s): ${Object.entries(result.timings)
        .map(([stage, seconds]) => `${stage} ${seconds}`)
        .join(', ')}`
    )
    progress.stage('publish results')
    setOutputs(result)
    annotate(result.findings)
    const fixes = await publishResults(result, config, publish, ctx)
    if (publish.dependencySubmission) await submitSboms(result, publish, ctx)
    // The fixes reach the summary too: a fork PR's run can post neither suggestions nor comment.
    if (fixes) summary += `\n${fixesMarkdown(fixes, linkBase(ctx)).join('\n')}`
    progress.done()
    if (result.decision.failed) core.setFailed(result.decision.reasons.join(' '))
    else core.info(`hardening-action passed: ${result.findings.length} finding(s), none blocking.`)
  } catch (error) {
    const message = (error as Error).message
    summary = `## hardening-action: ❌ error\n\n${escapeMarkdown(message, { multiline: true })}\n`
    progress.done()
    core.setFailed(message)
  } finally {
    if (summary && process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summary).write()
  }
}

/** `scan-changed-only`: the pull request's changed files, or a notice that every file is checked. */
async function scopeToPullRequest(config: ScanConfig, ctx: RunContext, token: string) {
  if (!ctx.pullRequest) {
    core.notice(
      `scan-changed-only applies to pull requests; this ${ctx.eventName || 'run'} run checks every manifest.`
    )
    return
  }
  const changed = await pullRequestChanges(
    { ctx, token, workspace: config.workspace, timeoutMs: config.scanTimeoutMs },
    coreLogger
  )
  if (changed) config.changedFiles = changed
}

/** Where the configuration came from, for the job summary (docs/config.md). */
function configNotes(notes: string[]): string {
  if (notes.length === 0) return ''
  return `\n### Configuration\n\n${notes.map((note) => `- ${escapeMarkdown(note)}`).join('\n')}\n`
}

function runUrl(ctx: RunContext): string | undefined {
  const id = process.env.GITHUB_RUN_ID
  return id && ctx.owner
    ? `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/actions/runs/${id}`
    : undefined
}

/** The SARIF upload and the PR comment; API problems become warnings, never a changed verdict. */
async function publishResults(
  result: PipelineResult,
  config: ScanConfig,
  publish: PublishConfig,
  ctx: RunContext
): Promise<CommentFixes | undefined> {
  const fixes =
    publish.suggestFixes && ctx.pullRequest
      ? await suggestFixes(result, config, publish, ctx)
      : undefined
  const body = ctx.pullRequest
    ? toCommentMarkdown({
        ...(fixes ? { fixes } : {}),
        outcomes: result.outcomes,
        findings: result.findings,
        decision: result.decision,
        ...linkBase(ctx),
        baseline: config.baselineFile !== null,
        marker: commentMarker(publish.commentId),
        ...(result.scope ? { scope: result.scope } : {}),
        ...(runUrl(ctx) ? { runUrl: runUrl(ctx) } : {})
      })
    : undefined
  await publishToGitHub(
    {
      ctx,
      token: publish.token,
      ...(publish.uploadSarif
        ? { sarif: { gzip: result.sarifGzip, checkoutUri: checkoutUri(config.workspace) } }
        : {}),
      ...(body
        ? {
            comment: {
              body,
              mode: publish.comment,
              failed: result.decision.failed,
              markerId: publish.commentId
            }
          }
        : {})
    },
    coreLogger
  )
  return fixes
}

/** Links in the PR comment point at the pull request's head commit. */
function linkBase(ctx: RunContext): { repository: RunContext; sha: string } {
  return { repository: ctx, sha: ctx.pullRequest?.headSha || ctx.sha }
}

/**
 * `suggest-fixes`: verified fixes for the policy findings, those on the PR's changed lines posted
 * as suggestions, the rest for the comment. A failure here is a warning; the verdict stands.
 */
async function suggestFixes(
  result: PipelineResult,
  config: ScanConfig,
  publish: PublishConfig,
  ctx: RunContext
): Promise<CommentFixes | undefined> {
  try {
    const plan = await planFixes(result.findings, {
      context: {
        config,
        tools: Object.fromEntries(result.tools.map((tool) => [tool.name, tool])),
        actionRoot: ACTION_ROOT,
        log: coreLogger,
        timeoutMs: config.scanTimeoutMs
      },
      ...(publish.fixCloud ? { cloud: publish.fixCloud } : {}),
      ...(publish.fixResourceDefaults ? { resourceDefaults: publish.fixResourceDefaults } : {}),
      ...(publish.fixResourcesByNamespace
        ? { resourcesByNamespace: publish.fixResourcesByNamespace }
        : {}),
      // Image names come from the pull request: the runner must not be made to call hosts
      // (internal services, other registries with its credentials) because a PR names them.
      digests: new DigestResolver({
        offlineReason:
          'the action does not ask registries named in a pull request; run `hardening fix` on your machine to pin the digest'
      })
    })
    const review = await publishFixSuggestions(
      {
        ctx,
        token: publish.token,
        plan,
        findings: result.findings,
        workspace: config.workspace,
        markerId: publish.commentId
      },
      coreLogger
    )
    return toCommentFixes(review)
  } catch (error) {
    core.warning(
      `No fix suggestions: planning the fixes failed (${(error as Error).message}). The scan result is unaffected.`
    )
    return undefined
  }
}

/** `dependency-submission`: a refusal is a warning, never a changed verdict. */
async function submitSboms(
  result: PipelineResult,
  publish: PublishConfig,
  ctx: RunContext
): Promise<void> {
  if (!publish.token) {
    core.warning('Dependencies not submitted to the dependency graph: the token input is empty.')
    return
  }
  const jobUrl = runUrl(ctx)
  await submitDependencies(
    createClient(publish.token, ctx.apiUrl),
    ctx,
    {
      sboms: result.sboms,
      // Stable across re-runs, distinct per workflow, job and matrix values.
      correlator: `${ctx.workflowFile ?? process.env.GITHUB_WORKFLOW ?? ''} ${publish.commentId}`,
      jobId: process.env.GITHUB_RUN_ID || 'local',
      ...(jobUrl ? { jobUrl } : {}),
      detector: { name: 'hardening-action', version: ACTION_VERSION, url: INFORMATION_URI }
    },
    coreLogger
  )
}

function setOutputs(result: PipelineResult): void {
  const counts = countFindings(result.findings)
  core.setOutput('sbom-files', result.sboms.map((sbom) => sbom.file).join('\n'))
  core.setOutput('sarif-file', result.files.sarif)
  core.setOutput('findings-file', result.files.findings)
  core.setOutput('summary-file', result.files.summary)
  core.setOutput('evidence-dir', result.files.evidenceJson.replace(/[\\/]evidence\.json$/, ''))
  core.setOutput('failed', String(result.decision.failed))
  core.setOutput('total', String(counts.total))
  for (const [severity, count] of Object.entries(counts.bySeverity))
    core.setOutput(severity.toLowerCase(), String(count))
  core.setOutput('counts-by-scanner', JSON.stringify(counts.byScanner))
}

function annotate(findings: Finding[]): void {
  const used = { error: 0, warning: 0, note: 0 }
  for (const finding of sortBySeverity(findings.filter((f) => !f.suppression))) {
    const level = levelOf(finding)
    if (used[level] >= ANNOTATIONS_PER_LEVEL) continue
    used[level]++
    const properties: core.AnnotationProperties = {
      title: `${finding.severity} ${finding.ruleId}`,
      ...(finding.location
        ? { file: finding.location.path, startLine: finding.location.startLine }
        : {})
    }
    if (level === 'error') core.error(finding.message, properties)
    else if (level === 'warning') core.warning(finding.message, properties)
    else core.notice(finding.message, properties)
  }
}

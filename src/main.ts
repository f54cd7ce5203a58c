import * as core from '@actions/core'
import { ACTION_ROOT, ACTION_VERSION } from './action-root.js'
import { readConfig } from './config/inputs.js'
import type { Finding } from './findings/model.js'
import type { Logger } from './log.js'
import { runPipeline, type PipelineResult } from './pipeline.js'
import { countFindings } from './report/counts.js'
import { levelOf } from './report/sarif.js'
import { sortBySeverity } from './report/summary.js'

const coreLogger: Logger = { info: core.info, warning: (m) => core.warning(m), debug: core.debug }

/** GitHub shows at most 10 annotations of each level per step; spend them on the most severe. */
const ANNOTATIONS_PER_LEVEL = 10

/** The action: the pipeline, then outputs, annotations and the job summary (always written). */
export async function run(): Promise<void> {
  let summary = ''
  try {
    const config = readConfig(
      (name) => core.getInput(name),
      process.env.GITHUB_WORKSPACE || process.cwd()
    )
    const result = await runPipeline(config, {
      log: coreLogger,
      actionRoot: ACTION_ROOT,
      actionVersion: ACTION_VERSION
    })
    summary = result.summary
    setOutputs(result)
    annotate(result.findings)
    if (result.decision.failed) core.setFailed(result.decision.reasons.join(' '))
    else core.info(`hardening-action passed: ${result.findings.length} finding(s), none blocking.`)
  } catch (error) {
    const message = (error as Error).message
    summary = `## hardening-action: ❌ error\n\n${message}\n`
    core.setFailed(message)
  } finally {
    if (summary && process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summary).write()
  }
}

function setOutputs(result: PipelineResult): void {
  const counts = countFindings(result.findings)
  core.setOutput('sarif-file', result.files.sarif)
  core.setOutput('findings-file', result.files.findings)
  core.setOutput('summary-file', result.files.summary)
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

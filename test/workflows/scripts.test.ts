// The run: scripts of the reusable workflow, executed with bash as the runner would (env in,
// $GITHUB_OUTPUT out): the Slack decision and message, and the artifact name.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseWorkflowYaml, readText } from './checks.js'

type Step = { id?: string; run?: string }
const jobs = parseWorkflowYaml(readText('.github/workflows/hardening.yml')).jobs as Record<
  string,
  { steps: Step[] }
>

function script(job: string, id: string): string {
  const run = jobs[job].steps.find((step) => step.id === id)?.run
  if (!run) throw new Error(`no run: script in step ${id} of job ${job}`)
  return run
}

const scratch = mkdtempSync(path.join(os.tmpdir(), 'workflow-scripts-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

interface Result {
  status: number
  outputs: Record<string, string>
  stdout: string
  payload?: string
}

let runs = 0
function runScript(body: string, env: Record<string, string>): Result {
  const dir = path.join(scratch, String(runs++))
  execFileSync('mkdir', ['-p', dir])
  const output = path.join(dir, 'output')
  writeFileSync(output, '')
  let status = 0
  let stdout: string
  try {
    // GitHub runs run: scripts with `bash -e {0}` (plus --noprofile --norc) when shell is unset.
    stdout = execFileSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', body], {
      env: { PATH: process.env.PATH, GITHUB_OUTPUT: output, RUNNER_TEMP: dir, ...env },
      encoding: 'utf8'
    })
  } catch (error) {
    const failed = error as { status: number; stdout: string }
    status = failed.status
    stdout = failed.stdout
  }
  const outputs = Object.fromEntries(
    readFileSync(output, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)])
  )
  let payload: string | undefined
  try {
    payload = readFileSync(path.join(dir, 'slack-payload.json'), 'utf8')
  } catch {
    payload = undefined
  }
  return { status, outputs, stdout, payload }
}

const WEBHOOK = 'https://hooks.slack.com/services/T000/B000/secretsecretsecret'
const counts = {
  CRITICAL: '0',
  HIGH: '2',
  MEDIUM: '5',
  LOW: '1',
  TOTAL: '8',
  FAILED: 'true',
  REPORTS: 'hardening-results',
  RUN_URL: 'https://github.com/o/r/actions/runs/1',
  GITHUB_REPOSITORY: 'o/r',
  GITHUB_REF_NAME: 'main'
}

describe('the Slack notification script', () => {
  const message = script('notify', 'message')

  it('sends at or above the threshold, with counts and without the webhook', () => {
    const result = runScript(message, { ...counts, THRESHOLD: 'high', SLACK_WEBHOOK_URL: WEBHOOK })
    expect(result.status).toBe(0)
    expect(result.outputs.send).toBe('true')
    const payload = JSON.parse(result.payload ?? '{}') as { text: string }
    expect(payload.text).toContain('8 unwaived findings, 0 critical, 2 high, 5 medium, 1 low')
    expect(payload.text).toContain('https://github.com/o/r/actions/runs/1')
    expect(result.payload).not.toContain('secretsecret')
  })

  it('stays quiet below the threshold', () => {
    const result = runScript(message, {
      ...counts,
      THRESHOLD: 'critical',
      SLACK_WEBHOOK_URL: WEBHOOK
    })
    expect(result.status).toBe(0)
    expect(result.outputs.send).toBe('false')
    expect(result.payload).toBeUndefined()
  })

  it('stays quiet without a webhook and says why', () => {
    const result = runScript(message, { ...counts, THRESHOLD: 'low' })
    expect(result.outputs.send).toBe('false')
    expect(result.stdout).toMatch(/::warning::.*SLACK_WEBHOOK_URL/)
  })

  it('treats missing counts (a scan that crashed) as zero', () => {
    const result = runScript(message, { THRESHOLD: 'low', SLACK_WEBHOOK_URL: WEBHOOK })
    expect(result.status).toBe(0)
    expect(result.outputs.send).toBe('false')
  })

  it('keeps a hostile ref name as data in the JSON', () => {
    const ref = 'x"}],"text":"pwned $(touch /tmp/pwned)'
    const result = runScript(message, {
      ...counts,
      THRESHOLD: 'medium',
      SLACK_WEBHOOK_URL: WEBHOOK,
      GITHUB_REF_NAME: ref
    })
    expect((JSON.parse(result.payload ?? '{}') as { text: string }).text).toContain(ref)
  })

  it('never evaluates a count as code', () => {
    const marker = path.join(scratch, 'evaluated')
    const result = runScript(message, {
      ...counts,
      HIGH: `a[$(touch ${marker})]`,
      THRESHOLD: 'high',
      SLACK_WEBHOOK_URL: WEBHOOK
    })
    expect(result.status).toBe(0)
    expect(() => readFileSync(marker)).toThrow()
    expect(result.outputs.send).toBe('false')
  })

  it('rejects an unknown threshold', () => {
    const result = runScript(message, {
      ...counts,
      THRESHOLD: 'severe',
      SLACK_WEBHOOK_URL: WEBHOOK
    })
    expect(result.status).toBe(1)
    expect(result.stdout).toMatch(/::error::notify-on-severity/)
  })
})

describe('the artifact name script', () => {
  const names = script('scan', 'names')

  it('turns an image reference into a valid artifact name', () => {
    const result = runScript(names, { ARTIFACT_NAME: 'hardening-image-ghcr.io/org/app:1.4.2' })
    expect(result.outputs.artifact).toBe('hardening-image-ghcr.io-org-app-1.4.2')
  })

  it('falls back to the default name when given nothing', () => {
    expect(runScript(names, { ARTIFACT_NAME: '' }).outputs.artifact).toBe('hardening-results')
  })
})

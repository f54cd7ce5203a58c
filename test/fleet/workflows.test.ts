// The fleet workflows' run: scripts, executed with bash, jq and curl as the runner would (env in,
// $GITHUB_OUTPUT out), and the permissions each call grants against what the called jobs request.
import { execFile } from 'node:child_process'
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { grantProblems, parseWorkflowYaml, readText, root } from '../workflows/checks.js'
import { finding, writeRepository } from './fixtures.js'

type Step = { id?: string; name?: string; run?: string }
type Workflow = { jobs: Record<string, { steps?: Step[] }> }

function script(file: string, job: string, step: string): string {
  const doc = parseWorkflowYaml(readText(file)) as unknown as Workflow
  const run = doc.jobs[job].steps?.find((s) => s.id === step || s.name === step)?.run
  if (!run) throw new Error(`no run: script in step ${step} of ${file} job ${job}`)
  return run
}

const scratch = mkdtempSync(path.join(os.tmpdir(), 'fleet-workflows-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))
let runs = 0

/** Runs a script with `bash -e` in a fresh directory; returns its status, outputs and stdout. */
async function bash(body: string, env: Record<string, string>, setup?: (cwd: string) => void) {
  const cwd = path.join(scratch, String(runs++))
  mkdirSync(cwd)
  setup?.(cwd)
  const outputFile = path.join(cwd, '.github-output')
  writeFileSync(outputFile, '')
  // Asynchronously: the loopback API server of the tests below answers from this process.
  const { status, stdout } = await promisify(execFile)(
    'bash',
    ['--noprofile', '--norc', '-eo', 'pipefail', '-c', body],
    { cwd, env: { PATH: process.env.PATH, GITHUB_OUTPUT: outputFile, ...env } }
  ).then(
    ({ stdout }) => ({ status: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ status: error.code, stdout: error.stdout })
  )
  const outputs: Record<string, string> = {}
  for (const line of readFileSync(outputFile, 'utf8').split('\n').filter(Boolean))
    outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
  return { status, stdout, outputs, cwd }
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? listFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`)
        : [`${prefix}${entry.name}`]
    )
    .sort()
}

describe('fleet.yml: planning the chunks', () => {
  const plan = script('.github/workflows/fleet.yml', 'prepare', 'plan')
  const chunksOf = (outputs: Record<string, string>) =>
    (JSON.parse(outputs.chunks) as Array<{ index: number; repositories: string }>).map((c) => ({
      index: c.index,
      repositories: JSON.parse(c.repositories) as string[]
    }))

  it('splits a line list (comments, commas, blanks, duplicates in another case) into chunks', async () => {
    const { status, outputs } = await bash(plan, {
      REPOSITORIES:
        '# the fleet\nocto-org/api\n\n  octo-org/web , octo-org/Worker.js\nOCTO-ORG/API # again\nocto-org/db_1\n',
      REPOSITORIES_FILE: '',
      CHUNK_SIZE: '2'
    })
    expect(status).toBe(0)
    expect(outputs.count).toBe('4')
    expect(chunksOf(outputs)).toEqual([
      { index: 1, repositories: ['octo-org/api', 'octo-org/web'] },
      { index: 2, repositories: ['octo-org/Worker.js', 'octo-org/db_1'] }
    ])
  })

  it('reads a JSON array, or a file of the calling repository', async () => {
    const json = await bash(plan, {
      REPOSITORIES: '["a/b", "c/d"]',
      REPOSITORIES_FILE: '',
      CHUNK_SIZE: '256'
    })
    expect(chunksOf(json.outputs)).toEqual([{ index: 1, repositories: ['a/b', 'c/d'] }])
    const file = await bash(
      plan,
      { REPOSITORIES: '', REPOSITORIES_FILE: 'fleet.txt', CHUNK_SIZE: '256' },
      (cwd) => writeFileSync(path.join(cwd, 'fleet.txt'), 'e/f\ng/h\n')
    )
    expect(chunksOf(file.outputs)).toEqual([{ index: 1, repositories: ['e/f', 'g/h'] }])
  })

  it('600 repositories make three chunks of at most 256', async () => {
    const names = Array.from({ length: 600 }, (_, i) => `org/repo-${i}`)
    const { outputs } = await bash(plan, {
      REPOSITORIES: names.join('\n'),
      REPOSITORIES_FILE: '',
      CHUNK_SIZE: '256'
    })
    const chunks = chunksOf(outputs)
    expect(chunks.map((c) => c.repositories.length)).toEqual([256, 256, 88])
    expect(chunks.flatMap((c) => c.repositories)).toEqual(names)
  })

  it.each([
    ['no repositories', '\n# none\n', /No repositories given/],
    ['a name that is not owner/name', 'a/b\n../etc\nx/y;rm -rf /\n', /Not a repository.*\.\.\/etc/],
    ['an owner with an underscore', 'my_org/app', /Not a repository/],
    ['a JSON list of other things', '["a/b", 1]', /only strings/]
  ])('refuses %s', async (_, list, message) => {
    const { status, stdout, outputs } = await bash(plan, {
      REPOSITORIES: list,
      REPOSITORIES_FILE: '',
      CHUNK_SIZE: '256'
    })
    expect(status).toBe(1)
    expect(stdout).toMatch(message)
    expect(outputs.chunks).toBeUndefined()
  })

  it('refuses a repositories-file that does not exist', async () => {
    const { status, stdout } = await bash(plan, {
      REPOSITORIES: '',
      REPOSITORIES_FILE: 'missing.txt',
      CHUNK_SIZE: '256'
    })
    expect(status).toBe(1)
    expect(stdout).toMatch(/repositories-file 'missing.txt' is not a file/)
  })
})

describe('fleet-scan.yml: naming the artifact and the repository', () => {
  it('owner__name after the prefix', async () => {
    const names = script('.github/workflows/fleet-scan.yml', 'scan', 'names')
    const { outputs } = await bash(names, {
      REPOSITORY: 'octo-org/api.v2',
      PREFIX: 'hardening-fleet-repo-'
    })
    expect(outputs.artifact).toBe('hardening-fleet-repo-octo-org__api.v2')
  })

  const record = script('.github/workflows/fleet-scan.yml', 'scan', "Record the repository's name")
  const env = { REPOSITORY: 'octo-org/api', COMMIT: 'a'.repeat(40) }

  it('writes repository.json next to the reports', async () => {
    const { status, cwd } = await bash(record, env)
    expect(status).toBe(0)
    expect(
      JSON.parse(readFileSync(path.join(cwd, 'hardening-results/repository.json'), 'utf8'))
    ).toEqual({
      repository: 'octo-org/api',
      commit: 'a'.repeat(40)
    })
  })

  it('never writes through links the scanned repository committed', async () => {
    const outside = path.join(scratch, 'outside')
    mkdirSync(outside)
    const { status, cwd } = await bash(record, env, (dir) => {
      symlinkSync(outside, path.join(dir, 'hardening-results'))
    })
    expect(status).toBe(0)
    expect(lstatSync(path.join(cwd, 'hardening-results')).isDirectory()).toBe(true)
    expect(existsSync(path.join(outside, 'repository.json'))).toBe(false)

    const victim = path.join(scratch, 'victim.txt')
    writeFileSync(victim, 'untouched')
    const linked = await bash(record, env, (dir) => {
      mkdirSync(path.join(dir, 'hardening-results'))
      symlinkSync(victim, path.join(dir, 'hardening-results', 'repository.json'))
    })
    expect(linked.status).toBe(0)
    expect(readFileSync(victim, 'utf8')).toBe('untouched')
  })
})

describe('fleet-report.yml: finding the previous report', () => {
  const find = script('.github/workflows/fleet-report.yml', 'merge', 'previous')

  /** A loopback stand-in for GET /repos/{owner}/{repo}/actions/artifacts, answering `body`. */
  async function api(status: number, body: unknown) {
    const requests: Array<{ url: string; headers: IncomingHttpHeaders }> = []
    const server = createServer((request, response) => {
      requests.push({ url: request.url ?? '', headers: request.headers })
      response.writeHead(status, { 'content-type': 'application/json' })
      response.end(JSON.stringify(body))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    return { url, requests, close: () => new Promise((resolve) => server.close(resolve)) }
  }
  const artifact = (runId: number, created: string, expired = false) => ({
    name: 'hardening-fleet',
    expired,
    created_at: created,
    workflow_run: { id: runId }
  })
  const TOKEN = 'ghs_notarealtoken0123456789'
  const env = (url: string) => ({
    GITHUB_API_URL: url,
    GITHUB_REPOSITORY: 'octo-org/platform',
    GITHUB_RUN_ID: '300',
    GH_TOKEN: TOKEN,
    REPORT_NAME: 'hardening-fleet'
  })

  it('picks the newest unexpired artifact of another run, asking with the token in a header', async () => {
    const server = await api(200, {
      total_count: 4,
      artifacts: [
        artifact(300, '2026-12-08T05:00:00Z'),
        artifact(250, '2026-12-07T05:00:00Z', true),
        artifact(200, '2026-12-01T05:00:00Z'),
        artifact(100, '2026-11-24T05:00:00Z')
      ]
    })
    try {
      const { status, outputs, stdout } = await bash(find, env(server.url))
      expect(status).toBe(0)
      expect(outputs['run-id']).toBe('200')
      expect(stdout).not.toContain(TOKEN)
      expect(server.requests).toHaveLength(1)
      expect(server.requests[0].url).toBe(
        '/repos/octo-org/platform/actions/artifacts?name=hardening-fleet&per_page=100'
      )
      expect(server.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`)
    } finally {
      await server.close()
    }
  })

  it.each([
    [
      'no earlier artifact',
      200,
      { total_count: 0, artifacts: [] },
      /No earlier 'hardening-fleet' artifact/
    ],
    [
      'only this run and expired ones',
      200,
      { artifacts: [artifact(300, 'x'), artifact(1, 'y', true)] },
      /No earlier/
    ],
    ['an API error', 500, { message: 'boom' }, /Could not list earlier 'hardening-fleet' artifacts/]
  ])('%s is a notice, not a failure', async (_, status, body, notice) => {
    const server = await api(status, body)
    try {
      const run = await bash(find, env(server.url))
      expect(run.status).toBe(0)
      expect(run.stdout).toMatch(new RegExp(`::notice::.*${notice.source}`))
      expect(run.outputs['run-id']).toBeUndefined()
    } finally {
      await server.close()
    }
  })
})

describe('fleet-report.yml: the Merge step with the bundled CLI (npm run bundle first)', () => {
  const merge = script('.github/workflows/fleet-report.yml', 'merge', 'Merge')
  const finding1 = finding({ ruleId: 'HardeningPssPrivileged', resource: 'Deployment/api' })
  const finding2 = finding({ ruleId: 'HardeningPssPrivileged', resource: 'Deployment/worker' })

  /** The job's working directory: the CLI checkout, this run's downloads and the previous report. */
  function workspace(cwd: string, previous?: string) {
    symlinkSync(root, path.join(cwd, '.hardening-action'))
    const current = path.join(cwd, 'fleet-current')
    const api = writeRepository(current, 'hardening-fleet-repo-o__api', {
      repository: 'o/api',
      findings: [finding1, finding2],
      failed: true
    })
    writeFileSync(path.join(api, 'results.sarif'), '{}')
    const web = writeRepository(current, 'hardening-fleet-repo-o__web', {
      repository: 'o/web',
      findings: [],
      failed: false
    })
    rmSync(path.join(web, 'findings.json'))
    symlinkSync('/etc/hostname', path.join(web, 'findings.json'))
    if (previous) cpSync(previous, path.join(cwd, 'fleet-previous'), { recursive: true })
  }

  it('writes the summary and the report, and keeps what the next run compares with', async () => {
    const first = await bash(merge, { LABEL: 'run 1', GITHUB_STEP_SUMMARY: 'summary.md' }, (cwd) =>
      workspace(cwd)
    )
    expect(first.status).toBe(0)
    const report = path.join(first.cwd, 'fleet-report')
    const summary = readFileSync(path.join(first.cwd, 'summary.md'), 'utf8')
    expect(summary).toBe(readFileSync(path.join(report, 'fleet.md'), 'utf8'))
    expect(summary).toContain('**2** repositories: **1** fail the gate, 1 could not be read.')
    expect(listFiles(report)).toEqual([
      'fleet.html',
      'fleet.json',
      'fleet.md',
      'hardening-fleet-repo-o__api/findings.json',
      'hardening-fleet-repo-o__api/repository.json',
      // The link to /etc/hostname was not followed: web has no findings to compare with.
      'hardening-fleet-repo-o__web/repository.json'
    ])
    const kept = JSON.parse(
      readFileSync(path.join(report, 'hardening-fleet-repo-o__api', 'findings.json'), 'utf8')
    ) as { findings: object[] }
    expect(kept.findings.length).toBeGreaterThan(0)
    for (const f of kept.findings)
      expect(Object.keys(f).sort()).toEqual(['fingerprint', 'ruleId', 'severity'])

    const second = await bash(merge, { LABEL: 'run 2', GITHUB_STEP_SUMMARY: 'summary.md' }, (cwd) =>
      workspace(cwd, report)
    )
    expect(second.status).toBe(0)
    const doc = JSON.parse(
      readFileSync(path.join(second.cwd, 'fleet-report', 'fleet.json'), 'utf8')
    ) as { history: Array<{ label: string }>; summary: { change: unknown } }
    expect(doc.history.map((p) => p.label)).toEqual(['run 1', 'run 2'])
    expect(doc.summary.change).toEqual({ new: 0, fixed: 0 })
  })
})

describe('fleet permissions', () => {
  const reusable = (file: string) => parseWorkflowYaml(readText(`.github/workflows/${file}`))

  it.each([
    ['workflows/fleet.yml', 'fleet.yml'],
    ['.github/workflows/fleet.yml', 'fleet-scan.yml'],
    ['.github/workflows/fleet.yml', 'fleet-report.yml'],
    ['workflows/weekly.yml', 'fleet-report.yml']
  ])('%s grants every call to %s what its jobs request', (caller, called) => {
    expect(grantProblems(parseWorkflowYaml(readText(caller)), reusable(called), called)).toEqual([])
  })

  it('the scan jobs, which run on the fleet repositories, hold a read-only token', () => {
    const scan = reusable('fleet-scan.yml').jobs as Record<string, { permissions: unknown }>
    expect(scan.scan.permissions).toEqual({ contents: 'read' })
  })

  it('a caller that does not grant actions: read is caught', () => {
    const caller = parseWorkflowYaml(
      readText('workflows/fleet.yml').replace(/ {6}actions: read.*\n/, '')
    )
    expect(grantProblems(caller, reusable('fleet.yml'), 'fleet.yml')).toEqual([
      'job fleet: grants actions: none, the reusable workflow requests read'
    ])
  })
})

// The real actionlint (pinned in tools/actionlint, built into .tools/bin by scripts/setup.sh) with
// shellcheck on every run: script, over every workflow in .github/workflows/ and workflows/. It runs
// from the repository root so `uses: ./` is checked against action.yml and local reusable
// workflow calls against their inputs.
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { root, workflowFiles } from './checks.js'

const run = promisify(execFile)
const actionlint = path.join(root, '.tools', 'bin', 'actionlint')

function shellcheckPath(): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'shellcheck')
    if (dir && existsSync(candidate)) return candidate
  }
  return ''
}

interface LintError {
  message: string
  filepath: string
  line: number
  column: number
  kind: string
}

async function lint(cwd: string, files: string[]): Promise<LintError[]> {
  const shellcheck = shellcheckPath()
  if (!shellcheck)
    throw new Error('shellcheck is not on PATH (apt-get install shellcheck; .ci/run does)')
  if (!existsSync(actionlint))
    throw new Error(`${actionlint} is missing: run bash scripts/setup.sh`)
  try {
    const { stdout } = await run(
      actionlint,
      ['-format', '{{json .}}', '-shellcheck', shellcheck, '-pyflakes', '', ...files],
      {
        cwd,
        maxBuffer: 16 * 1024 * 1024
      }
    )
    return JSON.parse(stdout || '[]') as LintError[]
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string }
    // Exit code 1 means "problems found" with the list on stdout; anything else is a failure to run.
    if (failed.code === 1 && failed.stdout) return JSON.parse(failed.stdout) as LintError[]
    throw new Error(
      `actionlint failed to run (exit ${String(failed.code)}): ${failed.stderr ?? ''}`,
      { cause: error }
    )
  }
}

const format = (errors: LintError[]) =>
  errors.map((e) => `${e.filepath}:${e.line}:${e.column}: ${e.message} [${e.kind}]`)

describe('actionlint with shellcheck', () => {
  it('every workflow is clean', async () => {
    const files = workflowFiles()
    expect(files.length).toBeGreaterThanOrEqual(7)
    expect(format(await lint(root, files))).toEqual([])
  })

  const scratch = mkdtempSync(path.join(os.tmpdir(), 'actionlint-'))
  afterAll(() => rmSync(scratch, { recursive: true, force: true }))

  it('reports shellcheck findings, untrusted expressions and bad inputs in a bad workflow', async () => {
    // actionlint finds the project (and so `uses: ./`) by its .git directory.
    mkdirSync(path.join(scratch, '.git'))
    mkdirSync(path.join(scratch, '.github', 'workflows'), { recursive: true })
    writeFileSync(path.join(scratch, 'index.js'), '')
    writeFileSync(
      path.join(scratch, 'action.yml'),
      'name: x\ndescription: x\ninputs:\n  known:\n    description: x\nruns:\n  using: node24\n  main: index.js\n'
    )
    const bad = path.join(scratch, '.github', 'workflows', 'bad.yml')
    writeFileSync(
      bad,
      `on: pull_request
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: echo $UNQUOTED
      - run: echo "\${{ github.event.pull_request.title }}"
      - uses: ./
        with:
          unknown: x
      - run: echo "\${{ steps.nothere.outputs.x }}"
`
    )
    const messages = format(await lint(scratch, ['.github/workflows/bad.yml'])).join('\n')
    expect(messages).toMatch(/SC2086/) // shellcheck ran on the run: script
    expect(messages).toMatch(/github\.event\.pull_request\.title.*untrusted/)
    expect(messages).toMatch(/input "unknown" is not defined/)
    expect(messages).toMatch(/nothere/)
  })
})

/* eslint-disable no-control-regex -- these tests look for escape sequences on purpose */
// What `hardening scan` and `hardening fix` show while they work: on a real pseudo-terminal
// (util-linux `script`) one line rewritten in place, elsewhere one plain line per stage.
import { execFile, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { CLI, runCli } from '../harness/cli.js'
import { hasTool, TOOLS_BIN } from '../harness/paths.js'

const execFileAsync = promisify(execFile)
const hasScript = spawnSync('script', ['--version']).status === 0
const hasTools = hasTool('conftest') && hasTool('trivy')

const dir = mkdtempSync(path.join(os.tmpdir(), 'progress-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
mkdirSync(path.join(dir, 'deploy'))
writeFileSync(
  path.join(dir, 'deploy', 'pod.yaml'),
  `apiVersion: v1
kind: Pod
metadata:
  name: root-shell
spec:
  containers:
    - name: shell
      image: busybox:1.36
      securityContext:
        privileged: true
`
)

/** The environment of a person's shell: no CI, a terminal type that takes escapes. */
const terminalEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${TOOLS_BIN}${path.delimiter}${process.env.PATH}`,
    RUNNER_TOOL_CACHE: path.join(dir, '.tool-cache'),
    TERM: 'xterm'
  }
  delete env.CI
  delete env.GITHUB_ACTIONS
  return env
}

/** `script` takes one command line for `sh -c`; every word of ours is quoted. */
const shellWord = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`

/** Runs the CLI with standard error (and output) on a pseudo-terminal; returns what it showed. */
async function onTerminal(args: string[]): Promise<string> {
  // A wide terminal: the live line is cut to its width, and what it names must fit whatever the
  // timing (with conftest done first, the line is longer when Trivy starts).
  const command = `stty cols 400; ${[process.execPath, CLI, ...args].map(shellWord).join(' ')}`
  try {
    const { stdout } = await execFileAsync('script', ['-qec', command, '/dev/null'], {
      cwd: dir,
      env: terminalEnv(),
      maxBuffer: 16 << 20
    })
    return stdout
  } catch (error) {
    // The gate fails on the privileged pod (exit 1): what was shown is what matters here.
    return (error as { stdout: string }).stdout
  }
}

const LIVE_LINE = '\r\u001b[2K['

describe.skipIf(!hasTools && !process.env.HARNESS_REQUIRE_TOOLS)('progress on the CLI', () => {
  it.skipIf(!hasScript)(
    'scan: a live line on a terminal, rewritten in place, naming each Trivy target',
    async () => {
      const shown = await onTerminal(['scan', 'deploy', '--scanners', 'policies,trivy-config'])
      expect(shown).toContain(LIVE_LINE)
      expect(shown).toMatch(/\[\d+\.\d s\] install tools/)
      expect(shown).toMatch(/\[\d+\.\d s\] scan · [^\r]*running: [^\r]*trivy config deploy/)
      expect(shown).toMatch(/files read 1/)
      expect(shown).toMatch(/done in \d+\.\d s \(install tools [\d.]+ s, scan [\d.]+ s, reports/)
      // The line is cleared before the report, which starts on a line of its own.
      expect(shown).toMatch(/\r\u001b\[2Kdone in [^\n]*\n(\r?\n)*SEVERITY/)
    }
  )

  it.skipIf(!hasScript)('fix: the same live line', async () => {
    const shown = await onTerminal(['fix', 'deploy', '--dry-run', '--offline'])
    expect(shown).toContain(LIVE_LINE)
    expect(shown).toMatch(/\[\d+\.\d s\] scan · [^\r]*resources evaluated 1/)
    expect(shown).toMatch(/done in \d+\.\d s \(install tools [\d.]+ s, scan [\d.]+ s, plan fixes/)
  })

  it('without a terminal: one plain line per stage with its duration, no escapes', async () => {
    const { code, stderr } = await runCli(dir, [
      'scan',
      'deploy',
      '--scanners',
      'policies,trivy-config'
    ])
    expect(code).toBe(1)
    expect(stderr).toMatch(/^install tools: \d+\.\d\d s$/m)
    expect(stderr).toMatch(
      /^scan: \d+\.\d\d s \(files read 1, resources evaluated 1, 2 targets\)$/m
    )
    expect(stderr).toMatch(/^reports: \d+\.\d\d s$/m)
    expect(stderr).not.toMatch(/[\r\u001b]/)
  })

  it.skipIf(!hasScript)('on a terminal under CI=true: plain lines too', async () => {
    const command = [process.execPath, CLI, 'fix', 'deploy', '--dry-run', '--offline']
      .map(shellWord)
      .join(' ')
    const { stdout } = await execFileAsync('script', ['-qec', command, '/dev/null'], {
      cwd: dir,
      env: { ...terminalEnv(), CI: 'true' },
      maxBuffer: 16 << 20
    }).catch((error: { stdout: string }) => error)
    expect(stdout).not.toContain(LIVE_LINE)
    expect(stdout).toMatch(
      /^scan: \d+\.\d\d s \(files read 1, resources evaluated 1, 1 target\)\r?$/m
    )
  })
})

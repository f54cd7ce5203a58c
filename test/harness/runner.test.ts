// The runner emulation: a probe action built on @actions/core / @actions/github (the toolkit
// the real action uses) sees exactly what the Actions runner would give it, under Node 20 and
// (once installed) Node 24.
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { HARNESS_DIR } from './paths.js'
import {
  availableNodes,
  inputEnvName,
  parseFileCommand,
  runAction,
  type ActionRun
} from './runner.js'

const probe = path.join(HARNESS_DIR, 'fixtures', 'probe-action')
const base = { entry: path.join(probe, 'index.mjs'), actionYml: path.join(probe, 'action.yml') }

describe.each(availableNodes())('runner emulation ($name)', ({ path: node }) => {
  const runs: ActionRun[] = []
  afterEach(() => runs.splice(0).forEach((r) => r.cleanup()))
  const go = async (o: Parameters<typeof runAction>[0]): Promise<ActionRun> => {
    const r = await runAction({ ...base, node, ...o })
    runs.push(r)
    return r
  }

  it('maps inputs, applies action.yml defaults, and parses outputs, summary and annotations', async () => {
    const r = await go({
      inputs: { 'scan-path': 'manifests/' },
      event: 'pull_request',
      token: 'ghs_abc'
    })
    expect(r.exitCode, r.stderr).toBe(0)
    expect(r.env[inputEnvName('fail on severity')]).toBe('high')
    expect(r.env['INPUT_SCAN-PATH']).toBe('manifests/')
    expect(r.outputs).toMatchObject({
      token: 'ghs_abc',
      'scan-path': 'manifests/',
      'fail-on-severity': 'high',
      event: 'pull_request',
      ref: 'refs/pull/7/merge',
      repo: 'octo-org/demo-app',
      issue: '7',
      fork: 'false',
      cwd: r.workspace,
      multiline: 'line one\nline two\n'
    })
    expect(r.outputs.node).toBe(node === process.execPath ? process.version : r.outputs.node)
    expect(r.summary).toContain('Probe summary')
    expect(r.exportedEnv).toEqual({ PROBE_EXPORTED: 'yes' })
    expect(r.state).toEqual({ 'probe-state': 'saved' })
    expect(r.addedPath).toEqual(['/opt/probe/bin'])
    expect(r.warnings).toEqual([
      {
        command: 'warning',
        properties: { file: 'deploy/app.yaml', line: '12', title: 'probe' },
        message: 'a warning with a location'
      }
    ])
    expect(r.errors[0]).toMatchObject({
      properties: { file: 'deploy/app.yaml', line: '3' },
      message: 'an error, with: punctuation'
    })
  })

  it.each([
    ['pull_request', { fork: true }, { ref: 'refs/pull/7/merge', fork: 'true', issue: '7' }],
    ['push', {}, { ref: 'refs/heads/main', fork: 'false', issue: '' }],
    ['schedule', {}, { ref: 'refs/heads/main', fork: 'false', issue: '' }],
    [
      'workflow_dispatch',
      { branch: 'release' },
      { ref: 'refs/heads/release', fork: 'false', issue: '' }
    ]
  ] as const)('emulates a %s event', async (event, eventOptions, expected) => {
    const r = await go({ event, eventOptions })
    expect(r.exitCode, r.stderr).toBe(0)
    expect(r.outputs).toMatchObject({ event, ...expected })
    expect(r.outputs.sha).toMatch(/^[0-9a-f]{40}$/)
  })

  it('reports failure through the exit code and an error annotation', async () => {
    const r = await go({ inputs: { fail: true } })
    expect(r.exitCode).toBe(1)
    expect(r.errors.map((e) => e.message)).toContain('probe asked to fail')
  })
})

describe('file command parsing', () => {
  it('parses key=value and heredoc entries', () => {
    expect(parseFileCommand('a=1\nb<<ghadelimiter_x\nl1\nl2\nghadelimiter_x\nc=x=y\n')).toEqual({
      a: '1',
      b: 'l1\nl2',
      c: 'x=y'
    })
    expect(() => parseFileCommand('b<<EOF\nunterminated\n')).toThrow(/closing delimiter/)
  })
})

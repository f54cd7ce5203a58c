// A file name is the pull request's to choose, and Linux allows escape sequences in it: on a
// terminal, one could clear the screen or repaint the verdict of `hardening scan`. The table and
// the log show such characters as escapes, and the finding is still reported.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../harness/cli.js'
import { hasTool } from '../harness/paths.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'terminal-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const PRIVILEGED_POD = `apiVersion: v1
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

describe.skipIf(!hasTool('conftest') && !process.env.HARNESS_REQUIRE_TOOLS)(
  'terminal output',
  () => {
    it('shows escape sequences in file names instead of sending them to the terminal', async () => {
      mkdirSync(path.join(dir, 'deploy'))
      // clear screen, home, then a fake verdict; and an unreadable manifest for the log
      const name = 'pod\u001b[2J\u001b[H\rPASSED: 0 finding(s)\u001b[8m.yaml'
      writeFileSync(path.join(dir, 'deploy', name), PRIVILEGED_POD)
      writeFileSync(
        path.join(dir, 'deploy', 'bad\u001b[31m.yaml'),
        'apiVersion: v1\nkind: Pod\n\tx: [\n'
      )
      const { code, stdout, stderr } = await runCli(dir, [
        'scan',
        'deploy',
        '--scanners',
        'policies'
      ])
      expect(code).toBe(1)
      for (const output of [stdout, stderr]) {
        expect(output).not.toContain('\u001b')
        expect(output).not.toContain('\r')
      }
      expect(stdout).toContain('HardeningPSSPrivileged')
      expect(stdout).toContain(
        'deploy/pod\\u001b[2J\\u001b[H\\u000dPASSED: 0 finding(s)\\u001b[8m.yaml'
      )
      expect(stdout).toMatch(/^FAILED: /m)
      expect(`${stdout}${stderr}`).toContain('bad\\u001b[31m.yaml')
    })
  }
)

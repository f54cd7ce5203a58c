// A binary in a trusted tool directory is asked its version once per file, not once per run;
// any change to the file asks again.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { installTool } from '../../src/tools/install.js'

let dir: string
const previousCache = process.env.RUNNER_TOOL_CACHE
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'trusted-version-'))
  process.env.RUNNER_TOOL_CACHE = path.join(dir, 'tool-cache')
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
  if (previousCache === undefined) delete process.env.RUNNER_TOOL_CACHE
  else process.env.RUNNER_TOOL_CACHE = previousCache
})

/** A `trivy` that records each start and reports `version`. */
function fakeTrivy(version: string): { binary: string; starts: () => number } {
  const binary = path.join(dir, 'trivy')
  const log = path.join(dir, 'starts')
  writeFileSync(binary, `#!/bin/sh\necho start >> '${log}'\necho "Version: ${version}"\n`)
  chmodSync(binary, 0o755)
  return {
    binary,
    starts: () => readFileSync(log, 'utf8').split('\n').filter(Boolean).length
  }
}

const install = () =>
  installTool('trivy', '0.74.0', {
    releaseBaseUrl: 'https://github.com',
    platform: 'linux-x64',
    log: { info: () => {}, warning: () => {}, debug: () => {} },
    trustedDirs: [dir]
  })

it('asks a trusted binary its version once, and again after the file changed', async () => {
  const trivy = fakeTrivy('0.74.0')
  expect(await install()).toMatchObject({ path: trivy.binary, source: 'trusted-dir' })
  expect(await install()).toMatchObject({ path: trivy.binary, source: 'trusted-dir' })
  expect(trivy.starts()).toBe(1)
  // Rewritten in place with the same bytes: a new change time, so it is asked again.
  writeFileSync(trivy.binary, readFileSync(trivy.binary))
  await install()
  expect(trivy.starts()).toBe(2)
})

// Runs the policies scanner through the pipeline with a chosen PATH, so a test decides which of
// kustomize, kubectl and helm the run finds (the action renders with what the runner has).
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { readConfig } from '../../src/config/inputs.js'
import { stderrLogger } from '../../src/log.js'
import { runPipeline } from '../../src/pipeline.js'
import { REPO_ROOT, TOOLS_BIN } from '../harness/paths.js'

/** `inputs` as action inputs (scanner `policies`, bundle `image-hygiene` unless given). */
export async function scanWithPath(
  inputs: Record<string, string>,
  pathEnv: string,
  workspace = REPO_ROOT
) {
  const saved = process.env.PATH
  process.env.PATH = pathEnv
  process.env.RUNNER_TOOL_CACHE ??= mkdtempSync(path.join(os.tmpdir(), 'tool-cache-'))
  try {
    const all: Record<string, string> = {
      scanners: 'policies',
      'policy-bundle': 'image-hygiene',
      ...inputs
    }
    // .tools/bin is inside REPO_ROOT, which the trusted-tool-dir input refuses; set it directly.
    const config = {
      ...readConfig((name) => all[name] ?? '', workspace),
      trustedToolDirs: [TOOLS_BIN],
      // reports outside the checkout (the output-dir input must stay inside it)
      outputDir: mkdtempSync(path.join(os.tmpdir(), 'render-out-'))
    }
    return await runPipeline(config, {
      log: stderrLogger(),
      actionRoot: REPO_ROOT,
      actionVersion: 'test'
    })
  } finally {
    process.env.PATH = saved
  }
}

/** PATH with the built tools first. */
export const WITH_TOOLS = `${TOOLS_BIN}${path.delimiter}${process.env.PATH}`

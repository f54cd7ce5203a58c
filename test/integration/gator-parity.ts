// The parity harness: the same templates, constraints and objects through `gator test` and
// through the engine (the pipeline with the policies scanner), each reduced to one line per
// violation (constraint | resource | enforcement action | message) so the two compare exactly.
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect } from 'vitest'
import { readConfig } from '../../src/config/inputs.js'
import { stderrLogger } from '../../src/log.js'
import { runPipeline } from '../../src/pipeline.js'
import { runTool } from '../../src/util/run-tool.js'
import { REPO_ROOT, TOOLS_BIN } from '../harness/paths.js'

interface GatorResult {
  msg: string
  enforcementAction: string
  constraint: { kind: string; metadata: { name: string } }
  violatingObject: { kind: string; metadata: { name: string; namespace?: string } }
}

const key = (constraint: string, resource: string, action: string, msg: string) =>
  `${constraint} | ${resource} | ${action} | ${msg}`

export async function gatorViolations(files: string[]): Promise<string[]> {
  const args = ['test', '--output=json', ...files.flatMap((file) => ['-f', file])]
  // gator exits 1 when a deny violation exists; the JSON is the result either way. Its stdin
  // must be closed: gator reads resources from a piped stdin.
  const { stdout } = await runTool(path.join(TOOLS_BIN, 'gator'), args, {
    timeoutMs: 120_000,
    okExitCodes: [0, 1]
  })
  const results = (JSON.parse(stdout || '[]') ?? []) as GatorResult[]
  return results
    .map((r) =>
      key(
        `${r.constraint.kind}/${r.constraint.metadata.name}`,
        [
          r.violatingObject.kind,
          r.violatingObject.metadata.namespace,
          r.violatingObject.metadata.name
        ]
          .filter(Boolean)
          .join('/'),
        r.enforcementAction,
        r.msg
      )
    )
    .sort()
}

/** The pipeline with only the policies scanner, `policies` as the extra policies input. */
export async function scanPolicies(manifests: string, bundle: string, policies: string) {
  process.env.PATH = `${TOOLS_BIN}${path.delimiter}${process.env.PATH}`
  process.env.RUNNER_TOOL_CACHE ??= mkdtempSync(path.join(os.tmpdir(), 'tool-cache-'))
  const inputs: Record<string, string> = {
    scanners: 'policies',
    manifests,
    'policy-bundle': bundle,
    policies,
    'policy-enforcement': 'as-declared'
  }
  // .tools/bin is inside REPO_ROOT, which the trusted-tool-dir input refuses; set it directly.
  const config = {
    ...readConfig((name) => inputs[name] ?? '', REPO_ROOT),
    trustedToolDirs: [TOOLS_BIN],
    // reports outside the checkout (the output-dir input must stay inside it)
    outputDir: mkdtempSync(path.join(os.tmpdir(), 'parity-out-'))
  }
  const result = await runPipeline(config, {
    log: stderrLogger(),
    actionRoot: REPO_ROOT,
    actionVersion: 'test'
  })
  expect(result.outcomes.flatMap((o) => (o.error ? [o.error] : []))).toEqual([])
  return result
}

export async function engineViolations(
  manifests: string,
  bundle: string,
  policies: string
): Promise<string[]> {
  const result = await scanPolicies(manifests, bundle, policies)
  return result.findings
    .map((f) => key(f.constraint ?? '', f.resource, f.enforcementAction ?? '', f.message))
    .sort()
}

// Scans a directory with the real policies scanner (conftest from .tools/bin) and plans fixes for
// what it finds, the way `hardening fix` does; applies a plan to the files.
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { readConfig } from '../../src/config/inputs.js'
import type { Finding } from '../../src/findings/model.js'
import type { FixPlan } from '../../src/fix/model.js'
import { planFixes, type FixOptions } from '../../src/fix/plan.js'
import { applyLineEdits, SourceText } from '../../src/fix/source.js'
import { policiesScanner } from '../../src/scanners/policies.js'
import type { ScanContext } from '../../src/scanners/scanner.js'
import { BUILT_CONFTEST, REPO_ROOT, TOOLS_BIN } from '../harness/paths.js'

const silent = { info() {}, warning() {}, debug() {} }

/** A scan context over `workspace` with the bundled policies (plus `policies`, a workspace dir). */
export function scanContext(
  workspace: string,
  inputs: Record<string, string> = {}
): Omit<ScanContext, 'workDir'> {
  process.env.PATH = `${TOOLS_BIN}${path.delimiter}${process.env.PATH}`
  const config = readConfig(
    (name) => ({ scanners: 'policies', 'output-dir': 'out', ...inputs })[name] ?? '',
    workspace
  )
  return {
    config,
    tools: {
      conftest: BUILT_CONFTEST
    },
    actionRoot: REPO_ROOT,
    log: silent,
    timeoutMs: 120_000
  }
}

export async function scan(context: Omit<ScanContext, 'workDir'>): Promise<Finding[]> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'fix-test-scan-'))
  try {
    const [outcome] = await policiesScanner.run({ ...context, workDir })
    if (outcome?.error) throw new Error(outcome.error)
    return outcome!.findings
  } finally {
    await rm(workDir, { recursive: true, force: true })
  }
}

/** Writes `files` (relative path → text) into a fresh temporary workspace. */
export async function workspaceWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fix-test-ws-'))
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true })
    await writeFile(path.join(dir, file), text)
  }
  return dir
}

export async function scanAndPlan(
  workspace: string,
  options: Omit<FixOptions, 'context'> = {},
  inputs: Record<string, string> = {}
): Promise<{ findings: Finding[]; plan: FixPlan; context: Omit<ScanContext, 'workDir'> }> {
  const context = scanContext(workspace, inputs)
  const findings = await scan(context)
  return { findings, plan: await planFixes(findings, { ...options, context }), context }
}

/** Applies a plan's edits to the workspace's files; returns each fixed file's text by path. */
export async function applyPlan(workspace: string, plan: FixPlan): Promise<Map<string, string>> {
  const fixed = new Map<string, string>()
  for (const fix of plan.fixes) {
    const file = path.join(workspace, fix.path)
    const text = applyLineEdits(new SourceText(await readFile(file, 'utf8')), fix.edits)
    await writeFile(file, text)
    fixed.set(fix.path, text)
  }
  return fixed
}

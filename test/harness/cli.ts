// Runs the bundled CLI (dist/cli/index.js; `npm run bundle` first) the way a user would, with the
// pinned tools from .tools/bin on PATH.
import { execFile } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { REPO_ROOT, TOOLS_BIN } from './paths.js'

const execFileAsync = promisify(execFile)
export const CLI = path.join(REPO_ROOT, 'dist', 'cli', 'index.js')
/** The tool cache lives outside the scanned directory, as a user's does (~/.cache). */
const TOOL_CACHE = mkdtempSync(path.join(os.tmpdir(), 'hardening-cli-tool-cache-'))

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/**
 * `hardening ARGS` in `cwd`; `env` adds to (or, with undefined, removes from) the environment;
 * `entry` is the CLI script to run (an installed copy, say).
 */
export async function runCli(
  cwd: string,
  args: string[],
  env: Record<string, string | undefined> = {},
  entry = CLI
): Promise<CliRun> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [entry, ...args], {
      cwd,
      env: {
        ...process.env,
        PATH: `${TOOLS_BIN}${path.delimiter}${process.env.PATH}`,
        RUNNER_TOOL_CACHE: TOOL_CACHE,
        ...env
      },
      maxBuffer: 64 << 20
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

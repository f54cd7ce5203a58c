// Well-known locations used by the harness. Everything is relative to the repository root.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { INPUT_DEFAULTS } from '../../src/config/inputs.js'
import type { InstalledTool } from '../../src/tools/install.js'

export const HARNESS_DIR = path.dirname(fileURLToPath(import.meta.url))
export const REPO_ROOT = path.resolve(HARNESS_DIR, '..', '..')
/** Binaries built by `npm run tools` (scripts/build-tools.sh). Override with HARNESS_TOOLS_BIN. */
export const TOOLS_BIN = process.env.HARNESS_TOOLS_BIN ?? path.join(REPO_ROOT, '.tools', 'bin')
/** Fixture cache (git-ignored). Override with HARNESS_CACHE_DIR. */
export const CACHE_DIR = process.env.HARNESS_CACHE_DIR ?? path.join(REPO_ROOT, '.cache', 'harness')
export const FIXTURES_DIR = path.join(HARNESS_DIR, 'fixtures')
export const GO_DIR = path.join(HARNESS_DIR, 'go')

/** Node 20 is the node running the tests; Node 24 is installed by the lead under .tools/node24. */
export const NODE20 = process.execPath
export const NODE24 =
  process.env.HARNESS_NODE24 ??
  path.join(REPO_ROOT, '.tools', 'node24', 'node_modules', 'node', 'bin', 'node')

export function tool(name: string): string {
  return path.join(TOOLS_BIN, name)
}

export function hasTool(name: string): boolean {
  return existsSync(tool(name))
}

/** Throws a clear message when a tool binary is missing (run `npm run tools`). */
export function requireTool(name: string): string {
  const p = tool(name)
  if (!existsSync(p)) {
    throw new Error(`harness: ${p} is missing; build it with \`npm run tools -- ${name}\``)
  }
  return p
}

/** The conftest of .tools/bin as the scanners take it: trusted, at the action's default version. */
export const BUILT_CONFTEST = {
  name: 'conftest',
  version: INPUT_DEFAULTS['conftest-version'],
  path: path.join(TOOLS_BIN, 'conftest'),
  source: 'trusted-dir'
} satisfies InstalledTool

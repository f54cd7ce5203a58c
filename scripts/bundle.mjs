#!/usr/bin/env node
// Bundles the action (dist/index.js) and the CLI (dist/cli/index.js) with ncc as ES modules.
// --check: bundles into a temporary directory and fails when dist/ differs (dist/ is generated).
import { execFileSync } from 'node:child_process'
import {
  chmodSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const check = process.argv.includes('--check')
// Built beside dist/ and swapped in at the end, so dist/ is never half-built while tests run it.
const out = mkdtempSync(check ? path.join(os.tmpdir(), 'dist-check-') : path.join(root, '.dist-'))
const ncc = path.join(root, 'node_modules', '.bin', 'ncc')

for (const [entry, dir] of [
  ['src/index.ts', out],
  ['src/cli/index.ts', path.join(out, 'cli')]
]) {
  execFileSync(
    ncc,
    ['build', entry, '--out', dir, '--license', 'licenses.txt', '--target', 'es2022', '--quiet'],
    {
      cwd: root,
      stdio: 'inherit'
    }
  )
}
// Node reads dist/*.js as ES modules only with a package.json saying so.
writeFileSync(path.join(out, 'package.json'), '{\n  "type": "module"\n}\n')
// The CLI is package.json's `bin`: npm links it as an executable, which needs the interpreter line.
const cli = path.join(out, 'cli', 'index.js')
writeFileSync(cli, `#!/usr/bin/env node\n${readFileSync(cli, 'utf8')}`)
chmodSync(cli, 0o755)
if (!check) {
  rmSync(path.join(root, 'dist'), { recursive: true, force: true })
  renameSync(out, path.join(root, 'dist'))
}

if (check) {
  const differences = compare(out, path.join(root, 'dist'))
  rmSync(out, { recursive: true, force: true })
  if (differences.length > 0) {
    console.error(
      `dist/ is stale (${differences.join(', ')}). Run \`npm run bundle\` and commit dist/.`
    )
    process.exit(1)
  }
  console.log('dist/ is current.')
}

function compare(fresh, committed) {
  const list = (dir, base = dir) =>
    readdirSync(dir).flatMap((name) => {
      const file = path.join(dir, name)
      return statSync(file).isDirectory() ? list(file, base) : [path.relative(base, file)]
    })
  let committedFiles = []
  try {
    committedFiles = list(committed)
  } catch {
    return ['dist/ missing']
  }
  const freshFiles = list(fresh)
  const all = new Set([...freshFiles, ...committedFiles])
  return [...all].filter((file) => {
    try {
      return !readFileSync(path.join(fresh, file)).equals(readFileSync(path.join(committed, file)))
    } catch {
      return true
    }
  })
}

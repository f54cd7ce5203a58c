// Writes a generated file, or with --check on the command line compares it instead and exits 1
// when it is missing or stale (the test suite runs each generator's --check).
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** `file` is absolute; `generator` is the command that regenerates it, for the message. */
export function writeGenerated(file, text, generator) {
  if (!process.argv.includes('--check')) return writeFileSync(file, text)
  let current = ''
  try {
    current = readFileSync(file, 'utf8')
  } catch {
    // a missing file is stale too
  }
  if (current !== text) {
    console.error(`${path.relative(root, file)} is stale: run ${generator}`)
    process.exit(1)
  }
}

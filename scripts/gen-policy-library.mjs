#!/usr/bin/env node
// Writes policies/library.json: every bundle of the bundled policy library (policies/bundles/*),
// its files and their objects exactly as the engine's Kubernetes-exact YAML reader reads them, so
// a run parses one JSON file instead of re-reading the same YAML (see
// src/scanners/gatekeeper/bundled-library.ts, which also falls back to the YAML when a file no
// longer matches its SHA-256 here). The reader is the engine's own TypeScript, compiled into a
// private directory for this run (types are checked by tsc, not here).
// Usage: node scripts/gen-policy-library.mjs [--check]   (--check: exit 1 when the file is stale)
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import ts from 'typescript'
import { writeGenerated } from './generated-file.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const loader = path.join('src', 'scanners', 'gatekeeper', 'bundled-library')

// Inside the repository, so the compiled modules resolve their packages from its node_modules.
mkdirSync(path.join(root, '.cache'), { recursive: true })
const out = mkdtempSync(path.join(root, '.cache', 'gen-policy-library-'))
let generated
try {
  const { config } = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile)
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root)
  const emitted = ts
    .createProgram([path.join(root, `${loader}.ts`)], {
      ...options,
      noEmit: false,
      outDir: out,
      rootDir: root,
      declaration: false,
      sourceMap: false
    })
    .emit()
  if (emitted.emitSkipped) throw new Error(`could not compile ${loader}.ts`)
  writeFileSync(path.join(out, 'package.json'), '{ "type": "module" }\n')
  const module = await import(pathToFileURL(path.join(out, `${loader}.js`)).href)
  const bundles = readdirSync(path.join(root, 'policies', 'bundles'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
  generated = { module, library: await module.generateLibrary(root, bundles) }
} finally {
  rmSync(out, { recursive: true, force: true })
}
// After the clean-up: with --check, a stale file ends the process here.
const { module, library } = generated
writeGenerated(
  path.join(root, module.GENERATED_LIBRARY_FILE),
  `${JSON.stringify(library, null, 1)}\n`,
  `${module.GENERATED_LIBRARY_COMMAND} (after node scripts/gen-templates.mjs)`
)

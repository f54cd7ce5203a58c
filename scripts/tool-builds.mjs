#!/usr/bin/env node
// Writes docs/tool-builds.md: for each pinned tool, the dependencies linked into it at a version
// other than the one its release's go.mod names. Tools that share a module (tools/tools.tsv) get,
// by minimal version selection, the highest version any of them needs, so each shared package
// compiles once; this file makes that price reviewable.
// Usage: node scripts/tool-builds.mjs [--check]   (--check: exit 1 when the file is stale)
import { execFileSync } from 'node:child_process'
import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeGenerated } from './generated-file.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const output = path.join(root, 'docs', 'tool-builds.md')

const go = (args, dir, env = {}) =>
  execFileSync('go', args, {
    cwd: path.join(root, 'tools', dir),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: {
      ...process.env,
      GOTOOLCHAIN: 'local',
      GOFLAGS: '-mod=readonly',
      CGO_ENABLED: '0',
      ...env
    }
  })

const tools = readFileSync(path.join(root, 'tools', 'tools.tsv'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() && !line.startsWith('#'))
  .map((line) => {
    const [name, dir, module, pkg, tags, buildEnv] = line.split('\t')
    const env =
      buildEnv === '-' ? {} : Object.fromEntries(buildEnv.split(' ').map((kv) => kv.split('=')))
    return { name, dir, module, pkg, tags: tags === '-' ? '' : tags, env }
  })

/** Every module version's own requirements in a module's graph ("a@v b@w" lines). */
function requirementsByModule(dir) {
  const requirements = new Map()
  for (const line of go(['mod', 'graph'], dir).split('\n')) {
    const [from, to] = line.split(' ')
    if (!to) continue
    const at = to.lastIndexOf('@')
    if (!requirements.has(from)) requirements.set(from, new Map())
    requirements.get(from).set(to.slice(0, at), to.slice(at + 1))
  }
  return requirements
}

/**
 * What the tool's build compiles beyond the standard library: the modules (path → selected version)
 * whose packages are linked in, and each package's Go source size in bytes (import path → bytes).
 */
function compiledPackages(tool) {
  const format =
    '{{if not .Standard}}{{.ImportPath}}\t{{with .Module}}{{.Path}}\t{{.Version}}{{end}}\t{{.Dir}}\t{{join .GoFiles ","}}{{end}}'
  const args = ['list', '-deps', '-f', format]
  if (tool.tags) args.push('-tags', tool.tags)
  const modules = new Map()
  const sources = new Map()
  for (const line of go([...args, tool.pkg], tool.dir, tool.env).split('\n')) {
    const [importPath, modulePath, version, dir, files] = line.split('\t')
    if (!importPath) continue
    if (version) modules.set(modulePath, version)
    const bytes = files
      ? files.split(',').reduce((sum, file) => sum + statSync(path.join(dir, file)).size, 0)
      : 0
    sources.set(importPath, bytes)
  }
  return { modules, sources }
}

function render() {
  const graphs = new Map()
  const compiledPerModule = new Map()
  const megabytes = (bytes) => (bytes / 1e6).toFixed(1)
  const sumOf = (values) => [...values].reduce((sum, bytes) => sum + bytes, 0)
  let eachAlone = 0
  const rows = []
  const details = []
  for (const tool of tools) {
    const dir = `tools/${tool.dir}`
    const { modules, sources } = compiledPackages(tool)
    const compiled = compiledPerModule.get(dir) ?? new Map()
    for (const [importPath, bytes] of sources) compiled.set(importPath, bytes)
    compiledPerModule.set(dir, compiled)
    const bytes = sumOf(sources.values())
    eachAlone += bytes
    const size = megabytes(bytes)
    if (tool.pkg === '.' || tool.pkg.startsWith('./')) {
      rows.push(`| \`${tool.name}\` | ours | ${dir} | ${size} | | |`)
      continue
    }
    if (!graphs.has(tool.dir)) graphs.set(tool.dir, requirementsByModule(tool.dir))
    const version = modules.get(tool.module)
    const released = graphs.get(tool.dir).get(`${tool.module}@${version}`) ?? new Map()
    const differing = [...modules]
      .filter(
        ([modulePath, selected]) =>
          released.has(modulePath) && released.get(modulePath) !== selected
      )
      .sort(([a], [b]) => a.localeCompare(b))
    const label = `\`${tool.name}\`${tool.tags ? ` (tags: \`${tool.tags}\`)` : ''}`
    rows.push(
      `| ${label} | ${version} | ${dir} | ${size} | ${modules.size} | ${differing.length} |`
    )
    if (differing.length === 0) continue
    details.push(
      '',
      `## ${tool.name}`,
      '',
      '| module | release go.mod | built with |',
      '| --- | --- | --- |'
    )
    for (const [modulePath, selected] of differing) {
      details.push(`| ${modulePath} | ${released.get(modulePath)} | ${selected} |`)
    }
  }
  const onceEach = sumOf(
    [...compiledPerModule.values()].map((compiled) => sumOf(compiled.values()))
  )
  return (
    [
      '# How the pinned tools are built',
      '',
      '<!-- Generated by scripts/tool-builds.mjs from tools/tools.tsv and the go.mod files; do not edit. -->',
      '',
      "Each tool is its release version (the tool test checks every binary's version output). Tools that",
      'need the same libraries share a Go module (`tools/tools.tsv` says which and why), so a package they',
      'have in common compiles once: Go picks the highest version any of them needs. Below, for each tool,',
      'the Go source it compiles beyond the standard library (the size of the files `go list -deps` names,',
      'a proxy for its cold build time), how many modules are linked into it, and how many of those are',
      "built at another version than the tool's own release `go.mod` names; then, per tool, each such",
      'module. Minimal version selection only ever raises a version, so each difference is a newer version.',
      '',
      '| tool | version | module | Go source compiled (MB) | linked modules | built at another version |',
      '| --- | --- | --- | --- | --- | --- |',
      ...rows,
      '',
      `A cold build compiles ${megabytes(onceEach)} MB of Go source beyond the standard library, each package`,
      `once per module; built each in a module of its own, the tools would compile ${megabytes(eachAlone)} MB.`,
      ...details
    ].join('\n') + '\n'
  )
}

const text = render()
writeGenerated(output, text, 'node scripts/tool-builds.mjs')

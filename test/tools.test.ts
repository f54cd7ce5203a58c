// Each tool built by scripts/build-tools.sh reports exactly the version pinned in tools/<dir>/go.mod.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(__dirname, '..')
const bin = path.join(root, '.tools', 'bin')

interface Tool {
  name: string
  dir: string
  module: string
}

const tools: Tool[] = readFileSync(path.join(root, 'tools', 'tools.tsv'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() && !line.startsWith('#'))
  .map((line) => {
    const [name, dir, module] = line.split('\t')
    return { name, dir, module }
  })

/** The pinned version: the module's version in the tool's go.mod (Prometheus tags v0.3MM.P for v3.MM.P). */
function pinned(tool: Tool): string {
  const goMod = readFileSync(path.join(root, 'tools', tool.dir, 'go.mod'), 'utf8')
  const match = new RegExp(`^\\s*${tool.module.replace(/[.]/g, '\\.')}\\s+v(\\S+)`, 'm').exec(goMod)
  if (!match) throw new Error(`${tool.module} is not required in tools/${tool.dir}/go.mod`)
  const prometheus = /^0\.3(\d\d)\.(\d+)$/.exec(match[1])
  return tool.module === 'github.com/prometheus/prometheus' && prometheus
    ? `3.${Number(prometheus[1])}.${prometheus[2]}`
    : match[1]
}

/** How each tool prints its version; registry has no version flag, so its build info is read instead. */
const VERSION_COMMAND: Record<string, string[]> = {
  trivy: ['--version'],
  conftest: ['--version'],
  opa: ['version'],
  gator: ['--version'],
  actionlint: ['-version'],
  regal: ['version'],
  promtool: ['--version'],
  'kube-bench': ['version'],
  crane: ['version'],
  kustomize: ['version'],
  helm: ['version']
}

function reportedVersion(tool: Tool): string {
  const binary = path.join(bin, tool.name)
  const args = VERSION_COMMAND[tool.name]
  const output = args
    ? execFileSync(binary, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    : (execFileSync('go', ['version', '-m', binary], { encoding: 'utf8' })
        .split('\n')
        .find((l) => l.includes(`\t${tool.module}\t`)) ?? '')
  return /v?(\d+\.\d+\.\d+)/.exec(output)?.[1] ?? `unparsed: ${output.slice(0, 200)}`
}

describe('pinned tools', () => {
  it('lists every tool the project needs', () => {
    expect(tools.map((t) => t.name).sort()).toEqual(
      [
        'actionlint',
        'conftest',
        'crane',
        'gator',
        'helm',
        'k8s-decode',
        'k8s-yaml',
        'kube-bench',
        'kustomize',
        'opa',
        'promtool',
        'regal',
        'registry',
        'trivy'
      ].sort()
    )
  })

  it('never pins the Trivy releases published by attackers (v0.69.4 to v0.69.6)', () => {
    expect(['0.69.4', '0.69.5', '0.69.6']).not.toContain(
      pinned(tools.find((t) => t.name === 'trivy') as Tool)
    )
  })

  it.each(tools)('$name reports its pinned version', (tool) => {
    expect(reportedVersion(tool)).toBe(pinned(tool))
  })

  it('lists in docs/tool-builds.md every dependency a shared module builds at another version', () => {
    // Exits 1 (and execFileSync throws) when the generated page differs from the go.mod files.
    execFileSync('node', [path.join(root, 'scripts', 'tool-builds.mjs'), '--check'], {
      stdio: ['ignore', 'pipe', 'pipe']
    })
  }, 300_000)
})

// action.yml is the public contract: every input is documented in the README and read by src/, and
// nothing is documented or read that action.yml does not declare. The reusable workflow passes the
// action's inputs through.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { INPUT_DEFAULTS } from '../../src/config/inputs.js'
import { parseWorkflowYaml, readText, root } from './checks.js'

type Decl = { default?: unknown }

/** The backticked names in the first column of the table under `heading` in the README. */
export function documentedNames(readme: string, heading: string): string[] {
  const start = `\n${readme}`.indexOf(`\n${heading}\n`)
  if (start < 0) return []
  const rest = readme.slice(start + heading.length + 1)
  const end = rest.search(/\n#{1,3} /)
  const section = end < 0 ? rest : rest.slice(0, end)
  const names: string[] = []
  for (const line of section.split('\n')) {
    const cells = line.split('|')
    const first = line.startsWith('|') ? cells[1] : undefined
    const where = first ?? (heading === '### Outputs' ? line : '')
    for (const match of where.matchAll(/`([a-z][a-z0-9-]*)`/g)) names.push(match[1])
  }
  return names
}

/** Input names the source reads: INPUT_DEFAULTS plus any core.getInput-style call in src/. */
export function namesReadBySource(sources: string[], defaults: Record<string, unknown>): string[] {
  const names = new Set(Object.keys(defaults))
  for (const source of sources) {
    for (const match of source.matchAll(
      /\bget(?:Boolean|Multiline)?Input\(\s*['"]([a-z][a-z0-9-]*)['"]/g
    )) {
      names.add(match[1])
    }
  }
  return [...names]
}

export interface ContractProblem {
  input: string
  problem: string
}

export function contractProblems(
  declared: Record<string, Decl>,
  documented: string[],
  read: string[],
  defaults: Record<string, unknown>
): ContractProblem[] {
  const problems: ContractProblem[] = []
  for (const [input, decl] of Object.entries(declared)) {
    if (!documented.includes(input))
      problems.push({ input, problem: 'not documented in the README' })
    if (!read.includes(input)) problems.push({ input, problem: 'not read by src/' })
    if (input in defaults && String(decl.default ?? '') !== String(defaults[input])) {
      problems.push({
        input,
        problem: `action.yml default '${String(decl.default ?? '')}' differs from src '${String(defaults[input])}'`
      })
    }
  }
  for (const input of new Set(documented)) {
    if (!(input in declared)) problems.push({ input, problem: 'documented but not in action.yml' })
  }
  for (const input of read) {
    if (!(input in declared))
      problems.push({ input, problem: 'read by src/ but not in action.yml' })
  }
  return problems
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return entry.name.endsWith('.ts') ? [full] : []
  })
}

const action = parseWorkflowYaml(readText('action.yml'))
const inputs = action.inputs as Record<string, Decl>
const outputs = action.outputs as Record<string, unknown>
const readme = readText('README.md')
const sources = sourceFiles(path.join(root, 'src')).map((file) => readFileSync(file, 'utf8'))
const defaults: Record<string, unknown> = INPUT_DEFAULTS

describe('action.yml inputs, README and src/', () => {
  it('every input is documented and read, and nothing else is', () => {
    expect(Object.keys(inputs).length).toBeGreaterThan(10)
    expect(
      contractProblems(
        inputs,
        documentedNames(readme, '### Inputs'),
        namesReadBySource(sources, defaults),
        defaults
      )
    ).toEqual([])
  })

  it('every output is documented, and nothing else is', () => {
    const documented = documentedNames(readme, '### Outputs')
    expect(Object.keys(outputs).filter((name) => !documented.includes(name))).toEqual([])
    expect(documented.filter((name) => !(name in outputs))).toEqual([])
  })

  it('catches an undocumented, unread, stray or drifted input', () => {
    const declared = {
      'scan-path': { default: '.' },
      ghost: { default: '' },
      'fail-on': { default: 'new' }
    }
    const problems = contractProblems(
      declared,
      documentedNames(
        '### Inputs\n\n| input |\n| `scan-path` | x |\n| `fail-on` / `stray` |\n',
        '### Inputs'
      ),
      namesReadBySource(["core.getInput('hidden')"], { 'scan-path': '.', 'fail-on': 'all' }),
      { 'scan-path': '.', 'fail-on': 'all' }
    )
    expect(problems).toEqual([
      { input: 'ghost', problem: 'not documented in the README' },
      { input: 'ghost', problem: 'not read by src/' },
      { input: 'fail-on', problem: "action.yml default 'new' differs from src 'all'" },
      { input: 'stray', problem: 'documented but not in action.yml' },
      { input: 'hidden', problem: 'read by src/ but not in action.yml' }
    ])
  })
})

// Inputs the reusable workflow deliberately does not pass, with the reason.
const NOT_MIRRORED: Record<string, string> = {
  'trivy-cache-dir': 'the workflow caches the default directory between runs'
}

describe('the reusable workflow mirrors the action', () => {
  const reusable = parseWorkflowYaml(readText('.github/workflows/hardening.yml'))
  const call = (reusable.on as Record<string, Record<string, Record<string, Decl>>>).workflow_call
  const steps = (
    reusable.jobs as Record<string, { steps: { id?: string; with?: Record<string, string> }[] }>
  ).scan.steps
  const scan = steps.find((step) => step.id === 'scan')

  it.each(Object.keys(inputs))(
    '%s is a workflow input passed to the action, or deliberately not',
    (input) => {
      if (input in NOT_MIRRORED) {
        expect(call.inputs[input]).toBeUndefined()
        return
      }
      expect(call.inputs[input]).toBeDefined()
      expect(scan?.with?.[input]).toBe(`\${{ inputs.${input} }}`)
      expect(String(call.inputs[input].default ?? '')).toBe(String(inputs[input].default ?? ''))
    }
  )

  it('passes nothing to the action that the action does not declare', () => {
    expect(Object.keys(scan?.with ?? {}).filter((name) => !(name in inputs))).toEqual([])
  })
})

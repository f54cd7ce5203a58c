// action.yml is the public contract: every input is documented in the README and read by src/, and
// nothing is documented or read that action.yml does not declare. The reusable workflow passes the
// action's inputs through.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import * as inputsModule from '../../src/config/inputs.js'
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

/**
 * Input names the source reads: INPUT_DEFAULTS, `read('x')`/`get('x')` in src/config/inputs.ts
 * (the one place inputs are read), and any core.getInput-style call anywhere in src/.
 */
export function namesReadBySource(
  sources: string[],
  inputsModule: string,
  defaults: Record<string, unknown>
): string[] {
  const names = new Set(Object.keys(defaults))
  for (const match of inputsModule.matchAll(/\b(?:read|get)\(\s*['"]([a-z][a-z0-9-]*)['"]/g)) {
    names.add(match[1])
  }
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
// trivy-action's input names are declared too, deprecated; test/unit/legacy-inputs.test.ts checks
// them against src/config/legacy-inputs.ts. The contract below is about the action's own inputs.
const inputs = Object.fromEntries(
  Object.entries(action.inputs as Record<string, Decl & { deprecationMessage?: string }>).filter(
    ([, decl]) => !decl.deprecationMessage
  )
) as Record<string, Decl>
const outputs = action.outputs as Record<string, unknown>
const readme = readText('README.md')
const sources = sourceFiles(path.join(root, 'src')).map((file) => readFileSync(file, 'utf8'))
// INPUT_DEFAULTS and any other exported *_INPUT_DEFAULTS table (e.g. the action-only inputs).
const defaults: Record<string, unknown> = Object.assign(
  {},
  ...Object.entries(inputsModule)
    .filter(([name]) => /(^|_)INPUT_DEFAULTS$/.test(name))
    .map(([, table]) => table as Record<string, unknown>)
)

describe('action.yml inputs, README and src/', () => {
  it('every input is documented and read, and nothing else is', () => {
    expect(Object.keys(inputs).length).toBeGreaterThan(10)
    expect(
      contractProblems(
        inputs,
        documentedNames(readme, '### Inputs'),
        namesReadBySource(sources, readText('src/config/inputs.ts'), defaults),
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
      namesReadBySource(["core.getInput('hidden')"], "read('other')", {
        'scan-path': '.',
        'fail-on': 'all'
      }),
      { 'scan-path': '.', 'fail-on': 'all' }
    )
    expect(problems).toEqual([
      { input: 'ghost', problem: 'not documented in the README' },
      { input: 'ghost', problem: 'not read by src/' },
      { input: 'fail-on', problem: "action.yml default 'new' differs from src 'all'" },
      { input: 'stray', problem: 'documented but not in action.yml' },
      { input: 'other', problem: 'read by src/ but not in action.yml' },
      { input: 'hidden', problem: 'read by src/ but not in action.yml' }
    ])
  })
})

// Action inputs the reusable workflow does not take from its caller: what its scan step passes
// instead (nothing = the action's default) and why. Everything else is a workflow input of the
// same name and default, passed through as ${{ inputs.<name> }}.
const NOT_MIRRORED: Record<string, { passes?: string; why: string }> = {
  token: {
    why: "the scan job's own GITHUB_TOKEN (the default); a token is never a workflow input"
  },
  'github-token': {
    why: "the scan job's own GITHUB_TOKEN (the default); a token is never a workflow input"
  },
  'trusted-tool-dir': {
    why: "the called job starts on a fresh runner with none of the caller's tools; it runs the pinned, verified releases"
  },
  'comment-id': {
    passes: '${{ steps.names.outputs.artifact }}',
    why: "the action's default names the called workflow's own job, the same in every leg of a caller's matrix; the artifact name tells the legs apart"
  },
  ...Object.fromEntries(
    ['registry-username', 'registry-password', 'registry-token'].map((input) => [
      input,
      {
        passes: `\${{ secrets.${input.replace(/-/g, '_').toUpperCase()} }}`,
        why: 'a login is a secret of the calling workflow, never an input'
      }
    ])
  ),
  'dependency-submission': {
    why: "it needs contents: write, which the scan job, running the pull request's code, never has; call the action from a job of your own (docs/sbom.md)"
  },
  'upload-sarif': {
    passes: 'false',
    why: "the workflow's upload-sarif job uploads with its own token; the scan job cannot write security events"
  }
}

export function mirrorProblems(
  actionInputs: Record<string, Decl>,
  workflowInputs: Record<string, Decl>,
  scanWith: Record<string, unknown>
): string[] {
  const problems: string[] = []
  for (const [input, decl] of Object.entries(actionInputs)) {
    const exception = NOT_MIRRORED[input]
    if (exception) {
      if (
        (scanWith[input] === undefined ? undefined : String(scanWith[input])) !== exception.passes
      ) {
        problems.push(
          `${input}: the scan step must pass ${exception.passes ?? 'nothing'} (${exception.why})`
        )
      }
      continue
    }
    if (!(input in workflowInputs)) {
      problems.push(
        `${input}: action input missing from the reusable workflow's inputs (add it, or list it in NOT_MIRRORED with a reason)`
      )
      continue
    }
    if (scanWith[input] !== `\${{ inputs.${input} }}`) {
      problems.push(`${input}: the scan step does not pass \${{ inputs.${input} }}`)
    }
    const ours = String(workflowInputs[input].default ?? '')
    if (ours !== String(decl.default ?? '')) {
      problems.push(
        `${input}: workflow default '${ours}' differs from action.yml '${String(decl.default ?? '')}'`
      )
    }
  }
  for (const name of Object.keys(scanWith)) {
    if (!(name in actionInputs))
      problems.push(`${name}: passed to the action, which has no such input`)
  }
  return problems
}

describe('the reusable workflow mirrors the action', () => {
  const reusable = parseWorkflowYaml(readText('.github/workflows/hardening.yml'))
  const call = (reusable.on as Record<string, Record<string, Record<string, Decl>>>).workflow_call
  const steps = (
    reusable.jobs as Record<string, { steps: { id?: string; with?: Record<string, unknown> }[] }>
  ).scan.steps
  const scanWith = steps.find((step) => step.id === 'scan')?.with ?? {}

  it('takes every action input (or says why not) and passes it to the action', () => {
    expect(mirrorProblems(inputs, call.inputs, scanWith)).toEqual([])
  })

  it('catches a missing, unpassed, drifted, stray or wrongly fixed input', () => {
    const actionInputs = {
      a: { default: '1' },
      b: { default: '' },
      c: { default: 'x' },
      'upload-sarif': { default: 'true' }
    }
    expect(
      mirrorProblems(
        actionInputs,
        { b: { default: '' }, c: { default: 'y' } },
        { b: 'b', c: '${{ inputs.c }}', d: '1', 'upload-sarif': '${{ inputs.upload-sarif }}' }
      )
    ).toEqual([
      "a: action input missing from the reusable workflow's inputs (add it, or list it in NOT_MIRRORED with a reason)",
      'b: the scan step does not pass ${{ inputs.b }}',
      "c: workflow default 'y' differs from action.yml 'x'",
      `upload-sarif: the scan step must pass false (${NOT_MIRRORED['upload-sarif'].why})`,
      'd: passed to the action, which has no such input'
    ])
  })
})

// Checkers for the GitHub workflows (.github/workflows/ and the copy-ready callers in workflows/).
// Each returns a list of problems (empty = clean), so the tests can show both that our files pass
// and that a bad workflow is caught.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Every workflow file: this repository's own and the copy-ready callers. */
export function workflowFiles(): string[] {
  const files: string[] = []
  for (const dir of ['.github/workflows', 'workflows']) {
    for (const name of readdirSync(path.join(root, dir)).sort()) {
      if (/\.ya?ml$/.test(name)) files.push(path.join(dir, name))
    }
  }
  return files
}

export function readText(file: string): string {
  return readFileSync(path.join(root, file), 'utf8')
}

// This project's own action and reusable workflows (hardening.yml; fleet.yml and the two it
// calls). Callers reference them by release tag (the release workflow moves the major tag);
// everything else must be pinned by commit SHA.
export const OWN_REFERENCES = [
  /^org\/hardening-action@v\d+$/,
  /^org\/hardening-action\/\.github\/workflows\/(?:hardening|fleet|fleet-scan|fleet-report)\.yml@v\d+$/
]

// Third-party actions and the commit of each release we use. Each SHA was checked against at
// least two independent public workflows or release notes (see workflows/README.md).
export const VERIFIED_PINS: Record<string, Record<string, string>> = {
  'actions/checkout': { 'v6.0.2': 'de0fac2e4500dabe0009e67214ff5f5447ce83dd' },
  'actions/setup-node': { 'v6.0.0': '2028fbc5c25fe9cf00d9f06a71cc4710d4507903' },
  'actions/setup-go': { 'v6.0.0': '44694675825211faa026b3c33043df3e48a5fa00' },
  'actions/cache': { 'v5.0.5': '27d5ce7f107fe9357f9df03efb73ab90386fccae' },
  'actions/upload-artifact': { 'v7.0.1': '043fb46d1a93c77aae656e7c1c64a875d1fc6a0a' },
  'actions/download-artifact': { 'v8.0.1': '3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c' },
  'github/codeql-action': { 'v4.38.1': '1c5b675653bb5c22dbe9b12b556ec555138e09fd' },
  'slackapi/slack-github-action': { 'v2.1.1': '91efab103c0de0a537f72a35f6b8cda0ee76bf0a' }
}

type Mapping = Record<string, unknown>

const isMapping = (value: unknown): value is Mapping =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export function parseWorkflowYaml(text: string): Mapping {
  const doc: unknown = parse(text)
  if (!isMapping(doc)) throw new Error('workflow is not a YAML mapping')
  return doc
}

function jobsOf(doc: Mapping): [string, Mapping][] {
  const jobs = doc.jobs
  if (!isMapping(jobs)) return []
  return Object.entries(jobs).filter((entry): entry is [string, Mapping] => isMapping(entry[1]))
}

function stepsOf(job: Mapping): Mapping[] {
  return Array.isArray(job.steps) ? job.steps.filter(isMapping) : []
}

/** Every `uses:` value in the parsed workflow (jobs calling reusable workflows and steps). */
export function usesOf(doc: Mapping): string[] {
  const uses: string[] = []
  for (const [, job] of jobsOf(doc)) {
    if (typeof job.uses === 'string') uses.push(job.uses)
    for (const step of stepsOf(job)) if (typeof step.uses === 'string') uses.push(step.uses)
  }
  return uses
}

const USES_LINE = /^\s*(?:-\s+)?uses:\s*(["']?)([^\s"'#]+)\1\s*(?:#\s*(.*))?$/

/**
 * Third-party actions pinned by a full commit SHA with the release in a comment, and that pair in
 * VERIFIED_PINS; local actions, our own action and digest-pinned docker images are allowed.
 */
export function pinProblems(text: string): string[] {
  const problems: string[] = []
  const seen = new Set<string>()
  text.split('\n').forEach((line, index) => {
    const match = USES_LINE.exec(line)
    if (!match) return
    const ref = match[2]
    const comment = (match[3] ?? '').trim()
    const where = `line ${index + 1}: ${ref}`
    seen.add(ref)
    if (ref.startsWith('./')) return
    if (ref.startsWith('docker://')) {
      if (!/@sha256:[0-9a-f]{64}$/.test(ref))
        problems.push(`${where}: docker image not pinned by digest`)
      return
    }
    if (OWN_REFERENCES.some((own) => own.test(ref))) return
    const pinned = /^([\w.-]+\/[\w.-]+)(\/[^@]*)?@([0-9a-f]{40})$/.exec(ref)
    if (!pinned) {
      problems.push(`${where}: not pinned to a full 40-hex commit SHA`)
      return
    }
    const version = /^(v\d+\.\d+\.\d+)\b/.exec(comment)?.[1]
    if (!version) {
      problems.push(`${where}: no "# vX.Y.Z" version comment after the SHA`)
      return
    }
    const expected = VERIFIED_PINS[pinned[1]]?.[version]
    if (expected !== pinned[3]) {
      problems.push(
        expected
          ? `${where}: ${version} of ${pinned[1]} is ${expected}, not ${pinned[3]}`
          : `${where}: ${pinned[1]} ${version} is not in the verified pin table`
      )
    }
  })
  // A `uses:` the line pattern did not see (flow style, odd quoting) must not slip past unchecked.
  for (const ref of usesOf(parseWorkflowYaml(text))) {
    if (!seen.has(ref)) problems.push(`${ref}: uses written in a form this check cannot read`)
  }
  return problems
}

/** No pull_request_target trigger (it runs with a write token and secrets on fork PRs). */
export function triggerProblems(doc: Mapping): string[] {
  const on = doc.on ?? doc[true as unknown as string] // YAML 1.1 readers turn `on` into true
  const events =
    typeof on === 'string' ? [on] : Array.isArray(on) ? on : isMapping(on) ? Object.keys(on) : []
  return events.includes('pull_request_target') ? ['triggered by pull_request_target'] : []
}

const READ_ONLY = new Set(['read', 'none'])

/**
 * Top-level permissions: present, and none of them write. Jobs may ask for write scopes, never
 * write-all.
 */
export function permissionProblems(doc: Mapping): string[] {
  const problems: string[] = []
  const top = doc.permissions
  if (top === undefined)
    problems.push('no top-level permissions (the token would get the repository default)')
  else if (typeof top === 'string') {
    if (top !== 'read-all') problems.push(`top-level permissions: ${top}`)
  } else if (isMapping(top)) {
    for (const [scope, level] of Object.entries(top)) {
      if (!READ_ONLY.has(String(level)))
        problems.push(`top-level permission ${scope}: ${String(level)}`)
    }
  } else problems.push('top-level permissions is neither a mapping nor a string')
  for (const [id, job] of jobsOf(doc)) {
    if (job.permissions === 'write-all') problems.push(`job ${id}: permissions write-all`)
  }
  return problems
}

/** No ${{ }} inside run: scripts; values reach scripts through env: instead. */
export function runExpressionProblems(doc: Mapping): string[] {
  const problems: string[] = []
  for (const [id, job] of jobsOf(doc)) {
    stepsOf(job).forEach((step, index) => {
      if (typeof step.run === 'string' && step.run.includes('${{')) {
        problems.push(`job ${id} step ${String(step.name ?? index + 1)}: \${{ }} inside run:`)
      }
    })
  }
  return problems
}

/**
 * actions/checkout keeps the token in .git/config unless told not to; only a job that pushes
 * (contents: write) may keep it.
 */
export function checkoutCredentialProblems(doc: Mapping): string[] {
  const problems: string[] = []
  for (const [id, job] of jobsOf(doc)) {
    const pushes = isMapping(job.permissions) && job.permissions.contents === 'write'
    for (const step of stepsOf(job)) {
      if (typeof step.uses !== 'string' || !step.uses.startsWith('actions/checkout@')) continue
      const keeps = !isMapping(step.with) || String(step.with['persist-credentials']) !== 'false'
      if (keeps && !pushes) problems.push(`job ${id}: checkout without persist-credentials: false`)
    }
  }
  return problems
}

export interface InputDecl {
  required: boolean
}

/** `with:` keys of calls to our action and reusable workflow, against what each declares. */
export function callProblems(
  doc: Mapping,
  actionInputs: Record<string, InputDecl>,
  workflowInputs: Record<string, InputDecl>,
  workflowSecrets: Record<string, InputDecl>
): string[] {
  const problems: string[] = []
  const check = (
    where: string,
    given: unknown,
    declared: Record<string, InputDecl>,
    kind: string
  ) => {
    const keys = isMapping(given) ? Object.keys(given) : []
    for (const key of keys)
      if (!(key in declared)) problems.push(`${where}: unknown ${kind} '${key}'`)
    for (const [name, decl] of Object.entries(declared)) {
      if (decl.required && !keys.includes(name))
        problems.push(`${where}: missing required ${kind} '${name}'`)
    }
  }
  for (const [id, job] of jobsOf(doc)) {
    if (typeof job.uses === 'string' && /hardening\.yml@/.test(job.uses)) {
      check(`job ${id}`, job.with, workflowInputs, 'input')
      if (job.secrets !== 'inherit') check(`job ${id}`, job.secrets, workflowSecrets, 'secret')
    }
    for (const step of stepsOf(job)) {
      if (
        typeof step.uses === 'string' &&
        (step.uses === './' || /^org\/hardening-action@/.test(step.uses))
      ) {
        check(`job ${id} step ${String(step.name ?? step.uses)}`, step.with, actionInputs, 'input')
      }
    }
  }
  return problems
}

const LEVEL: Record<string, number> = { none: 0, read: 1, write: 2 }

/** The permissions a job runs with: its own, else the workflow's top-level ones. */
function effectivePermissions(doc: Mapping, job: Mapping): Record<string, string> {
  const perms = job.permissions ?? doc.permissions
  if (perms === 'write-all' || perms === 'read-all') return { '*': perms.slice(0, -4) }
  return isMapping(perms)
    ? Object.fromEntries(Object.entries(perms).map(([k, v]) => [k, String(v)]))
    : {}
}

/**
 * GitHub refuses to start a run whose called workflow has a job asking for more than the calling
 * job grants ("The nested job 'x' is requesting 'security-events: write', but is only allowed
 * 'security-events: none'"), even when that job would be skipped. Every call to our reusable
 * workflow must grant what its jobs request.
 */
export function grantProblems(
  caller: Mapping,
  reusable: Mapping,
  file = 'hardening.yml'
): string[] {
  const requested: Record<string, string> = {}
  for (const [, job] of jobsOf(reusable)) {
    for (const [scope, level] of Object.entries(effectivePermissions(reusable, job))) {
      if ((LEVEL[level] ?? 0) > (LEVEL[requested[scope]] ?? 0)) requested[scope] = level
    }
  }
  const problems: string[] = []
  for (const [id, job] of jobsOf(caller)) {
    if (typeof job.uses !== 'string' || !job.uses.includes(`/${file}@`)) continue
    const granted = effectivePermissions(caller, job)
    for (const [scope, level] of Object.entries(requested)) {
      const has = granted[scope] ?? granted['*'] ?? 'none'
      if ((LEVEL[has] ?? 0) < (LEVEL[level] ?? 0)) {
        problems.push(`job ${id}: grants ${scope}: ${has}, the reusable workflow requests ${level}`)
      }
    }
  }
  return problems
}

export function declaredInputs(section: unknown): Record<string, InputDecl> {
  const declared: Record<string, InputDecl> = {}
  if (isMapping(section)) {
    for (const [name, decl] of Object.entries(section)) {
      declared[name] = { required: isMapping(decl) && decl.required === true }
    }
  }
  return declared
}

export function allProblems(text: string): string[] {
  const doc = parseWorkflowYaml(text)
  return [
    ...pinProblems(text),
    ...triggerProblems(doc),
    ...permissionProblems(doc),
    ...runExpressionProblems(doc),
    ...checkoutCredentialProblems(doc)
  ]
}

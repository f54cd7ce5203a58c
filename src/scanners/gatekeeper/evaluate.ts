import { createHash } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { mapBounded } from '../../util/concurrency.js'
import { startTool, ToolError, toolEnv, type StartedTool } from '../../util/run-tool.js'
import { regoPackageOf } from './annotations.js'
import type { Inventory } from './inventory.js'
import type { Template } from './library.js'

/** What Gatekeeper hands a template: the admission review and the constraint's parameters. */
export interface Review {
  review: {
    kind: { group: string; version: string; kind: string }
    name: string
    /** Absent for an object without one, as in an AdmissionRequest. */
    namespace?: string
    operation: 'CREATE'
    object: Record<string, unknown>
  }
  parameters: Record<string, unknown>
}

/** The reviews one template must judge. */
export interface TemplateReviews {
  template: Template
  reviews: Review[]
}

export interface Violation {
  /** The template's kind and the index into its reviews. */
  kind: string
  index: number
  msg: string
  details: Record<string, unknown>
}

/**
 * Below this many reviews a second conftest process costs more (its start and policy compile)
 * than it saves; above it, the reviews are split across processes to use every core.
 */
const REVIEWS_PER_PROCESS = 500

/** At most this many reviews per process, so one process's input and memory stay bounded. */
const MAX_REVIEWS_PER_PROCESS = 25_000

export interface EvaluateOptions {
  /** Conftest processes at a time (default: the CPU count). */
  parallelism?: number
  /** `data.inventory` for referential templates (default: empty, as gator with no objects). */
  inventory?: Inventory['data']
  /** A conftest process started before the reviews were made, for the first set it fits. */
  early?: EarlyConftest
}

/**
 * A conftest process started before its policies and input exist. conftest reads its whole
 * input (here, its standard input) before it loads a policy, so its start, about 60 ms of Go
 * package initialisation, overlaps reading the manifests instead of following it: on a small
 * repository that start was a sixth of the scan. Its arguments fit a set of Rego v0 templates
 * without the inventory (every bundled template); the first such set is written to its
 * directory and evaluated by it.
 */
export interface EarlyConftest {
  /** The set directory its arguments name. */
  dir: string
  process: Promise<StartedTool>
  taken: boolean
}

const EARLY_REGO_VERSION = 'v0'

export function startEarlyConftest(
  conftest: string,
  workDir: string,
  timeoutMs: number
): EarlyConftest {
  const dir = path.join(workDir, 'set-early')
  const process = startConftest(conftest, EARLY_REGO_VERSION, dir, undefined, timeoutMs)
  return { dir, process, taken: false }
}

/**
 * Stops the early process when no set took it (it would wait for its input until stopped); one
 * that ran has already exited. Called once the evaluation is over, however it ended.
 */
export async function stopEarlyConftest(early: EarlyConftest): Promise<void> {
  early.taken = true
  await early.process.then((started) => started.cancel()).catch(() => {})
}

/**
 * Evaluates every template against its reviews in as few conftest processes as possible:
 * templates whose Rego can share one namespace go into one policy set (a conftest start and
 * policy compile per template was most of a small scan's time), and a large set's reviews are
 * split across processes, at most `parallelism` at a time. Referential templates get sets of
 * their own, the only ones that load the inventory.
 */
export async function evaluateTemplates(
  conftest: string,
  work: TemplateReviews[],
  workDir: string,
  timeoutMs: number,
  options: EvaluateOptions = {}
): Promise<Violation[]> {
  const pending = work.filter((entry) => entry.reviews.length > 0)
  const run: SetRun = {
    conftest,
    timeoutMs,
    parallelism: options.parallelism ?? os.availableParallelism(),
    inventory: lazyInventoryFile(path.join(workDir, 'inventory.json'), options.inventory ?? {}),
    early: options.early
  }
  try {
    return await evaluateSets(run, policySets(pending), workDir)
  } catch (error) {
    if (!(error instanceof NoReportError) || pending.length < 2) throw error
    // One template conftest cannot load fails its whole set; one set per template names it
    // (the first such template's error is the one reported).
    const alone = pending.map((entry) => [entry])
    return evaluateSets(run, alone, path.join(workDir, 'alone'))
  }
}

/** What every conftest run of one evaluation shares. */
interface SetRun {
  conftest: string
  timeoutMs: number
  parallelism: number
  /** The inventory file, written on first use (only a referential set needs it). */
  inventory: { file: string; write: () => Promise<void> }
  early?: EarlyConftest
}

/** The inventory as a conftest data document, at `data.inventory` as Gatekeeper stores it. */
function lazyInventoryFile(
  file: string,
  inventory: Inventory['data']
): { file: string; write: () => Promise<void> } {
  let written: Promise<void> | undefined
  return {
    file,
    write: () =>
      (written ??= mkdir(path.dirname(file), { recursive: true }).then(() =>
        writeFile(file, JSON.stringify({ inventory }))
      ))
  }
}

async function evaluateSets(
  run: SetRun,
  sets: TemplateReviews[][],
  workDir: string
): Promise<Violation[]> {
  const { conftest, timeoutMs, parallelism, early } = run
  const runs = sets.flatMap((set, setIndex) => {
    const items = byObject(
      set.flatMap(({ template, reviews }) =>
        reviews.map((review, index) => ({ kind: template.kind, index, review }))
      )
    )
    const chunks = Math.max(
      Math.min(parallelism, Math.ceil(items.length / REVIEWS_PER_PROCESS)),
      Math.ceil(items.length / MAX_REVIEWS_PER_PROCESS)
    )
    const size = Math.ceil(items.length / chunks)
    const takesEarly = early !== undefined && !early.taken && fitsEarly(set)
    if (takesEarly) early.taken = true
    return Array.from({ length: chunks }, (_, chunk) => ({
      set,
      dir: takesEarly ? early.dir : path.join(workDir, `set-${setIndex}`),
      started: takesEarly && chunk === 0 ? early.process : undefined,
      items: items.slice(chunk * size, (chunk + 1) * size)
    }))
  })
  const written = new Map<string, Promise<void>>()
  const results = await mapBounded(
    runs,
    async ({ set, dir, started, items }) => {
      const { regoVersion, referential } = set[0]!.template
      // Started first: its start overlaps writing the policies and the input it reads.
      const tool =
        started ??
        startConftest(
          conftest,
          regoVersion,
          dir,
          referential ? run.inventory.file : undefined,
          timeoutMs
        )
      const { input, byKind } = await preparing(tool, async () => {
        // The policy directory is written once per set and shared by its chunks.
        if (!written.has(dir)) written.set(dir, writePolicySet(set, dir))
        await written.get(dir)
        if (referential) await run.inventory.write()
        const { input, byKind } = conftestInput(items)
        return { input: JSON.stringify(input), byKind }
      })
      const failures = await conftestTest(await tool, set, input)
      return failures.map((failure) => {
        const item = byKind.get(failure.kind)?.[failure.index]
        if (!item)
          throw new Error(
            `conftest reported a violation for unknown review ${failure.kind}[${failure.index}]`
          )
        return { kind: item.kind, index: item.index, msg: failure.msg, details: failure.details }
      })
    },
    parallelism
  )
  return results.flat()
}

/** Runs `prepare` while `tool` waits for its input; stops the tool when `prepare` fails. */
async function preparing<T>(tool: Promise<StartedTool>, prepare: () => Promise<T>): Promise<T> {
  try {
    return await prepare()
  } catch (error) {
    await tool.then((started) => started.cancel()).catch(() => {})
    throw error
  }
}

interface ReviewItem {
  kind: string
  /** The review's index among its template's reviews. */
  index: number
  review: Review
}

/**
 * The items with the reviews of one object together (in first-seen order), so a set split
 * across processes gives each process a share of the objects rather than every object.
 */
function byObject(items: ReviewItem[]): ReviewItem[] {
  const order = new Map<unknown, number>()
  for (const { review } of items)
    if (!order.has(review.review.object)) order.set(review.review.object, order.size)
  return items.sort(
    (a, b) => order.get(a.review.review.object)! - order.get(b.review.review.object)!
  )
}

/**
 * One conftest input: each distinct admission review and each distinct parameters object once,
 * and per template kind the pairs of indices into them. Every template judges the same object,
 * and conftest parses its input whole: written out per template, the objects were read a dozen
 * times over. `byKind` maps a violation's kind and index back to its item.
 */
function conftestInput(items: ReviewItem[]): {
  input: { reviews: unknown[]; parameters: unknown[]; items: Record<string, number[][]> }
  byKind: Map<string, ReviewItem[]>
} {
  const reviews: unknown[] = []
  const parameters: unknown[] = []
  // Reviews made from one object differ only if their shell (kind, name, namespace) does.
  const reviewIndex = new Map<unknown, Map<string, number>>()
  const parametersIndex = new Map<unknown, number>()
  const pairs: Record<string, number[][]> = {}
  const byKind = new Map<string, ReviewItem[]>()
  for (const item of items) {
    const { object, ...shell } = item.review.review
    const shells = reviewIndex.get(object) ?? new Map<string, number>()
    reviewIndex.set(object, shells)
    const shellKey = JSON.stringify(shell)
    let r = shells.get(shellKey)
    if (r === undefined) {
      r = reviews.push(item.review.review) - 1
      shells.set(shellKey, r)
    }
    let p = parametersIndex.get(item.review.parameters)
    if (p === undefined) {
      p = parameters.push(item.review.parameters) - 1
      parametersIndex.set(item.review.parameters, p)
    }
    ;(pairs[item.kind] ??= []).push([r, p])
    const mine = byKind.get(item.kind)
    if (mine) mine.push(item)
    else byKind.set(item.kind, [item])
  }
  return { input: { reviews, parameters, items: pairs }, byKind }
}

/**
 * Splits templates into sets that can be loaded into one Rego namespace: the same Rego version,
 * the same need for the inventory, and no package declared twice with different text
 * (Gatekeeper isolates each template's package and libraries; a shared namespace must never
 * merge two different ones). Identical libraries, such as a policy library's shared helpers,
 * are loaded once.
 */
function policySets(work: TemplateReviews[]): TemplateReviews[][] {
  const sets: Array<{
    entries: TemplateReviews[]
    version: string
    referential: boolean
    packages: Map<string, string>
  }> = []
  for (const entry of work) {
    const sources = [entry.template.rego, ...entry.template.libs]
    const packages = sources.map((source) => regoPackageOf(source))
    const fits = (set: (typeof sets)[number]) =>
      set.version === entry.template.regoVersion &&
      set.referential === entry.template.referential &&
      packages.every((name, i) => {
        if (name === undefined) return false
        const known = set.packages.get(name)
        // A template's own package is never shared; a library is shared only when identical.
        if (i === 0) return known === undefined && !overlaps(name, set.packages)
        return known === undefined ? !overlaps(name, set.packages) : known === sources[i]
      })
    let set = sets.find(fits)
    if (!set) {
      set = {
        entries: [],
        version: entry.template.regoVersion,
        referential: entry.template.referential,
        packages: new Map()
      }
      sets.push(set)
    }
    set.entries.push(entry)
    packages.forEach((name, i) => name !== undefined && set.packages.set(name, sources[i]!))
  }
  return sets.map((set) => set.entries)
}

/** A package nested in or enclosing a known one (`a` and `a.b`) could clash with its rules. */
function overlaps(name: string, packages: Map<string, string>): boolean {
  for (const known of packages.keys())
    if (known !== name && (known.startsWith(`${name}.`) || name.startsWith(`${known}.`)))
      return true
  return false
}

/**
 * Writes a set's templates, its distinct libraries and the entry point (`startConftest` writes
 * the empty conftest configuration, so conftest reads no `conftest.toml` but ours).
 */
async function writePolicySet(set: TemplateReviews[], dir: string): Promise<void> {
  const policyDir = path.join(dir, 'policy')
  await mkdir(policyDir, { recursive: true })
  const libs = new Map<string, string>()
  for (const { template } of set)
    for (const lib of template.libs)
      libs.set(createHash('sha256').update(lib).digest('hex').slice(0, 16), lib)
  await Promise.all([
    // Named by kind, so a Rego error in conftest's message points at the template.
    ...set.map(({ template }) =>
      writeFile(path.join(policyDir, `${template.kind}.rego`), template.rego)
    ),
    ...[...libs].map(([hash, lib]) => writeFile(path.join(policyDir, `lib_${hash}.rego`), lib)),
    writeFile(path.join(policyDir, 'zz_hardening_engine.rego'), entrypoint(set))
  ])
}

/**
 * The only Rego we add: for each template, it calls the template's own `violation` rules once
 * per review of its kind, with `input` set to exactly what Gatekeeper passes, so conftest
 * sees the same verdict the admission webhook would. Written for both Rego v0 and v1 parsers.
 */
function entrypoint(set: TemplateReviews[]): string {
  const rules = set.map(
    ({ template }) => `deny contains result if {
	some i, pair in input.items[${JSON.stringify(template.kind)}]
	some violation in data.${template.regoPackage}.violation with input as {"review": input.reviews[pair[0]], "parameters": input.parameters[pair[1]]}
	result := {"msg": violation.msg, "details": object.get(violation, "details", {}), "kind": ${JSON.stringify(template.kind)}, "index": i}
}
`
  )
  return `package hardening_engine

import future.keywords.contains
import future.keywords.if
import future.keywords.in

${rules.join('\n')}`
}

const configFile = (setDir: string) => path.join(setDir, 'conftest.toml')

/** conftest ran but gave no report: it could not load a policy (a Rego error, say). */
class NoReportError extends ToolError {}

interface ConftestResult {
  failures?: Array<{
    msg: string
    metadata?: { details?: Record<string, unknown>; kind?: string; index?: number }
  }>
}

/** A set the early conftest process can evaluate: its arguments name no inventory, and Rego v0. */
const fitsEarly = (set: TemplateReviews[]) =>
  set[0]!.template.regoVersion === EARLY_REGO_VERSION && !set[0]!.template.referential

/**
 * Starts a conftest run of the set written to `setDir` (with the inventory as a data document
 * when `dataFile` is given), reading its input from standard input.
 */
async function startConftest(
  conftest: string,
  regoVersion: string,
  setDir: string,
  dataFile: string | undefined,
  timeoutMs: number
): Promise<StartedTool> {
  // conftest reads its configuration as it starts, before its input: ours must be there by then.
  await mkdir(setDir, { recursive: true })
  await writeFile(configFile(setDir), '')
  const args = [
    'test',
    '--no-color',
    '--output=json',
    `--rego-version=${regoVersion}`,
    '--namespace=hardening_engine',
    `--config-file=${configFile(setDir)}`,
    `--policy=${path.join(setDir, 'policy')}`,
    ...(dataFile ? [`--data=${dataFile}`] : []),
    '--parser=json',
    '-'
  ]
  // conftest exits 1 when there are failures; that is a result, not a tool error. It needs no
  // network, and Rego can read its environment (`opa.runtime().env`).
  return startTool(conftest, args, {
    timeoutMs,
    okExitCodes: [0, 1],
    env: toolEnv({ network: false })
  })
}

/**
 * Gives a started conftest run its input; returns each failure with the index of its review in
 * that input.
 */
async function conftestTest(
  conftest: StartedTool,
  set: TemplateReviews[],
  input: string
): Promise<Array<{ kind: string; index: number; msg: string; details: Record<string, unknown> }>> {
  const { stdout, stderr, exitCode } = await conftest.finish(input)
  let results: ConftestResult[]
  try {
    results = JSON.parse(stdout) as ConftestResult[]
  } catch {
    // Exit 1 without a report is conftest failing (e.g. a Rego parse error), not a finding.
    const tail = stderr.length > 2_000 ? `…${stderr.slice(-2_000)}` : stderr
    const names = set.map(({ template }) => template.name)
    throw new NoReportError(
      `conftest exited with code ${exitCode} without a report for template${names.length > 1 ? 's' : ''} ${names.join(', ')}. stderr: ${tail.trim()}`
    )
  }
  return results.flatMap((result) =>
    (result.failures ?? []).map((failure) => ({
      kind: String(failure.metadata?.kind ?? ''),
      index: Number(failure.metadata?.index ?? -1),
      msg: failure.msg,
      details: failure.metadata?.details ?? {}
    }))
  )
}

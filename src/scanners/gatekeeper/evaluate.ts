import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { runTool, ToolError } from '../run-tool.js'
import type { Template } from './library.js'

/** What Gatekeeper hands a template: the admission review and the constraint's parameters. */
export interface Review {
  review: {
    kind: { group: string; version: string; kind: string }
    name: string
    namespace: string
    operation: 'CREATE'
    object: Record<string, unknown>
  }
  parameters: Record<string, unknown>
}

export interface Violation {
  /** Index into the reviews passed in. */
  index: number
  msg: string
  details: Record<string, unknown>
}

/**
 * The only Rego we add: it calls the template's own `violation` rules once per review, with
 * `input` set to exactly what Gatekeeper passes, so conftest sees the same verdict the
 * admission webhook would. Written for both Rego v0 and v1 parsers.
 */
function entrypoint(regoPackage: string): string {
  return `package hardening_engine

import future.keywords.contains
import future.keywords.if
import future.keywords.in

deny contains result if {
	some i, item in input.reviews
	some violation in data.${regoPackage}.violation with input as {"review": item.review, "parameters": item.parameters}
	result := {"msg": violation.msg, "details": object.get(violation, "details", {}), "index": i}
}
`
}

interface ConftestResult {
  failures?: Array<{
    msg: string
    metadata?: { details?: Record<string, unknown>; index?: number }
  }>
}

/**
 * Evaluates one template against many reviews in one conftest process. Each template gets its
 * own policy directory so two templates' packages or libraries can never collide.
 */
export async function evaluateTemplate(
  conftest: string,
  template: Template,
  reviews: Review[],
  workDir: string,
  timeoutMs: number
): Promise<Violation[]> {
  if (reviews.length === 0) return []
  const dir = path.join(workDir, template.kind)
  const policyDir = path.join(dir, 'policy')
  await mkdir(policyDir, { recursive: true })
  await writeFile(path.join(policyDir, 'template.rego'), template.rego)
  await Promise.all(
    template.libs.map((lib, i) => writeFile(path.join(policyDir, `lib_${i}.rego`), lib))
  )
  await writeFile(
    path.join(policyDir, 'zz_hardening_engine.rego'),
    entrypoint(template.regoPackage)
  )
  const inputFile = path.join(dir, 'reviews.json')
  await writeFile(inputFile, JSON.stringify({ reviews }))

  const args = [
    'test',
    '--no-color',
    '--output=json',
    `--rego-version=${template.regoVersion}`,
    '--namespace=hardening_engine',
    `--policy=${policyDir}`,
    '--parser=json',
    inputFile
  ]
  // conftest exits 1 when there are failures; that is a result, not a tool error.
  const { stdout, stderr, exitCode } = await runTool(conftest, args, {
    timeoutMs,
    okExitCodes: [0, 1]
  })
  let results: ConftestResult[]
  try {
    results = JSON.parse(stdout) as ConftestResult[]
  } catch {
    // Exit 1 without a report is conftest failing (e.g. a Rego parse error), not a finding.
    const tail = stderr.length > 2_000 ? `…${stderr.slice(-2_000)}` : stderr
    throw new ToolError(
      `conftest exited with code ${exitCode} without a report for template ${template.name}. stderr: ${tail.trim()}`
    )
  }
  return results.flatMap((result) =>
    (result.failures ?? []).map((failure) => ({
      index: Number(failure.metadata?.index ?? -1),
      msg: failure.msg,
      details: failure.metadata?.details ?? {}
    }))
  )
}

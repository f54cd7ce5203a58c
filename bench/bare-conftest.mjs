// Bare conftest as a contender: the same Rego our engine evaluates, without our engine around it.
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseAllDocuments } from 'yaml'
import { packageOf } from '../scripts/policy-conventions.mjs'

/** Bare conftest: every bundled template's Rego, with a `main` package feeding it each plain document. */
export function bareConftestPolicy(dir, bundleFile) {
  const docs = parseAllDocuments(readFileSync(bundleFile, 'utf8')).map((d) => d.toJS())
  const templates = docs.filter((d) => d?.kind === 'ConstraintTemplate')
  const constraints = docs.filter((d) => d?.apiVersion?.startsWith('constraints.gatekeeper.sh/'))
  const libs = new Map()
  const rules = []
  for (const template of templates) {
    const target = template.spec.targets[0]
    const pkg = packageOf(target.rego)
    writeFileSync(path.join(dir, `${pkg}.rego`), target.rego)
    for (const lib of target.libs ?? []) libs.set(packageOf(lib), lib)
    for (const constraint of constraints.filter(
      (c) => c.kind === template.spec.crd.spec.names.kind
    )) {
      rules.push(
        `deny contains msg if {\n\tsome v in data.${pkg}.violation with input as {"review": {"object": input}, "parameters": ${JSON.stringify(constraint.spec.parameters ?? {})}}\n\tmsg := v.msg\n}`
      )
    }
  }
  for (const [pkg, lib] of libs) writeFileSync(path.join(dir, `lib_${pkg}.rego`), lib)
  writeFileSync(
    path.join(dir, 'main.rego'),
    `package main\n\nimport future.keywords.contains\nimport future.keywords.if\nimport future.keywords.in\n\n${rules.join('\n\n')}\n`
  )
}

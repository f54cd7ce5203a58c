#!/usr/bin/env node
// Parity check: every sample of every policy is evaluated twice,
//   1. by conftest, fed exactly what Gatekeeper feeds a template:
//        input = {"review": {"object", "kind", "operation": "CREATE", "name", "namespace"},
//                 "parameters": <constraint.spec.parameters>}
//      with --namespace <the template's rego package> and the policy files src.rego + its libs
//      (taken from the generated template, so it is byte-for-byte what Gatekeeper runs);
//   2. by `gator test` with the template and the sample's constraint;
// and the verdicts (violation or not) and the sorted messages must be identical.
// Usage: node scripts/policy-parity.mjs [--tap] [policy-dir...]
//   --tap prints one line per sample: "ok\t<name>" or "FAIL\t<name>\t<detail>".
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir, availableParallelism } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import YAML from 'yaml'
import { packageOf } from './policy-conventions.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => {
  const local = join(root, '.tools', 'bin', name)
  return existsSync(local) ? local : name
}
const args = process.argv.slice(2)
const tap = args.includes('--tap')
const only = args.filter((a) => !a.startsWith('--'))

// stdin is closed at once: gator reads objects from a non-TTY stdin and would wait forever.
const run = (cmd, argv) =>
  new Promise((resolve) => {
    const child = execFile(bin(cmd), argv, { maxBuffer: 64 << 20 }, (error, stdout, stderr) =>
      resolve({ code: error ? (error.code ?? 1) : 0, stdout, stderr })
    )
    child.stdin.end()
  })

const work = mkdtempSync(join(tmpdir(), 'policy-parity-'))
process.on('exit', () => rmSync(work, { recursive: true, force: true }))

// ---- collect samples ----------------------------------------------------------------------
const policiesDir = join(root, 'policies')
const policies = readdirSync(policiesDir)
  .filter(
    (d) =>
      existsSync(join(policiesDir, d, 'template.yaml')) &&
      existsSync(join(policiesDir, d, 'samples'))
  )
  .filter((d) => !only.length || only.includes(d))
  .sort()

const jobs = []
for (const p of policies) {
  const dir = join(policiesDir, p)
  const templateFile = join(dir, 'template.yaml')
  const template = YAML.parse(readFileSync(templateFile, 'utf8'))
  const target = template.spec.targets[0]
  const pkg = packageOf(target.rego)
  // The rego exactly as embedded in the template: the policy plus its libraries.
  const policyFiles = [target.rego, ...(target.libs ?? [])].map((src, i) => {
    const f = join(work, `${p}-${i}.rego`)
    writeFileSync(f, src)
    return f
  })
  for (const c of readdirSync(join(dir, 'samples')).sort()) {
    const caseDir = join(dir, 'samples', c)
    const constraintFile = join(caseDir, 'constraint.yaml')
    if (!existsSync(constraintFile)) continue
    const constraint = YAML.parse(readFileSync(constraintFile, 'utf8'))
    for (const f of readdirSync(caseDir).sort()) {
      if (!/^(allowed|disallowed).*\.ya?ml$/.test(f)) continue
      const docs = YAML.parseAllDocuments(readFileSync(join(caseDir, f), 'utf8'))
        .map((d) => d.toJSON())
        .filter(Boolean)
      docs.forEach((obj, i) =>
        jobs.push({
          name: `parity ${p}/samples/${c}/${f}${docs.length > 1 ? `#${i}` : ''}`,
          expectViolation: f.startsWith('disallowed'),
          pkg,
          policyFiles,
          templateFile,
          constraintFile,
          constraint,
          obj,
          id: `${p}-${c}-${f}-${i}`.replace(/[^\w.-]/g, '_')
        })
      )
    }
  }
}

// ---- evaluate -----------------------------------------------------------------------------
function gatekeeperInput(obj, constraint) {
  const [group, version] = (obj.apiVersion ?? 'v1').includes('/')
    ? obj.apiVersion.split('/')
    : ['', obj.apiVersion]
  const review = {
    kind: { group, version, kind: obj.kind },
    operation: 'CREATE',
    name: obj.metadata?.name ?? '',
    object: obj
  }
  if (obj.metadata?.namespace) review.namespace = obj.metadata.namespace
  return { review, parameters: constraint.spec?.parameters ?? {} }
}

async function viaConftest(job) {
  const inputFile = join(work, `${job.id}.json`)
  writeFileSync(inputFile, JSON.stringify(gatekeeperInput(job.obj, job.constraint)))
  const argv = ['test', '--no-color', '--output', 'json', '--namespace', job.pkg]
  for (const f of job.policyFiles) argv.push('--policy', f)
  argv.push(inputFile)
  const r = await run('conftest', argv)
  let parsed
  try {
    parsed = JSON.parse(r.stdout)
  } catch {
    throw new Error(`conftest failed (exit ${r.code}): ${r.stderr || r.stdout}`)
  }
  if (r.code !== 0 && r.code !== 1) throw new Error(`conftest exit ${r.code}: ${r.stderr}`)
  return parsed.flatMap((res) => (res.failures ?? []).map((f) => f.msg)).sort()
}

async function viaGator(job) {
  const objFile = join(work, `${job.id}.yaml`)
  writeFileSync(objFile, YAML.stringify(job.obj))
  const r = await run('gator', [
    'test',
    '-f',
    job.templateFile,
    '-f',
    job.constraintFile,
    '-f',
    objFile,
    '-o',
    'json'
  ])
  const text = r.stdout.trim()
  let parsed = []
  if (text && text !== 'null') {
    try {
      parsed = JSON.parse(text)
    } catch {
      throw new Error(`gator failed (exit ${r.code}): ${r.stderr || r.stdout}`)
    }
  } else if (r.code !== 0) {
    throw new Error(`gator exit ${r.code}: ${r.stderr}`)
  }
  return (parsed ?? []).map((v) => v.msg).sort()
}

async function check(job) {
  const [conftest, gator] = await Promise.all([viaConftest(job), viaGator(job)])
  const problems = []
  if (JSON.stringify(conftest) !== JSON.stringify(gator)) {
    problems.push(`conftest: ${JSON.stringify(conftest)}`, `gator:    ${JSON.stringify(gator)}`)
  }
  if (job.expectViolation !== gator.length > 0) {
    problems.push(
      `expected ${job.expectViolation ? 'a violation' : 'no violation'}, gator gave ${gator.length}`
    )
  }
  return problems
}

let failed = 0
const queue = [...jobs]
const workers = Array.from(
  { length: Math.max(1, Math.min(4, availableParallelism())) },
  async () => {
    while (queue.length) {
      const job = queue.shift()
      let problems
      try {
        problems = await check(job)
      } catch (e) {
        problems = [String(e.message ?? e)]
      }
      if (problems.length) failed++
      if (tap) {
        console.log(
          problems.length
            ? `FAIL\t${job.name}\t${problems.join('\\n').replace(/\t/g, ' ')}`
            : `ok\t${job.name}`
        )
      } else if (problems.length) {
        console.log(`MISMATCH ${job.name}\n  ${problems.join('\n  ')}`)
      }
    }
  }
)
await Promise.all(workers)
if (!tap)
  console.log(
    `parity: ${jobs.length - failed} of ${jobs.length} samples identical in conftest and gator`
  )
if (!jobs.length) {
  console.error('parity: no samples found')
  process.exit(1)
}
process.exit(failed ? 1 : 0)

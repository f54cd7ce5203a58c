#!/usr/bin/env node
// Scaffolds a complete policy folder that passes the policy checks as generated, so a contributor
// only replaces the example logic:
//   policies/<name>/src.rego, src_test.rego, metadata.yaml, samples/default/{constraint,allowed,
//   disallowed}.yaml, then runs scripts/gen-templates.mjs (template.yaml, suite.yaml, bundles, ...),
//   scripts/gen-policy-library.mjs (policies/library.json) and scripts/gen-docs.mjs (docs/policies.md).
// Usage: npm run new-policy -- NAME [--kind KIND] [--bundle BUNDLE] [--no-generate]
//   NAME     folder and constraint name, lowercase with dashes (e.g. allowed-registries)
//   --kind   CRD kind (default Hardening + NAME in CamelCase, e.g. HardeningAllowedRegistries)
//   --bundle bundle the constraint ships in (default: a bundle of its own named NAME; move it to
//            a shipped bundle such as image-hygiene once the policy is reviewed)
// The example logic flags containers whose image starts with a disallowed prefix (parameter
// `prefixes`); replace it with yours, keeping the structure. See CONTRIBUTING.md.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import YAML from 'yaml'
import { COMPLIANCE, COMPLIANCE_KEYS, MATCH, regoMetadata } from './policy-conventions.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const usage =
  'usage: npm run new-policy -- NAME [--kind KIND] [--bundle BUNDLE] [--no-generate]\n' +
  '  NAME: lowercase letters, digits and dashes, e.g. allowed-registries'
const die = (msg) => {
  console.error(`new-policy: ${msg}\n${usage}`)
  process.exit(2)
}

const args = process.argv.slice(2)
const flag = (name) => {
  const i = args.indexOf(name)
  if (i < 0) return undefined
  const v = args[i + 1]
  if (!v || v.startsWith('--')) die(`${name} needs a value`)
  args.splice(i, 2)
  return v
}
if (args.includes('-h') || args.includes('--help')) {
  console.log(usage)
  process.exit(0)
}
const generate = !args.includes('--no-generate')
if (!generate) args.splice(args.indexOf('--no-generate'), 1)
const kindFlag = flag('--kind')
const bundleFlag = flag('--bundle')
if (args.length !== 1) die('expected exactly one NAME')
const name = args[0]
if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name) || name.length > 50)
  die(`invalid NAME ${JSON.stringify(name)}`)
if (['lib', 'bundles', 'overlays', 'templates', 'constraints', 'psa-diff'].includes(name))
  die(`${name} is a reserved folder of policies/`)
const camel = name
  .split('-')
  .map((w) => w[0].toUpperCase() + w.slice(1))
  .join('')
const kind = kindFlag ?? `Hardening${camel}`
if (!/^[A-Z][A-Za-z0-9]+$/.test(kind)) die(`invalid --kind ${JSON.stringify(kind)} (CamelCase)`)
const bundle = bundleFlag ?? name
if (!/^[a-z][a-z0-9-]*$/.test(bundle)) die(`invalid --bundle ${JSON.stringify(bundle)}`)
const pkg = kind.toLowerCase()
const dir = join(root, 'policies', name)
if (existsSync(dir)) die(`policies/${name} already exists`)

// Title and description live in metadata.yaml; src.rego's METADATA block repeats them for OPA
// and Regal (gen-templates keeps it in step).
const title = camel
const description =
  'TODO: what the policy checks. Example: containers, initContainers and ephemeralContainers must not use an image whose reference starts with one of the disallowed prefixes.'
const indent = (text, spaces) => text.trimEnd().replace(/^/gm, ' '.repeat(spaces))

const files = {
  'src.rego': `${regoMetadata({ title, description })}package ${pkg}

import future.keywords.contains
import future.keywords.if
import future.keywords.in

import data.lib.k8s
import data.lib.pods

# One violation per offending field. Walk containers only through data.lib.pods (every workload
# kind; containers, initContainers and ephemeralContainers), read fields through k8s.get (null is
# absent), name the offending value and the fix in msg, and point details.path at the field.
violation contains {"msg": msg, "details": details} if {
	some c in pods.containers
	image := k8s.get(c.container, "image", "")
	some prefix in k8s.param("prefixes", [])
	startswith(image, prefix)
	msg := sprintf(
		"%s: container %q uses image %q, which starts with the disallowed prefix %q. Use an image from an approved registry instead.",
		[k8s.label, c.name, image, prefix],
	)
	details := {"path": sprintf("%s.image", [pods.path(c)]), "container": c.name, "value": image}
}
`,
  'src_test.rego': `package ${pkg}_test

import future.keywords.every
import future.keywords.if
import future.keywords.in

import data.${pkg}.violation
import data.lib.fixtures

params := {"prefixes": ["bad.example/"]}

c(name, image) := {"name": name, "image": image}

test_allowed_images if {
	count(violation) == 0 with input as fixtures.pod(
		{"containers": [c("a", "good.example/app:1"), c("b", null), {"name": "c"}]},
		params,
	)
}

test_no_parameters_allows_everything if {
	count(violation) == 0 with input as fixtures.pod({"containers": [c("a", "bad.example/app:1")]}, null)
}

test_denied_in_every_kind_and_container_list if {
	spec := {
		"initContainers": [c("i", "bad.example/init:1")],
		"containers": [c("a", "good.example/app:1"), c("b", "bad.example/app:1")],
		"ephemeralContainers": [c("e", "bad.example/debug:1")],
	}
	every kind in fixtures.kinds {
		v := violation with input as fixtures.pod_input(kind, spec, params)
		p := fixtures.spec_paths[kind]
		{x.details.path | some x in v} == {
			sprintf("%s.initContainers[0].image", [p]),
			sprintf("%s.containers[1].image", [p]),
			sprintf("%s.ephemeralContainers[0].image", [p]),
		}
	}
}

test_message_names_value_and_fix if {
	some x in violation with input as fixtures.pod({"containers": [c("a", "bad.example/app:1")]}, params)
	x.msg == \`Pod prod/web: container "a" uses image "bad.example/app:1", which starts with the disallowed prefix "bad.example/". Use an image from an approved registry instead.\`
	x.details.value == "bad.example/app:1"
}
`,
  'metadata.yaml': `# Source for the generated template.yaml and constraints (scripts/gen-templates.mjs).
# Schema: policies/README.md ("ConstraintTemplate annotations"). Replace every TODO.
kind: ${kind}
version: 0.1.0
title: ${JSON.stringify(title)}
description: ${JSON.stringify(description)}
severity: MEDIUM # CRITICAL, HIGH, MEDIUM or LOW: the impact of one violation
remediation: >-
  TODO: how to fix a violation. Example: use an image from an approved registry.
references: [] # e.g. - {title: Kubernetes - Images, url: https://kubernetes.io/docs/concepts/containers/images/}
compliance: # ${COMPLIANCE.map(([, f]) => f.label).join(', ')} ids (lists may stay empty; catalogue: policies/frameworks.json)
${COMPLIANCE_KEYS.map((key) => `  ${key}: []`).join('\n')}
match: workloads # or services
parameters:
  prefixes:
    type: array
    description: Image reference prefixes that are not allowed, e.g. docker.io/. Empty allows every image.
    items:
      type: string
constraints:
  - name: ${name}
    bundles: [${bundle}]
    parameters:
      prefixes: []
`,
  'samples/default/constraint.yaml': `apiVersion: constraints.gatekeeper.sh/v1beta1
kind: ${kind}
metadata:
  name: ${name}
spec:
  match:
    kinds:
${indent(YAML.stringify(MATCH.workloads), 6)}
  parameters:
    prefixes: ['bad.example/']
`,
  'samples/default/allowed.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: prod
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: good.example/web:1.0.0
`,
  'samples/default/disallowed.yaml': `# violations: 2
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: prod
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      initContainers:
        - name: init
          image: bad.example/init:1.0.0
      containers:
        - name: web
          image: bad.example/web:1.0.0
`
}

for (const [rel, text] of Object.entries(files)) {
  const abs = join(dir, rel)
  mkdirSync(dirname(abs), { recursive: true })
  writeFileSync(abs, text)
  console.log(`new-policy: wrote policies/${name}/${rel}`)
}

/** Runs a generator script of this repository; a failure stops the scaffold with its status. */
function runGenerator(script) {
  const result = spawnSync(process.execPath, [join(root, 'scripts', script)], {
    cwd: root,
    stdio: 'inherit'
  })
  if (result.status !== 0) {
    console.error(`new-policy: scripts/${script} failed`)
    process.exit(result.status ?? 1)
  }
}

if (generate) {
  runGenerator('gen-templates.mjs')
  // The generated form of the bundled library (policies/library.json) holds every bundled file's
  // hash; the engine reads the YAML instead while it is stale, so keep it current too.
  if (existsSync(join(root, 'scripts', 'gen-policy-library.mjs')))
    runGenerator('gen-policy-library.mjs')
  // docs/policies.md lists every policy; keep it current too.
  if (existsSync(join(root, 'scripts', 'gen-docs.mjs')) && existsSync(join(root, 'action.yml')))
    runGenerator('gen-docs.mjs')
}

console.log(`
Next steps (CONTRIBUTING.md, "Adding a policy"):
  1. Replace the example logic in policies/${name}/src.rego and its tests in src_test.rego.
  2. Fill in every TODO in policies/${name}/metadata.yaml (description, remediation,
     references, compliance, parameters) and adjust the samples in samples/default/.
  3. Move the constraint from bundle "${bundle}" to a shipped bundle when it is reviewed.
  4. node scripts/gen-templates.mjs && node scripts/gen-policy-library.mjs && node scripts/gen-docs.mjs
     && bash scripts/test-policies.sh`)

// The control coverage map of docs/coverage.md (rendered by scripts/gen-docs.mjs): for every
// control of policies/frameworks.json, which policy or check covers it and where the repository
// enforces that. A control is covered only when a ConstraintTemplate's compliance or pss
// annotation names it, or when the CIS scorecard scores it; nothing else counts.
//   loadCoverageSources(root) reads the repository; buildCoverage(sources) is pure;
//   renderCoverage(coverage) is the Markdown page.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, join, relative } from 'node:path'
import YAML from 'yaml'
import { ANNOTATION_PREFIX, COMPLIANCE_KEYS, FRAMEWORKS } from './policy-conventions.mjs'

/** Enforcement points, strongest first. */
export const POINTS = [
  ['ci-gate', 'CI gate', 'the action fails the check (default inputs)'],
  ['ci-report', 'CI report', 'the action reports it, below the default fail-on-severity'],
  ['admission-deny', 'admission deny', 'Gatekeeper rejects it (Argo CD deploys the deny overlay)'],
  ['admission-warn', 'admission warn', 'Gatekeeper admits it with a warning (Argo CD app)'],
  ['admission-dryrun', 'admission dryrun', 'Gatekeeper audit only (Argo CD app)'],
  ['audit-alert', 'audit alert', 'a Prometheus alert fires on audit violations'],
  ['scorecard', 'scorecard', 'kube-bench scores it when scripts/cis_scorecard.sh runs']
]
const POINT_ORDER = POINTS.map(([id]) => id)
const LABEL = Object.fromEntries(POINTS.map(([id, label]) => [id, label]))
const SEVERITY_RANK = { LOW: 1, MEDIUM: 2, HIGH: 3, CRITICAL: 4 }
const ACTION_RANK = { dryrun: 1, warn: 2, deny: 3 }

const readYaml = (file) => YAML.parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS())
const yamlFiles = (dir) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
        .map((f) => join(dir, f))
    : []
const json = (text, fallback) => {
  try {
    return text ? JSON.parse(text) : fallback
  } catch {
    return fallback
  }
}

/**
 * What a kustomization deploys: the policy folders it includes and the enforcement action of each
 * constraint kind after its patches (as gen-templates writes them: one JSON patch per overlay).
 */
function kustomize(dir, policiesDir) {
  const out = { policies: new Set(), actions: new Map() }
  const k = readYaml(join(dir, 'kustomization.yaml'))[0] ?? {}
  for (const resource of k.resources ?? []) {
    const abs = join(dir, resource)
    if (existsSync(join(abs, 'template.yaml')) && relative(policiesDir, abs) === basename(abs))
      out.policies.add(basename(abs))
    else if (existsSync(join(abs, 'kustomization.yaml'))) {
      const inner = kustomize(abs, policiesDir)
      inner.policies.forEach((p) => out.policies.add(p))
      inner.actions.forEach((a, kind) => out.actions.set(kind, a))
    } else if (existsSync(abs) && statSync(abs).isFile())
      for (const doc of readYaml(abs))
        if (String(doc?.apiVersion).startsWith('constraints.gatekeeper.sh/'))
          out.actions.set(
            doc.kind,
            strongest(out.actions.get(doc.kind), doc.spec?.enforcementAction)
          )
  }
  for (const p of k.patches ?? [])
    for (const op of YAML.parse(p.patch ?? '[]') ?? [])
      if (op.path === '/spec/enforcementAction')
        for (const kind of out.actions.keys()) out.actions.set(kind, op.value)
  return out
}
const strongest = (a, b) => ((ACTION_RANK[b] ?? 0) > (ACTION_RANK[a] ?? 0) ? b : a)

/** Reads everything the coverage map is made of from the repository at root. */
export function loadCoverageSources(root) {
  const policiesDir = join(root, 'policies')
  const policies = readdirSync(policiesDir)
    .sort()
    .filter((name) => existsSync(join(policiesDir, name, 'template.yaml')))
    .map((name) => {
      const t = readYaml(join(policiesDir, name, 'template.yaml'))[0]
      const a = t.metadata?.annotations ?? {}
      return {
        name,
        kind: t.spec?.crd?.spec?.names?.kind,
        title: a[`${ANNOTATION_PREFIX}/title`],
        severity: a[`${ANNOTATION_PREFIX}/severity`],
        compliance: json(a[`${ANNOTATION_PREFIX}/compliance`], {}),
        pss: json(a[`${ANNOTATION_PREFIX}/pss`], {}).checks ?? []
      }
    })
  const inputs = readYaml(join(root, 'action.yml'))[0]?.inputs ?? {}
  const ciBundle = String(inputs['policy-bundle']?.default ?? 'none')
  const ci = {
    bundle: ciBundle,
    enforcement: String(inputs['policy-enforcement']?.default ?? 'as-declared'),
    threshold: String(inputs['fail-on-severity']?.default ?? 'none').toUpperCase(),
    policies:
      ciBundle === 'none'
        ? []
        : [...kustomize(join(policiesDir, 'bundles', ciBundle), policiesDir).policies]
  }
  const admission = []
  for (const file of yamlFiles(join(root, 'argocd', 'apps')))
    for (const app of readYaml(file)) {
      if (app?.kind !== 'Application') continue
      for (const source of [app.spec?.source, ...(app.spec?.sources ?? [])]) {
        const dir = source?.path ? join(root, source.path) : ''
        if (!dir || !source.path.startsWith('policies/') || !existsSync(dir)) continue
        const deployed = kustomize(dir, policiesDir)
        admission.push({
          via: `Argo CD app \`${app.metadata?.name}\` ([${relative(root, file)}](../${relative(root, file)})) deploys \`${source.path}\``,
          policies: [...deployed.policies],
          actions: Object.fromEntries(deployed.actions)
        })
      }
    }
  const quickStart = {}
  for (const file of yamlFiles(join(policiesDir, 'constraints')))
    for (const doc of readYaml(file))
      quickStart[doc.kind] = strongest(quickStart[doc.kind], doc.spec?.enforcementAction)
  const alerts = []
  const monitoring = join(root, 'monitoring')
  if (existsSync(join(monitoring, 'kustomization.yaml')))
    for (const resource of readYaml(join(monitoring, 'kustomization.yaml'))[0]?.resources ?? [])
      for (const doc of readYaml(join(monitoring, resource)))
        for (const group of doc?.kind === 'PrometheusRule' ? (doc.spec?.groups ?? []) : [])
          for (const rule of group.rules ?? []) {
            if (!rule.alert || !/\bgatekeeper_violations\b/.test(rule.expr ?? '')) continue
            const only = /enforcement_action\s*=\s*"(\w+)"/.exec(rule.expr)?.[1]
            alerts.push({
              name: rule.alert,
              file: `monitoring/${resource}`,
              actions: only ? [only] : null
            })
          }
  return { frameworks: FRAMEWORKS, policies, ci, admission, quickStart, alerts }
}

/** Where each policy is enforced: policy name -> [{point, detail}], strongest point first. */
function enforcementOf(sources) {
  const { ci, admission, alerts } = sources
  const where = new Map(sources.policies.map((p) => [p.name, []]))
  for (const p of sources.policies) {
    const points = where.get(p.name)
    if (ci.policies.includes(p.name)) {
      const blocks =
        ci.enforcement === 'deny' &&
        SEVERITY_RANK[ci.threshold] !== undefined &&
        SEVERITY_RANK[p.severity] >= SEVERITY_RANK[ci.threshold]
      points.push({
        point: blocks ? 'ci-gate' : 'ci-report',
        detail: `the action's defaults in [action.yml](../action.yml): \`policy-bundle: ${ci.bundle}\`, \`policy-enforcement: ${ci.enforcement}\`, \`fail-on-severity: ${ci.threshold.toLowerCase()}\``
      })
    }
    for (const a of admission) {
      const action = a.actions[p.kind]
      if (!a.policies.includes(p.name) || !action) continue
      points.push({ point: `admission-${action}`, detail: a.via })
      for (const alert of alerts)
        if (!alert.actions || alert.actions.includes(action))
          points.push({ point: 'audit-alert', detail: `${alert.name} (${alert.file})` })
    }
    points.sort((x, y) => POINT_ORDER.indexOf(x.point) - POINT_ORDER.indexOf(y.point))
  }
  return where
}

/**
 * The coverage map: per framework, every catalogue control with what covers it and where, plus
 * the controls that policies name but the catalogue lacks (so a typo cannot hide).
 */
export function buildCoverage(sources) {
  const where = enforcementOf(sources)
  const scored = new Set(sources.frameworks.scorecard.scored)
  const scorecard = sources.frameworks.scorecard
  const frameworks = [
    ...COMPLIANCE_KEYS.map((key) => [
      key,
      sources.frameworks.compliance[key],
      (p) => p.compliance[key] ?? []
    ]),
    ['pss', sources.frameworks.pss, (p) => p.pss]
  ].map(([key, framework, controlsOf]) => {
    const known = new Set(framework.controls.map((c) => c.id))
    const unknown = [...new Set(sources.policies.flatMap(controlsOf))].filter(
      (id) => !known.has(id)
    )
    const controls = framework.controls.map((control) => {
      const policies = sources.policies.filter((p) => controlsOf(p).includes(control.id))
      const points = policies.flatMap((p) => where.get(p.name).map((w) => w.point))
      const checks = key === scorecard.framework && scored.has(control.id)
      if (checks) points.push('scorecard')
      return {
        ...control,
        policies: policies.map((p) => p.name),
        scorecard: checks,
        where: POINT_ORDER.filter((point) => points.includes(point))
      }
    })
    return { key, name: framework.name, controls, unknown }
  })
  return { sources, where, frameworks }
}

const cell = (s) =>
  String(s ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\|/g, '\\|')

/** docs/coverage.md */
export function renderCoverage({ sources, where, frameworks }) {
  const scorecard = sources.frameworks.scorecard
  const lines = [
    '<!-- Generated by scripts/gen-docs.mjs (scripts/coverage.mjs) - do not edit; run `node scripts/gen-docs.mjs`. -->',
    '',
    '# Control coverage',
    '',
    'Which control of which framework this repository covers, with what, and where it is enforced.',
    'Generated from the compliance and Pod Security Standards annotations of every ConstraintTemplate',
    '(`policies/<policy>/metadata.yaml`), the action defaults in [action.yml](../action.yml), the Argo CD',
    'applications in [argocd/apps](../argocd/apps/), the constraints of',
    '[policies/constraints](../policies/constraints/), the alerts in [monitoring](../monitoring/) and the',
    `checks the [CIS scorecard](../scripts/cis_scorecard.sh) scores (${scorecard.tool} ${scorecard.version}, benchmark ${scorecard.benchmark}).`,
    'The control catalogue (ids and short titles) is [policies/frameworks.json](../policies/frameworks.json).',
    'A control is covered only when an annotation or the scorecard names it; a mapping is coarse',
    'evidence for an audit, not an audit opinion. Each run also writes what it enforced into its',
    'evidence (`evidence.json`, `evidence.md`).',
    '',
    '| enforcement point | meaning |',
    '| --- | --- |',
    ...POINTS.map(([, label, meaning]) => `| ${label} | ${meaning} |`),
    '',
    '## Summary',
    '',
    '| framework | controls | covered | enforced by a CI gate or admission deny | not covered |',
    '| --- | ---: | ---: | ---: | ---: |'
  ]
  for (const f of frameworks) {
    const covered = f.controls.filter((c) => c.where.length).length
    const blocking = f.controls.filter((c) =>
      c.where.some((w) => w === 'ci-gate' || w === 'admission-deny')
    ).length
    lines.push(
      `| ${cell(f.name)} | ${f.controls.length} | ${covered} | ${blocking} | ${f.controls.length - covered} |`
    )
  }
  lines.push(
    '',
    '## Where each policy is enforced',
    '',
    ...[
      ...new Set(
        [...where.values()]
          .flat()
          .sort((x, y) => POINT_ORDER.indexOf(x.point) - POINT_ORDER.indexOf(y.point))
          .map((w) => `- ${LABEL[w.point]}: ${w.detail}`)
      )
    ],
    ...sources.alerts.map(
      (a) =>
        `- Prometheus alert \`${a.name}\` ([${a.file}](../${a.file})): violations of ${a.actions ? a.actions.join(', ') : 'all'} constraints`
    ),
    `- ${LABEL.scorecard}: ${scorecard.tool} ${scorecard.version} (${scorecard.benchmark}) through [${scorecard.script}](../${scorecard.script}), scored checks only`,
    '- Every bundle also has `warn` and `deny` overlays under [policies/overlays](../policies/overlays/).',
    '',
    '| policy | severity | enforced where | quick start (`kubectl apply -f policies/constraints`) |',
    '| --- | --- | --- | --- |'
  )
  for (const p of sources.policies) {
    const points = where.get(p.name).map((w) => LABEL[w.point])
    lines.push(
      `| [${p.name}](policies.md#${p.name}) | ${cell(p.severity)} | ${points.join(', ') || 'nowhere'} | ${cell(sources.quickStart[p.kind] ?? '-')} |`
    )
  }
  for (const f of frameworks) {
    lines.push(
      '',
      `## ${f.name}`,
      '',
      '| control | title | covered by | enforced where |',
      '| --- | --- | --- | --- |'
    )
    for (const c of f.controls) {
      const by = [
        ...c.policies.map((name) => `[${name}](policies.md#${name})`),
        ...(c.scorecard ? [`kube-bench ${scorecard.benchmark} ${c.id}`] : [])
      ]
      lines.push(
        `| ${cell(c.id)} | ${cell(c.level ? `${c.title} (${c.level})` : c.title)} | ${by.join(', ') || '-'} | ${c.where.map((w) => LABEL[w]).join(', ') || (by.length ? '**not enforced**: no default deployment' : '**not covered**')} |`
      )
    }
    const missing = f.controls.filter((c) => !c.where.length).map((c) => c.id)
    lines.push('', `Not covered (${missing.length}): ${missing.join(', ') || 'none'}.`)
    if (f.unknown.length)
      lines.push('', `Named by a policy but not in the catalogue: ${f.unknown.join(', ')}.`)
  }
  lines.push('')
  return lines.join('\n')
}

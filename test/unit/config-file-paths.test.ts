// The config file's per-path settings: validation with the file's line, and the one precedence
// rule every setting follows (the last entry that matches a file and gives the setting decides).
import { describe, expect, it } from 'vitest'
import { layerInputs, parseConfigFile, withPathSettings } from '../../src/config/file.js'
import { readConfig } from '../../src/config/inputs.js'
import { finalize, type Finding } from '../../src/findings/model.js'
import { decide } from '../../src/gate.js'
import { pathPolicyChooser } from '../../src/scanners/gatekeeper/path-policies.js'
import { configErrorOf } from './config-file-fixtures.js'

const NAME = '.hardening.yaml'
const workspace = '/work/repo'
/** The scan configuration from a config file alone, read as the action reads it. */
const configOf = (text: string) => {
  const file = parseConfigFile(text, NAME)
  const { read } = layerInputs(
    () => '',
    file,
    () => false
  )
  return withPathSettings(readConfig(read, workspace), file)
}
const problem = (text: string): string => configErrorOf(() => configOf(text))

describe('paths: validation', () => {
  it('names the line of a bad value', () => {
    expect(problem('paths:\n  - glob: a/*\n    policy-bundle: strict\n')).toMatch(
      /^\.hardening\.yaml:3: paths\[0\]\.policy-bundle: must be one of all, .*pss-restricted.*, none; got "strict"$/
    )
    // The run's own bundle too, now that the schema knows the bundles.
    expect(problem('fail-on: all\npolicy-bundle: pss-strict\n')).toMatch(
      /^\.hardening\.yaml:2: policy-bundle: must be one of all, .*; got "pss-strict"$/
    )
    expect(problem('paths:\n  - glob: a/*\n    exclude: "yes"\n')).toBe(
      `${NAME}:3: paths[0].exclude: must be true or false`
    )
    expect(problem('paths:\n  - glob: a/*\n    policies: [ok, {dir: x}]\n')).toBe(
      `${NAME}:3: paths[0].policies[1]: must be a string`
    )
    expect(problem('paths:\n  - glob: a/*\n    exclude: true\n  - glob: b/*\n')).toBe(
      `${NAME}:4: paths[1]: needs one of fail-on-severity, policy-bundle, policies, exclude`
    )
    expect(problem('paths:\n  - exclude: true\n')).toBe(`${NAME}:2: paths[0]: needs 'glob'`)
  })

  it('refuses extra policies outside the workspace, naming the entry', () => {
    expect(
      problem('paths:\n  - glob: a/*\n    exclude: true\n  - glob: b/*\n    policies: ../x\n')
    ).toBe(`${NAME}:4: paths[1].policies: path '../x' is outside the workspace ${workspace}.`)
  })

  it('keeps each entry with its line; the gate gets only entries with a threshold', () => {
    const config = configOf(`paths:
  - glob: deploy/*
    fail-on-severity: critical
  - glob: deploy/vendor/*
    exclude: true
    policy-bundle: none
  - glob: deploy/team/*
    policies: [team/policies, shared]
`)
    expect(config.failOnSeverityByPath).toEqual([{ glob: 'deploy/*', threshold: 'CRITICAL' }])
    expect(config.policiesByPath).toEqual([
      { glob: 'deploy/vendor/*', origin: `${NAME}:4`, exclude: true, policyBundle: 'none' },
      {
        glob: 'deploy/team/*',
        origin: `${NAME}:7`,
        extraPolicies: [`${workspace}/team/policies`, `${workspace}/shared`]
      }
    ])
    expect(configOf('fail-on: all\n').policiesByPath).toBeUndefined()
  })
})

describe('paths: precedence', () => {
  const config = configOf(`policy-bundle: pss-baseline
policies: [org-policies]
paths:
  - glob: deploy/*
    policy-bundle: pss-restricted
    fail-on-severity: low
  - glob: deploy/legacy/*
    policy-bundle: image-hygiene
  - glob: deploy/legacy/keep/*
    fail-on-severity: none
  - glob: deploy/team/*
    policies: []
  - glob: vendor/*
    exclude: true
  - glob: vendor/ours/*
    exclude: false
`)
  const choose = pathPolicyChooser(config)
  const chosen = (file: string) => {
    const choice = choose(file)
    return choice.excludedBy
      ? `excluded by ${choice.excludedBy.origin}`
      : `${choice.selection.bundle} ${choice.selection.extraPolicies.map((d) => d.slice(workspace.length + 1)).join(',')}`
  }

  it('for each setting, the last entry that matches and gives it decides', () => {
    expect(chosen('charts/web.yaml')).toBe('pss-baseline org-policies') // no entry: the run's
    expect(chosen('deploy/web.yaml')).toBe('pss-restricted org-policies')
    expect(chosen('deploy/legacy/old.yaml')).toBe('image-hygiene org-policies')
    // An entry that gives only a threshold leaves the bundle to the entries before it.
    expect(chosen('deploy/legacy/keep/old.yaml')).toBe('image-hygiene org-policies')
    expect(chosen('deploy/team/api.yaml')).toBe('pss-restricted ') // an empty list: none there
    expect(chosen('vendor/lib.yaml')).toBe(`excluded by ${NAME}:13`)
    expect(chosen('vendor/ours/lib.yaml')).toBe('pss-baseline org-policies')
  })

  it('thresholds follow the same rule, so the gate and the policies agree on a file', () => {
    const finding = (file: string): Finding =>
      finalize({
        scanner: 'policies',
        target: 'manifests',
        ruleId: 'R',
        title: 'R',
        severity: 'LOW',
        message: 'm',
        resource: file,
        location: { path: file, startLine: 1 }
      })
    const blocking = decide(
      ['charts/web.yaml', 'deploy/legacy/old.yaml', 'deploy/legacy/keep/old.yaml'].map(finding),
      {
        failOnSeverity: config.failOnSeverity,
        failOnSeverityByPath: config.failOnSeverityByPath!,
        onlyNew: false,
        configurationErrors: []
      }
    ).blocking.map((f) => f.location!.path)
    // deploy/legacy/* gives no threshold: deploy/*'s low still applies there.
    expect(blocking).toEqual(['deploy/legacy/old.yaml'])
  })
})

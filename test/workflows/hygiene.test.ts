import { describe, expect, it } from 'vitest'
import {
  allProblems,
  callProblems,
  checkoutCredentialProblems,
  declaredInputs,
  grantProblems,
  parseWorkflowYaml,
  permissionProblems,
  pinProblems,
  readText,
  runExpressionProblems,
  triggerProblems,
  usesOf,
  workflowFiles
} from './checks.js'

const files = workflowFiles()

const action = parseWorkflowYaml(readText('action.yml'))
const reusable = parseWorkflowYaml(readText('.github/workflows/hardening.yml'))
const call = (reusable.on as Record<string, Record<string, unknown>>).workflow_call

const GOOD = `on: push
permissions:
  contents: read
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd # v6.0.2
        with:
          persist-credentials: false
      - run: echo "$REF"
        env:
          REF: \${{ github.ref }}
`

describe('workflow hygiene', () => {
  it('finds the workflows', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        '.github/workflows/hardening.yml',
        '.github/workflows/ci.yml',
        '.github/workflows/check-dist.yml',
        '.github/workflows/self-scan.yml',
        '.github/workflows/release.yml',
        '.github/workflows/fleet.yml',
        '.github/workflows/fleet-scan.yml',
        '.github/workflows/fleet-report.yml',
        'workflows/pr.yml',
        'workflows/weekly.yml',
        'workflows/fleet.yml'
      ])
    )
  })

  it.each(files)(
    '%s: pinned, no pull_request_target, read-only top level, no ${{ }} in run',
    (file) => {
      expect(allProblems(readText(file))).toEqual([])
    }
  )

  it.each(files)('%s: calls our action and reusable workflow with declared inputs only', (file) => {
    const problems = callProblems(
      parseWorkflowYaml(readText(file)),
      declaredInputs(action.inputs),
      declaredInputs(call.inputs),
      declaredInputs(call.secrets)
    )
    expect(problems).toEqual([])
  })

  it.each(files)('%s: grants every call to the reusable workflow what its jobs request', (file) => {
    expect(grantProblems(parseWorkflowYaml(readText(file)), reusable)).toEqual([])
  })

  it.each(workflowFiles().filter((file) => file.startsWith('workflows/')))(
    '%s starts with a comment saying what to change',
    (file) => {
      expect(readText(file)).toMatch(/^# .*[Cc]hange/)
    }
  )

  it('the clean example passes every check', () => {
    expect(allProblems(GOOD)).toEqual([])
  })
})

describe('each check catches what it is for', () => {
  it('tag and branch refs, short SHAs, missing or wrong version comments', () => {
    const bad = GOOD.replace(
      '      - run: echo',
      [
        '      - uses: actions/cache@v4',
        '      - uses: actions/cache@main',
        '      - uses: actions/cache@27d5ce7',
        '      - uses: actions/cache@27d5ce7f107fe9357f9df03efb73ab90386fccae',
        '      - uses: actions/cache@27d5ce7f107fe9357f9df03efb73ab90386fccae # v4.2.0',
        '      - uses: actions/cache@0000000000000000000000000000000000000000 # v5.0.5',
        '      - uses: evil/action@0000000000000000000000000000000000000000 # v1.0.0',
        '      - uses: docker://alpine:3.20',
        '      - run: echo'
      ].join('\n')
    )
    const problems = pinProblems(bad)
    expect(problems).toHaveLength(8)
    expect(problems.join('\n')).toMatch(/actions\/cache@v4: not pinned/)
    expect(problems.join('\n')).toMatch(/no "# vX.Y.Z" version comment/)
    expect(problems.join('\n')).toMatch(/v5.0.5 of actions\/cache is 27d5ce7/)
    expect(problems.join('\n')).toMatch(/evil\/action v1.0.0 is not in the verified pin table/)
    expect(problems.join('\n')).toMatch(/docker image not pinned by digest/)
  })

  it('a uses in flow style cannot slip past the line check', () => {
    const flow = GOOD.replace(
      '      - run: echo',
      '      - { uses: actions/cache@v4 }\n      - run: echo'
    )
    expect(pinProblems(flow)).toEqual([
      'actions/cache@v4: uses written in a form this check cannot read'
    ])
  })

  it('local actions and our own release tag are allowed', () => {
    const own = GOOD.replace(
      '      - run: echo',
      '      - uses: ./\n      - uses: org/hardening-action@v1\n      - run: echo'
    )
    expect(pinProblems(own)).toEqual([])
    expect(usesOf(parseWorkflowYaml(own))).toContain('org/hardening-action@v1')
  })

  it('pull_request_target in any trigger form', () => {
    for (const on of [
      'pull_request_target',
      '[push, pull_request_target]',
      '\n  pull_request_target:\n    types: [opened]'
    ]) {
      expect(triggerProblems(parseWorkflowYaml(GOOD.replace('on: push', `on: ${on}`)))).toEqual([
        'triggered by pull_request_target'
      ])
    }
  })

  it('top-level write permissions, write-all, missing permissions', () => {
    const write = GOOD.replace('  contents: read', '  contents: read\n  pull-requests: write')
    expect(permissionProblems(parseWorkflowYaml(write))).toEqual([
      'top-level permission pull-requests: write'
    ])
    const all = GOOD.replace('permissions:\n  contents: read', 'permissions: write-all')
    expect(permissionProblems(parseWorkflowYaml(all))).toEqual(['top-level permissions: write-all'])
    const none = GOOD.replace('permissions:\n  contents: read\n', '')
    expect(permissionProblems(parseWorkflowYaml(none))).toHaveLength(1)
    const jobAll = GOOD.replace(
      '    runs-on: ubuntu-latest',
      '    runs-on: ubuntu-latest\n    permissions: write-all'
    )
    expect(permissionProblems(parseWorkflowYaml(jobAll))).toEqual(['job a: permissions write-all'])
  })

  it('${{ }} inside a run script', () => {
    const inline = GOOD.replace('echo "$REF"', 'echo "${{ github.event.pull_request.title }}"')
    expect(runExpressionProblems(parseWorkflowYaml(inline))).toEqual([
      'job a step 2: ${{ }} inside run:'
    ])
  })

  it('checkout that keeps the token in a job that does not push', () => {
    const keeps = GOOD.replace('        with:\n          persist-credentials: false\n', '')
    expect(checkoutCredentialProblems(parseWorkflowYaml(keeps))).toEqual([
      'job a: checkout without persist-credentials: false'
    ])
    const pushes = keeps.replace(
      '    runs-on: ubuntu-latest',
      '    runs-on: ubuntu-latest\n    permissions:\n      contents: write'
    )
    expect(checkoutCredentialProblems(parseWorkflowYaml(pushes))).toEqual([])
  })

  it('unknown and missing inputs of our action and reusable workflow', () => {
    const caller = parseWorkflowYaml(`on: push
permissions: {}
jobs:
  a:
    uses: org/hardening-action/.github/workflows/hardening.yml@v1
    with:
      manifest: deploy/
    secrets:
      SLACK_TOKEN: x
  b:
    runs-on: ubuntu-latest
    steps:
      - uses: org/hardening-action@v1
        with:
          fail-on-severity: high
          fail-on-sevrity: high
`)
    expect(
      callProblems(
        caller,
        declaredInputs(action.inputs),
        { manifests: { required: false }, need: { required: true } },
        {}
      )
    ).toEqual([
      "job a: unknown input 'manifest'",
      "job a: missing required input 'need'",
      "job a: unknown secret 'SLACK_TOKEN'",
      "job b step org/hardening-action@v1: unknown input 'fail-on-sevrity'"
    ])
  })

  it('a call that does not grant what the reusable workflow requests', () => {
    const caller = (permissions: string) =>
      parseWorkflowYaml(`on: push
permissions:
  contents: read
jobs:
  a:
    uses: org/hardening-action/.github/workflows/hardening.yml@v1
${permissions}`)
    expect(grantProblems(caller(''), reusable)).toEqual([
      'job a: grants pull-requests: none, the reusable workflow requests write',
      'job a: grants actions: none, the reusable workflow requests read',
      'job a: grants security-events: none, the reusable workflow requests write'
    ])
    expect(
      grantProblems(
        caller(
          '    permissions:\n      contents: read\n      pull-requests: write\n      security-events: read\n      actions: read'
        ),
        reusable
      )
    ).toEqual(['job a: grants security-events: read, the reusable workflow requests write'])
    expect(grantProblems(caller('    permissions: write-all'), reusable)).toEqual([])
  })
})

describe('the reusable workflow', () => {
  const jobs = reusable.jobs as Record<string, Record<string, unknown>>

  it('is called with workflow_call', () => {
    expect(call).toBeDefined()
  })

  it('least privilege: only the upload job writes security events, only the scan job PRs', () => {
    expect(reusable.permissions).toEqual({ contents: 'read' })
    for (const [id, job] of Object.entries(jobs)) {
      expect(job.permissions, id).toBeDefined()
      const writes = Object.entries(job.permissions as Record<string, string>)
        .filter(([, level]) => level === 'write')
        .map(([scope]) => scope)
      const allowed: Record<string, string[]> = {
        scan: ['pull-requests'], // the action's PR comment
        'upload-sarif': ['security-events']
      }
      expect(writes, id).toEqual(allowed[id] ?? [])
    }
  })

  it('sets a timeout on every job and a concurrency group on the scan', () => {
    for (const [id, job] of Object.entries(jobs)) expect(job['timeout-minutes'], id).toBeDefined()
    expect(jobs.scan.concurrency).toBeDefined()
  })

  it('passes the Slack webhook and the registry login only as secrets, never into a message', () => {
    expect((call.secrets as Record<string, unknown>).SLACK_WEBHOOK_URL).toBeDefined()
    const text = readText('.github/workflows/hardening.yml')
    const mentions = text.split('\n').filter((line) => line.includes('secrets.'))
    expect(mentions).toEqual([
      ...['username', 'password', 'token'].map(
        (part) => `          registry-${part}: \${{ secrets.REGISTRY_${part.toUpperCase()} }}`
      ),
      '      SLACK_WEBHOOK_URL: ${{ secrets.SLACK_WEBHOOK_URL }}'
    ])
  })
})

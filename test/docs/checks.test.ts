// The checkers themselves: each must accept good input and reject bad input.
import { describe, expect, it } from 'vitest'
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  anchors,
  blocks,
  isWorkflow,
  linkProblems,
  repoPathProblems,
  shellProblems,
  slug,
  workflowProblems,
  yamlProblems
} from './checks.js'

describe('blocks', () => {
  it('finds fenced blocks, their language, indentation and the skip marker', () => {
    const md = [
      '# T',
      '```yaml',
      'a: 1',
      '```',
      '<!-- no-check -->',
      '```sh',
      'echo <name>',
      '```',
      '1. item',
      '   ```bash',
      '   ls',
      '   ```'
    ].join('\n')
    const b = blocks(md)
    expect(b.map((x) => [x.lang, x.code, x.line, x.skip])).toEqual([
      ['yaml', 'a: 1\n', 2, false],
      ['sh', 'echo <name>\n', 6, true],
      ['bash', 'ls\n', 10, false]
    ])
  })
})

describe('yaml checker', () => {
  it('accepts multi-document YAML', () => {
    expect(yamlProblems('a: 1\n---\nb: [1, 2]\n')).toEqual([])
  })
  it('rejects invalid YAML', () => {
    expect(yamlProblems('a: [1, 2\nb: c: d\n').length).toBeGreaterThan(0)
  })
})

describe('shell checker', () => {
  it('accepts a clean script', () => {
    expect(shellProblems('kubectl apply -k policies/bundles/all\n')).toEqual([])
  })
  it('rejects what shellcheck rejects (placeholder redirect, unquoted variable)', () => {
    expect(shellProblems('kubectl apply -f <file>\n').length).toBeGreaterThan(0)
    expect(shellProblems('rm -rf $DIR/x\n').join('\n')).toMatch(/SC2086/)
  })
})

describe('workflow checker', () => {
  const good = [
    'on: [pull_request]',
    'permissions:',
    '  contents: read',
    'jobs:',
    '  a:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - run: echo hi'
  ].join('\n')
  it('recognises workflows', () => {
    expect(isWorkflow(good)).toBe(true)
    expect(isWorkflow('- uses: x/y@v1\n')).toBe(false)
  })
  it('accepts a valid workflow', () => {
    expect(workflowProblems(good + '\n')).toEqual([])
  })
  it('rejects an invalid workflow (unknown key, bad expression)', () => {
    expect(workflowProblems(good.replace('runs-on', 'runs_on') + '\n').length).toBeGreaterThan(0)
    expect(
      workflowProblems(good.replace('echo hi', 'echo ${{ github.nope( }}') + '\n').length
    ).toBeGreaterThan(0)
  })
})

describe('links', () => {
  it('slugs headings like GitHub', () => {
    expect(slug('Enforcement: dryrun, then warn, then deny')).toBe(
      'enforcement-dryrun-then-warn-then-deny'
    )
    expect([...anchors('# A b\n## A b\n```\n# not\n```\n### `code` x\n')]).toEqual([
      'a-b',
      'a-b-1',
      'code-x'
    ])
  })
  it('accepts existing files and anchors, rejects missing ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'docs-links-'))
    try {
      mkdirSync(join(dir, 'sub'))
      writeFileSync(join(dir, 'sub', 'b.md'), '# Hello world\n')
      const md = [
        '[ok](sub/b.md) [ok](sub/b.md#hello-world) [ok](#top) [ok](https://example.com/x)',
        '`[code](not/checked.md)`',
        '# Top',
        '[bad](sub/missing.md) [bad](sub/b.md#nope) [bad](#nowhere)'
      ].join('\n')
      writeFileSync(join(dir, 'a.md'), md)
      expect(linkProblems(join(dir, 'a.md'))).toEqual([
        'line 4: sub/missing.md: no such file',
        'line 4: sub/b.md#nope: no heading with anchor #nope',
        'line 4: #nowhere: no heading with anchor #nowhere'
      ])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('repository paths in shell blocks', () => {
  it('accepts existing paths and ignores variables and comments', () => {
    expect(
      repoPathProblems(
        'kubectl apply -k policies/bundles/all\nkubectl apply -k "policies/bundles/$B" # policies/nope\n'
      )
    ).toEqual([])
  })
  it('rejects a path that does not exist', () => {
    expect(repoPathProblems('kubectl apply -k policies/overlays/deny/nope\n')).toEqual([
      'policies/overlays/deny/nope: no such file or directory'
    ])
  })
})

// Every fenced block of README.md and docs/*.md is checked: YAML parses, shell passes
// shellcheck, workflow examples pass actionlint; every relative link resolves.
// A block preceded by `<!-- no-check -->` is skipped (it is intentionally partial).
import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  ROOT,
  blocks,
  isWorkflow,
  linkProblems,
  repoPathProblems,
  shellProblems,
  workflowProblems,
  yamlProblems
} from './checks.js'

const docs = [
  'README.md',
  'CONTRIBUTING.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`)
].filter((f) => {
  try {
    readFileSync(join(ROOT, f))
    return true
  } catch {
    return false
  }
})

describe.each(docs)('%s', (file) => {
  const md = readFileSync(join(ROOT, file), 'utf8')
  const all = blocks(md).filter((b) => !b.skip)
  const yaml = all.filter((b) => b.lang === 'yaml' || b.lang === 'yml')
  const shell = all.filter((b) => ['sh', 'bash', 'shell'].includes(b.lang))
  const workflows = yaml.filter((b) => isWorkflow(b.code))

  it('relative links resolve', () => {
    expect(linkProblems(join(ROOT, file), md)).toEqual([])
  })
  it.each(yaml.map((b) => [b.line, b]))('yaml block at line %i parses', (_line, b) => {
    expect(yamlProblems(b.code)).toEqual([])
  })
  it.each(shell.map((b) => [b.line, b]))(
    'shell block at line %i passes shellcheck and its repository paths exist',
    (_l, b) => {
      expect(shellProblems(b.code)).toEqual([])
      expect(repoPathProblems(b.code)).toEqual([])
    }
  )
  it.each(workflows.map((b) => [b.line, b]))('workflow at line %i passes actionlint', (_l, b) => {
    expect(workflowProblems(b.code)).toEqual([])
  })
})

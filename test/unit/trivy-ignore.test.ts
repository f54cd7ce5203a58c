import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ConfigError } from '../../src/errors.js'
import {
  findInlineIgnores,
  globMatch,
  ignoredBy,
  parseTrivyIgnore,
  type TrivyIgnore
} from '../../src/scanners/trivy-ignore.js'

const TODAY = new Date('2026-06-01T12:00:00Z')

describe('parseTrivyIgnore: .trivyignore', () => {
  it('reads ids, exp: dates and comments as Trivy does', () => {
    const text = [
      '# accepted until the base image moves',
      'CVE-2026-0001',
      '  AVD-KSV-0017 exp:2026-12-31   # privileged, reviewed',
      '',
      'generic-api-key\r'
    ].join('\n')
    expect(parseTrivyIgnore(text, '.trivyignore')).toEqual([
      { id: 'CVE-2026-0001', paths: [], line: 2 },
      { id: 'AVD-KSV-0017', paths: [], expires: '2026-12-31', line: 3 },
      { id: 'generic-api-key', paths: [], line: 5 }
    ])
  })

  it('refuses an expiry that is not a date, with the line', () => {
    expect(() => parseTrivyIgnore('KSV-0017 exp:soon\n', '.trivyignore')).toThrow(
      new ConfigError(".trivyignore:1: expiry must be a date like 2026-12-31; got 'soon'")
    )
  })
})

describe('parseTrivyIgnore: .trivyignore.yaml', () => {
  it('reads each class with paths, expiry and statement', () => {
    const text = [
      'misconfigurations:',
      '  - id: KSV-0017',
      '    paths: ["deploy/**/*.yaml"]',
      '    statement: the node agent needs it',
      'vulnerabilities:',
      '  - id: CVE-2026-0001',
      '    expired_at: 2026-03-01'
    ].join('\n')
    expect(parseTrivyIgnore(text, 'ci/.trivyignore.yaml')).toEqual([
      {
        id: 'KSV-0017',
        class: 'misconfigurations',
        paths: ['deploy/**/*.yaml'],
        statement: 'the node agent needs it',
        line: 2
      },
      {
        id: 'CVE-2026-0001',
        class: 'vulnerabilities',
        paths: [],
        expires: '2026-03-01',
        line: 6
      }
    ])
  })

  it.each([
    ['unknown section', 'misconfig:\n  - id: X\n', "unknown section 'misconfig'"],
    ['unknown field', 'secrets:\n  - id: X\n    path: a\n', "unknown field 'path'"],
    ['no id', 'secrets:\n  - paths: [a]\n', "missing 'id'"],
    ['purls', 'vulnerabilities:\n  - id: X\n    purls: [pkg:npm/a]\n', "'purls' is not supported"],
    ['brace pattern', 'secrets:\n  - id: X\n    paths: ["{a,b}"]\n', 'only *, ** and ?']
  ])('refuses %s with the line', (_name, text, message) => {
    expect(() => parseTrivyIgnore(text, '.trivyignore.yaml')).toThrow(message)
    expect(() => parseTrivyIgnore(text, '.trivyignore.yaml')).toThrow(/^\.trivyignore\.yaml:\d+: /)
  })
})

describe('globMatch (doublestar)', () => {
  it.each([
    ['deploy/*.yaml', 'deploy/pod.yaml', true],
    ['deploy/*.yaml', 'deploy/a/pod.yaml', false],
    ['deploy/**/*.yaml', 'deploy/pod.yaml', true],
    ['deploy/**/*.yaml', 'deploy/a/b/pod.yaml', true],
    ['**', 'any/thing', true],
    ['deploy/po?.yaml', 'deploy/pod.yaml', true],
    ['deploy/po?.yaml', 'deploy/po/.yaml', false],
    ['pod.yaml', 'deploy/pod.yaml', false]
  ])('%s on %s: %s', (pattern, value, expected) => {
    expect(globMatch(pattern, value)).toBe(expected)
  })

  it('stays fast with many stars (no backtracking)', () => {
    const started = Date.now()
    expect(globMatch('*a*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(5_000))).toBe(false)
    expect(globMatch('**a**a**a**a**a**a**a**a**b', 'a/'.repeat(2_500))).toBe(false)
    expect(Date.now() - started).toBeLessThan(2_000)
  })
})

describe('ignoredBy', () => {
  const ignore: TrivyIgnore = {
    file: '.trivyignore',
    entries: [
      ...parseTrivyIgnore('AVD-KSV-0017\nCVE-2026-0001 exp:2026-01-01\n', '.trivyignore'),
      ...parseTrivyIgnore(
        'secrets:\n  - id: aws-access-key-id\n    paths: ["test/**"]\n    statement: fixtures\n',
        '.trivyignore.yaml'
      )
    ]
  }

  it('waives a finding any of whose ids is listed, naming the file and line', () => {
    expect(
      ignoredBy(
        ignore,
        { class: 'misconfigurations', ids: ['KSV-0017', 'AVD-KSV-0017'], paths: ['pod.yaml'] },
        TODAY
      )
    ).toEqual({
      reason: 'listed in .trivyignore:1 (no expiry)',
      owner: '.trivyignore',
      expires: '9999-12-31'
    })
  })

  it('leaves a finding of an expired entry open', () => {
    expect(
      ignoredBy(
        ignore,
        { class: 'vulnerabilities', ids: ['CVE-2026-0001'], paths: ['go.sum'] },
        TODAY
      )
    ).toBeUndefined()
  })

  it('applies a YAML entry only to its class and paths', () => {
    const secret = { class: 'secrets' as const, ids: ['aws-access-key-id'] }
    expect(
      ignoredBy(ignore, { ...secret, paths: ['test/fixtures/creds.env'] }, TODAY)?.reason
    ).toBe('listed in .trivyignore:2: fixtures (no expiry)')
    expect(ignoredBy(ignore, { ...secret, paths: ['src/creds.env'] }, TODAY)).toBeUndefined()
    expect(
      ignoredBy(ignore, { class: 'licenses', ids: ['aws-access-key-id'], paths: ['test/x'] }, TODAY)
    ).toBeUndefined()
  })
})

describe('findInlineIgnores', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'inline-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('finds Trivy and tfsec inline ignores in the files Trivy scans, with their lines', async () => {
    mkdirSync(path.join(dir, 'chart', 'templates'), { recursive: true })
    writeFileSync(
      path.join(dir, 'chart', 'templates', 'pod.yaml'),
      'apiVersion: v1\n# trivy:ignore:KSV-0017\nkind: Pod\n'
    )
    writeFileSync(
      path.join(dir, 'Dockerfile'),
      'FROM alpine\n#trivy:ignore:DS-0002 trivy:ignore:*\n'
    )
    writeFileSync(path.join(dir, 'main.tf'), 'resource "x" "y" {} // tfsec:ignore:aws-s3\n')
    writeFileSync(path.join(dir, 'notes.md'), '# trivy:ignore:KSV-0017 is not honoured here\n')
    mkdirSync(path.join(dir, '.git'))
    writeFileSync(path.join(dir, '.git', 'x.yaml'), '# trivy:ignore:KSV-0017\n')
    const { ignores } = await findInlineIgnores(dir)
    expect(
      ignores.map((i) => `${path.relative(dir, i.file)}:${i.line} ${i.comment}`).sort()
    ).toEqual([
      'Dockerfile:2 trivy:ignore:*',
      'Dockerfile:2 trivy:ignore:DS-0002',
      'chart/templates/pod.yaml:2 trivy:ignore:KSV-0017',
      'main.tf:1 tfsec:ignore:aws-s3'
    ])
  })
})

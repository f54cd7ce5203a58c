// The cases issue 14 names, one by one: what Kubernetes (sigs.k8s.io/yaml on go-yaml v2) reads,
// and what a YAML 1.2 reader got wrong. The differential test checks thousands more against the
// real Go code; these say what each rule is for.
import { describe, expect, it } from 'vitest'
import { readKubeYaml, type KubeDocument } from '../../src/manifests/kube-yaml.js'

const read = (text: string): KubeDocument[] => [...readKubeYaml(text)]
const value = (text: string): unknown => {
  const [document] = read(text)
  expect(document.error).toBeUndefined()
  return document.value
}
const refusal = (text: string): string | undefined => read(text)[0].error?.message

describe('YAML 1.1 scalars, as go-yaml v2 resolves them', () => {
  it.each([
    ['yes', true],
    ['Y', true],
    ['on', true],
    ['ON', true],
    ['no', false],
    ['n', false],
    ['Off', false],
    ['True', true],
    ['yES', 'yES'],
    ['"yes"', 'yes']
  ])('privileged: %s', (spelling, expected) => {
    expect(value(`privileged: ${spelling}\n`)).toEqual({ privileged: expected })
  })

  it.each([
    ['0_0', 0],
    ['1_000', 1000],
    ['010', 8],
    ['0o10', 8],
    ['0x1F', 31],
    ['0b101', 5],
    ['-0b101', -5],
    ['08', 8], // not octal: a float
    ['+0', 0],
    ['1e3', 1000],
    ['.5', 0.5],
    ['1e400', '1e400'], // out of range: the string stays
    ['2001-01-01', '2001-01-01'],
    ['~', null],
    ['', null],
    ['12:30', '12:30'] // no base-60 in go-yaml v2
  ])('runAsUser: %s', (spelling, expected) => {
    expect(value(`runAsUser: ${spelling}\n`)).toEqual({ runAsUser: expected })
  })

  it('applies explicit tags, and refuses the impossible ones', () => {
    expect(value('a: !!bool yes\nb: !!str on\nc: !!float 1\nd: ! 12\ne: !!binary aGk=\n')).toEqual({
      a: true,
      b: 'on',
      c: 1,
      d: '12',
      e: 'hi'
    })
    expect(refusal('a: !!int yes\n')).toBe('cannot decode !!bool `yes` as a !!int')
    expect(refusal('a: !!binary "%%"\n')).toMatch(/base64/)
  })

  it('refuses NaN and infinities as values, as encoding/json does', () => {
    expect(refusal('a: .nan\n')).toBe('json: unsupported value: NaN')
    expect(refusal('a: -.inf\n')).toBe('json: unsupported value: -Inf')
  })

  it('keeps a block scalar’s trailing line of spaces when it is more indented, as libyaml does', () => {
    expect(value('- q: |2-\n\n      x\n      \n  e: 1\n')).toEqual([{ q: '\n  x\n  ', e: 1 }])
  })

  it('keeps quoted, block and multi-line double-quoted scalars', () => {
    expect(value('a: "multi\nline at column zero"\nb: |\n  x\n')).toEqual({
      a: 'multi line at column zero',
      b: 'x\n'
    })
  })
})

describe('merge keys, anchors and aliases', () => {
  it('merges a map, later keys replacing earlier ones (merged ones too)', () => {
    const base = 'base: &b {privileged: true, hostPID: on}\n'
    expect(value(`${base}sc:\n  <<: *b\n`)).toMatchObject({
      sc: { privileged: true, hostPID: true }
    })
    expect(value(`${base}sc:\n  privileged: false\n  <<: *b\n`)).toMatchObject({
      sc: { privileged: true }
    })
    expect(value(`${base}sc:\n  <<: *b\n  privileged: false\n`)).toMatchObject({
      sc: { privileged: false }
    })
  })

  it('merges a list of maps, the first one winning', () => {
    const text = 'a: &a {x: 1}\nb: &b {x: 2, z: 3, y: 4}\nc: {<<: [*a, *b]}\n'
    // (`y` is a YAML 1.1 boolean, so a key "true")
    expect(value(text)).toMatchObject({ c: { x: 1, z: 3, true: 4 } })
  })

  it('reads a quoted or !!str `<<` as a plain key, and refuses merging a scalar', () => {
    expect(value('a: &a {x: 1}\nc: {"<<": *a}\n')).toMatchObject({ c: { '<<': { x: 1 } } })
    expect(refusal('c: {<<: 5}\n')).toMatch(/map merge requires map/)
  })

  it('binds an alias to the latest anchor before it, within one document only', () => {
    expect(value('a: &x 1\nb: *x\nc: &x 2\nd: *x\n')).toEqual({ a: 1, b: 1, c: 2, d: 2 })
    const [, second] = read('a: &x yes\n---\nb: *x\n')
    expect(second.error?.message).toBe("unknown anchor 'x' referenced")
    expect(refusal('a: &a [*a]\n')).toBe("anchor 'a' value contains itself")
  })

  it('stops alias bombs with go-yaml’s own limit', () => {
    const lines = ['a0: &a0 [x]']
    for (let i = 1; i <= 9; i++)
      lines.push(
        `a${i}: &a${i} [${Array(9)
          .fill(`*a${i - 1}`)
          .join(', ')}]`
      )
    expect(refusal(lines.join('\n'))).toBe('document contains excessive aliasing')
  })
})

describe('keys', () => {
  it('converts non-string keys as YAMLToJSON does', () => {
    expect(value('1: a\n0x10: b\n1.5: c\ntrue: d\n1e20: e\n-0.0: f\n')).toEqual({
      '1': 'a',
      '16': 'b',
      '1.5': 'c',
      true: 'd',
      '1e+20': 'e',
      '-0': 'f'
    })
  })

  it('refuses null and collection keys', () => {
    expect(refusal('~: a\n')).toMatch(/null key/)
    expect(refusal('[a]: b\n')).toMatch(/invalid map key/)
  })

  it('lets the last duplicate key win, as go-yaml v2 non-strict does', () => {
    expect(value('privileged: false\nprivileged: true\n')).toEqual({ privileged: true })
  })
})

describe('documents, as apimachinery’s YAMLReader splits them', () => {
  it('splits on lines starting with ---, reading only the first YAML document of each', () => {
    expect(read('a: 1\n---\nb: 2\n...\nc: 3\n--- # c\nd: 4').map((d) => d.value)).toEqual([
      { a: 1 },
      { b: 2 },
      { d: 4 }
    ])
  })

  it('stops the file at a separator followed by anything but a comment', () => {
    // The document before it is lost too: YAMLReader returns the error instead of it.
    const documents = read('a: 1\n---\nb: 2\n--- c\nd: 3\n')
    expect(documents.map((d) => d.error?.message ?? d.value)).toEqual([
      { a: 1 },
      'invalid Yaml document separator: c'
    ])
  })

  it('reads CRLF, a byte order mark and refuses a directive without its ---', () => {
    expect(value('\ufeffa: yes\r\nb: "x\r\n  y"\r\n')).toEqual({ a: true, b: 'x y' })
    expect(refusal('%YAML 1.1\n---\na: 1\n')).toBe('did not find expected <document start>')
  })

  it('refuses what go-yaml refuses: control characters, tabs after -, \\/ escapes', () => {
    expect(refusal('a: b\u0007\n')).toBe('control characters are not allowed')
    expect(refusal('a:\n  -\t1\n')).toMatch(/cannot start any token/)
    expect(refusal('a: "\\/"\n')).toBe('found unknown escape character')
  })
})

describe('lineOf', () => {
  it('points at the key, the item, and merged keys where they are written', () => {
    const [document] = read(
      'base: &b\n  privileged: yes\nspec:\n  containers:\n  - name: a\n    securityContext:\n      <<: *b\n'
    )
    expect(document.lineOf(['spec', 'containers', 0])).toBe(5)
    expect(document.lineOf(['spec', 'containers', 0, 'securityContext'])).toBe(6)
    expect(document.lineOf(['spec', 'containers', 0, 'securityContext', 'privileged'])).toBe(2)
    expect(document.lineOf(['spec', 'containers', 0, 'missing'])).toBe(5)
  })

  it('counts lines from the start of the file across documents', () => {
    const [, second] = read('a: 1\n---\n\nkind: Pod\nspec:\n  x: 1\n')
    expect(second.line).toBe(4)
    expect(second.lineOf(['spec', 'x'])).toBe(6)
  })
})

// A large `kind: List` is read a piece at a time (src/manifests/kube-yaml.ts, readListInPieces).
// Whatever the text, that must give exactly what reading the whole document gives: the values,
// the refusals and the line of every field. Where it cannot be sure, it reads the whole.
import { describe, expect, it } from 'vitest'
import { readKubeYaml, readListInPieces } from '../../src/manifests/kube-yaml.js'
import { reading } from './kube-yaml-reading.js'

// Without the simple block reader, which reads these lists whole before any piece.
const whole = (text: string) => reading([...readKubeYaml(text, { simpleBlock: false })])
const inPieces = (text: string) =>
  reading([...readKubeYaml(text, { listInPiecesFrom: 0, simpleBlock: false })])

const item = (i: number, indent = '  ') =>
  [
    `${indent}- apiVersion: apps/v1`,
    `${indent}  kind: Deployment`,
    `${indent}  metadata:`,
    `${indent}    name: w-${i} # a comment`,
    `${indent}    labels: {app: w-${i}, "tier": 'web'}`,
    '',
    `${indent}  spec:`,
    `${indent}    template:`,
    `${indent}      spec:`,
    `${indent}        containers:`,
    `${indent}          - name: app`,
    `${indent}            image: "registry.example.com/app:${i % 3 ? 'latest' : '1.0'}"`,
    `${indent}            args:`,
    `${indent}              - |`,
    `${indent}                echo ${i}`,
    `${indent}                # not a comment`,
    `${indent}            privileged: ${i % 2 ? 'yes' : 'off'}`,
    `# a comment at column 0 inside the sequence`
  ].join('\n')

const list = (
  count: number,
  { indent = '  ', after = 'metadata:\n  resourceVersion: ""\n' } = {}
) =>
  `# header\napiVersion: v1\nkind: List\nitems:\n${Array.from({ length: count }, (_, i) => item(i, indent)).join('\n')}\n${after}`

describe('reading a kind: List in pieces', () => {
  it.each([
    ['a list of 150 items (three pieces), fields after it', list(150)],
    ['items at the key’s own indentation', list(70, { indent: '' })],
    ['nothing after the items', list(3, { after: '' })],
    ['a trailing comment on the items line', list(3).replace('items:\n', 'items: # the objects\n')],
    ['in a document after another', `kind: ConfigMap\napiVersion: v1\n---\n${list(5)}`]
  ])('reads %s in pieces, exactly as whole', (_, text) => {
    const [, second] = text.split('\n---\n')
    const firstLine = second === undefined ? 1 : 4
    expect(readListInPieces(second ?? text, firstLine)).toBeDefined()
    expect(inPieces(text)).toEqual(whole(text))
    expect(whole(text).at(-1)!.error).toBeUndefined()
  })

  it.each([
    [
      'an alias across items',
      list(3).replace('name: w-0', 'name: &n w-0').replace('name: w-2', 'name: *n')
    ],
    ['an alias to an unknown anchor', list(3).replace('name: w-2', 'name: *n')],
    ['a syntax error in an item', list(3).replace('name: w-1', 'name: [w-1')],
    ['a go-yaml-only refusal in an item', list(3).replace('name: w-1', 'name: "w\\/1"')],
    ['a duplicate items key', `${list(3)}items: []\n`],
    ['a quoted items key too', `${list(3)}"items": []\n`],
    [
      'items inside a multi-line quoted scalar',
      `note: 'x\n${list(3).split('\n').slice(3).join('\n')}'\n`
    ],
    ['items inside a flow collection', `note: [x,\n${list(3).split('\n').slice(3).join('\n')}]\n`],
    [
      'a quoted scalar continued at column 0',
      list(3).replace('name: w-1 # a comment', 'name: "w\n- 1"')
    ],
    ['a tab-indented line', list(3).replace('    name: w-1', '\tname: w-1')],
    ['items that are not a sequence', 'apiVersion: v1\nkind: List\nitems:\n  a: 1\n  b: 2\n'],
    ['a single item', list(1)],
    ['a flow map at the top', `{\n${list(3).split('\n').slice(3).join('\n')}\n}\n`]
  ])('reads the whole when unsure: %s', (_, text) => {
    expect(inPieces(text)).toEqual(whole(text))
  })

  it('takes neither an alias nor a misread key for a list it can split', () => {
    const aliased = list(3).replace('name: w-0', 'name: &n w-0').replace('name: w-2', 'name: *n')
    expect(readListInPieces(aliased, 1)).toBeUndefined()
    const swallowed = `note: 'x\n${list(3).split('\n').slice(3).join('\n')}'\n`
    expect(readListInPieces(swallowed, 1)).toBeUndefined()
  })
})

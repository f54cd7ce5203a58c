// The block YAML most manifests are written in is read without the yaml package
// (src/manifests/kube-yaml.ts, readSimpleBlock). Whatever the text, that must give exactly what
// the yaml package's reading gives: the values (key order included), the refusals and the line
// of every field. Anything it does not know, it leaves to the yaml package.
import { describe, expect, it } from 'vitest'
import { stringify } from 'yaml'
import { readKubeYaml, readSimpleBlock } from '../../src/manifests/kube-yaml.js'
import { kubeYamlCorpus } from '../integration/kube-yaml-corpus.js'
import { reading } from './kube-yaml-reading.js'

/** The yaml package's refusal of a block scalar whose leading empty lines are more indented. */
const BLOCK_SCALAR_REFUSAL = 'Block scalars with more-indented leading empty lines'

const simple = (text: string, options = {}) => reading([...readKubeYaml(text, options)])
const yamlPackage = (text: string, options = {}) =>
  reading([...readKubeYaml(text, { ...options, simpleBlock: false })])

/** A workload as kubectl writes it: sequences at their key's indentation, quoted strings. */
const kubectlStyle = (i: number) =>
  [
    '# Source: chart/templates/deployment.yaml',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  annotations:',
    `    "example.com/revision": '${i}'`,
    `    example.com/note: 'it''s "fine"' # a comment`,
    '  labels:',
    `    app.kubernetes.io/name: web-${i}`,
    `  name: web-${i}`,
    'spec:',
    '  replicas: 3',
    '  template:',
    '    spec:',
    '      containers:',
    '      - args:',
    '        - --port=8080',
    '        - -v',
    '        -   ":x"',
    '        command:',
    '        - /bin/sh',
    '        - -c',
    '        - |',
    '          set -e',
    '',
    '            exec /bin/app   ',
    '        - >-',
    '          folded',
    '          text',
    '',
    '          # not a comment',
    '        - |+',
    '          kept',
    '',
    '# the end of the block',
    '        - >2 # a comment',
    '            indented',
    '        env:',
    '        - name: ENABLED',
    '          value: "true"',
    '        -   name: RATIO',
    '            value: 0.5',
    '',
    '        image: registry.example.com/web:1.2.3@sha256:abc#not-a-comment',
    '        ports:',
    '        - containerPort: 8080',
    '          hostPort: 0x1F',
    '        securityContext:',
    '          privileged: Off',
    '          runAsUser: 0_0',
    '# a comment at column 0 in the middle',
    '          allowPrivilegeEscalation: y',
    '      hostNetwork: on',
    '      nodeSelector:',
    '        y: a',
    '        1: b',
    '        0x10: c',
    '        1.5: d',
    '        1e3: e',
    '        2024-01-02: f',
    '        __proto__: g',
    '        "": h',
    '      tolerations:',
    '      -',
    '        key: a',
    '      -',
    '        - nested',
    '        -    sequence   ',
    '      - key: ~',
    '        value:',
    '        effect: ""',
    '  selector: # after the key',
    '    matchLabels:',
    `      app: web-${i}`,
    '      app: duplicate # the last one wins, on its own line',
    'status: {} # as kubectl writes it',
    'finalizers: []',
    ''
  ].join('\n')

describe('reading block YAML without the yaml package', () => {
  it.each([
    ['kubectl-style documents', [0, 1, 2].map(kubectlStyle).join('---\n')],
    [
      'the yaml package’s own output',
      stringify({ apiVersion: 'v1', kind: 'List', items: [0, 1, 2].map(workload) })
    ],
    ['a sequence at the top', '# a list\n- a: 1\n  b: no\n'],
    ['a map indented at the top', '\n\n   a: 1\n   b:\n   - c\n'],
    ['trailing spaces and blank lines', 'a: 1   \n\n\nb:    \n   \nc:\n  d: x  # c\n'],
    ['a document without a final line break', 'a: 1\nb:\n  - c'],
    ['keys Kubernetes converts', 'on: 1\nNULLX: 2\n123456789: 3\n+1: 4\n0o17: 5\n1_000: 6\n'],
    [
      'multi-line plain scalars',
      'a: plain\n  continued\n\n\n    more   \nb:\n- item\n  continued\n- x\n   - y\nc: 1\n'
    ],
    [
      'multi-line quoted scalars',
      'a: "multi  \n  line\n\n  # not a comment \\\n   joined"\nb: \'it\'\'s\n   \n     folded \'\nc:\n- "\\t\\x41\\u00e9\\" \\\\ \\0"\n'
    ],
    [
      'the escapes, and blank lines after an escaped line break',
      'a: "\\x80\\e\\a\\N\\_\\L\\P\\v\\f\\b\\\\t\\u00e9\\U0001F600"\nb: "x \\\n\n\n  y"\n'
    ],
    [
      'flow collections on one line',
      'a: [1, 2]\nb: { }\nc: {app: web, "x": [a b, \'c\', {}], y: [[], [-1]]} # c\nd:\n- {k: v}\n- [x]\n'
    ],
    [
      'values of every type',
      'a: 010\nb: 1e3\nc: .5\nd: -.inf1\ne: 18446744073709551616\nf: 0b101\ng: 2024-01-02T03:04:05Z\nh: ~\ni: Null\nj: +12\n'
    ]
  ])('reads %s exactly as the yaml package', (_, text) => {
    expect(readSimpleBlock(text.split('---\n')[0]!, 1)).toBeDefined()
    expect(simple(text)).toEqual(yamlPackage(text))
    expect(simple(text).every((document) => document.error === undefined)).toBe(true)
  })

  it.each([
    ['a tab', 'a:\n\tb: 1\n'],
    ['a multi-line plain scalar after a comment', 'a: plain\n# c\n  continued\n'],
    ['an escape', 'a: "\\q"\n'],
    ['an escape of a surrogate', 'a: "\\ud800"\n'],
    ['an escaped single quote (the yaml package refuses it)', 'a: "\\\'"\n'],
    ['a quoted scalar continued too little', 'a:\n  b: "x\n  y"\n'],
    ['a quoted scalar not closed', 'a: "x\n  y\n'],
    ['a continuation line that is a key', 'a: x\n  b: y\n'],
    ['a continuation line with a comment', 'a: x\n  y # c\nb: 1\n'],
    ['a flow collection over two lines', 'a: [1,\n  2]\n'],
    ['a colon in a flow scalar', 'a: [nginx:1.2]\n'],
    ['a trailing comma', 'a: [1, 2,]\n'],
    ['an empty flow entry', 'a: [1, , 2]\n'],
    ['a flow key and colon without a space', 'a: {"b":1}\n'],
    ['a flow key without a value', 'a: {b}\n'],
    ['a comment in a flow collection', 'a: [b #c\n  ]\n'],
    ['an escape in a key', '"a\\"b": 1\n'],
    ['an empty flow collection and more', 'a: {} x\n'],
    ['a flow map at the top', '{a: 1}\n'],
    ['an anchor and an alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a block scalar header with a letter', 'a: |x\n  text\n'],
    ['a block scalar header with a comment too close', 'a: |#c\n  text\n'],
    ['a block scalar with a tab', 'a: |\n  text\n \tmore\n'],
    ['a line after a block scalar that is not a key', 'a:\n  b: |\n      x\n    c: 1\n'],
    ['a merge key', 'a:\n  <<:\n    b: 1\n'],
    ['a complex key', '? a\n: 1\n'],
    ['an empty sequence item', 'a:\n-\n- b\n'],
    ['a sequence in a sequence on one line', '- - a\n'],
    ['a null key', '~: 1\n'],
    ['an empty key', ': 1\n'],
    ['a key of uint64', '18446744073709551615: 1\n'],
    ['NaN', 'a: .nan\n'],
    ['a map in a plain value', 'a: b: c\n'],
    ['a sequence in a plain value', 'a: - b\n'],
    ['text after a quoted scalar', 'a: "b" c\n'],
    ['a comment right after a quoted scalar', 'a: "b"#c\n'],
    ['a space before the colon', 'a : 1\n'],
    ['a less indented key', 'a:\n    b: 1\n  c: 2\n'],
    ['a more indented key', 'a: 1\n b: 2\n'],
    ['a sequence item in a map', 'a: 1\n- b\n'],
    ['a scalar at the top', 'just text\n'],
    ['a scalar on its own line', 'a:\n  text\n'],
    ['a key starting with a dash', '-1: a\n'],
    ['an empty document', '# nothing\n\n'],
    ['a document end', 'a: 1\n...\n'],
    ['a byte order mark', '\ufeffa: 1\n'],
    ['an indicator starting a value', 'a: @b\n'],
    ['a key too long for libyaml', `${'k'.repeat(1100)}: 1\n`],
    [
      'deep nesting',
      `${Array.from({ length: 150 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} 1\n`
    ]
  ])('leaves %s to the yaml package', (_, text) => {
    expect(readSimpleBlock(text, 1)).toBeUndefined()
    expect(simple(text)).toEqual(yamlPackage(text))
  })

  it('reads every document of the differential corpus as the yaml package does', () => {
    let read = 0
    for (const file of kubeYamlCorpus()) {
      const options = { split: !file.utf16 }
      const ours = simple(file.text, options)
      const theirs = yamlPackage(file.text, options)
      // Where the yaml package alone refuses a block scalar go-yaml reads, the simple reader reads
      // it (as the differential test against go-yaml checks); everything else is the same.
      const falseRefusal = (i: number) =>
        ours[i]?.error === undefined && theirs[i]?.error?.message.startsWith(BLOCK_SCALAR_REFUSAL)
      expect(
        ours.filter((_, i) => !falseRefusal(i)),
        file.name
      ).toEqual(theirs.filter((_, i) => !falseRefusal(i)))
      for (const document of file.text.split(/^---\n/m)) if (readSimpleBlock(document, 1)) read++
    }
    // Most of the corpus is block YAML: the comparison above is not vacuous.
    expect(read).toBeGreaterThan(1000)
  })

  it('reads the items of a list in pieces when only the rest of it is not simple', () => {
    const items = Array.from({ length: 130 }, (_, i) => workload(i))
    const text = `${stringify({ apiVersion: 'v1', kind: 'List', items })}metadata: !!map {a: 1}\n`
    expect(readSimpleBlock(text, 1)).toBeUndefined()
    const pieces = { listInPiecesFrom: 0 }
    expect(simple(text, pieces)).toEqual(yamlPackage(text))
    expect(simple(text, pieces)[0]!.error).toBeUndefined()
  })
})

function workload(i: number) {
  return {
    apiVersion: 'apps/v1',
    kind: i % 2 ? 'Deployment' : 'Pod',
    metadata: { name: `w-${i}`, labels: { app: `w-${i}`, 'example.com/on': i % 3 ? 'yes' : 'no' } },
    spec: {
      containers: [
        {
          name: 'app',
          image: `registry.example.com/app-${i}:latest`,
          args: ['--a', `-${i}`, 'x: y'],
          ports: [{ containerPort: 8080 + i }],
          securityContext: {
            privileged: i % 2 === 0,
            runAsUser: i,
            capabilities: { drop: ['ALL'] }
          }
        }
      ]
    }
  }
}

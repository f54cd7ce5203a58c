// A deterministic corpus of YAML files for the differential test of src/manifests/kube-yaml.ts
// against sigs.k8s.io/yaml: every YAML 1.1 spelling in every field our policies read, merge keys,
// anchors, tags, scalar styles, duplicate keys, non-string keys and the file-level variants
// (BOM, CRLF, tabs, directives, `---`/`...` lines) that change how a file splits or parses,
// and generated documents (kube-yaml-generated.ts).
import { generatedDocuments } from './kube-yaml-generated.js'

export interface CorpusFile {
  name: string
  text: string
  /** Written as UTF-16 with a byte order mark (go-yaml reads it as one stream); default UTF-8. */
  utf16?: 'le' | 'be'
}

/** Booleans our policies read: container securityContext, pod spec and pod securityContext. */
const BOOLEAN_FIELDS: Array<[string, 'container' | 'pod' | 'podSecurity']> = [
  ['privileged', 'container'],
  ['allowPrivilegeEscalation', 'container'],
  ['runAsNonRoot', 'container'],
  ['readOnlyRootFilesystem', 'container'],
  ['windowsOptions.hostProcess', 'container'],
  ['hostNetwork', 'pod'],
  ['hostPID', 'pod'],
  ['hostIPC', 'pod'],
  ['hostUsers', 'pod'],
  ['runAsNonRoot', 'podSecurity']
]
/** Integers and strings they read. */
const SCALAR_FIELDS: Array<[string, 'container' | 'port' | 'podSecurity']> = [
  ['runAsUser', 'container'],
  ['runAsGroup', 'container'],
  ['procMount', 'container'],
  ['seccompProfile.type', 'container'],
  ['hostPort', 'port'],
  ['containerPort', 'port'],
  ['runAsUser', 'podSecurity'],
  ['fsGroup', 'podSecurity']
]

const BOOLEAN_SPELLINGS = [
  ...'y Y yes Yes YES n N no No NO true True TRUE false False FALSE on On ON off Off OFF'.split(
    ' '
  ),
  ...'yES nO tRUE oN oFF ofF Yes. yes! +yes 1 0 -1'.split(' '),
  '"yes"',
  "'on'",
  '"true"',
  '!!bool yes',
  '!!bool "on"',
  '!!bool NO',
  '!!bool 1',
  '!!str yes',
  '!!str true',
  '! yes',
  '!<tag:yaml.org,2002:bool> Y',
  '!custom yes',
  '!!int yes',
  '!!null ~',
  '!!null yes',
  '~',
  'null',
  'Null',
  'NULL',
  'nULL',
  '',
  '!!str',
  '!!bool'
]

const NUMBER_SPELLINGS = [
  ...'0 00 -0 +0 0_0 0__0 _0 0_ 0x0 0X0 0o0 0O7 0b0 0B1 010 08 09 0_8 0o8 0x 0b 0o'.split(' '),
  ...'1_000 -1 +1 0x_1 1__0 0xFF 0xff -0x10 +0x10 0b101 -0b101 0b-101 0b+101 -0b-1 0o-1'.split(' '),
  ...'9223372036854775807 9223372036854775808 -9223372036854775808 -9223372036854775809'.split(' '),
  ...'18446744073709551615 18446744073709551616 +9223372036854775808 0x7fffffffffffffff'.split(' '),
  ...'0x8000000000000000 0xffffffffffffffff 0x10000000000000000 9007199254740993'.split(' '),
  ...'1e3 1E+3 1e-3 1.5 .5 -.5 +.5 1. 1.e3 1e400 -1e400 1e-400 .5e400 .5_0 ._5 1_.5 1_e3'.split(
    ' '
  ),
  ...'0.0 -0.0 +0.0 1_0.5 0x1p3 1:00 1:30:00 2001-01-01 2001-1-1 2001-13-01 1e 0e0 +1_0 -_1'.split(
    ' '
  ),
  ...'.inf -.inf +.inf .Inf .INF .iNf .nan .NaN .NAN . .e3 +.5e1 007 0777 1000 65535 65536'.split(
    ' '
  ),
  '"0"',
  "'1000'",
  '!!int 0_0',
  '!!int "12"',
  "!!int '0x10'",
  '!!int 1.5',
  '!!int 1e3',
  '!!float 1',
  '!!float 0x10',
  '!!float 1_000',
  '!!float "2.5"',
  '!!float .inf',
  '!!float yes',
  '!!str 0',
  '!!timestamp 2001-01-01',
  '!!timestamp 2001-12-14t21:59:43.10-05:00',
  '!!timestamp 2001-12-14 21:59:43.10',
  '!!timestamp 2001-02-30',
  '!!timestamp 1',
  '!!binary MTAwMA==',
  '!!binary MTAwMA',
  '!!binary //79',
  '!!merge 5',
  '!!map 5',
  '!e!int 5',
  'Unconfined',
  'Default',
  '"Unconfined"',
  'RuntimeDefault',
  'Localhost',
  '0x1F',
  '1 000'
]

function pod(
  field: string,
  value: string,
  where: 'container' | 'pod' | 'podSecurity' | 'port',
  flow: boolean
): string {
  const path = field.split('.')
  const leaf = path.pop() as string
  if (flow) {
    const inner = path.reduceRight((acc, key) => `{${key}: ${acc}}`, `{${leaf}: ${value}}`)
    const container =
      where === 'container'
        ? `{name: app, image: nginx, securityContext: ${inner}}`
        : where === 'port'
          ? `{name: app, image: nginx, ports: [${inner}]}`
          : '{name: app, image: nginx}'
    const spec =
      where === 'pod'
        ? `{containers: [${container}], ${leaf}: ${value}}`
        : where === 'podSecurity'
          ? `{containers: [${container}], securityContext: ${inner}}`
          : `{containers: [${container}]}`
    return `{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: ${spec}}\n`
  }
  const nested = (indent: string) =>
    path.map((key, i) => `${indent}${'  '.repeat(i)}${key}:\n`).join('') +
    `${indent}${'  '.repeat(path.length)}${leaf}: ${value}\n`
  const container = [
    '  containers:\n',
    '  - name: app\n',
    '    image: nginx\n',
    where === 'container' ? `    securityContext:\n${nested('      ')}` : '',
    where === 'port' ? `    ports:\n    - ${nested('      ').trimStart()}` : ''
  ].join('')
  return [
    'apiVersion: v1\n',
    'kind: Pod\n',
    'metadata:\n',
    '  name: p\n',
    'spec:\n',
    where === 'pod' ? `  ${leaf}: ${value}\n` : '',
    where === 'podSecurity' ? `  securityContext:\n${nested('    ')}` : '',
    container
  ].join('')
}

/** Merge keys, anchors and aliases: go-yaml v2's order (later keys win, `<<: [a, b]`: a wins). */
const MERGES = [
  'base: &b {privileged: true}\nsecurityContext:\n  <<: *b\n',
  'base: &b {privileged: true}\nsecurityContext:\n  privileged: false\n  <<: *b\n',
  'base: &b {privileged: true}\nsecurityContext:\n  <<: *b\n  privileged: false\n',
  'a: &a {privileged: true}\nb: &b {privileged: false, hostNetwork: on}\nsc: {<<: [*a, *b]}\n',
  'a: &a {privileged: true}\nb: &b {privileged: false, hostNetwork: on}\nsc: {<<: [*b, *a]}\n',
  'a: &a {privileged: true}\nsc:\n  <<: [*a, {privileged: no, runAsUser: 0}]\n',
  'sc:\n  <<: {privileged: yes}\n',
  'sc:\n  <<:\n    privileged: yes\n    <<: {hostPID: on}\n',
  'a: &a\n  <<: {hostPID: on}\n  x: 1\nsc:\n  <<: *a\n',
  'a: &a {x: 1}\nsc:\n  !!merge <<: *a\n',
  'a: &a {x: 1}\nsc:\n  "<<": *a\n',
  "a: &a {x: 1}\nsc:\n  '<<': *a\n",
  'a: &a {x: 1}\nsc:\n  !!str <<: *a\n',
  'a: &a {x: 1}\nsc:\n  ! <<: *a\n',
  'sc:\n  <<: 5\n',
  'sc:\n  <<:\n',
  'a: &a [1, 2]\nsc:\n  <<: *a\n',
  'a: &a 5\nsc:\n  <<: [*a]\n',
  'sc:\n  <<: [[1]]\n',
  'sc:\n  <<: []\n',
  'sc:\n  <<: {}\n  a: 1\n',
  'a: &a {privileged: true}\nsc:\n  <<: *a\n  <<: {privileged: false}\n',
  'a: &a {privileged: true}\nlist:\n- <<: *a\n- <<: [*a]\n  privileged: n\n',
  'a: &a {b: &b {privileged: Y}}\nsc:\n  <<: *b\n',
  't: &t yes\nsc: {privileged: *t, hostPID: *t}\n',
  'a: &x 1\nb: *x\nc: &x 2\nd: *x\n',
  'a: &a [*a]\n',
  'a: &a {b: *a}\n',
  'a: *missing\n',
  'a: &a {x: 1}\n*a : 2\n',
  'a: &k key\n*k : yes\n',
  'a: &a [x]\nb: [*a, *a]\n',
  'privileged: false\nprivileged: true\n',
  'sc: {privileged: false, privileged: yes}\n',
  'a: &a {privileged: false}\nsc:\n  privileged: true\n  privileged: false\n  <<: *a\n'
]

/** Keys YAMLToJSON converts (ints, floats, bools, binary) or refuses (null, collections). */
const KEYS = [
  '1',
  '0x10',
  '010',
  '-0',
  '1.5',
  '0.1',
  '1e20',
  '123456789.0',
  '1000000.0',
  '100000.0',
  '0.0001',
  '0.00001',
  '-0.0',
  '.inf',
  '-.inf',
  '.nan',
  'true',
  'yes',
  'off',
  '~',
  'null',
  '""',
  '2001-01-01',
  '!!binary aGk=',
  '!!str 1',
  '9223372036854775808',
  '18446744073709551616',
  '[a]',
  '{a: 1}',
  '? [a]\n',
  '!!null x',
  '1_0'
]

/** Scalar styles and syntax go-yaml accepts (or refuses) that a YAML 1.2 reader may read otherwise. */
const STYLES = [
  'image: >-\n  nginx:\n  latest\n',
  'image: |\n  nginx\n  :latest\n',
  'image: |-\n\n  nginx\n',
  'image: >\n  a\n\n  b\n   c\n',
  'image: "nginx\\x3Alatest"\n',
  'image: "a\\u00e9\\U0001F600\\/\\ \\t\\_\\N\\L\\P\\e\\0\\a\\b\\v\\f"\n',
  'image: "a\\\n  b"\n',
  'msg: "multi\n  line"\n',
  'msg: "multi\nline at column zero"\n',
  'spec:\n  msg: "a\n  b\n c"\n',
  'spec:\n  rego: "package x\n\n    violation[msg] {\n  true\n}"\n',
  "msg: 'it''s\n  folded'\n",
  'msg: plain\n  continued\n   more\n',
  'msg: a # comment\n',
  'msg: a#not comment\n',
  'msg: "\\q"\n',
  'a:\tb\n',
  'a: \t b\n',
  'a:\n\tb: 1\n',
  'a: [1,\t2]\n',
  'a: {b: 1,\tc: 2}\n',
  'a: b\t\n',
  'a:\n  - 1\n  -\t2\n',
  'a: [b, c\n',
  'a: b: c\n',
  'a:\n  b\n c: 1\n',
  '- a\nb: c\n',
  'a: @b\n',
  'a: `b\n',
  'a: %b\n',
  'a: "b\n',
  // the block YAML kube-yaml.ts reads without the yaml package, at its edges
  'a:\n- b\n- c: 1\n  d:\n  - e\nf: 2\n',
  "- -1\n- --flag=x\n- :x\n- ?x\n-   \"q\"   # c\n- 'it''s'\n",
  'a: |\n  x\n# comment at column 0 ends it\nb: >-\n  y\n\n  z\n\nc: |+\n  w\n\n\n',
  'a:\n- |\n  x\n-   >2\n     y\n- |-\n    z\n  # not in it\n',
  'a: |\n    x\n   \n  y\n',
  'a: |\n      \n  x\n',
  'a: 1\n  # a comment more indented\nb: 2\n',
  '"a": 1\n\'b\': 2\n"": 3\n',
  'a: {}\nb: []   # c\nc:\n- {}\n- []\nd: {}x\n',
  'a: {} # c\nb: [ ]\n',
  // leading empty lines more indented than what follows (the yaml package alone refuses the first)
  'a: >\n \n  \n   \n # comment\n',
  'a: >\n \n  \n   \n x\n',
  'key with spaces: 1\n',
  '? complex key\n: value\n',
  '? |\n  block key\n: value\n',
  'a: !!seq [1]\n',
  'a: !!map {b: 1}\n',
  'a: !!str {b: 1}\n',
  'a: !!null {b: 1}\n',
  'a: !!int [1]\n',
  'a: !foo {b: yes}\n',
  'a: &anchor\n  b: 1\n',
  'a: &anchor\n',
  'a: !!str &x\n',
  'a: &x !!str\n',
  '[1, 2, 3]\n',
  '"just a string"\n',
  '42\n',
  'null\n',
  '{"apiVersion": "v1", "kind": "Pod", "spec": {"hostPID": true}}\n',
  '{"a": 1, "a": 2}\n',
  '{"a": "\\u0041"}\n',
  'a: [1, [2, [3, {b: [4]}]]]\n',
  'a: {b: , c: 1}\n',
  'a: [b, , c]\n',
  'a: {? b}\n',
  'a: [b: 1, c]\n',
  'a: {b}\n',
  'a: 12:30\n',
  'a: 2001-12-14t21:59:43.10-05:00\n',
  'a: 2001-12-14 21:59:43.10 -5\n',
  'a: 0.1e1_0\n',
  'a: !!binary |\n  aGVs\n  bG8=\n',
  'a: !!binary "aGVsbG8"\n',
  'a: [b,\nc]\n',
  'a: {b: 1,\nc: 2}\n',
  'a:\n  b: [1,\n  2]\n  c: 3\n',
  'a: "x # not a comment\ny"\n',
  "a: it's # it's\nb: 'x\ny'\n",
  'a: |\n  "unclosed\nb: "x\n  y"\n',
  'a: >\n  [unclosed\nb: [x,\n y]\n',
  'a: [ "x\ny", \'p\nq\' ]\n',
  '- "a\nb"\n- c\n',
  '"multi\nline key": v\n',
  'a: "x\n...\ny"\n',
  'a: "x\n... y"\n',
  'a: !!str "x\ny"\n',
  'a: &x "x\ny"\nb: *x\n',
  'a: "x\n\n\ny"\n',
  'a: "x\\\ny"\n',
  'a: [b, {c: "d\ne"}]\n',
  "a: 'it''s\nfine'\n",
  'a: "x\n\ty"\n',
  'a:\n  - "x\n  y"\n  - z\n',
  'a: "x\ny"\n  b: 1\n',
  'a: "x\ny" # c\nb: "p\nq"\n',
  'a: {b: "x\ny", c: [1,\n2]}\nd: yes\n',
  'key: "value with \\"escaped\\" quote\nnext"\n',
  'a: [1, 2]\n# "comment\nb: 3\n',
  '- q: |2-\n\n      x\n      \n  e: 1\n',
  'a: |\n  x\n     \nb: 1\n',
  'a: >+\n  x\n   y\n\n  z\n\n\nb: 1\n',
  'a: |1\n  x\n',
  'a: |-\n\n\nb: 1\n',
  'a: >\n\n  folded\n  text\n\n   more\n  end\n',
  'a: |\n\tx\n',
  '- |\n  seq item\n- >-\n  other\n'
]

/** Whole files whose bytes change splitting or parsing: BOM, CRLF, directives, separators. */
const FILES: Array<[string, string]> = [
  ['bom', '\ufeffapiVersion: v1\nkind: Pod\nspec:\n  hostPID: yes\n'],
  ['bom-separator', '\ufeff---\napiVersion: v1\nkind: Pod\n---\nhostPID: on\n'],
  ['bom-separator-text', '\ufeff--- x\na: 1\n'],
  ['crlf', 'apiVersion: v1\r\nkind: Pod\r\nspec:\r\n  hostPID: on\r\n---\r\na: yes\r\n'],
  ['crlf-folded', 'a: >\r\n  b\r\n  c\r\nd: "e\r\n  f"\r\n'],
  ['lone-cr', 'a: 1\rb: 2\n'],
  ['no-final-newline', 'a: yes\n---\nb: on'],
  ['separator-no-newline', 'a: yes\n---'],
  ['yaml-directive', '%YAML 1.1\n---\napiVersion: v1\nkind: Pod\n'],
  ['yaml-directive-1.2', '%YAML 1.2\n---\na: yes\n'],
  ['tag-directive', '%TAG !e! tag:yaml.org,2002:\n---\na: !e!bool yes\n'],
  ['directive-after-separator', 'a: 1\n---\n%YAML 1.1\n---\nb: yes\n'],
  ['directive-no-start', '%YAML 1.1\na: yes\n'],
  ['separator-comment', 'a: 1\n--- # comment\nb: on\n'],
  ['separator-hash', 'a: 1\n---#comment\nb: on\n'],
  ['separator-spaces', 'a: 1\n---   \nb: on\n'],
  ['separator-tab', 'a: 1\n---\t\nb: on\n'],
  ['separator-text', 'a: 1\n--- b: 2\nc: 3\n'],
  ['separator-block', 'a: 1\n--- |\n  text\n'],
  ['separator-four', 'a: 1\n----\nb: 2\n'],
  ['separator-indented', 'a: |\n  x\n  ---\n  y\nb: 2\n'],
  ['separator-in-scalar', 'a: "x\n---\ny"\n'],
  ['leading-separators', '---\n---\na: 1\n---\n---\n'],
  ['only-separator', '---\n'],
  ['empty', ''],
  ['comments-only', '# a\n# b\n---\n# c\n'],
  ['blank-lines', '\n\n\n'],
  ['document-end', 'a: yes\n...\nb: on\n'],
  ['document-end-then-separator', 'a: yes\n...\n---\nb: on\n'],
  ['document-end-garbage', 'a: yes\n...\n: : [\n'],
  ['document-end-comment', 'a: yes\n... # end\n'],
  ['anchor-across-documents', 'a: &x yes\n---\nb: *x\n'],
  ['anchor-across-document-end', 'a: &x yes\n...\nb: *x\n'],
  ['nul-in-text', 'a: "\\0"\n'],
  ['control-char', 'a: b\u0007c\n'],
  ['nbsp', 'a:\u00a0b\n'],
  ['nel', 'a: b\u0085c: d\n'],
  ['line-separator', 'a: b\u2028c\n'],
  ['deep-flow', `a: ${'['.repeat(200)}${']'.repeat(200)}\n`],
  ['long-line', `a: ${'x'.repeat(5000)}\r\nb: on\r\n`],
  ['long-line-crlf-boundary', `a: ${'x'.repeat(4092)}\r\nb: on\r\n`],
  ['aliases-fine', aliasFile(60)],
  ['aliases-excessive', billionLaughs(9, 9)]
]

function aliasFile(count: number): string {
  const lines = ['base: &b {privileged: true, hostPID: on}']
  for (let i = 0; i < count; i++) lines.push(`c${i}: {<<: *b, n: ${i}}`)
  return `${lines.join('\n')}\n`
}

/** The classic alias bomb, small enough to expand, large enough for go-yaml's ratio limit. */
function billionLaughs(depth: number, width: number): string {
  const lines = ['a0: &a0 [lol]']
  for (let level = 1; level <= depth; level++) {
    const refs = Array.from({ length: width }, () => `*a${level - 1}`).join(', ')
    lines.push(`a${level}: &a${level} [${refs}]`)
  }
  return `${lines.join('\n')}\n`
}

/** How many generated documents (multi-line scalars, escapes, flow collections) the corpus has. */
const GENERATED = 1000

/** Every case, grouped into files of at most `perFile` documents joined by `---`. */
export function kubeYamlCorpus(perFile = 50): CorpusFile[] {
  const documents: string[] = []
  for (const [field, where] of BOOLEAN_FIELDS)
    for (const spelling of BOOLEAN_SPELLINGS)
      for (const flow of [false, true]) documents.push(pod(field, spelling, where, flow))
  for (const [field, where] of SCALAR_FIELDS)
    for (const spelling of [...NUMBER_SPELLINGS, ...BOOLEAN_SPELLINGS.slice(0, 10)])
      for (const flow of [false, true]) documents.push(pod(field, spelling, where, flow))
  documents.push(...MERGES, ...STYLES, ...generatedDocuments(GENERATED))
  for (const key of KEYS) {
    documents.push(
      key.startsWith('?')
        ? `metadata:\n  labels:\n    ${key}    : v\n`
        : `metadata:\n  labels:\n    ${key}: v\n`,
      `{${key.trim()}: v}\n`
    )
  }
  const files: CorpusFile[] = []
  for (let i = 0; i < documents.length; i += perFile) {
    files.push({
      name: `documents-${String(i / perFile).padStart(3, '0')}.yaml`,
      text: documents.slice(i, i + perFile).join('---\n')
    })
  }
  for (const [name, text] of FILES) files.push({ name: `file-${name}.yaml`, text })
  const utf16 = 'apiVersion: v1\r\nkind: Pod\r\nspec:\r\n  hostPID: on\r\n---\r\nb: yes\r\n'
  files.push({ name: 'file-utf16le.yaml', text: `\ufeff${utf16}`, utf16: 'le' })
  files.push({ name: 'file-utf16be.yaml', text: `\ufeff${utf16}`, utf16: 'be' })
  return files
}

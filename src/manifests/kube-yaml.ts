/**
 * Reads YAML exactly as Kubernetes does. kubectl, the API server and gator split a file into
 * documents with k8s.io/apimachinery's YAMLReader and turn each into JSON with
 * sigs.k8s.io/yaml's YAMLToJSON (go-yaml v2: YAML 1.1 scalars, merge keys). The `yaml` package
 * parses (it gives positions and syntax errors); everything it would resolve the YAML 1.2 way
 * is resolved here instead, the go-yaml v2 way. Only field lines are kept, never the YAML tree.
 * test/integration/kube-yaml-differential.test.ts compares every rule with the real thing.
 */
import {
  Composer,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  Parser,
  type Alias,
  type Document,
  type Node,
  type Scalar,
  type YAMLMap
} from 'yaml'

/** One document as sigs.k8s.io/yaml reads it: its JSON value, or why it refuses it. */
export interface KubeDocument {
  /** 1-based line where the document starts. */
  line: number
  /** The JSON value (null for an empty document); undefined when `error` is set. */
  value?: unknown
  /** Why Kubernetes would not read the document, and on which line. */
  error?: { line: number; message: string }
  /** The line of a field of `value` given as path segments: the key's line, or the item's. */
  lineOf(path: ReadonlyArray<string | number>): number | undefined
}

/**
 * Lines of the keys of a map, as `[key, line, key, line, ...]` (a few times smaller than a `Map`
 * per object: a 10 MiB manifest has hundreds of thousands of maps), or of the items of a sequence.
 */
type Lines = KeyLines | number[]
type KeyLines = Array<string | number>

const TAG = 'tag:yaml.org,2002:'
const STR = `${TAG}str`
const BINARY = `${TAG}binary`
const MERGE = `${TAG}merge`
const TIMESTAMP = `${TAG}timestamp`
const INT = `${TAG}int`
const FLOAT = `${TAG}float`
const NULL = `${TAG}null`
const RESOLVABLE = new Set(['', STR, `${TAG}bool`, INT, FLOAT, NULL, TIMESTAMP])

/** go-yaml v2's resolve table: these exact spellings, everything else by its first character. */
const SPELLINGS = new Map<string, [string, unknown]>()
for (const [tag, value, words] of [
  ['bool', true, 'y Y yes Yes YES true True TRUE on On ON'],
  ['bool', false, 'n N no No NO false False FALSE off Off OFF'],
  ['null', null, '~ null Null NULL'],
  ['float', NaN, '.nan .NaN .NAN'],
  ['float', Infinity, '.inf .Inf .INF +.inf +.Inf +.INF'],
  ['float', -Infinity, '-.inf -.Inf -.INF']
] as const) {
  for (const word of words.split(' ')) SPELLINGS.set(word, [`${TAG}${tag}`, value])
}
SPELLINGS.set('', [NULL, null])

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/
const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n
const UINT64_MAX = 2n ** 64n - 1n

/**
 * A document at least this long that is a map with a block sequence under `items:` (a `kind:
 * List`) is read a piece at a time (see `readListInPieces`): the yaml package holds a whole
 * document's tree while it parses, about 60 times the text.
 */
const LIST_IN_PIECES_FROM = 1024 * 1024
/** Items per piece: enough that a piece's fixed cost is small, few enough to stay small. */
const ITEMS_PER_PIECE = 64

/**
 * Splits `text` as apimachinery's YAMLReader does and reads each document. `split: false` reads
 * the text as one stream (a UTF-16 file, which the byte-wise splitter never splits).
 * `listInPiecesFrom` is for tests: the length from which a `kind: List` is read in pieces.
 */
export function* readKubeYaml(
  text: string,
  {
    split = true,
    listInPiecesFrom = LIST_IN_PIECES_FROM,
    simpleBlock = true
  }: { split?: boolean; listInPiecesFrom?: number; simpleBlock?: boolean } = {}
): Generator<KubeDocument> {
  const options = { listInPiecesFrom, simpleBlock }
  if (!split) return yield readDocument(text, 1, options)
  for (const chunk of splitDocuments(text)) {
    if ('error' in chunk) {
      yield refusal(chunk.line, chunk.line, chunk.error)
      return // the reader stops at an invalid separator, and so does kubectl
    }
    yield readDocument(chunk.text, chunk.line, options)
  }
}

/**
 * apimachinery's YAMLReader: a line starting with `---` ends the document before it (the line
 * itself is dropped, unless nothing precedes it), anything but a comment after the `---` is an
 * error, and each line loses its `\r\n` (bufio.ReadLine) and ends with `\n`.
 */
function* splitDocuments(
  text: string
): Generator<{ text: string; line: number } | { error: string; line: number }> {
  let start = 0 // offset of the pending document
  let startLine = 1
  let line = 1
  let pos = 0
  while (pos < text.length) {
    const newline = text.indexOf('\n', pos)
    const end = newline === -1 ? text.length : newline + 1
    if (text.startsWith('---', pos)) {
      const trimmed = goTrimSpace(text.slice(pos + 3, newline === -1 ? end : newline))
      if (trimmed !== '' && trimmed[0] !== '#')
        return yield { error: `invalid Yaml document separator: ${trimmed}`, line }
      if (pos > start) {
        yield { text: normalizeLines(text.slice(start, pos)), line: startLine }
        start = end
        startLine = line + 1
      }
    }
    pos = end
    line++
  }
  if (start < text.length) yield { text: normalizeLines(text.slice(start)), line: startLine }
}

function normalizeLines(chunk: string): string {
  const lines = chunk.includes('\r\n') ? chunk.replace(/\r\n/g, '\n') : chunk
  return lines.endsWith('\n') ? lines : `${lines}\n`
}

/** Go's strings.TrimSpace (Unicode White_Space; unlike String.trim, not U+FEFF). */
function goTrimSpace(value: string): string {
  return value.replace(
    /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g,
    ''
  )
}

class Refusal extends Error {
  constructor(
    message: string,
    readonly offset?: number
  ) {
    super(message)
  }
}

function refusal(line: number, errorLine: number, message: string): KubeDocument {
  return { line, error: { line: errorLine, message }, lineOf: () => undefined }
}

/** go-yaml v2 reads only the first YAML document of what the splitter gives it. */
function readDocument(
  chunk: string,
  firstLine: number,
  { listInPiecesFrom, simpleBlock }: { listInPiecesFrom: number; simpleBlock: boolean }
): KubeDocument {
  const refused = goOnlyRefuses(chunk)
  if (refused) return refusal(firstLine, firstLine + refused.lineIndex, refused.message)
  // go-yaml reads a lone CR and NEL as line breaks; the yaml package does not.
  const normalized = /[\r\u0085]/.test(chunk) ? chunk.replace(/[\r\u0085]/g, '\n') : chunk
  const simple = simpleBlock ? readSimpleBlock(normalized, firstLine) : undefined
  if (simple) return simple.document
  const readPiece = simpleBlock ? readSimpleOrWhole : readWhole
  return (
    (normalized.length >= listInPiecesFrom && readListInPieces(normalized, firstLine, readPiece)) ||
    readWhole(normalized, firstLine).document
  )
}

/**
 * A `kind: List` read a piece at a time: the top-level `items:` block sequence is cut into runs
 * of items, each read on its own with its own lines, and the rest of the document is read with
 * `items: []` in place of the sequence and blank lines where it was (so every line number stays).
 * Exactly what reading the whole gives, or undefined to read the whole instead: whenever a piece
 * or the rest has an error or an alias (an alias can reach across pieces, and go-yaml's aliasing
 * limit counts the whole document), or the rest is not a block map whose `items` is our `[]`
 * (text that only looked like the top-level key, inside a multi-line scalar or a flow collection).
 */
export function readListInPieces(
  text: string,
  firstLine: number,
  readPiece: (text: string, firstLine: number) => Reading = readWhole
): KubeDocument | undefined {
  const lines = text.split('\n')
  let itemsLine = -1
  for (let n = 0; n < lines.length; n++) {
    if (!/^["']?items/.test(lines[n]!)) continue
    if (itemsLine !== -1 || !/^items:[ ]*(#.*)?$/.test(lines[n]!)) return undefined
    itemsLine = n
  }
  // The item starts: `-` lines at the sequence's indentation, up to a line indented less, or as
  // much without a `-`; blank and comment lines go with the item before them.
  const starts: number[] = []
  let indent = -1
  let end = lines.length
  for (let n = itemsLine + 1; itemsLine !== -1 && n < lines.length; n++) {
    const line = lines[n]!
    const spaces = line.length - line.trimStart().length
    if (line[0] === '\t') return undefined
    if (spaces === line.length || line[spaces] === '#') continue
    if (indent === -1) indent = spaces
    const isItem =
      spaces === indent && line[spaces] === '-' && /^[ ]?$/.test(line[spaces + 1] ?? '')
    if (isItem) starts.push(n)
    else if (spaces <= indent) {
      end = n
      break
    }
  }
  if (starts.length < 2) return undefined
  const pieces: KubeDocument[] = []
  const items: unknown[] = []
  for (let first = 0; first < starts.length; first += ITEMS_PER_PIECE) {
    const from = starts[first]!
    const piece = readPiece(
      `${lines.slice(from, starts[first + ITEMS_PER_PIECE] ?? end).join('\n')}\n`,
      firstLine + from
    )
    const value = piece.document.value
    const count = Math.min(ITEMS_PER_PIECE, starts.length - first)
    if (piece.aliased || !piece.blockSequence || !Array.isArray(value) || value.length !== count)
      return undefined
    pieces.push(piece.document)
    items.push(...value)
  }
  const rest = lines.map((line, n) => (n >= starts[0]! && n < end ? '' : line))
  rest[itemsLine] = 'items: []'
  const outside = readPiece(rest.join('\n'), firstLine)
  const value = outside.document.value
  if (
    outside.aliased ||
    !outside.blockMap ||
    !isObject(value) ||
    !Array.isArray(value.items) ||
    value.items.length !== 0 ||
    outside.document.lineOf(['items']) !== firstLine + itemsLine
  )
    return undefined
  value.items = items
  return {
    line: outside.document.line,
    value,
    lineOf(path) {
      const index = path[1]
      if (path[0] !== 'items' || typeof index !== 'number') return outside.document.lineOf(path)
      if (index >= items.length) return outside.document.lineOf(['items'])
      if (index < 0) return undefined
      const piece = pieces[Math.floor(index / ITEMS_PER_PIECE)]!
      return piece.lineOf([index % ITEMS_PER_PIECE, ...path.slice(2)])
    }
  }
}

/** A document read, and the facts `readListInPieces` needs about it. */
interface Reading {
  document: KubeDocument
  /** Whether it has aliases (which can reach anywhere in it). */
  aliased: boolean
  blockMap: boolean
  blockSequence: boolean
}

/** Thrown where a document leaves what `readSimpleBlock` reads. */
class NotSimple extends Error {}
/** One instance for every throw: a new error would capture a stack each time, for nothing. */
const NOT_SIMPLE = new NotSimple()

const SPACE = 0x20
/** What cannot start a plain scalar, or starts one only before a non-space (`-`, `?`, `:`). */
const INDICATORS = new Set([...',[]{}#&*!|>\'"%@`-?:'])
/** Nesting depth beyond which the yaml package reads the document (and says why it refuses it). */
const SIMPLE_MAX_DEPTH = 100
/** `|` or `>`, chomping and indentation indicators, a comment. */
const BLOCK_SCALAR_HEADER = /^[|>](?:[-+][1-9]?|[1-9][-+]?)?(?: +(?:#.*)?)?$/
/** libyaml's limit on a simple key's length (it refuses longer ones). */
const SIMPLE_KEY_MAX = 1024
const FLOW_INDICATORS = ',[]{}'
/**
 * libyaml's escapes of one character in a double-quoted scalar, but for `\\'`, which the yaml
 * package refuses (so a document with it is refused, where go-yaml reads a quote).
 */
const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029'
}
const HEX_ESCAPE_DIGITS: Record<string, number> = { x: 2, u: 4, U: 8 }

/**
 * The value of the quoted scalar whose opening quote is at `open`, and the offset of its closing
 * quote, as libyaml's scan_flow_scalar reads it (the yaml package folds an escaped line break
 * followed by blank lines differently): escapes, `''`, and line folding (one break is a space,
 * more are line breaks, the blanks around them go; after an escaped break, each break is one).
 * Line breaks are `\n` (the reader normalises them first). Undefined when it is not closed or
 * holds an escape libyaml refuses (the caller's reader then says why).
 */
export function quotedScalar(
  text: string,
  open: number
): { value: string; close: number } | undefined {
  const quote = text[open]
  const double = quote === '"'
  const isBlank = (c: string | undefined) => c === ' ' || c === '\t'
  let value = ''
  let i = open + 1
  for (;;) {
    let escapedBreak = false
    let run = i
    for (; i < text.length && !isBlank(text[i]) && text[i] !== '\n'; i++) {
      const c = text[i]
      if (!double && c === "'" && text[i + 1] === "'") {
        value += text.slice(run, i + 1)
        run = ++i + 1
      } else if (c === quote) return { value: value + text.slice(run, i), close: i }
      else if (double && c === '\\') {
        value += text.slice(run, i)
        const next = text[i + 1]
        if (next === '\n') {
          escapedBreak = true
          i++
          break
        }
        const digits = HEX_ESCAPE_DIGITS[next ?? '']
        if (digits) {
          const hex = text.slice(i + 2, i + 2 + digits)
          const code = /^[0-9a-fA-F]+$/.test(hex) ? Number.parseInt(hex, 16) : NaN
          if (hex.length !== digits || !(code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff))
            return undefined
          value += String.fromCodePoint(code)
          i += 1 + digits
        } else {
          const escaped = ESCAPES[next ?? '']
          if (escaped === undefined) return undefined
          value += escaped
          i++
        }
        run = i + 1
      }
    }
    if (!escapedBreak) value += text.slice(run, i)
    else i++ // past the escaped line break
    // Blanks and line breaks, then what they fold into.
    let blanks = ''
    let breaks = escapedBreak ? 0 : -1 // -1: no line break yet
    for (; isBlank(text[i]) || text[i] === '\n'; i++) {
      if (text[i] === '\n') breaks++
      else if (breaks === -1) blanks += text[i]
    }
    if (i >= text.length) return undefined
    if (breaks === -1) value += blanks
    else if (escapedBreak) value += '\n'.repeat(breaks)
    else value += breaks === 0 ? ' ' : '\n'.repeat(breaks)
  }
}

/**
 * The block YAML nearly every manifest is written in, read in one pass without the yaml package
 * (its tree costs about 60 times the text): block maps and sequences (indentless too), keys on one
 * line (plain, or quoted without escapes), plain and quoted values over one or more lines (the
 * common escapes), flow collections on one line (`{app: web}`, `["a", b]`), block scalars,
 * comments and blank lines. Undefined for anything else (tabs, a BOM, `---`/`...` lines, anchors,
 * aliases, tags, flow collections over several lines or with `:` in a scalar, other escapes,
 * complex and merge keys, empty sequence items, keys Kubernetes refuses, NaN and infinities, deep
 * nesting): the yaml package then reads the document, so every refusal and its message come from
 * there. test/unit/kube-yaml-simple.test.ts compares values and lines with that reading, on
 * generated documents too (test/integration/kube-yaml-generated.ts).
 */
export function readSimpleBlock(text: string, firstLine: number): Reading | undefined {
  if (text.includes('\t') || text.includes('\ufeff')) return undefined
  try {
    return new SimpleBlock(text, firstLine).read()
  } catch (error) {
    if (error instanceof NotSimple || error instanceof Refusal) return undefined
    throw error
  }
}

/**
 * The lines of every field of a document, in one array: at a container's offset, its number of
 * entries, then a sequence's item lines or a map's key and line pairs. One array for all, as a
 * 10 MiB manifest has hundreds of thousands of maps.
 */
class LineTable {
  private readonly entries: Array<string | number> = []
  private readonly offsets = new Map<object, number>()

  /** `lines`: a sequence's item lines, or a map's `[key, line, key, line, ...]`. */
  add(container: object, lines: ReadonlyArray<string | number>): void {
    this.offsets.set(container, this.entries.length)
    this.entries.push(Array.isArray(container) ? lines.length : lines.length / 2)
    for (const entry of lines) this.entries.push(entry)
  }

  lineIn(container: object, segment: string | number): number | undefined {
    const offset = this.offsets.get(container)
    if (offset === undefined) return undefined
    const count = this.entries[offset] as number
    if (typeof segment === 'number')
      return Number.isInteger(segment) && segment >= 0 && segment < count
        ? (this.entries[offset + 1 + segment] as number)
        : undefined
    for (let i = offset + 1; i < offset + 1 + 2 * count; i += 2)
      if (this.entries[i] === segment) return this.entries[i + 1] as number
    return undefined
  }
}

class SimpleBlock {
  private readonly lines = new LineTable()
  /** Plain keys already converted: manifests repeat a few hundred keys. */
  private readonly keys = new Map<string, string>()
  private depth = 0
  /** The current content line: its offset, end (its `\n`), index, and indentation (-1: none left). */
  private pos = 0
  private end = 0
  private lineIndex = 0
  private indent = -1

  constructor(
    private readonly text: string,
    private readonly firstLine: number
  ) {
    this.seek(0)
  }

  read(): Reading {
    if (this.indent === -1) throw NOT_SIMPLE
    const start = this.line()
    const value = this.node()
    if (this.indent !== -1) throw NOT_SIMPLE
    const sequence = Array.isArray(value)
    return {
      document: withLines(start, value, (container, segment) =>
        this.lines.lineIn(container, segment)
      ),
      aliased: false,
      blockMap: !sequence,
      blockSequence: sequence
    }
  }

  private line(): number {
    return this.firstLine + this.lineIndex
  }

  /** Moves to the first line from `from` that is neither blank nor a comment. */
  private seek(from: number): void {
    const text = this.text
    let pos = from
    while (pos < text.length) {
      let end = text.indexOf('\n', pos)
      if (end === -1) end = text.length
      let i = pos
      while (i < end && text.charCodeAt(i) === SPACE) i++
      if (i < end && text[i] !== '#') {
        if (i === pos && (text.startsWith('---', pos) || text.startsWith('...', pos)))
          throw NOT_SIMPLE
        this.pos = pos
        this.end = end
        this.indent = i - pos
        return
      }
      pos = end + 1
      this.lineIndex++
    }
    this.pos = this.end = text.length
    this.indent = -1
  }

  private next(): void {
    this.lineIndex++
    this.seek(this.end + 1)
  }

  /** A block sequence item's `-` at `at`. */
  private isDash(at: number): boolean {
    return this.text[at] === '-' && (at + 1 === this.end || this.text.charCodeAt(at + 1) === SPACE)
  }

  /** The node that starts the current line. */
  private node(): unknown {
    if (++this.depth > SIMPLE_MAX_DEPTH) throw NOT_SIMPLE
    const at = this.pos + this.indent
    const value = this.isDash(at) ? this.sequence(this.indent) : this.map(this.indent, at)
    this.depth--
    return value
  }

  private sequence(column: number): unknown[] {
    const items: unknown[] = []
    const lines: number[] = []
    while (this.indent === column && this.isDash(this.pos + column)) {
      let at = this.pos + column + 1
      while (at < this.end && this.text.charCodeAt(at) === SPACE) at++
      if (at === this.end || this.text[at] === '#') {
        this.next()
        if (this.indent <= column) throw NOT_SIMPLE // an empty item
        lines.push(this.line())
        items.push(this.node())
        continue
      }
      if (this.isDash(at)) throw NOT_SIMPLE
      lines.push(this.line())
      const flow = this.text[at] === '{' || this.text[at] === '['
      items.push(
        !flow && this.keyColon(at) !== -1 ? this.map(at - this.pos, at) : this.scalar(at, column)
      )
    }
    if (this.indent > column) throw NOT_SIMPLE
    // A copy holds exactly its items: what `push` grew keeps room for 16 more, per sequence.
    const exact = items.slice()
    this.lines.add(exact, lines)
    return exact
  }

  /** A block map at `column` whose first key is at `at` on the current line. */
  private map(column: number, at: number): Record<string, unknown> {
    const object: Record<string, unknown> = {}
    const lines: KeyLines = []
    for (let keyAt = at; ; keyAt = this.pos + column) {
      const colon = this.keyColon(keyAt)
      if (colon === -1 || this.isDash(keyAt)) throw NOT_SIMPLE
      const line = this.line()
      const key = this.key(keyAt, colon)
      let valueAt = colon + 1
      while (valueAt < this.end && this.text.charCodeAt(valueAt) === SPACE) valueAt++
      let value: unknown = null
      if (valueAt < this.end && this.text[valueAt] !== '#') value = this.scalar(valueAt, column)
      else {
        this.next()
        if (this.indent > column) value = this.node()
        else if (this.indent === column && this.isDash(this.pos + column))
          value = this.sequence(column)
      }
      setField(object, lines, key, value, line)
      if (this.indent !== column) break
    }
    if (this.indent > column) throw NOT_SIMPLE
    this.lines.add(object, lines)
    return object
  }

  /** The offset of the `:` that ends a key starting at `at` on the current line, or -1. */
  private keyColon(at: number): number {
    const text = this.text
    const endsKey = (colon: number) =>
      text[colon] === ':' && (colon + 1 === this.end || text.charCodeAt(colon + 1) === SPACE)
    if (text[at] === '"' || text[at] === "'") {
      const close = this.closingQuote(at)
      return close !== -1 && endsKey(close + 1) ? close + 1 : -1
    }
    for (let colon = at; colon < this.end; colon++) if (endsKey(colon)) return colon
    return -1
  }

  private key(at: number, colon: number): string {
    const text = this.text
    if (text[at] === '"' || text[at] === "'") {
      return this.unquote(at, colon - 1)
    }
    const raw = text.slice(at, colon)
    const known = this.keys.get(raw)
    if (known !== undefined) return known
    if (
      INDICATORS.has(raw[0]!) ||
      raw.endsWith(' ') ||
      raw.includes(' #') ||
      raw === '<<' ||
      raw.length >= SIMPLE_KEY_MAX
    )
      throw NOT_SIMPLE
    const key = jsonKey(resolve('', raw))
    this.keys.set(raw, key)
    return key
  }

  /** The scalar or flow collection at `at` in a collection at `column`, and moves past it. */
  private scalar(at: number, column: number): unknown {
    const first = this.text[at]
    if (first === '"' || first === "'") return this.quoted(at, column)
    if (first === '{' || first === '[') {
      const [value, end] = this.flowCollection(at)
      this.expectLineEnd(end)
      this.next()
      return value
    }
    if (first !== '|' && first !== '>') return this.plain(at, column)
    if (!BLOCK_SCALAR_HEADER.test(this.text.slice(at, this.end))) throw NOT_SIMPLE
    const { value, end } = blockScalar(this.text, at, column)
    for (
      let i = this.text.indexOf('\n', at);
      i !== -1 && i < end;
      i = this.text.indexOf('\n', i + 1)
    )
      this.lineIndex++
    this.seek(end)
    return value
  }

  /**
   * A plain scalar that is not a key, with its continuation lines (indented more than its
   * collection, folded as libyaml folds them: one line break is a space, blank lines are breaks).
   */
  private plain(at: number, column: number): unknown {
    const text = this.text
    const first = text[at]!
    const spaceAfter = at + 1 === this.end || text.charCodeAt(at + 1) === SPACE
    if (INDICATORS.has(first) && (!'-?:'.includes(first) || spaceAfter)) throw NOT_SIMPLE
    const [stop, commented] = this.plainLineEnd(at + 1)
    let value = text.slice(at, stop)
    // After a comment the scalar cannot go on: a more indented line is then not simple.
    if (!commented) {
      let breaks = 0
      for (let pos = this.end + 1, index = this.lineIndex + 1; pos < text.length; index++) {
        let end = text.indexOf('\n', pos)
        if (end === -1) end = text.length
        let start = pos
        while (start < end && text.charCodeAt(start) === SPACE) start++
        if (start === end) {
          breaks++
          pos = end + 1
          continue
        }
        if (start - pos <= column || text[start] === '#') break
        this.pos = pos
        this.end = end
        this.lineIndex = index
        const [lineStop, lineCommented] = this.plainLineEnd(start)
        if (lineCommented) throw NOT_SIMPLE
        value += (breaks === 0 ? ' ' : '\n'.repeat(breaks)) + text.slice(start, lineStop)
        breaks = 0
        pos = end + 1
      }
    }
    this.next()
    return jsonScalar(resolve('', value))
  }

  /**
   * Where plain text on the current line ends (looking from `from`, past its first character),
   * and whether a comment follows.
   */
  private plainLineEnd(from: number): [number, boolean] {
    const text = this.text
    let stop = this.end
    let commented = false
    for (let i = from; i < this.end; i++) {
      const c = text[i]
      if (c === ':' && (i + 1 === this.end || text.charCodeAt(i + 1) === SPACE)) throw NOT_SIMPLE
      if (c === '#' && text.charCodeAt(i - 1) === SPACE) {
        stop = i
        commented = true
        break
      }
    }
    while (text.charCodeAt(stop - 1) === SPACE) stop--
    return [stop, commented]
  }

  /** Nothing but spaces and a comment from `at`, which ends a token, to the end of the line. */
  private expectLineEnd(at: number): void {
    let after = at
    while (after < this.end && this.text.charCodeAt(after) === SPACE) after++
    if (after < this.end && (this.text[after] !== '#' || after === at)) throw NOT_SIMPLE
  }

  /** The closing quote of a one-line quoted scalar without escapes that starts at `at`, or -1. */
  private closingQuote(at: number): number {
    const text = this.text
    const quote = text[at]
    for (let i = at + 1; i < this.end; i++) {
      if (quote === '"' && text[i] === '\\') break
      if (text[i] !== quote) continue
      if (quote === "'" && text[i + 1] === "'") i++
      else return i
    }
    return -1
  }

  private unquote(at: number, close: number): string {
    const inner = this.text.slice(at + 1, close)
    return this.text[at] === "'" ? inner.replaceAll("''", "'") : inner
  }

  /**
   * A quoted scalar that is not a key, over as many lines as it takes, its continuation lines
   * indented more than its collection (go-yaml does not ask that, the yaml package does). Moves
   * past it.
   */
  private quoted(at: number, column: number): string {
    const text = this.text
    const scanned = quotedScalar(text, at)
    if (!scanned) throw NOT_SIMPLE
    for (let lineStart = this.end + 1; lineStart <= scanned.close; lineStart = this.end + 1) {
      this.lineIndex++
      this.pos = lineStart
      this.end = text.indexOf('\n', lineStart)
      if (this.end === -1) this.end = text.length
      let first = lineStart
      while (first < this.end && text.charCodeAt(first) === SPACE) first++
      if (first < this.end && first - lineStart <= column) throw NOT_SIMPLE
    }
    this.expectLineEnd(scanned.close + 1)
    this.next()
    return scanned.value
  }

  /**
   * A flow collection that opens at `at` and closes on the same line, of plain scalars (no `:`
   * in them), quoted ones without escapes and flow collections: `[]`, `{app: web}`,
   * `["a", b]`. Its value and the offset after it.
   */
  private flowCollection(at: number): [unknown, number] {
    if (++this.depth > SIMPLE_MAX_DEPTH) throw NOT_SIMPLE
    const text = this.text
    const isMap = text[at] === '{'
    const close = isMap ? '}' : ']'
    const line = this.line()
    const object: Record<string, unknown> = {}
    const items: unknown[] = []
    const lines: KeyLines = []
    let i = this.skipSpaces(at + 1)
    while (text[i] !== close) {
      if (isMap) {
        const colon = this.flowKeyColon(i)
        const key = this.key(i, colon)
        const [value, after] = this.flowNode(this.skipSpaces(colon + 1))
        setField(object, lines, key, value, line)
        i = this.skipSpaces(after)
      } else {
        const [value, after] = this.flowNode(i)
        items.push(value)
        lines.push(line)
        i = this.skipSpaces(after)
      }
      if (text[i] === ',') {
        i = this.skipSpaces(i + 1)
        if (text[i] === close || text[i] === ',') throw NOT_SIMPLE
      } else if (text[i] !== close) throw NOT_SIMPLE
    }
    this.depth--
    const value = isMap ? object : items
    this.lines.add(value, lines)
    return [value, i + 1]
  }

  /** The `:` (followed by a space) that ends a flow map's key at `at`. */
  private flowKeyColon(at: number): number {
    const text = this.text
    if (text[at] === '"' || text[at] === "'") {
      const close = this.closingQuote(at)
      if (close === -1 || text[close + 1] !== ':' || text.charCodeAt(close + 2) !== SPACE)
        throw NOT_SIMPLE
      return close + 1
    }
    for (let i = at; i < this.end; i++) {
      const c = text[i]
      if (c === ':' && text.charCodeAt(i + 1) === SPACE) return i
      if (FLOW_INDICATORS.includes(c!)) break
    }
    throw NOT_SIMPLE
  }

  /** A flow collection's entry at `at` (not a key): its value and the offset after it. */
  private flowNode(at: number): [unknown, number] {
    const text = this.text
    if (at >= this.end) throw NOT_SIMPLE
    const first = text[at]!
    if (first === '{' || first === '[') return this.flowCollection(at)
    if (first === '"' || first === "'") {
      const close = this.closingQuote(at)
      if (close === -1) throw NOT_SIMPLE
      return [this.unquote(at, close), close + 1]
    }
    const ends = at + 1 === this.end || ' ,]}'.includes(text[at + 1]!)
    if (INDICATORS.has(first) && (!'-?:'.includes(first) || ends)) throw NOT_SIMPLE
    let stop = at + 1
    for (; stop < this.end; stop++) {
      const c = text[stop]!
      if (FLOW_INDICATORS.includes(c)) break
      // `?` ends a plain scalar in go-yaml's flow collections (the yaml package reads on).
      if (c === ':' || c === '?' || (c === '#' && text.charCodeAt(stop - 1) === SPACE))
        throw NOT_SIMPLE
    }
    let end = stop
    while (text.charCodeAt(end - 1) === SPACE) end--
    return [jsonScalar(resolve('', text.slice(at, end))), stop]
  }

  private skipSpaces(at: number): number {
    let i = at
    while (i < this.end && this.text.charCodeAt(i) === SPACE) i++
    return i
  }
}

function readSimpleOrWhole(text: string, firstLine: number): Reading {
  return readSimpleBlock(text, firstLine) ?? readWhole(text, firstLine)
}

/** A document read whole by the yaml package. */
function readWhole(normalized: string, firstLine: number): Reading {
  const failed = (document: KubeDocument) => ({
    document,
    aliased: false,
    blockMap: false,
    blockSequence: false
  })
  let parsed
  try {
    parsed = firstDocument(normalized)
    // go-yaml does not check the indentation of multi-line quoted scalars and flow collections;
    // the yaml package does. Indenting their continuation lines changes no value, only the
    // yaml package's verdict (and no line number).
    if (syntaxError(parsed.document)) {
      const reindented = reindentFlowContinuations(normalized)
      if (reindented !== undefined) {
        const again = firstDocument(reindented)
        if (!syntaxError(again.document)) parsed = { ...again, text: reindented }
      }
    }
  } catch (error) {
    if (!(error instanceof RangeError)) throw error
    return failed(refusal(firstLine, firstLine, 'the document is nested too deeply'))
  }
  const { document, counter, text } = parsed
  const lineAt = (offset: number) => firstLine - 1 + counter.linePos(offset).line
  if (!document) return failed({ line: firstLine, value: null, lineOf: () => undefined })
  const start = document.contents?.range ? lineAt(document.contents.range[0]) : firstLine
  const syntax = syntaxError(document)
  if (syntax) return failed(refusal(start, lineAt(syntax.pos[0]), syntax.message.split('\n')[0]))
  const decoder = new Decoder(lineAt, (offset) => counter.linePos(offset).col - 1, text)
  let value: unknown
  try {
    decoder.bind(document.contents)
    decoder.count() // the document node
    value = decoder.decode(document.contents)
  } catch (error) {
    if (error instanceof Refusal)
      return failed(
        refusal(start, error.offset === undefined ? start : lineAt(error.offset), error.message)
      )
    if (error instanceof RangeError)
      return failed(refusal(start, start, 'the document is nested too deeply'))
    throw error
  }
  const root = document.contents
  return {
    document: withLines(start, value, (container, segment) => {
      const lines = decoder.lines.get(container)
      return typeof segment === 'number'
        ? (lines as number[])[segment]
        : keyLine(lines as KeyLines, segment)
    }),
    aliased: decoder.aliased,
    blockMap: isMap(root) && !root.flow,
    blockSequence: isSeq(root) && !root.flow
  }
}

/** A document's value with the lines of its fields (`lineIn`: a key's or an item's line). */
function withLines(
  start: number,
  value: unknown,
  lineIn: (container: object, segment: string | number) => number | undefined
): KubeDocument {
  return {
    line: start,
    value,
    lineOf(path) {
      let current = value
      let found: number | undefined
      for (const segment of path) {
        if (Array.isArray(current) && typeof segment === 'number') {
          if (segment >= current.length) return found
          found = lineIn(current, segment)
          current = current[segment]
        } else if (isObject(current) && Object.hasOwn(current, String(segment))) {
          found = lineIn(current, String(segment))
          current = current[String(segment)]
        } else return found
      }
      return found
    }
  }
}

function firstDocument(text: string) {
  const counter = new LineCounter()
  const composer = new Composer({ schema: 'failsafe', uniqueKeys: false })
  let document: Document.Parsed | undefined
  for (const doc of composer.compose(new Parser(counter.addNewLine).parse(text))) {
    document = doc
    break
  }
  return { document, counter, text }
}

/**
 * The yaml package's syntax errors. Tags are resolved here, so its opinion about a tag is not an
 * error, except for an undeclared tag handle, which go-yaml refuses too.
 */
function syntaxError(document: Document.Parsed | undefined) {
  return document?.errors.find(
    (error) =>
      error.code !== 'TAG_RESOLVE_FAILED' || error.message.startsWith('Could not resolve tag')
  )
}

/** What go-yaml refuses in a document that the yaml package reads. */
function goOnlyRefuses(chunk: string): { message: string; lineIndex: number } | undefined {
  const at = (index: number) => chunk.slice(0, index).split('\n').length - 1
  // go-yaml's reader allows tab, LF, CR, NEL and printable Unicode, nothing else.
  const control = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u.exec(chunk)
  if (control)
    return { message: 'control characters are not allowed', lineIndex: at(control.index) }
  // A directive: the splitter has already taken the `---` that should follow it.
  const directive = /^(?:\ufeff)?(?:[ \t]*(?:#.*)?\n)*%/.exec(chunk)
  if (directive)
    return { message: 'did not find expected <document start>', lineIndex: at(directive[0].length) }
  if (/[\u2028\u2029]/.test(chunk))
    return { message: 'line breaks other than LF, CR and NEL are not supported', lineIndex: 0 }
  // go-yaml does not skip a tab after a block sequence's `-`.
  const tab = /^[ ]*(?:-[ ]+)*-[ ]*\t/m.exec(chunk)
  if (tab)
    return { message: 'found character that cannot start any token', lineIndex: at(tab.index) }
  return undefined
}

/**
 * Indents the continuation lines of multi-line quoted scalars and flow collections in block
 * context by one more than the collection they start in (leading white space there is no part of the
 * value). Undefined when nothing needed it, or when a continuation line starts with `...`, which
 * go-yaml refuses there.
 */
function reindentFlowContinuations(text: string): string | undefined {
  const lines = text.split('\n')
  let changed = false
  let quote = '' // the open quote, if any
  let depth = 0 // flow collection depth
  let constructIndent = -1 // column of the collection the open construct started in
  let blockScalarParent = -1 // indentation of the line that opened a block scalar
  for (let n = 0; n < lines.length; n++) {
    let line = lines[n]
    const indent = /^ */.exec(line)![0].length
    // The column of the collection a construct starting on this line is in (past `- `s).
    const column = /^ *(?:- +)*/.exec(line)![0].length
    if (quote || depth > 0) {
      if (line.trim() !== '' && indent <= constructIndent) {
        if (/^\.\.\.(\s|$)/.test(line)) return undefined
        line = ' '.repeat(constructIndent + 1 - indent) + line
        lines[n] = line
        changed = true
      }
    } else if (blockScalarParent >= 0) {
      if (line.trim() === '' || indent > blockScalarParent) continue
      blockScalarParent = -1
    }
    let nodeStart = !quote && depth === 0
    for (let i = quote || depth > 0 ? 0 : indent; i < line.length; i++) {
      const c = line[i]
      if (quote === '"') {
        if (c === '\\') i++
        else if (c === '"') quote = ''
        continue
      }
      if (quote === "'") {
        if (c === "'" && line[i + 1] === "'") i++
        else if (c === "'") quote = ''
        continue
      }
      if (c === ' ' || c === '\t') continue
      if (c === '#' && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t')) break
      const startOfNode = nodeStart || (depth > 0 && /[[{,:?]/.test(lastSignificant(line, i)))
      if ((c === '"' || c === "'") && startOfNode) {
        quote = c
        if (depth === 0) constructIndent = column
      } else if ((c === '[' || c === '{') && startOfNode) {
        if (depth === 0) constructIndent = column
        depth++
      } else if ((c === ']' || c === '}') && depth > 0) depth--
      else if ((c === '|' || c === '>') && nodeStart && depth === 0) {
        blockScalarParent = indent
        break
      }
      if ((c === '!' || c === '&') && nodeStart) {
        i = skipToken(line, i) - 1 // a tag or an anchor: the node follows it
        continue
      }
      nodeStart = depth === 0 && /[-?:]/.test(c) && /[ \t]|^$/.test(line[i + 1] ?? '')
      if (!nodeStart && depth === 0 && !quote) {
        // a plain scalar or key: skip to the next `: `, ` #` or the end of the line
        const next = line.slice(i).search(/:[ \t]|:$| #/)
        if (next === -1) break
        i += next - 1
      }
    }
  }
  return changed ? lines.join('\n') : undefined
}

function lastSignificant(line: string, before: number): string {
  for (let i = before - 1; i >= 0; i--) if (line[i] !== ' ' && line[i] !== '\t') return line[i]
  return '['
}

function skipToken(line: string, i: number): number {
  let j = i
  while (j < line.length && line[j] !== ' ' && line[j] !== '\t') j++
  return j
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * go-yaml v2's decoder into interface{}, then YAMLToJSON's key conversion, in one walk. It counts
 * decode steps as go-yaml does, for its "excessive aliasing" limit.
 */
class Decoder {
  readonly lines = new Map<object, Lines>()
  private readonly targets = new Map<Alias, Node>()
  private readonly expanding = new Set<Alias>()
  private decodeCount = 0
  private aliasCount = 0
  private aliasDepth = 0

  /** Whether the document has aliases. */
  get aliased(): boolean {
    return this.targets.size > 0
  }

  private readonly blockIndents = new Map<Scalar, number>()

  constructor(
    private readonly lineAt: (offset: number) => number,
    private readonly columnAt: (offset: number) => number,
    private readonly text: string
  ) {}

  /** Binds each alias to the latest anchor before it, as go-yaml's parser does. */
  /**
   * Binds each alias to the latest anchor before it, as go-yaml's parser does, and notes the
   * indentation of the block collection around each block scalar (libyaml's parent indent).
   */
  bind(root: Node | null): void {
    const anchors = new Map<string, Node>()
    const walk = (node: unknown, parentIndent: number, inFlow: boolean): void => {
      if (isAlias(node)) {
        const target = anchors.get(node.source)
        if (!target)
          throw new Refusal(`unknown anchor '${node.source}' referenced`, node.range?.[0])
        this.targets.set(node, target)
        return
      }
      if (!node || typeof node !== 'object') return
      if (isScalar(node)) {
        this.checkScalar(node, inFlow)
        if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED')
          this.blockIndents.set(node, parentIndent)
      }
      const anchored = node as Node
      if (anchored.anchor) anchors.set(anchored.anchor, anchored)
      const indent = anchored.range ? this.columnAt(anchored.range[0]) : parentIndent
      const flow = inFlow || (node as { flow?: boolean }).flow === true
      if (isMap(node)) {
        for (const pair of node.items) {
          walk(pair.key, indent, flow)
          walk(pair.value, indent, flow)
        }
      } else if ('items' in node)
        for (const item of (node as { items: unknown[] }).items) walk(item, indent, flow)
    }
    walk(root, -1, false)
  }

  /** Scalar syntax go-yaml v2 refuses and the yaml package reads. */
  private checkScalar(node: Scalar, inFlow: boolean): void {
    const [start, end] = node.range ?? [0, 0]
    // In a flow collection go-yaml ends a plain scalar at `?` (then wants `,` or the end), and
    // reads a `:` right after one as part of it, so `{k:[x]}` is a scalar `k:` and then `[`.
    if (
      inFlow &&
      node.type === 'PLAIN' &&
      (this.text.slice(start, end).includes('?') ||
        (this.text[end] === ':' && /[[{]/.test(this.text[end + 1] ?? '')))
    )
      throw new Refusal("did not find expected ',' or the end of the flow collection", start)
    if (node.type === 'QUOTE_DOUBLE') {
      const source = this.text.slice(start, end)
      if (/(^|[^\\])(\\\\)*\\\//.test(source))
        throw new Refusal('found unknown escape character', start)
      // libyaml refuses an escape of a surrogate or beyond U+10FFFF.
      if (
        /(^|[^\\])(\\\\)*\\(u[dD][89a-fA-F]|U0000[dD][89a-fA-F]|U(?!0010|000)[0-9a-fA-F]{4})/.test(
          source
        )
      )
        throw new Refusal('found invalid Unicode character escape code', start)
    }
    // A tag must be followed by a blank (or `,` in a flow collection): `{a: !!str}` is an error.
    if (
      node.tag &&
      start === end &&
      /[\]}]/.test(this.text[start] ?? '') &&
      !/\s/.test(this.text[start - 1])
    )
      throw new Refusal('did not find expected whitespace or line break', start)
  }

  /** A scalar's value; block scalars as libyaml reads them (see blockScalar). */
  private scalar(node: Scalar): ScalarValue {
    const parentIndent = this.blockIndents.get(node)
    const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE'
    // Quoted scalars are folded as libyaml folds them (see quotedScalar).
    const quotedValue =
      quoted && node.range ? quotedScalar(this.text, node.range[0])?.value : undefined
    const text =
      parentIndent !== undefined && node.range
        ? blockScalar(this.text, node.range[0], parentIndent).value
        : (quotedValue ?? node.source ?? String(node.value)) // tags are resolved here, not by `yaml`
    return scalarValue(node, text)
  }

  count(): void {
    this.decodeCount++
    if (this.aliasDepth > 0) this.aliasCount++
    if (
      this.aliasCount > 100 &&
      this.decodeCount > 1000 &&
      this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)
    )
      throw new Refusal('document contains excessive aliasing')
  }

  /** The JSON value of a node (a missing node is an empty plain scalar: null). */
  decode(node: Node | null): unknown {
    this.count()
    if (node === null) return null
    if (isAlias(node)) return this.alias(node, (target) => this.decode(target))
    if (isScalar(node)) return jsonScalar(this.scalar(node), node.range?.[0])
    if (isMap(node)) {
      const object: Record<string, unknown> = {}
      const lines: KeyLines = []
      this.lines.set(object, lines)
      this.mapInto(node, object, lines)
      return object
    }
    const items = (node as { items: Array<Node | null> }).items
    const array = new Array<unknown>(items.length)
    const lines = new Array<number>(items.length)
    this.lines.set(array, lines)
    items.forEach((item, index) => {
      array[index] = this.decode(item)
      lines[index] = this.lineAt(item?.range?.[0] ?? node.range?.[0] ?? 0)
    })
    return array
  }

  private alias<T>(node: Alias, decode: (target: Node) => T): T {
    if (this.expanding.has(node))
      throw new Refusal(`anchor '${node.source}' value contains itself`, node.range?.[0])
    this.expanding.add(node)
    this.aliasDepth++
    const result = decode(this.targets.get(node) as Node)
    this.aliasDepth--
    this.expanding.delete(node)
    return result
  }

  /** A mapping decoded into `object`: later keys (merged ones too) replace earlier ones. */
  private mapInto(node: YAMLMap, object: Record<string, unknown>, lines: KeyLines) {
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null
      const valueNode = pair.value as Node | null
      if (isScalar(keyNode) && isMergeKey(keyNode)) {
        this.merge(valueNode, object, lines)
        continue
      }
      this.count()
      const key = this.key(keyNode)
      const value = this.decode(valueNode)
      setField(object, lines, key, value, this.lineAt(keyNode?.range?.[0] ?? node.range?.[0] ?? 0))
    }
  }

  /** `<<`: a map, an alias of one, or a sequence of them (the earliest wins there). */
  private merge(node: Node | null, object: Record<string, unknown>, lines: KeyLines) {
    const into = (source: Node | null): void => {
      this.count()
      if (isAlias(source)) {
        if (!isMap(this.targets.get(source))) throw wantMap(source)
        this.alias(source, (target) => into(target))
      } else if (isMap(source)) this.mapInto(source, object, lines)
      else throw wantMap(source ?? node)
    }
    if (node && !isScalar(node) && !isMap(node) && !isAlias(node)) {
      const items = (node as { items: Array<Node | null> }).items
      for (let i = items.length - 1; i >= 0; i--) into(items[i])
    } else into(node)
  }

  /** A key as YAMLToJSON writes it; collections and null cannot be keys. */
  private key(node: Node | null): string {
    if (isAlias(node)) {
      return this.alias(node, (target) => {
        this.count()
        return this.key(target)
      })
    }
    if (node && !isScalar(node))
      throw new Refusal('invalid map key: a map or sequence cannot be a key', node.range?.[0])
    try {
      return jsonKey(node ? this.scalar(node) : null)
    } catch (error) {
      if (error instanceof Refusal && error.offset === undefined)
        throw new Refusal(error.message, node?.range?.[0])
      throw error
    }
  }
}

/** A scalar key as YAMLToJSON writes it. */
function jsonKey(value: ScalarValue): string {
  if (value === null) throw new Refusal('unsupported map key of type: <nil> (a null key)')
  if (typeof value === 'bigint') {
    if (value > INT64_MAX) throw new Refusal(`unsupported map key of type: uint64, key: ${value}`)
    return String(value)
  }
  if (typeof value === 'number') return goFloat32Key(value)
  return String(value)
}

/** A field set as go-yaml sets it: a later duplicate replaces the value and the line. */
function setField(
  object: Record<string, unknown>,
  lines: KeyLines,
  key: string,
  value: unknown,
  line: number
): void {
  if (!Object.hasOwn(object, key)) lines.push(key, line)
  else lines[lines.indexOf(key) + 1] = line
  if (key === '__proto__')
    Object.defineProperty(object, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true
    })
  else object[key] = value
}

function keyLine(lines: KeyLines, key: string): number | undefined {
  for (let i = 0; i < lines.length; i += 2) if (lines[i] === key) return lines[i + 1] as number
  return undefined
}

function wantMap(node: Node | null): Refusal {
  return new Refusal('map merge requires map or sequence of maps as the value', node?.range?.[0])
}

function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= 400_000) return 0.99
  if (decodeCount >= 4_000_000) return 0.1
  return 0.99 - 0.89 * ((decodeCount - 400_000) / 3_600_000)
}

function isMergeKey(node: Scalar): boolean {
  return (
    (node.source ?? node.value) === '<<' &&
    (node.tag === undefined ? node.type === 'PLAIN' : node.tag === MERGE || node.tag === '!')
  )
}

/** ints stay exact (bigint) until they become JSON numbers; encoding/json refuses NaN and ±Inf. */
function jsonScalar(value: ScalarValue, offset?: number): unknown {
  if (typeof value === 'bigint') return Number(value)
  if (typeof value === 'number' && !Number.isFinite(value))
    throw new Refusal(
      `json: unsupported value: ${Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf'}`,
      offset
    )
  return value
}

type ScalarValue = string | boolean | number | bigint | null

/** go-yaml v2's d.scalar into interface{}: quoted and block scalars are strings unless tagged. */
function scalarValue(node: Scalar, text: string): ScalarValue {
  const tag = node.tag
  if (tag === undefined && node.type !== 'PLAIN') return text
  try {
    return resolve(tag === undefined ? '' : tag, text)
  } catch (error) {
    if (error instanceof Refusal) throw new Refusal(error.message, node.range?.[0])
    throw error
  }
}

/**
 * libyaml's scan_block_scalar from the `|` or `>` at `start`: the yaml package drops trailing
 * lines of spaces that libyaml keeps as content when they are more indented than the block.
 * `end` is where the line after the scalar starts.
 */
function blockScalar(
  text: string,
  start: number,
  parentIndent: number
): { value: string; end: number } {
  const literal = text[start] === '|'
  let i = start + 1
  let chomp = 0
  let increment = 0
  for (let k = 0; k < 2; k++) {
    if ((text[i] === '+' || text[i] === '-') && chomp === 0) chomp = text[i++] === '+' ? 1 : -1
    else if (text[i] >= '1' && text[i] <= '9' && increment === 0) increment = Number(text[i++])
  }
  const eol = text.indexOf('\n', i)
  if (eol === -1) return { value: '', end: text.length }
  i = eol + 1
  let indent = increment ? Math.max(parentIndent, 0) + increment : 0
  let column = 0
  let value = ''
  let leadingBreak = ''
  let trailingBreaks = ''
  let leadingBlank = false
  const breaks = () => {
    let maxIndent = 0
    for (;;) {
      column = 0
      while ((indent === 0 || column < indent) && text[i] === ' ') {
        i++
        column++
      }
      maxIndent = Math.max(maxIndent, column)
      if ((indent === 0 || column < indent) && text[i] === '\t')
        throw new Refusal('found a tab character where an indentation space is expected', i)
      if (text[i] !== '\n') break
      trailingBreaks += '\n'
      i++
    }
    if (indent === 0) indent = Math.max(maxIndent, parentIndent + 1, 1)
  }
  breaks()
  while (column === indent && i < text.length) {
    const trailingBlank = text[i] === ' ' || text[i] === '\t'
    if (!literal && leadingBreak === '\n' && !leadingBlank && !trailingBlank) {
      if (trailingBreaks === '') value += ' '
    } else value += leadingBreak
    leadingBreak = ''
    value += trailingBreaks
    trailingBreaks = ''
    leadingBlank = trailingBlank
    const end = text.indexOf('\n', i)
    value += text.slice(i, end === -1 ? text.length : end)
    i = end === -1 ? text.length : end + 1
    if (end === -1) break
    leadingBreak = '\n'
    breaks()
  }
  if (chomp !== -1) value += leadingBreak
  if (chomp === 1) value += trailingBreaks
  return { value, end: i < text.length ? i - column : text.length }
}

function resolve(tag: string, text: string): ScalarValue {
  if (!RESOLVABLE.has(tag)) return tag === BINARY ? decodeBinary(text) : text
  const [rtag, value] = resolveImplicit(tag, text)
  if (tag === '' || tag === rtag || tag === STR) return value
  if (tag === FLOAT && rtag === INT) return Number(value as bigint)
  throw new Refusal(`cannot decode ${shortTag(rtag)} \`${text}\` as a ${shortTag(tag)}`)
}

function shortTag(tag: string): string {
  return tag.startsWith(TAG) ? `!!${tag.slice(TAG.length)}` : tag
}

function resolveImplicit(tag: string, text: string): [string, ScalarValue] {
  const first = text[0]
  const hint =
    text === ''
      ? 'N'
      : first === '+' || first === '-'
        ? 'S'
        : first >= '0' && first <= '9'
          ? 'D'
          : 'yYnNtTfFoO~'.includes(first)
            ? 'M'
            : first === '.'
              ? '.'
              : ''
  if (hint === '' || tag === STR) return [STR, text]
  const known = SPELLINGS.get(text)
  if (known) return known as [string, ScalarValue]
  if (hint === '.') {
    const float = goParseFloat(text)
    if (float !== undefined) return [FLOAT, float]
  } else if (hint === 'D' || hint === 'S') {
    // A timestamp stays the string it is; it matters only for a !!timestamp tag.
    if ((tag === '' || tag === TIMESTAMP) && isTimestamp(text)) return [TIMESTAMP, text]
    const plain = text.replace(/_/g, '')
    const int = goParseInt(plain, 0, true) ?? goParseInt(plain, 0, false)
    if (int !== undefined) return [INT, int]
    if (YAML_STYLE_FLOAT.test(plain)) {
      const float = goParseFloat(plain)
      if (float !== undefined) return [FLOAT, float]
    }
    const binary = plain.startsWith('0b')
      ? plain.slice(2)
      : plain.startsWith('-0b')
        ? `-${plain.slice(3)}`
        : undefined
    if (binary !== undefined) {
      const value = goParseInt(binary, 2, true) ?? goParseInt(binary, 2, false)
      if (value !== undefined) return [INT, value]
    }
  }
  return [STR, text]
}

const DIGITS: Record<number, RegExp> = {
  2: /^[01]+$/,
  8: /^[0-7]+$/,
  10: /^[0-9]+$/,
  16: /^[0-9a-fA-F]+$/
}

/** strconv.ParseInt (signed) / ParseUint: base 0 reads 0x, 0o, 0b and a leading 0 (octal). */
function goParseInt(text: string, base: number, signed: boolean): bigint | undefined {
  let digits = text
  let negative = false
  if (signed && (digits[0] === '+' || digits[0] === '-')) {
    negative = digits[0] === '-'
    digits = digits.slice(1)
  }
  let radix = base
  if (base === 0) {
    radix = 10
    if (digits[0] === '0' && digits.length > 1) {
      const prefix = digits[1].toLowerCase()
      radix = prefix === 'x' ? 16 : prefix === 'b' ? 2 : 8
      digits = digits.slice(prefix === 'x' || prefix === 'b' || prefix === 'o' ? 2 : 1)
    }
  }
  if (!DIGITS[radix].test(digits)) return undefined
  const prefix = radix === 16 ? '0x' : radix === 8 ? '0o' : radix === 2 ? '0b' : ''
  const magnitude = BigInt(prefix + digits)
  const value = negative ? -magnitude : magnitude
  if (signed ? value < INT64_MIN || value > INT64_MAX : value > UINT64_MAX) return undefined
  return value
}

/** strconv.ParseFloat for the decimal forms YAML can reach here; out of range is an error. */
function goParseFloat(text: string): number | undefined {
  if (!/^[-+]?([0-9_]+\.?[0-9_]*|\.[0-9_]+)([eE][-+]?[0-9_]+)?$/.test(text)) return undefined
  if (text.includes('_') && !underscoresBetweenDigits(text)) return undefined
  const value = Number(text.replace(/_/g, ''))
  return Number.isFinite(value) ? value : undefined
}

/** strconv's underscoreOK for base 10: each `_` sits between two digits. */
function underscoresBetweenDigits(text: string): boolean {
  return !/(^|[^0-9])_|_($|[^0-9])/.test(text.replace(/^[-+]/, ''))
}

/** go-yaml v2's timestamp layouts (time.Parse): date, and optionally a time and zone. */
function isTimestamp(text: string): boolean {
  const match =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:([Tt ])(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(
      text
    )
  if (!match) return false
  const [, year, month, day, separator, hour, minute, second, zone] = match
  if (separator && (separator === ' ') !== (zone === undefined)) return false
  if (zone && zone !== 'Z' && (Number(zone.slice(1, 3)) > 23 || Number(zone.slice(4)) > 59))
    return false
  const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate()
  return (
    Number(month) >= 1 &&
    Number(month) <= 12 &&
    Number(day) >= 1 &&
    Number(day) <= daysInMonth &&
    (hour === undefined || (Number(hour) < 24 && Number(minute) < 60 && Number(second) < 60))
  )
}

/** !!binary: standard base64 (newlines ignored), bytes read as Go reads a string into JSON. */
function decodeBinary(text: string): string {
  const compact = text.replace(/[\r\n]/g, '')
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(compact))
    throw new Refusal('!!binary value contains invalid base64 data')
  return goString(Buffer.from(compact, 'base64'))
}

/** encoding/json writes each byte that is not part of valid UTF-8 as U+FFFD. */
function goString(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length;) {
    const size = utf8Size(bytes, i)
    out += size === 0 ? '\ufffd' : Buffer.from(bytes.subarray(i, i + size)).toString('utf8')
    i += size || 1
  }
  return out
}

/** Length of the valid UTF-8 sequence at `i` (Go's utf8.DecodeRune), 0 when invalid. */
function utf8Size(bytes: Uint8Array, i: number): number {
  const b = bytes[i]
  if (b < 0x80) return 1
  const cont = (k: number, lo = 0x80, hi = 0xbf) =>
    i + k < bytes.length && bytes[i + k] >= lo && bytes[i + k] <= hi
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0
  if (b >= 0xe0 && b <= 0xef) {
    const [lo, hi] = b === 0xe0 ? [0xa0, 0xbf] : b === 0xed ? [0x80, 0x9f] : [0x80, 0xbf]
    return cont(1, lo, hi) && cont(2) ? 3 : 0
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const [lo, hi] = b === 0xf0 ? [0x90, 0xbf] : b === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf]
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0
  }
  return 0
}

/** A float key as YAMLToJSON writes it: strconv.FormatFloat(key, 'g', -1, 32). */
function goFloat32Key(value: number): string {
  if (Number.isNaN(value)) return '.nan'
  const single = Math.fround(value)
  if (!Number.isFinite(single)) return single > 0 ? '.inf' : '-.inf'
  const sign = single < 0 || Object.is(single, -0) ? '-' : ''
  const magnitude = Math.abs(single)
  if (magnitude === 0) return `${sign}0`
  let digits = ''
  let exponent = 0
  for (let precision = 1; precision <= 9; precision++) {
    const [mantissa, exp] = magnitude.toExponential(precision - 1).split('e')
    if (Math.fround(Number(`${mantissa}e${exp}`)) === magnitude) {
      digits = mantissa.replace('.', '')
      exponent = Number(exp)
      break
    }
  }
  digits = digits.replace(/0+$/, '') || '0'
  if (exponent < -4 || exponent >= 6) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits
    const exp = Math.abs(exponent).toString().padStart(2, '0')
    return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${exp}`
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`
  const whole = digits.padEnd(exponent + 1, '0')
  const fraction = digits.slice(exponent + 1)
  return `${sign}${whole.slice(0, exponent + 1)}${fraction ? `.${fraction}` : ''}`
}

import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
  type YAMLSeq
} from 'yaml'
import type { LineEdit } from './model.js'
import type { SourceText } from './source.js'

/** Why a value reached through a YAML alias is not edited. */
export const ALIASED = (key: string) =>
  `${key} is a YAML alias; an edit would change every place that uses its anchor`

/** A finding that has no safe automatic fix here; the message says why (shown to the user). */
export class ManualOnly extends Error {}

/** A text change: replace [start, end) with text (start === end inserts). */
interface CharEdit {
  start: number
  end: number
  text: string
  /** Among insertions at one offset, the deeper (larger indent) goes first: it closes its mapping. */
  indent?: number
}

/** Keys to add under one place: a scalar's source text, or more keys one level deeper. */
type Additions = Map<string, string | Additions>

/** Where added keys go: after `line`, at column `indent`. */
interface AdditionTarget {
  line: number
  indent: number
  keys: Additions
}

/**
 * Edits one YAML document surgically: values are replaced where they are written, keys are added
 * as new lines under their block mapping and removed with their whole lines, so every byte outside
 * the edited lines (comments, key order, quoting, indentation, blank lines) stays as it was. What
 * cannot be edited that way (flow style, anchors, keys sharing a line) is refused with a reason.
 */
export class DocumentEditor {
  private readonly edits: CharEdit[] = []
  private readonly additions = new Map<Node | Pair, AdditionTarget>()

  constructor(
    private readonly source: SourceText,
    /** Columns per nesting level in this file, for the keys we add. */
    private readonly indentStep: number,
    /** Nodes inside an anchored subtree: an edit there would change every alias of it too. */
    private readonly shared: ReadonlySet<unknown> = new Set()
  ) {}

  /**
   * Makes `path` under `map` hold a value `accept` takes; writes `text` (YAML source of a scalar
   * or flow collection) where it does not, adding the missing mappings on the way.
   */
  ensure(
    map: YAMLMap,
    path: string[],
    text: string,
    accept: (value: unknown) => boolean,
    { keepQuotes = false } = {}
  ): void {
    let current: YAMLMap = map
    for (const [depth, key] of path.entries()) {
      this.requireBlock(current, key)
      const pair = findPair(current, key)
      const rest = path.slice(depth + 1)
      if (!pair) return this.add(current, [key, ...rest], text)
      const value = pair.value as Node | null
      if (rest.length === 0) {
        if (accept(isScalar(value) ? value.value : value)) return
        if (!isScalar(value)) throw new ManualOnly(`${key} is not a plain value here`)
        return this.replaceScalar(value, keepQuotes ? quoteLike(value, text) : text)
      }
      if (value === null || (isScalar(value) && value.value === null))
        return this.fillNull(pair, rest, text)
      if (isAlias(value)) throw new ManualOnly(ALIASED(key))
      if (!isMap(value)) throw new ManualOnly(`${key} is not a mapping`)
      current = value
    }
  }

  /** Replaces a scalar's source text (quotes included). */
  replaceScalar(node: Scalar, text: string): void {
    this.requireOwn(node)
    const [start, end] = node.range!
    if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED')
      throw new ManualOnly('the value is a block scalar')
    this.edits.push({ start, end, text })
  }

  /** Removes a key and its value with their whole lines. */
  removePair(map: YAMLMap, pair: Pair): void {
    this.requireBlock(map, String((pair.key as Scalar).value))
    const key = pair.key as Scalar
    const value = pair.value as Node | null
    this.removeLines(key.range![0], (value ?? key).range![1], `${String(key.value)}`)
  }

  /** Removes an item of a block sequence with its whole lines; removing the last one removes the key. */
  removeItems(parent: YAMLMap, pair: Pair, items: Node[]): void {
    const seq = pair.value as YAMLSeq
    if (!isSeq(seq) || seq.flow)
      throw new ManualOnly(`${String((pair.key as Scalar).value)} is written in flow style`)
    this.requireOwn(seq)
    if (items.length === seq.items.length) return this.removePair(parent, pair)
    for (const item of items) {
      const start = item.range![0]
      const prefix = this.source.text.slice(this.source.lineStart(this.source.lineOf(start)), start)
      if (!/^\s*-\s*$/.test(prefix))
        throw new ManualOnly('the list item shares its line with other content')
      this.removeLines(start, item.range![1], 'list item', true)
    }
  }

  /** Appends `- text` to a block sequence, or rewrites a one-line flow sequence with it added. */
  appendItem(seq: YAMLSeq, text: string): void {
    this.requireOwn(seq)
    const [start, valueEnd] = seq.range!
    if (seq.flow) {
      if (this.source.lineOf(start) !== this.source.lineOf(valueEnd - 1))
        throw new ManualOnly('the list is a flow sequence over several lines')
      const items = seq.items.map((item) => {
        const [s, e] = (item as Node).range!
        return this.source.text.slice(s, e)
      })
      this.edits.push({ start, end: valueEnd, text: `[${[...items, text].join(', ')}]` })
      return
    }
    const last = seq.items.at(-1) as Node
    const itemStart = last.range![0]
    const dash = this.source.text.lastIndexOf('-', itemStart)
    const line = this.source.lastContentLine(last.range![1])
    const indent = dash - this.source.lineStart(this.source.lineOf(dash))
    this.edits.push({
      ...this.insertion(line, `${' '.repeat(indent)}- ${text}${this.source.eol}`),
      indent: indent + 1
    })
  }

  /** The edits as whole-line replacements of the original text (sorted, non-overlapping). */
  lineEdits(): LineEdit[] {
    const all = [...this.edits]
    for (const target of this.additions.values())
      all.push({
        ...this.insertion(
          target.line,
          render(target.keys, target.indent, this.indentStep, this.source.eol)
        ),
        indent: target.indent
      })
    all.sort((a, b) => a.start - b.start || a.end - b.end || (b.indent ?? 0) - (a.indent ?? 0))
    const groups: Array<{ first: number; last: number; edits: CharEdit[] }> = []
    let previousEnd = -1
    for (const edit of all) {
      if (edit.start < previousEnd) throw new ManualOnly('two changes overlap')
      previousEnd = edit.end
      const first = this.source.lineOf(
        edit.start === edit.end ? Math.max(edit.start - 1, 0) : edit.start
      )
      const last =
        edit.start === edit.end ? first : Math.max(first, this.source.lineOf(edit.end - 1))
      const group = groups.at(-1)
      if (group && first <= group.last) {
        group.last = Math.max(group.last, last)
        group.edits.push(edit)
      } else groups.push({ first, last, edits: [edit] })
    }
    return groups.map(({ first, last, edits }) => {
      const base = this.source.lineStart(first)
      let text = this.source.lines(first, last)
      for (const edit of [...edits].reverse())
        text = text.slice(0, edit.start - base) + edit.text + text.slice(edit.end - base)
      return { startLine: first, endLine: last, replacement: text }
    })
  }

  private add(map: YAMLMap, path: string[], text: string): void {
    let target = this.additions.get(map)
    if (!target) {
      const first = map.items[0]?.key as Node | undefined
      if (!first?.range) throw new ManualOnly('the mapping is empty or written in flow style')
      target = {
        line: this.source.lastContentLine(map.range![1]),
        indent: this.source.columnOf(first.range[0]),
        keys: new Map()
      }
      this.additions.set(map, target)
    }
    addPath(target.keys, path, text)
  }

  /** `key:` with no value (or null) gets the keys on new lines below it. */
  private fillNull(pair: Pair, path: string[], text: string): void {
    const key = pair.key as Scalar
    let target = this.additions.get(pair)
    if (!target) {
      const value = pair.value as Scalar | null
      const keyLine = this.source.lineOf(key.range![0])
      if (value?.range && value.range[0] < value.range[1]) {
        if (this.source.lineOf(value.range[0]) !== keyLine)
          throw new ManualOnly('unusual null value')
        // `key: null` or `key: ~`: drop the spelled-out null (and the space before it).
        let start = value.range[0]
        while (start > 0 && this.source.text[start - 1] === ' ') start--
        this.edits.push({ start, end: value.range[1], text: '' })
      }
      target = {
        line: keyLine,
        indent: this.source.columnOf(key.range![0]) + this.indentStep,
        keys: new Map()
      }
      this.additions.set(pair, target)
    }
    addPath(target.keys, path, text)
  }

  private requireBlock(map: YAMLMap, key: string): void {
    if (map.flow) throw new ManualOnly(`the mapping holding ${key} is written in flow style`)
    this.requireOwn(map)
    if (findPair(map, '<<'))
      throw new ManualOnly(
        `the mapping holding ${key} uses a YAML merge key (<<); an edit could override merged values`
      )
  }

  private requireOwn(node: Node): void {
    if (this.shared.has(node))
      throw new ManualOnly(
        'the value is shared through a YAML anchor; an edit would change every alias of it'
      )
  }

  /** Deletes the lines from `start`'s line through the line `end` ends on, if nothing else is on them. */
  private removeLines(start: number, end: number, what: string, afterDash = false): void {
    const first = this.source.lineOf(start)
    const before = this.source.text.slice(this.source.lineStart(first), start)
    if (!(afterDash ? /^\s*-\s*$/ : /^\s*$/).test(before))
      throw new ManualOnly(`${what} shares its line with other content`)
    const last = this.source.lastContentLine(end)
    const after = this.source.text.slice(end, this.source.lineEnd(last))
    if (end <= this.source.lineEnd(last) && !/^\s*(#.*)?\s*$/.test(after))
      throw new ManualOnly(`${what} shares its line with other content`)
    this.edits.push({
      start: this.source.lineStart(first),
      end: this.source.lineEnd(last),
      text: ''
    })
  }

  /** An insertion of whole lines after `line` (a file without a final line break gets one first). */
  private insertion(line: number, text: string): CharEdit {
    const at = this.source.lineEnd(line)
    const { eol } = this.source
    if (at === this.source.text.length && !this.source.text.endsWith('\n'))
      return { start: at, end: at, text: eol + text.slice(0, -eol.length) }
    return { start: at, end: at, text }
  }
}

/** The pair of `key` in a mapping. */
export function findPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((pair) => isScalar(pair.key) && pair.key.value === key) as Pair | undefined
}

function addPath(keys: Additions, path: string[], text: string): void {
  const [head, ...rest] = path as [string, ...string[]]
  if (rest.length === 0) {
    if (!keys.has(head)) keys.set(head, text)
    return
  }
  let child = keys.get(head)
  if (typeof child === 'string') throw new ManualOnly(`${head} would be set twice`)
  if (!child) keys.set(head, (child = new Map()))
  addPath(child, rest, text)
}

function render(keys: Additions, indent: number, step: number, eol: string): string {
  let out = ''
  for (const [key, value] of keys) {
    out += `${' '.repeat(indent)}${key}:`
    out +=
      typeof value === 'string'
        ? ` ${value}${eol}`
        : `${eol}${render(value, indent + step, step, eol)}`
  }
  return out
}

/** A string `value` written with the same quotes as `node` (plain stays plain where YAML allows). */
export function quoteLike(node: Scalar, value: string): string {
  if (node.type === 'QUOTE_SINGLE') return `'${value.replaceAll("'", "''")}'`
  if (node.type === 'QUOTE_DOUBLE' || !/^[\w./-][\w./:@+-]*$/.test(value))
    return JSON.stringify(value)
  return value
}

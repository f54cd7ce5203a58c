// JSON text in pieces. A report of 100,000 findings is over 40 MB of JSON: made as one string it
// was held three times over (the text, its UTF-8 bytes for the file, another copy for gzip), and
// every element had to exist as an object at once. Here the large arrays are written element by
// element, each element made and stringified only when its turn comes.
import { randomUUID } from 'node:crypto'

interface Expansion {
  /** Unguessable, so no string in the data (which the pull request controls) can pose as one. */
  marker: string
  arrays: Array<StreamedArray<unknown>>
}

/** Set only while `jsonPieces` runs `JSON.stringify`, which calls `toJSON` synchronously. */
let expanding: Expansion | undefined

/**
 * An array that `jsonPieces` writes one element at a time; `items` is called once per
 * serialisation, so its elements can be made on the fly. Anywhere else (`JSON.stringify`) it is an
 * ordinary array, which makes `JSON.stringify` the reference for what `jsonPieces` writes.
 */
export class StreamedArray<T> {
  constructor(readonly items: () => Iterable<T>) {}

  toJSON(): unknown {
    if (!expanding) return [...this.items()]
    expanding.arrays.push(this)
    return `${expanding.marker}${expanding.arrays.length - 1}`
  }
}

/**
 * `JSON.stringify(value, null, space)` in pieces, the same text byte for byte: the value is
 * stringified with a placeholder for each `StreamedArray`, and each placeholder is replaced by the
 * array's elements, stringified one by one and indented to where the placeholder stood.
 */
export function* jsonPieces(value: unknown, space = 0): Generator<string> {
  const expansion: Expansion = { marker: `\u0000${randomUUID()}:`, arrays: [] }
  const text = stringify(value, space, expansion)
  if (text !== undefined) yield* expand(text, space, expansion)
}

function stringify(value: unknown, space: number, expansion: Expansion): string | undefined {
  const outer = expanding
  expanding = expansion
  try {
    return JSON.stringify(value, null, space)
  } finally {
    expanding = outer
  }
}

function* expand(text: string, space: number, expansion: Expansion): Generator<string> {
  // The placeholder as it appears in the text: a JSON string, NUL escaped as \u0000.
  const quoted = JSON.stringify(expansion.marker).slice(0, -1)
  let from = 0
  for (let at = text.indexOf(quoted); at !== -1; at = text.indexOf(quoted, from)) {
    yield text.slice(from, at)
    const end = text.indexOf('"', at + quoted.length)
    const array = expansion.arrays[Number(text.slice(at + quoted.length, end))]!
    from = end + 1
    yield* arrayPieces(array, space, space ? indentOfLine(text, at) : '', expansion)
  }
  yield from === 0 ? text : text.slice(from)
}

/**
 * About how many characters of elements one `JSON.stringify` call makes. One call per element
 * cost several times more (100k findings.json entries, measured alone: 2.3 s of CPU instead of
 * 0.2 s, most of it re-indenting each element); texts much longer than this land in V8's
 * large-object space, whose fresh pages cost more than the stringifying.
 */
const CHARACTERS_PER_CALL = 48 * 1024

function* arrayPieces(
  array: StreamedArray<unknown>,
  space: number,
  indent: string,
  expansion: Expansion
): Generator<string> {
  let first = true
  let group: unknown[] = []
  // Elements per call, adjusted after each call to the size of the elements just written.
  let size = 64
  const write = function* (): Generator<string> {
    yield first ? (space ? '[\n' : '[') : space ? ',\n' : ','
    first = false
    const nested = expansion.arrays.length
    const text = elementsText(group, space, indent, expansion)
    size = Math.min(1024, Math.max(1, Math.round((size * CHARACTERS_PER_CALL) / text.length)))
    group = []
    if (expansion.arrays.length > nested) yield* expand(text, space, expansion)
    else yield text
  }
  for (const item of array.items()) {
    group.push(item)
    if (group.length >= size) yield* write()
  }
  if (group.length) yield* write()
  yield first ? '[]' : space ? `\n${indent}]` : ']'
}

/**
 * The elements as they stand inside an array whose line is indented by `indent`: each on its own
 * line, indented one level deeper, separated by commas (no brackets). They are stringified inside
 * as many one-element arrays as `indent` has levels, so that `JSON.stringify` indents them where
 * they go, and the wrapping (brackets and whitespace only) is cut off again.
 */
function elementsText(
  elements: unknown[],
  space: number,
  indent: string,
  expansion: Expansion
): string {
  let wrapped: unknown = elements
  let template: unknown = [0]
  for (let level = space ? indent.length / space : 0; level > 0; level--) {
    wrapped = [wrapped]
    template = [template]
  }
  // Where the first element's line starts and how much follows the last, in the template's text.
  const shape = JSON.stringify(template, null, space)
  const head = shape.indexOf('0') - (space ? indent.length + space : 0)
  const tail = shape.length - shape.indexOf('0') - 1
  const text = stringify(wrapped, space, expansion)!
  return text.slice(head, text.length - tail)
}

/** The spaces that start the line holding `at`. */
function indentOfLine(text: string, at: number): string {
  const start = text.lastIndexOf('\n', at) + 1
  let end = start
  while (text.charCodeAt(end) === 32) end++
  return text.slice(start, end)
}

/** Receives a batch of UTF-8; the batch's memory is reused once the promise settles. */
export type BatchSink = (batch: Buffer) => Promise<unknown>

/** A text too large to be one string, written batch by batch to a sink (`writeUtf8`). */
export type LargeText = (sink: BatchSink) => Promise<void>

/**
 * Writes the pieces as UTF-8 to `sink` in batches of up to `bytes`, one batch at a time and in
 * order. Two buffers are reused: the next batch is filled while the sink works on the previous
 * one, and no batch is a fresh allocation (at 85 MB of reports, fresh megabyte buffers and joined
 * strings cost more in page faults than the text they held).
 */
export async function writeUtf8(
  pieces: Iterable<string>,
  sink: BatchSink,
  bytes = 1 << 20
): Promise<void> {
  const buffers = [Buffer.allocUnsafe(bytes), Buffer.allocUnsafe(bytes)]
  const sinking: Array<Promise<unknown>> = [Promise.resolve(), Promise.resolve()]
  let current = 0
  let used = 0
  const flush = async (): Promise<void> => {
    const batch = buffers[current]!.subarray(0, used)
    const previous = sinking[current ^ 1]!
    const done = previous.then(() => sink(batch))
    done.catch(() => {}) // awaited below or in `finally`; not unhandled meanwhile
    sinking[current] = done
    current ^= 1
    used = 0
    await previous
  }
  try {
    for (const piece of pieces)
      for (const part of parts(piece, Math.floor(bytes / 3))) {
        // A UTF-16 code unit is at most 3 bytes of UTF-8 (a surrogate pair, two units, is 4).
        if (bytes - used < part.length * 3) await flush()
        used += buffers[current]!.write(part, used)
      }
    if (used > 0) await flush()
    await sinking[current ^ 1]
  } finally {
    await Promise.allSettled(sinking)
  }
}

/** The text in parts of at most `length` code units, never splitting a surrogate pair. */
function* parts(text: string, length: number): Generator<string> {
  if (text.length <= length) {
    yield text
    return
  }
  for (let from = 0; from < text.length;) {
    let to = Math.min(text.length, from + length)
    const last = text.charCodeAt(to - 1)
    if (to < text.length && last >= 0xd800 && last <= 0xdbff) to--
    yield text.slice(from, to)
    from = to
  }
}

/** A JSON file's content: the text of `jsonPieces` and a final newline. */
export function jsonFile(value: unknown, space = 0): LargeText {
  return (sink) =>
    writeUtf8(
      (function* () {
        yield* jsonPieces(value, space)
        yield '\n'
      })(),
      sink
    )
}

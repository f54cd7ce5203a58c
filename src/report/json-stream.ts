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

function* arrayPieces(
  array: StreamedArray<unknown>,
  space: number,
  indent: string,
  expansion: Expansion
): Generator<string> {
  const pad = space ? indent + ' '.repeat(space) : ''
  let first = true
  for (const item of array.items()) {
    yield first ? (space ? '[\n' : '[') : space ? ',\n' : ','
    first = false
    const nested = expansion.arrays.length
    // As in JSON.stringify, an element that has no JSON (undefined, a function) is null.
    let text = stringify(item, space, expansion) ?? 'null'
    if (pad) text = pad + text.replaceAll('\n', `\n${pad}`)
    if (expansion.arrays.length > nested) yield* expand(text, space, expansion)
    else yield text
  }
  yield first ? '[]' : space ? `\n${indent}]` : ']'
}

/** The spaces that start the line holding `at`. */
function indentOfLine(text: string, at: number): string {
  const start = text.lastIndexOf('\n', at) + 1
  let end = start
  while (text.charCodeAt(end) === 32) end++
  return text.slice(start, end)
}

/** The pieces joined into batches of about `bytes` bytes of UTF-8, for writing and compressing. */
export function* utf8Batches(pieces: Iterable<string>, bytes = 1 << 20): Generator<Buffer> {
  let batch: string[] = []
  let length = 0
  for (const piece of pieces) {
    batch.push(piece)
    length += piece.length
    if (length >= bytes) {
      yield Buffer.from(batch.join(''))
      batch = []
      length = 0
    }
  }
  if (length > 0) yield Buffer.from(batch.join(''))
}

/** A JSON file's content in UTF-8 batches: the text of `jsonPieces` and a final newline. */
export function jsonFileBatches(value: unknown, space = 0): Generator<Buffer> {
  return utf8Batches(
    (function* () {
      yield* jsonPieces(value, space)
      yield '\n'
    })()
  )
}

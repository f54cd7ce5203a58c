import { describe, expect, it } from 'vitest'
import { decide } from '../../src/gate.js'
import { toFindingsDocument } from '../../src/report/findings-file.js'
import {
  jsonFile,
  jsonPieces,
  StreamedArray,
  writeUtf8,
  type LargeText
} from '../../src/report/json-stream.js'
import { random } from '../harness/random.js'
import { sampleOutcomes } from '../report/fixtures.js'

// Characters JSON escapes or that are not ASCII, and text that looks like the placeholder.
const ALPHABET = [
  'a',
  'Z',
  '0',
  ' ',
  '"',
  '\\',
  '\n',
  '\t',
  '\u0000',
  '\u2028',
  'é',
  '😀',
  '[',
  ']',
  ',',
  ':'
]

function randomValue(next: () => number, depth: number): unknown {
  const pick = Math.floor(next() * (depth > 3 ? 5 : 9))
  const text = () =>
    Array.from(
      { length: Math.floor(next() * 8) },
      () => ALPHABET[Math.floor(next() * ALPHABET.length)]
    ).join('')
  const list = () =>
    Array.from({ length: Math.floor(next() * 5) }, () => randomValue(next, depth + 1))
  switch (pick) {
    case 0:
      return null
    case 1:
      return next() < 0.5
    case 2:
      return Math.round((next() - 0.5) * 1e6) / 100
    case 3:
      return text()
    case 4:
      // JSON.stringify writes undefined as null in arrays and leaves it out of objects.
      return next() < 0.3 ? undefined : `\u0000${text()}`
    case 5:
      return list()
    case 6:
    case 7: {
      const items = list()
      return new StreamedArray(() => items)
    }
    default:
      return Object.fromEntries(
        Array.from({ length: Math.floor(next() * 5) }, (_, i) => [
          `${text()}${i}`,
          randomValue(next, depth + 1)
        ])
      )
  }
}

describe('jsonPieces', () => {
  it('writes exactly what JSON.stringify writes, for random documents with streamed arrays at any depth', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const next = random(seed)
      const document = randomValue(next, 0)
      const space = [0, 2, 4][seed % 3]!
      const expected = JSON.stringify(document, null, space)
      const streamed = [...jsonPieces(document, space)].join('')
      expect({ seed, text: streamed }).toEqual({
        seed,
        text: expected ?? ''
      })
    }
  })

  it('makes the elements of a streamed array only while writing them', () => {
    let made = 0
    const document = {
      before: 1,
      items: new StreamedArray(function* () {
        for (let i = 0; i < 3; i++) {
          made++
          yield { i }
        }
      }),
      after: []
    }
    const pieces = jsonPieces(document, 2)
    expect(pieces.next().value).toBe('{\n  "before": 1,\n  "items": ')
    expect(made).toBe(0)
    expect([...pieces].join('')).toBe(
      '[\n    {\n      "i": 0\n    },\n    {\n      "i": 1\n    },\n    {\n      "i": 2\n    }\n  ],\n  "after": []\n}'
    )
    expect(made).toBe(3)
  })

  it('takes a string that imitates the placeholder for data', () => {
    const document = { a: new StreamedArray(() => [1]), b: '\u0000 0', c: '"\\u0000' }
    for (const space of [0, 2])
      expect([...jsonPieces(document, space)].join('')).toBe(JSON.stringify(document, null, space))
  })
})

/** What a large text writes, with each batch copied as the sink receives it (its memory is reused). */
async function written(text: LargeText): Promise<{ text: string; batches: number }> {
  const copies: Buffer[] = []
  await text(async (batch) => {
    copies.push(Buffer.from(batch))
    await new Promise((resolve) => setImmediate(resolve)) // a slow sink: the next batch is filled meanwhile
  })
  return { text: Buffer.concat(copies).toString('utf8'), batches: copies.length }
}

describe('jsonPieces with long streamed arrays', () => {
  it('writes what JSON.stringify writes when the elements take many calls, nested streamed arrays included', () => {
    const next = random(7)
    for (const space of [0, 2, 4]) {
      const rows = Array.from({ length: 3000 }, (_, i) =>
        i % 97 === 0
          ? new StreamedArray(() => Array.from({ length: 400 }, (_, j) => ({ j, text: '😀é"\n' })))
          : randomValue(next, 1)
      )
      const document = { outer: [{ rows: new StreamedArray(() => rows) }], after: 1 }
      expect([...jsonPieces(document, space)].join('')).toBe(JSON.stringify(document, null, space))
    }
  })
})

describe('writeUtf8 and jsonFile', () => {
  it('write the UTF-8 of the whole text, in order, in batches of at most the size asked for', async () => {
    const pieces = [...Array.from({ length: 1000 }, (_, i) => `${i}é😀,`), `a${'😀'.repeat(500)}`]
    const sizes: number[] = []
    const result = await written((sink) =>
      writeUtf8(
        pieces,
        (batch) => {
          sizes.push(batch.length)
          return sink(batch)
        },
        120
      )
    )
    expect(result.text).toBe(pieces.join(''))
    expect(result.batches).toBeGreaterThan(50)
    expect(Math.max(...sizes)).toBeLessThanOrEqual(120)
  })

  it('stops at the first batch the sink refuses, and reports it', async () => {
    let calls = 0
    const failing = writeUtf8(
      Array.from({ length: 100 }, () => 'x'.repeat(50)),
      async () => {
        calls++
        if (calls === 2) throw new Error('disk full')
      },
      300
    )
    await expect(failing).rejects.toThrow('disk full')
    expect(calls).toBe(2)
  })

  it('write findings.json as JSON.stringify of the findings document, and a newline', async () => {
    const outcomes = sampleOutcomes()
    const findings = outcomes.flatMap((outcome) => outcome.findings)
    const document = toFindingsDocument(
      outcomes,
      findings,
      decide(findings, {
        failOnSeverity: 'HIGH',
        onlyNew: false,
        configurationErrors: []
      })
    )
    const { text } = await written(jsonFile(document, 2))
    expect(text).toBe(`${JSON.stringify(document, null, 2)}\n`)
    expect((JSON.parse(text) as { findings: unknown[] }).findings).toHaveLength(findings.length)
  })
})

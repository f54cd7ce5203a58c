// Generated YAML documents for the differential tests of src/manifests/kube-yaml.ts: block maps
// and sequences holding the scalar spellings where readers disagree most (multi-line plain and
// quoted scalars, escapes, one-line and multi-line flow collections, comments, odd indentation),
// with random characters, many of them YAML indicators. Seeded, so every run reads the same
// texts; most are valid YAML, some are not, and both kinds must be read (or refused) as
// sigs.k8s.io/yaml does.
import { random as seededRandom } from '../harness/random.js'

const WORDS = ['web', 'a b', '1', '0x1F', 'yes', 'null', '~', '1.5', '-x', 'v1.2', '2024-01-02']
const ODD = [...':#,[]{}\'"-?!&*|>%@`\\ .x0']
const ESCAPES = [
  '\\n',
  '\\t',
  '\\\\',
  '\\"',
  '\\x41',
  '\\u00e9',
  '\\0',
  '\\ ',
  '\\q',
  '\\/',
  '\\ud800'
]

/**
 * `count` documents from `seed`. One known difference is not generated: a `:` inside a plain
 * scalar of a flow collection before `,`, `]` or `}` (`[x:]`) is part of the scalar for go-yaml
 * and a value indicator for the yaml package, which the reader keeps (documented in
 * docs/security.md).
 */
export function generatedDocuments(count: number, seed = 17): string[] {
  const random = seededRandom(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const chance = (p: number) => random() < p

  /** A few characters, mostly letters, sometimes indicators. */
  const fragment = () => {
    let text = pick(WORDS)
    while (chance(0.4)) text += chance(0.5) ? pick(ODD) : pick(WORDS)
    return text
  }
  /** The line break and indentation a continuation line starts with (sometimes too little). */
  const breakAt = (column: number) =>
    `${chance(0.2) ? '\n'.repeat(1 + Math.floor(random() * 2)) : ''}\n${' '.repeat(Math.max(0, column + Math.floor(random() * 4) - (chance(0.15) ? 2 : 0)))}`
  const multiLine = (column: number, parts: string[]) =>
    parts.map((part, i) => (i === 0 ? part : `${chance(0.6) ? breakAt(column) : ' '}${part}`))

  const plain = (column: number) => {
    const parts = Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
      chance(0.85) ? pick(WORDS) : fragment()
    )
    return multiLine(column + 1, parts).join('')
  }
  const doubleQuoted = (column: number) => {
    const parts = Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
      chance(0.3) ? `${fragment().replace(/["\\]/g, '')}${pick(ESCAPES)}` : pick(WORDS)
    )
    const escapedBreak = chance(0.2) ? ' \\' : ''
    return `"${multiLine(column + 1, parts).join(escapedBreak)}${chance(0.1) ? ' ' : ''}"`
  }
  const singleQuoted = (column: number) => {
    const parts = Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
      chance(0.2) ? `${pick(WORDS)}''` : pick(WORDS)
    )
    return `'${multiLine(column + 1, parts).join('')}'`
  }
  const flow = (column: number, depth = 0): string => {
    const map = chance(0.5)
    const entries = Array.from({ length: Math.floor(random() * 4) }, () => {
      const value =
        depth < 2 && chance(0.25)
          ? flow(column, depth + 1)
          : chance(0.2)
            ? `"${pick(WORDS)}"`
            : chance(0.1)
              ? fragment().replaceAll(':', '') // see below
              : pick(WORDS)
      const key = chance(0.15) ? `"${pick(WORDS)}"` : pick(['app', 'tier', 'k', 'a b'])
      return map ? `${key}:${chance(0.9) ? ' ' : ''}${value}` : value
    })
    const separator = () => (chance(0.1) ? breakAt(column + 1) : '') + (chance(0.8) ? ', ' : ',')
    const inner = entries.map((entry, i) => (i === 0 ? entry : `${separator()}${entry}`)).join('')
    const pad = chance(0.2) ? ' ' : ''
    return map ? `{${pad}${inner}${pad}}` : `[${pad}${inner}${chance(0.05) ? ',' : ''}${pad}]`
  }
  const scalar = (column: number) => {
    const kind = random()
    const value =
      kind < 0.3
        ? plain(column)
        : kind < 0.55
          ? doubleQuoted(column)
          : kind < 0.7
            ? singleQuoted(column)
            : flow(column)
    return chance(0.1) ? `${value} # ${fragment()}` : value
  }

  /** A block map at `column` whose keys hold scalars, flows and nested collections. */
  const blockMap = (column: number, depth: number): string => {
    const lines: string[] = []
    const keys = 1 + Math.floor(random() * 4)
    for (let k = 0; k < keys; k++) {
      const key = pick(['name', 'image', 'labels', 'args', 'description', 'value', 'x'])
      const indent = ' '.repeat(column)
      if (depth < 3 && chance(0.3)) {
        lines.push(`${indent}${key}:`)
        lines.push(
          chance(0.5) ? blockMap(column + 2, depth + 1) : blockSequence(column + 2, depth + 1)
        )
      } else lines.push(`${indent}${key}: ${scalar(column)}`)
      if (chance(0.1))
        lines.push(`${' '.repeat(Math.floor(random() * (column + 3)))}# ${fragment()}`)
    }
    return lines.join('\n')
  }
  const blockSequence = (column: number, depth: number): string => {
    const lines: string[] = []
    const items = 1 + Math.floor(random() * 3)
    for (let i = 0; i < items; i++) {
      const indent = ' '.repeat(column)
      if (depth < 3 && chance(0.3))
        lines.push(`${indent}- ${blockMap(column + 2, depth + 1).slice(column + 2)}`)
      else lines.push(`${indent}- ${scalar(column)}`)
    }
    return lines.join('\n')
  }

  return Array.from({ length: count }, () => `${blockMap(0, 0)}\n`)
}

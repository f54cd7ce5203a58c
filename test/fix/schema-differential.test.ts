// Differential test: src/fix/schema.ts against the real thing, .tools/bin/k8s-decode
// (tools/prometheus/k8s-decode: the strict universal deserializer of client-go's scheme, the
// client-go version the schema is generated from). For every document of the generated corpus
// both must agree on whether Kubernetes accepts it, and on the paths of unknown fields.
import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { schemaErrors } from '../../src/fix/schema.js'
import { hasTool, requireTool } from '../harness/paths.js'
import { schemaCorpus } from './schema-corpus.js'

interface GoDocument {
  doc: number
  errors?: string[]
}

describe.skipIf(!hasTool('k8s-decode') && !process.env.HARNESS_REQUIRE_TOOLS)(
  'the schema validator agrees with Kubernetes strict decoding',
  () => {
    const corpus = schemaCorpus()

    it('accepts and refuses the same documents of the corpus', () => {
      const output = execFileSync(requireTool('k8s-decode'), [], {
        input: corpus.map((doc) => doc.text).join('---\n'),
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024
      })
      const theirs = output
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as GoDocument)
      expect(theirs).toHaveLength(corpus.length)

      const mismatches: string[] = []
      let refused = 0
      corpus.forEach((doc, i) => {
        const ours = schemaErrors(doc.text)
        const reference = theirs[i]!.errors ?? []
        if (reference.length > 0) refused++
        // When Kubernetes refuses only unknown fields, it lists them all: the paths must match.
        const unknown = reference.map((error) => /^unknown field "(.*)"$/.exec(error)?.[1])
        const samePaths =
          reference.length === 0 ||
          unknown.includes(undefined) ||
          same(
            ours.map((error) => /^(.*): unknown field$/.exec(error)?.[1]),
            unknown
          )
        if (ours.length > 0 !== reference.length > 0 || !samePaths)
          mismatches.push(
            `${doc.name}: ours ${JSON.stringify(ours)} / Kubernetes ${JSON.stringify(reference)}`
          )
      })
      // A corpus of both kinds, or agreement proves little.
      expect(corpus.length).toBeGreaterThan(5000)
      expect(refused).toBeGreaterThan(corpus.length / 4)
      expect(corpus.length - refused).toBeGreaterThan(corpus.length / 10)
      expect(mismatches.slice(0, 50), `${mismatches.length} mismatches`).toEqual([])
    }, 600_000)
  }
)

const same = (a: (string | undefined)[], b: (string | undefined)[]) =>
  JSON.stringify([...a].sort()) === JSON.stringify([...b].sort())

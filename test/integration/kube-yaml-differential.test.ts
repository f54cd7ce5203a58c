// Differential test: src/manifests/kube-yaml.ts against the real thing, .tools/bin/k8s-yaml
// (tools/k8s-yaml: apimachinery's YAMLReader + sigs.k8s.io/yaml's YAMLToJSON, the versions
// Gatekeeper v3.23.1 uses). Every document of the generated corpus must give the same JSON value,
// or be refused by both.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readKubeYaml } from '../../src/manifests/kube-yaml.js'
import { hasTool, requireTool } from '../harness/paths.js'
import { kubeYamlCorpus } from './kube-yaml-corpus.js'

interface GoDocument {
  file: string
  doc: number
  json?: unknown
  error?: string
}

/** What a document reads as: its value, or the fact that it is refused. */
type Reading = { value: unknown } | { refused: string }

const work = mkdtempSync(path.join(os.tmpdir(), 'kube-yaml-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe.skipIf(!hasTool('k8s-yaml') && !process.env.HARNESS_REQUIRE_TOOLS)(
  'kube-yaml reads YAML as sigs.k8s.io/yaml does',
  () => {
    const corpus = kubeYamlCorpus()

    it('gives the same JSON, or the same refusal, for every document of the corpus', () => {
      const tool = requireTool('k8s-yaml')
      const paths = corpus.map((file) => {
        const target = path.join(work, file.name)
        const bytes = Buffer.from(file.text, file.utf16 ? 'utf16le' : 'utf8')
        writeFileSync(target, file.utf16 === 'be' ? bytes.swap16() : bytes)
        return target
      })
      const output = execFileSync(tool, paths, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
      const theirs = new Map<string, Reading[]>()
      for (const line of output.split('\n').filter(Boolean)) {
        const doc = JSON.parse(line) as GoDocument
        const name = path.basename(doc.file)
        const list = theirs.get(name) ?? []
        list[doc.doc] = doc.error === undefined ? { value: doc.json } : { refused: doc.error }
        theirs.set(name, list)
      }

      let documents = 0
      const mismatches: string[] = []
      for (const file of corpus) {
        const ours: Reading[] = [...readKubeYaml(file.text, { split: !file.utf16 })].map((doc) =>
          doc.error ? { refused: doc.error.message } : { value: doc.value }
        )
        const expected = theirs.get(file.name) ?? []
        documents += expected.length
        for (let i = 0; i < Math.max(ours.length, expected.length); i++) {
          if (!same(ours[i], expected[i])) {
            const text = file.text.split(/^---\n/m)[i] ?? file.text
            mismatches.push(
              `${file.name} #${i}: ours ${show(ours[i])} / sigs.k8s.io/yaml ${show(expected[i])}\n  ${JSON.stringify(text.slice(0, 300))}`
            )
          }
        }
      }
      expect(documents).toBeGreaterThan(2000)
      expect(mismatches, mismatches.join('\n')).toEqual([])
    })
  }
)

function same(ours: Reading | undefined, theirs: Reading | undefined): boolean {
  if (!ours || !theirs) return ours === theirs
  if ('refused' in ours || 'refused' in theirs) return 'refused' in ours && 'refused' in theirs
  try {
    expect(ours.value).toStrictEqual(theirs.value)
    return true
  } catch {
    return false
  }
}

function show(reading: Reading | undefined): string {
  if (!reading) return 'nothing'
  return 'refused' in reading ? `refused (${reading.refused})` : JSON.stringify(reading.value)
}

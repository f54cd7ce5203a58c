// What the reader made of a text, for tests that compare two ways of reading the same text
// (kube-yaml-pieces.test.ts, kube-yaml-simple.test.ts): each document's start, value (key order
// included) or refusal, and the line of every field.
import type { KubeDocument } from '../../src/manifests/kube-yaml.js'

/** Every field path of a value, intermediate ones included, and a few that do not exist. */
export function paths(
  value: unknown,
  prefix: Array<string | number> = []
): Array<Array<string | number>> {
  const here = [prefix, [...prefix, 'missing'], [...prefix, 99999], [...prefix, -1]]
  if (Array.isArray(value))
    return [...here, ...value.flatMap((item, index) => paths(item, [...prefix, index]))]
  if (typeof value === 'object' && value !== null)
    return [
      ...here,
      ...Object.entries(value).flatMap(([key, item]) => paths(item, [...prefix, key]))
    ]
  return here
}

export function reading(documents: KubeDocument[]) {
  return documents.map((document) => ({
    line: document.line,
    value: document.value,
    json: JSON.stringify(document.value),
    error: document.error,
    lines: paths(document.value).map((path) => [path.join('.'), document.lineOf(path)])
  }))
}

import { readFile } from 'node:fs/promises'
import { ConfigError } from '../errors.js'
import { withFields, type Finding } from './model.js'

/** Fingerprints from an earlier run's findings file (our `findings-file` output). */
export async function loadBaseline(file: string): Promise<Set<string>> {
  let parsed: unknown
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'))
  } catch (error) {
    throw new ConfigError(
      `Baseline ${file} cannot be read as a findings file: ${(error as Error).message}`
    )
  }
  const findings = (parsed as { findings?: Array<{ fingerprint?: unknown }> }).findings
  if (!Array.isArray(findings)) throw new ConfigError(`Baseline ${file} has no 'findings' list.`)
  return new Set(findings.map((finding) => String(finding.fingerprint)))
}

/** Marks each finding new or existing relative to the baseline. */
export function markNew(findings: Finding[], baseline: Set<string>): Finding[] {
  return findings.map((finding) =>
    withFields(finding, { isNew: !baseline.has(finding.fingerprint) })
  )
}

// What the next fleet run compares with. A run's report artifact keeps, per repository, its name
// and its open findings reduced to fingerprint, rule and severity: a findings.json the reader
// takes as it takes a full one, at about a fifth of the bytes, so the comparison with the
// previous run costs a fraction of reading every repository's findings again.
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { FINDINGS_FILE, MARKER_FILE, type FindingsSummary, type RepositoryDir } from './read.js'

/** Writes `<outputDir>/<directory>/{repository.json,findings.json}` for one repository. */
export async function saveComparisonState(
  outputDir: string,
  dir: RepositoryDir,
  summary: FindingsSummary | undefined
): Promise<void> {
  // `directory` is one entry of a directory listing: never empty, `.`, `..` or a path.
  const target = path.join(outputDir, dir.directory)
  await mkdir(target, { recursive: true })
  await writeFile(path.join(target, MARKER_FILE), `${JSON.stringify({ repository: dir.name })}\n`)
  // An unreadable repository leaves no findings.json: the next run says so for its comparison.
  if (!summary) return
  const verdict = summary.gate === 'unknown' ? {} : { failed: summary.gate === 'fail' }
  const head = JSON.stringify({ schemaVersion: 1, ...verdict, reasons: summary.reasons })
  const findings = summary.openFindings.map((finding) => JSON.stringify(finding)).join(',\n')
  await writeFile(
    path.join(target, FINDINGS_FILE),
    `${head.slice(0, -1)},"findings":[\n${findings}\n]}\n`
  )
}

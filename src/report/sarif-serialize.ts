// The SARIF text, within GitHub's 10 MB (gzip) upload limit, written and compressed result by
// result: at 100k results the text is over 40 MB, and neither it nor the result objects are ever
// held whole.
import { once } from 'node:events'
import { createGzip } from 'node:zlib'
import type { Finding } from '../findings/model.js'
import { severityRank } from '../findings/severity.js'
import { jsonPieces, StreamedArray, writeUtf8 } from './json-stream.js'
import type { LineHashIndex } from './line-hash.js'
import { openOutputFile } from './output-files.js'
import {
  GITHUB_LIMITS,
  SARIF_HEADER,
  type SarifLog,
  type SarifResult,
  type SarifRun
} from './sarif-types.js'

/** A run as planned: everything but its results, and the findings its results are made from. */
export interface PlannedRun {
  run: Omit<SarifRun, 'results'>
  findings: Finding[]
  result(finding: Finding, lineHashes?: LineHashIndex): SarifResult
}

export interface SerializedSarif {
  /** gzip of the compact JSON (results.sarif without its final newline): what the upload API receives. */
  gzip: Buffer
  /** One message per reduction applied to fit the limit. */
  warnings: string[]
}

/**
 * Level 3 instead of zlib's default 6: on 100k results (42 MB of JSON) it took 150 ms instead of
 * 410 ms for a file 9 % larger (4.5 MB instead of 4.15 MB), far inside GitHub's 10 MB.
 */
const GZIP_LEVEL = 3

/** The log the runs make, with each run's results made from its findings as they are written. */
export function sarifLog(
  runs: PlannedRun[],
  lineHashes?: LineHashIndex
): Omit<SarifLog, 'runs'> & { runs: unknown[] } {
  return {
    ...SARIF_HEADER,
    runs: runs.map(({ run, findings, result }) => ({
      ...run,
      results: new StreamedArray(function* () {
        for (const finding of findings) yield result(finding, lineHashes)
      })
    }))
  }
}

/**
 * Writes the log to `file` (compact JSON and a newline; none given: only compresses it) and
 * returns its gzip. When the gzip exceeds GitHub's 10 MB, removes the least severe results of the
 * largest run (a quarter at a time) and writes it again until it fits, with a warning.
 */
export async function serializeSarif(
  runs: PlannedRun[],
  {
    lineHashes,
    file,
    maxGzipBytes = GITHUB_LIMITS.gzipBytes
  }: { lineHashes?: LineHashIndex; file?: string | undefined; maxGzipBytes?: number } = {}
): Promise<SerializedSarif> {
  const warnings: string[] = []
  let current = runs
  let gzip = await write(sarifLog(current, lineHashes), file)
  while (gzip.length > maxGzipBytes) {
    const largest = [...current].sort((a, b) => b.findings.length - a.findings.length)[0]
    if (!largest || largest.findings.length === 0) {
      warnings.push(
        `The SARIF is ${gzip.length} bytes gzipped even without results; GitHub accepts at most ${maxGzipBytes}.`
      )
      break
    }
    const kept = mostSevere(largest.findings, Math.floor((largest.findings.length * 3) / 4))
    current = current.map((planned) =>
      planned === largest ? { ...planned, findings: kept } : planned
    )
    gzip = await write(sarifLog(current, lineHashes), file)
  }
  current.forEach((planned, index) => {
    const before = runs[index]!.findings.length
    if (planned.findings.length < before)
      warnings.push(
        `GitHub accepts at most ${maxGzipBytes} bytes of gzipped SARIF; the ${planned.run.automationDetails.id} run keeps the ${planned.findings.length} most severe of ${before} results (all stay in findings.json).`
      )
  })
  return { gzip, warnings }
}

/** The `keep` most severe findings (unsuppressed before suppressed), in their original order. */
function mostSevere(findings: Finding[], keep: number): Finding[] {
  return findings
    .map((finding, index) => ({ finding, index, rank: severityRank(finding.severity) }))
    .sort(
      (a, b) =>
        b.rank - a.rank ||
        Number(Boolean(a.finding.suppression)) - Number(Boolean(b.finding.suppression)) ||
        a.index - b.index
    )
    .slice(0, keep)
    .sort((a, b) => a.index - b.index)
    .map((entry) => entry.finding)
}

/** Writes the JSON in batches to the file and through gzip at once; returns the gzip. */
async function write(log: unknown, file: string | undefined): Promise<Buffer> {
  const handle = file ? await openOutputFile(file) : undefined
  const gzip = createGzip({ level: GZIP_LEVEL })
  const compressed: Buffer[] = []
  gzip.on('data', (part: Buffer) => compressed.push(part))
  const ended = once(gzip, 'end')
  ended.catch(() => {}) // awaited once all is written; a failed write destroys gzip first
  // zlib calls back once it has read the whole batch: then the batch's buffer can be reused.
  const compress = (batch: Buffer) =>
    new Promise<void>((resolve, reject) =>
      gzip.write(batch, (error) => (error ? reject(error) : resolve()))
    )
  try {
    await writeUtf8(jsonPieces(log), (batch) =>
      Promise.all([handle?.writeFile(batch), compress(batch)])
    )
    gzip.end()
    await ended
    await handle?.writeFile('\n')
  } finally {
    gzip.destroy()
    await handle?.close()
  }
  return Buffer.concat(compressed)
}

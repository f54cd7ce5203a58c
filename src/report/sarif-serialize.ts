// The SARIF text, within GitHub's 10 MB (gzip) upload limit.
import { promisify } from 'node:util'
import { gzip as gzipCallback } from 'node:zlib'
import { severityRank, type Severity } from '../findings/severity.js'
import { GITHUB_LIMITS, type SarifLog, type SarifResult } from './sarif-types.js'

/**
 * Level 3 instead of zlib's default 6: on 100k results (42 MB of JSON) it took 150 ms instead of
 * 410 ms for a file 9 % larger (4.5 MB instead of 4.15 MB), far inside GitHub's 10 MB.
 */
const gzipAsync = (text: string): Promise<Buffer> => promisify(gzipCallback)(text, { level: 3 })

export interface SerializedSarif {
  /**
   * The log as written to results.sarif: compact JSON, the same text that is gzipped for the
   * upload (serialising a second, indented copy cost a third of the SARIF stage at 100k results).
   */
  json: string
  /** gzip of the compact JSON: what the upload API receives (base64-encoded). */
  gzip: Buffer
  /** One message per reduction applied to fit the limit. */
  warnings: string[]
}

/**
 * Serialises the log; when its gzip exceeds GitHub's 10 MB, removes the least severe results of
 * the largest run (a quarter at a time) until it fits, with a warning. The log is not mutated.
 */
export async function serializeSarif(
  log: SarifLog,
  maxGzipBytes = GITHUB_LIMITS.gzipBytes
): Promise<SerializedSarif> {
  const warnings: string[] = []
  let current: SarifLog = log
  let json = JSON.stringify(current)
  let gzip = await gzipAsync(json)
  const original = new Map(log.runs.map((run) => [run.automationDetails.id, run.results.length]))
  while (gzip.length > maxGzipBytes) {
    const largest = [...current.runs].sort((a, b) => b.results.length - a.results.length)[0]
    if (!largest || largest.results.length === 0) {
      warnings.push(
        `The SARIF is ${gzip.length} bytes gzipped even without results; GitHub accepts at most ${maxGzipBytes}.`
      )
      break
    }
    const keep = Math.floor((largest.results.length * 3) / 4)
    const order = SEVERITY_ORDER
    const kept = largest.results
      .map((result, index) => ({ result, index }))
      .sort(
        (a, b) =>
          order(b.result) - order(a.result) ||
          Number(Boolean(a.result.suppressions)) - Number(Boolean(b.result.suppressions)) ||
          a.index - b.index
      )
      .slice(0, keep)
      .sort((a, b) => a.index - b.index)
      .map((entry) => entry.result)
    current = {
      ...current,
      runs: current.runs.map((run) => (run === largest ? { ...run, results: kept } : run))
    }
    json = JSON.stringify(current)
    gzip = await gzipAsync(json)
  }
  for (const run of current.runs) {
    const before = original.get(run.automationDetails.id) ?? run.results.length
    if (run.results.length < before)
      warnings.push(
        `GitHub accepts at most ${maxGzipBytes} bytes of gzipped SARIF; the ${run.automationDetails.id} run keeps the ${run.results.length} most severe of ${before} results (all stay in findings.json).`
      )
  }
  return { json: `${json}\n`, gzip, warnings }
}

const SEVERITY_ORDER = (result: SarifResult): number =>
  severityRank((result.properties.severity as Severity | undefined) ?? 'UNKNOWN')

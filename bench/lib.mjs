// Shared helpers for the benchmarks: timing a command with its peak memory (GNU time), medians,
// and printing ratios. Benchmarks print; they never assert (machines are noisy).
import { spawnSync } from 'node:child_process'

/** Runs a command once; returns wall seconds and peak RSS in MiB (from /usr/bin/time -f). */
export function measure(command, args, options = {}) {
  const started = process.hrtime.bigint()
  const result = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options
  })
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  const lines = result.stderr.trim().split('\n')
  const kib = Number(lines.at(-1))
  if (result.error) throw result.error
  if (!options.okExitCodes?.includes(result.status ?? -1) && result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${lines.slice(-5).join('\n')}`)
  }
  return { seconds, peakMiB: kib / 1024, stdout: result.stdout }
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** Runs each contender `rounds` times, interleaved (A B C A B C ...), and returns medians. */
export function compare(contenders, rounds) {
  const samples = new Map(contenders.map((c) => [c.name, []]))
  for (let round = 0; round < rounds; round++) {
    for (const contender of contenders) samples.get(contender.name).push(contender.run())
  }
  return contenders.map((c) => {
    const runs = samples.get(c.name)
    return {
      name: c.name,
      seconds: median(runs.map((r) => r.seconds)),
      peakMiB: Math.max(...runs.map((r) => r.peakMiB ?? 0)),
      // What the last run reported doing (e.g. violations found), when the contender says how to read it.
      ...(c.work ? { work: c.work(runs.at(-1).stdout) } : {})
    }
  })
}

export function table(rows, columns) {
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)))
  const line = (cells) => cells.map((cell, i) => String(cell).padEnd(widths[i])).join('  ')
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => r[c])))].join('\n')
}

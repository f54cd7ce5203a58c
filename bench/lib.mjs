// Shared helpers for the benchmarks: timing a command with its peak memory (GNU time), medians,
// and printing ratios. Benchmarks print; they never assert (machines are noisy).
import { spawnSync } from 'node:child_process'
import { closeSync, openSync, readSync } from 'node:fs'
import os from 'node:os'

/**
 * Runs a command once; returns wall seconds, CPU seconds (user + system, its waited-for children
 * included: steadier than wall time on a loaded machine) and peak RSS in MiB (from
 * /usr/bin/time -f). With
 * `stdoutFile`, standard output goes to that file instead of memory (gator's JSON for 50,000
 * resources is larger than the longest string Node can hold).
 */
export function measure(command, args, options = {}) {
  const { stdoutFile, okExitCodes, ...spawnOptions } = options
  const out = stdoutFile ? openSync(stdoutFile, 'w') : 'pipe'
  const started = process.hrtime.bigint()
  const result = spawnSync('/usr/bin/time', ['-f', '%U %S %M', command, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', out, 'pipe'],
    ...spawnOptions
  })
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  if (stdoutFile) closeSync(out)
  const lines = result.stderr.trim().split('\n')
  const [user, system, kib] = lines.at(-1).split(' ').map(Number)
  if (result.error) throw result.error
  if (!okExitCodes?.includes(result.status ?? -1) && result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${lines.slice(-5).join('\n')}`)
  }
  return { seconds, cpuSeconds: user + system, peakMiB: kib / 1024, stdout: stdoutFile ? undefined : result.stdout }
}

/** How many times `needle` occurs in a file of any size, read in chunks. */
export function countInFile(file, needle) {
  const fd = openSync(file, 'r')
  const buffer = Buffer.alloc(1 << 20)
  let count = 0
  let carry = ''
  try {
    for (let read; (read = readSync(fd, buffer, 0, buffer.length, null)) > 0; ) {
      const text = carry + buffer.toString('latin1', 0, read)
      for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) count++
      // Keep the tail that could hold the start of a needle split across chunks (too short to
      // hold a whole one, so nothing is counted twice).
      carry = text.slice(Math.max(0, text.length - needle.length + 1))
    }
  } finally {
    closeSync(fd)
  }
  return count
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** Runs each contender `rounds` times, interleaved (A B C A B C ...), and returns medians. */
/** A ratio is not reported when the load average moved more than this during a contender's run. */
export const MAX_LOAD_SHIFT = 0.5
export const loadAverage = () => os.loadavg()[0]

export function compare(contenders, rounds) {
  const samples = new Map(contenders.map((c) => [c.name, []]))
  for (let round = 0; round < rounds; round++) {
    for (const contender of contenders) {
      const loadBefore = loadAverage()
      const run = contender.run()
      samples.get(contender.name).push({ ...run, loadBefore, loadAfter: loadAverage() })
    }
  }
  return contenders.map((c) => {
    const runs = samples.get(c.name)
    return {
      name: c.name,
      seconds: median(runs.map((r) => r.seconds)),
      cpuSeconds: median(runs.map((r) => r.cpuSeconds)),
      peakMiB: Math.max(...runs.map((r) => r.peakMiB ?? 0)),
      // The load average before its first run and after its last, and the most it moved in a run.
      load: { before: runs[0].loadBefore, after: runs.at(-1).loadAfter, moved: Math.max(...runs.map((r) => Math.abs(r.loadAfter - r.loadBefore))) },
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

// Shared helpers for the benchmarks: timing a command with its peak memory (GNU time), medians,
// and printing ratios. Benchmarks print; they never assert (machines are noisy).
import { spawnSync } from 'node:child_process'
import { closeSync, openSync, readFileSync, readSync } from 'node:fs'
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
  const busyBefore = machineBusySeconds()
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
  const cpuSeconds = user + system
  // What the rest of the machine ran meanwhile, in cores: all CPU time spent minus the command's.
  const othersCores = busyBefore === undefined ? undefined : Math.max(0, (machineBusySeconds() - busyBefore - cpuSeconds) / seconds)
  return { seconds, cpuSeconds, peakMiB: kib / 1024, othersCores, stdout: stdoutFile ? undefined : result.stdout }
}

/** CPU seconds the whole machine has spent busy since boot (/proc/stat; undefined elsewhere). */
function machineBusySeconds() {
  try {
    const [, user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'latin1').split('\n', 1)[0].trim().split(/\s+/).map(Number)
    return (user + nice + system + irq + softirq + steal) / 100 // USER_HZ is 100 on Linux
  } catch {
    return undefined
  }
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

/**
 * A busy machine slows contenders unevenly, so no ratio is reported when the load average moved
 * more than MAX_LOAD_SHIFT during a contender's run, unless other processes used at most
 * MAX_OTHERS_CORES meanwhile (read from /proc/stat): over a run of minutes the load average also
 * moves with the contender's own cores (gator's one after conftest's two), which is not a busy
 * machine. (Over a run of a second, /proc/stat's 10 ms ticks are too coarse to say more than the
 * load average does.)
 */
export const MAX_LOAD_SHIFT = 0.5
/**
 * The most CPU, in cores, other processes may use during a run whose load average moved: 0.15
 * (deleting 3 GB of files) slowed the engine by 40 % at 50,000 resources.
 */
export const MAX_OTHERS_CORES = 0.1
export const loadAverage = () => os.loadavg()[0]

/** Whether a contender's runs were undisturbed, and what was seen when the load moved. */
export function steadiness(result) {
  const { moved, others } = result.load
  if (moved <= MAX_LOAD_SHIFT) return { steady: true }
  const seen = `the load average moved ${moved.toFixed(2)} (more than ${MAX_LOAD_SHIFT})`
  if (others === undefined) return { steady: false, note: seen }
  return others <= MAX_OTHERS_CORES
    ? { steady: true, note: `${seen}, by the contender itself: other processes used ${others.toFixed(2)} cores` }
    : { steady: false, note: `${seen} and other processes used ${others.toFixed(2)} cores (at most ${MAX_OTHERS_CORES})` }
}

/** Runs each contender `rounds` times, interleaved (A B C A B C ...), and returns medians. */
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
      // The load average before its first run and after its last, the most it moved in a run, and
      // the most other processes used in a run, in cores (undefined without /proc/stat).
      load: {
        before: runs[0].loadBefore,
        after: runs.at(-1).loadAfter,
        moved: Math.max(...runs.map((r) => Math.abs(r.loadAfter - r.loadBefore))),
        others: runs.some((r) => r.othersCores === undefined) ? undefined : Math.max(...runs.map((r) => r.othersCores))
      },
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

// What one warm run of the action spends its time on, for bench/action.bench-run.ts with
// BENCH_ACTION_PROFILE set: every process it starts (from `strace -f -e trace=execve`), when each
// started and how long it lived, and where Node's own CPU went (from `node --cpu-prof`).
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

interface ProcessSpan {
  pid: string
  command: string
  start: number
  end?: number
}

const clock = (time: string) => {
  const [h, m, s] = time.split(':').map(Number)
  return h! * 3600 + m! * 60 + s!
}

/** The processes in an `strace -f -tt -e trace=execve` log, as lines of start, duration and command. */
export function processTimeline(straceLog: string): string[] {
  const spans = new Map<string, ProcessSpan>()
  let origin: number | undefined
  for (const line of straceLog.split('\n')) {
    const match = /^(\d+)\s+(\d\d:\d\d:\d\d\.\d+) (.*)$/.exec(line)
    if (!match) continue
    const [, pid, time, event] = match
    const at = clock(time!)
    origin ??= at
    const exec = /^execve\("([^"]*)", \[(.*?)\]/.exec(event!)
    // Failed attempts (a PATH search) end in `= -1 ...`; with -f a call may end on a later line.
    if (exec && !/= -1 /.test(event!)) {
      const args = [...exec[2]!.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map(([, arg]) => arg!)
      const command = [path.basename(exec[1]!), ...args.slice(1, 4)].join(' ')
      spans.set(pid!, { pid: pid!, command: command.slice(0, 90), start: at - origin })
    } else if (/^\+\+\+ (exited|killed)/.test(event!)) {
      const span = spans.get(pid!)
      if (span) span.end = at - origin
    }
  }
  return [...spans.values()].map(
    (span) =>
      `  +${span.start.toFixed(2)} s  ${span.end === undefined ? '   ?  ' : `${(span.end - span.start).toFixed(2)} s`}  ${span.command}`
  )
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>
  samples: number[]
  timeDeltas: number[]
}

/** The functions with the most self time in the `.cpuprofile` files of a directory. */
export function topFunctions(profileDir: string, count = 20): string[] {
  const self = new Map<string, number>()
  let total = 0
  for (const file of readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(path.join(profileDir, file), 'utf8')) as CpuProfile
    const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]))
    profile.samples.forEach((id, i) => {
      const frame = frames.get(id)!
      const name = `${frame.functionName || '(anonymous)'} ${path.basename(frame.url)}:${frame.lineNumber + 1}`
      const micros = profile.timeDeltas[i] ?? 0
      self.set(name, (self.get(name) ?? 0) + micros)
      total += micros
    })
  }
  return [
    `  Node's profile: ${(total / 1e6).toFixed(2)} s in all; most self time:`,
    ...[...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, micros]) => `    ${(micros / 1e6).toFixed(3)} s  ${name}`)
  ]
}

import { printable, type Logger } from './log.js'

/**
 * What a run is doing while people wait. The stages report events; a front end decides how they
 * look (a live line on a terminal, one line per stage in a plain log, collapsible groups in the
 * Actions log). No stage knows which front end listens.
 */
export interface Progress {
  /** A stage starts; the one before it, if any, ends. Stage names are ours, never PR text. */
  stage(name: string): void
  /** Adds `n` to a running total, e.g. `files read` or `resources evaluated`. */
  count(kind: string, n: number): void
  /** A tool run the user waits on; `target` may carry PR text (a file name) and is escaped when shown. */
  targetStarted(target: string): void
  targetFinished(target: string, failed?: boolean): void
  /** The run is over: the last stage ends and a live line is cleared. */
  done(): void
}

export const noProgress: Progress = {
  stage: () => {},
  count: () => {},
  targetStarted: () => {},
  targetFinished: () => {},
  done: () => {}
}

/** What the renderers share: the current stage, its counts, the running and finished targets. */
class RunState {
  readonly started = performance.now()
  stageName: string | undefined
  stageStarted = this.started
  /** Totals since the start of the current stage, in the order first reported. */
  counts = new Map<string, number>()
  running: string[] = []
  finished = 0
  failed = 0

  startStage(name: string): void {
    this.stageName = name
    this.stageStarted = performance.now()
    this.counts = new Map()
    // Every tool run of a stage is awaited before the next starts; one that threw is over too.
    this.running = []
    this.finished = 0
    this.failed = 0
  }

  add(kind: string, n: number): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + n)
  }

  start(target: string): void {
    this.running.push(target)
  }

  finish(target: string, failed: boolean): void {
    const index = this.running.indexOf(target)
    if (index !== -1) this.running.splice(index, 1)
    this.finished++
    if (failed) this.failed++
  }

  /** Seconds in the current stage: tenths on a live line, hundredths in a log. */
  stageSeconds(digits = 2, now = performance.now()): string {
    return seconds(now - this.stageStarted, digits)
  }

  totalSeconds(digits = 2, now = performance.now()): string {
    return seconds(now - this.started, digits)
  }

  /** `files read 12, resources evaluated 340, 3 targets (1 failed)`: what the stage did. */
  tally(): string {
    const parts = [...this.counts].map(([kind, n]) => `${kind} ${n}`)
    if (this.finished > 0)
      parts.push(
        `${this.finished} target${this.finished === 1 ? '' : 's'}${this.failed ? ` (${this.failed} failed)` : ''}`
      )
    return parts.join(', ')
  }
}

const seconds = (ms: number, digits: number) => `${(ms / 1000).toFixed(digits)} s`

/** PR text on one line of a terminal or log: escape sequences, line breaks and tabs escaped. */
const oneLine = (text: string) => printable(text, { oneLine: true }).replace(/\t/g, '\\t')

/** The part of a writable stream a live line needs (a fake in tests). */
export interface LineStream {
  write(text: string): unknown
  isTTY?: boolean
  columns?: number
}

/** Carriage return, then erase the whole line (ECMA-48 EL 2). */
const CLEAR_LINE = '\r\u001b[2K'
const REDRAW_MS = 200

/**
 * One line on a terminal, rewritten in place as events arrive and every 200 ms (elapsed time).
 * Written by hand rather than with a library such as log-update: one line that never wraps needs
 * only a carriage return and an erase-line sequence, while log-update brings six packages for
 * wrapping, ANSI-aware slicing and cursor hiding we have no use for (the text is ours or escaped,
 * and cut to the terminal's width), into a CLI whose start-up time is budgeted.
 */
export class LiveLine implements Progress {
  private readonly state = new RunState()
  private readonly timer: ReturnType<typeof setInterval>
  private readonly stages: string[] = []
  private shown = false

  constructor(private readonly stream: LineStream) {
    this.timer = setInterval(() => this.draw(), REDRAW_MS)
    this.timer.unref()
  }

  stage(name: string): void {
    this.closeStage()
    this.state.startStage(name)
    this.draw()
  }

  count(kind: string, n: number): void {
    this.state.add(kind, n)
    this.draw()
  }

  targetStarted(target: string): void {
    this.state.start(oneLine(target))
    this.draw()
  }

  targetFinished(target: string, failed = false): void {
    this.state.finish(oneLine(target), failed)
    this.draw()
  }

  done(): void {
    clearInterval(this.timer)
    this.closeStage()
    this.clear()
    if (this.stages.length > 0)
      this.stream.write(`done in ${this.state.totalSeconds(1)} (${this.stages.join(', ')})\n`)
  }

  /** Prints other output (a warning, a log line) above the live line instead of through it. */
  above(print: () => void): void {
    this.clear()
    print()
    this.draw()
  }

  /** The text of the live line (without the escape sequences that place it). */
  text(now = performance.now()): string {
    const { state } = this
    const parts = [`[${state.totalSeconds(1, now)}] ${state.stageName ?? 'starting'}`]
    const tally = state.tally()
    if (tally) parts.push(tally)
    if (state.running.length > 0) parts.push(`running: ${state.running.join(', ')}`)
    return parts.join(' · ')
  }

  private closeStage(): void {
    if (this.state.stageName)
      this.stages.push(`${this.state.stageName} ${this.state.stageSeconds(1)}`)
  }

  private draw(): void {
    if (!this.state.stageName) return
    // A line longer than the terminal wraps, and the carriage return then rewrites only its tail.
    const width = Math.max(20, (this.stream.columns || 80) - 1)
    const chars = [...this.text()]
    const line = chars.length > width ? `${chars.slice(0, width - 1).join('')}…` : chars.join('')
    this.stream.write(`${CLEAR_LINE}${line}`)
    this.shown = true
  }

  private clear(): void {
    if (!this.shown) return
    this.stream.write(CLEAR_LINE)
    this.shown = false
  }
}

/** The stage-by-stage front ends: the same bookkeeping, told when a stage opens and closes. */
abstract class StageLog implements Progress {
  private readonly state = new RunState()

  stage(name: string): void {
    this.closeStage()
    this.state.startStage(name)
    this.opened(name)
  }

  count(kind: string, n: number): void {
    this.state.add(kind, n)
  }

  targetStarted(target: string): void {
    this.state.start(target)
    this.targetEvent(target, 'started')
  }

  targetFinished(target: string, failed = false): void {
    this.state.finish(target, failed)
    this.targetEvent(target, failed ? 'failed' : 'finished')
  }

  done(): void {
    this.closeStage()
    this.state.stageName = undefined
  }

  protected opened(_name: string): void {}
  protected targetEvent(_target: string, _event: string): void {}
  /** `tally` says what the stage did (`files read 12, 2 targets`), empty when nothing was counted. */
  protected abstract closed(name: string, seconds: string, tally: string): void

  private closeStage(): void {
    const { state } = this
    if (state.stageName) this.closed(state.stageName, state.stageSeconds(), state.tally())
  }
}

/** One line per finished stage, with its duration and what it did: for logs and pipes. */
export class StageLines extends StageLog {
  constructor(private readonly write: (line: string) => void) {
    super()
  }

  protected closed(name: string, seconds: string, tally: string): void {
    this.write(`${name}: ${seconds}${tally ? ` (${tally})` : ''}`)
  }
}

/** The Actions runner's log commands a grouped log needs (`@actions/core` in the action). */
export interface GroupLog {
  startGroup(name: string): void
  endGroup(): void
  /** Must print PR text inertly (no workflow commands): the action's logger does. */
  info(message: string): void
}

/**
 * The action's log: each stage in a collapsible group that ends with its duration, and each
 * target's start and end inside it. Scanners run concurrently, so their lines interleave within
 * the stage's group.
 */
export class StageGroups extends StageLog {
  constructor(private readonly log: GroupLog) {
    super()
  }

  protected opened(name: string): void {
    this.log.startGroup(name)
  }

  protected targetEvent(target: string, event: string): void {
    this.log.info(`${oneLine(target)}: ${event}`)
  }

  protected closed(name: string, seconds: string, tally: string): void {
    this.log.info(`${name} took ${seconds}${tally ? `: ${tally}` : ''}`)
    this.log.endGroup()
  }
}

/** Whether `stream` is a person's terminal: a TTY, not CI, and a terminal that understands escapes. */
export function isLiveTerminal(stream: LineStream, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && env.CI !== 'true' && env.TERM !== 'dumb'
}

/**
 * The CLI's front end on standard error: the live line on a terminal, stage lines elsewhere.
 * The returned logger prints above the live line so the two never overwrite each other.
 */
export function cliProgress(
  log: Logger,
  stream: LineStream & NodeJS.WritableStream = process.stderr,
  env: NodeJS.ProcessEnv = process.env
): { progress: Progress; log: Logger } {
  if (!isLiveTerminal(stream, env))
    return { progress: new StageLines((line) => stream.write(`${line}\n`)), log }
  const line = new LiveLine(stream)
  return {
    progress: line,
    log: {
      info: (message) => line.above(() => log.info(message)),
      warning: (message) => line.above(() => log.warning(message)),
      debug: (message) => line.above(() => log.debug(message))
    }
  }
}

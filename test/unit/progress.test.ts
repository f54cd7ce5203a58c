/* eslint-disable no-control-regex -- these tests look for escape sequences on purpose */
// The progress front ends: the live terminal line, the plain stage lines and the action's
// groups, each fed the same events the pipeline sends.
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  cliProgress,
  isLiveTerminal,
  LiveLine,
  StageGroups,
  StageLines,
  type Progress
} from '../../src/progress.js'

/** A terminal that records every write. */
function fakeTerminal(columns = 200) {
  const writes: string[] = []
  return { writes, isTTY: true, columns, write: (text: string) => writes.push(text) }
}

/** What a scan sends: stages, counts and Trivy targets (one with an escape sequence in its name). */
function scanEvents(progress: Progress): void {
  progress.stage('install tools')
  progress.stage('scan')
  progress.count('files read', 3)
  progress.targetStarted('trivy config k8s/evil\u001b[2J\rname.yaml')
  progress.targetStarted('trivy fs .')
  progress.count('resources evaluated', 40)
  progress.targetFinished('trivy fs .')
  progress.targetFinished('trivy config k8s/evil\u001b[2J\rname.yaml', true)
  progress.stage('reports')
  progress.done()
}

afterEach(() => vi.useRealTimers())

describe('LiveLine (a terminal)', () => {
  it('rewrites one line in place with the stage, counts and running targets, then clears it', () => {
    const terminal = fakeTerminal()
    const line = new LiveLine(terminal)
    line.stage('scan')
    line.count('files read', 2)
    line.count('files read', 1)
    line.targetStarted('trivy fs .')
    expect(terminal.writes.at(-1)).toMatch(
      /^\r\u001b\[2K\[\d+\.\d s\] scan · files read 3 · running: trivy fs \.$/
    )
    line.targetFinished('trivy fs .')
    expect(terminal.writes.at(-1)).toMatch(/scan · files read 3, 1 target$/)
    // Every redraw starts at the line's beginning and erases it; none ends it.
    for (const write of terminal.writes) expect(write.startsWith('\r\u001b[2K')).toBe(true)
    line.done()
    expect(terminal.writes.at(-2)).toBe('\r\u001b[2K')
    expect(terminal.writes.at(-1)).toMatch(/^done in \d+\.\d s \(scan \d+\.\d s\)\n$/)
  })

  it('shows escape sequences in target names as text, never sends them', () => {
    const terminal = fakeTerminal()
    scanEvents(new LiveLine(terminal))
    const output = terminal.writes.join('')
    expect(output).toContain('trivy config k8s/evil\\u001b[2J\\u000dname.yaml')
    // The only escape sequence written is our own erase-line, and carriage returns only precede it.
    expect(output.replaceAll('\r\u001b[2K', '')).not.toMatch(/[\u001b\r]/)
    expect(output).toContain('1 failed')
  })

  it('stays within the terminal width, so the carriage return rewrites the whole line', () => {
    const terminal = fakeTerminal(40)
    const line = new LiveLine(terminal)
    line.stage('scan')
    line.targetStarted(`trivy config ${'deep/'.repeat(30)}app.yaml`)
    const shown = terminal.writes.at(-1)!.replace('\r\u001b[2K', '')
    expect([...shown]).toHaveLength(39)
    expect(shown.endsWith('…')).toBe(true)
    line.done()
  })

  it('redraws as time passes, for the elapsed time', () => {
    vi.useFakeTimers()
    const terminal = fakeTerminal()
    const line = new LiveLine(terminal)
    line.stage('scan')
    const drawn = terminal.writes.length
    vi.advanceTimersByTime(1000)
    expect(terminal.writes.length).toBeGreaterThanOrEqual(drawn + 4)
    line.done()
    const after = terminal.writes.length
    vi.advanceTimersByTime(1000)
    expect(terminal.writes).toHaveLength(after)
  })

  it('prints log lines above the live line instead of through it', () => {
    const terminal = fakeTerminal()
    const printed: string[] = []
    const { progress, log } = cliProgress(
      {
        info: (m) => terminal.write(`${m}\n`),
        warning: (m) => terminal.write(`warning: ${m}\n`),
        debug: () => {}
      },
      terminal as unknown as NodeJS.WriteStream,
      {}
    )
    progress.stage('scan')
    log.warning('k8s/bad.yaml: cannot be read')
    printed.push(...terminal.writes.slice(-3))
    expect(printed).toEqual([
      '\r\u001b[2K',
      'warning: k8s/bad.yaml: cannot be read\n',
      expect.stringMatching(/^\r\u001b\[2K\[\d+\.\d s\] scan$/)
    ])
    progress.done()
  })
})

describe('StageLines (not a terminal, or CI)', () => {
  it('writes one line per stage when it ends, with its duration and what it did', () => {
    const lines: string[] = []
    scanEvents(new StageLines((line) => lines.push(line)))
    expect(lines).toHaveLength(3)
    expect(lines[0]).toMatch(/^install tools: \d+\.\d\d s$/)
    expect(lines[1]).toMatch(
      /^scan: \d+\.\d\d s \(files read 3, resources evaluated 40, 2 targets \(1 failed\)\)$/
    )
    expect(lines[2]).toMatch(/^reports: \d+\.\d\d s$/)
    // Target names are not printed at all in this mode.
    expect(lines.join('\n')).not.toContain('evil')
  })
})

describe('StageGroups (the action log)', () => {
  it('puts each stage in a group that ends with its duration, targets inside it', () => {
    const log: string[] = []
    scanEvents(
      new StageGroups({
        startGroup: (name) => log.push(`::group::${name}`),
        endGroup: () => log.push('::endgroup::'),
        info: (message) => log.push(message)
      })
    )
    expect(log.map((line) => line.replace(/\d+\.\d\d s/, 'N s'))).toEqual([
      '::group::install tools',
      'install tools took N s',
      '::endgroup::',
      '::group::scan',
      'trivy config k8s/evil\\u001b[2J\\u000dname.yaml: started',
      'trivy fs .: started',
      'trivy fs .: finished',
      'trivy config k8s/evil\\u001b[2J\\u000dname.yaml: failed',
      'scan took N s: files read 3, resources evaluated 40, 2 targets (1 failed)',
      '::endgroup::',
      '::group::reports',
      'reports took N s',
      '::endgroup::'
    ])
  })
})

describe('isLiveTerminal', () => {
  it('is a terminal only on a TTY, outside CI, with a terminal that takes escapes', () => {
    const tty = { write: () => true, isTTY: true }
    expect(isLiveTerminal(tty, { TERM: 'xterm' })).toBe(true)
    expect(isLiveTerminal(tty, { TERM: 'xterm', CI: 'true' })).toBe(false)
    expect(isLiveTerminal(tty, { TERM: 'dumb' })).toBe(false)
    expect(isLiveTerminal({ write: () => true }, { TERM: 'xterm' })).toBe(false)
  })
})

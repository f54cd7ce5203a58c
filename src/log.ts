import { randomBytes } from 'node:crypto'

/** The few ways the pipeline talks to a person; the action maps them to @actions/core, the CLI to stderr. */
export interface Logger {
  info(message: string): void
  warning(message: string): void
  debug(message: string): void
}

export const stderrLogger = (verbose = false): Logger => ({
  info: (message) => process.stderr.write(`${printable(message)}\n`),
  warning: (message) => process.stderr.write(`warning: ${printable(message)}\n`),
  debug: (message) => {
    if (verbose) process.stderr.write(`debug: ${printable(message)}\n`)
  }
})

/** Control characters (escape sequences among them) and bidirectional overrides; not tab or line feed. */
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g

/**
 * Text for a terminal. File names and tool output come from the pull request, and an escape
 * sequence in one could clear the screen or repaint the verdict: each such character is shown as
 * its `\uXXXX` escape instead. With `oneLine`, line feeds too (a table cell).
 */
export function printable(text: string, { oneLine = false } = {}): string {
  const shown = text.replace(
    UNPRINTABLE,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
  )
  return oneLine ? shown.replace(/\n/g, '\\n') : shown
}

/**
 * The runner reads a log line as a workflow command when it starts (after spaces) with `::`, and
 * in the legacy form wherever `##[` appears. Messages can carry PR text (file names, tool output),
 * which must not add annotations, masks or outputs in our name: such a message is printed between
 * `::stop-commands::` and a one-time token, the runner's documented way to print untrusted text.
 */
export function inertLogText(message: string): string {
  if (!/^[ \t]*::|##\[/m.test(message)) return message
  const token = randomBytes(16).toString('hex')
  return `::stop-commands::${token}\n${message}\n::${token}::`
}

import { randomBytes } from 'node:crypto'

/** The few ways the pipeline talks to a person; the action maps them to @actions/core, the CLI to stderr. */
export interface Logger {
  info(message: string): void
  warning(message: string): void
  debug(message: string): void
}

export const stderrLogger = (verbose = false): Logger => ({
  info: (message) => process.stderr.write(`${message}\n`),
  warning: (message) => process.stderr.write(`warning: ${message}\n`),
  debug: (message) => {
    if (verbose) process.stderr.write(`debug: ${message}\n`)
  }
})

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

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

/** Exit codes shared by every subcommand (documented in the usage text and the README). */
export const EXIT = { pass: 0, gateFailed: 1, usage: 2, toolFailed: 3 } as const

export const EXIT_CODES_HELP =
  'Exit codes: 0 passed, 1 gate failed, 2 usage or configuration error, 3 a tool failed.'

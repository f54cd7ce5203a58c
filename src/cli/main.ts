import { ACTION_VERSION } from '../action-root.js'
import { EXIT, EXIT_CODES_HELP } from './exit.js'

type Run = (argv: string[]) => Promise<number>

/**
 * Each subcommand is loaded only when it runs, so `--help`, `--version` and a usage error do not
 * pay for loading the scanners, YAML reader and report writers.
 */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Run> }> = {
  scan: {
    summary: 'scan manifests, images and the repository; report and gate',
    load: async () => (await import('./scan.js')).runScan
  },
  fix: {
    summary: 'fix policy findings in manifests, keeping their formatting (--dry-run: print a diff)',
    load: async () => (await import('./fix.js')).runFix
  },
  fleet: {
    summary: "merge many repositories' results into one report (fleet merge DIR...)",
    load: async () => (await import('./fleet.js')).runFleet
  }
}

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length))
  return [
    'Usage: hardening COMMAND [options]     (hardening COMMAND --help for its options)',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, { summary }]) => `  ${name.padEnd(width)}  ${summary}`),
    '',
    'Options:',
    '  -h, --help     this help',
    '  --version      print the version and exit',
    EXIT_CODES_HELP
  ].join('\n')
}

export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv
  if (first === undefined || first === '-h' || first === '--help') {
    const stream = first === undefined ? process.stderr : process.stdout
    stream.write(`${first === undefined ? 'Missing command.\n\n' : ''}${usage()}\n`)
    return first === undefined ? EXIT.usage : EXIT.pass
  }
  if (first === '--version') {
    process.stdout.write(`hardening ${ACTION_VERSION}\n`)
    return EXIT.pass
  }
  const command = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined
  if (!command) {
    process.stderr.write(`Unknown command '${first}'.\n\n${usage()}\n`)
    return EXIT.usage
  }
  return (await command.load())(rest)
}

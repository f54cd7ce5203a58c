import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { ConfigError } from '../errors.js'
import { mergeFleet, type FleetDocument } from '../fleet/merge.js'
import { fleetHtml, fleetJson, fleetMarkdown } from '../fleet/render.js'
import { saveComparisonState } from '../fleet/state.js'
import { printable } from '../log.js'
import { EXIT } from './exit.js'

export const FLEET_USAGE = `Usage: hardening fleet merge DIR... [options]

Merges the results of many repositories into one report: per repository and control pass/fail,
the top rules, the repositories failing the gate, and what changed since the previous run. Each
DIR holds one directory per repository (as actions/download-artifact lays out artifacts) with
that run's findings.json and evidence/evidence.json; the repository's name is read from its
repository.json ({"repository": "owner/name"}, written by the fleet workflow), else it is the
directory's name. A repository whose files are missing or malformed is reported, not skipped.

Options:
  --previous DIR     the previous run's directories (repeatable): new and fixed findings by
                     fingerprint, and the trend (from its fleet.json when present)
  --label TEXT       this run's name in the trend, e.g. a run number or date (default current)
  --format FORMAT    markdown | json | html (default markdown)
  --output FILE      write the report there instead of standard output
  --output-dir DIR   write fleet.md, fleet.json and fleet.html there (one read of the inputs),
                     and per repository what the next run's --previous compares with (its
                     open findings' fingerprints, rules and severities)
  -h, --help         this help
Exit codes: 0 merged (whatever the repositories' gates say), 2 usage error or unreadable DIR.`

/** Every option `hardening fleet merge` takes (the usage text lists each; a test checks it). */
export const FLEET_OPTIONS = {
  previous: { type: 'string', multiple: true },
  label: { type: 'string' },
  format: { type: 'string', default: 'markdown' },
  output: { type: 'string' },
  'output-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' }
} as const

const RENDER: Record<string, { file: string; render: (doc: FleetDocument) => string }> = {
  markdown: { file: 'fleet.md', render: fleetMarkdown },
  json: { file: 'fleet.json', render: fleetJson },
  html: { file: 'fleet.html', render: fleetHtml }
}

function usageError(message: string): number {
  process.stderr.write(`${message}\n\n${FLEET_USAGE}\n`)
  return EXIT.usage
}

export async function runFleet(argv: string[]): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: FLEET_OPTIONS })
  } catch (error) {
    return usageError((error as Error).message)
  }
  const { values, positionals } = parsed
  if (values.help) {
    process.stdout.write(`${FLEET_USAGE}\n`)
    return EXIT.pass
  }
  const [action, ...dirs] = positionals
  if (action !== 'merge') return usageError(`Unknown fleet command '${action ?? ''}'.`)
  if (!dirs.length) return usageError('Give at least one DIR.')
  const format = String(values.format)
  if (!Object.hasOwn(RENDER, format))
    return usageError(`--format must be markdown, json or html; got '${format}'.`)
  const outputDir = values['output-dir']
  if (outputDir !== undefined && values.output !== undefined)
    return usageError('--output and --output-dir exclude each other.')
  // The output holds a directory per repository: written into an input, it would replace the
  // findings.json files it is read from.
  const inputs = [...dirs, ...(values.previous ?? [])].map((dir) => path.resolve(dir))
  if (outputDir !== undefined && inputs.includes(path.resolve(outputDir)))
    return usageError(`--output-dir ${outputDir} is also an input DIR; give an empty directory.`)

  let doc: FleetDocument
  try {
    if (outputDir !== undefined) await mkdir(outputDir, { recursive: true })
    doc = await mergeFleet({
      current: dirs,
      previous: values.previous,
      label: values.label,
      ...(outputDir === undefined
        ? {}
        : { onRepository: (dir, summary) => saveComparisonState(outputDir, dir, summary) })
    })
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    process.stderr.write(`error: ${printable(error.message)}\n`)
    return EXIT.usage
  }
  if (outputDir !== undefined) {
    for (const { file, render } of Object.values(RENDER))
      await writeFile(path.join(outputDir, file), render(doc))
  } else if (values.output !== undefined) await writeFile(values.output, RENDER[format].render(doc))
  else process.stdout.write(RENDER[format].render(doc))
  return EXIT.pass
}

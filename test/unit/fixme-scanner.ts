// A toy fifth scanner, written as CONTRIBUTING.md ("Adding a scanner") says a new one is: this
// file is what would be src/scanners/fixme.ts; add-scanner.test.ts registers it.
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { finalize, type Finding } from '../../src/findings/model.js'
import type { Scanner } from '../../src/scanners/scanner.js'
import { relativePosix } from '../../src/util/posix-path.js'

/** `FIXME` comments in the files of the scan path: work someone meant to finish before merging. */
export const fixmeScanner: Scanner = {
  name: 'fixme',
  description: 'FIXME comments in the files of the scan path',
  tools: [],
  failureTarget: 'repository',
  sarifTool: 'FIXME comments',
  sarifTags: ['maintainability'],
  async run({ config }) {
    const findings: Finding[] = []
    const entries = await readdir(config.scanPath, { recursive: true, withFileTypes: true })
    for (const entry of entries.filter((e) => e.isFile())) {
      const file = path.join(entry.parentPath, entry.name)
      const relative = relativePosix(config.workspace, file)
      const lines = (await readFile(file, 'utf8')).split('\n')
      lines.forEach((line, index) => {
        if (!line.includes('FIXME')) return
        findings.push(
          finalize({
            scanner: 'fixme',
            target: 'repository',
            ruleId: 'fixme',
            title: 'FIXME comment',
            severity: 'LOW',
            message: `${relative}:${index + 1} still says FIXME.`,
            resource: relative,
            location: { path: relative, startLine: index + 1 }
          })
        )
      })
    }
    return [
      {
        scanner: 'fixme',
        target: 'repository',
        findings,
        notices: [],
        tool: { name: 'fixme', version: '' }
      }
    ]
  }
}

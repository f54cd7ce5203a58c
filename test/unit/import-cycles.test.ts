import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { ESLint, type Linter } from 'eslint'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const configFile = path.resolve('eslint.config.js')
const config = ((await import(pathToFileURL(configFile).href)) as { default: Linter.Config[] })
  .default
const cycleBlock = config.find((block) => block.rules?.['import-x/no-cycle'])

/** The project's ESLint configuration, its import-cycle block applied to a scratch directory. */
function lintIn(dir: string): ESLint {
  return new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [...config, { ...cycleBlock, files: ['**/*.ts'] }]
  })
}

async function cycleMessages(dir: string, files: Record<string, string>): Promise<string[]> {
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text)
  const results = await lintIn(dir).lintFiles(Object.keys(files))
  return results.flatMap((result) =>
    result.messages
      .filter((message) => message.ruleId === 'import-x/no-cycle')
      .map((message) => `${path.basename(result.filePath)}: ${message.message}`)
  )
}

describe('import-cycle lint rule', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'import-cycles-'))
    writeFileSync(path.join(dir, 'tsconfig.json'), '{"compilerOptions":{"module":"NodeNext"}}\n')
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('is on for everything under src/', () => {
    expect(cycleBlock?.files).toEqual(['src/**/*.ts'])
    expect(cycleBlock?.rules?.['import-x/no-cycle']).toBe('error')
  })

  it('fails a two-file cycle, resolving .js imports to the .ts files', async () => {
    const messages = await cycleMessages(dir, {
      'a.ts': "import { b } from './b.js'\nexport const a = (): number => b() + 1\n",
      'b.ts': "import { a } from './a.js'\nexport const b = (): number => a() - 1\n"
    })
    expect(messages).toEqual(['a.ts: Dependency cycle detected', 'b.ts: Dependency cycle detected'])
  })

  it('passes imports that run one way, and type-only imports (erased at run time)', async () => {
    const messages = await cycleMessages(dir, {
      'low.ts':
        "import type { High } from './high.js'\nexport const low = (h: High): number => h.n\n",
      'high.ts':
        "import { low } from './low.js'\nexport interface High { n: number }\nexport const high = low({ n: 1 })\n"
    })
    expect(messages).toEqual([])
  })
})

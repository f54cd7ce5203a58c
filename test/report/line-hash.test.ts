import { readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addLineHashes, lineHashes, lineHashIndex } from '../../src/report/line-hash.js'
import { toSarif } from '../../src/report/sarif.js'
import { finding, sampleOutcomes, workspaceWithFiles } from './fixtures.js'

let workspace: string
beforeAll(async () => {
  workspace = await workspaceWithFiles()
})
afterAll(async () => {
  await rm(workspace, { recursive: true, force: true })
})

describe('lineHashes (github/codeql-action fingerprints.ts test vectors)', () => {
  const cases: Array<[string, string[]]> = [
    ['', ['c129715d7a2bc9a3:1']],
    [
      ' a\nb\n  \t\tc\n d',
      ['271789c17abda88f:1', '54703d4cd895b18:1', '180aee12dab6264:1', 'a23a3dc5e078b07b:1']
    ],
    [
      ' hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End',
      [
        '8b7cf3e952e7aeb2:1',
        'b1ae1287ec4718d9:1',
        'bff680108adb0fcc:1',
        'c6805c5e1288b612:1',
        'b86d3392aea1be30:1',
        'e6ceba753e1a442:1'
      ]
    ]
  ]
  const trailing = [
    'e9496ae3ebfced30:1',
    'fb7c023a8b9ccb3f:1',
    'ce8ba1a563dcdaca:1',
    'e20e36e16fcb0cc8:1',
    'b3edc88f2938467e:1',
    'c8e28b0b4002a3a0:1',
    'c129715d7a2bc9a3:1'
  ]
  for (const text of [
    ' hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n',
    ' hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r',
    ' hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n',
    ' hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n'
  ])
    cases.push([text, trailing])
  cases.push([
    'Lorem ipsum dolor sit amet.\n'.repeat(10),
    [
      'a7f2ff13bc495cf2:1',
      'a7f2ff13bc495cf2:2',
      'a7f2ff13bc495cf2:3',
      'a7f2ff13bc495cf2:4',
      'a7f2ff13bc495cf2:5',
      'a7f2ff13bc495cf2:6',
      'a7f2ff1481e87703:1',
      'a9cf91f7bbf1862b:1',
      '55ec222b86bcae53:1',
      'cc97dc7b1d7d8f7b:1',
      'c129715d7a2bc9a3:1'
    ]
  ])
  it.each(cases)('hashes %j', (text, expected) => {
    expect(lineHashes(text)).toEqual(expected)
  })
})

describe('primaryLocationLineHash', () => {
  it('hashes the referenced line of files in the workspace, skipping missing files', async () => {
    const sarif = await addLineHashes(toSarif(sampleOutcomes(), '0.1.0', { workspace }), workspace)
    const manifest = lineHashes(readFileSync(path.join(workspace, 'deploy/web.yaml'), 'utf8'))
    const privileged = sarif.runs[0]!.results[0]!
    expect(privileged.partialFingerprints.primaryLocationLineHash).toBe(manifest[12])
    const secret = sarif.runs[2]!.results[0]!
    const env = lineHashes(readFileSync(path.join(workspace, 'app config/credentials.env'), 'utf8'))
    expect(secret.partialFingerprints.primaryLocationLineHash).toBe(env[1])
    const orphan = sarif.runs[4]!.results[0]!
    expect(orphan.partialFingerprints.primaryLocationLineHash).toBeUndefined()
    expect(orphan.partialFingerprints['hardeningFinding/v1']).toMatch(/^[0-9a-f]{32}$/)
  })

  it('gives the chosen lines of a file the hashes of the whole file, repeats counted', async () => {
    // Repeated lines share a hash value, so each line's `:n` depends on every line before it.
    const lines = Array.from({ length: 3000 }, (_, i) =>
      i % 7 === 0 ? '  - name: app' : i % 5 === 0 ? '' : `    image: registry/app-${i % 40}:1`
    )
    const text = lines.map((line, i) => `${line}${i % 3 ? '\n' : '\r\n'}`).join('')
    await writeFile(path.join(workspace, 'repeated.yaml'), text)
    const chosen = new Set([1, 2, 8, 15, 700, 701, 2999, 3000, 3001, 3002, 0, -1])
    const index = await lineHashIndex(workspace, new Map([['repeated.yaml', chosen]]))
    const all = lineHashes(text)
    expect(all.filter((hash) => !hash.endsWith(':1')).length).toBeGreaterThan(100)
    expect([...index.get('repeated.yaml')!]).toEqual(
      [...chosen]
        .sort((a, b) => a - b)
        .filter((line) => line >= 1 && line <= all.length)
        .map((line) => [line, all[line - 1]])
    )
  })

  it('does not read files outside the workspace', async () => {
    const outside = finding({
      ruleId: 'X',
      location: { path: '../outside.yaml', startLine: 1 }
    })
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sarif-out-'))
    await writeFile(path.join(path.dirname(workspace), 'outside.yaml'), 'a: 1\n')
    try {
      const sarif = await addLineHashes(
        toSarif(
          [
            {
              scanner: 'policies',
              target: 'manifests',
              findings: [outside],
              notices: [],
              tool: { name: 'conftest', version: '1' }
            }
          ],
          '0.1.0'
        ),
        workspace
      )
      expect(sarif.runs[0]!.results[0]!.partialFingerprints.primaryLocationLineHash).toBeUndefined()
    } finally {
      await rm(dir, { recursive: true, force: true })
      await rm(path.join(path.dirname(workspace), 'outside.yaml'), { force: true })
    }
  })
})

// The diff printer and the atomic writer: `git apply` must turn the printed diff into exactly the
// text the edits produce, and a rewrite keeps the file's mode and never follows a link.
import { execFile } from 'node:child_process'
import { chmod, lstat, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import type { LineEdit } from '../../src/fix/model.js'
import { applyLineEdits, SourceText } from '../../src/fix/source.js'
import { unifiedDiff, writeFileAtomic } from '../../src/fix/write.js'
import { random } from '../harness/random.js'

const run = promisify(execFile)

async function gitApply(original: string, diff: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fix-diff-'))
  await writeFile(path.join(dir, 'f.yaml'), original)
  await writeFile(path.join(dir, 'fix.patch'), diff)
  await run('git', ['apply', '--whitespace=nowarn', 'fix.patch'], { cwd: dir })
  return readFile(path.join(dir, 'f.yaml'), 'utf8')
}

const text = (lines: number, eol = '\n', final = true) =>
  Array.from({ length: lines }, (_, i) => `line ${i + 1}`).join(eol) + (final ? eol : '')

describe('unifiedDiff', () => {
  it.each<[string, string, LineEdit[]]>([
    [
      'an insertion after a line',
      text(10),
      [{ startLine: 4, endLine: 4, replacement: 'line 4\n  new\n' }]
    ],
    ['a deletion', text(10), [{ startLine: 1, endLine: 2, replacement: '' }]],
    [
      'edits close enough to share a hunk',
      text(20),
      [
        { startLine: 3, endLine: 3, replacement: 'three\n' },
        { startLine: 8, endLine: 9, replacement: '' },
        { startLine: 18, endLine: 18, replacement: 'line 18\neighteen and a half\n' }
      ]
    ],
    [
      'the last line without a line break',
      text(5, '\n', false),
      [{ startLine: 5, endLine: 5, replacement: 'line 5\nsix' }]
    ],
    [
      'CRLF line breaks',
      text(6, '\r\n'),
      [{ startLine: 2, endLine: 2, replacement: 'line 2\r\n  added\r\n' }]
    ]
  ])('gives git apply %s', async (_, original, edits) => {
    const source = new SourceText(original)
    const diff = unifiedDiff('f.yaml', source, edits)
    expect(diff.startsWith('--- a/f.yaml\n+++ b/f.yaml\n@@ ')).toBe(true)
    expect(await gitApply(original, diff)).toBe(applyLineEdits(source, edits))
  })

  it('gives git apply random edits of random files (seeded)', async () => {
    const next = random(16)
    for (let round = 0; round < 20; round++) {
      const original = text(1 + Math.floor(next() * 30), '\n', next() < 0.8)
      const source = new SourceText(original)
      const edits: LineEdit[] = []
      for (let line = 1; line <= source.lineCount; line++) {
        if (next() > 0.15) continue
        const end = Math.min(source.lineCount, line + Math.floor(next() * 3))
        const keep = next() < 0.5 ? source.lines(line, line) : ''
        const added = next() < 0.7 ? `inserted ${round}.${line}\n` : ''
        const replacement = keep + added
        if (end === source.lineCount && !original.endsWith('\n') && replacement)
          edits.push({ startLine: line, endLine: end, replacement: replacement.replace(/\n$/, '') })
        else edits.push({ startLine: line, endLine: end, replacement })
        line = end
      }
      if (edits.length === 0) continue
      const expected = applyLineEdits(source, edits)
      expect(await gitApply(original, unifiedDiff('f.yaml', source, edits)), `round ${round}`).toBe(
        expected
      )
    }
  })
})

describe('writeFileAtomic', () => {
  it('replaces the content, keeps the mode and leaves no temporary file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'fix-write-'))
    const file = path.join(dir, 'a.yaml')
    await writeFile(file, 'old\n')
    await chmod(file, 0o640)
    await writeFileAtomic(file, 'new\n')
    expect(await readFile(file, 'utf8')).toBe('new\n')
    expect((await lstat(file)).mode & 0o777).toBe(0o640)
    expect(await readdir(dir)).toEqual(['a.yaml'])
  })

  it('refuses a symbolic link and leaves its target alone', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'fix-write-'))
    await writeFile(path.join(dir, 'target.yaml'), 'kept\n')
    await symlink('target.yaml', path.join(dir, 'link.yaml'))
    await expect(writeFileAtomic(path.join(dir, 'link.yaml'), 'x\n')).rejects.toThrow(
      /symbolic link/
    )
    expect(await readFile(path.join(dir, 'target.yaml'), 'utf8')).toBe('kept\n')
  })
})

// Real diffs for the review tests: `git diff` of a file between two versions, cut to the hunks the
// way GitHub's `pulls/list-files` returns a file's `patch`.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { PullFile } from '../harness/index.js'

export const git = (cwd: string, ...args: string[]): string =>
  execFileSync(
    'git',
    [
      '-c',
      'user.name=test',
      '-c',
      'user.email=test@example.com',
      '-c',
      'core.autocrlf=false',
      ...args
    ],
    { cwd, encoding: 'utf8' }
  )

/** The PR file for `filename` changed from `before` (undefined: added by the PR) to `after`. */
export function gitPullFile(filename: string, before: string | undefined, after: string): PullFile {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'review-git-'))
  try {
    git(dir, 'init', '-q')
    const file = path.join(dir, 'file')
    if (before !== undefined) {
      writeFileSync(file, before)
      git(dir, 'add', 'file')
    }
    git(dir, 'commit', '-q', '--allow-empty', '-m', 'base')
    writeFileSync(file, after)
    if (before === undefined) git(dir, 'add', '-N', 'file')
    const diff = git(dir, 'diff', '--no-color', '-U3', 'HEAD', '--', 'file')
    const patch = diff.slice(diff.indexOf('@@ ')).replace(/\n$/, '')
    return { filename, status: before === undefined ? 'added' : 'modified', patch }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

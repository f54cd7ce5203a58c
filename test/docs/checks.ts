// Checkers for the documentation tests: fenced blocks (YAML, shell, workflows) and relative links
// in Markdown. Each checker returns a list of problems; an empty list means the input is fine.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { parseAllDocuments } from 'yaml'

export const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..', '..')
export const ACTIONLINT = join(ROOT, '.tools', 'bin', 'actionlint')
/** A line `<!-- no-check -->` right before a fence skips that block (intentionally partial). */
export const SKIP_MARKER = '<!-- no-check -->'

export interface Block {
  lang: string
  code: string
  /** 1-based line of the opening fence */
  line: number
  skip: boolean
}

/** Fenced code blocks (``` or ~~~, any indentation as in list items) of a Markdown text. */
export function blocks(md: string): Block[] {
  const lines = md.split('\n')
  const out: Block[] = []
  for (let i = 0; i < lines.length; i++) {
    const open = lines[i].match(/^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/)
    if (!open) continue
    const [, indent, fence, lang] = open
    const body: string[] = []
    let j = i + 1
    for (; j < lines.length; j++) {
      const l = lines[j]
      if (l.trimStart().startsWith(fence) && l.trim().replace(/[`~]/g, '') === '') break
      body.push(l.startsWith(indent) ? l.slice(indent.length) : l.trimStart())
    }
    let k = i - 1
    while (k >= 0 && lines[k].trim() === '') k--
    out.push({
      lang: lang.toLowerCase(),
      code: body.join('\n') + '\n',
      line: i + 1,
      skip: k >= 0 && lines[k].trim() === SKIP_MARKER
    })
    i = j
  }
  return out
}

/** YAML parse errors (multi-document allowed). */
export function yamlProblems(code: string): string[] {
  return parseAllDocuments(code).flatMap((d) =>
    'errors' in d ? d.errors.map((e) => e.message.split('\n')[0]) : []
  )
}

/** shellcheck -s bash findings (one line each). */
export function shellProblems(code: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'docs-sh-'))
  try {
    const file = join(dir, 'block.sh')
    writeFileSync(file, code)
    const r = spawnSync('shellcheck', ['-s', 'bash', '-f', 'gcc', file], { encoding: 'utf8' })
    if (r.error) throw r.error
    if (r.status === 0) return []
    return (r.stdout + r.stderr)
      .split('\n')
      .filter(Boolean)
      .map((l) => l.replace(file, 'block'))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** A workflow example is a YAML block with a top-level `jobs:` key. */
export const isWorkflow = (code: string): boolean => /^jobs:/m.test(code)

/** actionlint findings on the block written as .github/workflows/example.yml. */
export function workflowProblems(code: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'docs-wf-'))
  try {
    mkdirSync(join(dir, '.github', 'workflows'), { recursive: true })
    const file = join(dir, '.github', 'workflows', 'example.yml')
    writeFileSync(file, code)
    const r = spawnSync(ACTIONLINT, ['-no-color', '-oneline', file], { encoding: 'utf8', cwd: dir })
    if (r.error) throw r.error
    if (r.status === 0) return []
    const problems = (r.stdout + r.stderr).split('\n').filter(Boolean)
    return problems.length ? problems : [`actionlint exited ${r.status}`]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** GitHub's heading anchor: lowercase, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/<[^>]+>/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')
}

/** Anchors of a Markdown file's headings (duplicates get -1, -2, ... as on GitHub). */
export function anchors(md: string): Set<string> {
  const seen = new Map<string, number>()
  const out = new Set<string>()
  let inFence = false
  for (const line of md.split('\n')) {
    if (/^\s*(`{3,}|~{3,})/.test(line)) inFence = !inFence
    if (inFence) continue
    const h = line.match(/^#{1,6}\s+(.*?)\s*#*\s*$/)
    if (!h) continue
    const base = slug(h[1].replace(/`/g, ''))
    const n = seen.get(base) ?? 0
    seen.set(base, n + 1)
    out.add(n ? `${base}-${n}` : base)
  }
  for (const m of md.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) out.add(m[1])
  return out
}

/** Relative links (and images) of a Markdown text outside code, with their line numbers. */
export function links(md: string): { target: string; line: number }[] {
  const out: { target: string; line: number }[] = []
  let inFence = false
  md.split('\n').forEach((line, i) => {
    if (/^\s*(`{3,}|~{3,})/.test(line)) inFence = !inFence
    if (inFence) return
    const text = line.replace(/`[^`]*`/g, '')
    for (const m of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g))
      out.push({ target: m[1], line: i + 1 })
  })
  return out
}

/** Broken relative links of the Markdown file `file` (path relative to ROOT or absolute). */
export function linkProblems(file: string, md = readFileSync(file, 'utf8')): string[] {
  const problems: string[] = []
  for (const { target, line } of links(md)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue // https:, mailto:, ...
    const [path, anchor] = target.split('#', 2)
    const abs = path ? resolve(dirname(file), decodeURIComponent(path)) : file
    if (!existsSync(abs)) {
      problems.push(`line ${line}: ${target}: no such file`)
      continue
    }
    if (anchor && abs.endsWith('.md') && !anchors(readFileSync(abs, 'utf8')).has(anchor))
      problems.push(`line ${line}: ${target}: no heading with anchor #${anchor}`)
  }
  return problems
}

export const hasShellcheck = (): boolean => {
  try {
    execFileSync('shellcheck', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

const REPO_DIRS = [
  'policies',
  'manifests',
  'networkpolicies',
  'monitoring',
  'argocd',
  'scripts',
  'examples',
  'workflows',
  'test',
  'docs'
]

/** Repository paths a shell block uses (e.g. `kubectl apply -k policies/bundles/all`) that do not exist. */
export function repoPathProblems(code: string, root = ROOT): string[] {
  const problems: string[] = []
  const re = new RegExp(`(?<![\\w./$-])((?:${REPO_DIRS.join('|')})/[\\w./-]*)`, 'g')
  for (const line of code.split('\n')) {
    const text = line.replace(/#.*$/, '')
    for (const m of text.matchAll(re)) {
      const path = m[1].replace(/[.,]+$/, '')
      if (!existsSync(join(root, path))) problems.push(`${path}: no such file or directory`)
    }
  }
  return problems
}

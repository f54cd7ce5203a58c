import { lstat, readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { isMap, isSeq, LineCounter, parseDocument, type YAMLMap } from 'yaml'
import { ConfigError } from '../errors.js'
import type { Suppression } from '../findings/model.js'
import { relativePosix } from '../util/posix-path.js'

/** The finding classes of a Trivy ignore file (the sections of `.trivyignore.yaml`). */
export const IGNORE_CLASSES = [
  'vulnerabilities',
  'misconfigurations',
  'secrets',
  'licenses'
] as const
export type IgnoreClass = (typeof IGNORE_CLASSES)[number]

/** One entry of a `.trivyignore` / `.trivyignore.yaml` file. */
export interface IgnoreEntry {
  id: string
  /** The class it applies to; a plain `.trivyignore` id applies to every class, as in Trivy. */
  class?: IgnoreClass
  /** Path globs (`*`, `**`, `?`) on the path Trivy reports; none means every path. */
  paths: string[]
  /** YYYY-MM-DD; the entry stops applying after this day (UTC). */
  expires?: string
  statement?: string
  line: number
}

/** The user's Trivy ignore file (input `trivy-ignore-file`), read by us, never by Trivy. */
export interface TrivyIgnore {
  /** Workspace-relative path, as reports name it. */
  file: string
  entries: IgnoreEntry[]
}

/** Entries with no expiry are reported with this one (reports need a date). */
const NO_EXPIRY = '9999-12-31'
const DATE = /^\d{4}-\d{2}-\d{2}$/

export async function loadTrivyIgnore(
  file: string | null,
  workspace: string
): Promise<TrivyIgnore | undefined> {
  if (file === null) return undefined
  const name = relativePosix(workspace, file)
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new ConfigError(
      `Input 'trivy-ignore-file': cannot read ${name} (${(error as Error).message}).`
    )
  }
  return { file: name, entries: parseTrivyIgnore(text, name) }
}

/** Parses either format, by extension as Trivy does: `.yaml`/`.yml` or the plain list of ids. */
export function parseTrivyIgnore(text: string, file: string): IgnoreEntry[] {
  return /\.ya?ml$/.test(file) ? parseYamlIgnore(text, file) : parsePlainIgnore(text, file)
}

/** `ID [exp:YYYY-MM-DD] [# comment]` per line; `#` lines and blank lines are skipped. */
function parsePlainIgnore(text: string, file: string): IgnoreEntry[] {
  const entries: IgnoreEntry[] = []
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) return
    const [id, ...rest] = line.split(/\s+/)
    const exp = rest.find((field) => field.startsWith('exp:'))?.slice('exp:'.length)
    entries.push({
      id: id!,
      paths: [],
      ...(exp === undefined ? {} : { expires: date(exp, `${file}:${index + 1}`) }),
      line: index + 1
    })
  })
  return entries
}

const ENTRY_KEYS = new Set(['id', 'paths', 'expired_at', 'statement'])

/** `.trivyignore.yaml`: a list of `{id, paths, expired_at, statement}` per class. */
function parseYamlIgnore(text: string, file: string): IgnoreEntry[] {
  const lineCounter = new LineCounter()
  const document = parseDocument(text, { lineCounter })
  const lineOf = (node: unknown) => {
    const offset = (node as { range?: number[] } | null)?.range?.[0]
    return offset === undefined ? 1 : lineCounter.linePos(offset).line
  }
  const fail = (node: unknown, message: string): never => {
    throw new ConfigError(`${file}:${lineOf(node)}: ${message}`)
  }
  if (document.errors.length > 0) {
    const line = lineCounter.linePos(document.errors[0]!.pos[0]).line
    throw new ConfigError(`${file}:${line}: invalid YAML: ${document.errors[0]!.message}`)
  }
  if (document.contents === null) return []
  if (!isMap(document.contents)) fail(document.contents, `expected ${IGNORE_CLASSES.join(', ')}`)
  const entries: IgnoreEntry[] = []
  for (const pair of (document.contents as YAMLMap).items) {
    const key = String((pair.key as { value?: unknown }).value ?? pair.key)
    if (!(IGNORE_CLASSES as readonly string[]).includes(key))
      fail(pair.key, `unknown section '${key}' (known: ${IGNORE_CLASSES.join(', ')})`)
    if (pair.value === null) continue
    if (!isSeq(pair.value)) fail(pair.value, `'${key}' must be a list`)
    for (const item of (pair.value as { items: unknown[] }).items) {
      if (!isMap(item)) fail(item, 'each entry must be a mapping')
      const entry = (item as YAMLMap).toJSON() as Record<string, unknown>
      const where = `${file}:${lineOf(item)}`
      for (const field of Object.keys(entry)) {
        if (field === 'purls')
          fail(item, "'purls' is not supported here; narrow the entry with 'paths' or use a waiver")
        if (!ENTRY_KEYS.has(field))
          fail(item, `unknown field '${field}' (known: ${[...ENTRY_KEYS].join(', ')})`)
      }
      if (typeof entry.id !== 'string' || entry.id.trim() === '')
        fail(item, "entry is missing 'id'")
      const paths = entry.paths ?? []
      if (!Array.isArray(paths) || paths.some((p) => typeof p !== 'string'))
        fail(item, "'paths' must be a list of path patterns")
      for (const pattern of paths as string[]) {
        if (/[[\]{}]/.test(pattern))
          fail(item, `path pattern '${pattern}': only *, ** and ? are supported`)
      }
      const expiry = entry.expired_at
      entries.push({
        id: String(entry.id).trim(),
        class: key as IgnoreClass,
        paths: paths as string[],
        ...(expiry === undefined || expiry === null
          ? {}
          : {
              expires: date(
                expiry instanceof Date ? expiry.toISOString().slice(0, 10) : String(expiry),
                where
              )
            }),
        ...(typeof entry.statement === 'string' ? { statement: entry.statement } : {}),
        line: lineOf(item)
      })
    }
  }
  return entries
}

function date(value: string, where: string): string {
  if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    throw new ConfigError(`${where}: expiry must be a date like 2026-12-31; got '${value}'`)
  return value
}

/**
 * The suppression for a Trivy finding the ignore file lists, as Trivy would match it: any of
 * the finding's ids, and one of its paths against the entry's patterns. Expired entries cover
 * nothing, so their findings are reported open.
 */
export function ignoredBy(
  ignore: TrivyIgnore | undefined,
  finding: { class: IgnoreClass; ids: string[]; paths: string[] },
  today = new Date()
): Suppression | undefined {
  if (!ignore) return undefined
  const day = today.toISOString().slice(0, 10)
  const entry = ignore.entries.find(
    (e) =>
      (e.class === undefined || e.class === finding.class) &&
      finding.ids.includes(e.id) &&
      !(e.expires !== undefined && e.expires < day) &&
      (e.paths.length === 0 ||
        e.paths.some((pattern) => finding.paths.some((p) => globMatch(pattern, p))))
  )
  if (!entry) return undefined
  return {
    reason: `listed in ${ignore.file}:${entry.line}${entry.statement ? `: ${entry.statement}` : ''}${entry.expires ? '' : ' (no expiry)'}`,
    owner: ignore.file,
    expires: entry.expires ?? NO_EXPIRY
  }
}

/**
 * Trivy's path patterns (doublestar): `*` and `?` stay within one path segment, `**` spans
 * segments (`**\/` also matches nothing). Matched by walking the set of reachable positions, so
 * the cost stays linear in the pattern, however many stars it has.
 */
export function globMatch(pattern: string, value: string): boolean {
  let reachable = new Set([0])
  for (let i = 0; i < pattern.length && reachable.size > 0; i++) {
    const next = new Set<number>()
    const char = pattern[i]
    if (char === '*' && pattern[i + 1] === '*') {
      // `**/`: nothing, or any run that ends in a slash; a bare `**`: anything.
      const slash = pattern[i + 2] === '/'
      const from = Math.min(...reachable)
      for (let j = from; j <= value.length; j++) {
        if (!slash || reachable.has(j) || (j > from && value[j - 1] === '/')) next.add(j)
      }
      i += slash ? 2 : 1
    } else if (char === '*') {
      // Any run without a slash, from any reachable position.
      let active = false
      for (let j = 0; j <= value.length; j++) {
        if (reachable.has(j)) active = true
        else if (value[j - 1] === '/') active = false
        if (active) next.add(j)
      }
    } else {
      for (const j of reachable) {
        if (j < value.length && (char === '?' ? value[j] !== '/' : value[j] === char))
          next.add(j + 1)
      }
    }
    reachable = next
  }
  return reachable.has(value.length)
}

/** An inline ignore comment (`#trivy:ignore:KSV-0017`, `tfsec:ignore:…`) in a file Trivy scans. */
export interface InlineIgnore {
  /** Absolute path. */
  file: string
  line: number
  comment: string
}

/**
 * Files Trivy's IaC scanners read and honour inline ignores in (Trivy 0.74: Helm chart templates,
 * Dockerfiles, Terraform, CloudFormation; plain Kubernetes YAML does not honour them).
 */
const IAC_FILE = /\.(ya?ml|json|tpl|tf|tfvars)$|(^|[.])(docker|container)file([.].*)?$/i

/** Larger files are not read here; they are returned as notices instead. */
const MAX_CHECKED_BYTES = 32 * 1024 * 1024

/**
 * Trivy's inline-ignore syntax, as its parser reads a line: whitespace-separated words, each
 * stripped of leading `#`, `/` and `*`, that start with `trivy:` or `tfsec:`. Trivy drops what
 * such a comment names without reporting it, so each one is found here and reported.
 */
const INLINE = /(?:^|\s)[#/*]*((?:trivy|tfsec):ignore:\S*)/g

export async function findInlineIgnores(
  target: string
): Promise<{ ignores: InlineIgnore[]; tooLarge: string[] }> {
  const ignores: InlineIgnore[] = []
  const tooLarge: string[] = []
  for (const file of await iacFiles(target)) {
    if ((await stat(file)).size > MAX_CHECKED_BYTES) {
      tooLarge.push(file)
      continue
    }
    const text = await readFile(file, 'utf8')
    if (!/(?:trivy|tfsec):ignore:/.test(text)) continue
    text.split('\n').forEach((line, index) => {
      for (const match of line.matchAll(INLINE))
        ignores.push({ file, line: index + 1, comment: match[1]! })
    })
  }
  return { ignores, tooLarge }
}

async function iacFiles(target: string): Promise<string[]> {
  const info = await lstat(target)
  if (info.isFile()) return [target]
  if (!info.isDirectory()) return []
  const files: string[] = []
  for (const entry of await readdir(target, { withFileTypes: true })) {
    const full = path.join(target, entry.name)
    if (entry.isDirectory() && entry.name !== '.git') files.push(...(await iacFiles(full)))
    else if (entry.isFile() && IAC_FILE.test(entry.name)) files.push(full)
  }
  return files
}

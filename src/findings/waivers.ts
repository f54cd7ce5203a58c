import { readFile } from 'node:fs/promises'
import { isMap, isSeq, LineCounter, parseDocument, type YAMLMap } from 'yaml'
import { ConfigError } from '../errors.js'
import { withFields, type Finding } from './model.js'

/** An accepted risk: which findings it covers, who owns it, why, and until when. */
export interface Waiver {
  rule: string
  path?: string
  resource?: string
  image?: string
  reason: string
  owner: string
  /** YYYY-MM-DD; the waiver stops applying after this day (UTC). */
  expires: string
  line: number
}

const SCOPES = ['path', 'resource', 'image'] as const
const KNOWN_KEYS = new Set(['rule', ...SCOPES, 'reason', 'owner', 'expires'])

/** Reads a waiver file; a missing file means no waivers, a malformed one is an error with its line. */
export async function loadWaivers(file: string): Promise<Waiver[]> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  return parseWaivers(text, file)
}

export function parseWaivers(text: string, file: string): Waiver[] {
  const lineCounter = new LineCounter()
  const document = parseDocument(text, { lineCounter })
  const fail = (offset: number | undefined, message: string): never => {
    const line = offset === undefined ? 1 : lineCounter.linePos(offset).line
    throw new ConfigError(`${file}:${line}: ${message}`)
  }
  if (document.errors.length > 0)
    fail(document.errors[0].pos[0], `invalid YAML: ${document.errors[0].message.split('\n')[0]}`)
  if (document.contents === null) return []
  if (!isMap(document.contents))
    fail(document.contents.range?.[0], "expected a mapping with a 'waivers' list")
  const list: unknown = (document.contents as YAMLMap).get('waivers', true)
  if (list === undefined || list === null) return []
  if (!isSeq(list))
    return fail((document.contents as YAMLMap).range?.[0], "'waivers' must be a list")
  const waivers: Waiver[] = []
  for (const item of list.items) {
    const offset = (item as { range?: number[] }).range?.[0]
    if (!isMap(item)) fail(offset, 'each waiver must be a mapping')
    const entry = (item as YAMLMap).toJSON() as Record<string, unknown>
    for (const key of Object.keys(entry)) {
      if (!KNOWN_KEYS.has(key))
        fail(offset, `unknown waiver field '${key}' (known: ${[...KNOWN_KEYS].join(', ')})`)
    }
    for (const key of ['rule', 'reason', 'owner', 'expires']) {
      const value = entry[key]
      if (value === undefined || value === null || String(value).trim() === '')
        fail(offset, `waiver is missing '${key}'`)
    }
    const expires =
      entry.expires instanceof Date
        ? entry.expires.toISOString().slice(0, 10)
        : String(entry.expires)
    if (!/^\d{4}-\d{2}-\d{2}$/.test(expires) || Number.isNaN(Date.parse(`${expires}T00:00:00Z`))) {
      fail(offset, `'expires' must be a date like 2026-12-31; got '${expires}'`)
    }
    waivers.push({
      rule: String(entry.rule),
      ...Object.fromEntries(
        SCOPES.filter((s) => entry[s] !== undefined).map((s) => [s, String(entry[s])])
      ),
      reason: String(entry.reason),
      owner: String(entry.owner),
      expires,
      line: offset === undefined ? 1 : lineCounter.linePos(offset).line
    })
  }
  return waivers
}

export function isExpired(waiver: Waiver, today: Date): boolean {
  return waiver.expires < today.toISOString().slice(0, 10)
}

const LINE_BREAK = /[\n\r\u2028\u2029]/

/**
 * A waiver pattern as a predicate: `*` matches any run of characters within one line, everything
 * else is literal. Linear in the value (a backtracking regex took minutes on a pattern of eight
 * `*`): the literal parts between stars are found left to right, each at its first occurrence —
 * the leftmost choice leaves the most room for the parts after it, so it never needs revisiting.
 */
export function globMatcher(pattern: string): (value: string) => boolean {
  const parts = pattern.split('*')
  const head = parts[0]!
  if (parts.length === 1) return (value) => value === head
  const tail = parts[parts.length - 1]!
  const middle = parts.slice(1, -1).filter(Boolean)
  const noBreak = (value: string, from: number, to: number): boolean =>
    !LINE_BREAK.test(value.slice(from, to))
  return (value) => {
    const end = value.length - tail.length
    if (end < head.length || !value.startsWith(head) || !value.endsWith(tail)) return false
    let at = head.length
    for (const part of middle) {
      const found = value.indexOf(part, at)
      if (found < 0 || found + part.length > end || !noBreak(value, at, found)) return false
      at = found + part.length
    }
    return noBreak(value, at, end)
  }
}

/** A waiver field as a predicate, compiled once per waiver; a missing value never matches. */
function glob(pattern: string | undefined): ((value: string | undefined) => boolean) | undefined {
  if (pattern === undefined) return undefined
  const matches = globMatcher(pattern)
  return (value) => value !== undefined && matches(value)
}

/** A waiver as a predicate over findings. */
function coverage(waiver: Waiver): (finding: Finding) => boolean {
  const rule = glob(waiver.rule) as (value: string | undefined) => boolean
  const file = glob(waiver.path)
  const resource = glob(waiver.resource)
  const image = glob(waiver.image)
  return (finding) =>
    rule(finding.ruleId) &&
    (!file || file(finding.location?.path)) &&
    (!resource || resource(finding.resource)) &&
    (!image || (finding.scanner === 'image' && image(finding.target)))
}

export interface WaiverResult {
  findings: Finding[]
  /** One message per expired waiver; each fails the run. */
  expired: string[]
}

/** Marks covered findings as suppressed (they stay in every report); expired waivers cover nothing. */
export function applyWaivers(
  findings: Finding[],
  waivers: Waiver[],
  file: string,
  today = new Date()
): WaiverResult {
  const active = waivers
    .filter((waiver) => !isExpired(waiver, today))
    .map((waiver) => ({ waiver, covers: coverage(waiver) }))
  const expired = waivers
    .filter((waiver) => isExpired(waiver, today))
    .map(
      (w) =>
        `Waiver for ${w.rule} (${file}:${w.line}, owner ${w.owner}) expired on ${w.expires}; renew or remove it.`
    )
  const covering = waiverIndex(active)
  return {
    expired,
    findings: findings.map((finding) => {
      const waiver = covering(finding)
      return waiver
        ? withFields(finding, {
            suppression: { reason: waiver.reason, owner: waiver.owner, expires: waiver.expires }
          })
        : finding
    })
  }
}

/**
 * The first waiver (in file order) that covers a finding. Waivers whose rule has no `*` are
 * looked up by rule id, so a finding is tested only against its own rule's waivers and the
 * wildcard ones: the cost stays flat as waiver files grow.
 */
function waiverIndex(
  active: Array<{ waiver: Waiver; covers: (finding: Finding) => boolean }>
): (finding: Finding) => Waiver | undefined {
  const byRule = new Map<string, typeof active>()
  const wildcards: typeof active = []
  for (const entry of active) {
    if (entry.waiver.rule.includes('*')) wildcards.push(entry)
    else byRule.set(entry.waiver.rule, [...(byRule.get(entry.waiver.rule) ?? []), entry])
  }
  const order = new Map(active.map((entry, index) => [entry, index]))
  return (finding) => {
    const exact = byRule.get(finding.ruleId)?.find((entry) => entry.covers(finding))
    const wild = wildcards.find((entry) => entry.covers(finding))
    const first =
      exact && wild ? (order.get(exact)! < order.get(wild)! ? exact : wild) : (exact ?? wild)
    return first?.waiver
  }
}

// GitHub's primaryLocationLineHash, as github/codeql-action computes it (src/fingerprints.ts),
// with its test vectors in test/report/line-hash.test.ts.
import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import type { SarifLog, SarifResult } from './sarif-types.js'

const LINE_HASH_BLOCK = 100
const LINE_HASH_MOD = 37
const TWO_32 = 2 ** 32

/*
 * The hash is a 64-bit unsigned integer kept as two 32-bit halves in plain numbers: BigInt
 * arithmetic per character made hashing the files the slowest part of the SARIF stage. Every
 * intermediate value stays below 2^53 in magnitude, so the arithmetic is exact.
 */
interface Hash64 {
  hi: number
  lo: number
}

/** `hash = hash * 37 + code - first * leaving`, modulo 2^64, in place (one call per character). */
function roll(hash: Hash64, code: number, first: Hash64, leaving: number): void {
  const lo = hash.lo * LINE_HASH_MOD + code - first.lo * leaving
  hash.lo = lo - Math.floor(lo / TWO_32) * TWO_32
  const hi = hash.hi * LINE_HASH_MOD + (lo - hash.lo) / TWO_32 - first.hi * leaving
  hash.hi = hi - Math.floor(hi / TWO_32) * TWO_32
}

/** 37^100 mod 2^64, the weight of the character leaving the window. */
const LINE_HASH_FIRST_MOD: Hash64 = (() => {
  const value = { hi: 0, lo: 1 }
  for (let i = 0; i < LINE_HASH_BLOCK; i++) roll(value, 0, { hi: 0, lo: 0 }, 0)
  return value
})()

function hashHex(hi: number, lo: number): string {
  return hi ? `${hi.toString(16)}${lo.toString(16).padStart(8, '0')}` : lo.toString(16)
}

/**
 * The `primaryLocationLineHash` of every line of a text, index 0 = line 1. It is GitHub's rolling
 * hash: for each line, a polynomial hash (base 37, mod 2^64) over the next 100 characters from
 * the start of that line, with spaces and tabs skipped and CR, LF and CRLF all read as LF; after
 * the text come one 0xFFFF and enough zeros to fill the window. The hex value is followed by
 * `:n`, the how-many-th time that value occurs in the file. A text with a final newline has one
 * more (empty) line.
 */
export function lineHashes(text: string): string[] {
  return [...hashedLines(text, () => true).values()]
}

/**
 * The `primaryLocationLineHash` of the lines `wants` chooses (1-based), in line order. Every
 * line is hashed (the `:n` counts the lines before with the same value), but only the chosen
 * ones are written as text: a finding points at a few lines of a file of thousands.
 */
function hashedLines(text: string, wants: (line: number) => boolean): Map<number, string> {
  const { his, los } = rollingHashes(text)
  // The values of the chosen lines, by their low half, and how often each has occurred so far.
  const counts = new Map<number, Array<{ hi: number; seen: number }>>()
  for (let i = 0; i < los.length; i++) {
    if (!wants(i + 1)) continue
    const group = counts.get(los[i]!) ?? []
    if (!group.some((value) => value.hi === his[i])) group.push({ hi: his[i]!, seen: 0 })
    counts.set(los[i]!, group)
  }
  const hashes = new Map<number, string>()
  for (let i = 0; i < los.length; i++) {
    const value = counts.get(los[i]!)?.find((candidate) => candidate.hi === his[i])
    if (!value) continue
    value.seen++
    if (wants(i + 1)) hashes.set(i + 1, `${hashHex(his[i]!, los[i]!)}:${value.seen}`)
  }
  return hashes
}

/** The rolling hash of every line (index 0 = line 1), as its high and low 32 bits. */
function rollingHashes(text: string): { his: number[]; los: number[] } {
  const TAB = 9
  const LF = 10
  const CR = 13
  const SPACE = 32
  const window = new Uint16Array(LINE_HASH_BLOCK)
  const lineStarting = new Int32Array(LINE_HASH_BLOCK).fill(-1)
  const his: number[] = []
  const los: number[] = []
  const hash: Hash64 = { hi: 0, lo: 0 }
  let at = 0
  let lines = 0
  let startOfLine = true
  let afterCr = false

  const emit = (): void => {
    his[lineStarting[at]! - 1] = hash.hi
    los[lineStarting[at]! - 1] = hash.lo
    lineStarting[at] = -1
  }
  const push = (code: number): void => {
    const leaving = window[at]!
    window[at] = code
    roll(hash, code, LINE_HASH_FIRST_MOD, leaving)
    at = at === LINE_HASH_BLOCK - 1 ? 0 : at + 1
  }
  const feed = (input: number): void => {
    let code = input
    if (code === SPACE || code === TAB || (afterCr && code === LF)) {
      afterCr = false
      return
    }
    afterCr = code === CR
    if (afterCr) code = LF
    if (lineStarting[at] !== -1) emit()
    if (startOfLine) {
      startOfLine = false
      lines++
      lineStarting[at] = lines
    }
    if (code === LF) startOfLine = true
    push(code)
  }

  for (let i = 0; i < text.length; i++) feed(text.charCodeAt(i))
  feed(0xffff)
  for (let i = 0; i < LINE_HASH_BLOCK; i++) {
    if (lineStarting[at] !== -1) emit()
    push(0)
  }
  return { his, los }
}

/** GitHub's line hashes of chosen lines of workspace files: URI → 1-based line → hash. */
export type LineHashIndex = Map<string, Map<number, string>>

/**
 * The `primaryLocationLineHash` of the `wanted` lines (by result URI) of files under `workspace`,
 * exactly as github/codeql-action's upload computes them (it reads the file; URIs of missing
 * files, directories or anything outside the workspace get none). Each file is read once, and
 * only the wanted lines' hashes are kept, so the SARIF can be written result by result.
 */
export async function lineHashIndex(
  workspace: string,
  wanted: Map<string, Set<number>>
): Promise<LineHashIndex> {
  const root = path.resolve(workspace)
  const index: LineHashIndex = new Map()
  for (const [uri, lines] of wanted) {
    const file = workspaceFile(root, uri)
    if (!file) continue
    const info = await stat(file).catch(() => undefined)
    if (!info?.isFile()) continue
    index.set(
      uri,
      hashedLines(await readFile(file, 'utf8'), (line) => lines.has(line))
    )
  }
  return index
}

/** Notes that a result points at `line` of `uri` (what `lineHashIndex` takes). */
export function wantLine(wanted: Map<string, Set<number>>, uri: string, line: number): void {
  const lines = wanted.get(uri)
  if (lines) lines.add(line)
  else wanted.set(uri, new Set([line]))
}

/**
 * Adds `partialFingerprints.primaryLocationLineHash` to every result of a log held whole (see
 * `lineHashIndex`). Mutates and returns the log.
 */
export async function addLineHashes(log: SarifLog, workspace: string): Promise<SarifLog> {
  const wanted = new Map<string, Set<number>>()
  const primary = (result: SarifResult) => result.locations[0]?.physicalLocation
  for (const run of log.runs)
    for (const result of run.results) {
      const physical = primary(result)
      if (physical?.region?.startLine)
        wantLine(wanted, physical.artifactLocation.uri, physical.region.startLine)
    }
  const index = await lineHashIndex(workspace, wanted)
  for (const run of log.runs)
    for (const result of run.results) {
      const physical = primary(result)
      const value =
        physical?.region && index.get(physical.artifactLocation.uri)?.get(physical.region.startLine)
      if (value) result.partialFingerprints.primaryLocationLineHash = value
    }
  return log
}

/** The file a relative result URI names inside the workspace; undefined for anything else. */
function workspaceFile(root: string, uri: string): string | undefined {
  let relative: string
  try {
    relative = decodeURIComponent(uri)
  } catch {
    return undefined
  }
  if (relative.includes('://') || path.isAbsolute(relative)) return undefined
  const file = path.resolve(root, relative)
  return file === root || file.startsWith(`${root}${path.sep}`) ? file : undefined
}

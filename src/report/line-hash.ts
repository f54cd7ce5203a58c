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

function hashHex({ hi, lo }: Hash64): string {
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
  const TAB = 9
  const LF = 10
  const CR = 13
  const SPACE = 32
  const window = new Uint16Array(LINE_HASH_BLOCK)
  const lineStarting = new Int32Array(LINE_HASH_BLOCK).fill(-1)
  const seen = new Map<string, number>()
  const out: string[] = []
  const hash: Hash64 = { hi: 0, lo: 0 }
  let at = 0
  let lines = 0
  let startOfLine = true
  let afterCr = false

  const emit = (): void => {
    const hex = hashHex(hash)
    const n = (seen.get(hex) ?? 0) + 1
    seen.set(hex, n)
    out[lineStarting[at]! - 1] = `${hex}:${n}`
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
  return out
}

/**
 * Adds `partialFingerprints.primaryLocationLineHash` to every result whose primary location is a
 * file under `workspace` with a start line, exactly as github/codeql-action's upload does (it
 * reads the file; results on missing files or directories are left without one). Mutates and
 * returns the log.
 */
export async function addLineHashes(log: SarifLog, workspace: string): Promise<SarifLog> {
  const root = path.resolve(workspace)
  // Results are grouped by URI first: resolving one path per result cost more than hashing.
  const byUri = new Map<string, SarifResult[]>()
  for (const run of log.runs) {
    for (const result of run.results) {
      const physical = result.locations[0]?.physicalLocation
      if (!physical?.region?.startLine) continue
      const uri = physical.artifactLocation.uri
      const results = byUri.get(uri)
      if (results) results.push(result)
      else byUri.set(uri, [result])
    }
  }
  for (const [uri, results] of byUri) {
    const file = workspaceFile(root, uri)
    if (!file) continue
    const info = await stat(file).catch(() => undefined)
    if (!info?.isFile()) continue
    const hashes = lineHashes(await readFile(file, 'utf8'))
    for (const result of results) {
      const line = result.locations[0]!.physicalLocation.region!.startLine
      const value = hashes[line - 1]
      if (value) result.partialFingerprints.primaryLocationLineHash = value
    }
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

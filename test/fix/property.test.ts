// Property: for generated manifests (comments everywhere, 2-4 space indentation, both sequence
// styles, quoting, CRLF, no final newline), applying the planned fixes never adds a finding,
// removes every finding it claims, keeps every comment not on a removed line, and touches only
// documents that had a finding. Seeded (test/harness/random.ts): a failure names its seed.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { SourceText } from '../../src/fix/source.js'
import { random } from '../harness/random.js'
import { applyPlan, scan, scanAndPlan, workspaceWith } from './helpers.js'

interface Style {
  pick<T>(values: readonly T[]): T
  chance(p: number): boolean
  indent: number
  /** `- ` items indented under their key, or flush with it. */
  indentSequences: boolean
}

function style(next: () => number): Style {
  const pick = <T>(values: readonly T[]) => values[Math.floor(next() * values.length)]!
  return { pick, chance: (p) => next() < p, indent: pick([2, 3, 4]), indentSequences: next() < 0.5 }
}

/** A YAML value tree written by hand, so comments and quoting vary like a person's. */
type Value = string | { [key: string]: Value } | Value[]

function write(value: Value, s: Style, depth: number, out: string[]): void {
  const pad = ' '.repeat(depth * s.indent)
  const comment = () => (s.chance(0.2) ? `   # note ${out.length}` : '')
  if (Array.isArray(value)) {
    for (const item of value) {
      const itemPad = s.indentSequences ? pad : ' '.repeat(Math.max(0, (depth - 1) * s.indent))
      if (typeof item === 'string') out.push(`${itemPad}- ${item}${comment()}`)
      else {
        const lines: string[] = []
        write(item, s, 0, lines)
        const inner = ' '.repeat(itemPad.length + 2)
        lines.forEach((line, i) => out.push(i === 0 ? `${itemPad}- ${line}` : `${inner}${line}`))
      }
    }
    return
  }
  if (typeof value === 'string') throw new Error('scalars are written by their key')
  for (const [key, child] of Object.entries(value)) {
    if (s.chance(0.1)) out.push(`${pad}# about ${key}`)
    if (typeof child === 'string') out.push(`${pad}${key}: ${child}${comment()}`)
    else {
      out.push(`${pad}${key}:${comment()}`)
      write(child, s, depth + 1, out)
    }
  }
}

const quoted = (s: Style, text: string) => s.pick([text, `"${text}"`, `'${text}'`])

function container(s: Style, name: string): Value {
  const context: Record<string, Value> = {}
  if (s.chance(0.3)) context.privileged = 'true'
  if (s.chance(0.5)) context.allowPrivilegeEscalation = s.pick(['true', 'false'])
  if (s.chance(0.3)) context.runAsNonRoot = s.pick(['true', 'false'])
  if (s.chance(0.3)) context.procMount = 'Unmasked'
  if (s.chance(0.3))
    context.seccompProfile = { type: quoted(s, s.pick(['Unconfined', 'RuntimeDefault'])) }
  if (s.chance(0.4))
    context.capabilities = {
      ...(s.chance(0.5)
        ? { add: s.chance(0.5) ? ['NET_ADMIN', 'NET_BIND_SERVICE'] : '[SYS_TIME]' }
        : {}),
      ...(s.chance(0.5) ? { drop: s.chance(0.5) ? ['NET_RAW'] : '[ALL]' } : {})
    }
  return {
    name,
    image: quoted(s, `127.0.0.1:1/app/${name}:${s.pick(['latest', '1.0'])}`),
    ...(s.chance(0.5) ? { resources: { limits: { memory: '64Mi' } } } : {}),
    ...(Object.keys(context).length > 0 || s.chance(0.5) ? { securityContext: context } : {})
  }
}

function pod(s: Style, n: number): Value {
  const spec: Record<string, Value> = {}
  if (s.chance(0.2)) spec.hostNetwork = 'true'
  if (s.chance(0.2)) spec.hostIPC = s.pick(['true', 'yes'])
  if (s.chance(0.3))
    spec.securityContext = {
      ...(s.chance(0.5) ? { seccompProfile: { type: 'Unconfined' } } : {}),
      ...(s.chance(0.5)
        ? {
            sysctls: [
              { name: 'kernel.msgmax', value: '"1"' },
              { name: 'net.ipv4.tcp_syncookies', value: '"1"' }
            ]
          }
        : {})
    }
  if (s.chance(0.3)) spec.initContainers = [container(s, `init${n}`)]
  spec.containers = [container(s, `app${n}`), ...(s.chance(0.3) ? [container(s, `side${n}`)] : [])]
  return spec
}

function document(s: Style, n: number): Value {
  const metadata = { name: `w${n}`, namespace: 'team' }
  switch (s.pick(['Pod', 'Deployment', 'CronJob', 'Service'] as const)) {
    case 'Pod':
      return { apiVersion: 'v1', kind: 'Pod', metadata, spec: pod(s, n) }
    case 'Deployment':
      return {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata,
        spec: {
          selector: { matchLabels: { app: 'x' } },
          template: { metadata: { labels: { app: 'x' } }, spec: pod(s, n) }
        }
      }
    case 'CronJob':
      return {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata,
        spec: { schedule: '"0 * * * *"', jobTemplate: { spec: { template: { spec: pod(s, n) } } } }
      }
    default:
      return {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { ...metadata, ...(s.chance(0.5) ? { annotations: { owner: 'team' } } : {}) },
        spec: { type: 'LoadBalancer', ports: [{ port: '80' }] }
      }
  }
}

function file(seed: number, index: number): string {
  const s = style(random(seed * 1000 + index))
  const docs: string[] = []
  const count = s.pick([1, 2, 3])
  for (let i = 0; i < count; i++) {
    const lines: string[] = s.chance(0.5) ? [`# document ${i}`] : []
    write(document(s, index * 10 + i), s, 0, lines)
    docs.push(lines.join('\n'))
  }
  const eol = s.chance(0.2) ? '\r\n' : '\n'
  const text = docs.join('\n---\n').replaceAll('\n', eol)
  return s.chance(0.2) ? text : text + eol
}

const comments = (text: string) =>
  new SourceText(text).text.split(/\r?\n/).flatMap((line) => line.match(/#.*$/) ?? [])

describe.each([1, 2, 3])('fixes of generated manifests (seed %i)', (seed) => {
  it('add no finding, remove what they claim, keep comments and other documents', async () => {
    const files = Object.fromEntries(
      Array.from({ length: 8 }, (_, i) => [`m/f${i}.yaml`, file(seed, i)])
    )
    const workspace = await workspaceWith(files)
    const { findings, plan, context } = await scanAndPlan(workspace, {
      cloud: 'gcp',
      resourceDefaults: { requests: { cpu: '100m' }, limits: { cpu: '1' } }
    })
    expect(findings.length).toBeGreaterThan(10)
    expect(plan.fixes.length).toBeGreaterThan(0)
    await applyPlan(workspace, plan)
    const after = await scan(context)
    const before = new Set(findings.map((f) => f.fingerprint))
    expect(after.filter((f) => !before.has(f.fingerprint))).toEqual([])
    const resolved = new Set(plan.fixes.flatMap((fix) => fix.resolves))
    expect(after.filter((f) => resolved.has(f.fingerprint))).toEqual([])
    // Everything not claimed stays reported, as manual or out of scope.
    expect(after.length).toBe(findings.length - resolved.size)

    for (const fix of plan.fixes) {
      const original = files[fix.path]!
      const fixed = await readFile(path.join(workspace, fix.path), 'utf8')
      const source = new SourceText(original)
      // Comments survive unless their line was removed by an edit that replaced it with nothing.
      const removed = new Set(
        fix.edits.flatMap((edit) =>
          edit.replacement === '' ? comments(source.lines(edit.startLine, edit.endLine)) : []
        )
      )
      const expected = comments(original).filter((c) => !removed.has(c))
      for (const comment of expected) expect(fixed).toContain(comment)
      // Edits stay inside documents that had a finding this fix resolved.
      const docs = parseAllDocuments(original, { version: '1.1' }) as Array<{
        range: [number, number, number]
      }>
      const lines = findings
        .filter((f) => f.location?.path === fix.path && resolved.has(f.fingerprint))
        .map((f) => f.location!.startLine)
      for (const edit of fix.edits) {
        const doc = docs.find(
          (d) =>
            source.lineOf(d.range[0]) <= edit.startLine &&
            edit.endLine <= source.lastContentLine(d.range[2])
        )
        expect(doc, `${fix.path}:${edit.startLine}`).toBeDefined()
        expect(
          lines.some(
            (l) => source.lineOf(doc!.range[0]) <= l && l <= source.lastContentLine(doc!.range[2])
          )
        ).toBe(true)
      }
      // The project's own reader takes every fixed file.
      expect(parseAllDocuments(fixed, { version: '1.1' }).every((d) => d.errors.length === 0)).toBe(
        true
      )
    }
  })
})

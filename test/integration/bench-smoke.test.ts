// The benchmarks run at full size only by hand (`npm run bench`), so a change elsewhere can break
// one unnoticed: a workspace check once made bench/manifests.mjs exit 2 on its first contender.
// Each one that runs the CLI runs here at its smallest size and must finish with its contenders
// agreeing on the work done. Times are printed by the benchmarks and never looked at here.
import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../harness/paths.js'

const run = async (script: string, args: string[]) =>
  (
    await promisify(execFile)(process.execPath, [path.join(REPO_ROOT, 'bench', script), ...args], {
      cwd: REPO_ROOT,
      maxBuffer: 1 << 24
    })
  ).stdout

/** The numbers before `what` in each table row that names one of `contenders`, by contender. */
function workDone(stdout: string, contenders: string[], what: RegExp): Map<string, number[]> {
  const done = new Map<string, number[]>()
  for (const line of stdout.split('\n'))
    for (const contender of contenders)
      if (line.includes(`  ${contender}  `)) {
        const count = what.exec(line)
        if (count) done.set(contender, [...(done.get(contender) ?? []), Number(count[1])])
      }
  return done
}

describe('benchmarks at their smallest size', { timeout: 300_000 }, () => {
  it('bench/manifests.mjs: the engine, bare conftest and gator report the same violations', async () => {
    const contenders = ['engine', 'bare conftest', 'gator test']
    const out = await run('manifests.mjs', ['30', '1', contenders.join(',')])
    const done = workDone(out.split('All sizes:')[0]!, contenders, /(\d+) violations/)
    expect(done.get('engine')?.[0]).toBeGreaterThan(0)
    for (const contender of contenders) expect(done.get(contender)).toEqual(done.get('engine'))
  })

  it('bench/small-repos.mjs: on both real-world-shaped inputs, the same violations', async () => {
    const contenders = [
      'engine',
      'gator test',
      'bare conftest',
      // The benchmark runs the engine without it too when the machine sets it: the same work.
      ...(process.env.NODE_EXTRA_CA_CERTS ? ['engine, no NODE_EXTRA_CA_CERTS'] : [])
    ]
    const done = workDone(await run('small-repos.mjs', ['1']), contenders, /(\d+) violations/)
    expect(done.get('engine')).toHaveLength(2)
    expect(done.get('engine')!.every((count) => count > 0)).toBe(true)
    for (const contender of contenders) expect(done.get(contender)).toEqual(done.get('engine'))
  })

  it('bench/inventory.mjs: a referential template changes no verdict on the corpus', async () => {
    const out = await run('inventory.mjs', ['60', '1'])
    const counts = out
      .split('\n')
      .filter((line) => /^\s*60\s/.test(line))
      .map((line) => line.trim().split(/\s{2,}/)[7])
    expect(counts).toHaveLength(3)
    expect(Number(counts[0])).toBeGreaterThan(0)
    expect(new Set(counts).size).toBe(1)
  })

  it('bench/fix.mjs: fixing the corpus leaves fewer findings than it found', async () => {
    const out = await run('fix.mjs', ['60', '1'])
    const found = Number(/(\d+) findings/.exec(out)?.[1])
    const [fixed, left] = (/(\d+) fixed, (\d+) left/.exec(out) ?? []).slice(1).map(Number)
    expect(found).toBeGreaterThan(0)
    expect(fixed).toBeGreaterThan(0)
    expect(fixed! + left!).toBe(found)
  })
})

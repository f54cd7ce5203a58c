import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { dbIsCurrent } from '../../src/tools/setup.js'

const NOW = new Date('2026-11-30T12:00:00Z')
const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

/** A Trivy cache dir with db/trivy.db and db/metadata.json (undefined: no such file). */
function cache(metadata: unknown, database = true): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'db-current-'))
  dirs.push(dir)
  mkdirSync(path.join(dir, 'db'))
  if (database) writeFileSync(path.join(dir, 'db', 'trivy.db'), 'bolt')
  if (metadata !== undefined)
    writeFileSync(
      path.join(dir, 'db', 'metadata.json'),
      typeof metadata === 'string' ? metadata : JSON.stringify(metadata)
    )
  return dir
}

const meta = (overrides: Record<string, unknown> = {}) => ({
  Version: 2,
  NextUpdate: '2026-11-30T18:00:00Z',
  UpdatedAt: '2026-11-30T06:00:00Z',
  DownloadedAt: '2026-11-30T07:00:00Z',
  ...overrides
})

describe("dbIsCurrent (Trivy 0.74's NeedsUpdate rule)", () => {
  it('is current before NextUpdate', async () => {
    expect(await dbIsCurrent(cache(meta()), NOW)).toBe(true)
  })

  it('is current within an hour of the download even after NextUpdate', async () => {
    const dir = cache(
      meta({ NextUpdate: '2026-11-30T11:00:00Z', DownloadedAt: '2026-11-30T11:30:00Z' })
    )
    expect(await dbIsCurrent(dir, NOW)).toBe(true)
  })

  it('needs an update after NextUpdate and an hour after the download', async () => {
    const dir = cache(
      meta({ NextUpdate: '2026-11-30T11:00:00Z', DownloadedAt: '2026-11-30T10:59:00Z' })
    )
    expect(await dbIsCurrent(dir, NOW)).toBe(false)
  })

  it('leaves the decision to Trivy for another schema, a zero download time, missing or broken files', async () => {
    expect(await dbIsCurrent(cache(meta({ Version: 1 })), NOW)).toBe(false)
    expect(await dbIsCurrent(cache(meta({ Version: 3 })), NOW)).toBe(false)
    expect(await dbIsCurrent(cache(meta({ DownloadedAt: '0001-01-01T00:00:00Z' })), NOW)).toBe(
      false
    )
    expect(await dbIsCurrent(cache(meta(), false), NOW)).toBe(false)
    expect(await dbIsCurrent(cache(undefined), NOW)).toBe(false)
    expect(await dbIsCurrent(cache('{not json'), NOW)).toBe(false)
    expect(await dbIsCurrent(path.join(os.tmpdir(), 'no-such-cache-dir'), NOW)).toBe(false)
  })
})

import { describe, expect, it } from 'vitest'
import { SCAN_OPTIONS, SCAN_USAGE } from '../../src/cli/scan.js'

describe('hardening scan --help', () => {
  it('lists every option the command accepts', () => {
    const listed = new Set([...SCAN_USAGE.matchAll(/^ {2}(?:-\w, )?--([\w-]+)/gm)].map((m) => m[1]))
    expect([...listed].sort()).toEqual(Object.keys(SCAN_OPTIONS).sort())
  })
})

// PR text in a log line must not become a workflow command (annotation, mask, output) in our name.
import { describe, expect, it } from 'vitest'
import { inertLogText } from '../../src/log.js'
import { parseWorkflowCommands } from '../harness/runner.js'

describe('inertLogText', () => {
  it('leaves ordinary messages as they are', () => {
    expect(inertLogText('Scanned 3 files: a.yaml, b::c.yaml')).toBe(
      'Scanned 3 files: a.yaml, b::c.yaml'
    )
  })

  it.each([
    ['a command on its own line', 'Reading deploy/x.yaml\n::error file=a.yaml::fake finding'],
    ['a command after leading spaces', 'note\n   ::set-output name=failed::false'],
    ['a command on the first line', '::add-mask::hunter2'],
    ['a CRLF line break', 'x\r\n::warning::spoofed'],
    ['a nested stop-commands', 'x\n::stop-commands::abc\n::error::spoofed\n::abc::\n::error::again']
  ])('keeps %s from being read as a command', (_name, message) => {
    // The harness parser follows the runner (leading spaces, stop-commands), so this fails if
    // any command in the message would be acted on.
    expect(parseWorkflowCommands(message).length).toBeGreaterThan(0)
    expect(parseWorkflowCommands(inertLogText(message))).toEqual([])
    expect(inertLogText(message)).toContain(message)
  })

  it('uses a new token each time, so the text cannot end the pause early', () => {
    const first = inertLogText('::error::x')
    const second = inertLogText('::error::x')
    expect(first).not.toBe(second)
  })
})

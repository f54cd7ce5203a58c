// PR text in a log line must not become a workflow command (annotation, mask, output) in our name.
import { describe, expect, it } from 'vitest'
import { inertLogText, printable } from '../../src/log.js'
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

describe('printable', () => {
  it('shows escape sequences, carriage returns and bidi overrides instead of sending them', () => {
    const hostile = 'a\u001b[2J\u001b]0;title\u0007b\rc\u009bd\u202ee\tf'
    const shown = printable(hostile)
    expect(shown).toBe('a\\u001b[2J\\u001b]0;title\\u0007b\\u000dc\\u009bd\\u202ee\tf')
    // eslint-disable-next-line no-control-regex -- control characters are what this finds
    expect(shown).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/)
  })

  it('keeps line feeds in a message and escapes them in a table cell', () => {
    expect(printable('one\ntwo')).toBe('one\ntwo')
    expect(printable('one\ntwo', { oneLine: true })).toBe('one\\ntwo')
  })
})

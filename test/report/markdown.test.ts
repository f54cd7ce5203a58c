import { describe, expect, it } from 'vitest'
import { encodeUrlPath, escapeMarkdown } from '../../src/report/markdown.js'
import { random } from '../harness/random.js'

// Everything with a meaning in Markdown or HTML, line breaks of every kind, and plain text.
const PIECES = [
  ...'<>&|@#\\`*_[]()~$!-+=.:1 aZé',
  ...['\r', '\n', '\r\n', '\t', '\u2028', '\u2029', '\u0085', '\u202e', '\u0000', '    ', '🛡️'],
  ...['<img src=x>', '</details>', '<!--', '-->', '@org/team', '@user', 'a@b', '@@x', '#123'],
  ...['&#64;', '&lt;', '1. ', '- ', '> ', '```', '~~~', '---', '===', '[x](y)', '<https://evil>']
]

function sample(next: () => number): string {
  const length = Math.floor(next() * 12)
  return Array.from({ length }, () => PIECES[Math.floor(next() * PIECES.length)]).join('')
}

describe('escapeMarkdown', () => {
  it('never lets a tag, a line break, a mention or a block marker through (property)', () => {
    const next = random(14)
    for (let i = 0; i < 5000; i++) {
      const text = sample(next)
      for (const multiline of [false, true]) {
        const out = escapeMarkdown(text, { multiline })
        const where = JSON.stringify({ text, multiline, out })
        // eslint-disable-next-line no-control-regex -- a NUL must not come through
        expect(out, where).not.toMatch(/[<>\r\u2028\u2029\u0085\u202e\u0000\t]/)
        // an ampersand only ever starts one of our entities; what they stand for is inert
        expect(out, where).not.toMatch(/&(?!(amp|lt|gt|#124|#8203);)/)
        const rendered = out.replace(/&(amp|lt|gt|#124);/g, '.').replace(/&#8203;/g, '\u200b')
        expect(rendered, where).not.toMatch(/(?<![A-Za-z0-9_])@[A-Za-z0-9]/)
        expect(rendered, where).not.toMatch(/#[A-Za-z0-9]/)
        expect(rendered, where).not.toMatch(/(^|[^\\])[`*_[\]~$]/)
        if (!multiline) expect(out, where).not.toContain('\n')
        for (const line of out.split('\n')) {
          expect(line, where).not.toMatch(/^\s/)
          expect(line, where).not.toMatch(/^([-+](\s|$)|\d+[.)](\s|$)|[-=][-=\s]*$|#+(\s|$))/)
        }
      }
    }
  })

  it('reads as the same text', () => {
    expect(escapeMarkdown('deploy/web.yaml: Container web must not be privileged')).toBe(
      'deploy/web.yaml: Container web must not be privileged'
    )
    expect(escapeMarkdown('trivy 0.74.0')).toBe('trivy 0.74.0')
    expect(escapeMarkdown('<img src=x> @org/team #12 a|b *x*')).toBe(
      '&lt;img src=x&gt; @&#8203;org/team #&#8203;12 a&#124;b \\*x\\*'
    )
    // not a mention: an image digest or an e-mail address keeps its plain `@`
    expect(escapeMarkdown('app@sha256:ab (@me)')).toBe('app@sha256:ab (@&#8203;me)')
    expect(escapeMarkdown('- item')).toBe('\\- item')
    expect(escapeMarkdown('1. item')).toBe('1\\. item')
  })

  it('joins lines, or keeps them with multiline', () => {
    expect(escapeMarkdown('a\rb\r\nc\nd\u2028e')).toBe('a b  c d e')
    expect(escapeMarkdown('Set x.\n\n- a\n1) b', { multiline: true })).toBe(
      'Set x.\n\n\\- a\n1\\) b'
    )
  })

  it('clips long text by code points, never inside a character', () => {
    expect(escapeMarkdown('abcdef', { max: 4 })).toBe('abc…')
    expect(escapeMarkdown('🛡🛡🛡🛡', { max: 3 })).toBe('🛡🛡…')
  })
})

describe('encodeUrlPath', () => {
  it('percent-encodes every segment, parentheses included, and keeps the slashes', () => {
    expect(encodeUrlPath('deploy/my app (1)!.yaml')).toBe('deploy/my%20app%20%281%29%21.yaml')
    expect(encodeUrlPath("a/<b>'*\r#?.yaml")).toBe('a/%3Cb%3E%27%2A%0D%23%3F.yaml')
  })
})

// Fixes in Helm templates: the fix engine edits a template as YAML with its template actions set
// aside, and a fix is kept only where the lines it edits, and the block they belong to, are plain
// YAML that helm copies through unchanged.
import { lstat } from 'node:fs/promises'
import path from 'node:path'
import { HELM_CHART_FILE } from '../manifests/render.js'
import type { LineEdit } from './model.js'
import type { SourceText } from './source.js'

const ACTION = /\{\{[\s\S]*?\}\}/g

/**
 * The template with every `{{ ... }}` action overwritten (same length, same line breaks, so
 * offsets and lines match the template's): a line that was only actions becomes a YAML comment,
 * an action inside a line becomes `_`s, a plain scalar.
 */
export function maskTemplate(text: string): string {
  const masked = text.replace(ACTION, (action) => action.replace(/[^\r\n]/g, '_'))
  const original = text.split('\n')
  return masked
    .split('\n')
    .map((line, index) => (isActionLine(original[index]!) ? line.replace(/^(\s*)_/, '$1#') : line))
    .join('\n')
}

/** A line that holds template actions and nothing else (`{{- if ... }}`, `{{ toYaml ... }}`). */
function isActionLine(line: string): boolean {
  const rest = line.replace(ACTION, '').trim()
  return rest === '' && line.includes('{{')
}

/**
 * The chart that renders `file` (the outermost one, as a subchart's templates are also rendered
 * by the chart that holds it), or undefined when no Chart.yaml is above it inside the workspace.
 */
export async function chartOf(workspace: string, file: string): Promise<string | undefined> {
  let chart: string | undefined
  for (
    let dir = path.dirname(file);
    !path.relative(workspace, dir).startsWith('..');
    dir = path.dirname(dir)
  ) {
    if (
      await lstat(path.join(dir, HELM_CHART_FILE)).then(
        () => true,
        () => false
      )
    )
      chart = dir
    if (dir === path.dirname(dir)) break
  }
  return chart
}

/**
 * Why helm would not render the template with `edits` as they read, or undefined when every
 * edited line is plain YAML and so is the block it belongs to: the lines of the nearest key above
 * the edit with less indentation, down to the next line with less indentation than the edit.
 * Actions in the value of a key the fix leaves alone (`image: "{{ .Values.image }}"`) are fine;
 * an action on a line of its own (`{{- toYaml ... }}`, `{{- if }}`) or in a key is not.
 */
export function templateBlocker(template: SourceText, edits: LineEdit[]): string | undefined {
  const lines = template.text.split('\n').map((line) => line.replace(/\r$/, ''))
  const indent = (line: string) => line.length - line.trimStart().length
  const ignorable = (line: string) => line.trim() === '' || line.trim().startsWith('#')
  for (const edit of edits) {
    const touched = lines.slice(edit.startLine - 1, edit.endLine)
    const inEdit = touched.findIndex((line) => line.includes('{{'))
    if (inEdit >= 0) return blockedBy(lines, edit.startLine + inEdit)
    const written = [...touched, ...edit.replacement.split(/\r?\n/)].filter(
      (line) => !ignorable(line)
    )
    if (written.length === 0) continue
    const column = Math.min(...written.map(indent))
    let parent = edit.startLine - 1
    while (
      parent >= 1 &&
      (ignorable(lines[parent - 1]!) ||
        isActionLine(lines[parent - 1]!) ||
        indent(lines[parent - 1]!) >= column)
    )
      parent--
    for (let line = Math.max(parent, 1); line <= lines.length; line++) {
      const text = lines[line - 1]!
      if (line > edit.endLine && !ignorable(text) && !isActionLine(text) && indent(text) < column)
        break
      if (isActionLine(text) || keyOf(text).includes('{{')) return blockedBy(lines, line)
    }
  }
  return undefined
}

/** The text before a line's first `key:` separator (all of it when there is none). */
function keyOf(line: string): string {
  const colon = /:(\s|$)/.exec(line)
  return colon ? line.slice(0, colon.index) : line
}

/** The reason a template action on `line` prevents the fix, with a values.yaml hint. */
function blockedBy(lines: string[], line: number): string {
  const text = lines[line - 1]!
  const action = (text.match(ACTION)?.[0] ?? text.trim()).replace(/\s+/g, ' ')
  const shown = action.length > 80 ? `${action.slice(0, 77)}...` : action
  let owner: string | undefined
  for (let above = line - 1; above >= 1 && !owner; above--) {
    const candidate = lines[above - 1]!
    if (candidate.trim() === '' || isActionLine(candidate)) continue
    const key = /^\s*(?:-\s+)?([\w.-]+):\s*$/.exec(candidate)
    if (key && candidate.search(/\S/) < Math.max(text.search(/\S/), 1)) owner = key[1]
    else break
  }
  const values = /\.Values\.([\w.]+)/.exec(action)?.[1]
  const where = owner ? `${owner} comes from` : 'the block this fix edits holds'
  const hint = values
    ? `set it in values.yaml (${values}) or fix the template by hand`
    : 'fix the template by hand'
  return `${where} the template action ${shown} (line ${line}); ${hint}`
}

// Helm charts rendered with `helm template`, with each object pointed back at its template file
// and, where the template's layout allows, the line of the field.
import { mkdir, readdir, readFile, readlink, realpath, rm } from 'node:fs/promises'
import path from 'node:path'
import { runTool, toolEnv } from '../util/run-tool.js'
import { privateTempDir } from '../util/temp.js'
import { findOnPath } from '../util/which.js'
import { relativePosix } from '../util/posix-path.js'
import { parseManifests, type LoadResult, type ManifestObject } from './parse.js'
import { HELM_CHART_FILE, notRendered, type Rendered } from './render.js'

/** The first symbolic link under `dir` whose target is outside it (or missing). */
async function linkLeaving(dir: string): Promise<{ file: string; target: string } | undefined> {
  const root = await realpath(dir)
  const walk = async (current: string): Promise<{ file: string; target: string } | undefined> => {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const file = path.join(current, entry.name)
      if (entry.isSymbolicLink()) {
        const target = await realpath(file).catch(() => undefined)
        const rel = target === undefined ? '..' : path.relative(root, target)
        const inside = !rel.startsWith('..') && !path.isAbsolute(rel)
        if (!inside) return { file, target: target ?? `${await readlink(file)}, missing` }
      } else if (entry.isDirectory()) {
        const found = await walk(file)
        if (found) return found
      }
    }
    return undefined
  }
  return walk(dir)
}

/**
 * helm's environment: nothing of the runner's or the user's Helm setup (plugins, repositories,
 * registry logins, kubeconfig) reaches it; every place helm reads settings from is an empty
 * directory of ours. No network settings: `helm template` of a local chart needs none.
 */
export async function helmEnv(home: string): Promise<NodeJS.ProcessEnv> {
  const plugins = path.join(home, 'plugins')
  await mkdir(plugins, { recursive: true })
  return {
    ...toolEnv({ network: false }),
    HOME: home,
    HELM_CACHE_HOME: path.join(home, 'cache'),
    HELM_CONFIG_HOME: path.join(home, 'config'),
    HELM_DATA_HOME: path.join(home, 'data'),
    HELM_PLUGINS: plugins,
    HELM_REGISTRY_CONFIG: path.join(home, 'registry.json'),
    HELM_REPOSITORY_CACHE: path.join(home, 'repository-cache'),
    HELM_REPOSITORY_CONFIG: path.join(home, 'repositories.yaml'),
    KUBECONFIG: path.join(home, 'kubeconfig')
  }
}

/**
 * Renders a Helm chart once per values set (`helm template --values` with each set's files in
 * order after the chart's values.yaml; one set of none by default), offline: no dependency
 * update, no plugins, no DNS lookups (helm's default). Each object points at the template file
 * named by Helm's `# Source:` comment, at the line of the field where the template has it (see
 * `templateLine`); with several sets, each object names its set (`valuesSet`). Without helm the
 * chart is reported as not checked: its templates are not plain YAML. A chart helm cannot
 * render fails the gate.
 */
export async function renderHelmChart(
  workspace: string,
  dir: string,
  timeoutMs: number,
  valuesSets: string[][] = [[]]
): Promise<Rendered> {
  const chartFile = relativePosix(workspace, path.join(dir, HELM_CHART_FILE))
  // helm reads a linked file's target into the chart; one outside it is not the PR's to give.
  const link = await linkLeaving(dir)
  if (link)
    return notRendered(
      chartFile,
      `Helm chart refused: ${relativePosix(workspace, link.file)} links outside the chart (to ${link.target}); chart not checked`,
      true
    )
  const helm = await findOnPath('helm')
  if (!helm)
    return notRendered(chartFile, 'Helm chart not checked: helm is not on PATH to render it')
  const result: Rendered = { rendered: true, file: chartFile, objects: [], problems: [] }
  for (const valuesFiles of valuesSets) {
    // The set as `helm-values` spells it, relative to the chart.
    const valuesSet =
      valuesSets.length > 1
        ? valuesFiles.map((file) => relativePosix(dir, file)).join(',')
        : undefined
    const rendered = await renderValuesSet(workspace, dir, helm, timeoutMs, valuesFiles, valuesSet)
    result.rendered &&= rendered.rendered
    result.objects.push(...rendered.objects)
    result.problems.push(...rendered.problems)
  }
  return result
}

/** `helm template` of a chart with one values set, each object labelled with `valuesSet`. */
async function renderValuesSet(
  workspace: string,
  dir: string,
  helm: string,
  timeoutMs: number,
  valuesFiles: string[],
  valuesSet: string | undefined
): Promise<Rendered> {
  const relative = (file: string) => relativePosix(workspace, file)
  const chartFile = relative(path.join(dir, HELM_CHART_FILE))
  const home = await privateTempDir('hardening-helm-')
  let output: string
  try {
    const args = [
      'template',
      'hardening-check',
      dir,
      ...valuesFiles.flatMap((f) => ['--values', f])
    ]
    output = (await runTool(helm, args, { timeoutMs, env: await helmEnv(home) })).stdout
  } catch (error) {
    const values = valuesSet === undefined ? '' : ` with values ${valuesSet}`
    return notRendered(
      chartFile,
      `helm template${values} failed (${(error as Error).message}); chart not checked`,
      true
    )
  } finally {
    await rm(home, { recursive: true, force: true })
  }
  const objects: ManifestObject[] = []
  const problems: LoadResult['problems'] = []
  const label = valuesSet === undefined ? {} : { valuesSet }
  const templates = new Map<string, Promise<TemplateDocument[] | undefined>>()
  const occurrences = new Map<string, number>()
  for (const text of output.split(/^---\s*$/m)) {
    const source = /^# Source: [^/\n]+\/(.+)$/m.exec(text)?.[1]
    // A template can print a `# Source:` line of its own: only a file of the chart counts.
    const template =
      source && !path.relative(dir, path.join(dir, source)).startsWith('..')
        ? path.join(dir, source)
        : undefined
    // A subchart packed as an archive has no template file in the repository.
    const outline = template ? await templateOutline(templates, template) : undefined
    const file = outline && template ? relative(template) : chartFile
    const parsed = parseManifests(text, file)
    problems.push(...parsed.problems)
    if (!outline || !template) {
      objects.push(
        ...parsed.objects.map((o) => ({ ...o, ...label, line: 1, lineOf: () => undefined }))
      )
      continue
    }
    const occurrence = occurrences.get(template) ?? 0
    occurrences.set(template, occurrence + 1)
    const document = sourceDocument(outline, text, occurrence)
    const rendered = outlineLines(text)
    const lineIn = (renderedLine: number) =>
      templateLine(document, rendered.get(renderedLine) ?? [])
    objects.push(
      ...parsed.objects.map((o) => ({
        ...o,
        ...label,
        line: lineIn(o.line),
        lineOf: (fieldPath: string) => {
          const line = o.lineOf(fieldPath)
          return line === undefined ? undefined : lineIn(line)
        }
      }))
    )
  }
  return { rendered: true, file: chartFile, objects, problems }
}

/** One YAML document of a template: the first line of each key path, and its literal lines. */
interface TemplateDocument {
  paths: Map<string, number>
  /** How many list items the template spells out under each path. */
  items: Map<string, number>
  lines: Set<string>
}

function templateOutline(
  cache: Map<string, Promise<TemplateDocument[] | undefined>>,
  template: string
): Promise<TemplateDocument[] | undefined> {
  let outline = cache.get(template)
  if (!outline) {
    outline = readFile(template, 'utf8').then(
      (text) => {
        const documents: TemplateDocument[] = []
        for (const entry of outlineEntries(text)) {
          const document = (documents[entry.document] ??= {
            paths: new Map(),
            items: new Map(),
            lines: new Set()
          })
          if (!document.paths.has(entry.path)) document.paths.set(entry.path, entry.line)
          const item = ITEM.exec(entry.path)
          if (item)
            document.items.set(
              item[1]!,
              Math.max(document.items.get(item[1]!) ?? 0, Number(item[2]) + 1)
            )
          document.lines.add(entry.text)
        }
        return documents.filter(Boolean)
      },
      () => undefined
    )
    cache.set(template, outline)
  }
  return outline
}

/**
 * The template document a rendered document came from: the one that spells out most of its
 * lines literally (documents inside `if` may not render, one inside `range` renders many); on a
 * tie, the `occurrence`-th, as when every document rendered once.
 */
function sourceDocument(
  outline: TemplateDocument[],
  rendered: string,
  occurrence: number
): TemplateDocument | undefined {
  const lines = outlineEntries(rendered).map((entry) => entry.text)
  const score = (document: TemplateDocument) => lines.filter((l) => document.lines.has(l)).length
  let best = outline[Math.min(occurrence, outline.length - 1)]
  for (const document of outline) if (score(document) > score(best)) best = document
  return best as TemplateDocument | undefined
}

/** For each line of rendered YAML, the paths of the keys that start on it, outermost first. */
function outlineLines(text: string): Map<number, string[]> {
  const lines = new Map<number, string[]>()
  for (const entry of outlineEntries(text))
    lines.set(entry.line, [...(lines.get(entry.line) ?? []), entry.path])
  return lines
}

/**
 * The template line of a rendered line, given the paths of the keys on it: the first line of
 * the same path in the template document, or of the nearest ancestor the template spells out (a
 * value that `toYaml` inserted maps to the line that inserts it); else the document's first line.
 */
function templateLine(document: TemplateDocument | undefined, paths: string[]): number {
  if (!document) return 1
  const deepest = paths.at(-1)
  const prefixes: string[] = []
  // The n-th rendered list item is the template's n-th where it spells out that many; past them
  // (items a `range` repeats), its last one.
  for (const segment of deepest === undefined ? [] : deepest.split(PATH_SEPARATOR)) {
    const parent = prefixes.at(-1)
    const index = /^-(\d+)$/.exec(segment)?.[1]
    const spelled = index === undefined ? 0 : (document.items.get(parent ?? '') ?? 0)
    const mapped = spelled > 0 ? `-${Math.min(Number(index), spelled - 1)}` : segment
    prefixes.push(parent === undefined ? mapped : `${parent}${PATH_SEPARATOR}${mapped}`)
  }
  for (const prefix of prefixes.reverse()) {
    const line = document.paths.get(prefix)
    if (line !== undefined) return line
  }
  return document.paths.values().next().value ?? 1
}

const PATH_SEPARATOR = '\n'
/** A path that ends in a list item: the path of the list, and the item's index. */
const ITEM = /^(?:(.*)\n)?-(\d+)$/s

interface OutlineEntry {
  line: number
  /** The line without its indentation. */
  text: string
  /** Keys from the document's root, `-<index>` for a list item, joined by PATH_SEPARATOR. */
  path: string
  document: number
}

/**
 * The key structure of YAML written in block style, read from indentation alone so that it works
 * on a template (Go template actions and comments are skipped) as on its rendered output. Flow
 * collections and block scalars count as the value of their key.
 */
function outlineEntries(text: string): OutlineEntry[] {
  const entries: OutlineEntry[] = []
  let stack: Array<{ column: number; key: string; item: boolean }> = []
  /** Items seen so far in each list, by the list's path. */
  let itemsSeen = new Map<string, number>()
  let document = 0
  let blockScalarColumn: number | undefined
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '')
    const trimmed = line.trim()
    const indent = line.length - line.trimStart().length
    if (blockScalarColumn !== undefined) {
      if (trimmed === '' || indent > blockScalarColumn) return
      blockScalarColumn = undefined
    }
    if (/^---(\s|$)/.test(line)) {
      document++
      stack = []
      itemsSeen = new Map()
      return
    }
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('{{')) return
    // A list may sit at its key's own indentation (`containers:` then `- name: app`).
    const item = /^-(\s|$)/.test(trimmed)
    const encloses = (top: (typeof stack)[number]) =>
      top.column < indent || (top.column === indent && item && !top.item)
    while (stack.length > 0 && !encloses(stack[stack.length - 1])) stack.pop()
    const emit = (column: number, key: string, item = false) => {
      stack.push({ column, key, item })
      entries.push({
        line: index + 1,
        text: trimmed,
        path: stack.map((s) => s.key).join(PATH_SEPARATOR),
        document
      })
    }
    let column = indent
    let rest = trimmed
    for (let item = /^-(\s+|$)/.exec(rest); item; item = /^-(\s+|$)/.exec(rest)) {
      const list = stack.map((s) => s.key).join(PATH_SEPARATOR)
      const index = itemsSeen.get(list) ?? 0
      itemsSeen.set(list, index + 1)
      emit(column, `-${index}`, true)
      column += item[0].length
      rest = rest.slice(item[0].length)
    }
    const key = /^("[^"]*"|'[^']*'|[^\s#'"{][^:#]*?)\s*:(\s|$)/.exec(rest)
    if (key) emit(column, key[1].replace(/^(["'])(.*)\1$/, '$2'))
    if (/(^|:\s+)[|>][-+0-9]*\s*(#.*)?$/.test(rest)) blockScalarColumn = column
  })
  return entries
}

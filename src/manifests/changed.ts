import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { ScanConfig } from '../config/scan-config.js'
import type { ScanOutcome } from '../scanners/scanner.js'
import { relativePosix } from '../util/posix-path.js'
import { runTool } from '../util/run-tool.js'
import { collectFiles } from './load.js'
import { looksLikeManifest } from './parse.js'
import { HELM_CHART_FILE, KUSTOMIZATION_FILES, kustomizationInputs } from './render.js'

// `scan-changed-only`: which files a pull request changes, and which manifest findings that puts
// in scope. Every manifest is still loaded and evaluated, so referential policies see the whole
// repository as inventory; only the findings in unchanged files are left out of the reports.

const COMMIT = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/i

/**
 * The files changed between the pull request's base and head commits (`git diff base...head`,
 * as GitHub compares them), or undefined when the checkout lacks either commit (a shallow clone)
 * or git fails. Renamed files count under their new name; deleted files are left out. File
 * names come NUL-separated (`-z`): a name may hold newlines, quotes or any Unicode.
 */
export async function changedFilesFromGit(
  workspace: string,
  baseSha: string,
  headSha: string,
  timeoutMs: number
): Promise<string[] | undefined> {
  if (!COMMIT.test(baseSha) || !COMMIT.test(headSha)) return undefined
  try {
    const { stdout } = await runTool(
      'git',
      [
        '-C',
        workspace,
        'diff',
        '--name-only',
        '-z',
        '--no-renames',
        '--diff-filter=d',
        '--no-ext-diff',
        '--no-textconv',
        `${baseSha}...${headSha}`,
        '--'
      ],
      { timeoutMs }
    )
    return stdout.split('\0').filter((name) => name.length > 0)
  } catch {
    return undefined
  }
}

/** A file of GitHub's `pulls/{n}/files` list (the fields read here). */
export interface PullRequestFile {
  filename: string
  status: string
}

/** The changed files of GitHub's list: renamed files under their new name, removed ones left out. */
export function changedFilesFromPullFiles(files: PullRequestFile[]): string[] {
  return files.filter((file) => file.status !== 'removed').map((file) => file.filename)
}

/** How much of the repository's manifests a changed-only run checked. */
export interface ChangedOnlyScope {
  /** Manifest files in scope: changed, or in a kustomization or chart with a changed file. */
  checked: number
  /** Manifest files left out because the pull request does not change them. */
  notChecked: number
}

/**
 * Decides, for each repo-relative file, whether its findings are in scope: a changed file, or
 * any file of a kustomization or Helm chart directory that holds or reads a changed file, since
 * rendering puts an overlay's patch or a values file's change onto the objects of other files.
 */
export async function changedScope(
  config: ScanConfig,
  changed: ReadonlySet<string>
): Promise<{ inScope(file: string): boolean; scope: ChangedOnlyScope }> {
  const { workspace } = config
  const { files } = await collectFiles(
    workspace,
    config.manifests,
    (name) => /\.(ya?ml|json)$/i.test(name) || KUSTOMIZATION_FILES.has(name)
  )
  const relative = files.map((file) => relativePosix(workspace, file))
  const inScopeFiles = new Set(relative.filter((file) => changed.has(file)))
  for (const file of files) {
    const name = path.basename(file)
    const isKustomization = KUSTOMIZATION_FILES.has(name)
    if (!isKustomization && name !== HELM_CHART_FILE) continue
    const dir = path.dirname(file)
    const prefix = `${relativePosix(workspace, dir)}/`.replace(/^\//, '')
    // Files elsewhere that its rendering reads: a kustomization's bases, patches and generator
    // inputs; a chart's values files (`helm-values`).
    const reads: Iterable<string> | undefined = isKustomization
      ? (await kustomizationInputs(dir).catch(() => undefined))?.reads
      : config.helmValues?.[dir]?.flat()
    const members = [
      ...relative.filter((member) => member.startsWith(prefix)),
      ...[...(reads ?? [])].map((read) => relativePosix(workspace, read))
    ]
    if (members.some((member) => changed.has(member)))
      for (const member of members) inScopeFiles.add(member)
  }
  const scope: ChangedOnlyScope = { checked: 0, notChecked: 0 }
  for (const [index, file] of files.entries()) {
    const text = await readFile(file, 'utf8').catch(() => '')
    if (!looksLikeManifest(text)) continue
    if (inScopeFiles.has(relative[index]!)) scope.checked++
    else scope.notChecked++
  }
  return { inScope: (file) => inScopeFiles.has(file), scope }
}

/**
 * The outcomes with the manifest findings of unchanged files left out. A finding without a file
 * stays (nothing says it is out of scope), and so does everything else of an outcome: its
 * notices, errors and gate failures (a manifest we could not read still fails the gate).
 */
export function keepChangedFindings(
  outcomes: ScanOutcome[],
  inScope: (file: string) => boolean
): ScanOutcome[] {
  return outcomes.map((outcome) =>
    outcome.target === 'manifests'
      ? {
          ...outcome,
          findings: outcome.findings.filter(
            (finding) => !finding.location || inScope(finding.location.path)
          )
        }
      : outcome
  )
}

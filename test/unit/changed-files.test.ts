// scan-changed-only: which files a pull request changes (git with -z, or GitHub's list), and
// which manifest findings that puts in scope (kustomization and chart directories as a whole).
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readConfig } from '../../src/config/inputs.js'
import { finalize, type Finding } from '../../src/findings/model.js'
import {
  changedFilesFromGit,
  changedFilesFromPullFiles,
  changedScope,
  keepChangedFindings
} from '../../src/manifests/changed.js'
import type { ScanOutcome } from '../../src/scanners/scanner.js'

const scratch = mkdtempSync(path.join(os.tmpdir(), 'changed-files-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd,
    encoding: 'utf8'
  }).trim()

function write(root: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true })
    writeFileSync(path.join(root, name), text)
  }
}

const deployment = (name: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n`

describe('changedFilesFromGit', () => {
  const repo = path.join(scratch, 'repo')
  mkdirSync(repo)
  git(repo, 'init', '-q')
  const odd = ['new\nline.yaml', 'say "hi".yaml', 'ünï cødé ✓.yaml', '-n.yaml']
  write(repo, {
    'kept.yaml': deployment('kept'),
    'edited.yaml': deployment('edited'),
    'doomed.yaml': deployment('doomed'),
    'old-name.yaml': deployment('renamed')
  })
  git(repo, 'add', '-A')
  git(repo, 'commit', '-q', '-m', 'base')
  const base = git(repo, 'rev-parse', 'HEAD')
  write(repo, { 'edited.yaml': deployment('edited-again') })
  unlinkSync(path.join(repo, 'doomed.yaml'))
  renameSync(path.join(repo, 'old-name.yaml'), path.join(repo, 'new-name.yaml'))
  write(repo, Object.fromEntries(odd.map((name) => [name, deployment('odd')])))
  git(repo, 'add', '-A')
  git(repo, 'commit', '-q', '-m', 'head')
  const head = git(repo, 'rev-parse', 'HEAD')

  it('lists added, modified and renamed files by their new name, whatever their characters; never deleted ones', async () => {
    const files = await changedFilesFromGit(repo, base, head, 30_000)
    expect(files?.sort()).toEqual(['edited.yaml', 'new-name.yaml', ...odd].sort())
  })

  it('says it cannot tell when a commit is missing from the checkout or is not a commit id', async () => {
    expect(await changedFilesFromGit(repo, 'f'.repeat(40), head, 30_000)).toBeUndefined()
    expect(await changedFilesFromGit(repo, '--output=/tmp/x', head, 30_000)).toBeUndefined()
    expect(await changedFilesFromGit(scratch, base, head, 30_000)).toBeUndefined()
  })
})

describe('changedFilesFromPullFiles', () => {
  it('keeps added, modified, renamed and copied files and drops removed ones', () => {
    expect(
      changedFilesFromPullFiles([
        { filename: 'a.yaml', status: 'added' },
        { filename: 'b.yaml', status: 'modified' },
        { filename: 'c.yaml', status: 'renamed' },
        { filename: 'd.yaml', status: 'removed' },
        { filename: 'e.yaml', status: 'copied' }
      ])
    ).toEqual(['a.yaml', 'b.yaml', 'c.yaml', 'e.yaml'])
  })
})

describe('changedScope and keepChangedFindings', () => {
  const workspace = path.join(scratch, 'workspace')
  write(workspace, {
    'apps/web.yaml': deployment('web'),
    'apps/api.yaml': deployment('api'),
    'apps/notes.yaml': 'just: some yaml\n',
    'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
    'base/deployment.yaml': deployment('shop'),
    'overlays/prod/kustomization.yaml':
      'resources:\n  - ../../base\npatches:\n  - path: ../../patches/privileged.yaml\n',
    'patches/privileged.yaml': deployment('shop'),
    'overlays/dev/kustomization.yaml': 'resources:\n  - service.yaml\n',
    'overlays/dev/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: dev\n',
    'charts/app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\n',
    'charts/app/values.yaml': 'replicas: 1\n',
    'charts/app/templates/deployment.yaml': deployment('{{ .Release.Name }}'),
    'values/prod.yaml': 'replicas: 3\n'
  })
  const config = readConfig(
    (name) => (name === 'helm-values' ? 'charts/app=../../values/prod.yaml' : ''),
    workspace
  )

  async function scopeOf(changed: string[]) {
    return changedScope(config, new Set(changed))
  }

  it('puts only the changed plain manifests in scope and counts the others', async () => {
    const { inScope, scope } = await scopeOf(['apps/web.yaml', 'apps/notes.yaml'])
    expect(inScope('apps/web.yaml')).toBe(true)
    expect(inScope('apps/api.yaml')).toBe(false)
    expect(inScope('base/deployment.yaml')).toBe(false)
    // Six files hold Kubernetes objects (not notes.yaml, values.yaml, Chart.yaml, kustomizations).
    expect(scope).toEqual({ checked: 1, notChecked: 5 })
  })

  it('a patch an overlay reads puts the overlay and the base objects it renders in scope', async () => {
    const { inScope } = await scopeOf(['patches/privileged.yaml'])
    expect(inScope('base/deployment.yaml')).toBe(true)
    expect(inScope('overlays/prod/kustomization.yaml')).toBe(true)
    expect(inScope('overlays/dev/service.yaml')).toBe(false)
  })

  it('a values file elsewhere that a chart renders with (helm-values) puts the chart in scope', async () => {
    const { inScope } = await scopeOf(['values/prod.yaml'])
    expect(inScope('charts/app/templates/deployment.yaml')).toBe(true)
    expect(inScope('apps/web.yaml')).toBe(false)
  })

  it('any changed file of a kustomization or chart directory puts the whole directory in scope', async () => {
    const { inScope } = await scopeOf(['overlays/dev/kustomization.yaml', 'charts/app/values.yaml'])
    expect(inScope('overlays/dev/service.yaml')).toBe(true)
    expect(inScope('charts/app/templates/deployment.yaml')).toBe(true)
    expect(inScope('base/deployment.yaml')).toBe(false)
  })

  it('leaves out only manifest findings of files out of scope', async () => {
    const { inScope } = await scopeOf(['apps/web.yaml'])
    const finding = (scanner: string, target: string, file?: string): Finding =>
      finalize({
        scanner,
        target,
        ruleId: 'R',
        title: 'R',
        severity: 'HIGH',
        message: file ?? 'no file',
        resource: 'r',
        ...(file ? { location: { path: file, startLine: 1 } } : {})
      })
    const outcome = (scanner: string, target: string, findings: Finding[]): ScanOutcome => ({
      scanner,
      target,
      findings,
      notices: ['kept notice'],
      gateFailures: ['kept failure'],
      tool: { name: 't', version: '1' }
    })
    const [policies, repository] = keepChangedFindings(
      [
        outcome('policies', 'manifests', [
          finding('policies', 'manifests', 'apps/web.yaml'),
          finding('policies', 'manifests', 'apps/api.yaml'),
          finding('policies', 'manifests')
        ]),
        outcome('repository', 'repository', [finding('repository', 'repository', 'apps/api.yaml')])
      ],
      inScope
    )
    expect(policies!.findings.map((f) => f.message)).toEqual(['apps/web.yaml', 'no file'])
    expect(policies!.notices).toEqual(['kept notice'])
    expect(policies!.gateFailures).toEqual(['kept failure'])
    expect(repository!.findings).toHaveLength(1)
  })
})

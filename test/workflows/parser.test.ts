// GitHub's own workflow and action parser (the one behind the Actions editor and language server):
// every workflow and action.yml must parse and convert with zero errors. Calls to our reusable
// workflow are resolved to the local file, so their inputs are checked against it too.
import {
  convertWorkflowTemplate,
  NoOperationTraceWriter,
  parseWorkflow
} from '@actions/workflow-parser'
import { convertActionTemplate, parseAction } from '@actions/workflow-parser/actions/index'
import type { FileProvider } from '@actions/workflow-parser/workflows/file-provider'
import type { FileReference } from '@actions/workflow-parser/workflows/file-reference'
import { describe, expect, it } from 'vitest'
import { readText, workflowFiles } from './checks.js'

const REUSABLE = [
  '.github/workflows/hardening.yml',
  '.github/workflows/fleet.yml',
  '.github/workflows/fleet-scan.yml',
  '.github/workflows/fleet-report.yml'
]

// Our reusable workflows, by any of the names callers use; anything else is unknown.
const files: FileProvider = {
  getFileContent: async (ref: FileReference) => {
    const local = 'owner' in ref ? `${ref.owner}/${ref.repository}/${ref.path}` : ref.path
    const file = REUSABLE.find(
      (name) => local === `org/hardening-action/${name}` || local === name || local === `./${name}`
    )
    if (file) return { name: file, content: readText(file) }
    throw new Error(`unknown reusable workflow ${JSON.stringify(ref)}`)
  }
}

async function workflowErrors(name: string, content: string): Promise<string[]> {
  const result = parseWorkflow({ name, content }, new NoOperationTraceWriter())
  const errors = result.context.errors.getErrors().map((error) => error.message)
  if (errors.length > 0 || !result.value) return errors.length > 0 ? errors : ['no workflow']
  const template = await convertWorkflowTemplate(result.context, result.value, files, {
    fetchReusableWorkflowDepth: 1
  })
  return (template.errors ?? []).map((error) => error.Message)
}

function actionErrors(name: string, content: string): string[] {
  const result = parseAction({ name, content }, new NoOperationTraceWriter())
  const errors = result.context.errors.getErrors().map((error) => error.message)
  if (errors.length > 0 || !result.value) return errors.length > 0 ? errors : ['no action']
  convertActionTemplate(result.context, result.value)
  return result.context.errors.getErrors().map((error) => error.message)
}

describe('@actions/workflow-parser', () => {
  it.each(workflowFiles())('%s parses with zero errors', async (file) => {
    expect(await workflowErrors(file, readText(file))).toEqual([])
  })

  it('action.yml parses with zero errors', () => {
    expect(actionErrors('action.yml', readText('action.yml'))).toEqual([])
  })

  it('reports errors in a bad workflow', async () => {
    const bad = `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    timeout-minutes: soon
    stepz:
      - run: echo
`
    const errors = await workflowErrors('bad.yml', bad)
    expect(errors.join('\n')).toMatch(/stepz/)
    expect(errors.join('\n')).toMatch(/timeout-minutes|soon/)
  })

  it('reports a call to our reusable workflow with an unknown input', async () => {
    const bad = `on: push
jobs:
  a:
    uses: org/hardening-action/.github/workflows/hardening.yml@v1
    with:
      manifestz: deploy/
`
    expect((await workflowErrors('caller.yml', bad)).join('\n')).toMatch(/manifestz/)
  })

  it('reports errors in a bad action.yml', () => {
    const bad = readText('action.yml').replace('  using: node24', '  using: node99')
    expect(actionErrors('action.yml', bad).join('\n')).toMatch(/node99|using/)
  })
})

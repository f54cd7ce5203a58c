// The loopback GitHub API: driven by the same client the action uses (@actions/github's
// Octokit), it accepts valid calls, and rejects and records calls that break GitHub's published
// OpenAPI description.
import { getOctokit } from '@actions/github'
import { gzipSync } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  BOT_LOGIN,
  fillerComments,
  readOnlyTokenFaults,
  startGitHubApi,
  type GitHubApiServer
} from './github-api.js'

const SHA = 'a'.repeat(40)
const sarif = {
  version: '2.1.0',
  $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
  runs: []
}
const encoded = gzipSync(JSON.stringify(sarif)).toString('base64')

describe('GitHub API server', () => {
  let api: GitHubApiServer
  let octokit: ReturnType<typeof getOctokit>

  beforeEach(async () => {
    api = await startGitHubApi({ comments: fillerComments(7, 120) })
    octokit = getOctokit(api.token, { baseUrl: api.url, request: { retries: 0 } })
  })
  afterEach(async () => {
    try {
      api.assertNoViolations()
    } finally {
      await api.stop()
    }
  })

  const ctx = (): { owner: string; repo: string } => ({ owner: api.owner, repo: api.repo })

  it('creates, pages through and updates issue comments', async () => {
    const created = await octokit.rest.issues.createComment({
      ...ctx(),
      issue_number: 7,
      body: '<!-- marker -->\nhello'
    })
    expect(created.status).toBe(201)
    expect(created.data.user?.login).toBe(BOT_LOGIN)

    const all = await octokit.paginate(octokit.rest.issues.listComments, {
      ...ctx(),
      issue_number: 7,
      per_page: 100
    })
    expect(all).toHaveLength(121)
    expect(api.requests.filter((r) => r.operationId === 'issues/list-comments')).toHaveLength(2)
    const mine = all.find((c) => c.body?.includes('<!-- marker -->'))
    expect(mine?.id).toBe(created.data.id)

    await octokit.rest.issues.updateComment({
      ...ctx(),
      comment_id: created.data.id,
      body: '<!-- marker -->\nupdated'
    })
    const comments = api.comments(7)
    expect(comments).toHaveLength(121)
    expect(comments.at(-1)?.body).toBe('<!-- marker -->\nupdated')
  })

  it('uploads SARIF and reports processing status in sequence', async () => {
    await api.stop()
    api = await startGitHubApi({
      sarifProcessing: ['pending', 'failed'],
      sarifErrors: ['bad location']
    })
    octokit = getOctokit(api.token, { baseUrl: api.url, request: { retries: 0 } })
    const up = await octokit.rest.codeScanning.uploadSarif({
      ...ctx(),
      commit_sha: SHA,
      ref: 'refs/pull/7/merge',
      sarif: encoded,
      checkout_uri: 'file:///github/workspace/'
    })
    expect(up.status).toBe(202)
    expect(api.sarifUploads[0]).toMatchObject({ commit_sha: SHA, ref: 'refs/pull/7/merge', sarif })
    const s1 = await octokit.rest.codeScanning.getSarif({ ...ctx(), sarif_id: up.data.id! })
    const s2 = await octokit.rest.codeScanning.getSarif({ ...ctx(), sarif_id: up.data.id! })
    expect([s1.data.processing_status, s2.data.processing_status]).toEqual(['pending', 'failed'])
    expect(s2.data.errors).toEqual(['bad location'])
  })

  it('injects documented failures: 403 for a read-only token, 5xx then success, 413', async () => {
    api.setFaults(readOnlyTokenFaults())
    await expect(
      octokit.rest.issues.createComment({ ...ctx(), issue_number: 7, body: 'x' })
    ).rejects.toMatchObject({ status: 403 })
    await expect(
      octokit.rest.codeScanning.uploadSarif({
        ...ctx(),
        commit_sha: SHA,
        ref: 'refs/heads/main',
        sarif: encoded
      })
    ).rejects.toMatchObject({ status: 403 })

    api.setFaults([{ operation: 'code-scanning/upload-sarif', status: 503, times: 1 }])
    await expect(
      octokit.rest.codeScanning.uploadSarif({
        ...ctx(),
        commit_sha: SHA,
        ref: 'refs/heads/main',
        sarif: encoded
      })
    ).rejects.toMatchObject({ status: 503 })
    const ok = await octokit.rest.codeScanning.uploadSarif({
      ...ctx(),
      commit_sha: SHA,
      ref: 'refs/heads/main',
      sarif: encoded
    })
    expect(ok.status).toBe(202)

    api.setFaults([{ operation: 'code-scanning/upload-sarif', status: 413 }])
    await expect(
      octokit.rest.codeScanning.uploadSarif({
        ...ctx(),
        commit_sha: SHA,
        ref: 'refs/heads/main',
        sarif: encoded
      })
    ).rejects.toMatchObject({ status: 413 })
    expect(api.sarifUploads).toHaveLength(1)
  })

  it('rejects and records requests that violate the OpenAPI description', async () => {
    const headers = {
      authorization: `token ${api.token}`,
      'user-agent': 'harness-test',
      'content-type': 'application/json'
    }
    // body must be a string
    const bad = await fetch(`${api.url}/repos/${api.owner}/${api.repo}/issues/7/comments`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ body: 42 })
    })
    expect(bad.status).toBe(422)
    // commit_sha pattern + ref pattern
    const badUpload = await fetch(
      `${api.url}/repos/${api.owner}/${api.repo}/code-scanning/sarifs`,
      {
        method: 'POST',
        headers,
        body: JSON.stringify({ commit_sha: 'main', ref: 'main', sarif: encoded })
      }
    )
    expect(badUpload.status).toBe(400)
    // no such route on GitHub
    const unknown = await fetch(`${api.url}/repos/${api.owner}/${api.repo}/pull-comments`, {
      headers
    })
    expect(unknown.status).toBe(404)
    // an undefined query parameter
    await fetch(`${api.url}/repos/${api.owner}/${api.repo}/issues/7/comments?perpage=100`, {
      headers
    })
    // no token
    const anon = await fetch(`${api.url}/repos/${api.owner}/${api.repo}/issues/7/comments`, {
      headers: { 'user-agent': 'x' }
    })
    expect(anon.status).toBe(401)

    const v = api.takeViolations()
    expect(v.join('\n')).toMatch(/body\/body must be string/)
    expect(v.join('\n')).toMatch(/commit_sha must match pattern/)
    expect(v.join('\n')).toMatch(/ref must match pattern/)
    expect(v.join('\n')).toMatch(/no such route/)
    expect(v.join('\n')).toMatch(/query parameter perpage is not defined/)
    expect(v.join('\n')).toMatch(/Authorization/)
    expect(api.comments(7)).toHaveLength(120)
  })
})

import { describe, expect, it } from 'vitest'
import { runTool, toolEnv } from '../../src/util/run-tool.js'

const RUNNER_ENV = {
  PATH: '/usr/bin',
  HOME: '/home/runner',
  TMPDIR: '/tmp',
  LANG: 'C.UTF-8',
  LC_ALL: 'C.UTF-8',
  HTTPS_PROXY: 'http://proxy:3128',
  no_proxy: 'localhost',
  SSL_CERT_FILE: '/etc/ssl/ca.pem',
  INPUT_TOKEN: 'ghs_input',
  GITHUB_TOKEN: 'ghs_env',
  ACTIONS_RUNTIME_TOKEN: 'runtime',
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token',
  GITHUB_WORKSPACE: '/work',
  AWS_SECRET_ACCESS_KEY: 'aws',
  TRIVY_IGNOREFILE: '/work/.trivyignore',
  CONFTEST_POLICY: '/work/evil',
  HELM_PLUGINS: '/work/plugins',
  TRIVY_USERNAME: 'robot',
  TRIVY_PASSWORD: 'registry-secret',
  DOCKER_CONFIG: '/home/runner/.docker'
}

describe('toolEnv', () => {
  it('keeps only what a tool needs to run and reach the network', () => {
    expect(toolEnv({}, RUNNER_ENV)).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/runner',
      TMPDIR: '/tmp',
      LANG: 'C.UTF-8',
      LC_ALL: 'C.UTF-8',
      HTTPS_PROXY: 'http://proxy:3128',
      no_proxy: 'localhost',
      SSL_CERT_FILE: '/etc/ssl/ca.pem'
    })
  })

  it('leaves the network settings out for a tool that needs no network (conftest)', () => {
    expect(toolEnv({ network: false }, RUNNER_ENV)).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/runner',
      TMPDIR: '/tmp',
      LANG: 'C.UTF-8',
      LC_ALL: 'C.UTF-8'
    })
  })

  it('adds registry credentials only when asked (image scans, the DB download)', () => {
    const env = toolEnv({ registryCredentials: true }, RUNNER_ENV)
    expect(env).toMatchObject({
      TRIVY_USERNAME: 'robot',
      TRIVY_PASSWORD: 'registry-secret',
      DOCKER_CONFIG: '/home/runner/.docker'
    })
    expect(Object.keys(env)).not.toContain('TRIVY_IGNOREFILE')
    expect(Object.keys(env)).not.toContain('GITHUB_TOKEN')
  })

  it('is what runTool gives a tool by default, in an empty working directory', async () => {
    process.env.INPUT_TOKEN = 'ghs_should_not_leak'
    try {
      const { stdout } = await runTool('sh', ['-c', 'env; echo "cwd=$(pwd)"; ls -A'], {
        timeoutMs: 5_000
      })
      expect(stdout).not.toContain('ghs_should_not_leak')
      const lines = stdout.trim().split('\n')
      // The last line is `cwd=...`: nothing listed after it, so the directory was empty.
      expect(lines.at(-1)).toMatch(/^cwd=.*hardening-cwd-/)
      expect(lines.at(-1)).not.toContain(process.cwd())
    } finally {
      delete process.env.INPUT_TOKEN
    }
  })
})

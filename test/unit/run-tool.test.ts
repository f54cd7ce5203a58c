import { describe, expect, it } from 'vitest'
import { runTool, ToolError } from '../../src/util/run-tool.js'

describe('runTool', () => {
  it('passes arguments as data, never through a shell', async () => {
    const hostile = '$(touch /tmp/pwned); `id`; | cat /etc/passwd'
    const { stdout } = await runTool('printf', ['%s', hostile], { timeoutMs: 5_000 })
    expect(stdout).toBe(hostile)
  })

  it('stops a tool that hangs at the timeout and says so', async () => {
    await expect(runTool('sleep', ['30'], { timeoutMs: 200 })).rejects.toThrow(
      /did not finish within 0\.2s and was stopped/
    )
  })

  it('reports a crash with the tail of stderr', async () => {
    const error = await runTool(
      'sh',
      ['-c', 'echo "panic: runtime error: index out of range" >&2; exit 2'],
      {
        timeoutMs: 5_000
      }
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ToolError)
    expect((error as Error).message).toBe(
      'sh exited with code 2. stderr: panic: runtime error: index out of range'
    )
  })

  it('accepts the exit codes a tool uses for "found problems"', async () => {
    const { exitCode } = await runTool('sh', ['-c', 'exit 1'], {
      timeoutMs: 5_000,
      okExitCodes: [0, 1]
    })
    expect(exitCode).toBe(1)
  })

  it('reports a missing binary clearly', async () => {
    await expect(runTool('/nonexistent/trivy', [], { timeoutMs: 5_000 })).rejects.toThrow(
      /Could not start \/nonexistent\/trivy/
    )
  })
})

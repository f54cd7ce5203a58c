import { describe, expect, it } from 'vitest'
import { runTool, startTool, ToolError } from '../../src/util/run-tool.js'

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

describe('startTool', () => {
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
  const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length

  it('gives the tool its input on standard input when it is ready', async () => {
    const tool = await startTool('cat', [], { timeoutMs: 5_000 })
    await pause(50)
    expect((await tool.finish('{"reviews": []}')).stdout).toBe('{"reviews": []}')
  })

  it('runs the timeout from the input, not from the start', async () => {
    // The wait for the input is longer than the timeout; what follows the input (cat echoing
    // it) has the whole timeout: 200 ms was tight for a busy 2-core CI machine.
    const tool = await startTool('cat', [], { timeoutMs: 1_500 })
    await pause(2_000)
    expect((await tool.finish('late')).stdout).toBe('late')
  })

  it('stops a tool whose input never comes, before it sees the end of its input', async () => {
    // Closing the input first let cat exit 0 about once in a hundred cancels (a conftest would
    // have run on an empty input): many cancels, so that order shows.
    for (let i = 0; i < 200; i++) {
      const tool = await startTool('cat', [], { timeoutMs: 60_000 })
      // Returns only once cat is gone: cat would wait for its input forever.
      await tool.cancel()
      await expect(tool.finish('too late')).rejects.toThrow(/cat was killed by SIGKILL/)
    }
  })

  it('reports a tool that exited before its input, and leaves no timer behind', async () => {
    const tool = await startTool('sh', ['-c', 'echo "bad flag" >&2; exit 2'], { timeoutMs: 60_000 })
    await pause(200)
    const before = timers()
    await expect(tool.finish('x'.repeat(1 << 20))).rejects.toThrow(
      'sh exited with code 2. stderr: bad flag'
    )
    expect(timers()).toBe(before)
  })
})

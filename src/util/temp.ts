import { mkdtemp } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

/**
 * A fresh directory only this process can use (mkdtemp: mode 0700), outside the checkout:
 * under RUNNER_TEMP on a runner (emptied after every job), else the OS temp dir.
 */
export function privateTempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(process.env.RUNNER_TEMP || os.tmpdir(), prefix))
}

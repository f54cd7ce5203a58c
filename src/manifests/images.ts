import { readFile } from 'node:fs/promises'
import type { Location } from '../findings/model.js'
import { collectFiles } from './load.js'
import { relativePosix } from '../util/posix-path.js'

const REFERENCING_FILE =
  /\.(ya?ml)$|^(Dockerfile|Containerfile)([.-].*)?$|\.(Dockerfile|Containerfile)$/i
const IMAGE_LINE = /^\s*(?:-\s*)?image:\s*["']?([^\s"'#]+)["']?/
const FROM_LINE = /^\s*FROM\s+(?:--platform=\S+\s+)?(\S+)/i

/**
 * The first place in the repository that names each image (a manifest's `image:` line or a
 * Dockerfile's `FROM` line), so image findings can point at the line that pulls the image in.
 */
export async function findImageReferences(
  workspace: string,
  root: string
): Promise<Map<string, Location>> {
  const { files } = await collectFiles(workspace, [root], (name) => REFERENCING_FILE.test(name))
  const references = new Map<string, Location>()
  for (const file of files) {
    const text = await readFile(file, 'utf8').catch(() => '')
    if (text.includes('\u0000')) continue
    const relative = relativePosix(workspace, file)
    text.split('\n').forEach((line, index) => {
      const image = (IMAGE_LINE.exec(line) ?? FROM_LINE.exec(line))?.[1]
      if (image && !references.has(image))
        references.set(image, { path: relative, startLine: index + 1 })
    })
  }
  return references
}

// The SBOM files of `sbom: true`: one CycloneDX document per scanned image and one for the
// repository, under `<output-dir>/sbom/`. Image references come from the inputs and tarball
// names from the checkout, so a file name is derived from the reference, never taken from it.
import { createHash } from 'node:crypto'
import path from 'node:path'

/** What the pipeline writes for one scanned target that came with an SBOM. */
export interface SbomOutput {
  /** `repository`, or the image reference / tarball as the `images` input names it. */
  target: string
  /** Absolute path of the file under `<output-dir>/sbom/`. */
  file: string
  /** The CycloneDX JSON text, as Trivy wrote it. */
  content: string
}

const SLUG_LENGTH = 60

/**
 * The file name of a target's SBOM: `repository.cdx.json` for the repository; for an image, a
 * readable slug of its reference plus a hash of the whole reference, so that no two references
 * share a file (`a/b:c` and `a_b:c`) and none can name a path (`..`, `/`, `\`).
 */
export function sbomFileName(scanner: string, target: string): string {
  if (scanner === 'repository') return 'repository.cdx.json'
  const slug = target
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._-]+/, '')
    .slice(0, SLUG_LENGTH)
  const hash = createHash('sha256').update(target).digest('hex').slice(0, 12)
  return `${slug ? `${slug}-` : ''}${hash}.cdx.json`
}

/** The SBOM files of the outcomes that carry one, in outcome order. */
export function sbomOutputs(
  outcomes: ReadonlyArray<{ scanner: string; target: string; sbom?: string }>,
  outputDir: string
): SbomOutput[] {
  return outcomes.flatMap(({ scanner, target, sbom }) =>
    sbom === undefined
      ? []
      : [
          {
            target,
            file: path.join(outputDir, 'sbom', sbomFileName(scanner, target)),
            content: sbom
          }
        ]
  )
}

import type { Finding } from '../findings/model.js'

/**
 * One verified change to one manifest file that resolves one or more findings. Lines are 1-based
 * and inclusive in the file as scanned; `replacement` replaces lines startLine..endLine whole
 * (it ends with a newline unless the file's last line had none), so a GitHub suggestion block
 * on those lines and a rewrite of the file apply the same change.
 */
export interface LineEdit {
  startLine: number
  endLine: number
  replacement: string
}

export interface FileFix {
  /** Repo-relative POSIX path, as in Finding.location.path. */
  path: string
  /** Non-overlapping, sorted by startLine. */
  edits: LineEdit[]
  /** Fingerprints of the findings this fix resolves (verified by re-evaluation). */
  resolves: string[]
}

/** A finding no safe fix exists for, and why (the comment lists these with the CLI command). */
export interface ManualFix {
  finding: Finding
  reason: string
}

export interface FixPlan {
  fixes: FileFix[]
  manual: ManualFix[]
}

/**
 * Pinned release archives of the tools the action downloads. Each SHA-256 is the upstream
 * release asset's hash as published in the release's checksums file (cross-checked against
 * independent public pins of the same asset). A platform without an entry here is verified
 * against the release's checksums file instead, and the action warns that the pin is weaker.
 */
export type Platform = 'linux-x64' | 'linux-arm64' | 'darwin-x64' | 'darwin-arm64' | 'win32-x64'
export type ToolName = 'trivy' | 'conftest'

interface ToolRelease {
  /** `owner/repo` on the release host. */
  repository: string
  assetName(version: string, platform: Platform): string
  checksumsName(version: string): string
}

/** Tool → version → platform → SHA-256 of the release archive. */
export type PinTable = Partial<Record<ToolName, Record<string, Partial<Record<Platform, string>>>>>

const TRIVY_PLATFORMS: Record<Platform, string> = {
  'linux-x64': 'Linux-64bit.tar.gz',
  'linux-arm64': 'Linux-ARM64.tar.gz',
  'darwin-x64': 'macOS-64bit.tar.gz',
  'darwin-arm64': 'macOS-ARM64.tar.gz',
  'win32-x64': 'windows-64bit.zip'
}

const CONFTEST_PLATFORMS: Record<Platform, string> = {
  'linux-x64': 'Linux_x86_64.tar.gz',
  'linux-arm64': 'Linux_arm64.tar.gz',
  'darwin-x64': 'Darwin_x86_64.tar.gz',
  'darwin-arm64': 'Darwin_arm64.tar.gz',
  'win32-x64': 'Windows_x86_64.zip'
}

export const RELEASES: Record<ToolName, ToolRelease> = {
  trivy: {
    repository: 'aquasecurity/trivy',
    assetName: (version, platform) => `trivy_${version}_${TRIVY_PLATFORMS[platform]}`,
    checksumsName: (version) => `trivy_${version}_checksums.txt`
  },
  conftest: {
    repository: 'open-policy-agent/conftest',
    assetName: (version, platform) => `conftest_${version}_${CONFTEST_PLATFORMS[platform]}`,
    checksumsName: () => 'checksums.txt'
  }
}

export const PINNED_SHA256: PinTable = {
  trivy: {
    '0.74.0': {
      'linux-x64': '2ae6fe3ee734b7fdf11335663e18c75ea12dccc76062f09f164a3b0f8be4371a',
      'linux-arm64': 'b94ce1976bbf3c15b514b605ee88be7c6d94a29be2302847ff01cb794d47aad5',
      'darwin-x64': '472816f6888dda689d075c30254d4210b4d1035acf365aa72332f584c2f60485',
      'darwin-arm64': '1caada5e0e2091909357c7525d3aa76f4b660b13821bc143b190c7483e31cc11',
      'win32-x64': '94c40e0696e4b907a74b7b2e1438d5d72ebaca83115817407f568a002d520842'
    }
  },
  conftest: {
    '0.71.1': {
      'linux-x64': 'c3f6b2a753bd56e377a1e51a95ae3e057f926f2e9139f7d5b5dfbbaf810f7985'
    }
  }
}

/** Trivy v0.69.4 to v0.69.6 were published by attackers (March 2026); never install them. */
export const COMPROMISED_VERSIONS: Partial<Record<ToolName, string[]>> = {
  trivy: ['0.69.4', '0.69.5', '0.69.6']
}

export function currentPlatform(
  os: NodeJS.Platform = process.platform,
  arch: string = process.arch
): Platform {
  const platform = `${os}-${arch}`
  const supported: Platform[] = [
    'linux-x64',
    'linux-arm64',
    'darwin-x64',
    'darwin-arm64',
    'win32-x64'
  ]
  if (!(supported as string[]).includes(platform)) {
    throw new Error(`Unsupported runner platform ${platform}; supported: ${supported.join(', ')}.`)
  }
  return platform as Platform
}

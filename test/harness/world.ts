// Everything a user's network would serve, on loopback, in one call: the OCI registry with the
// fixture images and Trivy DB, the release server, and the GitHub API server.
import { startFixtureRegistry, type FixtureRegistry, type PushOptions } from './fixtures.js'
import { startGitHubApi, type GitHubApiOptions, type GitHubApiServer } from './github-api.js'
import {
  startReleaseServer,
  type ReleaseServer,
  type ReleaseServerOptions
} from './release-server.js'

export interface OfflineWorldOptions {
  /** Start the registry (default true). `false` for air-gapped scenarios. */
  registry?: boolean
  push?: PushOptions
  /** Start the release server (default true). */
  releases?: boolean | ReleaseServerOptions
  /** Start the GitHub API server (default true). */
  api?: boolean | GitHubApiOptions
}

export interface OfflineWorld {
  registry?: FixtureRegistry
  releases?: ReleaseServer
  api?: GitHubApiServer
  /** Action inputs that point the action at the loopback services (`db-repository`, `tool-mirror`). */
  inputs: Record<string, string>
  /** Extra environment for the action's step (empty today: Trivy, via go-containerregistry, speaks plain HTTP to 127.0.0.1 registries by itself, as it would to a user's loopback mirror). */
  env: Record<string, string>
  stop(): Promise<void>
}

export async function startOfflineWorld(o: OfflineWorldOptions = {}): Promise<OfflineWorld> {
  const started: Array<{ stop(): Promise<void> }> = []
  const stop = async (): Promise<void> => {
    await Promise.allSettled(started.splice(0).map((s) => s.stop()))
  }
  try {
    const registry = o.registry === false ? undefined : await startFixtureRegistry(o.push)
    if (registry) started.push(registry)
    const releases =
      o.releases === false
        ? undefined
        : await startReleaseServer(typeof o.releases === 'object' ? o.releases : {})
    if (releases) started.push(releases)
    const api =
      o.api === false ? undefined : await startGitHubApi(typeof o.api === 'object' ? o.api : {})
    if (api) started.push(api)
    const inputs: Record<string, string> = {}
    if (registry) inputs['db-repository'] = registry.dbRepository
    if (releases) inputs['tool-mirror'] = releases.url
    return { registry, releases, api, inputs, env: {}, stop }
  } catch (e) {
    await stop()
    throw e
  }
}

// The offline end-to-end harness: import from here.
export {
  HARNESS_DIR,
  REPO_ROOT,
  TOOLS_BIN,
  CACHE_DIR,
  FIXTURES_DIR,
  NODE20,
  NODE24,
  tool,
  hasTool,
  requireTool
} from './paths.js'
export { run, runOk, tail, type RunResult, type RunOptions } from './proc.js'
export { startRegistry, type Registry } from './registry.js'
export {
  startAuthRegistry,
  type AuthRegistry,
  type AuthLogEntry,
  type Credential,
  type RegistryAuthMode,
  type RegistryAuthOptions
} from './registry-auth.js'
export {
  buildFixtures,
  buildHarnessBinary,
  pushFixtures,
  startFixtureRegistry,
  type Fixtures,
  type FixtureImage,
  type FixtureRegistry,
  type PushOptions
} from './fixtures.js'
export {
  startReleaseServer,
  releaseSpec,
  buildReleaseArchive,
  TRIVY_RELEASE,
  CONFTEST_RELEASE,
  type ReleaseServer,
  type ReleaseServerOptions,
  type ReleaseSpec,
  type Fault,
  type ToolName
} from './release-server.js'
export {
  startGitHubApi,
  fillerComments,
  readOnlyTokenFaults,
  BOT_LOGIN,
  type GitHubApiServer,
  type GitHubApiOptions,
  type ApiFault,
  type IssueComment,
  type PullFile,
  type PullReview,
  type ReviewComment,
  type SeedReviewComment,
  type SarifUpload,
  type SeedComment
} from './github-api.js'
export { OpenApi, githubOpenApi } from './openapi.js'
export {
  runAction,
  githubContext,
  inputEnvName,
  parseFileCommand,
  parseWorkflowCommands,
  availableNodes,
  type ActionRun,
  type RunActionOptions,
  type EventName,
  type EventOptions,
  type WorkflowCommand
} from './runner.js'
export { tar, tarGz, sha256, checksumsFile, type TarEntry } from './archive.js'
export { startOfflineWorld, type OfflineWorld, type OfflineWorldOptions } from './world.js'

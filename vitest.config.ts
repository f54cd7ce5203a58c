import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    // @actions/workflow-parser imports its JSON schemas without an import attribute, which Node's
    // ESM loader rejects; inlining lets Vite transform it (test/workflows/parser.test.ts).
    server: { deps: { inline: ['@actions/workflow-parser'] } }
  }
})

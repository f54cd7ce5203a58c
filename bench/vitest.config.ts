import { defineConfig } from 'vitest/config'

// Benchmarks that need the TypeScript test harness run through vitest, but never in `make test`.
export default defineConfig({
  test: {
    include: ['bench/**/*.bench-run.ts'],
    testTimeout: 3_600_000,
    hookTimeout: 3_600_000
  }
})

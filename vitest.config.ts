import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Tests import the runtime by its package name, as a user's service does, and get its sources,
 * so a test never runs a stale build. The packed packages are tested separately (test/package).
 */
const runtime = (file: string) => fileURLToPath(new URL(`./src/${file}`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^metrics-kit$/, replacement: runtime('index.ts') },
      { find: /^metrics-kit\/(node|bun|deno)$/, replacement: runtime('$1.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Generous: CI has two cores, and tests start runtimes, compilers and Prometheus.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    testTimeout: 30_000,
    // vitest leaves one core free by default, which on a 2-core runner is a single worker: most files
    // here wait on a child process (the CLI or the Action), so every core can run one.
    maxWorkers: availableParallelism(),
    // CI reads the counts from the JSON report; people read the default one.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'test-results.json' },
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Browser suites start Chromium; keep the machine's two cores for them and the server under test.
    maxWorkers: 2,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: files run two at a time; each builds its own database and ports.
    maxWorkers: 2,
    pool: 'forks',
    environment: 'node',
  },
});

import { defineConfig } from 'vitest/config';
import solid from 'vite-plugin-solid';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: files run two at a time; each builds its own database and ports.
    maxWorkers: 2,
    pool: 'forks',
    projects: [
      {
        // Server, collaboration and end-to-end tests: plain Node (no Solid plugin: it would
        // switch module resolution to browser builds and break `ws`).
        extends: true,
        test: {
          name: 'node',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: ['test/client/**', '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        // Component and store tests of the web client: Solid's JSX transform, in jsdom.
        extends: true,
        plugins: [solid()],
        test: {
          name: 'client',
          include: ['test/client/**/*.test.ts', 'test/client/**/*.test.tsx'],
          environment: 'jsdom',
        },
      },
    ],
  },
});

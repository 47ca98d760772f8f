import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Many tests run the CLI as child processes (Node + tsx start-up each); on a loaded 2-core
    // machine a test of several commands passed 60 s. A limit, not a measurement: speed is benched.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});

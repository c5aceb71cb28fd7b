import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Browser tests poll for what the page shows after proofs of work and key derivations,
    // which take seconds on two busy cores; one second (the default) made them flaky.
    expect: { poll: { timeout: 15_000 } },
  },
});

import { defineConfig } from 'vitest/config';

const shared = {
  environment: 'node',
  // better-sqlite3 and ffmpeg children are happiest in separate processes.
  pool: 'forks',
  testTimeout: 60_000,
  hookTimeout: 120_000,
} as const;

export default defineConfig({
  test: {
    // Two test files at a time even on a 2-core machine (vitest's default there is one): most files wait
    // on ffmpeg, hub processes or PostgreSQL far more than they compute.
    maxWorkers: 2,
    projects: [
      {
        // A worker keeps what it has imported from one test file to the next: importing the core and the
        // hub anew for every file cost about as much as running the files' tests. Every test makes its
        // own cores, hubs and folders, so nothing else is shared.
        test: {
          ...shared,
          name: 'default',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          exclude: ['tests/unit/main/**'],
          isolate: false,
        },
      },
      // The Electron main process's tests replace `electron` with a stand-in (vi.mock): each file alone.
      { test: { ...shared, name: 'main', include: ['tests/unit/main/**/*.test.ts'] } },
      {
        // The hub suite once more, every hub on PostgreSQL: one throwaway cluster for the run, a database per hub.
        test: {
          ...shared,
          name: 'hub-postgres',
          include: ['tests/integration/hub/**/*.test.ts'],
          // About upgrading the SQLite file itself.
          exclude: ['tests/integration/hub/migrations.test.ts'],
          env: { HUB_DATABASE: 'postgres' },
          isolate: false,
          globalSetup: ['tests/support/postgres-global-setup.ts'],
        },
      },
    ],
  },
});

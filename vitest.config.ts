import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Main-process code runs on plain Node here: `electron` is replaced by a recording test double.
const electronDouble = { electron: resolve('test/support/electron-double.ts') };
// electron-store imports `electron` itself: inline it so the alias reaches it too.
const inlineElectronUsers = { deps: { inline: ['electron-store'] } };

/** A project that runs main-process code (and the bridge) on Node, with the Electron double. */
function nodeProject(name: string, include: string, options: Record<string, unknown> = {}) {
  return {
    test: {
      name,
      environment: 'node' as const,
      include: [include],
      alias: electronDouble,
      server: inlineElectronUsers,
      ...options,
    },
  };
}

/** Chromium-driving projects: slow to start, and one browser at a time on two cores. */
const browserProject = { testTimeout: 60_000, hookTimeout: 60_000, fileParallelism: false };

export default defineConfig({
  test: {
    projects: [
      nodeProject('main', 'test/main/**/*.test.ts', {
        setupFiles: ['test/support/leak-guard.ts'],
        testTimeout: 20_000,
        // expect.poll's default second is too short on a loaded two-core machine (a poll only waits this long
        // when it would fail otherwise).
        expect: { poll: { timeout: 10_000 } },
      }),
      nodeProject('keychain-down', 'test/keychain-down/**/*.test.ts'),
      // Locks the test keyring: run alone, in a keyring session of its own (see scripts/test.sh).
      nodeProject('keychain-locked', 'test/keychain-locked/**/*.test.ts', { testTimeout: 20_000 }),
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          // The renderer runs against the real main core in the same process (see test/support/renderer-backend.ts).
          alias: electronDouble,
          server: inlineElectronUsers,
          setupFiles: [
            'test/support/renderer-setup.ts',
            'test/renderer/dom-setup.ts',
            'test/support/leak-guard.ts',
          ],
          // jsdom plus the UI primitives make a full user flow take a few seconds.
          testTimeout: 20_000,
        },
      },
      nodeProject('e2e', 'test/e2e/**/*.test.ts', {
        setupFiles: ['test/support/leak-guard.ts'],
        ...browserProject,
      }),
      // `npm run screenshots`: PNGs of the main states into docs/screenshots/; never part of `npm test`.
      nodeProject('screenshots', 'test/screenshots/**/*.test.ts', browserProject),
      // Speed figures for `npm run bench`; never part of `npm test`.
      nodeProject('bench', 'test/bench/**/*.bench.test.ts', { ...browserProject, testTimeout: 600_000 }),
    ],
  },
});

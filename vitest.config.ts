import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Main-process code runs on plain Node here: `electron` is replaced by a recording test double.
const electronDouble = { electron: resolve('test/support/electron-double.ts') };
// electron-store imports `electron` itself: inline it so the alias reaches it too.
const inlineElectronUsers = { deps: { inline: ['electron-store'] } };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'main',
          environment: 'node',
          include: ['test/main/**/*.test.ts'],
          setupFiles: ['test/support/leak-guard.ts'],
          alias: electronDouble,
          server: inlineElectronUsers,
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'keychain-down',
          environment: 'node',
          include: ['test/keychain-down/**/*.test.ts'],
          alias: electronDouble,
          server: inlineElectronUsers,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['test/support/renderer-setup.ts', 'test/renderer/dom-setup.ts'],
          // jsdom plus the UI primitives make a full user flow take a few seconds.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          setupFiles: ['test/support/leak-guard.ts'],
          alias: electronDouble,
          server: inlineElectronUsers,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        // `npm run screenshots`: PNGs of the main states into docs/screenshots/; never part of `npm test`.
        test: {
          name: 'screenshots',
          environment: 'node',
          include: ['test/screenshots/**/*.test.ts'],
          alias: electronDouble,
          server: inlineElectronUsers,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        // Speed figures for `npm run bench`; never part of `npm test`.
        test: {
          name: 'bench',
          environment: 'node',
          include: ['test/bench/**/*.bench.test.ts'],
          alias: electronDouble,
          server: inlineElectronUsers,
          testTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

// @ts-check
/**
 * `npm run mutate`: mutation testing (StrykerJS) of main-process and shared code against the `main` vitest
 * project (vitest.mutate.config.ts). Not part of `npm test`: a full run takes about an hour on two cores.
 * It runs inside the private test keyring (scripts/with-test-keyring.sh, see package.json), like the tests.
 *
 * To test some files only: npm run mutate -- --mutate 'src/main/keychain/**\/*.ts,src/shared/**\/*.ts'
 * With their own area's tests only (much faster for code every test passes through, a lower-bound score):
 * MUTATE_TESTS='test/main/rotation.test.ts' npm run mutate -- --mutate 'src/main/rotation/*.ts' --timeoutMS 3000
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts' },
  mutate: ['src/main/**/*.ts', 'src/shared/**/*.ts', '!src/**/*.d.ts'],
  coverageAnalysis: 'perTest',
  // Two cores: one test process per core.
  concurrency: 2,
  // Added to each mutant's measured test time before it counts as a timeout (an endless loop): several
  // tests wait on real sockets and the real keychain, and a loaded machine must not turn them into timeouts.
  timeoutMS: 10_000,
  // A rerun tests only the mutants whose code or covering tests changed since the last run. The file is
  // committed: each session gets a fresh work tree, so an ignored one would never be there for the next run.
  // A static mutant (module-level code: constants, schemas) has no covering tests, so new tests never make
  // it rerun: after adding tests for such code, rerun its file with --force (npm run mutate -- --force
  // --mutate <file>) before trusting its score.
  incremental: true,
  incrementalFile: 'test/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
  // Not needed by the main tests. out/ is (the IPC test reads the built preload, test/support/built-preload.ts).
  ignorePatterns: [
    'reports',
    'docs',
    'src/renderer/**',
    // …but the theme test reads the design tokens (the window's background is the page's own), and the app
    // lifecycle test has app:// serve the page.
    '!src/renderer/src/',
    '!src/renderer/src/styles/',
    '!src/renderer/src/styles/tokens.css',
    '!src/renderer/index.html',
    'test/renderer',
    'test/e2e',
    'test/bench',
    'test/screenshots',
  ],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};

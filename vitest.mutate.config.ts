/**
 * The `main` project of vitest.config.ts alone, for `npm run mutate` (Stryker runs every project a config
 * holds; only main's tests run on plain Node without a browser).
 */
import { configDefaults, defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import type { Reporter, Vitest } from 'vitest/node';
import base from './vitest.config';

/**
 * A test file that fails as a whole (a mutant that makes a module throw on import, a failing afterAll) runs no
 * test, and Stryker's vitest runner counts only failed tests: it would report such a mutant "Survived" after 0
 * tests. Recording the file's errors as run errors makes Stryker see the run fail (a RuntimeError, never a
 * survivor).
 */
function fileErrorsFailTheRun(): Reporter {
  let vitest: Vitest | undefined;
  return {
    onInit(ctx) {
      vitest = ctx;
    },
    onTestRunEnd(testModules) {
      for (const module of testModules) {
        // A real Error: Stryker's runner prints it, and a serialized one (no prototype) crashes that.
        for (const { message } of module.errors()) {
          vitest?.state.catchError(new Error(`${module.moduleId}: ${message}`), 'Test file error');
        }
      }
    },
  };
}

/**
 * MUTATE_TESTS (comma-separated globs) runs only those test files: an area's own tests for its mutants. Code used
 * by nearly every test (the delivery path, the rotation state) otherwise makes each mutant run dozens of files,
 * the snippet servers among them. A mutant only other areas' tests would kill then survives: the score is a
 * lower bound.
 */
const onlyTests = process.env.MUTATE_TESTS?.split(',').filter(Boolean);

const main = (base.test?.projects ?? []).find(
  (project): project is TestProjectInlineConfiguration =>
    typeof project === 'object' && 'test' in project && project.test?.name === 'main',
);
if (!main) throw new Error('vitest.config.ts has no project named main');

export default defineConfig({
  test: {
    reporters: ['default', fileErrorsFailTheRun()],
    projects: [
      {
        ...main,
        test: {
          ...main.test,
          ...(onlyTests && { include: onlyTests }),
          // Stryker learns which tests cover a mutant from the test running when its code runs: tests run
          // concurrently (describe.concurrent) would be credited with each other's code.
          maxConcurrency: 1,
          // These run the core in a child process, which never has Stryker's active mutant: they cannot kill
          // one, and would add their seconds to every mutant of the code they start.
          exclude: [
            ...configDefaults.exclude,
            'test/main/regenerate-crash.test.ts',
            'test/main/rotation-crash.test.ts',
            'test/main/keytar-unloadable.test.ts',
          ],
        },
        plugins: [
          {
            // Stryker asks vitest for worker threads, and the keychain's native module (keytar over libsecret)
            // crashes the whole process in one. This runs after Stryker's options are applied: child
            // processes, vitest's default, as in `npm test`.
            name: 'hookwarden:mutate-in-forks',
            configureVitest({ project }) {
              project.config.pool = 'forks';
            },
          },
        ],
      },
    ],
  },
});

/**
 * The `main` project of vitest.config.ts alone, for `npm run mutate` (Stryker runs every project a config
 * holds; only main's tests run on plain Node without a browser).
 */
import { configDefaults, defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import base from './vitest.config';

const main = (base.test?.projects ?? []).find(
  (project): project is TestProjectInlineConfiguration =>
    typeof project === 'object' && 'test' in project && project.test?.name === 'main',
);
if (!main) throw new Error('vitest.config.ts has no project named main');

export default defineConfig({
  test: {
    projects: [
      {
        ...main,
        test: {
          ...main.test,
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

/**
 * npm run mutate:areas [-- name…]: runs Stryker over each area of test/mutation/areas.json (all of them, or the
 * named ones), one after another: the area's source files against its own test files (MUTATE_TESTS), with
 * --force so tests added since the last run count. Each run updates the incremental record, which
 * `npm run mutate:score` reads. An area that fails (a failing test in the initial run) stops the rest.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const { areas } = JSON.parse(readFileSync(new URL('../test/mutation/areas.json', import.meta.url), 'utf8'));
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !areas.some((area) => area.name === name));
if (unknown.length > 0) {
  console.error(`No such area: ${unknown.join(', ')}. Areas: ${areas.map((a) => a.name).join(', ')}`);
  process.exit(2);
}

for (const area of areas.filter((a) => wanted.length === 0 || wanted.includes(a.name))) {
  console.log(`\n=== ${area.name} (${new Date().toISOString()})`);
  const args = [
    'stryker',
    'run',
    '--force',
    '--mutate',
    area.mutate.join(','),
    '--timeoutMS',
    String(area.timeoutMS ?? 10_000),
  ];
  const run = spawnSync('scripts/with-test-keyring.sh', ['npx', ...args], {
    stdio: 'inherit',
    env: { ...process.env, MUTATE_TESTS: area.tests.join(',') },
  });
  if (run.status !== 0) {
    console.error(`=== ${area.name} failed (exit ${run.status}); the areas after it were not run.`);
    process.exit(run.status ?? 1);
  }
}

/**
 * The preload as `npm run build` writes it (out/preload/index.cjs), for the tests that check the built bundle.
 * A fresh clone has no out/: it is built here then (electron-vite builds main, preload and renderer in seconds).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const BUILT_PRELOAD = resolve('out/preload/index.cjs');

/** The sources the preload bundle is made of: a change to any of them needs a new build. */
const PRELOAD_SOURCES = [
  ...readdirSync(resolve('src/preload')).map((name) => join('src/preload', name)),
  'src/shared/channel-names.ts',
];

export function ensureBuiltPreload(): void {
  if (existsSync(BUILT_PRELOAD)) return;
  try {
    execFileSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], {
      stdio: 'pipe',
      timeout: 120_000,
    });
  } catch (error) {
    const output = (error as { stderr?: Buffer }).stderr?.toString() ?? (error as Error).message;
    throw new Error(`${BUILT_PRELOAD} is missing and building it failed; run \`npm run build\`.\n${output}`);
  }
  if (!existsSync(BUILT_PRELOAD)) {
    throw new Error(`\`electron-vite build\` did not write ${BUILT_PRELOAD}; run \`npm run build\`.`);
  }
}

export function readBuiltPreload(): string {
  ensureBuiltPreload();
  return readFileSync(BUILT_PRELOAD, 'utf8');
}

/** A note for a failing check of the built bundle: which sources changed after it was built, if any. */
export function builtPreloadNote(): string {
  const builtAt = statSync(BUILT_PRELOAD).mtimeMs;
  const newer = PRELOAD_SOURCES.filter((source) => statSync(resolve(source)).mtimeMs > builtAt);
  return newer.length === 0
    ? `checked ${BUILT_PRELOAD}`
    : `${BUILT_PRELOAD} is older than ${newer.join(', ')}: run \`npm run build\``;
}

/**
 * The first screen's JavaScript budget (issue 15): index.html's entry script and its static imports, gzipped, at
 * most 120 KB in the production build (`npm run build`; `npm test` builds first). Lazy chunks do not count.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  FIRST_SCREEN_BUDGET_GZIP,
  firstScreenScripts,
  lazyScripts,
  totals,
} from '../support/renderer-bundle';
import { tempDir } from '../support/temp';

const BUILT = 'out/renderer';

/** A built renderer in a temp dir: index.html and the given files under assets/. */
function fakeBuild(entry: string, files: Record<string, string>): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><script type="module" crossorigin src="./assets/${entry}"></script>`,
  );
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'assets', name), text);
  return dir;
}

const FILES = {
  'entry.js': 'import{a}from"./a.js";const open=()=>import("./lazy.js");console.log(a,open);',
  'a.js': 'export*from"./shared.js";export const a=1;',
  'shared.js': 'export const s=2;',
  'lazy.js': 'import{s}from"./shared.js";export const z=s;',
};

describe('what the first screen loads', () => {
  it('is the entry script and its static imports, followed through every file, never a dynamic import', () => {
    const scripts = firstScreenScripts(fakeBuild('entry.js', FILES));
    expect(scripts.map(({ file }) => file).sort()).toEqual([
      'assets/a.js',
      'assets/entry.js',
      'assets/shared.js',
    ]);
    const counted = [FILES['entry.js'], FILES['a.js'], FILES['shared.js']];
    expect(totals(scripts)).toEqual({
      bytes: counted.reduce((sum, text) => sum + text.length, 0),
      gzipBytes: counted.reduce((sum, text) => sum + gzipSync(text).length, 0),
    });
    expect(lazyScripts(fakeBuild('entry.js', FILES)).map(({ file }) => file)).toEqual(['assets/lazy.js']);
  });

  it('goes over the budget when a static import is too big, and not when the same code is loaded lazily', () => {
    const big = `/*${randomBytes(2 * FIRST_SCREEN_BUDGET_GZIP).toString('base64')}*/`;
    const eager = fakeBuild('entry.js', { ...FILES, 'shared.js': `${big}export const s=2;` });
    expect(totals(firstScreenScripts(eager)).gzipBytes).toBeGreaterThan(FIRST_SCREEN_BUDGET_GZIP);
    const lazy = fakeBuild('entry.js', { ...FILES, 'lazy.js': `${big}export const z=3;` });
    expect(totals(firstScreenScripts(lazy)).gzipBytes).toBeLessThan(1024);
  });
});

describe('the production build', () => {
  it('loads at most 120 KB of gzipped JavaScript before the first screen; the JSON editor (CodeMirror) stays lazy', () => {
    expect(existsSync(join(BUILT, 'index.html')), `no ${BUILT}: run npm run build first`).toBe(true);
    const scripts = firstScreenScripts(BUILT);
    const sizes = scripts.map(({ file, gzipBytes }) => `${file} ${gzipBytes}`).join(', ');
    expect(totals(scripts).gzipBytes, sizes).toBeLessThanOrEqual(FIRST_SCREEN_BUDGET_GZIP);
    expect(scripts.some(({ file }) => file.includes('JsonEditor'))).toBe(false);
    expect(lazyScripts(BUILT).some(({ file }) => file.includes('JsonEditor'))).toBe(true);
  });
});

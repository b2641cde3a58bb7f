/**
 * The renderer's JavaScript as `npm run build` leaves it (bench.sh builds first): what loads before the first
 * screen, against its budget (issue 15), and each chunk loaded later.
 */
import { expect, it } from 'vitest';
import {
  FIRST_SCREEN_BUDGET_GZIP,
  firstScreenScripts,
  lazyScripts,
  totals,
  type Script,
} from '../support/renderer-bundle';
import { report } from './measure';

const BUILT = 'out/renderer';
const kb = (bytes: number) => Number((bytes / 1024).toFixed(1));
const row = (file: string, { bytes, gzipBytes }: Omit<Script, 'file'>) => ({
  file,
  KB: kb(bytes),
  'KB gzip': kb(gzipBytes),
});

it('the first screen loads at most 120 KB of gzipped JavaScript; the rest loads when the UI asks for it', () => {
  const first = firstScreenScripts(BUILT);
  const firstTotal = totals(first);
  report(`Renderer: the first screen's JavaScript (budget ${kb(FIRST_SCREEN_BUDGET_GZIP)} KB gzip)`, [
    ...first.map((script) => row(script.file, script)),
    row('total', firstTotal),
  ]);
  const lazy = lazyScripts(BUILT).sort((a, b) => b.gzipBytes - a.gzipBytes);
  report('Renderer: chunks loaded later (dialogs, other pages, the JSON editor)', [
    ...lazy.map((script) => row(script.file, script)),
    row('total', totals(lazy)),
  ]);
  expect(firstTotal.gzipBytes).toBeLessThanOrEqual(FIRST_SCREEN_BUDGET_GZIP);
});

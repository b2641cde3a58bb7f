import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runApp } from '../../src/main/app';
import { WINDOW_BACKGROUND, chooseTheme } from '../../src/main/shell/theme';
import { openUiStateFile } from '../../src/main/shell/ui-state-file';
import { BrowserWindow, app, nativeTheme, resetElectronDouble } from '../support/electron-double';
import { manualClock } from '../support/clock';
import { tempDir } from '../support/temp';

beforeEach(() => resetElectronDouble());

async function startWith(state?: object) {
  app.userData = tempDir();
  if (state) writeFileSync(join(app.userData, 'ui-state.json'), JSON.stringify(state));
  runApp('linux');
  app.fireReady();
  await expect.poll(() => BrowserWindow.created.length).toBe(1);
  return BrowserWindow.created[0] as BrowserWindow;
}

describe('the theme', () => {
  it("the window's background is the page's own (--bg in tokens.css), light and dark", () => {
    const tokens = readFileSync(resolve('src/renderer/src/styles/tokens.css'), 'utf8');
    const [light, dark] = [...tokens.matchAll(/--bg:\s*(#[0-9a-f]{6});/gi)].map((match) => match[1]);
    expect(WINDOW_BACKGROUND).toEqual({ light, dark });
    expect(tokens.indexOf('--bg:')).toBeLessThan(tokens.indexOf('prefers-color-scheme: dark'));
  });

  it('a stored choice of Dark is applied before the window opens: themeSource, and a dark background', async () => {
    nativeTheme.systemDark = false;
    const window = await startWith({ theme: 'dark' });
    expect(nativeTheme.themeSource).toBe('dark');
    expect(window.options.backgroundColor).toBe(WINDOW_BACKGROUND.dark);
  });

  it('a stored choice of Light wins over a dark OS', async () => {
    nativeTheme.systemDark = true;
    const window = await startWith({ theme: 'light' });
    expect(nativeTheme.themeSource).toBe('light');
    expect(window.options.backgroundColor).toBe(WINDOW_BACKGROUND.light);
  });

  it('System (the default) follows the OS, also when it switches while the app runs', async () => {
    nativeTheme.systemDark = true;
    const window = await startWith();
    expect(nativeTheme.themeSource).toBe('system');
    expect(window.options.backgroundColor).toBe(WINDOW_BACKGROUND.dark);

    nativeTheme.systemDark = false;
    nativeTheme.emit('updated');
    expect(window.backgroundColor).toBe(WINDOW_BACKGROUND.light);
    nativeTheme.systemDark = true;
    nativeTheme.emit('updated');
    expect(window.backgroundColor).toBe(WINDOW_BACKGROUND.dark);
  });

  it("choosing keeps the choice (and the window's place) in ui-state.json, never in config.json", async () => {
    const window = await startWith({
      theme: 'system',
      window: { x: 1, y: 2, width: 900, height: 700, maximized: true },
    });
    const store = openUiStateFile(app.userData, manualClock());
    chooseTheme(store, 'dark');
    expect(nativeTheme.themeSource).toBe('dark');
    expect(window.backgroundColor).toBe(WINDOW_BACKGROUND.dark);
    chooseTheme(store, 'light');
    expect(nativeTheme.themeSource).toBe('light');
    expect(window.backgroundColor).toBe(WINDOW_BACKGROUND.light);

    expect(openUiStateFile(app.userData, manualClock()).read()).toEqual({
      theme: 'light',
      window: { x: 1, y: 2, width: 900, height: 700, maximized: true },
    });
    expect(readFileSync(join(app.userData, 'config.json'), 'utf8')).not.toMatch(/theme|light/);
  });
});

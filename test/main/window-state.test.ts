import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runApp } from '../../src/main/app';
import { openUiStateFile } from '../../src/main/shell/ui-state-file';
import { DEFAULT_SIZE, createMainWindow, initialBounds } from '../../src/main/shell/window';
import {
  BrowserWindow,
  app,
  errorBoxes,
  resetElectronDouble,
  screenDouble,
} from '../support/electron-double';
import { manualClock } from '../support/clock';
import { tempDir } from '../support/temp';

beforeEach(() => resetElectronDouble());

const PRIMARY = { x: 0, y: 0, width: 1920, height: 1040 };
const LEFT_OF_PRIMARY = { x: -1280, y: 0, width: 1280, height: 1024 };

describe('where the window opens', () => {
  const saved = { x: 200, y: 100, width: 1000, height: 700, maximized: false };

  it('at its saved place when that lies on a display that still exists', () => {
    expect(initialBounds(saved, [PRIMARY])).toEqual({ x: 200, y: 100, width: 1000, height: 700 });
    const onLeft = { ...saved, x: -1200 };
    expect(initialBounds(onLeft, [PRIMARY, LEFT_OF_PRIMARY])).toEqual({
      x: -1200,
      y: 100,
      width: 1000,
      height: 700,
    });
  });

  it('centred at the default size when its display is gone or it no longer fits on one', () => {
    const centred = { width: 1200, height: 800 };
    expect(initialBounds({ ...saved, x: -1200 }, [PRIMARY])).toEqual(centred);
    expect(initialBounds({ ...saved, x: 1000 }, [PRIMARY])).toEqual(centred);
    expect(initialBounds({ ...saved, y: 400 }, [PRIMARY])).toEqual(centred);
    expect(initialBounds({ ...saved, y: -1 }, [PRIMARY])).toEqual(centred);
    expect(initialBounds(undefined, [PRIMARY])).toEqual(centred);
    expect(initialBounds(saved, [])).toEqual(centred);
    expect(DEFAULT_SIZE).toEqual(centred);
  });

  it('fits exactly into a work area', () => {
    const whole = { ...PRIMARY, maximized: false };
    expect(initialBounds(whole, [PRIMARY])).toEqual(PRIMARY);
  });
});

describe('the main window', () => {
  function open(dir = tempDir()) {
    const store = openUiStateFile(dir, manualClock());
    createMainWindow('/x/preload.cjs', 'app://hookwarden/index.html', store);
    // The double behind the Electron type createMainWindow answers with.
    const window = BrowserWindow.created.at(-1) as BrowserWindow;
    return { window, dir };
  }
  const stateFile = (dir: string) => JSON.parse(readFileSync(join(dir, 'ui-state.json'), 'utf8'));

  it('is titled Hookwarden, at least 800×600, hidden until its first paint, then shown', () => {
    const { window } = open();
    expect(window.options).toMatchObject({
      title: 'Hookwarden',
      minWidth: 800,
      minHeight: 600,
      show: false,
      width: 1200,
      height: 800,
    });
    expect(window.options).not.toHaveProperty('x');
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
    expect(window.maximized).toBe(false);
  });

  it('saves its size, place and maximised state when closed, and opens there next time', () => {
    const first = open();
    first.window.normalBounds = { x: 300, y: 150, width: 1100, height: 750 };
    first.window.maximized = true;
    first.window.emit('close');
    expect(stateFile(first.dir)).toEqual({
      theme: 'system',
      window: { x: 300, y: 150, width: 1100, height: 750, maximized: true },
    });

    const { window } = open(first.dir);
    expect(window.options).toMatchObject({ x: 300, y: 150, width: 1100, height: 750 });
    // Maximised at its first paint, not before: maximising would show it early.
    expect(window.maximized).toBe(false);
    window.emit('ready-to-show');
    expect(window.maximized).toBe(true);
    expect(window.shown).toBe(true);
  });

  it('opens centred at the default size when the display it was on is gone', () => {
    screenDouble.workAreas = [PRIMARY, LEFT_OF_PRIMARY];
    const first = open();
    first.window.normalBounds = { x: -1000, y: 100, width: 900, height: 700 };
    first.window.emit('close');
    expect(open(first.dir).window.options).toMatchObject({ x: -1000, y: 100 });

    screenDouble.workAreas = [PRIMARY];
    const { window } = open(first.dir);
    expect(window.options).toMatchObject({ width: 1200, height: 800 });
    expect(window.options).not.toHaveProperty('x');
    expect(window.options).not.toHaveProperty('y');
  });

  it('keeps the theme choice when it saves its place', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ui-state.json'), JSON.stringify({ theme: 'dark' }));
    const { window } = open(dir);
    window.emit('close');
    expect(stateFile(dir)).toMatchObject({ theme: 'dark', window: { x: 100, y: 100 } });
  });
});

describe('a state file that cannot be used', () => {
  it.each([
    ['not JSON', '{"theme": "dark", "window": {'],
    ['JSON but not an object', '[1, 2, 3]'],
  ])('(%s) is moved aside, kept as it was, and the defaults apply', (_, content) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ui-state.json'), content);
    const store = openUiStateFile(dir, manualClock());
    expect(store.read()).toEqual({ theme: 'system' });
    expect(existsSync(join(dir, 'ui-state.json'))).toBe(false);
    const aside = readdirSync(dir).filter((name) => name.startsWith('ui-state.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0] as string), 'utf8')).toBe(content);
    // The next save writes a new file.
    store.write({ theme: 'light' });
    expect(openUiStateFile(dir, manualClock()).read()).toEqual({ theme: 'light' });
  });

  it('keeps what it can: a bad window place is ignored, the theme choice stays', () => {
    const dir = tempDir();
    const content = { theme: 'dark', window: { x: 0, y: 0, width: 'wide', height: 600, maximized: false } };
    writeFileSync(join(dir, 'ui-state.json'), JSON.stringify(content));
    expect(openUiStateFile(dir, manualClock()).read()).toEqual({ theme: 'dark' });
    writeFileSync(join(dir, 'ui-state.json'), JSON.stringify({ theme: 'sepia' }));
    expect(openUiStateFile(dir, manualClock()).read()).toEqual({ theme: 'system' });
    expect(readdirSync(dir)).toEqual(['ui-state.json']);
  });

  it('one that cannot be read or written never stops the app: the defaults apply', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'ui-state.json'));
    const store = openUiStateFile(dir, manualClock());
    expect(store.read()).toEqual({ theme: 'system' });
    store.write({ theme: 'dark' });
    expect(store.read()).toEqual({ theme: 'dark' });
  });

  it('the app starts with one, and opens its window', async () => {
    app.userData = tempDir();
    writeFileSync(join(app.userData, 'ui-state.json'), '\u0000\u0001garbage');
    runApp('linux');
    app.fireReady();
    await expect.poll(() => BrowserWindow.created.length).toBe(1);
    expect(errorBoxes).toEqual([]);
    expect(BrowserWindow.created[0]?.options).toMatchObject({ width: 1200, height: 800 });
  });
});

describe('living without a window', () => {
  async function start(platform: NodeJS.Platform) {
    app.userData = tempDir();
    runApp(platform);
    app.fireReady();
    await expect.poll(() => BrowserWindow.created.length).toBe(1);
  }

  it.each(['linux', 'win32'] as const)('on %s, closing the last window quits', async (platform) => {
    await start(platform);
    app.emit('window-all-closed');
    expect(app.quitCalls).toBe(1);
  });

  it('on macOS the app stays with no window, and activate (the Dock icon) opens one again', async () => {
    await start('darwin');
    app.emit('activate');
    expect(BrowserWindow.created).toHaveLength(1);

    BrowserWindow.created = [];
    app.emit('window-all-closed');
    expect(app.quitCalls).toBe(0);
    app.emit('activate');
    expect(BrowserWindow.created).toHaveLength(1);
    expect(BrowserWindow.created[0]?.loadedUrl).toBe('app://hookwarden/index.html');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it } from 'vitest';
import { runApp } from '../../src/main/app';
import { aboutBox, menuTemplate, type MenuActions } from '../../src/main/shell/menu';
import { WINDOW_BACKGROUND } from '../../src/main/shell/theme';
import type { ThemeChoice } from '../../src/main/shell/ui-state';
import {
  BrowserWindow,
  Menu,
  app,
  errorBoxes,
  messageBoxes,
  nativeTheme,
  openPathAnswer,
  openedPaths,
  resetElectronDouble,
} from '../support/electron-double';
import { tempDir } from '../support/temp';

type Item = MenuItemConstructorOptions;

/** What the actions were asked to do, in order. */
function recordingActions(): { actions: MenuActions; calls: unknown[][] } {
  const calls: unknown[][] = [];
  return {
    calls,
    actions: {
      send: (command) => calls.push(['send', command]),
      chooseTheme: (choice) => calls.push(['chooseTheme', choice]),
      openDataFolder: () => calls.push(['openDataFolder']),
      showAbout: () => calls.push(['showAbout']),
    },
  };
}

function template(options: { platform?: NodeJS.Platform; isPackaged?: boolean; theme?: ThemeChoice } = {}) {
  const { actions, calls } = recordingActions();
  const menu = menuTemplate({
    platform: options.platform ?? 'linux',
    isPackaged: options.isPackaged ?? false,
    theme: options.theme ?? 'system',
    actions,
  });
  return { menu, calls };
}

/** A top-level menu's items, found by its label or, for role-only menus, its role. */
function submenu(menu: Item[], name: string): Item[] {
  const top = menu.find((item) => item.label === name || item.role === name);
  expect(top, `menu ${name}`).toBeDefined();
  return (top?.submenu ?? []) as Item[];
}

/** Each item as its label, else its role; separators as '—'. */
const names = (items: Item[]) =>
  items.map((item) => (item.type === 'separator' ? '—' : (item.label ?? item.role)));

function click(items: Item[], label: string): void {
  const item = items.find((candidate) => candidate.label === label);
  expect(item, `item ${label}`).toBeDefined();
  (item?.click as () => void)();
}

describe('the menu template', () => {
  it('has File, Edit, View, Window and Help on Linux and Windows', () => {
    for (const platform of ['linux', 'win32'] as const) {
      const { menu } = template({ platform });
      expect(menu.map((item) => item.label ?? item.role)).toEqual([
        'File',
        'Edit',
        'View',
        'windowMenu',
        'help',
      ]);
    }
  });

  it('File: export, export with secrets, import, then Close Window and Quit', () => {
    const file = submenu(template().menu, 'File');
    expect(names(file)).toEqual([
      'Export configuration…',
      'Export with secrets…',
      'Import configuration…',
      '—',
      'Close Window',
      'Quit',
    ]);
    expect(file.find((item) => item.label === 'Close Window')?.role).toBe('close');
    expect(file.find((item) => item.label === 'Quit')).toMatchObject({
      role: 'quit',
      accelerator: 'CmdOrCtrl+Q',
    });
  });

  it('Edit: the standard roles, so copy and paste work in text fields (macOS needs them)', () => {
    const edit = submenu(template().menu, 'Edit');
    expect(edit.filter((item) => item.role).map((item) => item.role)).toEqual([
      'undo',
      'redo',
      'cut',
      'copy',
      'paste',
      'selectAll',
    ]);
  });

  it('View: the theme as radio items, zoom, full screen, and the development items while not packaged', () => {
    const view = submenu(template({ isPackaged: false }).menu, 'View');
    expect(names(view)).toEqual([
      'Light',
      'Dark',
      'System',
      '—',
      'resetZoom',
      'zoomIn',
      'zoomOut',
      '—',
      'togglefullscreen',
      '—',
      'Reload',
      'Toggle Developer Tools',
    ]);
    expect(view.slice(0, 3).map((item) => item.type)).toEqual(['radio', 'radio', 'radio']);
    expect(view.find((item) => item.label === 'Reload')?.role).toBe('reload');
    expect(view.find((item) => item.label === 'Toggle Developer Tools')?.role).toBe('toggleDevTools');
  });

  it('a packaged app has no Reload and no Toggle Developer Tools', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const view = submenu(template({ platform, isPackaged: true }).menu, 'View');
      expect(names(view)).toEqual([
        'Light',
        'Dark',
        'System',
        '—',
        'resetZoom',
        'zoomIn',
        'zoomOut',
        '—',
        'togglefullscreen',
      ]);
    }
  });

  it.each([
    ['light', 'Light'],
    ['dark', 'Dark'],
    ['system', 'System'],
  ] as const)('the theme radio checks only the current choice (%s)', (theme, label) => {
    const view = submenu(template({ theme }).menu, 'View');
    const checked = view.filter((item) => item.type === 'radio' && item.checked).map((item) => item.label);
    expect(checked).toEqual([label]);
  });

  it('Window is the standard window menu; Help: Keyboard shortcuts, Open data folder, About Hookwarden', () => {
    const { menu } = template();
    expect(menu.find((item) => item.role === 'windowMenu')).toEqual({ role: 'windowMenu' });
    expect(names(submenu(menu, 'help'))).toEqual([
      'Keyboard shortcuts',
      'Open data folder',
      '—',
      'About Hookwarden',
    ]);
  });

  it('macOS: the app menu first (About, Hide, Hide Others, Quit); Quit and About are not repeated elsewhere', () => {
    const { menu, calls } = template({ platform: 'darwin' });
    expect(menu.map((item) => item.label ?? item.role)).toEqual([
      'Hookwarden',
      'File',
      'Edit',
      'View',
      'windowMenu',
      'help',
    ]);
    const appMenu = submenu(menu, 'Hookwarden');
    expect(names(appMenu)).toEqual(['About Hookwarden', '—', 'hide', 'hideOthers', '—', 'quit']);
    expect(names(submenu(menu, 'File'))).toEqual([
      'Export configuration…',
      'Export with secrets…',
      'Import configuration…',
      '—',
      'Close Window',
    ]);
    expect(names(submenu(menu, 'help'))).toEqual(['Keyboard shortcuts', 'Open data folder']);
    click(appMenu, 'About Hookwarden');
    expect(calls).toEqual([['showAbout']]);
  });

  it('each item asks for its own action: the File items and Keyboard shortcuts send their command', () => {
    const { menu, calls } = template();
    const file = submenu(menu, 'File');
    const help = submenu(menu, 'help');
    click(file, 'Export configuration…');
    click(file, 'Export with secrets…');
    click(file, 'Import configuration…');
    click(help, 'Keyboard shortcuts');
    click(help, 'Open data folder');
    click(help, 'About Hookwarden');
    const view = submenu(menu, 'View');
    click(view, 'Dark');
    click(view, 'Light');
    click(view, 'System');
    expect(calls).toEqual([
      ['send', 'export'],
      ['send', 'exportWithSecrets'],
      ['send', 'import'],
      ['send', 'keyboardShortcuts'],
      ['openDataFolder'],
      ['showAbout'],
      ['chooseTheme', 'dark'],
      ['chooseTheme', 'light'],
      ['chooseTheme', 'system'],
    ]);
  });

  it('About Hookwarden says the app version and the Electron, Chromium and Node versions', () => {
    expect(aboutBox('1.2.3', { electron: '45.0.1', chrome: '142.0.7444.52', node: '22.20.0' })).toEqual({
      type: 'info',
      title: 'About Hookwarden',
      message: 'Hookwarden 1.2.3',
      detail: 'Electron 45.0.1\nChromium 142.0.7444.52\nNode 22.20.0',
      buttons: ['OK'],
    });
  });
});

describe('the installed menu', () => {
  beforeEach(() => resetElectronDouble());

  async function startApp(platform: NodeJS.Platform = 'linux') {
    app.userData = tempDir();
    runApp(platform);
    app.fireReady();
    await expect.poll(() => BrowserWindow.created.length).toBe(1);
    const installed = Menu.applicationMenu?.template as Item[] | undefined;
    expect(installed).toBeDefined();
    return { menu: installed ?? [], window: BrowserWindow.created[0] as BrowserWindow };
  }

  it('is set as the application menu at start, for the platform it runs on', async () => {
    const { menu } = await startApp('darwin');
    expect(menu[0]?.label).toBe('Hookwarden');
    expect(names(submenu(menu, 'View'))).toContain('Reload');
  });

  it('a packaged app gets the menu without the development items', async () => {
    app.isPackaged = true;
    const { menu } = await startApp();
    expect(names(submenu(menu, 'View'))).not.toContain('Reload');
    expect(names(submenu(menu, 'View'))).not.toContain('Toggle Developer Tools');
  });

  it("sends 'app.menuCommand' with the item's command to the focused window only", async () => {
    const { menu, window } = await startApp();
    const other = new BrowserWindow({});
    BrowserWindow.focused = window;
    click(submenu(menu, 'File'), 'Export configuration…');
    click(submenu(menu, 'File'), 'Export with secrets…');
    click(submenu(menu, 'File'), 'Import configuration…');
    click(submenu(menu, 'help'), 'Keyboard shortcuts');
    expect(window.sent).toEqual([
      { channel: 'app.menuCommand', payload: { command: 'export' } },
      { channel: 'app.menuCommand', payload: { command: 'exportWithSecrets' } },
      { channel: 'app.menuCommand', payload: { command: 'import' } },
      { channel: 'app.menuCommand', payload: { command: 'keyboardShortcuts' } },
    ]);
    expect(other.sent).toEqual([]);
    // With no window focused (macOS, all closed) the command goes nowhere, and nothing fails.
    BrowserWindow.focused = null;
    click(submenu(menu, 'File'), 'Export configuration…');
    expect(window.sent).toHaveLength(4);
  });

  it('Open data folder opens the userData folder; a failure is shown, not swallowed', async () => {
    const { menu } = await startApp();
    click(submenu(menu, 'help'), 'Open data folder');
    expect(openedPaths).toEqual([app.userData]);
    openPathAnswer.failure = 'No application knows how to open it';
    click(submenu(menu, 'help'), 'Open data folder');
    await expect
      .poll(() => errorBoxes)
      .toEqual([
        {
          title: 'Could not open the data folder',
          content: `${app.userData}: No application knows how to open it`,
        },
      ]);
  });

  it('About Hookwarden shows the versions over the focused window', async () => {
    const { menu, window } = await startApp();
    BrowserWindow.focused = window;
    click(submenu(menu, 'help'), 'About Hookwarden');
    expect(messageBoxes).toEqual([
      {
        window,
        options: expect.objectContaining({
          title: 'About Hookwarden',
          message: 'Hookwarden 0.0.0-test',
          detail: expect.stringContaining(`Node ${process.versions.node}`),
        }),
      },
    ]);
  });

  it('a theme item applies the choice at once and keeps it for the next start', async () => {
    const { menu, window } = await startApp();
    expect(window.backgroundColor).toBe(WINDOW_BACKGROUND.light);
    click(submenu(menu, 'View'), 'Dark');
    expect(nativeTheme.themeSource).toBe('dark');
    expect(window.backgroundColor).toBe(WINDOW_BACKGROUND.dark);
    expect(JSON.parse(readFileSync(join(app.userData, 'ui-state.json'), 'utf8'))).toMatchObject({
      theme: 'dark',
    });

    const { userData } = app;
    resetElectronDouble();
    app.userData = userData;
    runApp('linux');
    app.fireReady();
    await expect.poll(() => Menu.applicationMenu).not.toBeNull();
    const view = submenu(Menu.applicationMenu?.template as Item[], 'View');
    expect(view.filter((item) => item.checked).map((item) => item.label)).toEqual(['Dark']);
    expect(nativeTheme.themeSource).toBe('dark');
  });
});

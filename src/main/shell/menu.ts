/**
 * The application menu as one template: a pure function of the platform, the build, the theme choice and what
 * the items do. `app-menu.ts` gives it Electron's actions and installs it.
 */
import type { MenuItemConstructorOptions, MessageBoxOptions } from 'electron';
import type { MenuCommand } from '../../shared/contract';
import { THEME_CHOICES, type ThemeChoice } from './ui-state';

export interface MenuActions {
  /** Asks the focused window to open one of its dialogs (the 'app.menuCommand' event). */
  send(command: MenuCommand): void;
  chooseTheme(choice: ThemeChoice): void;
  openDataFolder(): void;
  showAbout(): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** A packaged app has no "Reload" or "Toggle Developer Tools". */
  isPackaged: boolean;
  theme: ThemeChoice;
  actions: MenuActions;
}

const THEME_LABELS: Record<ThemeChoice, string> = { light: 'Light', dark: 'Dark', system: 'System' };

const separator: MenuItemConstructorOptions = { type: 'separator' };

export function menuTemplate({
  platform,
  isPackaged,
  theme,
  actions,
}: MenuOptions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const about: MenuItemConstructorOptions = { label: 'About Hookwarden', click: () => actions.showAbout() };
  const command = (label: string, name: MenuCommand): MenuItemConstructorOptions => ({
    label,
    click: () => actions.send(name),
  });
  // macOS: the app menu comes first and holds About and Quit.
  const appMenu: MenuItemConstructorOptions = {
    label: 'Hookwarden',
    submenu: [about, separator, { role: 'hide' }, { role: 'hideOthers' }, separator, { role: 'quit' }],
  };
  return [
    ...(mac ? [appMenu] : []),
    {
      label: 'File',
      submenu: [
        command('Export configuration…', 'export'),
        command('Export with secrets…', 'exportWithSecrets'),
        command('Import configuration…', 'import'),
        separator,
        { role: 'close', label: 'Close Window' },
        // Electron gives Quit no accelerator on Windows; the "Keyboard shortcuts" dialog promises Ctrl+Q everywhere.
        ...(mac ? [] : [{ role: 'quit', label: 'Quit', accelerator: 'CmdOrCtrl+Q' } as const]),
      ],
    },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        separator,
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        ...THEME_CHOICES.map((choice): MenuItemConstructorOptions => ({
          label: THEME_LABELS[choice],
          type: 'radio',
          checked: choice === theme,
          click: () => actions.chooseTheme(choice),
        })),
        separator,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        separator,
        { role: 'togglefullscreen' },
        ...(isPackaged
          ? []
          : [
              separator,
              { role: 'reload', label: 'Reload' } as const,
              { role: 'toggleDevTools', label: 'Toggle Developer Tools' } as const,
            ]),
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        command('Keyboard shortcuts', 'keyboardShortcuts'),
        { label: 'Open data folder', click: () => actions.openDataFolder() },
        ...(mac ? [] : [separator, about]),
      ],
    },
  ];
}

/** "About Hookwarden": the app's version and the Electron, Chromium and Node it runs on. */
export function aboutBox(
  appVersion: string,
  versions: { electron: string; chrome: string; node: string },
): MessageBoxOptions {
  return {
    type: 'info',
    title: 'About Hookwarden',
    message: `Hookwarden ${appVersion}`,
    detail: `Electron ${versions.electron}\nChromium ${versions.chrome}\nNode ${versions.node}`,
    buttons: ['OK'],
  };
}

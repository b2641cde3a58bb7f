/** The application menu's adapter: menu.ts's template, given Electron's actions, installed. */
import { BrowserWindow, Menu, app, dialog, shell } from 'electron';
import type { EventPayloads } from '../../shared/contract';
import { aboutBox, menuTemplate } from './menu';
import { chooseTheme } from './theme';
import type { UiStateStore } from './ui-state';

export function installAppMenu(store: UiStateStore, platform: NodeJS.Platform): void {
  const template = menuTemplate({
    platform,
    isPackaged: app.isPackaged,
    theme: store.read().theme,
    actions: {
      send(command) {
        const payload: EventPayloads['app.menuCommand'] = { command };
        BrowserWindow.getFocusedWindow()?.webContents.send('app.menuCommand', payload);
      },
      chooseTheme: (choice) => chooseTheme(store, choice),
      openDataFolder() {
        const folder = app.getPath('userData');
        void shell.openPath(folder).then((failure) => {
          if (failure) dialog.showErrorBox('Could not open the data folder', `${folder}: ${failure}`);
        });
      },
      showAbout() {
        const box = aboutBox(app.getVersion(), process.versions);
        const window = BrowserWindow.getFocusedWindow();
        void (window ? dialog.showMessageBox(window, box) : dialog.showMessageBox(box));
      },
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** The native file pickers (Electron's dialog) and the disk (node:fs) for export and import: the adapter. */
import { BrowserWindow, dialog } from 'electron';
import type { TransferFiles } from '../transfer/ports';
import { readTransferFile, writeTransferFile } from '../transfer/disk-files';

const EXPORT_FILTERS = [
  { name: 'Hookwarden export', extensions: ['json', 'age'] },
  { name: 'All files', extensions: ['*'] },
];

export const electronTransferFiles: TransferFiles = {
  async chooseSaveFile(defaultName) {
    const window = BrowserWindow.getFocusedWindow();
    const options = { defaultPath: defaultName, filters: EXPORT_FILTERS };
    const { canceled, filePath } = window
      ? await dialog.showSaveDialog(window, options)
      : await dialog.showSaveDialog(options);
    return canceled || !filePath ? null : filePath;
  },

  async chooseOpenFile() {
    const window = BrowserWindow.getFocusedWindow();
    const options = { properties: ['openFile' as const], filters: EXPORT_FILTERS };
    const { canceled, filePaths } = window
      ? await dialog.showOpenDialog(window, options)
      : await dialog.showOpenDialog(options);
    return canceled ? null : (filePaths[0] ?? null);
  },

  read: readTransferFile,
  write: writeTransferFile,
};

/**
 * The export/import file pickers (transfer-files.ts) against the Electron double's dialog: what they ask the
 * dialog (over the focused window, if any) and what each answer becomes.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { electronTransferFiles } from '../../src/main/shell/transfer-files';
import { BrowserWindow, dialog, dialogAnswers, resetElectronDouble } from '../support/electron-double';

const FILTERS = [
  { name: 'Hookwarden export', extensions: ['json', 'age'] },
  { name: 'All files', extensions: ['*'] },
];

beforeEach(() => resetElectronDouble());
afterEach(() => {
  vi.restoreAllMocks();
  dialogAnswers.save = null;
  dialogAnswers.open = null;
});

describe('chooseSaveFile', () => {
  it('offers the default name and the export filters, with no parent when no window has focus', async () => {
    const shown = vi.spyOn(dialog, 'showSaveDialog');
    dialogAnswers.save = '/home/me/export.json';
    expect(await electronTransferFiles.chooseSaveFile('hookwarden-configuration.json')).toBe(
      '/home/me/export.json',
    );
    expect(shown.mock.calls).toEqual([[{ defaultPath: 'hookwarden-configuration.json', filters: FILTERS }]]);
  });

  it('opens over the focused window', async () => {
    const window = new BrowserWindow({});
    BrowserWindow.focused = window;
    const shown = vi.spyOn(dialog, 'showSaveDialog');
    dialogAnswers.save = '/home/me/export.json.age';
    expect(await electronTransferFiles.chooseSaveFile('x.json.age')).toBe('/home/me/export.json.age');
    expect(shown.mock.calls).toEqual([[window, { defaultPath: 'x.json.age', filters: FILTERS }]]);
  });

  it('cancelled: null', async () => {
    dialogAnswers.save = null;
    expect(await electronTransferFiles.chooseSaveFile('x.json')).toBeNull();
  });

  it('not cancelled but with an empty path (as some platforms answer): null', async () => {
    dialogAnswers.save = '';
    expect(await electronTransferFiles.chooseSaveFile('x.json')).toBeNull();
  });
});

describe('chooseOpenFile', () => {
  it('asks for one existing file with the export filters, with no parent when no window has focus', async () => {
    const shown = vi.spyOn(dialog, 'showOpenDialog');
    dialogAnswers.open = '/home/me/export.json';
    expect(await electronTransferFiles.chooseOpenFile()).toBe('/home/me/export.json');
    expect(shown.mock.calls).toEqual([[{ properties: ['openFile'], filters: FILTERS }]]);
  });

  it('opens over the focused window', async () => {
    const window = new BrowserWindow({});
    BrowserWindow.focused = window;
    const shown = vi.spyOn(dialog, 'showOpenDialog');
    dialogAnswers.open = '/home/me/export.json.age';
    expect(await electronTransferFiles.chooseOpenFile()).toBe('/home/me/export.json.age');
    expect(shown.mock.calls).toEqual([[window, { properties: ['openFile'], filters: FILTERS }]]);
  });

  it('cancelled: null', async () => {
    dialogAnswers.open = null;
    expect(await electronTransferFiles.chooseOpenFile()).toBeNull();
  });

  it('not cancelled but with no file: null', async () => {
    vi.spyOn(dialog, 'showOpenDialog').mockResolvedValueOnce({ canceled: false, filePaths: [] });
    expect(await electronTransferFiles.chooseOpenFile()).toBeNull();
  });
});

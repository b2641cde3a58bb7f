/**
 * Export and import of the configuration (File → "Export configuration…", "Export with secrets…", "Import
 * configuration…"), and reading the configuration again when it changed outside this window. Main asks where
 * to save and which file to open; a passphrase goes straight to main and is never kept in a store.
 */
import type { MenuCommand } from '../../../../shared/contract';
import type { ImportChoices, ImportPreview, ImportResult } from '../../../../shared/transfer';
import { call, subscribe } from '../../lib/ipc';
import { useApis } from '../../stores/apis';
import { reportError } from '../../stores/status';
import { toast } from '../../stores/toasts';
import { useTransfer } from '../../stores/transfer';
import { loadSettings } from '../deliveries/actions';
import { refreshWebhooks } from '../webhooks/actions';

function saved(path: string | null): void {
  if (path !== null) toast(`Configuration exported to ${path}`);
}

/** "Export configuration…": no secret in the file; main asks where to save it. Nothing said when cancelled. */
export async function exportConfiguration(): Promise<void> {
  try {
    saved((await call('transfer.export', { withSecrets: false })).path);
  } catch (error) {
    toast(`The configuration could not be exported: ${reportError(error).message}`, 'error');
  }
}

/** "Export with secrets…": every signing secret, encrypted with the passphrase; resolves false if cancelled. */
export async function exportWithSecrets(passphrase: string): Promise<boolean> {
  const { path } = await call('transfer.export', { withSecrets: true, passphrase });
  saved(path);
  return path !== null;
}

/** "Import configuration…": main's open dialog, then the import dialog for the file (none if cancelled). */
export async function startImport(): Promise<void> {
  try {
    const file = await call('transfer.openImport');
    if (file) useTransfer.getState().open({ kind: 'import', file });
  } catch (error) {
    toast(`The file could not be opened: ${reportError(error).message}`, 'error');
  }
}

/** What importing the picked file would do; reads (and decrypts) it in full, changes nothing. */
export function previewImport(token: string, passphrase?: string): Promise<ImportPreview> {
  return call('transfer.previewImport', { token, passphrase });
}

/** Imports the picked file, all or nothing, then shows the configuration as it now is. */
export async function applyImport(token: string, choices: ImportChoices): Promise<ImportResult> {
  const result = await call('transfer.applyImport', { token, choices });
  await reloadConfiguration();
  return result;
}

/**
 * Reads the APIs, the shown API's webhooks and the settings again, in place (the screen keeps its selection
 * and does not flash "Loading…").
 */
export async function reloadConfiguration(): Promise<void> {
  try {
    useApis.getState().loaded(await call('apis.list'));
  } catch (error) {
    reportError(error); // the APIs on screen stay as they were
  }
  await Promise.all([refreshWebhooks(), loadSettings()]);
}

/** config.json changed outside this window (the command line): read it again. Returns the unsubscribe. */
export function followConfigChanges(): () => void {
  return subscribe('config.changed', () => void reloadConfiguration());
}

/** Does what the application menu's items ask ("Keyboard shortcuts" is the window's). Returns the unsubscribe. */
export function followMenuCommands(showShortcuts: () => void): () => void {
  const commands: Record<MenuCommand, () => void> = {
    export: () => void exportConfiguration(),
    exportWithSecrets: () => useTransfer.getState().open({ kind: 'exportWithSecrets' }),
    import: () => void startImport(),
    keyboardShortcuts: showShortcuts,
  };
  return subscribe('app.menuCommand', ({ command }) => commands[command]());
}

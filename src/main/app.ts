/** App lifecycle only: single-instance lock, security hooks, protocol, services, IPC, theme, menu, window. */
import { join } from 'node:path';
import { BrowserWindow, app, dialog, ipcMain, protocol, session, shell } from 'electron';
import ElectronStore from 'electron-store';
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME, createAppRequestHandler } from './shell/app-protocol';
import { systemClipboard } from './shell/clipboard';
import { openConfigStore } from './config/store';
import { watchProfile } from './profile-watch';
import { openDeliveryLogLazily } from './deliveries/log-store';
import { createHttpClient } from './deliveries/http-client';
import { listenHttp } from './inbox/http-listener';
import { createNetworkProbes } from './preflight/network-probes';
import { electronTransferFiles } from './shell/transfer-files';
import { createKeytarVault } from './keychain/keytar-vault';
import { ownTopFrameCheck } from './ipc/handle';
import { channelHandlers, registerIpc } from './ipc/register';
import { guardContents, denyAllPermissions } from './shell/security';
import { startServices } from './services';
import { systemClock } from './ports';
import { createMainWindow } from './shell/window';
import { openUiStateFile } from './shell/ui-state-file';
import { applyStoredTheme } from './shell/theme';
import { installAppMenu } from './shell/app-menu';

const outDir = join(import.meta.dirname, '..');
const devServerUrl = process.env.ELECTRON_RENDERER_URL;

function onReady(platform: NodeJS.Platform): void {
  denyAllPermissions(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppRequestHandler(join(outDir, 'renderer')));

  const dataDir = app.getPath('userData');
  const opened = openConfigStore(dataDir, systemClock, (options) => new ElectronStore(options));
  const deliveryLog = openDeliveryLogLazily(dataDir, systemClock);
  const services = startServices({
    config: opened.store,
    vault: createKeytarVault(),
    clipboard: systemClipboard,
    clock: systemClock,
    emit: (event, payload) => {
      for (const window of BrowserWindow.getAllWindows()) window.webContents.send(event, payload);
    },
    deliveryLog,
    http: createHttpClient(),
    listen: listenHttp,
    probes: createNetworkProbes(),
    transferFiles: electronTransferFiles,
    startupNotices: opened.notices,
  });
  // The command line changes the same profile: its config changes and its delivery records show up here.
  const stopWatching = watchProfile(dataDir, opened.store, services);
  const trustedOrigins = devServerUrl ? [APP_ORIGIN, new URL(devServerUrl).origin] : [APP_ORIGIN];
  registerIpc(ipcMain, channelHandlers(services), ownTopFrameCheck(trustedOrigins));

  let clipboardCleared = false;
  app.on('will-quit', (event) => {
    stopWatching();
    // The delivery log writes in bursts: whatever is pending reaches the file before the app exits.
    deliveryLog.flush();
    // The Inbox's port is free again once the app is gone.
    void services.inbox.stop();
    // A copied secret must not outlive the app: quitting waits for the clipboard check once.
    if (clipboardCleared) return;
    event.preventDefault();
    void services.secrets.clearCopied().finally(() => {
      clipboardCleared = true;
      app.quit();
    });
  });
  const uiState = openUiStateFile(dataDir, systemClock);
  applyStoredTheme(uiState);
  installAppMenu(uiState, platform);
  const openWindow = () =>
    createMainWindow(join(outDir, 'preload', 'index.cjs'), devServerUrl ?? APP_ENTRY_URL, uiState);
  openWindow();
  // macOS: the app lives on with no window; clicking its Dock icon opens one again.
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  // The window and the list need no secret: the keychain is checked after, and its result arrives as notices.
  void services.keychain.startupCheck();
}

export function runApp(platform: NodeJS.Platform = process.platform): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // Must happen before ready: app:// behaves like https (secure, standard origin).
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
  app.on('web-contents-created', (_event, contents) => guardContents(contents, shell));
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit();
  });
  app
    .whenReady()
    .then(() => onReady(platform))
    .catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      console.error('[hookwarden] could not start:', reason);
      dialog.showErrorBox('Hookwarden could not start', reason);
      app.quit();
    });
}

import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { APP_ORIGIN, createAppRequestHandler, resolveAppFile } from '../../src/main/shell/app-protocol';
import { runApp } from '../../src/main/app';
import {
  CONTENT_SECURITY_POLICY,
  CONTENT_SECURITY_POLICY_META,
  denyAllPermissions,
  guardContents,
  openExternalSafely,
} from '../../src/main/shell/security';
import { secureWebPreferences } from '../../src/main/shell/window';
import {
  BrowserWindow,
  app,
  clipboardDouble,
  errorBoxes,
  ipcHandlers,
  protocolDouble,
  resetElectronDouble,
  sessionDouble,
  shell,
  shellCalls,
} from '../support/electron-double';
import { OWN_FRAME } from '../support/main-harness';
import { tempDir } from '../support/temp';
import { CHANNELS } from '../../src/shared/contract';

beforeEach(() => resetElectronDouble());

describe('window', () => {
  it('isolates the renderer: context isolation, sandbox, no Node, web security on, no spellchecker', () => {
    expect(secureWebPreferences('/x/preload.cjs')).toMatchObject({
      preload: '/x/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
  });
});

describe('app:// protocol', () => {
  const root = join(tempDir(), 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, '..', 'outside-secret.txt'), 'outside');

  it('serves files inside the renderer folder with the CSP header', async () => {
    const handler = createAppRequestHandler(root);
    const page = await handler(new Request(`${APP_ORIGIN}/index.html`));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const script = await handler(new Request(`${APP_ORIGIN}/assets/app.js`));
    expect(await script.text()).toBe('console.log(1)');
    expect(script.headers.get('content-type')).toMatch(/javascript/);
  });

  it.each([
    `${APP_ORIGIN}/../outside-secret.txt`,
    `${APP_ORIGIN}/%2e%2e/outside-secret.txt`,
    `${APP_ORIGIN}/assets/%2e%2e%2f%2e%2e%2foutside-secret.txt`,
    `${APP_ORIGIN}/..%5coutside-secret.txt`,
    `${APP_ORIGIN}/index.html%00.png`,
    'app://other/index.html',
    'https://hookwarden/index.html',
  ])('refuses %s (path traversal or foreign origin)', async (url) => {
    const file = await resolveAppFile(root, url);
    expect(file === null || file.startsWith(root + '/')).toBe(true);
    const response = await createAppRequestHandler(root)(new Request(url));
    expect(response.status).toBe(404);
  });

  describe('symlinks', () => {
    const outside = join(root, '..', 'outside');
    const sibling = join(root, '..', 'renderer-x'); // shares the root's name as a prefix
    mkdirSync(outside);
    mkdirSync(sibling);
    writeFileSync(join(outside, 'secret.txt'), 'outside');
    writeFileSync(join(sibling, 'secret.txt'), 'sibling');
    symlinkSync(join(root, '..', 'outside-secret.txt'), join(root, 'file-out.txt'));
    symlinkSync(outside, join(root, 'dir-out'));
    symlinkSync(sibling, join(root, 'dir-sibling'));
    symlinkSync(join(root, 'assets', 'app.js'), join(root, 'alias.js'));

    it.each(['file-out.txt', 'dir-out/secret.txt', 'dir-sibling/secret.txt'])(
      'refuses /%s, a symlink that leads outside the renderer folder',
      async (path) => {
        const url = `${APP_ORIGIN}/${path}`;
        expect(await resolveAppFile(root, url)).toBeNull();
        const response = await createAppRequestHandler(root)(new Request(url));
        expect(response.status).toBe(404);
      },
    );

    it('serves a symlink that stays inside the renderer folder', async () => {
      const response = await createAppRequestHandler(root)(new Request(`${APP_ORIGIN}/alias.js`));
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('console.log(1)');
      expect(response.headers.get('content-type')).toMatch(/javascript/);
    });
  });

  it('has a CSP that allows no remote or inline script and no network, word for word', () => {
    const documentPolicy =
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
      "font-src 'self'; connect-src 'none'; base-uri 'none'; form-action 'none'";
    expect(CONTENT_SECURITY_POLICY_META).toBe(documentPolicy);
    // The header adds what a <meta> tag cannot carry.
    expect(CONTENT_SECURITY_POLICY).toBe(`${documentPolicy}; frame-ancestors 'none'`);
  });
});

describe('navigation, windows and permissions', () => {
  function fakeContents() {
    const listeners: Record<string, (event: { preventDefault(): void }, url: string) => void> = {};
    let openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
    return {
      on: (event: 'will-navigate', listener: (event: { preventDefault(): void }, url: string) => void) => {
        listeners[event] = listener;
      },
      setWindowOpenHandler: (handler: (details: { url: string }) => { action: 'deny' }) => {
        openHandler = handler;
      },
      navigate(url: string) {
        let prevented = false;
        listeners['will-navigate']?.({ preventDefault: () => (prevented = true) }, url);
        return prevented;
      },
      open: (url: string) => openHandler?.({ url }),
    };
  }

  it('prevents every navigation and denies every new window; https links go to the browser only', () => {
    const contents = fakeContents();
    guardContents(contents, shell);
    expect(contents.navigate('https://evil.example/')).toBe(true);
    expect(contents.navigate('app://hookwarden/other.html')).toBe(true);
    expect(contents.open('https://docs.example.com/webhooks')).toEqual({ action: 'deny' });
    expect(contents.open('http://insecure.example/')).toEqual({ action: 'deny' });
    expect(contents.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(shellCalls).toEqual(['https://docs.example.com/webhooks']);
  });

  it('opens only https URLs externally', () => {
    expect(openExternalSafely(shell, 'https://example.com/a')).toBe(true);
    for (const url of ['javascript:alert(1)', 'smb://host/share', 'not a url', 'http://example.com']) {
      expect(openExternalSafely(shell, url)).toBe(false);
    }
    expect(shellCalls).toEqual(['https://example.com/a']);
  });

  it('denies every permission request and check', () => {
    let granted: boolean | undefined;
    const session = {
      setPermissionRequestHandler: (h: (c: unknown, p: string, cb: (g: boolean) => void) => void) =>
        h(null, 'media', (g) => (granted = g)),
      setPermissionCheckHandler: (h: () => boolean) => expect(h()).toBe(false),
    };
    denyAllPermissions(session);
    expect(granted).toBe(false);
  });
});

describe('app lifecycle', () => {
  it('quits at once when another instance holds the single-instance lock', () => {
    app.singleInstanceLock = false;
    runApp();
    expect(app.quitCalls).toBe(1);
    expect(protocolDouble.privileged).toEqual([]);
    expect(app.listeners.size).toBe(0);
  });

  it('on ready: denies permissions, serves app://, registers every channel and opens one secure window', async () => {
    app.userData = tempDir();
    runApp();
    expect(protocolDouble.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(app.listeners.has('web-contents-created')).toBe(true);
    app.fireReady();
    await expect.poll(() => BrowserWindow.created.length).toBe(1);

    const [window] = BrowserWindow.created;
    expect(window?.loadedUrl).toBe('app://hookwarden/index.html');
    expect((window?.options.webPreferences as Record<string, unknown>).sandbox).toBe(true);
    // The smallest size the UI is built and tested for.
    expect(window?.options).toMatchObject({ minWidth: 800, minHeight: 600 });
    expect((window?.options.webPreferences as Record<string, unknown>).preload).toMatch(
      /preload[/\\]index\.cjs$/,
    );
    expect([...ipcHandlers.keys()].sort()).toEqual([...CHANNELS].sort());
    expect(protocolDouble.handlers.has('app')).toBe(true);
    expect(errorBoxes).toEqual([]);
    let granted: boolean | undefined;
    sessionDouble.permissionRequestHandler?.(
      ...([null, 'geolocation', (g: boolean) => (granted = g)] as never[]),
    );
    expect(granted).toBe(false);
  });

  it('shows the reason and quits when it cannot start (config unreadable)', async () => {
    app.userData = join(tempDir(), 'not-a-dir');
    writeFileSync(app.userData, 'a file where the data folder should be');
    runApp();
    app.fireReady();
    await expect.poll(() => errorBoxes.length).toBe(1);
    expect(errorBoxes[0]).toMatchObject({
      title: 'Hookwarden could not start',
      content: expect.stringMatching(/Could not open the configuration/),
    });
    expect(app.quitCalls).toBe(1);
    expect(BrowserWindow.created).toEqual([]);
  });

  it('on quit, a copied secret still on the clipboard is cleared before the app exits', async () => {
    app.userData = tempDir();
    runApp();
    app.fireReady();
    await expect.poll(() => BrowserWindow.created.length).toBe(1);
    const call = async (channel: string, input?: unknown) => {
      const result = (await ipcHandlers.get(channel)?.({ senderFrame: OWN_FRAME }, input)) as {
        ok: boolean;
        data: { id: string };
      };
      expect(result.ok).toBe(true);
      return result.data;
    };
    const api = await call('apis.create', { name: 'Quit test', versions: ['v1'] });
    const hook = await call('webhooks.create', { apiId: api.id, version: 'v1', url: 'https://e.com/q' });
    const quit = async () => {
      const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
      const quitsBefore = app.quitCalls;
      app.emit('will-quit', event);
      return { event, quitted: () => app.quitCalls > quitsBefore };
    };

    await call('secrets.copy', { id: hook.id });
    expect(clipboardDouble.text).toMatch(/^whsec_/);
    const first = await quit();
    expect(first.event.defaultPrevented).toBe(true);
    await expect.poll(first.quitted).toBe(true);
    expect(clipboardDouble.text).toBe('');
    // The quit it held back goes through the second time.
    expect((await quit()).event.defaultPrevented).toBe(false);
  });
});

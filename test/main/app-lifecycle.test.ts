/**
 * The app's lifecycle (src/main/app.ts, runApp) on the Electron double (vitest.config.ts aliases `electron` to
 * test/support/electron-double.ts, and electron-store is inlined so it gets the double too): what it registers
 * before ready, what it starts on ready, and what each app event does. The config store is the real
 * electron-store in a temp dir; the keychain is the real one (the test keyring, scripts/with-test-keyring.sh).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { runApp } from '../../src/main/app';
import { APP_ENTRY_URL } from '../../src/main/shell/app-protocol';
import { CHANNELS } from '../../src/shared/channel-names';
import type { InvokeEvent } from '../../src/main/ipc/handle';
import type * as ProfileWatch from '../../src/main/profile-watch';
import * as electron from '../support/electron-double';
import { freePort } from '../support/free-port';
import { acceptsConnections } from '../support/receiver';
import { tempDir } from '../support/temp';

type Double = typeof electron;

/** Every profile watch the app started, as the stop function it got back (the real watch, observed). */
const watches = vi.hoisted(() => ({ stops: [] as Mock<() => void>[] }));
vi.mock('../../src/main/profile-watch', async (importOriginal) => {
  const real = await importOriginal<typeof ProfileWatch>();
  return {
    ...real,
    watchProfile: (...args: Parameters<typeof real.watchProfile>) => {
      const stop = vi.fn(real.watchProfile(...args));
      watches.stops.push(stop);
      return stop;
    },
  };
});

const PRELOAD = resolve('src/preload/index.cjs');
const OWN_FRAME = { url: APP_ENTRY_URL, parent: null };

/** The doubles of the apps a test started, to quit them after it (Electron's quit runs the app's 'will-quit'). */
const started: Double[] = [];

beforeEach(() => electron.resetElectronDouble());

afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  for (const e of started.splice(0)) {
    if (!e.app.listeners.has('will-quit')) continue;
    const quitsBefore = e.app.quitCalls;
    // Held back the first time only, until the clipboard is checked.
    if (willQuit(e).defaultPrevented) await expect.poll(() => e.app.quitCalls).toBeGreaterThan(quitsBefore);
  }
  for (const stop of watches.stops.splice(0)) stop();
});

/** The first instance, started and ready: onReady has run once this resolves (its reaction was registered first). */
async function start(platform: NodeJS.Platform = 'linux', e: Double = electron, run = runApp) {
  e.app.userData = tempDir();
  run(platform);
  started.push(e);
  e.app.fireReady();
  await e.app.whenReady();
  expect(e.errorBoxes).toEqual([]);
  expect(e.BrowserWindow.created).toHaveLength(1);
  return e.BrowserWindow.created[0] as electron.BrowserWindow;
}

/** What the renderer gets back from a channel, called from the given frame. */
async function invoke(
  channel: string,
  input?: unknown,
  frame: InvokeEvent['senderFrame'] = OWN_FRAME,
  e: Double = electron,
) {
  const handler = e.ipcHandlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return (await handler({ senderFrame: frame }, input)) as
    { ok: true; data: Record<string, unknown> } | { ok: false; error: { code: string } };
}

async function ok(channel: string, input?: unknown) {
  const result = await invoke(channel, input);
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  return result.data;
}

function willQuit(e: Double = electron) {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  e.app.emit('will-quit', event);
  return event;
}

/** Lets the promise reactions queued so far (and the ones they queue) run. */
const settle = () => new Promise((resolvePromise) => setImmediate(resolvePromise));

describe('a second instance', () => {
  it('quits at once and registers nothing: no scheme, no app event, nothing on ready', async () => {
    electron.app.singleInstanceLock = false;
    runApp('linux');
    expect(electron.app.quitCalls).toBe(1);
    expect(electron.protocolDouble.privileged).toEqual([]);
    expect(electron.app.listeners.size).toBe(0);

    electron.app.fireReady();
    await settle();
    expect(electron.protocolDouble.handlers.size).toBe(0);
    expect(electron.ipcHandlers.size).toBe(0);
    expect(electron.BrowserWindow.created).toEqual([]);
    expect(electron.app.quitCalls).toBe(1);
  });

  it('the first instance does not quit', () => {
    runApp('linux');
    expect(electron.app.quitCalls).toBe(0);
  });
});

describe('before ready', () => {
  it('makes app:// a privileged scheme (standard, secure, fetch) and serves nothing yet', () => {
    runApp('linux');
    expect(electron.protocolDouble.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(electron.protocolDouble.handlers.size).toBe(0);
    expect(electron.ipcHandlers.size).toBe(0);
    expect(electron.BrowserWindow.created).toEqual([]);
  });

  it('guards every web contents created: no navigation, no new window, https links to the browser', () => {
    runApp('linux');
    const navigations: ((event: { preventDefault(): void }, url: string) => void)[] = [];
    let openHandler: ((details: { url: string }) => { action: string }) | null = null;
    const contents = {
      on(event: string, listener: (event: { preventDefault(): void }, url: string) => void) {
        if (event === 'will-navigate') navigations.push(listener);
      },
      setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
        openHandler = handler;
      },
    };
    electron.app.emit('web-contents-created', {}, contents);

    expect(navigations).toHaveLength(1);
    let prevented = false;
    navigations[0]?.({ preventDefault: () => (prevented = true) }, 'https://elsewhere.example/');
    expect(prevented).toBe(true);
    const open = openHandler as ((details: { url: string }) => { action: string }) | null;
    expect(open?.({ url: 'https://docs.example.com/' })).toEqual({ action: 'deny' });
    expect(open?.({ url: 'http://docs.example.com/' })).toEqual({ action: 'deny' });
    expect(electron.shellCalls).toEqual(['https://docs.example.com/']);
  });

  describe("'second-instance' (the user starts the app again)", () => {
    it('restores the minimised window and focuses it', () => {
      runApp('linux');
      const window = new electron.BrowserWindow({});
      window.minimize();
      electron.app.emit('second-instance');
      expect(window.restores).toBe(1);
      expect(window.isMinimized()).toBe(false);
      expect(electron.BrowserWindow.focused).toBe(window);
    });

    it('only focuses a window that is not minimised (on Windows, restore would unmaximise it)', () => {
      runApp('linux');
      const window = new electron.BrowserWindow({});
      electron.app.emit('second-instance');
      expect(window.restores).toBe(0);
      expect(electron.BrowserWindow.focused).toBe(window);
    });

    it('does nothing, and does not fail, with no window open', () => {
      runApp('darwin');
      expect(() => electron.app.emit('second-instance')).not.toThrow();
      expect(electron.BrowserWindow.focused).toBeNull();
    });
  });

  it.each([
    ['linux', 1],
    ['win32', 1],
    ['darwin', 0],
  ] as const)(
    "'window-all-closed' on %s quits %i time(s) (macOS apps live on with no window)",
    (platform, quits) => {
      runApp(platform);
      electron.app.emit('window-all-closed');
      expect(electron.app.quitCalls).toBe(quits);
    },
  );
});

describe('on ready', () => {
  it('denies every permission request and check on the default session', async () => {
    await start();
    let granted: boolean | undefined;
    const { permissionRequestHandler, permissionCheckHandler } = electron.sessionDouble;
    permissionRequestHandler?.(...([null, 'media', (answer: boolean) => (granted = answer)] as never[]));
    expect(granted).toBe(false);
    expect(permissionCheckHandler?.()).toBe(false);
  });

  it('serves app:// from the built renderer folder next to main', async () => {
    await start();
    const handler = electron.protocolDouble.handlers.get('app');
    expect(handler).toBeDefined();
    const page = await handler?.(new Request(APP_ENTRY_URL));
    expect(page?.status).toBe(200);
    // From source, main's folder is src/main: the renderer folder beside it is src/renderer.
    expect(await page?.text()).toBe(readFileSync(resolve('src/renderer/index.html'), 'utf8'));
  });

  it('registers a handler for every channel, and accepts calls from the app origin only', async () => {
    await start();
    expect([...electron.ipcHandlers.keys()].sort()).toEqual([...CHANNELS].sort());
    expect(await invoke('apis.list')).toEqual({ ok: true, data: [] });
    for (const url of ['http://localhost:5173/', 'https://evil.example/index.html'])
      expect(await invoke('apis.list', undefined, { url, parent: null })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
  });

  it('opens one window on the app entry, with the preload built beside main', async () => {
    const window = await start();
    expect(window.loadedUrl).toBe(APP_ENTRY_URL);
    expect((window.options.webPreferences as Record<string, unknown>).preload).toBe(PRELOAD);
  });

  it("checks the keychain once the window is up: its result reaches the window as the notices' event", async () => {
    const window = await start();
    await expect
      .poll(() => window.sent)
      .toContainEqual({ channel: 'app.noticesChanged', payload: { notices: [] } });
  });

  it("sends main's events to every window", async () => {
    const window = await start();
    const other = new electron.BrowserWindow({});
    const port = await freePort();
    const inbox = await ok('inbox.start', { port });
    const api = await ok('apis.create', { name: 'Events', versions: ['v1'] });
    const hook = await ok('webhooks.create', { apiId: api.id, version: 'v1', url: `${inbox.url}/hooks` });
    const sent = await ok('deliveries.send', { webhookId: hook.id });
    expect(sent.outcome).toBe('success');
    for (const each of [window, other]) {
      expect(each.sent).toContainEqual({ channel: 'deliveries.changed', payload: { webhookId: hook.id } });
      expect(each.sent).toContainEqual({
        channel: 'inbox.received',
        payload: expect.objectContaining({ path: '/hooks', method: 'POST' }),
      });
    }
  });
});

describe("'will-quit'", () => {
  it('the first time: holds the quit, stops watching, writes the delivery log, frees the Inbox port, clears a copied secret, then quits', async () => {
    await start();
    expect(watches.stops).toHaveLength(1);
    const port = await freePort();
    const inbox = await ok('inbox.start', { port });
    const api = await ok('apis.create', { name: 'Quit', versions: ['v1'] });
    const hook = await ok('webhooks.create', { apiId: api.id, version: 'v1', url: `${inbox.url}/hooks` });
    await ok('secrets.copy', { id: hook.id });
    expect(electron.clipboardDouble.text).toMatch(/^whsec_/);
    const sent = await ok('deliveries.send', { webhookId: hook.id });
    // The log file is written after a pause in changes (a second): not yet.
    const logFile = join(electron.app.userData, 'deliveries.json');
    expect(existsSync(logFile)).toBe(false);
    expect(await acceptsConnections(port)).toBe(true);

    const first = willQuit();
    expect(first.defaultPrevented).toBe(true);
    expect(watches.stops[0]).toHaveBeenCalledTimes(1);
    expect(readFileSync(logFile, 'utf8')).toContain(sent.id as string);
    expect(electron.app.quitCalls).toBe(0);
    await expect.poll(() => electron.app.quitCalls).toBe(1);
    expect(electron.clipboardDouble.text).toBe('');
    await expect.poll(() => acceptsConnections(port)).toBe(false);
    expect(await ok('inbox.status')).toMatchObject({ listening: false });

    // The quit it held back goes through: the second time it is not held.
    const second = willQuit();
    expect(second.defaultPrevented).toBe(false);
    await settle();
    expect(electron.app.quitCalls).toBe(1);
  });
});

describe("'activate' (macOS: the Dock icon clicked)", () => {
  it('opens a window only when none is open', async () => {
    const window = await start('darwin');
    electron.app.emit('activate');
    expect(electron.BrowserWindow.created).toEqual([window]);

    window.close();
    electron.app.emit('window-all-closed');
    expect(electron.app.quitCalls).toBe(0);
    electron.app.emit('activate');
    expect(electron.BrowserWindow.created).toHaveLength(1);
    const [reopened] = electron.BrowserWindow.created;
    expect(reopened).not.toBe(window);
    expect(reopened?.loadedUrl).toBe(APP_ENTRY_URL);
    expect((reopened?.options.webPreferences as Record<string, unknown>).preload).toBe(PRELOAD);
  });
});

describe('a failure at start', () => {
  it.each([
    ['an Error: its message', new Error('the disk is gone'), 'the disk is gone'],
    ['anything else: as text', 'the disk is gone (not an Error)', 'the disk is gone (not an Error)'],
  ])('is logged, shown and quits; the reason of %s', async (_, thrown, reason) => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(electron.app, 'getPath').mockImplementation(() => {
      throw thrown;
    });
    runApp('linux');
    electron.app.fireReady();
    await expect.poll(() => electron.app.quitCalls).toBe(1);
    expect(logged).toHaveBeenCalledWith('[hookwarden] could not start:', reason);
    expect(electron.errorBoxes).toEqual([{ title: 'Hookwarden could not start', content: reason }]);
    expect(electron.BrowserWindow.created).toEqual([]);
  });
});

describe('with the development server (ELECTRON_RENDERER_URL, read when main loads)', () => {
  it('loads the window from it, and trusts its origin as well as the app origin, no other', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173/');
    vi.resetModules();
    // Main and the double loaded again, together: the new main reads the variable.
    const dev = await import('../../src/main/app');
    const e: Double = await import('../support/electron-double');
    e.resetElectronDouble();
    const window = await start('linux', e, dev.runApp);
    expect(window.loadedUrl).toBe('http://localhost:5173/');
    expect((window.options.webPreferences as Record<string, unknown>).preload).toBe(PRELOAD);

    const from = (url: string) => invoke('apis.list', undefined, { url, parent: null }, e);
    expect(await from('http://localhost:5173/index.html')).toEqual({ ok: true, data: [] });
    expect(await from(APP_ENTRY_URL)).toEqual({ ok: true, data: [] });
    for (const url of ['http://localhost:5174/', 'https://localhost:5173/', 'https://evil.example/'])
      expect(await from(url)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

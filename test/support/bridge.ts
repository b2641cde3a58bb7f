/// <reference lib="dom" />
/**
 * The whole app minus Electron: the BUILT renderer and preload run in real Chromium (Playwright), and only
 * Electron's IPC transport is replaced — the preload's ipcRenderer is bridged to the real main handlers
 * running in this test process (real keychain, real files). The renderer is served by the app's own
 * app:// request handler behind a loopback HTTP server, so it gets the real CSP header too.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { APP_ORIGIN, createAppRequestHandler } from '../../src/main/shell/app-protocol';
import type { MenuCommand } from '../../src/shared/contract';
import { clipboardDouble } from './electron-double';
import { onMainEvent, startHarness, type Harness, type HarnessOptions } from './main-harness';

const OUT_DIR = resolve('out');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BridgedAppOptions extends HarnessOptions {
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
}

export interface BridgedApp {
  page: Page;
  /** The real main core behind the page; changes with restart(). */
  readonly harness: Harness;
  /** What main last put on the (doubled) Electron clipboard. */
  clipboardText(): Promise<string>;
  /** An application menu item, sent to the window as main's app-menu.ts does ('app.menuCommand'). */
  menuCommand(command: MenuCommand): Promise<void>;
  /** Starts main again over the same data dir and keychain, and reloads the page, like an app restart. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Wraps the built CommonJS preload so that its require('electron') gets a bridge instead of Electron. */
function preloadInitScript(preloadSource: string): string {
  return `(() => {
  const listeners = new Map();
  const electron = {
    contextBridge: {
      // Electron copies the API into the page and freezes the copy; this does neither, so a test sees only
      // what the preload itself does to its API.
      exposeInMainWorld(key, api) {
        Object.defineProperty(window, key, { value: api, enumerable: false, configurable: false });
      },
    },
    ipcRenderer: {
      invoke: async (channel, input) => JSON.parse(await window.__hookwardenInvoke(channel, input)),
      on(event, listener) { listeners.set(event, [...(listeners.get(event) ?? []), listener]); },
      removeListener(event, listener) { listeners.set(event, (listeners.get(event) ?? []).filter((l) => l !== listener)); },
    },
  };
  Object.defineProperty(window, '__hookwardenEmit', {
    value: (event, payload) => { for (const listener of listeners.get(event) ?? []) listener({}, payload); },
  });
  const module = { exports: {} };
  const require = (name) => {
    if (name === 'electron') return electron;
    throw new Error('the sandboxed preload cannot require ' + name);
  };
  (function (require, module, exports) {
${preloadSource}
  })(require, module, module.exports);
})();`;
}

/** Delivers one of main's events to the page's listeners, as Electron's webContents.send does. */
function emitToPage(page: Page, event: string, payload: unknown): Promise<void> {
  return page.evaluate(
    ([e, p]) =>
      (window as never as Record<string, (a: unknown, b: unknown) => void>).__hookwardenEmit?.(e, p),
    [event, payload] as const,
  );
}

async function serveRenderer(): Promise<{ server: Server; baseUrl: string }> {
  const handle = createAppRequestHandler(resolve(OUT_DIR, 'renderer'));
  const server = createServer((req, res) => {
    void handle(new Request(`${APP_ORIGIN}${req.url ?? '/'}`)).then(async (response) => {
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => (headers[name] = value));
      res.writeHead(response.status, headers);
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { server, baseUrl: `http://127.0.0.1:${port}` };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

export async function startBridgedApp(options: BridgedAppOptions = {}): Promise<BridgedApp> {
  const preloadSource = readFileSync(resolve(OUT_DIR, 'preload/index.cjs'), 'utf8');
  let harness = await startHarness(options);
  const sameMain = { dir: harness.dir, vault: harness.vault };
  const { server, baseUrl } = await serveRenderer();
  const browser = await launchChromium();
  const context: BrowserContext = await browser.newContext({
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.viewport ?? { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('[page error]', error.message));

  // Our loopback server stands in for app://, so a frame loaded from it counts as our own origin.
  await page.exposeBinding('__hookwardenInvoke', (source, channel: string, input: unknown) => {
    const frameUrl = source.frame.url().replace(baseUrl, APP_ORIGIN);
    const senderFrame = { url: frameUrl, parent: source.frame.parentFrame() ? {} : null };
    // Results travel as one JSON string: parsed natively in the page, like Electron's structured clone,
    // instead of through Playwright's per-value serializer (slow and garbage-heavy for 10,000 rows).
    return harness.invokeRaw(channel, input, senderFrame).then((result) => JSON.stringify(result));
  });
  await page.addInitScript(preloadInitScript(preloadSource));
  const stopForwarding = onMainEvent((event, payload) => {
    emitToPage(page, event, payload).catch(() => undefined);
  });
  await page.goto(`${baseUrl}/index.html`);

  return {
    page,
    get harness() {
      return harness;
    },
    clipboardText: async () => clipboardDouble.text,
    menuCommand: (command) => emitToPage(page, 'app.menuCommand', { command }),
    async restart() {
      harness.stopWatching();
      harness = await startHarness({ ...options, ...sameMain });
      await page.reload();
    },
    async close() {
      stopForwarding();
      harness.stopWatching();
      await harness.services.inbox.stop();
      await browser.close();
      await new Promise((done) => server.close(done));
    },
  };
}

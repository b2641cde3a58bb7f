/**
 * Stands in for the `electron` module when main-process code runs on plain Node in tests.
 * It records what the app asks of Electron, so tests can assert it and call IPC handlers as the renderer would.
 */
import { tmpdir } from 'node:os';

type Listener = (...args: never[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener) {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(event) ?? [])
      (listener as (...a: unknown[]) => unknown)(...args);
  }
}

export const ipcHandlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();

export const ipcMain = {
  handle(channel: string, listener: (event: unknown, input: unknown) => Promise<unknown>) {
    if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcHandlers.set(channel, listener);
  },
  removeHandler(channel: string) {
    ipcHandlers.delete(channel);
  },
  on() {
    return ipcMain;
  },
};

class AppDouble extends Emitter {
  singleInstanceLock = true;
  quitCalls = 0;
  userData = tmpdir();
  private ready: Promise<void> = new Promise(() => undefined);
  private markReady: () => void = () => undefined;

  constructor() {
    super();
    this.resetReady();
  }
  resetReady() {
    this.ready = new Promise((resolvePromise) => (this.markReady = resolvePromise));
  }
  /** Tests call this to let whenReady() resolve. */
  fireReady() {
    this.markReady();
  }
  whenReady() {
    return this.ready;
  }
  requestSingleInstanceLock() {
    return this.singleInstanceLock;
  }
  quit() {
    this.quitCalls++;
  }
  getPath() {
    return this.userData;
  }
  getVersion() {
    return '0.0.0-test';
  }
}

export const app = new AppDouble();

/** The doubled clipboard: its plain text, and every format the last write put there, as bytes. */
export const clipboardDouble = { text: '', formats: new Map<string, Uint8Array>() };

/** Electron's ClipboardItem: payloads by MIME type (or `electron application/osclipboard;format="…"`). */
export class ClipboardItem {
  constructor(readonly items: Record<string, string | Blob | Promise<string | Blob>>) {}
  get types() {
    return Object.keys(this.items);
  }
}

async function payloadBytes(payload: string | Blob | Promise<string | Blob>): Promise<Uint8Array> {
  const value = await payload;
  return typeof value === 'string'
    ? new TextEncoder().encode(value)
    : new Uint8Array(await value.arrayBuffer());
}

export const clipboard = {
  readText: async () => clipboardDouble.text,
  writeText: async (text: string) => {
    clipboardDouble.text = text;
    clipboardDouble.formats = new Map([['text/plain', new TextEncoder().encode(text)]]);
  },
  /** Like Electron: one write replaces the whole clipboard with every format of its items. */
  write: async (items: ClipboardItem[]) => {
    const formats = new Map<string, Uint8Array>();
    for (const item of items)
      for (const [type, payload] of Object.entries(item.items))
        formats.set(type, await payloadBytes(payload));
    clipboardDouble.formats = formats;
    clipboardDouble.text = new TextDecoder().decode(formats.get('text/plain') ?? new Uint8Array(0));
  },
  clear: () => {
    clipboardDouble.text = '';
    clipboardDouble.formats = new Map();
  },
};

export const errorBoxes: { title: string; content: string }[] = [];
/** What the next save and open dialogs answer (null: the user cancels); a test sets them. */
export const dialogAnswers: { save: string | null; open: string | null } = { save: null, open: null };
export const dialog = {
  showErrorBox(title: string, content: string) {
    errorBoxes.push({ title, content });
  },
  showSaveDialog: async () => ({
    canceled: dialogAnswers.save === null,
    filePath: dialogAnswers.save ?? undefined,
  }),
  showOpenDialog: async () => ({
    canceled: dialogAnswers.open === null,
    filePaths: dialogAnswers.open === null ? [] : [dialogAnswers.open],
  }),
};

export const shellCalls: string[] = [];
export const shell = {
  openExternal: async (url: string) => {
    shellCalls.push(url);
  },
  openPath: async () => '',
};

export const protocolDouble = {
  privileged: [] as unknown[],
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
};
export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]) {
    protocolDouble.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response>) {
    protocolDouble.handlers.set(scheme, handler);
  },
};

export const sessionDouble = {
  permissionRequestHandler: null as null | ((...args: never[]) => void),
  permissionCheckHandler: null as null | ((...args: never[]) => boolean),
};
export const session = {
  defaultSession: {
    setPermissionRequestHandler(handler: (...args: never[]) => void) {
      sessionDouble.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: (...args: never[]) => boolean) {
      sessionDouble.permissionCheckHandler = handler;
    },
  },
};

export class BrowserWindow extends Emitter {
  static created: BrowserWindow[] = [];
  static getAllWindows() {
    return BrowserWindow.created;
  }
  /** The double has no focus: dialogs open without a parent window. */
  static getFocusedWindow(): BrowserWindow | null {
    return null;
  }
  loadedUrl: string | null = null;
  readonly sent: { channel: string; payload: unknown }[] = [];
  readonly webContents = {
    send: (channel: string, payload: unknown) => this.sent.push({ channel, payload }),
  };
  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.created.push(this);
  }
  async loadURL(url: string) {
    this.loadedUrl = url;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
  show() {}
}

/** The preload's side, for tests that run the built preload against the double. */
export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown) {
    contextBridge.exposed.set(key, api);
  },
};
export const ipcRenderer = {
  invoke: async (channel: string, input: unknown) => ipcHandlers.get(channel)?.({}, input),
  on() {},
  removeListener() {},
};

export function resetElectronDouble(): void {
  ipcHandlers.clear();
  app.listeners.clear();
  app.singleInstanceLock = true;
  app.quitCalls = 0;
  app.resetReady();
  clipboardDouble.text = '';
  clipboardDouble.formats = new Map();
  shellCalls.length = 0;
  errorBoxes.length = 0;
  protocolDouble.privileged.length = 0;
  protocolDouble.handlers.clear();
  sessionDouble.permissionRequestHandler = null;
  sessionDouble.permissionCheckHandler = null;
  BrowserWindow.created = [];
  contextBridge.exposed.clear();
}

export default {
  app,
  ipcMain,
  ipcRenderer,
  clipboard,
  ClipboardItem,
  dialog,
  shell,
  protocol,
  session,
  BrowserWindow,
  contextBridge,
};

/**
 * Stands in for the `electron` module when main-process code runs on plain Node in tests.
 * It records what the app asks of Electron, so tests can assert it and call IPC handlers as the renderer would.
 */
import { homedir, tmpdir } from 'node:os';

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
  isPackaged = false;
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
  /** Like Electron: a path it knows by name (userData is the test's own folder), an error for any other name. */
  getPath(name: string) {
    const paths: Record<string, string> = { userData: this.userData, temp: tmpdir(), home: homedir() };
    const path = paths[name];
    if (path === undefined) throw new Error(`Failed to get '${name}' path`);
    return path;
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
/** The message boxes shown (About), with the window each was shown on, if any. */
export const messageBoxes: { window: BrowserWindow | null; options: Record<string, unknown> }[] = [];
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
  showMessageBox: async (...args: [BrowserWindow, Record<string, unknown>] | [Record<string, unknown>]) => {
    const [window, options] = args.length === 2 ? args : [null, args[0]];
    messageBoxes.push({ window, options });
    return { response: 0, checkboxChecked: false };
  },
};

export const shellCalls: string[] = [];
/** The paths shell.openPath opened, and what the next call answers ('' is success, else the failure). */
export const openedPaths: string[] = [];
export const openPathAnswer = { failure: '' };
export const shell = {
  openExternal: async (url: string) => {
    shellCalls.push(url);
  },
  openPath: async (path: string) => {
    openedPaths.push(path);
    return openPathAnswer.failure;
  },
};

type MenuTemplate = {
  label?: string;
  role?: string;
  type?: string;
  checked?: boolean;
  click?: () => void;
  submenu?: MenuTemplate[];
}[];
/** Menu.buildFromTemplate keeps the template; the last menu set as the application menu is kept here. */
export const Menu = {
  applicationMenu: null as { template: MenuTemplate } | null,
  buildFromTemplate: (template: MenuTemplate) => ({ template }),
  setApplicationMenu(menu: { template: MenuTemplate } | null) {
    Menu.applicationMenu = menu;
  },
};

/** nativeTheme: the app sets themeSource; a test sets whether the OS is dark and emits 'updated' as the OS would. */
class NativeThemeDouble extends Emitter {
  themeSource: 'light' | 'dark' | 'system' = 'system';
  systemDark = false;
  get shouldUseDarkColors() {
    return this.themeSource === 'system' ? this.systemDark : this.themeSource === 'dark';
  }
}
export const nativeTheme = new NativeThemeDouble();

type Rectangle = { x: number; y: number; width: number; height: number };
/** The displays' work areas; a test replaces them (one 1920×1080 display with a 40 px panel by default). */
const DEFAULT_WORK_AREAS: Rectangle[] = [{ x: 0, y: 0, width: 1920, height: 1040 }];
export const screenDouble = { workAreas: [...DEFAULT_WORK_AREAS] };
export const screen = {
  getAllDisplays: () => screenDouble.workAreas.map((workArea, id) => ({ id, workArea })),
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
  /** No window has focus unless a test gives it: dialogs then open without a parent window. */
  static focused: BrowserWindow | null = null;
  static getFocusedWindow(): BrowserWindow | null {
    return BrowserWindow.focused;
  }
  loadedUrl: string | null = null;
  shown = false;
  maximized = false;
  backgroundColor: unknown;
  /** Its bounds when not maximised: where the options put it (the double's default when they don't say). */
  normalBounds: Rectangle;
  readonly sent: { channel: string; payload: unknown }[] = [];
  readonly webContents = {
    send: (channel: string, payload: unknown) => this.sent.push({ channel, payload }),
  };
  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.created.push(this);
    this.backgroundColor = options.backgroundColor;
    const { x = 100, y = 100, width = 800, height = 600 } = options as Partial<Rectangle>;
    this.normalBounds = { x, y, width, height };
  }
  async loadURL(url: string) {
    this.loadedUrl = url;
  }
  minimized = false;
  /** restore() calls: not harmless on a window that is not minimised (on Windows it unmaximises one). */
  restores = 0;
  isMinimized() {
    return this.minimized;
  }
  minimize() {
    this.minimized = true;
  }
  restore() {
    this.restores++;
    this.minimized = false;
  }
  focus() {
    BrowserWindow.focused = this;
  }
  /** Closes it as the user would: 'close', then it is gone from getAllWindows(). */
  close() {
    this.emit('close');
    BrowserWindow.created = BrowserWindow.created.filter((window) => window !== this);
    this.emit('closed');
  }
  show() {
    this.shown = true;
  }
  maximize() {
    this.maximized = true;
  }
  isMaximized() {
    return this.maximized;
  }
  getNormalBounds() {
    return this.normalBounds;
  }
  setBackgroundColor(color: string) {
    this.backgroundColor = color;
  }
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
  app.isPackaged = false;
  app.resetReady();
  clipboardDouble.text = '';
  clipboardDouble.formats = new Map();
  shellCalls.length = 0;
  errorBoxes.length = 0;
  messageBoxes.length = 0;
  openedPaths.length = 0;
  openPathAnswer.failure = '';
  Menu.applicationMenu = null;
  nativeTheme.listeners.clear();
  nativeTheme.themeSource = 'system';
  nativeTheme.systemDark = false;
  screenDouble.workAreas = [...DEFAULT_WORK_AREAS];
  protocolDouble.privileged.length = 0;
  protocolDouble.handlers.clear();
  sessionDouble.permissionRequestHandler = null;
  sessionDouble.permissionCheckHandler = null;
  BrowserWindow.created = [];
  BrowserWindow.focused = null;
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
  Menu,
  nativeTheme,
  screen,
};

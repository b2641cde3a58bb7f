import { BrowserWindow, screen, type Rectangle, type WebPreferences } from 'electron';
import { windowBackground } from './theme';
import type { UiStateStore, WindowState } from './ui-state';

/** The renderer gets no Node, no Electron, its own isolated world and the OS sandbox. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  };
}

export const DEFAULT_SIZE = { width: 1200, height: 800 } as const;

function contains(area: Rectangle, bounds: Rectangle): boolean {
  return (
    bounds.x >= area.x &&
    bounds.y >= area.y &&
    bounds.x + bounds.width <= area.x + area.width &&
    bounds.y + bounds.height <= area.y + area.height
  );
}

/**
 * Where the window opens: its saved place when that lies wholly inside the work area of a display that still
 * exists; otherwise the default size, with no position, which Electron centres.
 */
export function initialBounds(saved: WindowState | undefined, workAreas: Rectangle[]): Partial<Rectangle> {
  if (!saved || !workAreas.some((area) => contains(area, saved))) return { ...DEFAULT_SIZE };
  const { x, y, width, height } = saved;
  return { x, y, width, height };
}

/** The main window, where it was last closed, in the theme's background colour, shown once it has painted. */
export function createMainWindow(preloadPath: string, url: string, store: UiStateStore): BrowserWindow {
  const saved = store.read().window;
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const window = new BrowserWindow({
    ...initialBounds(saved, workAreas),
    minWidth: 800,
    minHeight: 600,
    title: 'Hookwarden',
    show: false,
    backgroundColor: windowBackground(),
    webPreferences: secureWebPreferences(preloadPath),
  });
  window.once('ready-to-show', () => {
    // Maximising shows a window, so it waits for the first paint too.
    if (saved?.maximized) window.maximize();
    window.show();
  });
  window.on('close', () => {
    store.write({
      ...store.read(),
      window: { ...window.getNormalBounds(), maximized: window.isMaximized() },
    });
  });
  void window.loadURL(url);
  return window;
}

/**
 * The theme choice, applied through `nativeTheme.themeSource`: Chromium then answers the renderer's
 * `prefers-color-scheme` queries (styles/tokens.css) with the chosen scheme, so the page follows with no code of
 * its own. The windows' background colour follows too, so a window never flashes white in dark mode.
 */
import { BrowserWindow, nativeTheme } from 'electron';
import type { ThemeChoice, UiStateStore } from './ui-state';

/** The page's background (`--bg` in styles/tokens.css) in each scheme: the window shows it before the page paints. */
export const WINDOW_BACKGROUND = { light: '#f7f8fa', dark: '#111318' } as const;

/** The background of the scheme in effect (with System, the OS's). */
export function windowBackground(): string {
  return nativeTheme.shouldUseDarkColors ? WINDOW_BACKGROUND.dark : WINDOW_BACKGROUND.light;
}

function repaintBackgrounds(): void {
  for (const window of BrowserWindow.getAllWindows()) window.setBackgroundColor(windowBackground());
}

/** Applies the stored choice at start; with System, the windows follow the OS when it switches. */
export function applyStoredTheme(store: UiStateStore): void {
  nativeTheme.themeSource = store.read().theme;
  nativeTheme.on('updated', repaintBackgrounds);
}

/** The user's choice from the View menu: kept, and applied at once. */
export function chooseTheme(store: UiStateStore, choice: ThemeChoice): void {
  store.write({ ...store.read(), theme: choice });
  nativeTheme.themeSource = choice;
  repaintBackgrounds();
}

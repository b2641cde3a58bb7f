/**
 * The profile folder the app uses (Electron's userData for the product name "Hookwarden"), or the one
 * `--data-dir` / HOOKWARDEN_DATA_DIR names.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const PRODUCT_NAME = 'Hookwarden';

/** Electron's appData per platform (see app.getPath('appData')), joined with the product name. */
export function appDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), PRODUCT_NAME);
}

/** `--data-dir` first, then HOOKWARDEN_DATA_DIR, then the app's own folder. */
export function dataDir(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = option ?? env.HOOKWARDEN_DATA_DIR;
  return chosen ? resolve(chosen) : appDataDir(process.platform, env);
}

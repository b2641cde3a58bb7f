/** Electron's security checklist, applied to every web contents the app creates. */
const DOCUMENT_DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** Sent as a response header with every app:// document. */
export const CONTENT_SECURITY_POLICY = [...DOCUMENT_DIRECTIVES, "frame-ancestors 'none'"].join('; ');

/** The <meta> fallback baked into the built index.html (a meta tag cannot carry frame-ancestors). */
export const CONTENT_SECURITY_POLICY_META = DOCUMENT_DIRECTIVES.join('; ');

export interface ExternalOpener {
  openExternal(url: string): Promise<void>;
}

/** The one way a link leaves the app: https only, to the user's browser. */
export function openExternalSafely(shell: ExternalOpener, url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:') return false;
  void shell.openExternal(parsed.toString());
  return true;
}

/** The parts of WebContents the hooks touch. */
export interface GuardedContents {
  on(event: 'will-navigate', listener: (event: { preventDefault(): void }, url: string) => void): void;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface GuardedSession {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: () => boolean): void;
}

/** No navigation away from the app, no new windows (https links open in the browser instead). */
export function guardContents(contents: GuardedContents, shell: ExternalOpener): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(shell, url);
    return { action: 'deny' };
  });
}

/** Every permission request and check is refused: the app needs none. */
export function denyAllPermissions(session: GuardedSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

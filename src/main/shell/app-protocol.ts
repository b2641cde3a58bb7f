/** Serves the built renderer through app://hookwarden/ instead of file://, with the CSP on every response. */
import { readFile, realpath } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { originOf } from './origin';
import { CONTENT_SECURITY_POLICY } from './security';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://hookwarden';
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * Maps a request URL to the real path (symlinks followed) of a file inside rootDir, or null when the file is
 * missing, is not ours, or would leave rootDir, by `..` or through a symlink.
 */
export async function resolveAppFile(rootDir: string, requestUrl: string): Promise<string | null> {
  if (originOf(requestUrl) !== APP_ORIGIN) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  try {
    const root = await realpath(rootDir);
    const file = await realpath(resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`));
    return file.startsWith(root + sep) ? file : null;
  } catch {
    return null;
  }
}

/** The protocol handler itself, as a plain function of a Request (Electron's protocol.handle calls it). */
export function createAppRequestHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const file = await resolveAppFile(rootDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  };
}

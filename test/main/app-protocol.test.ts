/**
 * The app:// protocol handler on its own: which file a URL names, what each response carries (content type,
 * nosniff, the CSP), and the plain 404 for everything it will not serve. originOf, which decides what is ours.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, createAppRequestHandler, resolveAppFile } from '../../src/main/shell/app-protocol';
import { originOf } from '../../src/main/shell/origin';
import { CONTENT_SECURITY_POLICY } from '../../src/main/shell/security';
import { tempDir } from '../support/temp';

const root = join(tempDir(), 'renderer');
mkdirSync(join(root, 'assets'), { recursive: true });
const FILES: Record<string, string> = {
  'index.html': '<!doctype html><title>Hookwarden</title>',
  'assets/app.js': 'console.log(1)',
  'assets/app.css': 'body{margin:0}',
  'assets/icon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
  'assets/icon.png': 'png bytes',
  'assets/inter.woff2': 'woff2 bytes',
  'assets/data.json': '{"a":1}',
  'assets/notes.txt': 'plain text',
};
for (const [path, content] of Object.entries(FILES)) writeFileSync(join(root, path), content);
writeFileSync(join(root, '..', 'outside.txt'), 'outside');
symlinkSync(join(root, '..', 'outside.txt'), join(root, 'leaves.txt'));

const serve = (path: string) => createAppRequestHandler(root)(new Request(`${APP_ORIGIN}${path}`));

async function expectNotFound(response: Response) {
  expect(response.status).toBe(404);
  expect(await response.text()).toBe('Not found');
}

describe('app:// responses', () => {
  it.each([
    ['/index.html', 'text/html; charset=utf-8'],
    ['/assets/app.js', 'text/javascript; charset=utf-8'],
    ['/assets/app.css', 'text/css; charset=utf-8'],
    ['/assets/icon.svg', 'image/svg+xml'],
    ['/assets/icon.png', 'image/png'],
    ['/assets/inter.woff2', 'font/woff2'],
    ['/assets/data.json', 'application/json'],
    ['/assets/notes.txt', 'application/octet-stream'],
  ])('%s is served as %s, never sniffed, with the CSP', async (path, type) => {
    const response = await serve(path);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(FILES[path.slice(1)]);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('/ serves index.html', async () => {
    expect(await resolveAppFile(root, `${APP_ORIGIN}/`)).toBe(join(root, 'index.html'));
    const response = await serve('/');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(FILES['index.html']);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('a missing file is 404 Not found', async () => {
    expect(await resolveAppFile(root, `${APP_ORIGIN}/missing.js`)).toBeNull();
    await expectNotFound(await serve('/missing.js'));
  });

  it('a folder is 404 Not found, not a failed request', async () => {
    expect(await resolveAppFile(root, `${APP_ORIGIN}/assets`)).toBe(join(root, 'assets'));
    await expectNotFound(await serve('/assets'));
  });

  it('a path with a NUL byte is refused', async () => {
    expect(await resolveAppFile(root, `${APP_ORIGIN}/index.html%00.png`)).toBeNull();
    await expectNotFound(await serve('/index.html%00.png'));
  });

  it('a path that is not valid percent-encoding is refused', async () => {
    expect(await resolveAppFile(root, `${APP_ORIGIN}/%E0%A4%A`)).toBeNull();
    await expectNotFound(await serve('/%E0%A4%A'));
  });

  it('a symlink that leaves the renderer folder is refused', async () => {
    expect(await resolveAppFile(root, `${APP_ORIGIN}/leaves.txt`)).toBeNull();
    await expectNotFound(await serve('/leaves.txt'));
  });

  it('another origin is refused', async () => {
    await expectNotFound(await createAppRequestHandler(root)(new Request('app://other/index.html')));
  });
});

describe('originOf', () => {
  it.each([
    ['app://hookwarden/x', 'app://hookwarden'],
    ['app://hookwarden/assets/app.js?v=1#top', 'app://hookwarden'],
    ['https://example.com:8443/a/b', 'https://example.com:8443'],
  ])('of %s is %s', (url, origin) => {
    expect(originOf(url)).toBe(origin);
  });

  it.each(['file:///x', 'about:blank', 'data:text/html,hi'])('of %s (no host) is null', (url) => {
    expect(originOf(url)).toBeNull();
  });

  it.each(['not a url', '', 'app://hookwarden:99999/'])('of the unparseable %j is null', (url) => {
    expect(originOf(url)).toBeNull();
  });
});

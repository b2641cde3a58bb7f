/**
 * keytar's native module cannot load, as on a Linux desktop without libsecret: the app must start, list its
 * webhooks and show the keychain banner saying what to install, instead of failing at import. A real failure,
 * not a fake loader: the core runs in a child process whose LD_LIBRARY_PATH puts an empty libsecret-1.so.0
 * first, so the dynamic linker refuses keytar's native module ("file too short").
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConfigStore } from '../../src/main/config/store';
import { systemClock } from '../../src/main/ports';
import { bundleChild, spawnChild, type ChildBundle } from '../support/child-process';
import { oneWebhookConfig } from '../support/config-data';
import type { UnloadableChildArgs, UnloadableChildReport } from '../support/keytar-unloadable-child';
import { withoutLoadableLibsecret } from '../support/libsecret-hidden';
import { tempDir } from '../support/temp';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Loads keytar in a fresh Node process, as the app would; its output says what happened. */
function loadKeytar(env: NodeJS.ProcessEnv) {
  const script = `
    const { dirname, join } = require('node:path');
    const lib = dirname(require.resolve('@github/keytar'));
    for (const dir of ['../build/Release', '../prebuilds/linux-' + process.arch]) {
      try { require(join(lib, dir, 'keytar.node')); } catch (error) { console.error('native: ' + error.message); }
    }
    require('@github/keytar');
    console.log('keytar loaded');`;
  return spawnSync(process.execPath, ['-e', script], { cwd: repoRoot, env, encoding: 'utf8' });
}

let bundle: ChildBundle;
beforeAll(async () => {
  bundle = await bundleChild('test/support/keytar-unloadable-child.ts');
}, 60_000);
afterAll(() => bundle?.dispose());

describe.runIf(process.platform === 'linux')('keytar that cannot load (libsecret missing)', () => {
  it('really makes keytar fail to load, for the dynamic linker reason', () => {
    expect(loadKeytar(process.env)).toMatchObject({ status: 0, stdout: 'keytar loaded\n', stderr: '' });
    const broken = loadKeytar(withoutLoadableLibsecret());
    expect(broken.status).not.toBe(0);
    expect(broken.stderr).toMatch(/native: .*libsecret-1\.so\.0: file too short/);
    expect(broken.stderr).toMatch(/Failed to load keytar native addon/);
  });

  it('a keychain library that cannot load (libsecret missing on Linux) shows the keychain banner instead of failing at import', async () => {
    const dir = tempDir();
    const { store } = openConfigStore(dir, systemClock);
    const { config, apiId, webhookId } = oneWebhookConfig({ url: 'https://e.com/h', scheme: 'mindee' });
    store.update(() => config);
    const before = readFileSync(join(dir, 'config.json'), 'utf8');

    const args: UnloadableChildArgs = {
      dir,
      service: `HookwardenUnloadable-${randomUUID()}`,
      apiId,
      webhookId,
    };
    const child = spawnChild<UnloadableChildReport>(
      bundle.file,
      [JSON.stringify(args)],
      withoutLoadableLibsecret(),
    );
    const report = await child.next();
    const exit = await child.exited;

    expect(exit, `the child crashed:\n${child.stderr()}`).toEqual({ code: 0, signal: null });
    expect(report).not.toBeNull();
    const { check, notices, list, reveal } = report as UnloadableChildReport;
    expect(list).toEqual({
      ok: true,
      data: [expect.objectContaining({ id: webhookId, url: 'https://e.com/h', secretMissing: false })],
    });
    expect(notices).toEqual({
      ok: true,
      data: [{ kind: 'keychain-unavailable', message: expect.any(String) }],
    });
    const { message } = (notices as { data: { message: string }[] }).data[0] as { message: string };
    expect(message).toMatch(/library could not be loaded/);
    expect(message).toContain('sudo apt install libsecret-1-0');
    expect(message).not.toMatch(/Secret Service \(such as gnome-keyring/); // not the "start your keyring" advice
    expect(check).toEqual({ ok: true, data: { available: false, message } });
    expect(reveal).toEqual({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE', message } });
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(before);
  });
});

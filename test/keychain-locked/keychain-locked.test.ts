/**
 * A locked keyring (locked through the Secret Service's Lock method), at start and mid-session: no crash, the
 * banner's notice, KEYCHAIN_UNAVAILABLE on every keychain call, nothing changed; unlock + "Try again" works.
 * Its own project: locking the one test keyring would break tests running beside it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startWithWebhook } from '../support/fixtures';
import { keychainItems, removeTestKeychainItems } from '../support/keyring';
import { startHarness, type Harness } from '../support/main-harness';
import { lockKeyring, unlockKeyring } from '../support/secret-service-control';
import { serviceOf } from '../support/fixtures';
import { assertCliBuilt, runCli } from '../support/cli-process';
import { tempDir } from '../support/temp';

afterEach(async () => {
  await unlockKeyring();
  await removeTestKeychainItems();
});

/** Every call that needs the keychain, for one webhook of one API. */
function keychainCalls(h: Harness, apiId: string, webhookId: string) {
  return [
    () => h.invoke('webhooks.create', { apiId, version: 'v4', url: 'https://e.com/new' }),
    () => h.invoke('webhooks.regenerateSecret', { id: webhookId }),
    () => h.invoke('webhooks.delete', { id: webhookId }),
    () => h.invoke('apis.delete', { id: apiId, cascade: true }),
    () => h.invoke('secrets.reveal', { id: webhookId }),
    () => h.invoke('secrets.copy', { id: webhookId }),
    () => h.invoke('deliveries.send', { webhookId }),
    () => h.invoke('keychain.removeOrphans'),
    () => h.invoke('rotation.roll', { id: webhookId }),
    () => h.invoke('rotation.switch', { id: webhookId, force: true }),
    () => h.invoke('rotation.cancel', { id: webhookId }),
    () => h.invoke('rotation.endOverlap', { id: webhookId }),
  ];
}

/** All at once, as a user clicking around would: a locked keyring must not leave any of them waiting. */
async function expectAllRefused(h: Harness, apiId: string, webhookId: string) {
  const results = await Promise.all(keychainCalls(h, apiId, webhookId).map((call) => call()));
  for (const result of results) {
    expect(result).toMatchObject({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE' } });
    expect(result.ok || result.error.message).toMatch(/Unlock your keyring, then Try again/);
  }
}

describe('a locked keyring', () => {
  it('at start: the app starts, lists, names the lock, refuses every keychain call and changes nothing', async () => {
    const { h: first, dir, vault, api, hook } = await startWithWebhook();
    const configBefore = readFileSync(join(dir, 'config.json'), 'utf8');
    const items = await keychainItems(serviceOf(vault));
    await lockKeyring();

    const h = await startHarness({ dir, vault });
    const notices = await h.ok('app.notices');
    expect(notices).toEqual([expect.objectContaining({ kind: 'keychain-unavailable' })]);
    expect(notices[0]?.message).toMatch(/locked.*Unlock your keyring, then Try again/);
    expect(await h.ok('keychain.check')).toMatchObject({ available: false });
    // Locked is not missing: no row is flagged.
    expect(await h.ok('webhooks.list', { apiId: api.id })).toEqual([
      expect.objectContaining({ id: hook.id, secretMissing: false }),
    ]);
    await expectAllRefused(h, api.id, hook.id);
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(configBefore);
    expect(await h.ok('deliveries.list', { webhookId: hook.id })).toEqual([]);

    await unlockKeyring();
    expect(await keychainItems(serviceOf(vault))).toEqual(items);
    expect(await h.ok('keychain.check')).toEqual({ available: true });
    expect(await h.ok('app.notices')).toEqual([]);
    expect((await h.ok('secrets.reveal', { id: hook.id })).secret).toBe(items.get(first.account(hook.id)));
  });

  it('mid-session: reveal, send, delete… answer KEYCHAIN_UNAVAILABLE, not "secret missing"; unlock and go on', async () => {
    const { h, dir, vault, api, hook } = await startWithWebhook();
    const configBefore = readFileSync(join(dir, 'config.json'), 'utf8');
    const items = await keychainItems(serviceOf(vault));
    await lockKeyring();

    await expectAllRefused(h, api.id, hook.id);
    expect(await h.ok('webhooks.list', { apiId: api.id })).toEqual([
      expect.objectContaining({ id: hook.id, secretMissing: false }),
    ]);
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(configBefore);

    await unlockKeyring();
    expect(await keychainItems(serviceOf(vault))).toEqual(items);
    expect(await h.ok('keychain.check')).toEqual({ available: true });
    expect((await h.ok('secrets.reveal', { id: hook.id })).secret).toBe(items.get(h.account(hook.id)));
    await h.ok('webhooks.delete', { id: hook.id });
    expect(await keychainItems(serviceOf(vault))).toEqual(new Map());
  });
});

describe('the command line and a locked keyring', () => {
  it('refuses what needs the keychain with exit 3 and the unlock advice, lists, and changes nothing', async () => {
    assertCliBuilt();
    const dir = tempDir();
    const ran = (...args: string[]) => runCli(dir, args);
    expect((await ran('apis', 'create', 'Invoices', '--versions', 'v1')).code).toBe(0);
    const created = await ran(
      '--json',
      'webhooks',
      'create',
      '--api',
      'Invoices',
      '--version',
      'v1',
      '--url',
      'https://e.com/a',
    );
    const { id } = JSON.parse(created.stdout) as { id: string };
    const configBefore = readFileSync(join(dir, 'config.json'), 'utf8');
    await lockKeyring();

    for (const args of [
      ['webhooks', 'create', '--api', 'Invoices', '--version', 'v1', '--url', 'https://e.com/b'],
      ['webhooks', 'regenerate', id],
      ['webhooks', 'delete', id],
      ['secrets', 'show', id, '--force'],
      ['send', id],
    ]) {
      const refused = await ran(...args);
      expect({ code: refused.code, stdout: refused.stdout }, args.join(' ')).toEqual({ code: 3, stdout: '' });
      expect(refused.stderr).toMatch(/Unlock your keyring/);
    }
    expect((await ran('webhooks', 'list')).stdout).toContain('https://e.com/a');
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(configBefore);
  });
});

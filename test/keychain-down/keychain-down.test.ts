/**
 * Runs with no Secret Service at all (scripts/test.sh starts this project outside the test D-Bus session):
 * every keychain operation must fail with KEYCHAIN_UNAVAILABLE, say what to do, and change nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openConfigStore } from '../../src/main/config/store';
import { createKeytarVault } from '../../src/main/keychain/keytar-vault';
import { systemClock } from '../../src/main/ports';
import { oneWebhookConfig } from '../support/config-data';
import { startHarness } from '../support/main-harness';
import { tempDir } from '../support/temp';

describe('keychain unavailable (no Secret Service)', () => {
  it('really has no keychain in this run', async () => {
    await expect(createKeytarVault('HookwardenDown').probe()).rejects.toMatchObject({
      code: 'KEYCHAIN_UNAVAILABLE',
    });
  });

  it('starts, lists, and refuses every keychain operation with a clear KEYCHAIN_UNAVAILABLE, changing nothing', async () => {
    const dir = tempDir();
    // A config as a previous run left it, with one webhook whose secret lives in the (now unreachable) keychain.
    const { store } = openConfigStore(dir, systemClock);
    const { config, apiId, webhookId } = oneWebhookConfig({ url: 'https://e.com/h', scheme: 'mindee' });
    store.update(() => config);
    const before = readFileSync(join(dir, 'config.json'), 'utf8');

    const h = await startHarness({ dir, vault: createKeytarVault('HookwardenDown') });
    const notices = await h.ok('app.notices');
    expect(notices).toEqual([expect.objectContaining({ kind: 'keychain-unavailable' })]);
    expect(await h.ok('keychain.check')).toMatchObject({ available: false });
    expect(await h.ok('webhooks.list', { apiId })).toEqual([
      expect.objectContaining({ id: webhookId, secretMissing: false }),
    ]);

    const needKeychain = [
      h.invoke('webhooks.create', { apiId, version: 'v4', url: 'https://e.com/new' }),
      h.invoke('webhooks.regenerateSecret', { id: webhookId }),
      h.invoke('webhooks.delete', { id: webhookId }),
      h.invoke('apis.delete', { id: apiId, cascade: true }),
      h.invoke('secrets.reveal', { id: webhookId }),
      h.invoke('secrets.copy', { id: webhookId }),
      // Signing needs the secret: no request is sent and no record is made.
      h.invoke('deliveries.send', { webhookId }),
    ];
    for (const result of await Promise.all(needKeychain)) {
      expect(result).toMatchObject({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE' } });
      expect(result.ok || result.error.message).toMatch(/Secret Service|keychain/i);
      expect(result.ok || result.error.message).toMatch(/try again/i);
    }
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(before);
    expect(await h.ok('deliveries.list', { webhookId })).toEqual([]);
  });
});

/**
 * Data folders sharing one keychain: each touches only items with its own prefix, startup deletes nothing,
 * an older version's items are copied (never moved) to the new names, and leftovers wait for the user's say.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../src/shared/errors';
import type { SecretVault } from '../../src/main/keychain/ports';
import { generateSecret } from '../../src/main/keychain/secret-format';
import { writesRefused } from '../support/faults';
import { serviceOf } from '../support/fixtures';
import { keychainItems, profileItems, testVault } from '../support/keyring';
import { startHarness, type Harness } from '../support/main-harness';
import { tempDir } from '../support/temp';

async function withWebhooks(h: Harness, count: number) {
  const api = await h.ok('apis.create', { name: 'Invoices', versions: ['v4'] });
  const hooks = [];
  for (let i = 0; i < count; i++) {
    hooks.push(await h.ok('webhooks.create', { apiId: api.id, version: 'v4', url: `https://e.com/${i}` }));
  }
  return { api, hooks };
}

/** A version 2 config (before profiles) whose webhooks' secrets are stored under the bare webhook id. */
async function legacyDataDir(vault: SecretVault, webhookCount: number) {
  const dir = tempDir();
  const apiId = randomUUID();
  const now = new Date().toISOString();
  const webhooks = Array.from({ length: webhookCount }, (_, i) => ({
    id: randomUUID(),
    apiId,
    version: 'v4',
    url: `https://e.com/${i}`,
    createdAt: now,
    updatedAt: now,
    secretRotatedAt: now,
    scheme: 'mindee',
  }));
  const config = {
    schemaVersion: 2,
    apis: [{ id: apiId, name: 'Invoices', versions: ['v4'], createdAt: now }],
    webhooks,
    templates: [],
    settings: { deliveryTimeoutSeconds: 10 },
  };
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  const secrets = new Map<string, string>();
  for (const { id } of webhooks) {
    const secret = generateSecret();
    secrets.set(id, secret);
    await vault.set(id, secret);
  }
  return { dir, apiId, secrets };
}

describe('keychain ownership', () => {
  it("two profiles share one keychain: starting B leaves A's secrets alone, and A finds them all", async () => {
    const vault = testVault();
    const a = await startHarness({ vault });
    const { api, hooks } = await withWebhooks(a, 3);
    const itemsOfA = await profileItems(a);
    expect(itemsOfA.size).toBe(3);
    const everything = await keychainItems(serviceOf(vault));

    const b = await startHarness({ vault });
    expect(b.profileId).not.toBe(a.profileId);
    expect(await b.ok('app.notices')).toEqual([]);
    expect(await keychainItems(serviceOf(vault))).toEqual(everything);

    const again = await startHarness({ dir: a.dir, vault });
    expect(await again.ok('app.notices')).toEqual([]);
    expect(await profileItems(again)).toEqual(itemsOfA);
    expect((await again.ok('webhooks.list', { apiId: api.id })).map((w) => w.secretMissing)).toEqual([
      false,
      false,
      false,
    ]);
    for (const hook of hooks) {
      expect((await again.ok('secrets.reveal', { id: hook.id })).secret).toBe(itemsOfA.get(hook.id));
    }
  });

  it('copies an older version’s items for this config’s webhooks only, and leaves every unprefixed item', async () => {
    const vault = testVault();
    const { dir, apiId, secrets } = await legacyDataDir(vault, 2);
    // An "old" profile's items that this config does not reference (200 here, as gnome-keyring rewrites its
    // file on every write; the bench starts over 10,000 items of other profiles and 1,000 unprefixed ones).
    for (let i = 0; i < 200; i++) await vault.set(randomUUID(), generateSecret());
    const before = await keychainItems(serviceOf(vault));

    const h = await startHarness({ dir, vault });
    expect(await h.ok('app.notices')).toEqual([]);
    expect(await profileItems(h)).toEqual(secrets);
    const after = await keychainItems(serviceOf(vault));
    for (const [account, secret] of before) expect(after.get(account)).toBe(secret);
    expect(after.size).toBe(before.size + secrets.size);
    const listed = await h.ok('webhooks.list', { apiId });
    expect(listed.map((w) => w.secretMissing)).toEqual([false, false]);
  });

  it('a migration killed midway ends, on the next start, with every secret in place', async () => {
    const vault = testVault();
    const { dir, apiId, secrets } = await legacyDataDir(vault, 5);
    // The process "dies" after copying two items: later keychain writes never happen.
    let writes = 0;
    const dying: SecretVault = {
      ...vault,
      async set(account, secret) {
        if (++writes > 2) throw new Error('the process died here');
        await vault.set(account, secret);
      },
    };
    const first = await startHarness({ dir, vault: dying });
    expect((await profileItems(first)).size).toBe(2);

    const h = await startHarness({ dir, vault });
    expect(await profileItems(h)).toEqual(secrets);
    expect((await h.ok('webhooks.list', { apiId })).every((w) => !w.secretMissing)).toBe(true);
    for (const [id, secret] of secrets) expect(await vault.get(id)).toBe(secret); // the old items stay
    expect(await h.ok('app.notices')).toEqual([]);
  });

  it('reports leftovers of this profile only; "Keep" keeps them, "Remove them" removes only those', async () => {
    const vault = testVault();
    const h = await startHarness({ vault });
    const { hooks } = await withWebhooks(h, 1);
    const leftover = randomUUID();
    await vault.set(h.account(leftover), generateSecret());
    await vault.set(`${h.account(leftover)}#pending`, generateSecret());
    const otherProfile = `${randomUUID()}/${randomUUID()}`;
    await vault.set(otherProfile, generateSecret());
    const unprefixed = randomUUID();
    await vault.set(unprefixed, generateSecret());

    const kept = await startHarness({ dir: h.dir, vault });
    expect(await kept.ok('app.notices')).toEqual([
      {
        kind: 'orphan-secrets',
        message: '2 signing secrets in the keychain belong to no webhook of this profile.',
      },
    ]);
    // A start with the notice dismissed ("Keep") removed nothing.
    const again = await startHarness({ dir: h.dir, vault });
    expect((await profileItems(again)).size).toBe(3);

    expect(await again.ok('keychain.removeOrphans')).toEqual({ removed: 2 });
    expect([...(await profileItems(again)).keys()]).toEqual([hooks[0]?.id]);
    const all = await keychainItems(serviceOf(vault));
    expect(all.has(otherProfile)).toBe(true);
    expect(all.has(unprefixed)).toBe(true);
    expect(await again.ok('app.notices')).toEqual([]);
  });

  it('starts and lists without waiting for the keychain; its answer arrives later as notices', async () => {
    const vault = testVault();
    const h = await startHarness({ vault });
    const { api } = await withWebhooks(h, 1);
    await vault.delete(h.account((await h.ok('webhooks.list', { apiId: api.id }))[0]?.id ?? ''));

    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const slow: SecretVault = {
      ...vault,
      list: async () => {
        await answered;
        return vault.list();
      },
    };
    const again = await startHarness({ dir: h.dir, vault: slow, keychainCheck: false });
    const check = again.services.keychain.startupCheck();
    expect((await again.ok('webhooks.list', { apiId: api.id })).map((w) => w.secretMissing)).toEqual([false]);
    answer();
    await check;
    expect((await again.ok('webhooks.list', { apiId: api.id })).map((w) => w.secretMissing)).toEqual([true]);
  });

  it('a keychain failure is never taken for a missing secret', async () => {
    const vault = testVault();
    const h = await startHarness({ vault });
    const { hooks } = await withWebhooks(h, 1);
    const id = hooks[0]?.id ?? '';
    const failing: SecretVault = {
      ...vault,
      get: () => Promise.reject(new AppError('KEYCHAIN_UNAVAILABLE', 'injected: locked')),
    };
    const again = await startHarness({ dir: h.dir, vault: failing });
    expect(await again.invoke('secrets.reveal', { id })).toMatchObject({
      ok: false,
      error: { code: 'KEYCHAIN_UNAVAILABLE' },
    });
    expect((await again.ok('webhooks.list', { apiId: hooks[0]?.apiId ?? '' }))[0]?.secretMissing).toBe(false);
  });

  it('a copy whose config cannot record it: no notice, a warning with the reason, and the copy made', async () => {
    const vault = testVault();
    const { dir, secrets } = await legacyDataDir(vault, 1);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const h = await startHarness({
        dir,
        vault,
        wrapStore: writesRefused,
      });
      expect(await h.ok('app.notices')).toEqual([]);
      expect(warn.mock.calls).toEqual([
        ['[hookwarden] the keychain check did not finish:', 'injected write failure'],
      ]);
      expect(await profileItems(h)).toEqual(secrets);
    } finally {
      warn.mockRestore();
    }
  });
});

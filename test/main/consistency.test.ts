import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openConfigStore } from '../../src/main/config/store';
import { systemClock } from '../../src/main/ports';
import { generateSecret } from '../../src/main/keychain/secret-format';
import { faultyStore, faultyVault } from '../support/faults';
import { profileItems } from '../support/keyring';
import { startWithWebhook } from '../support/fixtures';
import type { SecretVault } from '../../src/main/keychain/ports';
import { startHarness } from '../support/main-harness';

const setUp = () => startWithWebhook();

/** Main over an existing data dir whose config writes fail once `control.armed` is set. */
async function startWithFailingWrites(dir: string, vault: SecretVault) {
  let control = { armed: false };
  const h = await startHarness({
    dir,
    vault,
    wrapStore: (store) => {
      const faulty = faultyStore(store);
      control = faulty.control;
      return faulty.store;
    },
  });
  return { h, control };
}

describe('store and keychain stay consistent under failures', () => {
  it('keychain write fails on create: KEYCHAIN_UNAVAILABLE, no webhook in the config', async () => {
    const { h: first, vault, dir, api } = await setUp();
    const { vault: broken } = faultyVault(vault, ['set']);
    const h = await startHarness({ dir, vault: broken });
    const result = await h.invoke('webhooks.create', {
      apiId: api.id,
      version: 'v4',
      url: 'https://example.com/b',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE' } });
    expect(await h.ok('webhooks.list', { apiId: api.id })).toHaveLength(1);
    expect((await profileItems(first)).size).toBe(1);
  });

  it('config write fails on create: STORAGE_FAILED and the fresh secret is removed again', async () => {
    const { h: first, vault, dir, api } = await setUp();
    const { h, control } = await startWithFailingWrites(dir, vault);
    control.armed = true;
    const result = await h.invoke('webhooks.create', {
      apiId: api.id,
      version: 'v4',
      url: 'https://example.com/b',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'STORAGE_FAILED' } });
    control.armed = false;
    expect(await h.ok('webhooks.list', { apiId: api.id })).toHaveLength(1);
    expect((await profileItems(first)).size).toBe(1);
  });

  it('config write fails on regenerate: the old secret is put back', async () => {
    const { h: first, vault, dir, hook } = await setUp();
    const old = await profileItems(first);
    const { h, control } = await startWithFailingWrites(dir, vault);
    control.armed = true;
    expect(await h.invoke('webhooks.regenerateSecret', { id: hook.id })).toMatchObject({
      ok: false,
      error: { code: 'STORAGE_FAILED' },
    });
    // The old secret is current again and no pending copy is left.
    expect(await profileItems(first)).toEqual(old);
  });

  it('config write fails on regenerating a missing secret: no secret is left behind, still missing', async () => {
    const { h: first, vault, dir, api, hook } = await setUp();
    await vault.delete(first.account(hook.id));
    const { h, control } = await startWithFailingWrites(dir, vault);
    control.armed = true;
    expect(await h.invoke('webhooks.regenerateSecret', { id: hook.id })).toMatchObject({
      ok: false,
      error: { code: 'STORAGE_FAILED' },
    });
    control.armed = false;
    expect(await profileItems(first)).toEqual(new Map());
    expect(await h.ok('webhooks.list', { apiId: api.id })).toEqual([
      expect.objectContaining({ id: hook.id, secretMissing: true }),
    ]);
  });

  it('keychain down on delete: nothing is removed from the config', async () => {
    const { h: first, vault, dir, api, hook } = await setUp();
    const { vault: broken } = faultyVault(vault, ['probe', 'delete']);
    const h = await startHarness({ dir, vault: broken });
    expect(await h.invoke('webhooks.delete', { id: hook.id })).toMatchObject({
      ok: false,
      error: { code: 'KEYCHAIN_UNAVAILABLE' },
    });
    expect(await h.invoke('apis.delete', { id: api.id, cascade: true })).toMatchObject({
      ok: false,
      error: { code: 'KEYCHAIN_UNAVAILABLE' },
    });
    expect(await h.ok('webhooks.list', { apiId: api.id })).toHaveLength(1);
    expect((await profileItems(first)).get(hook.id)).toMatch(/^whsec_/);
  });

  it('config write fails on delete: STORAGE_FAILED, and the webhook and its secret both stay', async () => {
    const { h: first, vault, dir, api, hook } = await setUp();
    const before = await profileItems(first);
    const { h, control } = await startWithFailingWrites(dir, vault);
    control.armed = true;
    expect(await h.invoke('webhooks.delete', { id: hook.id })).toMatchObject({
      ok: false,
      error: { code: 'STORAGE_FAILED' },
    });
    expect(await h.invoke('apis.delete', { id: api.id, cascade: true })).toMatchObject({
      ok: false,
      error: { code: 'STORAGE_FAILED' },
    });
    control.armed = false;
    // A secret removed before the config was would leave a webhook that can no longer sign.
    expect(await profileItems(first)).toEqual(before);
    expect(await h.ok('webhooks.list', { apiId: api.id })).toEqual([
      expect.objectContaining({ id: hook.id, secretMissing: false }),
    ]);
    expect(await h.ok('secrets.reveal', { id: hook.id })).toEqual({ secret: before.get(hook.id) });
  });

  it('dies after the keychain write of a create: the leftover is reported, never removed unasked', async () => {
    const { h: first, vault, dir, api, hook } = await setUp();
    // Step 1 of create ran (secret written), step 2 (config) never did.
    const orphanId = randomUUID();
    await vault.set(first.account(orphanId), generateSecret());

    const h = await startHarness({ dir, vault });
    expect(await h.ok('webhooks.list', { apiId: api.id })).toEqual([
      expect.objectContaining({ id: hook.id }),
    ]);
    expect(await h.ok('app.notices')).toEqual([
      {
        kind: 'orphan-secrets',
        message: '1 signing secret in the keychain belongs to no webhook of this profile.',
      },
    ]);
    expect([...(await profileItems(h)).keys()].sort()).toEqual([hook.id, orphanId].sort());
  });

  it('dies after the config step of a delete: the leftover secret is reported, and kept until asked', async () => {
    const { h: first, vault, dir, api, hook } = await setUp();
    // Step 1 of delete ran (config written without the webhook), step 2 (keychain) never did.
    const { store } = openConfigStore(dir, systemClock);
    store.update(() => ({ ...store.read(), webhooks: [] }));

    const h = await startHarness({ dir, vault });
    expect(await h.ok('webhooks.list', { apiId: api.id })).toEqual([]);
    expect(await h.ok('app.notices')).toEqual([expect.objectContaining({ kind: 'orphan-secrets' })]);
    expect((await profileItems(first)).has(hook.id)).toBe(true);
    expect(await h.ok('keychain.removeOrphans')).toEqual({ removed: 1 });
    expect(await profileItems(first)).toEqual(new Map());
    expect(await h.ok('app.notices')).toEqual([]);
  });

  it('a webhook whose secret is missing at start is flagged, never dropped, and can be repaired', async () => {
    const { h: first, vault, dir, api, hook } = await setUp();
    await vault.delete(first.account(hook.id));

    const h = await startHarness({ dir, vault });
    expect(await h.ok('webhooks.list', { apiId: api.id })).toEqual([
      expect.objectContaining({ id: hook.id, secretMissing: true }),
    ]);
    await h.ok('webhooks.regenerateSecret', { id: hook.id });
    expect(await h.ok('webhooks.list', { apiId: api.id })).toEqual([
      expect.objectContaining({ id: hook.id, secretMissing: false }),
    ]);
  });

  it('keychain unreadable at start: the app starts, lists, and says so', async () => {
    const { h: first, vault, dir, api } = await setUp();
    const { vault: broken } = faultyVault(vault, ['list', 'get', 'set', 'delete', 'probe']);
    const h = await startHarness({ dir, vault: broken });
    expect(await h.ok('webhooks.list', { apiId: api.id })).toHaveLength(1);
    expect(await h.ok('app.notices')).toEqual([expect.objectContaining({ kind: 'keychain-unavailable' })]);
    expect(await h.ok('keychain.check')).toMatchObject({ available: false });
    expect((await profileItems(first)).size).toBe(1);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SecretVault } from '../../src/main/keychain/ports';
import type { Api } from '../../src/shared/domain';
import { AppError } from '../../src/shared/errors';
import { manualClock } from '../support/clock';
import { faultyStore, faultyVault } from '../support/faults';
import { profileItems, testVault } from '../support/keyring';
import { startHarness, type Harness } from '../support/main-harness';

async function withApi(h: Harness, versions = ['v4', 'v3']): Promise<Api> {
  return h.ok('apis.create', { name: `Invoices ${versions.join('')}`, versions });
}

describe('webhooks', () => {
  it('creates several webhooks per API, each with its own secret in the keychain and none in the config', async () => {
    const h = await startHarness();
    const api = await withApi(h);
    const dev = await h.ok('webhooks.create', {
      apiId: api.id,
      version: 'v4',
      url: 'http://localhost:8080/hooks',
    });
    const prod = await h.ok('webhooks.create', {
      apiId: api.id,
      version: 'v4',
      url: 'https://api.example.com/hooks',
    });

    expect(dev).toMatchObject({ apiId: api.id, version: 'v4', insecure: true, secretMissing: false });
    expect(prod).toMatchObject({ insecure: false, secretMissing: false });
    expect(dev).not.toHaveProperty('secret');
    expect(dev.createdAt).toBe(dev.secretRotatedAt);
    const items = await profileItems(h);
    expect([...items.keys()].sort()).toEqual([dev.id, prod.id].sort());
    for (const secret of items.values()) {
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    }
    expect(new Set(items.values()).size).toBe(2);
    expect((await h.ok('webhooks.list', { apiId: api.id })).map((w) => w.id)).toEqual([dev.id, prod.id]);
    // Each API lists its own webhooks only.
    const other = await h.ok('apis.create', { name: 'Receipts', versions: ['v1'] });
    const receipts = await h.ok('webhooks.create', {
      apiId: other.id,
      version: 'v1',
      url: 'https://r.example/',
    });
    expect((await h.ok('webhooks.list', { apiId: other.id })).map((w) => w.id)).toEqual([receipts.id]);
    expect((await h.ok('webhooks.list', { apiId: api.id })).map((w) => w.id)).toEqual([dev.id, prod.id]);

    const configText = readFileSync(join(h.dir, 'config.json'), 'utf8');
    expect(configText).toContain(dev.id);
    for (const secret of items.values()) expect(configText).not.toContain(secret);
  });

  it('refuses an invalid URL (INVALID_URL with a reason), an unknown version and an unknown API, changing nothing', async () => {
    const h = await startHarness();
    const api = await withApi(h);
    const invalid = [
      'example.com/hooks',
      'ftp://example.com/hooks',
      'https://user:pass@example.com/hooks',
      'https://example.com/with space',
      `https://example.com/${'a'.repeat(2048)}`,
      '',
    ];
    for (const url of invalid) {
      const result = await h.invoke('webhooks.create', { apiId: api.id, version: 'v4', url });
      expect(result, url).toMatchObject({ ok: false, error: { code: 'INVALID_URL' } });
      expect(result.ok || result.error.message.length).toBeGreaterThan(10);
    }
    expect(
      await h.invoke('webhooks.create', { apiId: api.id, version: 'v9', url: 'https://e.com' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'VERSION_UNKNOWN' },
    });
    expect(
      await h.invoke('webhooks.create', { apiId: crypto.randomUUID(), version: 'v4', url: 'https://e.com' }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await h.ok('webhooks.list', { apiId: api.id })).toEqual([]);
    expect((await profileItems(h)).size).toBe(0);
  });

  it('edits the URL: persisted at once, insecure flag follows, updatedAt is the time of the edit, secret untouched', async () => {
    const clock = manualClock();
    const h = await startHarness({ clock });
    const api = await withApi(h);
    const created = clock.iso();
    const hook = await h.ok('webhooks.create', {
      apiId: api.id,
      version: 'v3',
      url: 'https://example.com/a',
    });
    expect(hook).toMatchObject({ createdAt: created, updatedAt: created, secretRotatedAt: created });
    const before = (await profileItems(h)).get(hook.id);

    clock.advance(90_000);
    const edited = await h.ok('webhooks.updateUrl', { id: hook.id, url: 'http://127.0.0.1:9000/b' });
    expect(edited).toEqual({
      ...hook,
      url: 'http://127.0.0.1:9000/b',
      insecure: true,
      updatedAt: clock.iso(),
    });
    expect((await profileItems(h)).get(hook.id)).toBe(before);

    clock.advance(60_000);
    const rescheme = await h.ok('webhooks.setScheme', { id: hook.id, scheme: 'stripe' });
    expect(rescheme).toEqual({ ...edited, scheme: 'stripe', updatedAt: clock.iso() });

    expect(await h.invoke('webhooks.updateUrl', { id: hook.id, url: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_URL' },
    });
    expect(
      await h.invoke('webhooks.updateUrl', { id: crypto.randomUUID(), url: 'https://e.com' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const [stored] = JSON.parse(readFileSync(join(h.dir, 'config.json'), 'utf8')).webhooks;
    expect(stored).toEqual({
      id: hook.id,
      apiId: api.id,
      version: 'v3',
      url: 'http://127.0.0.1:9000/b',
      scheme: 'stripe',
      createdAt: created,
      updatedAt: clock.iso(),
      secretRotatedAt: created,
    });
  });

  it('regenerates the secret: one new value, the old one gone, secretRotatedAt and updatedAt are the time of it', async () => {
    const clock = manualClock();
    const h = await startHarness({ clock });
    const api = await withApi(h);
    const hook = await h.ok('webhooks.create', {
      apiId: api.id,
      version: 'v4',
      url: 'https://example.com/a',
    });
    const { secret: old } = await h.ok('secrets.reveal', { id: hook.id });

    clock.advance(5 * 60_000);
    const rotated = await h.ok('webhooks.regenerateSecret', { id: hook.id });
    const { secret: fresh } = await h.ok('secrets.reveal', { id: hook.id });
    expect(fresh).not.toBe(old);
    expect(fresh).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(rotated).toEqual({ ...hook, updatedAt: clock.iso(), secretRotatedAt: clock.iso() });
    const items = await profileItems(h);
    expect([...items.values()]).toEqual([fresh]);
  });

  it('deletes: config entry and keychain item both gone; unknown id is NOT_FOUND', async () => {
    const h = await startHarness();
    const api = await withApi(h);
    const a = await h.ok('webhooks.create', { apiId: api.id, version: 'v4', url: 'https://example.com/a' });
    const b = await h.ok('webhooks.create', { apiId: api.id, version: 'v4', url: 'https://example.com/b' });
    expect(await h.ok('webhooks.delete', { id: a.id })).toEqual({ id: a.id });
    expect((await h.ok('webhooks.list', { apiId: api.id })).map((w) => w.id)).toEqual([b.id]);
    expect([...(await profileItems(h)).keys()]).toEqual([b.id]);
    expect(await h.invoke('webhooks.delete', { id: a.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('deletes the config entry before any keychain item, and then every slot of the webhook', async () => {
    const vault = testVault();
    const steps: string[] = [];
    const recording: SecretVault = {
      ...vault,
      delete: (account) => {
        steps.push(`vault.delete ${account}`);
        return vault.delete(account);
      },
    };
    const h = await startHarness({
      vault: recording,
      wrapStore: (store) => ({
        read: () => store.read(),
        update: (change) =>
          store.update((current) => {
            const next = change(current);
            steps.push(`config.write ${next.webhooks.length} webhook(s)`);
            return next;
          }),
      }),
    });
    const api = await withApi(h);
    const hook = await h.ok('webhooks.create', {
      apiId: api.id,
      version: 'v4',
      url: 'https://example.com/a',
    });
    steps.length = 0;

    await h.ok('webhooks.delete', { id: hook.id });
    expect(steps).toEqual([
      'config.write 0 webhook(s)',
      `vault.delete ${h.account(hook.id)}`,
      `vault.delete ${h.account(hook.id)}#pending`,
      `vault.delete ${h.account(hook.id)}#previous`,
      `vault.delete ${h.account(hook.id)}#next`,
    ]);
  });

  it('persists everything across a restart over the same data dir and keychain', async () => {
    const vault = testVault();
    const first = await startHarness({ vault });
    const api = await withApi(first);
    const hook = await first.ok('webhooks.create', {
      apiId: api.id,
      version: 'v4',
      url: 'https://example.com/a',
    });
    await first.ok('webhooks.updateUrl', { id: hook.id, url: 'https://example.com/moved' });
    const { secret } = await first.ok('secrets.reveal', { id: hook.id });

    const second = await startHarness({ dir: first.dir, vault });
    expect(await second.ok('apis.list')).toEqual([api]);
    expect(await second.ok('webhooks.list', { apiId: api.id })).toEqual([
      expect.objectContaining({ id: hook.id, url: 'https://example.com/moved', secretMissing: false }),
    ]);
    expect(await second.ok('secrets.reveal', { id: hook.id })).toEqual({ secret });
    expect(await second.ok('app.notices')).toEqual([]);
  });

  it('lists without touching the keychain', async () => {
    const vault = testVault();
    const setup = await startHarness({ vault });
    const api = await withApi(setup);
    await setup.ok('webhooks.create', { apiId: api.id, version: 'v4', url: 'https://example.com/a' });

    const { vault: watched, control } = faultyVault(vault, ['get', 'set', 'delete', 'list', 'probe']);
    control.armed = false;
    const h = await startHarness({ dir: setup.dir, vault: watched });
    control.calls.length = 0;
    control.armed = true;
    expect(await h.ok('webhooks.list', { apiId: api.id })).toHaveLength(1);
    expect(await h.ok('apis.list')).toHaveLength(1);
    expect(control.calls).toEqual([]);
  });

  it('new secret header values whose config cannot be written are undone: the replaced value back, a new one gone', async () => {
    let control = { armed: false };
    const h = await startHarness({
      wrapStore: (store) => {
        const faulty = faultyStore(store);
        control = faulty.control;
        return faulty.store;
      },
    });
    const api = await withApi(h);
    const hook = await h.ok('webhooks.create', { apiId: api.id, version: 'v4', url: 'https://e.com/a' });
    await h.ok('webhooks.setHeaders', {
      id: hook.id,
      headers: [{ name: 'X-Api-Key', secret: true, value: 'k-1' }],
    });
    const before = await profileItems(h);

    control.armed = true;
    expect(
      await h.invoke('webhooks.setHeaders', {
        id: hook.id,
        headers: [
          { name: 'X-Api-Key', secret: true, value: 'k-2' },
          { name: 'X-Token', secret: true, value: 't-1' },
        ],
      }),
    ).toEqual({ ok: false, error: { code: 'STORAGE_FAILED', message: 'injected write failure' } });
    expect(await profileItems(h)).toEqual(before);
    expect(before.get(`${hook.id}#header:x-api-key`)).toBe('k-1');
    expect(before.has(`${hook.id}#header:x-token`)).toBe(false);
  });

  it('finishing a regenerate whose new secret is gone: SECRET_MISSING, and the current secret stays', async () => {
    const h = await startHarness();
    const api = await withApi(h);
    const hook = await h.ok('webhooks.create', { apiId: api.id, version: 'v4', url: 'https://e.com/a' });
    const before = await profileItems(h);
    const error = await h.services.webhooks.finishInterruptedRegenerate(hook.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'SECRET_MISSING',
      message: 'The new signing secret is no longer in the keychain.',
    });
    expect(await profileItems(h)).toEqual(before);
    expect(await h.ok('webhooks.list', { apiId: api.id })).toEqual([hook]);
  });
});

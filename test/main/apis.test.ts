import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { faultyVault } from '../support/faults';
import { profileItems, testVault } from '../support/keyring';
import { startHarness } from '../support/main-harness';
import { startReceiver } from '../support/receiver';

/** The config file as main wrote it. */
const configOnDisk = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as {
    webhooks: { apiId: string }[];
    templates: { apiId: string; version: string }[];
  };

describe('apis', () => {
  it('creates, lists, renames and changes versions; names are trimmed and unique ignoring case', async () => {
    const h = await startHarness();
    const api = await h.ok('apis.create', { name: '  Invoices  ', versions: ['v4', '2.1'] });
    expect(api).toMatchObject({ name: 'Invoices', versions: ['v4', '2.1'] });
    expect(Date.parse(api.createdAt)).not.toBeNaN();

    const taken = await h.invoke('apis.create', { name: 'INVOICES', versions: ['v1'] });
    expect(taken).toMatchObject({ ok: false, error: { code: 'NAME_TAKEN' } });

    const renamed = await h.ok('apis.update', { id: api.id, name: 'Receipts', versions: ['v4', 'v5'] });
    expect(renamed).toMatchObject({
      id: api.id,
      name: 'Receipts',
      versions: ['v4', 'v5'],
      createdAt: api.createdAt,
    });
    // Renaming to its own name (another case) is not a clash.
    expect(await h.ok('apis.update', { id: api.id, name: 'receipts' })).toMatchObject({ name: 'receipts' });
    expect(await h.ok('apis.list')).toEqual([expect.objectContaining({ id: api.id, name: 'receipts' })]);
  });

  it('stores names NFC and without invisible characters; look-alike and invisible variants are taken', async () => {
    const h = await startHarness();
    // "Café" typed with a combining accent is stored as the one-character é.
    const cafe = await h.ok('apis.create', { name: 'Cafe\u0301', versions: ['v1'] });
    expect(cafe.name).toBe('Caf\u00e9');
    const acme = await h.ok('apis.create', { name: '\u200BAc\u200Dme\u202E', versions: ['v1'] });
    expect(acme.name).toBe('Acme');
    for (const name of ['Acme\u200B', '\u0410cme', 'ACME', 'Ac\u2066me', 'Caf\u00e9', 'cafe\u0301']) {
      expect(await h.invoke('apis.create', { name, versions: ['v1'] }), JSON.stringify(name)).toMatchObject({
        ok: false,
        error: { code: 'NAME_TAKEN' },
      });
    }
    const other = await h.ok('apis.create', { name: 'Acne', versions: ['v1'] });
    expect(await h.invoke('apis.update', { id: other.id, name: '\u0410CME' })).toMatchObject({
      ok: false,
      error: { code: 'NAME_TAKEN' },
    });
    // A name of invisible characters only is empty.
    expect(await h.invoke('apis.create', { name: '\u200B\u200E', versions: ['v1'] })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect((await h.ok('apis.list')).map((api) => api.name)).toEqual(['Caf\u00e9', 'Acme', 'Acne']);
  });

  it('refuses bad names and version lists with INVALID_INPUT and changes nothing', async () => {
    const h = await startHarness();
    const bad = [
      { name: '', versions: ['v1'] },
      { name: '   ', versions: ['v1'] },
      { name: 'x'.repeat(81), versions: ['v1'] },
      { name: 'A', versions: [] },
      { name: 'A', versions: ['v1', 'v1'] },
      { name: 'A', versions: ['has space'] },
      { name: 'A', versions: ['v1'], extra: true },
    ];
    for (const input of bad) {
      expect(await h.invokeRaw('apis.create', input)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
    }
    expect(await h.ok('apis.list')).toEqual([]);
    expect(await h.ok('apis.create', { name: 'x'.repeat(80), versions: ['v1'] })).toBeTruthy();
  });

  it('refuses to remove a version that webhooks use, and to update an unknown API', async () => {
    const h = await startHarness();
    const api = await h.ok('apis.create', { name: 'Invoices', versions: ['v4', 'v3'] });
    await h.ok('webhooks.create', { apiId: api.id, version: 'v3', url: 'https://example.com/a' });

    const refused = await h.invoke('apis.update', { id: api.id, versions: ['v4'] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VERSION_IN_USE' } });
    expect(refused.ok || refused.error.message).toContain('v3');
    expect((await h.ok('apis.list'))[0]?.versions).toEqual(['v4', 'v3']);

    expect(await h.ok('apis.update', { id: api.id, versions: ['v3', 'v5'] })).toMatchObject({
      versions: ['v3', 'v5'],
    });
    const unknown = await h.invoke('apis.update', { id: crypto.randomUUID(), name: 'X' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('deletes an API: refused while it has webhooks, unless cascade, which removes webhooks and secrets', async () => {
    const h = await startHarness();
    const api = await h.ok('apis.create', { name: 'Invoices', versions: ['v4'] });
    const other = await h.ok('apis.create', { name: 'Receipts', versions: ['v1'] });
    const a = await h.ok('webhooks.create', {
      apiId: api.id,
      version: 'v4',
      url: 'https://dev.example.com/h',
    });
    const b = await h.ok('webhooks.create', { apiId: api.id, version: 'v4', url: 'https://example.com/h' });
    const kept = await h.ok('webhooks.create', {
      apiId: other.id,
      version: 'v1',
      url: 'https://example.com/r',
    });

    const refused = await h.invoke('apis.delete', { id: api.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'API_HAS_WEBHOOKS' } });
    expect((await profileItems(h)).size).toBe(3);

    expect(await h.ok('apis.delete', { id: api.id, cascade: true })).toEqual({ deletedWebhooks: 2 });
    expect((await h.ok('apis.list')).map((x) => x.id)).toEqual([other.id]);
    const items = await profileItems(h);
    expect([...items.keys()]).toEqual([kept.id]);
    expect(items.has(a.id) || items.has(b.id)).toBe(false);

    expect(await h.ok('apis.delete', { id: other.id, cascade: true })).toEqual({ deletedWebhooks: 1 });
    expect(await h.invoke('apis.delete', { id: other.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('deletes an API without webhooks directly', async () => {
    const h = await startHarness();
    const api = await h.ok('apis.create', { name: 'Empty', versions: ['v1'] });
    expect(await h.ok('apis.delete', { id: api.id })).toEqual({ deletedWebhooks: 0 });
    expect(await h.ok('apis.list')).toEqual([]);
  });

  it('says which name is taken, which versions webhooks still use, and how many webhooks block a delete', async () => {
    const h = await startHarness();
    const api = await h.ok('apis.create', { name: 'Invoices', versions: ['v4', 'v3', 'v2'] });
    await h.ok('webhooks.create', { apiId: api.id, version: 'v3', url: 'https://example.com/a' });
    await h.ok('webhooks.create', { apiId: api.id, version: 'v2', url: 'https://example.com/b' });

    expect(await h.invoke('apis.create', { name: 'invoices', versions: ['v1'] })).toEqual({
      ok: false,
      error: { code: 'NAME_TAKEN', message: 'An API named "invoices" already exists.' },
    });
    expect(await h.invoke('apis.update', { id: api.id, versions: ['v4'] })).toEqual({
      ok: false,
      error: {
        code: 'VERSION_IN_USE',
        message:
          'Webhooks still listen for v3, v2: delete them, or give them another version with "Change product version" first.',
      },
    });
    expect(await h.invoke('apis.delete', { id: api.id })).toEqual({
      ok: false,
      error: {
        code: 'API_HAS_WEBHOOKS',
        message:
          'This API has 2 webhook(s) and their signing secrets; delete them with it, or delete them first.',
      },
    });
  });

  it('a rename keeps the versions webhooks use; only this API’s webhooks hold a version; the other APIs stay as they were', async () => {
    const h = await startHarness();
    const invoices = await h.ok('apis.create', { name: 'Invoices', versions: ['v1', 'v2'] });
    const receipts = await h.ok('apis.create', { name: 'Receipts', versions: ['v2'] });
    await h.ok('webhooks.create', { apiId: invoices.id, version: 'v1', url: 'https://example.com/a' });
    await h.ok('webhooks.create', { apiId: receipts.id, version: 'v2', url: 'https://example.com/b' });

    expect(await h.ok('apis.update', { id: invoices.id, name: 'Bills' })).toMatchObject({
      name: 'Bills',
      versions: ['v1', 'v2'],
    });
    // Receipts' webhook listens for its own v2, not Invoices'.
    expect(await h.ok('apis.update', { id: invoices.id, versions: ['v1'] })).toMatchObject({
      versions: ['v1'],
    });
    expect(await h.ok('apis.list')).toEqual([{ ...invoices, name: 'Bills', versions: ['v1'] }, receipts]);
  });

  it('a removed version takes its saved test payload with it; other versions and APIs keep theirs', async () => {
    const h = await startHarness();
    const invoices = await h.ok('apis.create', { name: 'Invoices', versions: ['v4', 'v3'] });
    const receipts = await h.ok('apis.create', { name: 'Receipts', versions: ['v3'] });
    const save = (apiId: string, version: string) =>
      h.ok('templates.save', { apiId, version, json: `{"saved":"${version}"}` });
    await save(invoices.id, 'v4');
    await save(invoices.id, 'v3');
    await save(receipts.id, 'v3');

    await h.ok('apis.update', { id: invoices.id, versions: ['v4'] });
    expect(configOnDisk(h.dir).templates).toEqual([
      expect.objectContaining({ apiId: invoices.id, version: 'v4' }),
      expect.objectContaining({ apiId: receipts.id, version: 'v3' }),
    ]);
    // Added back, v3 starts from the default payload again.
    await h.ok('apis.update', { id: invoices.id, versions: ['v4', 'v3'] });
    expect(await h.ok('templates.get', { apiId: invoices.id, version: 'v3' })).toMatchObject({
      custom: false,
    });
    expect(await h.ok('templates.get', { apiId: invoices.id, version: 'v4' })).toMatchObject({
      custom: true,
      json: '{"saved":"v4"}',
    });
  });

  it('a cascade delete leaves no webhook or saved payload of the API in the config, and the others’ in place', async () => {
    const h = await startHarness();
    const gone = await h.ok('apis.create', { name: 'Invoices', versions: ['v4'] });
    const kept = await h.ok('apis.create', { name: 'Receipts', versions: ['v1'] });
    await h.ok('webhooks.create', { apiId: gone.id, version: 'v4', url: 'https://example.com/a' });
    const hook = await h.ok('webhooks.create', {
      apiId: kept.id,
      version: 'v1',
      url: 'https://example.com/r',
    });
    await h.ok('templates.save', { apiId: gone.id, version: 'v4', json: '{"a":1}' });
    await h.ok('templates.save', { apiId: kept.id, version: 'v1', json: '{"r":1}' });

    await h.ok('apis.delete', { id: gone.id, cascade: true });
    const onDisk = configOnDisk(h.dir);
    expect(onDisk.webhooks.map((w) => w.apiId)).toEqual([kept.id]);
    expect(onDisk.templates.map((t) => t.apiId)).toEqual([kept.id]);
    expect((await h.ok('webhooks.list', { apiId: kept.id })).map((w) => w.id)).toEqual([hook.id]);
  });

  it('deletes an API without webhooks while the keychain is down: it has no secret to remove', async () => {
    const { vault: down } = faultyVault(testVault(), ['get', 'set', 'delete', 'list', 'probe']);
    const h = await startHarness({ vault: down, keychainCheck: false });
    const api = await h.ok('apis.create', { name: 'Empty', versions: ['v1'] });
    expect(await h.ok('apis.delete', { id: api.id })).toEqual({ deletedWebhooks: 0 });
    expect(await h.ok('apis.list')).toEqual([]);
  });

  it('refuses a cascade delete while the keychain cannot remove secrets, and changes nothing', async () => {
    const vault = testVault();
    const faulty = faultyVault(vault, ['probe']);
    faulty.control.armed = false;
    const h = await startHarness({ vault: faulty.vault });
    const api = await h.ok('apis.create', { name: 'Invoices', versions: ['v1'] });
    const hook = await h.ok('webhooks.create', {
      apiId: api.id,
      version: 'v1',
      url: 'https://example.com/in',
    });
    faulty.control.armed = true;

    expect(await h.invoke('apis.delete', { id: api.id, cascade: true })).toMatchObject({
      ok: false,
      error: { code: 'KEYCHAIN_UNAVAILABLE' },
    });
    expect((await h.ok('apis.list')).map((a) => a.id)).toEqual([api.id]);
    expect(configOnDisk(h.dir).webhooks.map((w) => w.apiId)).toEqual([api.id]);
    expect((await profileItems({ vault, profileId: h.profileId })).has(hook.id)).toBe(true);
  });

  it('forgets the delivery logs of the webhooks it deletes, and keeps the others', async () => {
    const receiver = await startReceiver();
    try {
      const h = await startHarness();
      const gone = await h.ok('apis.create', { name: 'Gone', versions: ['v1'] });
      const kept = await h.ok('apis.create', { name: 'Kept', versions: ['v1'] });
      const goneHook = await h.ok('webhooks.create', {
        apiId: gone.id,
        version: 'v1',
        url: `${receiver.url}/a`,
      });
      const keptHook = await h.ok('webhooks.create', {
        apiId: kept.id,
        version: 'v1',
        url: `${receiver.url}/b`,
      });
      await h.ok('deliveries.send', { webhookId: goneHook.id });
      const keptDelivery = await h.ok('deliveries.send', { webhookId: keptHook.id });

      await h.ok('apis.delete', { id: gone.id, cascade: true });
      h.flushDeliveryLog();
      const log = readFileSync(join(h.dir, 'deliveries.json'), 'utf8');
      expect(log).not.toContain(goneHook.id);
      expect(log).toContain(keptDelivery.id);
      expect((await h.ok('deliveries.list', { webhookId: keptHook.id })).map((d) => d.id)).toEqual([
        keptDelivery.id,
      ]);
    } finally {
      await receiver.close();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { profileItems } from '../support/keyring';
import { startHarness } from '../support/main-harness';

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
});

import { describe, expect, it } from 'vitest';
import type { Api } from '../../src/shared/domain';
import { keychainItems } from '../support/keyring';
import { startHarness, type Harness } from '../support/main-harness';

async function withApi(h: Harness, versions = ['v4', 'v3']): Promise<Api> {
  return h.ok('apis.create', { name: `Invoices ${versions.join('')}`, versions });
}

const serviceOf = (h: Harness) => (h.vault as unknown as { service: string }).service;

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
    const items = await keychainItems(serviceOf(h));
    expect([...items.keys()].sort()).toEqual([dev.id, prod.id].sort());
    for (const secret of items.values()) {
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    }
    expect(new Set(items.values()).size).toBe(2);
    expect((await h.ok('webhooks.list', { apiId: api.id })).map((w) => w.id)).toEqual([dev.id, prod.id]);
  });
});

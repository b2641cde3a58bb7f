/** A webhook's description, pause, product version and last delivery, as main keeps them. */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Delivery } from '../../src/shared/delivery';
import { startHarness } from '../support/main-harness';
import { closedPort, startReceiver, type Receiver } from '../support/receiver';

let receivers: Receiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  receivers = [];
});

async function setUp() {
  const h = await startHarness();
  const api = await h.ok('apis.create', { name: 'Invoices', versions: ['v4', 'v3'] });
  const hook = await h.ok('webhooks.create', { apiId: api.id, version: 'v4', url: 'https://e.com/a' });
  return { h, api, hook };
}

describe('webhook details', () => {
  it('"Edit details" changes URL and description together; both persist; bad input changes nothing', async () => {
    const { h, api, hook } = await setUp();
    expect(hook).not.toHaveProperty('description');
    const edited = await h.ok('webhooks.updateDetails', {
      id: hook.id,
      url: 'https://e.com\\b',
      description: '  Production receiver  ',
    });
    expect(edited).toMatchObject({ url: 'https://e.com/b', description: 'Production receiver' });

    const refused = [
      { url: 'https://e.com/c', description: 'x'.repeat(201) },
      { url: 'https://e.com/c', description: 'two\nlines' },
    ];
    for (const input of refused) {
      expect(await h.invoke('webhooks.updateDetails', { id: hook.id, ...input })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
    }
    expect(
      await h.invoke('webhooks.updateDetails', { id: hook.id, url: 'ftp://e.com', description: '' }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_URL' } });

    const again = await startHarness({ dir: h.dir, vault: h.vault });
    expect(await again.ok('webhooks.list', { apiId: api.id })).toEqual([
      expect.objectContaining({ url: 'https://e.com/b', description: 'Production receiver' }),
    ]);
  });

  it('creates with a description', async () => {
    const { h, api } = await setUp();
    const made = await h.ok('webhooks.create', {
      apiId: api.id,
      version: 'v3',
      url: 'https://e.com/d',
      description: 'Staging',
    });
    expect(made.description).toBe('Staging');
  });

  it('pauses and resumes; the state persists', async () => {
    const { h, api, hook } = await setUp();
    expect((await h.ok('webhooks.setPaused', { id: hook.id, paused: true })).paused).toBe(true);
    const again = await startHarness({ dir: h.dir, vault: h.vault });
    expect((await again.ok('webhooks.list', { apiId: api.id }))[0]?.paused).toBe(true);
    expect((await again.ok('webhooks.setPaused', { id: hook.id, paused: false })).paused).toBe(false);
    expect(JSON.parse(readFileSync(join(h.dir, 'config.json'), 'utf8')).webhooks[0].paused).toBe(false);
  });

  it('changes the product version to another of its API, which frees the old one for removal', async () => {
    const { h, api, hook } = await setUp();
    expect(await h.invoke('apis.update', { id: api.id, versions: ['v3'] })).toMatchObject({
      ok: false,
      error: { code: 'VERSION_IN_USE', message: expect.stringContaining('"Change product version"') },
    });
    expect(await h.invoke('webhooks.changeVersion', { id: hook.id, version: 'v9' })).toMatchObject({
      ok: false,
      error: { code: 'VERSION_UNKNOWN' },
    });
    expect((await h.ok('webhooks.changeVersion', { id: hook.id, version: 'v3' })).version).toBe('v3');
    expect((await h.ok('apis.update', { id: api.id, versions: ['v3'] })).versions).toEqual(['v3']);
  });

  it('lists each webhook with its last delivery: none before the first, then status or failure kind', async () => {
    const r = await startReceiver((_request, response) => response.writeHead(202).end());
    receivers.push(r);
    const { h, api, hook } = await setUp();
    expect((await h.ok('webhooks.list', { apiId: api.id }))[0]?.lastDelivery).toBeNull();

    await h.ok('webhooks.updateUrl', { id: hook.id, url: `${r.url}/in` });
    const sent = await h.ok('deliveries.send', { webhookId: hook.id });
    expect((await h.ok('webhooks.list', { apiId: api.id }))[0]?.lastDelivery).toEqual({
      sentAt: sent.sentAt,
      outcome: 'success',
      status: 202,
      failureKind: null,
    });

    await h.ok('webhooks.updateUrl', { id: hook.id, url: `http://127.0.0.1:${await closedPort()}/in` });
    const failed = await h.ok('deliveries.send', { webhookId: hook.id });
    expect((await h.ok('webhooks.list', { apiId: api.id }))[0]?.lastDelivery).toEqual({
      sentAt: failed.sentAt,
      outcome: 'failure',
      status: null,
      failureKind: 'refused',
    });
  });

  it('lists a last delivery recorded with neither a response nor an error: no status, no failure kind', async () => {
    const { h, api, hook } = await setUp();
    const id = randomUUID();
    const record: Delivery = {
      id,
      webhookId: hook.id,
      sentAt: '2026-03-01T09:00:00.000Z',
      scheme: hook.scheme,
      messageId: `msg_${id}`,
      redeliveryOf: null,
      request: { method: 'POST', url: hook.url, headers: {}, body: '{}' },
      response: null,
      error: null,
      durationMs: 12,
      outcome: 'failure',
    };
    h.deliveryLog.apply({ op: 'add', record });
    expect((await h.ok('webhooks.list', { apiId: api.id }))[0]?.lastDelivery).toEqual({
      sentAt: '2026-03-01T09:00:00.000Z',
      outcome: 'failure',
      status: null,
      failureKind: null,
    });
  });
});

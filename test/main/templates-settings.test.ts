import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Channel } from '../../src/shared/contract';
import { webhookTo } from '../support/deliveries';
import { startHarness, type Harness } from '../support/main-harness';
import { startReceiver, type Receiver } from '../support/receiver';

let receivers: Receiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  receivers = [];
});

const codeOf = async (result: ReturnType<Harness['invoke']>) => {
  const settled = await result;
  return settled.ok ? 'ok' : settled.error.code;
};

interface DefaultPayload {
  document: {
    id: string;
    name: string;
    n_pages: number;
    inference: {
      product: { name: string; version: string };
      prediction: object;
      pages: unknown[];
      started_at: string;
      finished_at: string;
      processing_time: number;
    };
  };
  job: { id: string; issued_at: string; available_at: string; status: string; error: object };
}

describe('test payload templates', () => {
  it('defaults to a document-AI prediction callback with fresh ids and timestamps', async () => {
    const h = await startHarness();
    const api = await h.ok('apis.create', { name: 'Invoices', versions: ['v4', 'v3'] });
    const first = await h.ok('templates.get', { apiId: api.id, version: 'v3' });
    const second = await h.ok('templates.get', { apiId: api.id, version: 'v3' });

    expect(first.custom).toBe(false);
    const a = JSON.parse(first.json) as DefaultPayload;
    const b = JSON.parse(second.json) as DefaultPayload;
    expect(Object.keys(a)).toEqual(['document', 'job']);
    expect(a.job).toMatchObject({ status: 'completed', error: {} });
    expect(a.document.inference.product).toEqual({ name: 'Invoices', version: 'v3' });
    expect(a.document.n_pages).toBe(1);
    expect(a.document.inference.pages).toHaveLength(1);
    expect(Date.parse(a.document.inference.finished_at)).toBeGreaterThan(
      Date.parse(a.document.inference.started_at),
    );
    expect(a.document.inference.processing_time).toBeGreaterThan(0);
    expect(b.job.id).not.toBe(a.job.id);
    expect(b.document.id).not.toBe(a.document.id);
  });

  it('saves valid JSON per API version and sends exactly that text; reset goes back to the default', async () => {
    const r = await startReceiver();
    receivers.push(r);
    const h = await startHarness();
    const { api, webhook } = await webhookTo(h, r.url);
    const json = '{\n  "event": "custom",\n  "amount": 12.5\n}';

    expect(await h.ok('templates.save', { apiId: api.id, version: 'v1', json })).toMatchObject({
      json,
      custom: true,
    });
    expect(await h.ok('templates.get', { apiId: api.id, version: 'v1' })).toMatchObject({
      json,
      custom: true,
    });
    const record = await h.ok('deliveries.send', { webhookId: webhook.id });
    expect(record.request.body).toBe(json);
    expect(r.received[0]?.body).toBe(json);

    const reset = await h.ok('templates.reset', { apiId: api.id, version: 'v1' });
    expect(reset.custom).toBe(false);
    await h.ok('deliveries.send', { webhookId: webhook.id });
    expect(JSON.parse(r.received[1]?.body ?? '')).toHaveProperty('job.status', 'completed');
  });

  it('refuses invalid JSON with INVALID_JSON and saves nothing', async () => {
    const h = await startHarness();
    const api = await h.ok('apis.create', { name: 'Invoices', versions: ['v1'] });
    for (const json of ['{"a": }', '', '{"a": 1', '[1, 2]', '"text"', 'null']) {
      const result = await h.invoke('templates.save', { apiId: api.id, version: 'v1', json });
      expect(result.ok ? 'ok' : result.error.code, json).toBe('INVALID_JSON');
    }
    const bad = await h.invoke('templates.save', { apiId: api.id, version: 'v1', json: '{"a": }' });
    expect(bad.ok ? '' : bad.error.message).toMatch(/^The test payload is not valid JSON: /);
    expect((await h.ok('templates.get', { apiId: api.id, version: 'v1' })).custom).toBe(false);
    const config = JSON.parse(readFileSync(join(h.dir, 'config.json'), 'utf8')) as { templates: unknown[] };
    expect(config.templates).toEqual([]);
  });

  it('answers VERSION_UNKNOWN / NOT_FOUND for versions and APIs that do not exist', async () => {
    const h = await startHarness();
    const api = await h.ok('apis.create', { name: 'Invoices', versions: ['v1'] });
    expect(await codeOf(h.invoke('templates.get', { apiId: api.id, version: 'v9' }))).toBe('VERSION_UNKNOWN');
    expect(await codeOf(h.invoke('templates.save', { apiId: api.id, version: 'v9', json: '{}' }))).toBe(
      'VERSION_UNKNOWN',
    );
    const ghost = { apiId: '9b2f7c4e-3a1d-4e5f-8a6b-7c8d9e0f1a2b', version: 'v1' };
    expect(await codeOf(h.invoke('templates.get', ghost))).toBe('NOT_FOUND');
  });

  it('drops a saved template with its version or its API', async () => {
    const h = await startHarness();
    const api = await h.ok('apis.create', { name: 'Invoices', versions: ['v1', 'v2'] });
    await h.ok('templates.save', { apiId: api.id, version: 'v1', json: '{"v":1}' });
    await h.ok('templates.save', { apiId: api.id, version: 'v2', json: '{"v":2}' });
    const stored = () =>
      (JSON.parse(readFileSync(join(h.dir, 'config.json'), 'utf8')) as { templates: { version: string }[] })
        .templates;

    await h.ok('apis.update', { id: api.id, versions: ['v2'] });
    expect(stored().map((t) => t.version)).toEqual(['v2']);
    await h.ok('apis.delete', { id: api.id });
    expect(stored()).toEqual([]);
  });
});

describe('settings', () => {
  it('has a 10 s delivery timeout by default, accepts 1–60 s and keeps it across restarts', async () => {
    const h = await startHarness();
    expect(await h.ok('settings.get')).toEqual({ deliveryTimeoutSeconds: 10 });
    for (const bad of [0, 61, 1.5, -3, '10', null]) {
      expect(
        await codeOf(h.invoke('settings.update', { deliveryTimeoutSeconds: bad as number })),
        String(bad),
      ).toBe('INVALID_INPUT');
    }
    expect(await h.ok('settings.update', { deliveryTimeoutSeconds: 60 })).toEqual({
      deliveryTimeoutSeconds: 60,
    });
    expect(await h.ok('settings.update', { deliveryTimeoutSeconds: 1 })).toEqual({
      deliveryTimeoutSeconds: 1,
    });
    const again = await startHarness({ dir: h.dir, vault: h.vault });
    expect(await again.ok('settings.get')).toEqual({ deliveryTimeoutSeconds: 1 });
  });
});

describe('signature scheme per webhook', () => {
  it('defaults to Mindee, can be chosen on create and changed later, and is kept across restarts', async () => {
    const h = await startHarness();
    const api = await h.ok('apis.create', { name: 'Invoices', versions: ['v1'] });
    const url = 'https://api.example.com/hooks';
    const plain = await h.ok('webhooks.create', { apiId: api.id, version: 'v1', url });
    const github = await h.ok('webhooks.create', { apiId: api.id, version: 'v1', url, scheme: 'github' });
    expect(plain.scheme).toBe('mindee');
    expect(github.scheme).toBe('github');

    const changed = await h.ok('webhooks.setScheme', { id: plain.id, scheme: 'standard-webhooks' });
    expect(changed).toMatchObject({ id: plain.id, scheme: 'standard-webhooks', secretMissing: false });
    const again = await startHarness({ dir: h.dir, vault: h.vault });
    const listed = await again.ok('webhooks.list', { apiId: api.id });
    expect(listed.map((w) => w.scheme)).toEqual(['standard-webhooks', 'github']);
    expect(await codeOf(again.invoke('webhooks.setScheme', { id: api.id, scheme: 'stripe' }))).toBe(
      'NOT_FOUND',
    );
  });
});

describe('bad inputs to the delivery channels', () => {
  const uuid = '3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
  const cases: [Channel, unknown[]][] = [
    ['deliveries.send', [{ webhookId: uuid, extra: 1 }, { webhookId: 'nope' }, { id: uuid }]],
    ['deliveries.list', [{ webhookId: 42 }, { webhookId: uuid, limit: 5 }]],
    ['deliveries.redeliver', [{ deliveryId: null }, { deliveryId: uuid, webhookId: uuid }]],
    ['deliveries.copyAsCurl', [{ deliveryId: '' }, { deliveryId: [uuid] }]],
    ['templates.get', [{ apiId: uuid }, { apiId: uuid, version: 'has space' }]],
    [
      'templates.save',
      [
        { apiId: uuid, version: 'v1' },
        { apiId: uuid, version: 'v1', json: {} },
      ],
    ],
    ['templates.save', [{ apiId: uuid, version: 'v1', json: 'x'.repeat(256 * 1024 + 1) }]],
    ['templates.reset', [{ apiId: uuid, version: 'v1', json: '{}' }]],
    ['settings.update', [{}, { deliveryTimeoutSeconds: 5, theme: 'dark' }]],
    ['settings.get', [{ anything: true }]],
    ['webhooks.setScheme', [{ id: uuid, scheme: 'md5' }, { id: uuid }, { id: uuid, scheme: 'github', x: 1 }]],
    ['webhooks.create', [{ apiId: uuid, version: 'v1', url: 'https://a.example', scheme: 'Mindee' }]],
  ];
  const junk = [null, undefined, 42, 'text', [], true, { unrelated: uuid }];

  it.each(cases)('%s rejects malformed input with INVALID_INPUT', async (channel, inputs) => {
    const h = await startHarness();
    for (const input of [...inputs, ...junk]) {
      if (channel === 'settings.get' && input === undefined) continue;
      const result = await h.invokeRaw(channel, input);
      expect(result.ok ? 'ok' : result.error.code, JSON.stringify(input)).toBe('INVALID_INPUT');
    }
  });
});

/** Custom headers per webhook: sent with every delivery; a secret one's value only in the keychain. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { profileItems } from '../support/keyring';
import { startHarness } from '../support/main-harness';
import { header, startReceiver, type Receiver } from '../support/receiver';

const TOKEN = 'Bearer hw-test-3f9c1d2e7b';

let receivers: Receiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  receivers = [];
});

async function setUp() {
  const r = await startReceiver();
  receivers.push(r);
  const h = await startHarness();
  const api = await h.ok('apis.create', { name: 'Invoices', versions: ['v4'] });
  const hook = await h.ok('webhooks.create', { apiId: api.id, version: 'v4', url: `${r.url}/in` });
  return { r, h, api, hook };
}

describe('custom headers', () => {
  it('sends them with every delivery; a secret value is masked in the record and the curl command, kept in the keychain only', async () => {
    const { r, h, hook } = await setUp();
    const set = await h.ok('webhooks.setHeaders', {
      id: hook.id,
      headers: [
        { name: 'X-Team', secret: false, value: 'payments' },
        { name: 'Authorization', secret: true, value: TOKEN },
      ],
    });
    expect(set.headers).toEqual([
      { name: 'X-Team', secret: false, value: 'payments' },
      { name: 'Authorization', secret: true, value: null },
    ]);
    expect((await profileItems(h)).get(`${hook.id}#header:authorization`)).toBe(TOKEN);

    const sent = await h.ok('deliveries.send', { webhookId: hook.id });
    const [received] = r.received;
    if (!received) throw new Error('nothing arrived');
    expect(header(received, 'X-Team')).toBe('payments');
    expect(header(received, 'Authorization')).toBe(TOKEN);
    expect(sent.request.headers).toMatchObject({ 'X-Team': 'payments', Authorization: '••••' });

    const { command } = await h.ok('deliveries.copyAsCurl', { deliveryId: sent.id });
    expect(command).toContain(`'Authorization: ••••'`);
    h.flushDeliveryLog();
    for (const file of ['config.json', 'deliveries.json']) {
      expect(readFileSync(join(h.dir, file), 'utf8')).not.toContain(TOKEN);
    }
    expect(command).not.toContain(TOKEN);
  });

  it('keeps a secret value left out, removes the values of headers no longer secret, and all of them with the webhook', async () => {
    const { h, hook } = await setUp();
    await h.ok('webhooks.setHeaders', {
      id: hook.id,
      headers: [
        { name: 'Authorization', secret: true, value: TOKEN },
        { name: 'X-Api-Key', secret: true, value: 'k-1' },
      ],
    });
    await h.ok('webhooks.setHeaders', {
      id: hook.id,
      headers: [
        { name: 'Authorization', secret: true },
        { name: 'X-Api-Key', secret: false, value: 'now public' },
      ],
    });
    const items = await profileItems(h);
    expect(items.get(`${hook.id}#header:authorization`)).toBe(TOKEN);
    expect(items.has(`${hook.id}#header:x-api-key`)).toBe(false);
    expect(await h.ok('app.notices')).toEqual([]);

    await h.ok('webhooks.delete', { id: hook.id });
    expect(await profileItems(h)).toEqual(new Map());
  });

  it('refuses, with a clear error and changing nothing: bad or reserved names, line breaks, too many, too long', async () => {
    const { h, api, hook } = await setUp();
    const good = { name: 'X-Team', secret: false, value: 'payments' };
    await h.ok('webhooks.setHeaders', { id: hook.id, headers: [good] });
    const config = readFileSync(join(h.dir, 'config.json'), 'utf8');
    const refused: { headers: unknown[]; message: RegExp }[] = [
      { headers: [{ name: 'X Team', secret: false, value: 'a' }], message: /header name/ },
      { headers: [{ name: 'Ünï', secret: false, value: 'a' }], message: /header name/ },
      ...[
        'Host',
        'content-length',
        'Content-Type',
        'User-Agent',
        'X-Mindee-Hmac-Signature',
        'webhook-id',
        'Webhook-Timestamp',
        'webhook-signature',
        'Stripe-Signature',
        'X-GitHub-Event',
        'X-GitHub-Delivery',
        'x-hub-signature-256',
      ].map((name) => ({
        headers: [{ name, secret: false, value: 'a' }],
        message: /sets this header itself/,
      })),
      { headers: [{ name: 'X-A', secret: false, value: 'a\r\nInjected: yes' }], message: /line break/ },
      { headers: [{ name: 'X-A', secret: false, value: 'x'.repeat(1025) }], message: /1024 bytes/ },
      { headers: [{ name: 'X-A', secret: false, value: 'é'.repeat(513) }], message: /1024 bytes/ },
      {
        headers: Array.from({ length: 21 }, (_, i) => ({ name: `X-${i}`, secret: false, value: 'a' })),
        message: /at most 20/,
      },
      {
        headers: [good, { name: 'x-team', secret: false, value: 'b' }],
        message: /once/,
      },
      {
        headers: [{ name: 'Authorization', secret: true }],
        message: /Give the secret header Authorization a value/,
      },
      { headers: [{ name: 'X-A', secret: false }], message: /Give the header X-A a value/ },
    ];
    for (const { headers, message } of refused) {
      const result = await h.invokeRaw('webhooks.setHeaders', { id: hook.id, headers });
      expect(result, JSON.stringify(headers).slice(0, 80)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', message: expect.stringMatching(message) },
      });
    }
    expect(readFileSync(join(h.dir, 'config.json'), 'utf8')).toBe(config);
    expect((await h.ok('webhooks.list', { apiId: api.id }))[0]?.headers).toEqual([good]);
    expect(await profileItems(h)).toEqual(new Map([[hook.id, expect.stringMatching(/^whsec_/)]]));
  });

  it('a secret header whose value left the keychain: no request, SECRET_MISSING naming the header', async () => {
    const { r, h, hook } = await setUp();
    await h.ok('webhooks.setHeaders', {
      id: hook.id,
      headers: [{ name: 'Authorization', secret: true, value: TOKEN }],
    });
    await h.vault.delete(`${h.account(hook.id)}#header:authorization`);
    expect(await h.invoke('deliveries.send', { webhookId: hook.id })).toMatchObject({
      ok: false,
      error: { code: 'SECRET_MISSING', message: expect.stringContaining('Authorization') },
    });
    expect(r.received).toEqual([]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { SIGNATURE_SCHEMES, type SignatureScheme } from '../../src/shared/domain';
import { webhookTo } from '../support/deliveries';
import { startHarness } from '../support/main-harness';
import { header, startReceiver, type Received, type Receiver } from '../support/receiver';
import { verifyDelivery } from '../support/verifiers';

const packageVersion = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

/** A receiver that answers 200 only when the official verifier accepts the delivery, 401 otherwise. */
async function verifyingReceiver(scheme: SignatureScheme, secret: () => string): Promise<Receiver> {
  return startReceiver(async (request, response) => {
    const valid = await verifyDelivery(scheme, secret(), request);
    response
      .writeHead(valid ? 200 : 401, { 'content-type': 'text/plain' })
      .end(valid ? 'ok' : 'bad signature');
  });
}

/** The schemes whose signature covers a timestamp header. */
const TIMESTAMPED: readonly SignatureScheme[] = ['standard-webhooks', 'stripe'];

/** The Unix-seconds timestamp a delivery's signature headers carry, or null for a scheme without one. */
function signedTimestamp(scheme: SignatureScheme, received: Received): string | null {
  if (scheme === 'standard-webhooks') return header(received, 'webhook-timestamp');
  if (scheme === 'stripe')
    return /^t=(\d+),v1=[0-9a-f]{64}$/.exec(header(received, 'Stripe-Signature'))?.[1] ?? '';
  return null;
}

let receivers: Receiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  receivers = [];
});

describe.each(SIGNATURE_SCHEMES)('interop: %s deliveries verify with the official verifier', (scheme) => {
  it('is accepted by a receiver on 127.0.0.1; a tampered body or a wrong secret is not', async () => {
    const h = await startHarness();
    let secret = '';
    const receiver = await verifyingReceiver(scheme, () => secret);
    receivers.push(receiver);
    const setup = await webhookTo(h, `${receiver.url}/hooks`, scheme);
    secret = setup.secret;

    const sendStarted = Date.now();
    const record = await h.ok('deliveries.send', { webhookId: setup.webhook.id });
    const sendEnded = Date.now();

    expect(record).toMatchObject({ outcome: 'success', scheme, error: null, response: { status: 200 } });
    // The verifiers reject only old timestamps (stripe) or allow minutes of skew: check the exact value too.
    expect(Date.parse(record.sentAt)).toBeGreaterThanOrEqual(sendStarted);
    expect(Date.parse(record.sentAt)).toBeLessThanOrEqual(sendEnded);
    const [received] = receiver.received;
    if (!received) throw new Error('nothing received');
    expect(received.method).toBe('POST');
    expect(received.path).toBe('/hooks');
    expect(received.body).toBe(record.request.body);
    expect(header(received, 'content-type')).toBe('application/json');
    expect(header(received, 'user-agent')).toBe(`Hookwarden/${packageVersion}`);
    const payload = JSON.parse(received.body) as { document: { inference: { product: unknown } } };
    expect(payload.document.inference.product).toEqual({ name: setup.api.name, version: 'v1' });

    expect(signedTimestamp(scheme, received)).toBe(
      TIMESTAMPED.includes(scheme) ? String(Math.floor(Date.parse(record.sentAt) / 1000)) : null,
    );

    expect(await verifyDelivery(scheme, secret, received)).toBe(true);
    const tampered = { ...received, body: received.body.replace('"completed"', '"failed"') };
    expect(tampered.body).not.toBe(received.body);
    expect(await verifyDelivery(scheme, secret, tampered)).toBe(false);
    expect(await verifyDelivery(scheme, `${secret.slice(0, -4)}AAA=`, received)).toBe(false);
  });

  it('signs the saved payload byte for byte: whitespace, key order, escapes and non-ASCII as typed', async () => {
    const h = await startHarness();
    let secret = '';
    const receiver = await verifyingReceiver(scheme, () => secret);
    receivers.push(receiver);
    const setup = await webhookTo(h, `${receiver.url}/hooks`, scheme);
    secret = setup.secret;
    // Parsing and serialising this again would give different bytes, and a signature the receiver rejects.
    const json = '{\n  "z": "Ünïcödé ✓",\t"a": "\\u00e9\\/",\n  "n": 1.50, "e": 1e3 }\n';
    expect(JSON.stringify(JSON.parse(json))).not.toBe(json);
    await h.ok('templates.save', { apiId: setup.api.id, version: 'v1', json });

    const record = await h.ok('deliveries.send', { webhookId: setup.webhook.id });

    const [received] = receiver.received;
    expect(received?.body).toBe(json);
    expect(record).toMatchObject({ outcome: 'success', response: { status: 200 }, request: { body: json } });
  });
});

describe('regenerate then send', () => {
  it.each(SIGNATURE_SCHEMES)('%s: the old secret no longer verifies, the new one does', async (scheme) => {
    const h = await startHarness();
    const receiver = await startReceiver();
    receivers.push(receiver);
    const { webhook, secret: oldSecret } = await webhookTo(h, receiver.url, scheme);
    await h.ok('webhooks.regenerateSecret', { id: webhook.id });
    const { secret: newSecret } = await h.ok('secrets.reveal', { id: webhook.id });

    await h.ok('deliveries.send', { webhookId: webhook.id });

    const [received] = receiver.received;
    if (!received) throw new Error('nothing received');
    expect(newSecret).not.toBe(oldSecret);
    expect(await verifyDelivery(scheme, newSecret, received)).toBe(true);
    expect(await verifyDelivery(scheme, oldSecret, received)).toBe(false);
  });
});

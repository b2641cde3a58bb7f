import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { SIGNATURE_SCHEMES, type SignatureScheme } from '../../src/shared/domain';
import { webhookTo } from '../support/deliveries';
import { startHarness } from '../support/main-harness';
import { header, startReceiver, type Receiver } from '../support/receiver';
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

    const record = await h.ok('deliveries.send', { webhookId: setup.webhook.id });

    expect(record).toMatchObject({ outcome: 'success', scheme, error: null, response: { status: 200 } });
    const [received] = receiver.received;
    if (!received) throw new Error('nothing received');
    expect(received.method).toBe('POST');
    expect(received.path).toBe('/hooks');
    expect(received.body).toBe(record.request.body);
    expect(header(received, 'content-type')).toBe('application/json');
    expect(header(received, 'user-agent')).toBe(`Hookwarden/${packageVersion}`);
    const payload = JSON.parse(received.body) as { document: { inference: { product: unknown } } };
    expect(payload.document.inference.product).toEqual({ name: setup.api.name, version: 'v1' });

    expect(await verifyDelivery(scheme, secret, received)).toBe(true);
    const tampered = { ...received, body: received.body.replace('"completed"', '"failed"') };
    expect(tampered.body).not.toBe(received.body);
    expect(await verifyDelivery(scheme, secret, tampered)).toBe(false);
    expect(await verifyDelivery(scheme, `${secret.slice(0, -4)}AAA=`, received)).toBe(false);
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

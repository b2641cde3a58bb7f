import { createHmac } from 'node:crypto';
import { sign as signGitHub } from '@octokit/webhooks-methods';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { messageIdFor, signatureHeaders, unixSeconds } from '../../src/main/deliveries/signing';

const stripe = new Stripe('sk_test_hookwarden_signing');

describe('signature schemes: published vectors', () => {
  it("matches GitHub's documented example", () => {
    const headers = signatureHeaders({
      scheme: 'github',
      secrets: ["It's a Secret to Everybody"],
      body: 'Hello, World!',
      messageId: 'b1d1b1d1-0000-4000-8000-000000000000',
      timestamp: 0,
    });
    expect(headers['X-Hub-Signature-256']).toBe(
      'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
    );
    expect(headers['X-GitHub-Event']).toBe('ping');
    expect(headers['X-GitHub-Delivery']).toBe('b1d1b1d1-0000-4000-8000-000000000000');
  });

  it("matches the Standard Webhooks library's test vector", () => {
    const headers = signatureHeaders({
      scheme: 'standard-webhooks',
      secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
      body: '{"test": 2432232314}',
      messageId: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestamp: 1614265330,
    });
    expect(headers).toEqual({
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
  });

  it('counts the timestamp in whole Unix seconds, rounded down', () => {
    expect(unixSeconds(new Date('2023-11-14T22:13:20.000Z'))).toBe(1_700_000_000);
    expect(unixSeconds(new Date('2023-11-14T22:13:20.999Z'))).toBe(1_700_000_000);
    expect(unixSeconds(new Date('2023-11-14T22:13:21.000Z'))).toBe(1_700_000_001);
  });
});

/**
 * Every scheme on one input whose bytes matter (non-ASCII, whitespace, key order): the expected headers are
 * computed here by each scheme's documented algorithm with node:crypto, and by its official library where
 * there is one, never by the app's code.
 */
describe('signature schemes: the documented algorithm and the official library agree with the app', () => {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const body = '{ "name": "Ünïcödé ✓",\n  "b": 1, "a": "\\u00e9" }';
  const messageId = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
  const timestamp = 1_700_000_123;
  const input = { secrets: [secret], body, messageId, timestamp };
  const hmac = (key: string | Buffer, content: string) => createHmac('sha256', key).update(content, 'utf8');

  it('Mindee: hex HMAC-SHA256 of the raw body, keyed with the whole secret', () => {
    expect(signatureHeaders({ ...input, scheme: 'mindee' })).toEqual({
      'X-Mindee-Hmac-Signature': hmac(secret, body).digest('hex'),
    });
  });

  it('Standard Webhooks: base64 HMAC of "id.timestamp.body", keyed with the base64 after whsec_', () => {
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const expected = `v1,${hmac(key, `${messageId}.${timestamp}.${body}`).digest('base64')}`;
    expect(new StandardWebhook(secret).sign(messageId, new Date(timestamp * 1000), body)).toBe(expected);
    expect(signatureHeaders({ ...input, scheme: 'standard-webhooks' })).toEqual({
      'webhook-id': messageId,
      'webhook-timestamp': '1700000123',
      'webhook-signature': expected,
    });
  });

  it('Stripe: t=<seconds>,v1=<hex HMAC of "t.body"> keyed with the whole secret', () => {
    const expected = `t=1700000123,v1=${hmac(secret, `${timestamp}.${body}`).digest('hex')}`;
    expect(stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp })).toBe(expected);
    expect(signatureHeaders({ ...input, scheme: 'stripe' })).toEqual({ 'Stripe-Signature': expected });
  });

  it('GitHub: sha256=<hex HMAC of the body>, a ping event and the delivery id', async () => {
    const expected = `sha256=${hmac(secret, body).digest('hex')}`;
    expect(await signGitHub(secret, body)).toBe(expected);
    expect(signatureHeaders({ ...input, scheme: 'github' })).toEqual({
      'X-GitHub-Event': 'ping',
      'X-GitHub-Delivery': messageId,
      'X-Hub-Signature-256': expected,
    });
  });
});

describe('message ids and bodies', () => {
  it('makes message ids from the delivery id in the form each scheme expects', () => {
    const deliveryId = '0d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a';
    expect(messageIdFor('standard-webhooks', deliveryId)).toBe('msg_0d4c3b2a1f0e4d9c8b7a6f5e4d3c2b1a');
    for (const scheme of ['mindee', 'stripe', 'github'] as const) {
      expect(messageIdFor(scheme, deliveryId)).toBe(deliveryId);
    }
  });

  it('signs a body given as bytes exactly as the same body given as a string', () => {
    const input = { secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'], messageId: 'msg_1', timestamp: 1 };
    const body = '{"name":"Ünïcödé ✓"}';
    for (const scheme of ['mindee', 'standard-webhooks', 'stripe', 'github'] as const) {
      expect(signatureHeaders({ ...input, scheme, body: Buffer.from(body, 'utf8') })).toEqual(
        signatureHeaders({ ...input, scheme, body }),
      );
    }
  });
});

/** A rotation's overlap: one signature per secret, newest first, each accepted by the official library alone. */
describe('signing with two secrets (a roll with an overlap)', () => {
  const newSecret = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';
  const oldSecret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const body = '{"type":"ping","ü":1}';
  const messageId = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
  const timestamp = Math.floor(Date.now() / 1000);
  const input = { secrets: [newSecret, oldSecret], body, messageId, timestamp };

  it('Standard Webhooks: "v1,<new> v1,<old>", and the library verifies with either secret', () => {
    const headers = signatureHeaders({ ...input, scheme: 'standard-webhooks' });
    const one = (secret: string) =>
      signatureHeaders({ ...input, secrets: [secret], scheme: 'standard-webhooks' })['webhook-signature'];
    expect(headers['webhook-signature']).toBe(`${one(newSecret)} ${one(oldSecret)}`);
    for (const secret of [newSecret, oldSecret]) {
      expect(new StandardWebhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    }
    expect(() => new StandardWebhook('whsec_' + 'A'.repeat(32)).verify(body, headers)).toThrow();
  });

  it('Stripe: "t=<ts>,v1=<new>,v1=<old>", and stripe verifies with either secret', () => {
    const header = signatureHeaders({ ...input, scheme: 'stripe' })['Stripe-Signature'];
    const v1 = (secret: string) => createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
    expect(header).toBe(`t=${timestamp},v1=${v1(newSecret)},v1=${v1(oldSecret)}`);
    for (const secret of [newSecret, oldSecret]) {
      expect(stripe.webhooks.constructEvent(body, header as string, secret)).toEqual(JSON.parse(body));
    }
    expect(() => stripe.webhooks.constructEvent(body, header as string, 'whsec_other')).toThrow();
  });

  it('refuses two secrets for a single-signature scheme, and none for any', () => {
    for (const scheme of ['mindee', 'github'] as const) {
      expect(() => signatureHeaders({ ...input, scheme })).toThrow(/one signature/);
    }
    expect(() => signatureHeaders({ ...input, secrets: [], scheme: 'stripe' })).toThrow(/needs a secret/);
  });
});

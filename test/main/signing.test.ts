import { describe, expect, it } from 'vitest';
import { messageIdFor, signatureHeaders } from '../../src/main/deliveries/signing';

describe('signature schemes: published vectors', () => {
  it("matches GitHub's documented example", () => {
    const headers = signatureHeaders({
      scheme: 'github',
      secret: "It's a Secret to Everybody",
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
      secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
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

  it('signs Stripe and Mindee in lowercase hex over the documented strings', () => {
    const input = { secret: 'whsec_test', body: '{"a":1}', messageId: 'x', timestamp: 1700000000 };
    expect(signatureHeaders({ ...input, scheme: 'stripe' })['Stripe-Signature']).toMatch(
      /^t=1700000000,v1=[0-9a-f]{64}$/,
    );
    expect(signatureHeaders({ ...input, scheme: 'mindee' })['X-Mindee-Hmac-Signature']).toMatch(
      /^[0-9a-f]{64}$/,
    );
  });

  it('makes message ids from the delivery id in the form each scheme expects', () => {
    const deliveryId = '0d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a';
    expect(messageIdFor('standard-webhooks', deliveryId)).toBe('msg_0d4c3b2a1f0e4d9c8b7a6f5e4d3c2b1a');
    for (const scheme of ['mindee', 'stripe', 'github'] as const) {
      expect(messageIdFor(scheme, deliveryId)).toBe(deliveryId);
    }
  });

  it('signs a body given as bytes exactly as the same body given as a string', () => {
    const input = { secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', messageId: 'msg_1', timestamp: 1 };
    const body = '{"name":"Ünïcödé ✓"}';
    for (const scheme of ['mindee', 'standard-webhooks', 'stripe', 'github'] as const) {
      expect(signatureHeaders({ ...input, scheme, body: Buffer.from(body, 'utf8') })).toEqual(
        signatureHeaders({ ...input, scheme, body }),
      );
    }
  });
});

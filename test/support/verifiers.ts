/**
 * Checks a received delivery the way a real receiver would: with each scheme's official verifier library,
 * and for Mindee with the documented algorithm written out independently of the app's code.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { verify as verifyGitHub } from '@octokit/webhooks-methods';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import type { SignatureScheme } from '../../src/shared/domain';
import { header, type Received } from './receiver';

const stripe = new Stripe('sk_test_hookwarden_interop');

function mindeeValid(secret: string, body: string, signature: string): boolean {
  const expected = Buffer.from(createHmac('sha256', secret).update(body).digest('hex'));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function doesNotThrow(check: () => unknown): boolean {
  try {
    check();
    return true;
  } catch {
    return false;
  }
}

export async function verifyDelivery(
  scheme: SignatureScheme,
  secret: string,
  request: Pick<Received, 'headers' | 'body'>,
): Promise<boolean> {
  const received = request as Received;
  switch (scheme) {
    case 'mindee':
      return mindeeValid(secret, request.body, header(received, 'X-Mindee-Hmac-Signature'));
    case 'standard-webhooks': {
      const headers = {
        'webhook-id': header(received, 'webhook-id'),
        'webhook-timestamp': header(received, 'webhook-timestamp'),
        'webhook-signature': header(received, 'webhook-signature'),
      };
      return doesNotThrow(() => new StandardWebhook(secret).verify(request.body, headers));
    }
    case 'stripe':
      return doesNotThrow(() =>
        stripe.webhooks.constructEvent(request.body, header(received, 'Stripe-Signature'), secret),
      );
    case 'github':
      return verifyGitHub(secret, request.body, header(received, 'X-Hub-Signature-256'));
  }
}

/**
 * A receiver for rotation tests: a real endpoint on 127.0.0.1 that accepts a delivery (200) when its signature
 * verifies (verifiers.ts: the official libraries, Mindee's documented HMAC) with one of the secrets it knows, and
 * answers 401 otherwise — as a receiver being taught a new secret next to the current one, then told to forget
 * the old one.
 */
import type { SignatureScheme } from '../../src/shared/domain';
import { closeAfterEach } from './close-after-each';
import { startReceiver, type Receiver } from './receiver';
import { verifyDelivery } from './verifiers';

export interface RotatingReceiver extends Receiver {
  /** The secrets it accepts now; change it to teach or forget one. */
  known: Set<string>;
}

export async function startRotatingReceiver(scheme: SignatureScheme): Promise<RotatingReceiver> {
  const known = new Set<string>();
  const receiver = await startReceiver(async (request, response) => {
    const results = await Promise.all([...known].map((secret) => verifyDelivery(scheme, secret, request)));
    if (results.includes(true)) {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
    } else {
      response.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"bad signature"}');
    }
  });
  return closeAfterEach(Object.assign(receiver, { known }));
}

/** `sign` and `send` without any stored config or keychain: the body, signed for one scheme with one secret. */
import { randomUUID } from 'node:crypto';
import type { SignatureScheme } from '../shared/domain';
import { messageIdFor, signatureHeaders, unixSeconds } from '../main/deliveries/signing';
import { USER_AGENT } from '../main/deliveries/user-agent';

export interface SignedRequest {
  headers: Record<string, string>;
  body: Buffer;
}

export function signRequest(
  scheme: SignatureScheme,
  secret: string,
  body: Buffer,
  now = new Date(),
): SignedRequest {
  const signature = signatureHeaders({
    scheme,
    secrets: [secret],
    body,
    messageId: messageIdFor(scheme, randomUUID()),
    timestamp: unixSeconds(now),
  });
  return {
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': USER_AGENT,
      'Content-Length': String(body.length),
      ...signature,
    },
    body,
  };
}

/**
 * How "Check receiver security" breaks a delivery on purpose, one way per request, so a test can see whether
 * the receiver refuses it. Applied around the normal signing: which secrets sign, at what time, what the
 * signature header holds and which bytes go out.
 */
import type { SignatureScheme } from '../../shared/domain';
import { generateSecret } from '../keychain/secret-format';
import { SIGNATURE_HEADER } from './signing';

export type Forgery =
  /** Sent without its signature header. */
  | { kind: 'unsigned' }
  /** Signed with a fresh random secret, not the webhook's. */
  | { kind: 'wrong-secret' }
  /** One byte of the body changed after signing. */
  | { kind: 'tampered-body' }
  /** Signed as if sent `seconds` earlier (negative) or later. */
  | { kind: 'timestamp-offset'; seconds: number }
  /** Standard Webhooks: the signature under an unknown version, `v2,` instead of `v1,`. */
  | { kind: 'unknown-version' };

export function forgedSecrets(forgery: Forgery | undefined, secrets: readonly string[]): readonly string[] {
  return forgery?.kind === 'wrong-secret' ? [generateSecret()] : secrets;
}

export function forgedTimestamp(forgery: Forgery | undefined, timestamp: number): number {
  return forgery?.kind === 'timestamp-offset' ? timestamp + forgery.seconds : timestamp;
}

export function forgedHeaders(
  forgery: Forgery | undefined,
  scheme: SignatureScheme,
  headers: Record<string, string>,
): Record<string, string> {
  const name = SIGNATURE_HEADER[scheme];
  if (forgery?.kind === 'unsigned') {
    return Object.fromEntries(Object.entries(headers).filter(([header]) => header !== name));
  }
  if (forgery?.kind === 'unknown-version') {
    return { ...headers, [name]: (headers[name] ?? '').replaceAll('v1,', 'v2,') };
  }
  return headers;
}

/** The body with one character changed that keeps it valid JSON: the first digit, else the first letter. */
export function forgedBody(forgery: Forgery | undefined, body: Buffer): Buffer {
  if (forgery?.kind !== 'tampered-body') return body;
  const copy = Buffer.from(body);
  const digit = copy.findIndex((byte) => byte >= 0x30 && byte <= 0x39);
  const at = digit >= 0 ? digit : copy.findIndex((byte) => byte >= 0x61 && byte <= 0x79);
  const index = at >= 0 ? at : copy.length - 1;
  const byte = copy[index] as number;
  copy[index] = byte === 0x39 ? 0x30 : byte + 1;
  return copy;
}

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

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LOWER_U = 0x75;

const isAsciiLetterOrDigit = (byte: number) =>
  (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);

/** Where the first ASCII letter or digit inside a JSON string (a key or a value) is, escapes skipped; -1: none. */
function firstCharacterInAString(body: Buffer): number {
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i] as number;
    if (byte === QUOTE) inString = !inString;
    else if (inString && byte === BACKSLASH) i += body[i + 1] === LOWER_U ? 5 : 1;
    else if (inString && isAsciiLetterOrDigit(byte)) return i;
  }
  return -1;
}

/** The next character of the same kind: 0–9, A–Z or a–z, wrapping round. */
function nextOfItsKind(byte: number): number {
  if (byte === 0x39) return 0x30;
  if (byte === 0x5a) return 0x41;
  if (byte === 0x7a) return 0x61;
  return byte + 1;
}

/**
 * The body with one character changed inside a string, so it stays valid JSON and a receiver that refuses it
 * does so for its signature, not as unparseable. A body without a letter or digit in any string (`{}`) gets
 * its last byte changed instead.
 */
export function forgedBody(forgery: Forgery | undefined, body: Buffer): Buffer {
  if (forgery?.kind !== 'tampered-body') return body;
  const copy = Buffer.from(body);
  const at = firstCharacterInAString(copy);
  const index = at >= 0 ? at : copy.length - 1;
  copy[index] = nextOfItsKind(copy[index] as number);
  return copy;
}

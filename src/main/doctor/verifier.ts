/** HMACs of one request under many keys and bodies: each computed once, compared in constant time. */
import { timingSafeEqual } from 'node:crypto';
import { hmac } from '../deliveries/signing';
import type { Key } from './keys';

export class Verifier {
  /** By key (a string by value, a Buffer by identity), then by body (by identity). */
  readonly #digests = new Map<Key, Map<Buffer, Buffer>>();

  /** `signedPrefix`: what the scheme signs before the body. */
  constructor(private readonly signedPrefix: string) {}

  /** The 1-based index of the first listed signature the HMAC equals, or 0. */
  matchIndex(key: Key, body: Buffer, signatures: readonly (Buffer | null)[]): number {
    const digest = this.#digest(key, body);
    const index = signatures.findIndex(
      (signature) =>
        signature !== null && signature.length === digest.length && timingSafeEqual(signature, digest),
    );
    return index + 1;
  }

  #digest(key: Key, body: Buffer): Buffer {
    let byBody = this.#digests.get(key);
    if (!byBody) this.#digests.set(key, (byBody = new Map()));
    let digest = byBody.get(body);
    if (!digest) byBody.set(body, (digest = hmac(key, this.signedPrefix, body)));
    return digest;
  }
}

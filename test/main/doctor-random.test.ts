/**
 * No false verdicts: 1,000 random valid requests are all "Valid", and 1,000 random tamperings of valid
 * requests are never "Valid". Seeded, so a failure replays.
 */
import { describe, expect, it } from 'vitest';
import { signatureHeaders, unixSeconds } from '../../src/main/deliveries/signing';
import { diagnose } from '../../src/main/doctor/doctor';
import type { DoctorCandidate } from '../../src/main/doctor/types';
import { SIGNATURE_SCHEMES, type SignatureScheme } from '../../src/shared/domain';
import { MULTI_SIGNATURE_SCHEMES } from '../../src/shared/rotation';

/** mulberry32: a small seeded PRNG. */
function prng(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below: number) => Math.floor(next() * below);
  const bytes = (length: number) => Buffer.from(Array.from({ length }, () => int(256)));
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { int, bytes, pick };
}

type Random = ReturnType<typeof prng>;

const NOW = new Date('2026-11-28T12:00:00.000Z');

const secretFrom = (random: Random) => `whsec_${random.bytes(18 + random.int(24)).toString('base64')}`;

function randomBody(random: Random): Buffer {
  switch (random.int(3)) {
    case 0:
      return random.bytes(random.int(2048));
    case 1: {
      const value = {
        id: random.int(1e9),
        note: random.bytes(random.int(40)).toString('latin1'),
        ok: random.int(2) === 1,
      };
      return Buffer.from(JSON.stringify(value, null, random.int(2) * 2));
    }
    default:
      return Buffer.from(`line ${random.int(100)}\r\nline ${random.int(100)}\n`.repeat(random.int(5)));
  }
}

interface Case {
  scheme: SignatureScheme;
  headers: Record<string, string>;
  body: Buffer;
  candidates: DoctorCandidate[];
}

/** A valid request: signed with one or two secrets; the candidates hold a signing secret among wrong ones. */
function validCase(random: Random): Case {
  const scheme = random.pick(SIGNATURE_SCHEMES);
  const secrets =
    MULTI_SIGNATURE_SCHEMES.has(scheme) && random.int(2)
      ? [secretFrom(random), secretFrom(random)]
      : [secretFrom(random)];
  const body = randomBody(random);
  const timestamp = unixSeconds(NOW) - random.int(250);
  const headers = signatureHeaders({ scheme, secrets, body, messageId: `msg_${random.int(1e9)}`, timestamp });
  const right = { label: 'the right secret', secret: random.pick(secrets) };
  const wrong = Array.from({ length: random.int(3) }, (_, i) => ({
    label: `wrong secret ${i}`,
    secret: secretFrom(random),
  }));
  const candidates = [...wrong];
  candidates.splice(random.int(wrong.length + 1), 0, right);
  return { scheme, headers, body, candidates };
}

const run = (c: Case) =>
  diagnose({ headers: c.headers, body: c.body, candidates: c.candidates, receivedAt: NOW });

/** Changes one character of a string to another from the same alphabet, away from its last (spare-bit) place. */
function changeChar(random: Random, text: string, from: number, alphabet: string): string {
  const at = from + random.int(Math.max(1, text.length - from - 2));
  const others = alphabet.replace(text[at] as string, '');
  return text.slice(0, at) + random.pick([...others]) + text.slice(at + 1);
}

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Each scheme's signature header, and where its encoded signatures are in it. */
const SIGNATURES = {
  mindee: { header: 'X-Mindee-Hmac-Signature', value: /^([0-9a-f]+)$/g, alphabet: '0123456789abcdef' },
  github: { header: 'X-Hub-Signature-256', value: /sha256=([0-9a-f]+)/g, alphabet: '0123456789abcdef' },
  stripe: { header: 'Stripe-Signature', value: /v1=([0-9a-f]+)/g, alphabet: '0123456789abcdef' },
  'standard-webhooks': {
    header: 'webhook-signature',
    value: /v1,([A-Za-z0-9+/]+)/g,
    alphabet: BASE64_ALPHABET,
  },
} as const;

const withHeader = (c: Case, name: string, value: string): Case => ({
  ...c,
  headers: { ...c.headers, [name]: value },
});
const earlier = (timestamp: string, random: Random) => String(Number(timestamp) - 1 - random.int(30));

/** The tamperings that apply to a scheme: the body, every signature, the signed timestamp or id, the secret. */
function tamperings(c: Case): ((random: Random) => Case)[] {
  const { header, value, alphabet } = SIGNATURES[c.scheme];
  const all = [
    (random: Random) => {
      const body = Buffer.from(c.body.length ? c.body : 'x');
      const at = random.int(body.length);
      body[at] = (body[at] as number) ^ (1 + random.int(255));
      return { ...c, body };
    },
    (random: Random) => ({ ...c, body: Buffer.concat([c.body, random.bytes(1 + random.int(3))]) }),
    // Every listed signature changed, so no other one still matches.
    (random: Random) =>
      withHeader(
        c,
        header,
        (c.headers[header] as string).replace(value, (whole, encoded: string) =>
          whole.replace(encoded, changeChar(random, encoded, 0, alphabet)),
        ),
      ),
    (random: Random) => ({
      ...c,
      candidates: c.candidates.map((candidate) => ({
        ...candidate,
        secret: changeChar(random, candidate.secret, 'whsec_'.length, BASE64_ALPHABET.slice(0, 62)),
      })),
    }),
  ];
  if (c.scheme === 'standard-webhooks') {
    all.push(
      (random) =>
        withHeader(c, 'webhook-timestamp', earlier(c.headers['webhook-timestamp'] as string, random)),
      () => withHeader(c, 'webhook-id', `${c.headers['webhook-id']}x`),
    );
  }
  if (c.scheme === 'stripe') {
    all.push((random) =>
      withHeader(
        c,
        header,
        (c.headers[header] as string).replace(/t=(\d+)/, (_, t: string) => `t=${earlier(t, random)}`),
      ),
    );
  }
  return all;
}

describe('no false verdicts', () => {
  it('1,000 random valid requests are all Valid', () => {
    const random = prng(12);
    for (let i = 0; i < 1000; i++) {
      const c = validCase(random);
      const report = run(c);
      expect(report.verdict, `case ${i} (${c.scheme})`).toEqual({
        valid: true,
        summary: 'Valid — signed with the right secret',
      });
    }
  });

  it('1,000 random tamperings of valid requests are never Valid', () => {
    const random = prng(34);
    for (let i = 0; i < 1000; i++) {
      const valid = validCase(random);
      const c = random.pick(tamperings(valid))(random);
      expect(run(c).verdict.valid, `case ${i} (${c.scheme})`).toBe(false);
    }
  });
});

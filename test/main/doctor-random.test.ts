/**
 * No false verdicts: 1,000 random valid requests are all "Valid", 1,000 random tamperings of valid requests
 * are never "Valid", and 1,000 malformed ones neither (nor do they make it throw). Seeded, so a failure
 * replays.
 */
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
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
const stripe = new Stripe('sk_test_hookwarden_doctor');

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
  const messageId = `msg_${random.int(1e9)}`;
  const headers = signatureHeaders({ scheme, secrets, body, messageId, timestamp });
  const text = body.toString('utf8');
  // Half the single-secret ones with a text body signed by the scheme's official library instead.
  if (secrets.length === 1 && Buffer.from(text).equals(body) && random.int(2)) {
    const [secret] = secrets as [string];
    if (scheme === 'standard-webhooks') {
      headers['webhook-signature'] = new StandardWebhook(secret).sign(
        messageId,
        new Date(timestamp * 1000),
        text,
      );
    }
    if (scheme === 'stripe') {
      headers['Stripe-Signature'] = stripe.webhooks.generateTestHeaderString({
        payload: text,
        secret,
        timestamp,
      });
    }
  }
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

  it('1,000 random malformed requests: never a throw, never Valid', () => {
    const random = prng(56);
    const junk = () => random.bytes(random.int(80)).toString('latin1');
    const values = [
      junk,
      () => `t=${random.int(2e12)},v1=${junk()}`,
      () => `v1,${random.bytes(32).toString('base64')} v1,${junk()}`,
      () => `sha256=${random.bytes(32).toString('hex')}`,
      () => random.bytes(32).toString('hex').toUpperCase(),
      () => String(random.int(2e9)),
    ];
    const names = [
      ...Object.values(SIGNATURES).map(({ header }) => header),
      'webhook-id',
      'webhook-timestamp',
    ];
    const bodies = [
      () => random.bytes(random.int(300)),
      () => Buffer.concat([Buffer.from([0x1f, 0x8b]), random.bytes(random.int(50))]),
      () => Buffer.from(random.bytes(random.int(60)).toString('base64')),
      () => Buffer.from(`\ufeff{"a":[${random.int(9)}, "\u00e9"]}\r\n`),
    ];
    const secrets = [
      '',
      ' ',
      '"',
      'v1,',
      'whsec_',
      'whsec_%%',
      'sk_live_x',
      'rk_',
      `whsec_${junk()}`,
      junk(),
    ];
    for (let i = 0; i < 1000; i++) {
      const headers: Record<string, string> = { 'X-Signature': random.pick(values)() };
      for (const name of names) if (random.int(2)) headers[name] = random.pick(values)();
      const candidates = Array.from({ length: random.int(4) }, (_, n) => ({
        label: `secret ${n}`,
        secret: random.pick(secrets),
        ...(random.int(3) === 0 && { webhookName: `webhook ${n}` }),
      }));
      const scheme = random.int(2) ? random.pick(SIGNATURE_SCHEMES) : undefined;
      const input = { headers, body: random.pick(bodies)(), candidates, scheme, receivedAt: NOW };
      expect(diagnose(input).verdict.valid, `case ${i}`).toBe(false);
    }
  });
});

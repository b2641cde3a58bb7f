/**
 * "Check receiver security" against three receivers on 127.0.0.1: one verifying with the official Standard
 * Webhooks library (5-minute tolerance both ways), one that accepts anything, one that checks the HMAC but not
 * the timestamp. Each gets exactly the findings its behaviour deserves. Each forged request is checked against
 * the valid one (only its one flaw differs), and the other schemes against their own official libraries.
 */
import { createHmac } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { forgedBody } from '../../src/main/deliveries/forgery';
import { signatureHeaders, unixSeconds } from '../../src/main/deliveries/signing';
import type { Clock } from '../../src/main/ports';
import type { SignatureScheme } from '../../src/shared/domain';
import type { SecurityProbeId, SecurityReport } from '../../src/shared/preflight';
import { manualClock } from '../support/clock';
import { startWithWebhook } from '../support/fixtures';
import { profileItems } from '../support/keyring';
import { header, startReceiver, type Receiver, type Received } from '../support/receiver';
import { verifyDelivery } from '../support/verifiers';

const receivers: Receiver[] = [];
afterEach(async () => {
  for (const receiver of receivers.splice(0)) await receiver.close();
});

type Judge = (request: Received, secret: string) => boolean | Promise<boolean>;
/** Answers the `index`th request the receiver got (0: the correctly signed one), any way at all. */
type Answer = (request: Received, secret: string, response: ServerResponse, index: number) => unknown;
interface CheckOptions {
  scheme?: SignatureScheme;
  template?: string;
  clock?: Clock;
}

/**
 * A webhook (Standard Webhooks unless told) whose receiver answers 204 when `judge` accepts, else 401; with
 * `template`, the API version's payload template is that body.
 */
function checkAgainst(judge: Judge, options: CheckOptions = {}) {
  return checkAnswering(async (request, secret, response) => {
    response.writeHead((await judge(request, secret)) ? 204 : 401).end();
  }, options);
}

/** The same, with a receiver that answers as `answer` says: any status, or none. */
async function checkAnswering(
  answer: Answer,
  { scheme = 'standard-webhooks', template, clock }: CheckOptions = {},
) {
  const { h, api, hook } = await startWithWebhook({ clock });
  await h.ok('webhooks.setScheme', { id: hook.id, scheme });
  if (template !== undefined) await h.ok('templates.save', { apiId: api.id, version: 'v4', json: template });
  const secret = (await profileItems(h)).get(hook.id) as string;
  let count = 0;
  const receiver = await startReceiver((request, response: ServerResponse) =>
    answer(request, secret, response, count++),
  );
  receivers.push(receiver);
  await h.ok('webhooks.updateUrl', { id: hook.id, url: `${receiver.url}/hooks` });
  const report = await h.ok('preflight.checkReceiver', { id: hook.id });
  return { h, hook, receiver, report, secret };
}

const outcomes = (report: SecurityReport) =>
  Object.fromEntries(report.probes.map((probe) => [probe.id, probe.outcome])) as Record<
    SecurityProbeId,
    string
  >;

/** The HMAC alone, as a receiver that never looks at the timestamp checks it. */
const hmacOnly: Judge = (request, secret) => {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const signed = `${header(request, 'webhook-id')}.${header(request, 'webhook-timestamp')}.${request.body}`;
  const expected = `v1,${createHmac('sha256', key).update(signed).digest('base64')}`;
  return header(request, 'webhook-signature').split(' ').includes(expected);
};

describe('Check receiver security', () => {
  it('a receiver verifying with the official library passes every check', async () => {
    const { h, hook, receiver, report } = await checkAgainst((request, secret) =>
      verifyDelivery('standard-webhooks', secret, request),
    );
    expect(outcomes(report)).toEqual({
      valid: 'pass',
      unsigned: 'pass',
      'wrong-secret': 'pass',
      'tampered-body': 'pass',
      'too-old': 'pass',
      'in-future': 'pass',
      'unknown-version': 'pass',
      duplicate: 'info',
    });
    const duplicate = report.probes.find((probe) => probe.id === 'duplicate');
    expect(duplicate?.statuses).toEqual([204, 204]);
    expect(duplicate?.meaning).toMatch(/deduplicate on the message id/);
    const [once, twice] = receiver.received.slice(-2);
    expect(header(once as Received, 'webhook-id')).toBe(header(twice as Received, 'webhook-id'));

    // Every request is in the log as a security check, and says so in its User-Agent.
    const records = await h.ok('deliveries.list', { webhookId: hook.id });
    expect(records).toHaveLength(9);
    expect(new Set(records.map((r) => r.purpose))).toEqual(new Set(['security-check']));
    expect(receiver.received.every((r) => /security check/.test(header(r, 'User-Agent')))).toBe(true);
    // The unsigned one went without its signature; the tampered one's body differs from what was signed.
    expect(receiver.received[1]?.headers['webhook-signature']).toBeUndefined();
    expect(receiver.received[3]?.body).not.toBe(receiver.received[0]?.body);
    expect(() => JSON.parse(receiver.received[3]?.body ?? '')).not.toThrow();
  });

  it('each forged request is the correctly signed one broken in its one way, no other', async () => {
    const clock = manualClock(new Date().toISOString()); // still: every request of the check has one time
    const template = '{"type":"invoice.paid","amount":1416}';
    const { receiver, secret } = await checkAgainst(
      (request, key) => verifyDelivery('standard-webhooks', key, request),
      { template, clock },
    );
    const now = unixSeconds(clock.now());
    const [valid, unsigned, wrongSecret, tampered, tooOld, inFuture, unknownVersion] = receiver.received as [
      Received,
      Received,
      Received,
      Received,
      Received,
      Received,
      Received,
    ];
    const official = (request: Received, change: Partial<Received> = {}) =>
      verifyDelivery('standard-webhooks', secret, { ...request, ...change });
    expect(valid.body).toBe(template);
    expect(header(valid, 'webhook-timestamp')).toBe(String(now));
    expect(await official(valid)).toBe(true);

    // Unsigned: only the signature is gone; the message id and the timestamp are still there.
    expect(unsigned.headers['webhook-signature']).toBeUndefined();
    expect(header(unsigned, 'webhook-id')).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(header(unsigned, 'webhook-timestamp')).toBe(String(now));

    expect(header(wrongSecret, 'webhook-signature')).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(hmacOnly(wrongSecret, secret)).toBe(false);

    // Tampered: the first digit changed after signing; the signature is the one of the bytes before.
    expect(tampered.body).toBe('{"uype":"invoice.paid","amount":1416}');
    expect(await official(tampered)).toBe(false);
    expect(await official(tampered, { body: template })).toBe(true);

    // Too old and in the future: correctly signed, 10 minutes before and after the check's time.
    expect(header(tooOld, 'webhook-timestamp')).toBe(String(now - 600));
    expect(header(inFuture, 'webhook-timestamp')).toBe(String(now + 600));
    for (const replayed of [tooOld, inFuture]) {
      expect(hmacOnly(replayed, secret)).toBe(true);
      expect(await official(replayed)).toBe(false);
    }

    // Unknown version: the v1 signature itself under "v2,", which the library accepts once it reads "v1,".
    const signature = header(unknownVersion, 'webhook-signature');
    expect(signature).toMatch(/^v2,[A-Za-z0-9+/]{43}=$/);
    expect(header(unknownVersion, 'webhook-timestamp')).toBe(String(now));
    const asV1 = { ...unknownVersion.headers, 'webhook-signature': `v1,${signature.slice(3)}` };
    expect(await official(unknownVersion, { headers: asV1 })).toBe(true);
  });

  // stripe-node checks only the timestamp's age (now − t ≤ 300 s): it accepts one from the future, which the
  // check reports as information, not as a failure of a receiver built on Stripe's own library.
  it.each([
    ['mindee', 'X-Mindee-Hmac-Signature', {}],
    ['github', 'X-Hub-Signature-256', {}],
    ['stripe', 'Stripe-Signature', { 'too-old': 'pass', 'in-future': 'info' }],
  ] as const)(
    '%s: a receiver verifying with its official library gets every check of its scheme',
    async (scheme, signatureHeader, timestamped) => {
      const { report, receiver } = await checkAgainst(
        // @octokit/webhooks-methods throws on a missing signature rather than answering false.
        (request, secret) => verifyDelivery(scheme, secret, request).catch(() => false),
        { scheme },
      );
      expect(outcomes(report)).toEqual({
        valid: 'pass',
        unsigned: 'pass',
        'wrong-secret': 'pass',
        'tampered-body': 'pass',
        ...timestamped,
        duplicate: 'info',
      });
      expect(header(receiver.received[0] as Received, signatureHeader)).not.toBe('');
      expect(receiver.received[1]?.headers[signatureHeader.toLowerCase()]).toBeUndefined();
    },
  );

  it('a receiver that accepts anything fails the unsigned, wrong-secret, tampered and replay checks', async () => {
    const { report } = await checkAgainst(() => true);
    expect(outcomes(report)).toEqual({
      valid: 'pass',
      unsigned: 'fail',
      'wrong-secret': 'fail',
      'tampered-body': 'fail',
      'too-old': 'fail',
      'in-future': 'fail',
      'unknown-version': 'fail',
      duplicate: 'info',
    });
    expect(report.probes.find((probe) => probe.id === 'unsigned')?.meaning).toBe(
      'Your receiver accepts unsigned requests: anyone can forge webhooks to it.',
    );
  });

  it("a Stripe receiver that accepts anything: a future timestamp is information (Stripe's library accepts it too), an old one a failure", async () => {
    const { report } = await checkAgainst(() => true, { scheme: 'stripe' });
    const probe = (id: SecurityProbeId) => report.probes.find((p) => p.id === id);
    expect(probe('in-future')).toMatchObject({
      outcome: 'info',
      meaning:
        "Accepted, as Stripe's own library does: it refuses only old timestamps. Refusing those over 5 minutes ahead too would shorten the time a captured request can be replayed.",
    });
    expect(probe('too-old')).toMatchObject({ outcome: 'fail' });
  });

  it('a receiver that checks the HMAC but not the timestamp fails only the replay checks', async () => {
    const { report } = await checkAgainst(hmacOnly);
    expect(outcomes(report)).toMatchObject({
      valid: 'pass',
      unsigned: 'pass',
      'wrong-secret': 'pass',
      'tampered-body': 'pass',
      'too-old': 'fail',
      'in-future': 'fail',
      'unknown-version': 'pass',
    });
    expect(report.probes.find((probe) => probe.id === 'too-old')?.meaning).toMatch(/replays are possible/);
  });

  it('a receiver refusing the valid delivery: says so and sends nothing forged', async () => {
    const { receiver, report } = await checkAgainst(() => false);
    expect(report.probes[0]).toMatchObject({ id: 'valid', outcome: 'fail', statuses: [401] });
    expect(new Set(report.probes.slice(1).map((probe) => probe.outcome))).toEqual(new Set(['skip']));
    expect(receiver.received).toHaveLength(1);
  });

  it('asks first before sending forged requests to a host other than this machine', async () => {
    const { h, hook } = await startWithWebhook();
    const result = await h.invoke('preflight.checkReceiver', { id: hook.id });
    expect(result).toMatchObject({ ok: false, error: { code: 'NEEDS_CONFIRMATION' } });
    expect(result.ok || result.error.message).toMatch(/only for receivers you own/);
    expect(await h.ok('deliveries.list', { webhookId: hook.id })).toEqual([]);
  });
});

/**
 * What the report says, word for word, as the user reads it: each probe's title, verdict, meaning, the
 * statuses that came back and the deliveries it sent (in the Deliveries log, in the order sent).
 */
describe('the report of Check receiver security', () => {
  const TITLES = {
    valid: 'Correctly signed',
    unsigned: 'Without its signature header',
    'wrong-secret': 'Signed with a wrong secret',
    'tampered-body': 'Body changed by one byte after signing',
    'too-old': 'Correctly signed, 10 minutes old',
    'in-future': 'Correctly signed, 10 minutes in the future',
    'unknown-version': 'Only an unknown signature version (v2,…)',
    duplicate: 'The same message twice (same id, fresh signature)',
  } as const;
  const REFUSED = 'Refused, as it must be.';
  const INCONCLUSIVE =
    'Neither accepted nor refused (a 5xx, a timeout or no answer): check the receiver and run again.';
  const DEDUPLICATE =
    'Providers retry, so a receiver must deduplicate on the message id: process a message once and answer 2xx to the repeat.';

  /** The ids of the deliveries the check sent, oldest first (the log lists the newest first). */
  async function sentIds(h: Awaited<ReturnType<typeof checkAnswering>>['h'], webhookId: string) {
    const records = await h.ok('deliveries.list', { webhookId });
    return records.map((record) => record.id).reverse();
  }

  /** Ends the exchange without an answer: the socket closes before any status line. */
  const hangUp = (response: ServerResponse) => response.socket?.destroy();

  it('a receiver answering 200 to everything: each forged request a failure, saying what accepting it means', async () => {
    const clock = manualClock('2026-03-01T09:00:00.000Z');
    const { h, hook, receiver, report } = await checkAnswering(
      (_request, _secret, response) => response.writeHead(200).end('ok'),
      { clock },
    );
    const ids = await sentIds(h, hook.id);
    expect(ids).toHaveLength(9);
    expect(receiver.received).toHaveLength(9);
    expect(report).toEqual({
      url: `${receiver.url}/hooks`,
      checkedAt: '2026-03-01T09:00:00.000Z',
      probes: [
        {
          id: 'valid',
          title: TITLES.valid,
          outcome: 'pass',
          meaning: 'Your receiver accepts a correctly signed delivery.',
          statuses: [200],
          deliveryIds: [ids[0]],
        },
        {
          id: 'unsigned',
          title: TITLES.unsigned,
          outcome: 'fail',
          meaning: 'Your receiver accepts unsigned requests: anyone can forge webhooks to it.',
          statuses: [200],
          deliveryIds: [ids[1]],
        },
        {
          id: 'wrong-secret',
          title: TITLES['wrong-secret'],
          outcome: 'fail',
          meaning:
            'Your receiver accepts a signature made with another secret: it does not check the signature.',
          statuses: [200],
          deliveryIds: [ids[2]],
        },
        {
          id: 'tampered-body',
          title: TITLES['tampered-body'],
          outcome: 'fail',
          meaning:
            'Your receiver accepts a changed body: it does not verify the signature over the raw bytes.',
          statuses: [200],
          deliveryIds: [ids[3]],
        },
        {
          id: 'too-old',
          title: TITLES['too-old'],
          outcome: 'fail',
          meaning:
            'Your receiver accepts an old timestamp: replays are possible. Refuse timestamps over 5 minutes old.',
          statuses: [200],
          deliveryIds: [ids[4]],
        },
        {
          id: 'in-future',
          title: TITLES['in-future'],
          outcome: 'fail',
          meaning:
            'Your receiver accepts a timestamp from the future: check it against a tolerance both ways.',
          statuses: [200],
          deliveryIds: [ids[5]],
        },
        {
          id: 'unknown-version',
          title: TITLES['unknown-version'],
          outcome: 'fail',
          meaning: 'Your receiver accepts a signature version it does not know: accept v1 signatures only.',
          statuses: [200],
          deliveryIds: [ids[6]],
        },
        {
          id: 'duplicate',
          title: TITLES.duplicate,
          outcome: 'info',
          meaning: `Answered 200, then 200. ${DEDUPLICATE}`,
          statuses: [200, 200],
          deliveryIds: [ids[7], ids[8]],
        },
      ],
    });
    // The log's records are these requests: the statuses and the signatures match, one by one.
    const records = (await h.ok('deliveries.list', { webhookId: hook.id })).reverse();
    expect(records.map((record) => record.response?.status)).toEqual(Array(9).fill(200));
    records.forEach((record, i) => {
      const sent = receiver.received[i] as Received;
      expect(record.request.headers['webhook-id']).toBe(header(sent, 'webhook-id'));
      expect(record.request.body).toBe(sent.body);
    });
  });

  it('refused is any 4xx; a 3xx, a 5xx or no answer at all is neither accepted nor refused', async () => {
    // The correctly signed one accepted; then each forged one, and both of the duplicate, answered its way.
    const answers: ((response: ServerResponse) => unknown)[] = [
      (response) => response.writeHead(204).end(), // valid
      (response) => response.writeHead(300).end(), // unsigned: a 3xx without Location, not followed
      (response) => response.writeHead(400).end(), // wrong-secret
      (response) => response.writeHead(499).end(), // tampered-body
      (response) => response.writeHead(500).end(), // too-old
      hangUp, // in-future
      (response) => response.writeHead(503).end(), // unknown-version
      hangUp, // the duplicate, first
      hangUp, // and again
    ];
    const { h, hook, receiver, report } = await checkAnswering((_request, _secret, response, index) =>
      answers[index]?.(response),
    );
    expect(receiver.received).toHaveLength(9);
    const ids = await sentIds(h, hook.id);
    expect(report.probes).toEqual([
      {
        id: 'valid',
        title: TITLES.valid,
        outcome: 'pass',
        meaning: 'Your receiver accepts a correctly signed delivery.',
        statuses: [204],
        deliveryIds: [ids[0]],
      },
      {
        id: 'unsigned',
        title: TITLES.unsigned,
        outcome: 'inconclusive',
        meaning: INCONCLUSIVE,
        statuses: [300],
        deliveryIds: [ids[1]],
      },
      {
        id: 'wrong-secret',
        title: TITLES['wrong-secret'],
        outcome: 'pass',
        meaning: REFUSED,
        statuses: [400],
        deliveryIds: [ids[2]],
      },
      {
        id: 'tampered-body',
        title: TITLES['tampered-body'],
        outcome: 'pass',
        meaning: REFUSED,
        statuses: [499],
        deliveryIds: [ids[3]],
      },
      {
        id: 'too-old',
        title: TITLES['too-old'],
        outcome: 'inconclusive',
        meaning: INCONCLUSIVE,
        statuses: [500],
        deliveryIds: [ids[4]],
      },
      {
        id: 'in-future',
        title: TITLES['in-future'],
        outcome: 'inconclusive',
        meaning: INCONCLUSIVE,
        statuses: [null],
        deliveryIds: [ids[5]],
      },
      {
        id: 'unknown-version',
        title: TITLES['unknown-version'],
        outcome: 'inconclusive',
        meaning: INCONCLUSIVE,
        statuses: [503],
        deliveryIds: [ids[6]],
      },
      {
        id: 'duplicate',
        title: TITLES.duplicate,
        outcome: 'info',
        meaning: `Answered nothing, then nothing. ${DEDUPLICATE}`,
        statuses: [null, null],
        deliveryIds: [ids[7], ids[8]],
      },
    ]);
    const records = (await h.ok('deliveries.list', { webhookId: hook.id })).reverse();
    expect(records.map((record) => record.response?.status ?? null)).toEqual([
      204,
      300,
      400,
      499,
      500,
      null,
      503,
      null,
      null,
    ]);
    expect(records[5]?.error?.kind).toBe('reset');
  });

  it('a receiver answering 300 to the correctly signed delivery fails it, and sends nothing forged', async () => {
    const { h, hook, receiver, report } = await checkAnswering((_request, _secret, response) =>
      response.writeHead(300).end(),
    );
    expect(receiver.received).toHaveLength(1);
    expect(report.probes[0]).toMatchObject({ id: 'valid', outcome: 'fail', statuses: [300] });
    expect(report.probes.slice(1).map((probe) => probe.outcome)).toEqual(Array(6).fill('skip'));
    expect(await sentIds(h, hook.id)).toHaveLength(1);
  });

  it('a receiver refusing the correctly signed delivery: says why, and lists each check of the scheme as not sent', async () => {
    const { h, hook, receiver, report } = await checkAnswering((_request, _secret, response) =>
      response.writeHead(401).end(),
    );
    const ids = await sentIds(h, hook.id);
    expect(ids).toHaveLength(1);
    expect(receiver.received).toHaveLength(1);
    const notSent = (id: SecurityProbeId) => ({
      id,
      title: TITLES[id],
      outcome: 'skip',
      meaning: 'Not sent: the correctly signed delivery was not accepted.',
      statuses: [],
      deliveryIds: [],
    });
    expect(report.probes).toEqual([
      {
        id: 'valid',
        title: TITLES.valid,
        outcome: 'fail',
        meaning:
          'Your receiver does not accept a correctly signed delivery, so the other checks would mean nothing: fix this first (see the delivery).',
        statuses: [401],
        deliveryIds: [ids[0]],
      },
      notSent('unsigned'),
      notSent('wrong-secret'),
      notSent('tampered-body'),
      notSent('too-old'),
      notSent('in-future'),
      notSent('unknown-version'),
    ]);
  });

  it('a receiver that hangs up on the correctly signed delivery fails it too: no answer is no acceptance', async () => {
    const { report } = await checkAnswering((_request, _secret, response) => hangUp(response), {
      scheme: 'github',
    });
    expect(report.probes.map(({ id, outcome, statuses }) => [id, outcome, statuses])).toEqual([
      ['valid', 'fail', [null]],
      ['unsigned', 'skip', []],
      ['wrong-secret', 'skip', []],
      ['tampered-body', 'skip', []],
    ]);
  });
});

/**
 * The tampered body: one character changed after signing, the first ASCII letter or digit inside a string
 * (escapes skipped), to the next of its kind; so it stays valid JSON. Without one, the last byte. The
 * official library refuses it under the signature of the bytes before.
 */
describe('the tampered body', () => {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  it.each([
    [
      'the first character of the first key',
      '{"type":"invoice.paid","amount":95}',
      '{"uype":"invoice.paid","amount":95}',
    ],
    ['not a number outside a string', '{"n":0.5}', '{"o":0.5}'],
    ['a 9 wraps to 0', '{"9":1}', '{"0":1}'],
    ['a 0 becomes 1', '{"0":1}', '{"1":1}'],
    ['a z wraps to a', '{"z":"z"}', '{"a":"z"}'],
    ['a Z wraps to A', '{"Z":true}', '{"A":true}'],
    ['an A becomes B', '{"A":[]}', '{"B":[]}'],
    ['punctuation first: the letter after it', '{"-_a":1}', '{"-_b":1}'],
    ['in a value when the key has none', '{"-":"ok"}', '{"-":"pk"}'],
    ['not a letter between strings', '{"-":true,"a":1}', '{"-":true,"b":1}'],
    ['escapes skipped, \\u and its four hex digits too', '{"\\n\\u00e9x":1}', '{"\\n\\u00e9y":1}'],
    ['an escaped quote does not end the string', '{"\\"a":1}', '{"\\"b":1}'],
    ['no letter or digit in any string: the last byte', '{}', '{~'],
    ['no letter or digit in a string, as there is no string: the last byte', '[1, 2]', '[1, 2^'],
    ['a character past z is not a letter', '{"~a":1}', '{"~b":1}'],
    ['nor is a byte of a non-ASCII character', '{"éa":1}', '{"éb":1}'],
  ])('%s', (what, body, expected) => {
    const signed = Buffer.from(body, 'utf8');
    const forged = forgedBody({ kind: 'tampered-body' }, signed);
    expect(forged.toString('utf8')).toBe(expected);
    if (!what.startsWith('no letter')) expect(() => JSON.parse(forged.toString('utf8'))).not.toThrow();
    expect(signed.toString('utf8')).toBe(body); // a copy: the signed bytes stay as they were
    const headers = signatureHeaders({
      scheme: 'standard-webhooks',
      secrets: [secret],
      body: signed,
      messageId: 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W',
      timestamp: unixSeconds(new Date()),
    });
    const verifier = new StandardWebhook(secret);
    expect(() => verifier.verify(body, headers)).not.toThrow();
    expect(() => verifier.verify(forged.toString('utf8'), headers)).toThrow('No matching signature found');
  });

  it('any other delivery goes out as it was signed, the same bytes', () => {
    const body = Buffer.from('{"n":1}');
    for (const forgery of [undefined, { kind: 'unsigned' } as const, { kind: 'wrong-secret' } as const]) {
      expect(forgedBody(forgery, body)).toBe(body);
    }
  });
});

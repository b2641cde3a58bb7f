/**
 * The signature doctor, one test per rule: each builds the failing request the way the mistake happens and
 * checks the finding; valid requests come from each scheme's official signing function.
 */
import { createHmac } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { sign as signGitHub } from '@octokit/webhooks-methods';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { signatureHeaders, unixSeconds } from '../../src/main/deliveries/signing';
import { diagnose } from '../../src/main/doctor/doctor';
import type { DoctorCandidate, DoctorInput, DoctorReport } from '../../src/main/doctor/types';
import type { SignatureScheme } from '../../src/shared/domain';

const stripe = new Stripe('sk_test_hookwarden_doctor');
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const OTHER_SECRET = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';
const NOW = new Date('2026-11-28T12:00:00.000Z');
const TIMESTAMP = unixSeconds(NOW);
const MESSAGE_ID = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
const BODY = '{"type":"invoice.paid","data":{"id":"inv_1","amount":4200,"customer":"Zoë"}}';

const current = (secret = SECRET): DoctorCandidate => ({ label: 'the current secret', secret });

interface Request {
  headers: Record<string, string>;
  body: Buffer;
}

/** A request signed by the app's signing code. */
function signed(scheme: SignatureScheme, body: string | Buffer = BODY, secrets = [SECRET]): Request {
  const headers = signatureHeaders({ scheme, secrets, body, messageId: MESSAGE_ID, timestamp: TIMESTAMP });
  return { headers, body: Buffer.from(body) };
}

function run(request: Request, candidates = [current()], extra: Partial<DoctorInput> = {}): DoctorReport {
  return diagnose({ ...request, candidates, receivedAt: NOW, ...extra });
}

const rules = (report: DoctorReport) => report.findings.map((finding) => finding.rule);

/** The signature a mistaken signer makes: HMAC-SHA256 with this key over these parts. */
const mac = (key: string | Buffer, ...parts: (string | Buffer)[]) => {
  const hmac = createHmac('sha256', key);
  for (const part of parts) hmac.update(part);
  return hmac.digest();
};

/** The mistake's signature in the header the scheme uses (its message id and timestamp as `signed` uses). */
function withSignature(scheme: SignatureScheme, body: string | Buffer, key: string | Buffer): Request {
  const request = signed(scheme, body);
  const replace = (name: string, value: string) => ({
    ...request,
    headers: { ...request.headers, [name]: value },
  });
  switch (scheme) {
    case 'mindee':
      return replace('X-Mindee-Hmac-Signature', mac(key, body).toString('hex'));
    case 'github':
      return replace('X-Hub-Signature-256', `sha256=${mac(key, body).toString('hex')}`);
    case 'stripe':
      return replace(
        'Stripe-Signature',
        `t=${TIMESTAMP},v1=${mac(key, `${TIMESTAMP}.`, body).toString('hex')}`,
      );
    case 'standard-webhooks':
      return replace(
        'webhook-signature',
        `v1,${mac(key, `${MESSAGE_ID}.${TIMESTAMP}.`, body).toString('base64')}`,
      );
  }
}

/** Signed over `signedBody`, received with `receivedBody`. */
function bodyChanged(
  scheme: SignatureScheme,
  signedBody: string | Buffer,
  receivedBody: string | Buffer,
): Request {
  return { ...signed(scheme, signedBody), body: Buffer.from(receivedBody) };
}

describe('valid requests from the official signing functions', () => {
  it('Standard Webhooks: standardwebhooks Webhook.sign', () => {
    const signature = new StandardWebhook(SECRET).sign(MESSAGE_ID, NOW, BODY);
    const report = run({
      headers: {
        'webhook-id': MESSAGE_ID,
        'webhook-timestamp': String(TIMESTAMP),
        'webhook-signature': signature,
      },
      body: Buffer.from(BODY),
    });
    expect(report.verdict).toEqual({ valid: true, summary: 'Valid — signed with the current secret' });
    expect(report.scheme).toBe('standard-webhooks');
    expect(report.detection).toEqual({ how: 'header', header: 'webhook-signature' });
    expect(report.matched).toEqual({ candidate: 'the current secret', transformations: [] });
    expect(report.findings).toEqual([]);
  });

  it("Stripe: stripe's webhooks.generateTestHeaderString", () => {
    const header = stripe.webhooks.generateTestHeaderString({
      payload: BODY,
      secret: SECRET,
      timestamp: TIMESTAMP,
    });
    const report = run({ headers: { 'Stripe-Signature': header }, body: Buffer.from(BODY) });
    expect(report.verdict.valid).toBe(true);
    expect(report.detection).toEqual({ how: 'header', header: 'Stripe-Signature' });
  });

  it("GitHub: the documented vector (It's a Secret to Everybody / Hello, World!)", async () => {
    const secret = "It's a Secret to Everybody";
    const signature = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
    expect(await signGitHub(secret, 'Hello, World!')).toBe(signature);
    const report = run(
      { headers: { 'X-Hub-Signature-256': signature }, body: Buffer.from('Hello, World!') },
      [current(secret)],
    );
    expect(report.verdict.valid).toBe(true);
    expect(report.scheme).toBe('github');
  });

  it('Mindee: the documented algorithm (hex HMAC of the body with the whole secret)', () => {
    const report = run({
      headers: { 'X-Mindee-Hmac-Signature': mac(SECRET, BODY).toString('hex') },
      body: Buffer.from(BODY),
    });
    expect(report.verdict.valid).toBe(true);
  });

  it('reads header names in any case, and uses the scheme chosen over the one detected', () => {
    const request = signed('github');
    const shouting = Object.fromEntries(
      Object.entries(request.headers).map(([k, v]) => [k.toUpperCase(), v]),
    );
    expect(run({ ...request, headers: shouting }).verdict.valid).toBe(true);
    const chosen = run(signed('mindee'), [current()], { scheme: 'mindee' });
    expect(chosen.detection).toEqual({ how: 'chosen' });
    expect(chosen.verdict.valid).toBe(true);
  });
});

describe('headers rules', () => {
  it('header-missing: no signature header of any scheme', () => {
    const report = run({ headers: { 'Content-Type': 'application/json' }, body: Buffer.from(BODY) });
    expect(report.scheme).toBeNull();
    expect(report.verdict).toEqual({ valid: false, summary: 'Invalid — there is no signature header' });
    expect(rules(report)).toEqual(['header-missing']);
    const lookalike = run({ headers: { 'X-Signature': 'abc' }, body: Buffer.from(BODY) });
    expect(lookalike.findings[0]?.detail).toContain(
      'X-Signature looks like a signature header of another name.',
    );
  });

  it('header-missing: a Standard Webhooks request that lost webhook-timestamp on the way', () => {
    const headers = { ...signed('standard-webhooks').headers };
    delete headers['webhook-timestamp'];
    const report = run({ headers, body: Buffer.from(BODY) });
    expect(rules(report)).toEqual(['header-missing']);
    expect(report.findings[0]?.title).toBe('No webhook-timestamp header');
  });

  it('header-renamed: a proxy renamed X-Mindee-Hmac-Signature to X-Signature (and the HMAC is still checked)', () => {
    const signature = signed('mindee').headers['X-Mindee-Hmac-Signature'] as string;
    const report = run({ headers: { 'X-Signature': signature }, body: Buffer.from(BODY) }, [current()], {
      scheme: 'mindee',
    });
    expect(report.verdict).toEqual({
      valid: false,
      summary:
        'Invalid — the signature is in X-Signature, not X-Mindee-Hmac-Signature; the signature itself matches the current secret',
    });
    expect(rules(report)).toEqual(['header-renamed']);
  });

  it('github-no-signature: a GitHub delivery from a webhook without a secret', () => {
    const report = run({
      headers: { 'X-GitHub-Event': 'push', 'X-GitHub-Delivery': '1' },
      body: Buffer.from(BODY),
    });
    expect(report.scheme).toBe('github');
    expect(rules(report)).toEqual(['github-no-signature']);
    expect(report.tried).toEqual(['github-no-signature']);
    expect(report.findings[0]?.title).toContain('no secret configured on the sender?');
    const sha1Only = run({ headers: { 'X-Hub-Signature': 'sha1=0123' }, body: Buffer.from(BODY) });
    expect(sha1Only.findings[0]?.detail).toContain('Only the older X-Hub-Signature (SHA-1) is present');
  });

  it('stripe-header-unparsable: the sender put only the signature in Stripe-Signature (no t=)', () => {
    const hex = mac(SECRET, `${TIMESTAMP}.`, BODY).toString('hex');
    const report = run({ headers: { 'Stripe-Signature': `v1=${hex}` }, body: Buffer.from(BODY) });
    expect(report.verdict.summary).toBe('Invalid — the Stripe-Signature header has no t=<timestamp>');
    expect(rules(report)).toEqual(['stripe-header-unparsable']);
    expect(report.tried).toEqual(['header-missing', 'header-renamed', 'stripe-header-unparsable']);
  });

  it('stripe-whole-header: the whole Stripe-Signature value used as the signature', () => {
    const stripeValue = signed('stripe').headers['Stripe-Signature'] as string;
    const report = run({ headers: { 'X-Hub-Signature-256': stripeValue }, body: Buffer.from(BODY) });
    expect(rules(report)).toEqual(['stripe-whole-header']);
  });

  it('multiple-signatures: a rotation lists two; says which one matched', () => {
    for (const scheme of ['standard-webhooks', 'stripe'] as const) {
      const report = run(signed(scheme, BODY, [OTHER_SECRET, SECRET]), [
        { label: 'the previous secret', secret: SECRET },
      ]);
      expect(report.verdict).toEqual({ valid: true, summary: 'Valid — signed with the previous secret' });
      expect(report.matched).toEqual({
        candidate: 'the previous secret',
        signatureIndex: 2,
        transformations: [],
      });
      expect(rules(report)).toEqual(['multiple-signatures']);
      expect(report.findings[0]?.title).toBe('2 signatures listed; signature 2 matched');
    }
  });
});

describe('secret rules', () => {
  it("secret-other-webhook: signed with another webhook's secret, and names that webhook", () => {
    const report = run(signed('standard-webhooks', BODY, [OTHER_SECRET]), [
      current(),
      {
        label: 'the current secret of Orders v2 (https://orders.example.com)',
        secret: OTHER_SECRET,
        webhookName: 'Orders v2',
      },
    ]);
    expect(report.verdict).toEqual({
      valid: false,
      summary: 'Invalid — signed with the secret of another webhook (Orders v2)',
    });
    expect(rules(report)).toEqual(['secret-other-webhook']);
    expect(report.matched?.candidate).toBe('the current secret of Orders v2 (https://orders.example.com)');
  });

  it('a secret of another webhook never makes a request valid on its own', () => {
    const report = run(signed('mindee'), [{ label: 'Orders', secret: SECRET, webhookName: 'Orders v2' }]);
    expect(report.verdict.valid).toBe(false);
  });

  it('secret-api-key: the Stripe API key pasted instead of the signing secret', () => {
    const report = run(signed('stripe'), [
      { label: 'the pasted secret', secret: 'sk_test_51H8abcdefghijklmnop' },
    ]);
    expect(report.verdict.summary).toBe('Invalid — the pasted secret is an API key, not a signing secret');
    expect(rules(report)).toEqual(['secret-api-key']);
  });

  it('secret-whitespace: the secret read with a trailing newline (echo > file), or a leading space', () => {
    for (const scheme of ['mindee', 'stripe', 'github'] as const) {
      const report = run(signed(scheme), [current(`${SECRET}\n`)]);
      expect(rules(report)).toEqual(['secret-whitespace']);
      expect(report.verdict.summary).toBe('Invalid — the current secret has a newline around it');
      expect(report.matched?.transformations).toEqual(['secret trimmed of whitespace']);
    }
    expect(rules(run(signed('standard-webhooks'), [current(` ${SECRET}`)]))).toEqual(['secret-whitespace']);
  });

  it("secret-whitespace: Standard Webhooks' decoders skip a trailing newline, so it is Valid, with a note", () => {
    expect(new StandardWebhook(`${SECRET}\n`).sign(MESSAGE_ID, NOW, BODY)).toBe(
      new StandardWebhook(SECRET).sign(MESSAGE_ID, NOW, BODY),
    );
    const report = run(signed('standard-webhooks'), [current(`${SECRET}\n`)]);
    expect(report.verdict.valid).toBe(true);
    expect(rules(report)).toEqual(['secret-whitespace']);
    expect(report.findings[0]?.title).toBe('The secret ends with whitespace');
  });

  it('secret-quotes: the secret copied with its quotes from an .env file', () => {
    expect(rules(run(signed('stripe'), [current(`"${SECRET}"`)]))).toEqual(['secret-quotes']);
    expect(rules(run(signed('standard-webhooks'), [current(`'${SECRET}'`)]))).toEqual(['secret-quotes']);
  });

  it('secret-v1-prefix: "v1," pasted in front of the secret', () => {
    expect(rules(run(signed('standard-webhooks'), [current(`v1,${SECRET}`)]))).toEqual(['secret-v1-prefix']);
  });

  it('secret-not-base64-decoded: the Stripe key convention on a Standard Webhooks secret', () => {
    const report = run(withSignature('standard-webhooks', BODY, SECRET));
    expect(rules(report)).toEqual(['secret-not-base64-decoded']);
    expect(report.matched?.transformations).toEqual(['key = full whsec_ string']);
    const prefixless = run(withSignature('standard-webhooks', BODY, SECRET.slice('whsec_'.length)));
    expect(prefixless.matched?.transformations).toEqual(['key = text after whsec_ (not base64-decoded)']);
  });

  it('secret-base64-decoded: the Standard Webhooks key convention on a Stripe secret', () => {
    const key = Buffer.from(SECRET.slice('whsec_'.length), 'base64');
    const report = run(withSignature('stripe', BODY, key));
    expect(rules(report)).toEqual(['secret-base64-decoded']);
    expect(report.matched?.transformations).toEqual(['key = base64-decoded after whsec_']);
    expect(rules(run(withSignature('mindee', BODY, SECRET.slice('whsec_'.length))))).toEqual([
      'secret-base64-decoded',
    ]);
  });

  it('secret-invalid-base64: a URL-safe secret a lenient decoder accepted; and one that matches nothing', () => {
    const urlSafe = 'whsec_C2FVsBQIhrscChlQIMV-b5sSYspob7oD';
    const report = run(withSignature('standard-webhooks', BODY, Buffer.from(urlSafe.slice(6), 'base64')), [
      current(urlSafe),
    ]);
    expect(rules(report)).toEqual(['secret-invalid-base64']);
    const nothing = run(signed('standard-webhooks'), [current('whsec_not*base64')]);
    expect(rules(nothing)).toEqual(['signature-no-match', 'secret-invalid-base64']);
  });
});

describe('body rules', () => {
  const value = JSON.parse(BODY) as unknown;
  const cases: [string, string | Buffer, string | Buffer, string][] = [
    // [rule, the body signed, the body received, the transformation]
    [
      'body-json-compact',
      JSON.stringify(value),
      JSON.stringify(value, null, 2),
      'body re-serialised as compact JSON (JSON.stringify)',
    ],
    [
      'body-json-pretty',
      JSON.stringify(value, null, 2),
      JSON.stringify(JSON.parse(JSON.stringify(value, null, 2))),
      'body re-serialised as 2-space indented JSON',
    ],
    [
      'body-json-python',
      '{"type": "invoice.paid", "customer": "Zo\\u00eb"}',
      '{"type":"invoice.paid","customer":"Zoë"}',
      'body re-serialised as Python\'s json.dumps (", " and ": ", ensure_ascii)',
    ],
    [
      'body-json-sorted-keys',
      '{"a":1,"b":{"c":2,"d":3}}',
      '{"b":{"d":3,"c":2},"a":1}',
      'body re-serialised as JSON with sorted keys',
    ],
    ['body-trailing-newline-added', BODY, `${BODY}\n`, 'trailing newline removed from the body'],
    ['body-trailing-newline-removed', `${BODY}\n`, BODY, 'newline put back at the end of the body'],
    ['body-crlf-to-lf', 'line one\nline two', 'line one\r\nline two', 'body CRLF→LF'],
    ['body-lf-to-crlf', 'line one\r\nline two', 'line one\nline two', 'body LF→CRLF'],
    ['body-newlines-removed', '{"a":1,"b":2}', '{"a":1,\r\n"b":2}', 'body CR/LF removed'],
    ['body-bom-added', BODY, `\ufeff${BODY}`, 'UTF-8 BOM removed from the body'],
    ['body-bom-removed', `\ufeff${BODY}`, BODY, 'UTF-8 BOM put back at the start of the body'],
    [
      'body-latin1-utf8',
      BODY,
      Buffer.from(Buffer.from(BODY).toString('latin1'), 'utf8'),
      'body UTF-8 text back to Latin-1 bytes',
    ],
    [
      'body-latin1-utf8',
      Buffer.from(Buffer.from(BODY).toString('latin1'), 'utf8'),
      BODY,
      'body bytes read as Latin-1, signed as UTF-8',
    ],
    ['body-base64', BODY, Buffer.from(BODY).toString('base64'), 'body base64-decoded'],
    ['body-gzip', BODY, gzipSync(BODY), 'body gunzipped'],
  ];

  for (const [rule, signedBody, receivedBody, transformation] of cases) {
    it(`${rule}: ${transformation}`, () => {
      const report = run(bodyChanged('standard-webhooks', signedBody, receivedBody));
      expect(rules(report)).toEqual([rule]);
      expect(report.matched).toEqual({ candidate: 'the current secret', transformations: [transformation] });
      expect(report.tried.at(-1)).toBe(rule);
    });
  }

  it('verifying after JSON.parse/JSON.stringify (express.json()) says so in the verdict', () => {
    const raw = '{\n  "type": "invoice.paid",\n  "amount": 4200\n}';
    const report = run(bodyChanged('github', raw, JSON.stringify(JSON.parse(raw))));
    expect(report.verdict.summary).toBe('Invalid — the body was re-serialised as JSON before verifying');
  });
});

describe('encoding rules', () => {
  const digest = mac(SECRET, BODY);
  const mindee = (signature: string) =>
    run({ headers: { 'X-Mindee-Hmac-Signature': signature }, body: Buffer.from(BODY) });
  const github = (signature: string) =>
    run({ headers: { 'X-Hub-Signature-256': signature }, body: Buffer.from(BODY) });
  const standard = (signature: string) =>
    run({
      ...signed('standard-webhooks'),
      headers: { ...signed('standard-webhooks').headers, 'webhook-signature': signature },
    });
  const swDigest = mac(Buffer.from(SECRET.slice(6), 'base64'), `${MESSAGE_ID}.${TIMESTAMP}.`, BODY);

  it('encoding-hex-vs-base64: base64 where hex belongs, and hex where base64 belongs', () => {
    expect(rules(mindee(digest.toString('base64')))).toEqual(['encoding-hex-vs-base64']);
    expect(rules(standard(`v1,${swDigest.toString('hex')}`))).toEqual(['encoding-hex-vs-base64']);
  });

  it('encoding-uppercase-hex', () => {
    expect(rules(github(`sha256=${digest.toString('hex').toUpperCase()}`))).toEqual([
      'encoding-uppercase-hex',
    ]);
  });

  it('encoding-prefix-missing: sha256= and v1, left out', () => {
    expect(rules(github(digest.toString('hex')))).toEqual(['encoding-prefix-missing']);
    expect(rules(standard(swDigest.toString('base64')))).toEqual(['encoding-prefix-missing']);
  });

  it('encoding-prefix-doubled: sha256=sha256=, v1,v1, and a sha256= Mindee never writes', () => {
    expect(rules(github(`sha256=sha256=${digest.toString('hex')}`))).toEqual(['encoding-prefix-doubled']);
    expect(rules(standard(`v1,v1,${swDigest.toString('base64')}`))).toEqual(['encoding-prefix-doubled']);
    expect(rules(mindee(`sha256=${digest.toString('hex')}`))).toEqual(['encoding-prefix-doubled']);
  });
});

describe('time rules', () => {
  const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

  it('time-too-old: received 20 minutes after signing, and the HMAC still matched', () => {
    const report = run(signed('stripe'), [current()], { receivedAt: later(1200) });
    expect(report.verdict).toEqual({
      valid: false,
      summary:
        'Invalid — the timestamp is 20 minutes old (the tolerance is 5 minutes); the signature itself matches the current secret',
    });
    expect(rules(report)).toEqual(['time-too-old']);
    expect(report.matched?.candidate).toBe('the current secret');
  });

  it('time-too-old with the wrong secret: says that the HMAC does not match either', () => {
    const report = run(signed('standard-webhooks'), [current(OTHER_SECRET)], { receivedAt: later(1200) });
    expect(rules(report)).toEqual(['time-too-old', 'signature-no-match']);
    expect(report.verdict.summary).toContain('; no secret tried matches the signature');
  });

  it('accepts a timestamp exactly the tolerance old, refuses one a second older', () => {
    expect(run(signed('standard-webhooks'), [current()], { receivedAt: later(300) }).verdict.valid).toBe(
      true,
    );
    expect(rules(run(signed('standard-webhooks'), [current()], { receivedAt: later(301) }))).toEqual([
      'time-too-old',
    ]);
  });

  it('the tolerance is adjustable', () => {
    expect(
      run(signed('stripe'), [current()], { receivedAt: later(1200), toleranceSeconds: 1800 }).verdict.valid,
    ).toBe(true);
  });

  it('time-in-future: the sender clock is 10 minutes ahead', () => {
    expect(rules(run(signed('standard-webhooks'), [current()], { receivedAt: later(-600) }))).toEqual([
      'time-in-future',
    ]);
  });

  it('time-milliseconds: Date.now() signed instead of seconds', () => {
    const ms = NOW.getTime();
    const request = {
      headers: { 'Stripe-Signature': `t=${ms},v1=${mac(SECRET, `${ms}.`, BODY).toString('hex')}` },
      body: Buffer.from(BODY),
    };
    const report = run(request);
    expect(rules(report)).toEqual(['time-milliseconds']);
    expect(report.verdict.summary).toContain('the signature itself matches the current secret');
  });

  it('time-unparsable: a date string instead of Unix seconds', () => {
    const request = signed('standard-webhooks');
    const report = run({
      ...request,
      headers: { ...request.headers, 'webhook-timestamp': NOW.toISOString() },
    });
    expect(rules(report)).toContain('time-unparsable');
  });
});

describe('the answer', () => {
  it('stops at the first explanation, and lists every rule tried in order when nothing matches', () => {
    // Pretty-printed JSON with LF line endings and non-ASCII text, signed with another secret.
    const request = bodyChanged('stripe', BODY, JSON.stringify(JSON.parse(BODY), null, 2));
    const report = run(request, [current(OTHER_SECRET)]);
    expect(rules(report)).toEqual(['signature-no-match']);
    expect(report.matched).toBeUndefined();
    expect(report.tried).toEqual([
      'header-missing',
      'header-renamed',
      'stripe-header-unparsable',
      'time-unparsable',
      'time-milliseconds',
      'time-too-old',
      'time-in-future',
      'signature-exact',
      'secret-api-key',
      'secret-base64-decoded',
      'body-trailing-newline-removed',
      'body-lf-to-crlf',
      'body-newlines-removed',
      'body-bom-removed',
      'body-json-compact',
      // body-json-pretty: the same bytes as received, so not tried again
      'body-json-python',
      'body-json-sorted-keys',
      'body-latin1-utf8',
    ]);
    const stopped = run(bodyChanged('stripe', BODY, `${BODY}\n`));
    expect(stopped.tried.at(-1)).toBe('body-trailing-newline-added');
  });

  it('never puts a secret into the answer, only its label', () => {
    const secrets = [
      SECRET,
      OTHER_SECRET,
      'sk_live_0123456789abcdefghij',
      'whsec_not*base64 ',
      `"${SECRET}"\n`,
    ];
    const reports = (['mindee', 'standard-webhooks', 'stripe', 'github'] as const).flatMap((scheme) =>
      secrets.flatMap((secret) => [
        run(signed(scheme), [
          current(secret),
          { label: 'Orders', secret: OTHER_SECRET, webhookName: 'Orders v2' },
        ]),
        run(bodyChanged(scheme, BODY, `${BODY}\n`), [current(secret)]),
        run(withSignature(scheme, BODY, secret), [current(secret)], { receivedAt: new Date(0) }),
      ]),
    );
    const text = JSON.stringify(reports);
    for (const secret of secrets) {
      const core = secret.replace(/^["'\s]*(whsec_|sk_live_)?|["'\s]*$/g, '');
      // No 8 characters in a row of any secret's own part.
      for (let i = 0; i + 8 <= core.length; i++) expect(text).not.toContain(core.slice(i, i + 8));
    }
  });
});

/** The first finding of a rule, with the verdict's words for it. */
function explained(report: DoctorReport, rule: string) {
  return { summary: report.verdict.summary, finding: report.findings.find((f) => f.rule === rule) };
}

const VERIFY_RAW =
  "Verify the raw bytes, before anything parses or rewrites them: express.raw({ type: 'application/json' }) in Express, await request.text() in Next.js, request.get_data() in Flask, await request.body() in FastAPI; parse the JSON only after the signature checks out.";

describe('the words the user reads: time rules', () => {
  const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

  it('time-unparsable: quotes the timestamp as written, and asks for whole Unix seconds', () => {
    const request = signed('standard-webhooks');
    const written = NOW.toISOString();
    const report = run({ ...request, headers: { ...request.headers, 'webhook-timestamp': written } });
    expect(explained(report, 'time-unparsable')).toEqual({
      summary:
        'Invalid — the timestamp "2026-11-28T12:00:00.000Z" is not a number of seconds; no secret tried matches the signature',
      finding: {
        rule: 'time-unparsable',
        title: "The timestamp isn't a Unix time",
        detail:
          'The signed timestamp reads "2026-11-28T12:00:00.000Z"; receivers expect whole Unix seconds (digits only).',
        fix: 'Send the time as whole seconds since 1970 (e.g. Math.floor(Date.now() / 1000)).',
      },
    });
  });

  it('time-milliseconds: names the time the milliseconds stand for', () => {
    const ms = NOW.getTime();
    const report = run({
      headers: { 'Stripe-Signature': `t=${ms},v1=${mac(SECRET, `${ms}.`, BODY).toString('hex')}` },
      body: Buffer.from(BODY),
    });
    expect(explained(report, 'time-milliseconds')).toEqual({
      summary:
        'Invalid — the timestamp is in milliseconds, not seconds; the signature itself matches the current secret',
      finding: {
        rule: 'time-milliseconds',
        title: 'Timestamp in milliseconds instead of seconds',
        detail:
          '1795867200000 is a time in milliseconds (2026-11-28T12:00:00.000Z); read as seconds it is thousands of years ahead, so receivers refuse it.',
        fix: 'Sign and send whole seconds: Math.floor(Date.now() / 1000), not Date.now().',
      },
    });
  });

  it('time-milliseconds from 1e11 on: below it, a time in seconds thousands of years ahead', () => {
    const at = (timestamp: number) => {
      const request = signed('standard-webhooks');
      return run({ ...request, headers: { ...request.headers, 'webhook-timestamp': String(timestamp) } });
    };
    expect(rules(at(100_000_000_000))[0]).toBe('time-milliseconds');
    expect(rules(at(99_999_999_999))[0]).toBe('time-in-future');
  });

  it('time-too-old: when it was signed, how long before it arrived, and the tolerance', () => {
    const report = run(signed('stripe'), [current()], { receivedAt: later(1200) });
    expect(explained(report, 'time-too-old').finding).toEqual({
      rule: 'time-too-old',
      title: 'Timestamp too old',
      detail:
        'It was signed at 2026-11-28T12:00:00.000Z, 20 minutes before it was received; the tolerance is 5 minutes, after which receivers refuse a request as a possible replay.',
      fix: 'Verify as the request arrives (not later from a queue or log), and resend old requests: a redelivery is signed with a fresh timestamp.',
    });
  });

  it('time-in-future: how far ahead, the clock skew, and the fix', () => {
    const report = run(signed('standard-webhooks'), [current()], { receivedAt: later(-600) });
    expect(explained(report, 'time-in-future')).toEqual({
      summary:
        'Invalid — the timestamp is 10 minutes in the future (the tolerance is 5 minutes); the signature itself matches the current secret',
      finding: {
        rule: 'time-in-future',
        title: 'Timestamp in the future (clock skew)',
        detail:
          "It was signed at 2026-11-28T12:00:00.000Z, 10 minutes after the time it was received; the tolerance is 5 minutes. The sender's clock is ahead or the receiver's is behind.",
        fix: 'Synchronise both clocks (NTP), or check that the receiver compares against the current time in UTC.',
      },
    });
  });

  it.each([
    [119, 60, 'the timestamp is 119 s old (the tolerance is 60 s)'],
    [120, 60, 'the timestamp is 2 minutes old (the tolerance is 60 s)'],
    [7199, 60, 'the timestamp is 120 minutes old (the tolerance is 60 s)'],
    [7200, 60, 'the timestamp is 2 hours old (the tolerance is 60 s)'],
    [172_799, 60, 'the timestamp is 48 hours old (the tolerance is 60 s)'],
    [172_800, 86_400, 'the timestamp is 2 days old (the tolerance is 24 hours)'],
    [30 * 86_400, 7200, 'the timestamp is 30 days old (the tolerance is 2 hours)'],
    [-7200, 119, 'the timestamp is 2 hours in the future (the tolerance is 119 s)'],
  ])('received %i s after signing, tolerance %i s: "%s"', (age, toleranceSeconds, summary) => {
    const report = run(signed('stripe'), [current()], { receivedAt: later(age), toleranceSeconds });
    expect(report.verdict.summary).toBe(
      `Invalid — ${summary}; the signature itself matches the current secret`,
    );
  });
});

describe('the words the user reads: body rules', () => {
  const value = JSON.parse(BODY) as unknown;
  const reserialised = (form: string) => ({
    summary: 'the body was re-serialised as JSON before verifying',
    title: 'Body re-serialised as JSON',
    detail: `The signature matches the body written as ${form}. The JSON was parsed and written again between signing and verifying (express.json(), a framework's request.json(), a logger or a proxy), which changes spacing, escapes or key order, so the bytes no longer match.`,
    fix: VERIFY_RAW,
  });
  const cases: [string, string | Buffer, string | Buffer, Record<string, string>][] = [
    // [rule, the body signed, the body received, the words]
    [
      'body-json-compact',
      JSON.stringify(value),
      JSON.stringify(value, null, 2),
      reserialised('compact JSON (JSON.stringify)'),
    ],
    [
      'body-json-python',
      '{"type": "invoice.paid", "customer": "Zo\\u00eb"}',
      '{"type":"invoice.paid","customer":"Zoë"}',
      reserialised('Python\'s json.dumps (", " and ": ", ensure_ascii)'),
    ],
    [
      'body-trailing-newline-added',
      BODY,
      `${BODY}\n`,
      {
        summary: 'a newline was added at the end of the body',
        title: 'Trailing newline added to the body',
        detail:
          'The signature matches the body without its final newline: an editor, a shell (echo, a heredoc) or a copy added one after signing.',
        fix: `${VERIFY_RAW} When replaying a request, send the body exactly (curl --data-binary @file, or printf rather than echo).`,
      },
    ],
    [
      'body-trailing-newline-removed',
      `${BODY}\n`,
      BODY,
      {
        summary: "the body's final newline was removed",
        title: "Body's trailing newline removed",
        detail:
          'The signature matches the body with a final newline: it was signed with one, and something (a trim(), a text field, a copy) dropped it.',
        fix: `${VERIFY_RAW} Don't trim the body.`,
      },
    ],
    [
      'body-crlf-to-lf',
      'line one\nline two',
      'line one\r\nline two',
      {
        summary: "the body's line endings were changed from LF to CRLF",
        title: 'Line endings changed (LF → CRLF)',
        detail:
          'The signature matches the body with LF line endings; the body you have has CRLF (a Windows tool, a clipboard or git autocrlf changed them after signing).',
        fix: `${VERIFY_RAW} Keep request bodies out of anything that converts line endings.`,
      },
    ],
    [
      'body-lf-to-crlf',
      'line one\r\nline two',
      'line one\nline two',
      {
        summary: "the body's line endings were changed from CRLF to LF",
        title: 'Line endings changed (CRLF → LF)',
        detail:
          'The signature matches the body with CRLF line endings; the body you have has LF (read in text mode, or normalised by an editor, a clipboard or git).',
        fix: `${VERIFY_RAW} Read it as bytes, not in text mode.`,
      },
    ],
    [
      'body-newlines-removed',
      '{"a":1,"b":2}',
      '{"a":1,\r\n"b":2}',
      {
        summary: 'the signature covers the body with every line break removed',
        title: 'Signed with all line breaks removed',
        detail:
          'The signature matches the body with every CR and LF removed: the signer stripped them before hashing (as the Mindee Python SDK does), while the body travelled with them.',
        fix: 'Sign and verify the exact bytes sent. With the Mindee Python SDK on one side, send the body without line breaks (compact JSON), so both sides hash the same bytes.',
      },
    ],
    [
      'body-bom-added',
      BODY,
      `\ufeff${BODY}`,
      {
        summary: 'a UTF-8 byte order mark was added to the body',
        title: 'UTF-8 BOM added to the body',
        detail:
          'The signature matches the body without the UTF-8 byte order mark (EF BB BF) it starts with: a Windows editor or an encoder added it after signing.',
        fix: `${VERIFY_RAW} Save replayed bodies as UTF-8 without BOM.`,
      },
    ],
    [
      'body-bom-removed',
      `\ufeff${BODY}`,
      BODY,
      {
        summary: "the body's UTF-8 byte order mark was removed",
        title: "Body's UTF-8 BOM removed",
        detail:
          'The signature matches the body with a UTF-8 byte order mark (EF BB BF) in front: a text decoder dropped it before verifying.',
        fix: `${VERIFY_RAW} Decoding to text drops the BOM; hash the bytes instead.`,
      },
    ],
    [
      'body-latin1-utf8',
      Buffer.from(Buffer.from(BODY).toString('latin1'), 'utf8'),
      BODY,
      {
        summary: 'the non-ASCII text of the body was decoded as Latin-1 instead of UTF-8',
        title: 'Latin-1 and UTF-8 mixed up',
        detail:
          'The signature matches the body with its non-ASCII characters re-encoded between Latin-1 (ISO-8859-1) and UTF-8: one side decoded the bytes with the wrong charset (a missing charset=utf-8, a default of ISO-8859-1) and hashed the text.',
        fix: `${VERIFY_RAW} If text is needed, decode it as UTF-8.`,
      },
    ],
    [
      'body-base64',
      BODY,
      // As a gateway passes it on, with the newline a base64 tool ends its output with.
      `${Buffer.from(BODY).toString('base64')}\n`,
      {
        summary: 'the body arrived base64-encoded',
        title: 'Body wrapped in base64',
        detail:
          'The signature matches the base64 decoding of the body: an API gateway (AWS API Gateway, Lambda function URLs, Azure Functions) passed the body on base64-encoded.',
        fix: 'Decode the body first when the gateway says so (isBase64Encoded: true), then verify those bytes.',
      },
    ],
    [
      'body-gzip',
      BODY,
      gzipSync(BODY),
      {
        summary: 'the body is gzip-compressed and the signature covers it uncompressed',
        title: 'Gzip-compressed body',
        detail:
          'The signature matches the body once decompressed: it was signed, then compressed (Content-Encoding: gzip) on the way.',
        fix: 'Decompress the body (as the Content-Encoding header says) before verifying, or have the sender sign what it sends.',
      },
    ],
  ];

  it.each(cases)('%s: the verdict and the finding in full', (rule, signedBody, receivedBody, words) => {
    const { summary, ...text } = words;
    const report = run(bodyChanged('github', signedBody, receivedBody));
    expect(report.verdict).toEqual({ valid: false, summary: `Invalid — ${summary}` });
    expect(report.findings).toEqual([{ rule, ...text }]);
  });

  it('a trailing newline after a CRLF line is removed with its CR', () => {
    const report = run(bodyChanged('github', 'line one\r\nline two', 'line one\r\nline two\r\n'));
    expect(report.matched?.transformations).toEqual(['trailing newline removed from the body']);
  });

  it('a body that only starts with a newline is not taken for one with a trailing newline', () => {
    const report = run(bodyChanged('stripe', BODY, `\n${BODY}`), [current(OTHER_SECRET)]);
    expect(report.tried).not.toContain('body-trailing-newline-added');
    expect(report.tried).toContain('body-trailing-newline-removed');
  });

  it('a gzip bomb (over 16 MiB unpacked) is not unpacked to be tried', () => {
    const bomb = gzipSync(Buffer.alloc(17 * 1024 * 1024));
    const report = run(bodyChanged('github', BODY, bomb));
    expect(rules(report)).toEqual(['signature-no-match']);
    expect(report.tried).not.toContain('body-gzip');
    expect(run(bodyChanged('github', BODY, gzipSync('{}'))).tried.at(-1)).toBe('body-gzip');
  });

  it('a body that is neither JSON nor gzip nor base64 tries only the byte-level rules', () => {
    const report = run(bodyChanged('mindee', 'plain text', 'plain text!'));
    expect(rules(report)).toEqual(['signature-no-match']);
    expect(report.tried).toEqual([
      'header-missing',
      'header-renamed',
      'stripe-whole-header',
      'signature-exact',
      'secret-api-key',
      'secret-base64-decoded',
      'body-trailing-newline-removed',
      'body-bom-removed',
    ]);
  });
});

describe('the words the user reads: secret rules', () => {
  const PREFIXLESS = SECRET.slice('whsec_'.length);
  const swKey = Buffer.from(PREFIXLESS, 'base64');
  const cases: [string, SignatureScheme, Request, string, Record<string, string>][] = [
    // [what happened, the scheme, the request, the secret tried, the words]
    [
      'a newline read with the secret',
      'stripe',
      signed('stripe'),
      `${SECRET}\n`,
      {
        rule: 'secret-whitespace',
        summary: 'the current secret has a newline around it',
        title: 'The secret has a newline around it',
        detail:
          'The signature matches the current secret without the leading or trailing a newline: the secret was pasted or read from a file or environment variable with a newline.',
        fix: 'Trim the secret where it is stored (an .env line, a file written by echo, a copy from a terminal), or .trim() it when read.',
      },
    ],
    [
      'spaces pasted around the secret',
      'github',
      signed('github'),
      `  ${SECRET} `,
      {
        rule: 'secret-whitespace',
        summary: 'the current secret has spaces around it',
        title: 'The secret has spaces around it',
        detail:
          'The signature matches the current secret without the leading or trailing spaces: the secret was pasted or read from a file or environment variable with spaces.',
        fix: 'Trim the secret where it is stored (an .env line, a file written by echo, a copy from a terminal), or .trim() it when read.',
      },
    ],
    [
      'quotes copied from an .env file',
      'stripe',
      signed('stripe'),
      `"${SECRET}"`,
      {
        rule: 'secret-quotes',
        summary: 'the current secret is wrapped in quotes',
        title: 'The secret has quotes around it',
        detail:
          'The signature matches the current secret without its surrounding quotes: they were copied in as part of the value.',
        fix: 'Remove the quotes from the stored value (in an .env file, write the value bare or make sure the loader strips them).',
      },
    ],
    [
      '"v1," copied in front of the secret',
      'standard-webhooks',
      signed('standard-webhooks'),
      `v1,${SECRET}`,
      {
        rule: 'secret-v1-prefix',
        summary: 'the current secret starts with "v1,"',
        title: '"v1," pasted in front of the secret',
        detail:
          'The signature matches the current secret without its leading "v1,": that is the version prefix of a signature, not part of a secret.',
        fix: 'Store the secret as it was issued (whsec_…), without "v1,".',
      },
    ],
    [
      'a Standard Webhooks secret used as text',
      'standard-webhooks',
      withSignature('standard-webhooks', BODY, SECRET),
      SECRET,
      {
        rule: 'secret-not-base64-decoded',
        summary: 'the current secret was used as text instead of base64-decoded',
        title: 'Standard Webhooks secret used as text instead of base64-decoded after whsec_',
        detail:
          'The signature was made with the current secret as UTF-8 text (the Stripe convention). Standard Webhooks keys the HMAC with the bytes of the base64 after whsec_.',
        fix: 'Strip whsec_ and base64-decode the rest to get the key, or let the standardwebhooks library do it: new Webhook(secret).verify(body, headers).',
      },
    ],
    [
      'a Stripe secret decoded the Standard Webhooks way',
      'stripe',
      withSignature('stripe', BODY, swKey),
      SECRET,
      {
        rule: 'secret-base64-decoded',
        summary: 'the current secret was decoded the Standard Webhooks way',
        title: 'Stripe secret handled the Standard Webhooks way',
        detail:
          'The signature was made with the current secret with whsec_ removed (and its rest base64-decoded, or not). Stripe keys the HMAC with the whole secret as text, whsec_ included.',
        fix: 'Use the whole secret string, whsec_ included, as the HMAC key.',
      },
    ],
    [
      'a GitHub secret keyed without its whsec_',
      'github',
      withSignature('github', BODY, PREFIXLESS),
      SECRET,
      {
        rule: 'secret-base64-decoded',
        summary: 'the current secret was decoded the Standard Webhooks way',
        title: 'GitHub secret handled the Standard Webhooks way',
        detail:
          'The signature was made with the current secret with whsec_ removed (and its rest base64-decoded, or not). GitHub keys the HMAC with the whole secret as text, whsec_ included.',
        fix: 'Use the whole secret string, whsec_ included, as the HMAC key.',
      },
    ],
    [
      'a URL-safe secret a lenient decoder accepted',
      'standard-webhooks',
      withSignature('standard-webhooks', BODY, Buffer.from('C2FVsBQIhrscChlQIMV-b5sSYspob7oD', 'base64')),
      'whsec_C2FVsBQIhrscChlQIMV-b5sSYspob7oD',
      {
        rule: 'secret-invalid-base64',
        summary: 'the current secret is not valid base64 after whsec_',
        title: 'The secret is not valid base64 after whsec_',
        detail:
          "the current secret has characters or a length that base64 doesn't allow after whsec_, so strict decoders (the standardwebhooks libraries) refuse it. The signer decoded it leniently (skipping what it could not read), and that matches.",
        fix: 'Use the secret exactly as issued: whsec_ followed by standard base64 (A–Z, a–z, 0–9, +, /, = padding only at the end).',
      },
    ],
    [
      'the Stripe API key, quoted',
      'stripe',
      signed('stripe'),
      '"sk_test_51H8abcdefghijklmnop"',
      {
        rule: 'secret-api-key',
        summary: 'the current secret is an API key, not a signing secret',
        title: 'An API key instead of the signing secret',
        detail:
          "the current secret starts like an API key (sk_, rk_ or pk_). API keys authenticate calls to an API; webhooks are signed with the endpoint's signing secret, usually whsec_….",
        fix: "Use the webhook endpoint's signing secret (Stripe: the endpoint's page, \"Signing secret\"; here: the webhook's secret).",
      },
    ],
  ];

  it.each(cases)('%s (%s): the verdict and the finding in full', (_what, scheme, request, secret, words) => {
    const { summary, ...finding } = words;
    const report = run(request, [current(secret)], { scheme });
    expect(report.verdict).toEqual({ valid: false, summary: `Invalid — ${summary}` });
    expect(report.findings).toEqual([finding]);
    expect(report.tried.at(-1)).toBe(finding.rule);
  });

  it('a Standard Webhooks secret without whsec_, used as text: says so in the match', () => {
    const report = run(withSignature('standard-webhooks', BODY, PREFIXLESS), [current(PREFIXLESS)]);
    expect(rules(report)).toEqual(['secret-not-base64-decoded']);
    expect(report.matched?.transformations).toEqual(['key = secret as text (not base64-decoded)']);
  });

  it('a Stripe secret keyed as its text after whsec_: named as such in the match', () => {
    const report = run(withSignature('stripe', BODY, PREFIXLESS));
    expect(report.matched?.transformations).toEqual(['key = secret without whsec_']);
  });

  it('quotes and the whitespace inside or after them: still the quotes', () => {
    for (const secret of [`"${SECRET}"\n`, `" ${SECRET} "`, `'${SECRET}'`]) {
      const report = run(signed('stripe'), [current(secret)]);
      expect(rules(report)).toEqual(['secret-quotes']);
      expect(report.matched?.transformations).toEqual(['quotes removed from the secret']);
    }
  });

  it('a whole .env line pasted is not taken for a quoted secret, nor are unmatched quotes', () => {
    for (const secret of [`STRIPE_WEBHOOK_SECRET="${SECRET}"`, `"${SECRET}" # test mode`, `"${SECRET}'`]) {
      expect(rules(run(signed('stripe'), [current(secret)]))).toEqual(['signature-no-match']);
    }
  });

  it('"v1," removed from the secret is named in the match', () => {
    const report = run(signed('stripe'), [current(`v1,${SECRET}`)]);
    expect(report.matched?.transformations).toEqual(['v1, removed from the secret']);
  });

  it('a secret with "sk_" inside it is not an API key', () => {
    const secret = 'whsec_desk_rotation_2026';
    const report = run(signed('mindee'), [current(secret)]);
    expect(rules(report)).toEqual(['signature-no-match']);
    expect(report.tried).toContain('secret-base64-decoded');
    expect(rules(run(signed('mindee'), [current('  rk_live_abc')]))).toEqual(['secret-api-key']);
  });

  it('a secret that matches with a trailing newline: the note in full', () => {
    const report = run(signed('standard-webhooks'), [current(`${SECRET}\n`)]);
    expect(report.verdict).toEqual({ valid: true, summary: 'Valid — signed with the current secret' });
    expect(report.findings).toEqual([
      {
        rule: 'secret-whitespace',
        title: 'The secret ends with whitespace',
        detail:
          'the current secret ends with whitespace (a newline from a file or an .env line). It matches as it is (Standard Webhooks decoders skip it, or the sender signed with the same whitespace), but a receiver or sender that trims it, or uses it as text, would not.',
        fix: 'Store the secret trimmed, or .trim() it when read.',
      },
    ]);
  });

  it('no match, and a secret that is not valid base64: the note does not claim a lenient match', () => {
    const report = run(signed('standard-webhooks'), [current('whsec_not*base64')]);
    expect(report.verdict.summary).toBe('Invalid — no secret tried matches the signature');
    expect(report.findings[1]).toEqual({
      rule: 'secret-invalid-base64',
      title: 'The secret is not valid base64 after whsec_',
      detail:
        "the current secret has characters or a length that base64 doesn't allow after whsec_, so strict decoders (the standardwebhooks libraries) refuse it.",
      fix: 'Use the secret exactly as issued: whsec_ followed by standard base64 (A–Z, a–z, 0–9, +, /, = padding only at the end).',
    });
  });

  it("no match: a wrong secret with whitespace around it, or another webhook's invalid one, gets no base64 note", () => {
    for (const secret of [`${OTHER_SECRET}\n`, ` ${OTHER_SECRET}`]) {
      const report = run(signed('standard-webhooks'), [current(secret)]);
      expect(rules(report)).toEqual(['signature-no-match']);
    }
    // Strict decoders skip a trailing newline: a lenient decoding is not even tried.
    const newline = run(signed('standard-webhooks'), [current(`${OTHER_SECRET}\n`)]);
    expect(newline.tried).not.toContain('secret-invalid-base64');
    const report = run(signed('standard-webhooks'), [
      current(OTHER_SECRET),
      { label: 'Orders', secret: 'whsec_not*base64', webhookName: 'Orders v2' },
    ]);
    expect(rules(report)).toEqual(['signature-no-match']);
  });
});

describe('the words the user reads: encoding rules', () => {
  const digest = mac(SECRET, BODY);
  const swDigest = mac(Buffer.from(SECRET.slice(6), 'base64'), `${MESSAGE_ID}.${TIMESTAMP}.`, BODY);
  const header = (scheme: SignatureScheme, signature: string): Request => {
    const request = signed(scheme);
    const name = {
      mindee: 'X-Mindee-Hmac-Signature',
      github: 'X-Hub-Signature-256',
      'standard-webhooks': 'webhook-signature',
      stripe: 'Stripe-Signature',
    }[scheme];
    return { ...request, headers: { ...request.headers, [name]: signature } };
  };
  const cases: [SignatureScheme, string, string, Record<string, string>][] = [
    // [scheme, the signature written, the transformation, the words]
    [
      'mindee',
      digest.toString('base64'),
      'signature read in the other encoding (hex/base64)',
      {
        rule: 'encoding-hex-vs-base64',
        summary: 'the signature is base64, not hex',
        title: 'Signature in base64 instead of hex',
        detail:
          'The HMAC is right but written in base64; Mindee writes it in hex, so a receiver comparing text refuses it.',
        fix: "Encode the HMAC digest as hex (digest('hex')).",
      },
    ],
    [
      'standard-webhooks',
      `v1,${swDigest.toString('hex')}`,
      'signature read in the other encoding (hex/base64)',
      {
        rule: 'encoding-hex-vs-base64',
        summary: 'the signature is hex, not base64',
        title: 'Signature in hex instead of base64',
        detail:
          'The HMAC is right but written in hex; Standard Webhooks writes it in base64, so a receiver comparing text refuses it.',
        fix: "Encode the HMAC digest as base64 (digest('base64')).",
      },
    ],
    [
      'github',
      `sha256=${digest.toString('hex').toUpperCase()}`,
      'signature hex lower-cased',
      {
        rule: 'encoding-uppercase-hex',
        summary: 'the signature is upper-case hex',
        title: 'Upper-case hex signature',
        detail:
          'The HMAC is right but written in upper-case hex; GitHub receivers compare it with lower-case hex.',
        fix: "Write the digest with digest('hex') (lower case), or compare the decoded bytes rather than the text.",
      },
    ],
    [
      'github',
      digest.toString('hex'),
      'signature prefix added back',
      {
        rule: 'encoding-prefix-missing',
        summary: 'the signature lacks its sha256= prefix',
        title: 'Missing sha256= prefix',
        detail: 'The HMAC is right but written without the sha256= prefix that GitHub puts before it.',
        fix: 'Write the signature as sha256=<hex>.',
      },
    ],
    [
      'standard-webhooks',
      swDigest.toString('base64'),
      'signature prefix added back',
      {
        rule: 'encoding-prefix-missing',
        summary: 'the signature lacks its v1, prefix',
        title: 'Missing v1, prefix',
        detail: 'The HMAC is right but written without the v1, prefix that Standard Webhooks puts before it.',
        fix: 'Write the signature as v1,<base64>.',
      },
    ],
    [
      'github',
      `sha256=sha256=${digest.toString('hex')}`,
      'extra signature prefix removed',
      {
        rule: 'encoding-prefix-doubled',
        summary: 'the signature has an extra sha256= prefix',
        title: 'Extra sha256= prefix',
        detail:
          'The HMAC is right but the sha256= prefix is written twice: the sender added it to a value that already had it.',
        fix: 'Write the signature as sha256=<hex>, with the prefix once.',
      },
    ],
    [
      'mindee',
      `sha256=${digest.toString('hex')}`,
      'extra signature prefix removed',
      {
        rule: 'encoding-prefix-doubled',
        summary: 'the signature has an extra sha256= prefix',
        title: 'Extra sha256= prefix',
        detail: 'The HMAC is right but written after a sha256= prefix; Mindee writes the bare hex.',
        fix: 'Write the signature as <hex>, with the prefix once.',
      },
    ],
  ];

  it.each(cases)(
    '%s, written %s: the verdict, the match and the finding',
    (scheme, signature, label, words) => {
      const { summary, ...finding } = words;
      const report = run(header(scheme, signature));
      expect(report.verdict).toEqual({ valid: false, summary: `Invalid — ${summary}` });
      expect(report.matched).toEqual({ candidate: 'the current secret', transformations: [label] });
      expect(report.findings).toEqual([finding]);
      expect(report.tried.at(-1)).toBe(finding.rule);
    },
  );

  it('upper-case hex where base64 belongs is not read as hex', () => {
    const report = run(header('standard-webhooks', `v1,${swDigest.toString('hex').toUpperCase()}`));
    expect(rules(report)).toEqual(['signature-no-match']);
    expect(report.tried).not.toContain('encoding-uppercase-hex');
  });

  it('Mindee has no prefix to miss: a wrong bare signature tries no prefix rule', () => {
    const report = run(header('mindee', mac(OTHER_SECRET, BODY).toString('hex')));
    expect(rules(report)).toEqual(['signature-no-match']);
    expect(report.tried).not.toContain('encoding-prefix-missing');
    expect(report.tried).toContain('signature-exact');
  });
});

describe('the words the user reads: the match', () => {
  it('secret-other-webhook: the finding names the other webhook, and the match says whose secret', () => {
    const report = run(signed('stripe', BODY, [OTHER_SECRET]), [
      current(),
      { label: 'the current secret of Orders v2', secret: OTHER_SECRET, webhookName: 'Orders v2' },
    ]);
    expect(report.matched).toEqual({
      candidate: 'the current secret of Orders v2',
      transformations: ['secret of webhook Orders v2'],
    });
    expect(report.tried.at(-1)).toBe('secret-other-webhook');
    expect(report.findings).toEqual([
      {
        rule: 'secret-other-webhook',
        title: 'Signed with the secret of Orders v2',
        detail:
          "The signature matches the current secret of Orders v2, which belongs to the webhook Orders v2, not the one checked: the receiver holds one webhook's secret and the sender signs with another's.",
        fix: 'Give the receiver the secret of the webhook that sends to it, or point Orders v2 at the receiver it was meant for.',
      },
    ]);
  });

  it('multiple-signatures: the note in full', () => {
    const report = run(signed('stripe', BODY, [SECRET, OTHER_SECRET]), [
      { label: 'the next secret', secret: OTHER_SECRET },
    ]);
    expect(report.verdict).toEqual({ valid: true, summary: 'Valid — signed with the next secret' });
    expect(report.findings).toEqual([
      {
        rule: 'multiple-signatures',
        title: '2 signatures listed; signature 2 matched',
        detail:
          'The header lists 2 signatures (during a secret rotation the sender signs with the old and the new secret); signature 2 matched the next secret.',
        fix: 'Accept the request when any listed signature matches (the official libraries do); comparing only the first one breaks during rotations.',
      },
    ]);
  });

  it('signature-no-match: names every secret tried, or says none was given', () => {
    const report = run(signed('github'), [
      current(OTHER_SECRET),
      { label: 'the previous secret', secret: 'whsec_old' },
    ]);
    expect(report.verdict.summary).toBe('Invalid — no secret tried matches the signature');
    const fix =
      'Check which secret the sender signs with (was it regenerated or rotated?), and that the body checked is exactly the bytes it sent.';
    expect(report.findings).toEqual([
      {
        rule: 'signature-no-match',
        title: 'No secret tried matches the signature',
        detail:
          'Neither as given nor after any of the rules tried does the signature match the current secret, the previous secret.',
        fix,
      },
    ]);
    expect(run(signed('github'), []).findings).toEqual([
      {
        rule: 'signature-no-match',
        title: 'No secret tried matches the signature',
        detail: 'No secret was given to try.',
        fix,
      },
    ]);
  });

  it('no signature header: only header-missing was tried', () => {
    const report = run({ headers: { 'Content-Type': 'application/json' }, body: Buffer.from(BODY) });
    expect(report.tried).toEqual(['header-missing']);
  });
});

describe('the rules tried', () => {
  it('a header listing an unreadable signature and a good one: the good one matches, named by its place', () => {
    const hex = mac(SECRET, `${TIMESTAMP}.`, BODY).toString('hex');
    const report = run({
      headers: { 'Stripe-Signature': `t=${TIMESTAMP},v1=not-hex,v1=${hex}` },
      body: Buffer.from(BODY),
    });
    expect(report.verdict).toEqual({ valid: true, summary: 'Valid — signed with the current secret' });
    expect(report.matched).toEqual({
      candidate: 'the current secret',
      signatureIndex: 2,
      transformations: [],
    });
  });

  it('Standard Webhooks, wrong secret: the Stripe key convention is tried, not the other way round', () => {
    const report = run(signed('standard-webhooks'), [current(OTHER_SECRET)]);
    expect(rules(report)).toEqual(['signature-no-match']);
    expect(report.tried).toEqual([
      'header-missing',
      'header-renamed',
      'stripe-whole-header',
      'time-unparsable',
      'time-milliseconds',
      'time-too-old',
      'time-in-future',
      'signature-exact',
      'secret-api-key',
      'secret-not-base64-decoded',
      'body-trailing-newline-removed',
      'body-bom-removed',
      // body-json-compact: the body is compact JSON already, so the same bytes, not tried again
      'body-json-pretty',
      'body-json-python',
      'body-json-sorted-keys',
      'body-latin1-utf8',
    ]);
  });
});

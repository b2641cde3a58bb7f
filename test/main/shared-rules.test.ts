/**
 * The shared rules the UI and main both apply, with the exact words a user reads when one is broken.
 * (Every channel's enforcement is in ipc.test.ts; here is what each rule says and where its limits lie.)
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  HEADER_VALUE_MAX_BYTES,
  apiNameInputSchema,
  cleanApiName,
  customHeadersInputSchema,
  customHeadersSchema,
  descriptionSchema,
  headerNameSchema,
  parseVersionList,
  secretHeaderNames,
  versionLabelSchema,
  versionListSchema,
} from '../../src/shared/domain';
import { deliveryTimeoutSchema, payloadJsonProblem } from '../../src/shared/delivery';
import { AppError } from '../../src/shared/errors';
import { signedWithLabel } from '../../src/shared/rotation';
import { firstIssue, firstMessage, issueText } from '../../src/shared/zod-issues';
import { startHarness } from '../support/main-harness';

/** What the first problem says, or 'ok'. */
function says(schema: z.core.$ZodType, value: unknown): string {
  const result = z.safeParse(schema, value);
  return result.success ? 'ok' : (result.error.issues[0]?.message ?? '');
}

describe('API names and versions', () => {
  it('cleans a typed name: NFC, no invisible characters, trimmed', () => {
    expect(cleanApiName('  I\u0301nvoi\u200Bces\u00AD  ')).toBe('Ínvoices');
    expect(cleanApiName('I\u0301')).toBe('Í'.normalize('NFC'));
  });

  it('says what is wrong with a name', () => {
    expect(says(apiNameInputSchema, '  \u200B ')).toBe('Give the API a name.');
    expect(says(apiNameInputSchema, 'n'.repeat(81))).toBe('An API name has at most 80 characters.');
    expect(says(apiNameInputSchema, 'n'.repeat(80))).toBe('ok');
    expect(says(apiNameInputSchema, 42)).not.toBe('ok');
  });

  it('says what is wrong with a version label or list', () => {
    const label = 'A version label is letters, digits, dots, dashes or underscores, like v4 or 2.1.';
    expect(says(versionLabelSchema, 'v 4')).toBe(label);
    expect(says(versionLabelSchema, ' v4 ')).toBe('ok');
    // At most 32 characters: a first letter or digit, then up to 31 more.
    expect(says(versionLabelSchema, `v${'1'.repeat(31)}`)).toBe('ok');
    expect(says(versionLabelSchema, `v${'1'.repeat(32)}`)).toBe(label);
    expect(says(versionLabelSchema, 4)).not.toBe('ok');
    expect(says(versionListSchema, [])).toBe('An API needs at least one product version.');
    expect(says(versionListSchema, ['v4', 'v4'])).toBe('Product versions must be unique.');
  });

  it('splits the "v4, v3" text of a form into labels', () => {
    expect(parseVersionList(' v4, ,v3 ,2.1')).toEqual(['v4', 'v3', '2.1']);
    expect(parseVersionList(' , ')).toEqual([]);
    expect(parseVersionList('')).toEqual([]);
  });

  it('answers NOT_FOUND and VERSION_UNKNOWN in words that name what is missing', async () => {
    const h = await startHarness();
    const api = await h.ok('apis.create', { name: 'Invoices', versions: ['v4'] });
    const url = 'https://example.com/a';
    expect(await h.invoke('webhooks.create', { apiId: api.id, version: 'v9', url })).toEqual({
      ok: false,
      error: { code: 'VERSION_UNKNOWN', message: 'Invoices has no product version "v9".' },
    });
    expect(await h.invoke('webhooks.list', { apiId: crypto.randomUUID() })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'This API no longer exists.' },
    });
    const hook = await h.ok('webhooks.create', { apiId: api.id, version: 'v4', url });
    await h.vault.delete(h.account(hook.id));
    expect(await h.invoke('secrets.reveal', { id: hook.id })).toEqual({
      ok: false,
      error: {
        code: 'SECRET_MISSING',
        message: 'The keychain has no signing secret for this webhook. Regenerate it to get a new one.',
      },
    });
  });
});

describe('webhook details', () => {
  it('says what is wrong with a description', () => {
    expect(says(descriptionSchema, 'd'.repeat(201))).toBe('A description has at most 200 characters.');
    expect(says(descriptionSchema, ` ${'d'.repeat(200)} `)).toBe('ok');
    expect(says(descriptionSchema, 'line one\nline two')).toBe('A description is one line.');
    expect(says(descriptionSchema, 'one\rtwo')).toBe('A description is one line.');
  });

  it('refuses the headers Hookwarden sets itself, in any case, and a name used twice', () => {
    const reserved = 'Hookwarden sets this header itself (or it is a signature header); choose another name.';
    const setByHttp = [
      'Host',
      'Content-Length',
      'content-type',
      'User-Agent',
      'Connection',
      'transfer-encoding',
    ];
    const signatureHeaders = [
      'X-Mindee-HMAC-Signature', // Mindee
      'webhook-id', // Standard Webhooks
      'Webhook-Timestamp',
      'WEBHOOK-SIGNATURE',
      'Stripe-Signature', // Stripe
      'X-GitHub-Event', // GitHub
      'x-github-delivery',
      'X-Hub-Signature-256',
    ];
    for (const name of [...setByHttp, ...signatureHeaders])
      expect(says(headerNameSchema, name), name).toBe(reserved);
    expect(says(headerNameSchema, 'X-Team')).toBe('ok');
    expect(says(headerNameSchema, 'X Team')).toBe(
      "A header name is letters, digits and !#$%&'*+.^_`|~- only, like X-Team.",
    );
    const header = (name: string, value = 'v') => ({ name, secret: false, value });
    expect(says(customHeadersInputSchema, [header('X-Team'), header('x-team')])).toBe(
      'Each header name may appear once.',
    );
    expect(says(customHeadersInputSchema, [header('X-Team'), header('X-Other')])).toBe('ok');
  });

  it('takes at most 20 custom headers on a webhook', () => {
    const headers = (count: number) =>
      Array.from({ length: count }, (_, i) => ({ name: `X-Header-${i}`, secret: false, value: 'v' }));
    expect(says(customHeadersInputSchema, headers(20))).toBe('ok');
    expect(says(customHeadersInputSchema, headers(21))).toBe('A webhook has at most 20 custom headers.');
  });

  it('stores a plain header with its value and a secret one without (its value is in the keychain)', () => {
    const plain = { name: 'X-Team', secret: false, value: 'payments' };
    const secret = { name: 'Authorization', secret: true, value: null };
    expect(says(customHeadersSchema, [plain, secret])).toBe('ok');
    // A secret value in the config file, or a plain header without its value: not a stored header.
    expect(says(customHeadersSchema, [{ ...secret, value: 'Bearer t0ken' }])).not.toBe('ok');
    expect(says(customHeadersSchema, [{ ...plain, value: null }])).not.toBe('ok');
  });

  it("names a webhook's secret headers in lower case, the way their keychain items are named", () => {
    const headers = [
      { name: 'X-Team', secret: false, value: 'payments' },
      { name: 'Authorization', secret: true, value: null },
      { name: 'X-Api-KEY', secret: true, value: null },
    ] as const;
    expect(secretHeaderNames(headers)).toEqual(['authorization', 'x-api-key']);
    expect(secretHeaderNames([])).toEqual([]);
    expect(secretHeaderNames()).toEqual([]);
  });

  it(`takes a header value of up to ${HEADER_VALUE_MAX_BYTES} bytes (UTF-8), on one line`, () => {
    const header = (value: string) => [{ name: 'X-Team', secret: false, value }];
    expect(says(customHeadersInputSchema, header('é'.repeat(HEADER_VALUE_MAX_BYTES / 2)))).toBe('ok');
    expect(says(customHeadersInputSchema, header(`${'é'.repeat(HEADER_VALUE_MAX_BYTES / 2)}a`))).toBe(
      `A header value has at most ${HEADER_VALUE_MAX_BYTES} bytes.`,
    );
    expect(says(customHeadersInputSchema, header('a\r\nb'))).toBe('A header value cannot hold a line break.');
  });
});

describe('delivery settings and payloads', () => {
  it('says what is wrong with a timeout', () => {
    expect(says(deliveryTimeoutSchema, 1.5)).toBe('The timeout is a whole number of seconds.');
    expect(says(deliveryTimeoutSchema, 0)).toBe('The timeout is at least 1 s.');
    expect(says(deliveryTimeoutSchema, 61)).toBe('The timeout is at most 60 s.');
    expect([1, 60].map((seconds) => says(deliveryTimeoutSchema, seconds))).toEqual(['ok', 'ok']);
  });

  it('says what is wrong with a test payload', () => {
    expect(payloadJsonProblem('{"a":1}')).toBeNull();
    for (const text of ['[]', '1', 'null', '"text"'])
      expect(payloadJsonProblem(text), text).toBe('The test payload must be a JSON object ({ … }).');
    expect(payloadJsonProblem('{')).toMatch(/^The test payload is not valid JSON: .+/);
  });
});

describe('zod issues in words', () => {
  const schema = z.strictObject({ a: z.strictObject({ b: z.string() }) });
  const failure = (value: unknown) => {
    const result = schema.safeParse(value);
    if (result.success) throw new Error('expected a failure');
    return result.error;
  };

  it('names the field by its path, or the whole value', () => {
    const [nested] = failure({ a: { b: 1 } }).issues;
    const [whole] = failure(7).issues;
    if (!nested || !whole) throw new Error('no issue');
    expect(issueText(nested, 'input')).toBe(`a.b: ${nested.message}`);
    expect(issueText(whole, 'input')).toBe(`input: ${whole.message}`);
    expect(firstIssue(failure({ a: { b: 1 } }), 'input')).toBe(`a.b: ${nested.message}`);
  });

  it('says what the union branch that got furthest into the value found, the first such branch on a tie', () => {
    const delays = (name: string) =>
      z.strictObject({
        custom: z.strictObject({ delays: z.array(z.literal(name, { error: `Not ${name}.` })) }),
      });
    const schedule = z.union([delays('a'), z.strictObject({ preset: z.enum(['github']) }), delays('b')]);
    const says = (value: unknown) => {
      const result = schedule.safeParse(value);
      return result.success ? 'ok' : firstIssue(result.error, 'schedule');
    };
    // The first and last branches both reach custom.delays.0, the middle one only preset: the first one speaks.
    expect(says({ custom: { delays: ['c'] } })).toBe('custom.delays.0: Not a.');
    // No branch got into the value: the union's own words.
    expect(says(7)).toBe('schedule: Invalid input');
  });

  it('falls back when zod gives no issue', () => {
    const empty = new z.ZodError([]);
    expect(firstIssue(empty, 'input')).toBe('input: invalid');
    expect(firstMessage(empty, 'Check this field.')).toBe('Check this field.');
    expect(firstMessage(failure(7), 'Check this field.')).toBe(failure(7).issues[0]?.message);
  });
});

it('AppError carries its code and its name', () => {
  const error = new AppError('NOT_FOUND', 'gone');
  expect([error.name, error.code, error.message, error instanceof Error]).toEqual([
    'AppError',
    'NOT_FOUND',
    'gone',
    true,
  ]);
});

describe('rotation records', () => {
  it('names the secrets that signed a delivery, newest first', () => {
    // During an overlap the current secret is the new one, next to the previous one.
    expect(signedWithLabel(['current', 'previous'], false)).toBe('new + previous');
    expect(signedWithLabel(['current'], false)).toBe('current');
    expect(signedWithLabel(['current'], true)).toBe('current (rotation test)');
    expect(signedWithLabel(['next'], true)).toBe('next (rotation test)');
    expect(signedWithLabel(['previous'], true)).toBe('previous (rotation test)');
  });
});

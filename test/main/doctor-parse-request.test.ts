/** Reading what a user pastes into the doctor: a raw HTTP request or a curl command; then diagnosing it. */
import { describe, expect, it } from 'vitest';
import { curlCommand } from '../../src/main/deliveries/curl';
import { signatureHeaders, unixSeconds } from '../../src/main/deliveries/signing';
import { isStrictBase64 } from '../../src/main/doctor/base64';
import { diagnose } from '../../src/main/doctor/doctor';
import {
  detectScheme,
  Headers,
  headerRulesFor,
  noSignatureHeader,
  readSignatureHeader,
} from '../../src/main/doctor/headers';
import { pythonDumps, sortedKeys } from '../../src/main/doctor/json-forms';
import { parsePastedRequest } from '../../src/main/doctor/parse-request';
import type { DeliveryRequest } from '../../src/shared/delivery';
import { SIGNATURE_SCHEMES, type SignatureScheme } from '../../src/shared/domain';
import { AppError } from '../../src/shared/errors';

const BODY = '{\n  "type": "invoice.paid",\n  "note": "it\'s \\"quoted\\" — Zoë $HOME `x`"\n}';

function refusal(text: string): AppError {
  try {
    parsePastedRequest(text);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('parsed');
}

describe('a raw HTTP request', () => {
  it('reads the request line, headers and body (CRLF), keeping the body bytes', () => {
    const text = `POST /hooks/invoices HTTP/1.1\r\nHost: example.com\r\nwebhook-id: msg_1\r\nContent-Type: application/json\r\n\r\n${BODY.replaceAll('\n', '\r\n')}`;
    expect(parsePastedRequest(text)).toEqual({
      method: 'POST',
      target: '/hooks/invoices',
      headers: { Host: 'example.com', 'webhook-id': 'msg_1', 'Content-Type': 'application/json' },
      body: Buffer.from(BODY.replaceAll('\n', '\r\n')),
    });
  });

  it('reads LF line endings, joins a repeated header, and takes a request without a body', () => {
    const parsed = parsePastedRequest('  POST /x HTTP/2\nA: 1\na: 2\nB:3\n\n{"a":1}\n');
    expect(parsed.headers).toEqual({ A: '1, 2', B: '3' });
    expect(parsed.body.toString()).toBe('{"a":1}\n');
    expect(parsePastedRequest('GET / HTTP/1.1\nHost: h\n')).toEqual({
      method: 'GET',
      target: '/',
      headers: { Host: 'h' },
      body: Buffer.alloc(0),
    });
    expect(parsePastedRequest('GET /é HTTP/1.1\r\nHost: h\r\n\r\nZoë').body).toEqual(
      Buffer.from('5a6fc3ab', 'hex'),
    );
    expect(parsePastedRequest('POST /x HTTP/2\n:authority: e.com\nA: 1\n\nb').headers).toEqual({ A: '1' });
  });

  it('refuses a header line that is not "Name: value", saying which line', () => {
    expect(refusal('POST / HTTP/1.1\nHost: h\n{"a":1}')).toMatchObject({
      code: 'INVALID_INPUT',
      message: 'Line 3 is not a header ("Name: value"); a blank line must separate the body.',
    });
  });

  it('refuses text that is neither a request nor a curl command', () => {
    expect(refusal('{"a":1}').code).toBe('INVALID_INPUT');
    expect(refusal('').message).toContain('Paste a raw HTTP request');
  });
});

describe('a curl command', () => {
  it("reads the app's own Copy as curl byte for byte (quotes, $, backticks, newlines, non-ASCII)", () => {
    const request: DeliveryRequest = {
      method: 'POST',
      url: 'https://example.com/hooks?a=1&b=[2]',
      headers: {
        'Content-Type': 'application/json',
        'Stripe-Signature': 't=1700000000,v1=abc',
        'X-Note': "it's",
        'Content-Length': '99',
      },
      body: BODY,
    };
    expect(parsePastedRequest(curlCommand(request))).toEqual({
      method: 'POST',
      target: 'https://example.com/hooks?a=1&b=[2]',
      headers: {
        'Content-Type': 'application/json',
        'Stripe-Signature': 't=1700000000,v1=abc',
        'X-Note': "it's",
      },
      body: Buffer.from(BODY),
    });
  });

  it('reads commands as people write them: continuations, double quotes, -d, glued -H, --json', () => {
    const command = `curl -sS -X POST "https://e.com/h" \\\n  -H "X-Hub-Signature-256: sha256=\\"x\\"" \\\n  -HContent-Type:\\ text/plain \\\n  -d 'a=1' --data-binary "b=2"`;
    expect(parsePastedRequest(command)).toEqual({
      method: 'POST',
      target: 'https://e.com/h',
      headers: { 'X-Hub-Signature-256': 'sha256="x"', 'Content-Type': 'text/plain' },
      body: Buffer.from('a=1&b=2'),
    });
    const json = parsePastedRequest(`curl https://e.com --json '{"a":1}'`);
    expect(json).toMatchObject({ method: 'POST', headers: { 'Content-Type': 'application/json' } });
    expect(json.body.toString()).toBe('{"a":1}');
  });

  it("reads $'…' quoting, so a body with a real CRLF survives", () => {
    const parsed = parsePastedRequest(`curl https://e.com --data-raw $'a\\r\\nb\\u00e9\\'c'`);
    expect(parsed.body.toString()).toBe("a\r\nbé'c");
  });

  it('refuses what it cannot know: a body read from a file, substitutions, unknown options, no URL', () => {
    expect(refusal('curl https://e.com -d @payload.json').message).toContain('reads the body from a file');
    expect(refusal('curl https://e.com -d "$BODY"').message).toContain('shell substitutions');
    expect(refusal('curl https://e.com --upload-file x').message).toContain('--upload-file');
    expect(refusal('curl -X POST').message).toBe('The curl command has no URL.');
    expect(refusal("curl 'https://e.com").message).toBe('A single quote is never closed.');
    expect(refusal('curl https://e.com -H').message).toBe("curl's -H needs a value.");
  });
});

describe('what the doctor refuses, in the words the user reads', () => {
  it.each([
    ['a request line with text before it', 'Please check: POST /h HTTP/1.1\nHost: e.com\n\n{}'],
    ['a request line with text after it', 'POST /h HTTP/1.1 (from the logs)\nHost: e.com\n\n{}'],
    ['a curl command piped into', 'echo {} | curl https://e.com -d @-'],
  ])('%s is neither a request nor a curl command', (_, text) => {
    expect(refusal(text)).toMatchObject({
      code: 'INVALID_INPUT',
      message:
        'Paste a raw HTTP request (starting with a line such as "POST /path HTTP/1.1") or a curl command.',
    });
  });

  it.each([
    ['a header name with a space', 'POST /h HTTP/1.1\nHost: e.com\nX Signature: abc\n\n{}', 3],
    ['a header name with a bracket', 'POST /h HTTP/1.1\nHost: e.com\nX-Sig[0]: abc\n\n{}', 3],
    ['a body without the blank line', 'POST /h HTTP/1.1\r\nHost: e.com\r\n{"a":1}', 3],
    ['a line without a colon', 'POST /h HTTP/1.1\nHost: e.com\nContent-Type: text/plain\nhello', 4],
  ])('a raw request with %s names the line', (_, text, line) => {
    expect(refusal(text).message).toBe(
      `Line ${line} is not a header ("Name: value"); a blank line must separate the body.`,
    );
  });

  it.each([
    [
      '-d @payload.json',
      "curl's -d @payload.json reads the body from a file: paste the body itself (or use --data-raw).",
    ],
    [
      '--data-binary @body.bin',
      "curl's --data-binary @body.bin reads the body from a file: paste the body itself (or use --data-raw).",
    ],
    [
      '--json @event.json',
      "curl's --json @event.json reads the body from a file: paste the body itself (or use --data-raw).",
    ],
    ['-d "$BODY"', 'The command uses shell substitutions ($, `): paste it with the values filled in.'],
    [
      '-d "`cat body.json`"',
      'The command uses shell substitutions ($, `): paste it with the values filled in.',
    ],
    // Unquoted too: the shell replaces them before curl sees the body.
    ['-d $BODY', 'The command uses shell substitutions ($, `): paste it with the values filled in.'],
    ['-d price=US$5', 'The command uses shell substitutions ($, `): paste it with the values filled in.'],
    [
      '-d `cat body.json`',
      'The command uses shell substitutions ($, `): paste it with the values filled in.',
    ],
    ['-d "{\\"a\\":1}', 'A double quote is never closed.'],
    ['-d $\'{"a":1}', "A $'…' quote is never closed."],
    ['-d \'{"a":1}', 'A single quote is never closed.'],
    [
      '--upload-file body.json',
      "The curl option --upload-file isn't supported here; remove it or paste the raw request.",
    ],
    ['-sz', "The curl option -sz isn't supported here; remove it or paste the raw request."],
    ['--sS', "The curl option --sS isn't supported here; remove it or paste the raw request."],
    ['-H NoColon', '"NoColon" is not a header ("Name: value").'],
    ['-H "X Sig: abc"', '"X Sig: abc" is not a header ("Name: value").'],
    ['-H ": abc"', '": abc" is not a header ("Name: value").'],
    ['-H X-A\\;x', '"X-A;x" is not a header ("Name: value").'],
    ['-H "Bad Name;"', '"Bad Name;" is not a header ("Name: value").'],
    ['--max-time', "curl's --max-time needs a value."],
    ['-A', "curl's -A needs a value."],
  ])('curl https://e.com %s is refused', (options, message) => {
    expect(refusal(`curl https://e.com ${options}`)).toMatchObject({ code: 'INVALID_INPUT', message });
  });
});

describe('curl options, one by one', () => {
  it.each([
    '-s',
    '--silent',
    '-S',
    '--show-error',
    '-g',
    '--globoff',
    '-i',
    '--include',
    '-v',
    '--verbose',
    '-L',
    '--location',
    '-k',
    '--insecure',
    '-f',
    '--fail',
    '--compressed',
    '-N',
    '--no-buffer',
    '-sSLk',
  ])('%s changes nothing the doctor reads', (flag) => {
    expect(parsePastedRequest(`curl ${flag} https://e.com/h`)).toEqual({
      method: 'GET',
      target: 'https://e.com/h',
      headers: {},
      body: Buffer.alloc(0),
    });
  });

  it.each([
    ['-o', 'out.json'],
    ['--output', 'out.json'],
    ['-m', '10'],
    ['--max-time', '10'],
    ['--connect-timeout', '5'],
    ['-w', '%{http_code}'],
    ['--write-out', '%{http_code}'],
    ['--retry', '3'],
  ])('%s %s is skipped with its value, not taken for the URL', (option, value) => {
    expect(parsePastedRequest(`curl ${option} ${value} https://e.com/h`)).toEqual({
      method: 'GET',
      target: 'https://e.com/h',
      headers: {},
      body: Buffer.alloc(0),
    });
  });

  it.each(['-d', '--data', '--data-raw', '--data-binary', '--data-ascii'])(
    '%s sends the body by POST',
    (option) => {
      expect(parsePastedRequest(`curl https://e.com/h ${option} '{"a":1}'`)).toEqual({
        method: 'POST',
        target: 'https://e.com/h',
        headers: {},
        body: Buffer.from('{"a":1}'),
      });
    },
  );

  it.each([
    ['-A', 'User-Agent', 'GitHub-Hookshot/abc'],
    ['--user-agent', 'User-Agent', 'GitHub-Hookshot/abc'],
    ['-e', 'Referer', 'https://github.com'],
    ['--referer', 'Referer', 'https://github.com'],
    ['-b', 'Cookie', 'session=1'],
    ['--cookie', 'Cookie', 'session=1'],
  ])('%s sets the %s header', (option, name, value) => {
    expect(parsePastedRequest(`curl ${option} '${value}' https://e.com/h`).headers).toEqual({
      [name]: value,
    });
  });

  it.each([
    ['-XPUT', { method: 'PUT' }],
    ['-dx=1', { method: 'POST', body: Buffer.from('x=1') }],
    ['-AGitHub-Hookshot/abc', { headers: { 'User-Agent': 'GitHub-Hookshot/abc' } }],
    ['-ehttps://github.com', { headers: { Referer: 'https://github.com' } }],
    ['-bsession=1', { headers: { Cookie: 'session=1' } }],
    ['-o/dev/null', { method: 'GET', headers: {} }],
    ['-m10', { method: 'GET', headers: {} }],
    ["-w'%{http_code}'", { method: 'GET', headers: {} }],
  ])('a value glued on a short option: %s', (option, parsed) => {
    expect(parsePastedRequest(`curl ${option} https://e.com/h`)).toMatchObject({
      target: 'https://e.com/h',
      ...parsed,
    });
  });

  it('--url names the URL, -X the method; without either a body means POST, and no body GET', () => {
    expect(parsePastedRequest('curl --url https://e.com/h -d a=1')).toMatchObject({
      method: 'POST',
      target: 'https://e.com/h',
    });
    expect(parsePastedRequest('curl -X PATCH https://e.com/h -d a=1').method).toBe('PATCH');
    expect(parsePastedRequest('curl https://e.com/h').method).toBe('GET');
  });

  it('--data-raw sends a body that starts with @ as it is', () => {
    expect(parsePastedRequest("curl https://e.com/h --data-raw '@mention'").body.toString()).toBe('@mention');
  });
});

describe('curl -H, in its forms', () => {
  it.each([
    ['"X-Empty;"', { 'X-Empty': '' }],
    ['"X-Note: ends;"', { 'X-Note': 'ends;' }],
    ['"Accept:"', {}],
    ['"X-Sig : abc "', { 'X-Sig': 'abc' }],
    ['"Stripe-Signature: t=1,v1=a" -H "stripe-signature: v1=b"', { 'Stripe-Signature': 't=1,v1=a, v1=b' }],
  ])('-H %s', (header, headers) => {
    expect(parsePastedRequest(`curl https://e.com/h -H ${header}`).headers).toEqual(headers);
  });
});

describe('shell quoting, as pasted', () => {
  it.each([
    ['a line continuation before the URL', 'curl \\\n  https://e.com/h', 'https://e.com/h'],
    ['a CRLF line continuation before the URL', 'curl \\\r\n  https://e.com/h', 'https://e.com/h'],
    ['a line continuation inside a word', 'curl https://e.com/ho\\\noks', 'https://e.com/hooks'],
    ['a CRLF line continuation inside a word', 'curl https://e.com/ho\\\r\noks', 'https://e.com/hooks'],
    ['a trailing newline', 'curl https://e.com/h\n', 'https://e.com/h'],
    ['a trailing backslash (a cut-off continuation)', 'curl https://e.com/h\\', 'https://e.com/h'],
    ['an escaped space', 'curl https://e.com/a\\ b', 'https://e.com/a b'],
    ['quotes glued to a word', "curl https://e.com/'a b'", 'https://e.com/a b'],
  ])('%s', (_, command, target) => {
    expect(parsePastedRequest(command).target).toBe(target);
  });

  it.each([
    ['"\\$5 \\`x\\` \\"q\\" \\\\"', '$5 `x` "q" \\'],
    ['"line\\nbreak\\t"', 'line\\nbreak\\t'],
    ['"a\\\nb"', 'ab'],
    ["$'a\\tb\\\\c\\\"d\\0e\\'f\\rg\\nh'", 'a\tb\\c"d\0e\'f\rg\nh'],
    ["$'\\q\\u00e9\\u20ac'", '\\qé€'],
    ["'$HOME `x` \\n'", '$HOME `x` \\n'],
    ["x'y'\"z\"$'w'", 'xyzw'],
  ])('-d %s', (quoted, body) => {
    expect(parsePastedRequest(`curl https://e.com/h -d ${quoted}`).body.toString()).toBe(body);
  });
});

describe('pasted, then diagnosed', () => {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const receivedAt = new Date('2026-11-28T12:00:00.000Z');
  const candidates = [{ label: 'the pasted secret', secret }];

  it("a delivery copied with the app's Copy as curl, or pasted as a raw request, is Valid", () => {
    for (const scheme of SIGNATURE_SCHEMES) {
      const headers = {
        'Content-Type': 'application/json',
        ...signatureHeaders({
          scheme,
          secrets: [secret],
          body: BODY,
          messageId: 'msg_1',
          timestamp: unixSeconds(receivedAt),
        }),
      };
      const curl = parsePastedRequest(
        curlCommand({ method: 'POST', url: 'https://e.com/h', headers, body: BODY }),
      );
      expect(diagnose({ ...curl, candidates, receivedAt }).verdict.valid).toBe(true);
      const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
      const raw = parsePastedRequest(['POST /h HTTP/1.1', 'Host: e.com', ...lines, '', BODY].join('\r\n'));
      expect(diagnose({ ...raw, candidates, receivedAt }).verdict).toEqual({
        valid: true,
        summary: 'Valid — signed with the pasted secret',
      });
    }
  });
});

describe('the signature header of a pasted request', () => {
  const read = (scheme: SignatureScheme, headers: Record<string, string>) =>
    readSignatureHeader(scheme, new Headers(headers));

  it.each([
    [{ 'webhook-id': 'msg_1' }, 'standard-webhooks', 'webhook-id'],
    [{ 'Webhook-Timestamp': '1700000000' }, 'standard-webhooks', 'webhook-timestamp'],
    [{ 'x-hub-signature': 'sha1=abc' }, 'github', 'X-Hub-Signature'],
    [{ 'X-GitHub-Event': 'push' }, 'github', 'X-GitHub-Event'],
  ])('%j gives the scheme away', (headers, scheme, header) => {
    expect(detectScheme(new Headers(headers), undefined)).toEqual({
      scheme,
      detection: { how: 'header', header },
    });
  });

  it('no header of any scheme leaves the scheme unknown', () => {
    expect(detectScheme(new Headers({ Host: 'e.com' }), undefined)).toEqual({
      scheme: null,
      detection: { how: 'none' },
    });
  });

  it('a missing header is named, with the scheme that reads it', () => {
    expect(read('mindee', { Host: 'e.com' })).toEqual({
      stop: {
        summary: 'there is no X-Mindee-Hmac-Signature header',
        finding: {
          rule: 'header-missing',
          title: 'No X-Mindee-Hmac-Signature header',
          detail:
            'Mindee requests carry X-Mindee-Hmac-Signature; this request has no header of that name (looked up in any case), and none that looks like a renamed signature header.',
          fix: 'Check that the sender signs its requests, and that no proxy between it and the receiver drops X-Mindee-Hmac-Signature.',
        },
      },
    });
    expect(read('standard-webhooks', { 'webhook-signature': 'v1,abc', 'webhook-timestamp': '1' })).toEqual({
      stop: {
        summary: 'there is no webhook-id header',
        finding: {
          rule: 'header-missing',
          title: 'No webhook-id header',
          detail:
            'Standard Webhooks requests carry webhook-id; this request has no header of that name (looked up in any case), and none that looks like a renamed signature header.',
          fix: 'Check that the sender signs its requests, and that no proxy between it and the receiver drops webhook-id.',
        },
      },
    });
  });

  it('a renamed header is read where it is, and named as renamed', () => {
    expect(read('mindee', { 'X-Webhook-HMAC': ' 0a1b2c ' })).toEqual({
      parts: { tokens: ['0a1b2c'], signedPrefix: '' },
      problem: {
        summary: 'the signature is in X-Webhook-HMAC, not X-Mindee-Hmac-Signature',
        finding: {
          rule: 'header-renamed',
          title: 'Signature header renamed: X-Webhook-HMAC instead of X-Mindee-Hmac-Signature',
          detail:
            'There is no X-Mindee-Hmac-Signature header, which Mindee receivers read; X-Webhook-HMAC looks like it holds the signature (the doctor checked it there).',
          fix: "Send the signature in X-Mindee-Hmac-Signature (the name's case doesn't matter, its spelling does), or make the receiver read X-Webhook-HMAC. A proxy that renames headers needs the same change.",
        },
      },
    });
  });

  it.each([
    ['mindee', 'X-Mindee-Hmac-Signature', 't=1700000000, v1=0a1b'],
    ['standard-webhooks', 'webhook-signature', 't=1700000000,v0=ff,v1=0a1b'],
    ['github', 'X-Hub-Signature-256', 't=1700000000,v1=0a1b'],
  ] as const)('%s: a whole Stripe-Signature value in %s is named', (scheme, header, value) => {
    expect(read(scheme, { [header]: value, 'webhook-id': 'msg_1', 'webhook-timestamp': '1' })).toEqual({
      stop: {
        summary: `${header} holds a whole Stripe-Signature value`,
        finding: {
          rule: 'stripe-whole-header',
          title: 'The whole Stripe-Signature value used as the signature',
          detail: `${header} holds "t=…,v1=…": a complete Stripe-Signature value where a bare signature belongs.`,
          fix: 'Parse the Stripe-Signature header instead of comparing it whole: take t= and each v1=, sign "<t>.<body>" and compare to each v1 in constant time (stripe.webhooks.constructEvent does all of this).',
        },
      },
    });
  });

  it("splits each scheme's header the way its receivers do", () => {
    expect(
      read('standard-webhooks', {
        'webhook-id': 'msg_1',
        'webhook-timestamp': '1700000000',
        'webhook-signature': 'v1,abc=  v1,def=',
      }),
    ).toEqual({
      parts: { tokens: ['v1,abc=', 'v1,def='], timestamp: '1700000000', signedPrefix: 'msg_1.1700000000.' },
    });
    expect(read('stripe', { 'Stripe-Signature': 't=1700000000, v1=aa , v0=bb, v1=cc' })).toEqual({
      parts: { tokens: ['v1=aa', 'v1=cc'], timestamp: '1700000000', signedPrefix: '1700000000.' },
    });
    expect(read('github', { 'x-hub-signature-256': ' sha256=aa ' })).toEqual({
      parts: { tokens: ['sha256=aa'], signedPrefix: '' },
    });
  });

  it.each([
    ['v1=aa,v1=bb', 't=<timestamp>'],
    ['t=1700000000,v0=bb', 'v1=<signature>'],
    ['t=1700000000', 'v1=<signature>'],
  ])('Stripe-Signature: %s has no %s', (value, missing) => {
    expect(read('stripe', { 'Stripe-Signature': value })).toEqual({
      stop: {
        summary: `the Stripe-Signature header has no ${missing}`,
        finding: {
          rule: 'stripe-header-unparsable',
          title: "Stripe-Signature doesn't parse",
          detail: `The header must read t=<timestamp>,v1=<signature>[,v1=<signature>…]; this one has no ${missing}, so no receiver can check it.`,
          fix: 'Send the whole header as Stripe builds it: t=<Unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">.',
        },
      },
    });
  });

  it('GitHub without X-Hub-Signature-256: no secret, or only the SHA-1 header left', () => {
    const finding = {
      rule: 'github-no-signature',
      title: 'No X-Hub-Signature-256 header: no secret configured on the sender?',
      fix: "Set the secret in the webhook's settings on GitHub (Settings → Webhooks → Secret), the same value the receiver verifies with.",
    };
    const summary = 'there is no X-Hub-Signature-256 header (no secret configured on the sender?)';
    expect(read('github', { 'X-GitHub-Event': 'push', 'X-Signature': 'x' })).toEqual({
      stop: {
        summary,
        finding: {
          ...finding,
          detail:
            'GitHub signs a delivery only when the webhook has a secret; without one it sends no X-Hub-Signature-256.',
        },
      },
    });
    expect(read('github', { 'X-Hub-Signature': 'sha1=aa' })).toEqual({
      stop: {
        summary,
        finding: {
          ...finding,
          detail:
            'Only the older X-Hub-Signature (SHA-1) is present; GitHub sends X-Hub-Signature-256 alongside it whenever the webhook has a secret, so something dropped it.',
        },
      },
    });
  });

  it('no signature header of any scheme, with or without a lookalike', () => {
    const names = 'X-Mindee-Hmac-Signature, webhook-signature, Stripe-Signature, X-Hub-Signature-256';
    expect(noSignatureHeader(new Headers({ Host: 'e.com' }))).toEqual({
      summary: 'there is no signature header',
      finding: {
        rule: 'header-missing',
        title: 'No signature header',
        detail: `None of the supported schemes' headers (${names}) is here, in any case.`,
        fix: 'Check that the sender signs its requests and that no proxy drops the signature header.',
      },
    });
    expect(noSignatureHeader(new Headers({ Host: 'e.com', 'X-Payload-Signature': 'abc' }))).toEqual({
      summary: 'there is no signature header',
      finding: {
        rule: 'header-missing',
        title: 'No signature header',
        detail: `None of the supported schemes' headers (${names}) is here, in any case. X-Payload-Signature looks like a signature header of another name.`,
        fix: 'Choose the scheme the sender signs with, and the doctor checks X-Payload-Signature as its signature.',
      },
    });
  });

  it.each([
    ['mindee', ['header-missing', 'header-renamed', 'stripe-whole-header']],
    ['standard-webhooks', ['header-missing', 'header-renamed', 'stripe-whole-header']],
    ['stripe', ['header-missing', 'header-renamed', 'stripe-header-unparsable']],
    ['github', ['github-no-signature', 'stripe-whole-header']],
  ] as const)('the header rules tried for %s', (scheme, rules) => {
    expect(headerRulesFor(scheme)).toEqual(rules);
  });
});

describe('base64 and JSON forms the doctor tries', () => {
  it.each([
    ['', false],
    ['abc', false],
    ['abcde', false],
    ['YWJj', true],
    ['YQ==', true],
    ['YWI=', true],
    ['YQ=', false],
    ['YW-j', false],
  ])('isStrictBase64(%j) is %s', (text, strict) => {
    expect(isStrictBase64(text)).toBe(strict);
  });

  it("writes Python's json.dumps spacing outside strings only, and escapes beyond ASCII", () => {
    expect(pythonDumps('{"a,b":"x:y, \\"z\\"","n":[1,2],"é":"€"}')).toBe(
      '{"a,b": "x:y, \\"z\\"", "n": [1, 2], "\\u00e9": "\\u20ac"}',
    );
  });

  it('sorts keys at every depth, inside arrays too, and keeps nulls and scalars', () => {
    const sorted = sortedKeys({ b: [{ d: 1, c: null }, 'x'], a: { f: true, e: 2 } });
    expect(JSON.stringify(sorted)).toBe('{"a":{"e":2,"f":true},"b":[{"c":null,"d":1},"x"]}');
    expect(Array.isArray((sorted as { b: unknown }).b)).toBe(true);
  });
});

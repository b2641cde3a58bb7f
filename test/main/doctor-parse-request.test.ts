/** Reading what a user pastes into the doctor: a raw HTTP request or a curl command; then diagnosing it. */
import { describe, expect, it } from 'vitest';
import { curlCommand } from '../../src/main/deliveries/curl';
import { signatureHeaders, unixSeconds } from '../../src/main/deliveries/signing';
import { diagnose } from '../../src/main/doctor/doctor';
import { parsePastedRequest } from '../../src/main/doctor/parse-request';
import type { DeliveryRequest } from '../../src/shared/delivery';
import { SIGNATURE_SCHEMES } from '../../src/shared/domain';
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
    expect(parsePastedRequest('GET / HTTP/1.1\nHost: h\n').body).toEqual(Buffer.alloc(0));
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
    ['price=US$5', 'price=US$5'],
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

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

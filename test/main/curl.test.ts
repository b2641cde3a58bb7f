/**
 * The exact curl command for a recorded request. (Running such commands against a receiver is tested with the
 * delivery log; curl accepts stray words as more URLs, so only the exact text shows every flag is there.)
 */
import { describe, expect, it } from 'vitest';
import { curlCommand, shellQuote } from '../../src/main/deliveries/curl';

describe('copy as curl', () => {
  it('is one quiet request with the method, URL, headers and body exactly, and none of curl’s own', () => {
    expect(
      curlCommand({
        method: 'POST',
        url: 'https://api.example.com/hooks?a=1&b=2',
        headers: { 'content-type': 'application/json', 'X-Signature': 'v1,abc' },
        body: '{"id":1}',
      }),
    ).toBe(
      "curl --silent --show-error --globoff --request POST 'https://api.example.com/hooks?a=1&b=2' " +
        "--header 'content-type: application/json' --header 'X-Signature: v1,abc' " +
        "--header 'Accept:' --header 'Expect:' --data-raw '{\"id\":1}'",
    );
  });

  it('leaves out Host and Content-Length in any case: curl computes them from the URL and the body', () => {
    expect(
      curlCommand({
        method: 'PUT',
        url: 'http://localhost:8080/in',
        headers: {
          Host: 'localhost:8080',
          'CONTENT-LENGTH': '2',
          'content-length': '2',
          host: 'x',
          'X-A': 'b',
        },
        body: '{}',
      }),
    ).toBe(
      "curl --silent --show-error --globoff --request PUT 'http://localhost:8080/in' --header 'X-A: b' " +
        "--header 'Accept:' --header 'Expect:' --data-raw '{}'",
    );
  });

  it('quotes every word for the shell, a single quote included', () => {
    expect(shellQuote("it's $HOME `x` \\n")).toBe("'it'\\''s $HOME `x` \\n'");
    expect(shellQuote('')).toBe("''");
  });
});

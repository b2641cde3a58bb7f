import { describe, expect, it } from 'vitest';
import { checkEndpointUrl, isInsecureUrl } from '../../src/shared/url-rule';

describe('checkEndpointUrl', () => {
  it.each([
    ['https://api.example.com/hooks', false],
    ['https://api.example.com:8443/hooks?x=1#f', false],
    ['http://localhost:3000/webhook', true],
    ['http://example.com/', true],
    ['http://[::1]:8080/', true],
    ['https://xn--bcher-kva.example/', false],
  ])('accepts %s (insecure: %s)', (url, insecure) => {
    expect(checkEndpointUrl(url)).toEqual({ ok: true, url, insecure });
    expect(isInsecureUrl(url)).toBe(insecure);
  });

  it.each([
    ['', /Enter/],
    ['api.example.com/hooks', /absolute URL/],
    ['/hooks', /absolute URL/],
    ['ftp://example.com/', /https/],
    ['javascript:alert(1)', /https/],
    ['file:///etc/passwd', /https|host/],
    ['https://user:pass@example.com/', /user name or password/],
    ['https://user@example.com/', /user name or password/],
    ['https://:pass@example.com/', /user name or password/],
    ['http:///', /absolute URL/],
    ['https://example.com/a b', /spaces/],
    [' https://example.com/', /spaces/],
    ['https://example.com/\n', /spaces/],
    [`https://example.com/${'x'.repeat(2030)}`, /2048/],
  ])('refuses %j with a human reason', (url, reason) => {
    const result = checkEndpointUrl(url);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(reason);
  });

  it.each([
    ['HTTP://EXAMPLE.COM/', 'http://example.com/'],
    ['http:127.0.0.1:8080/in', 'http://127.0.0.1:8080/in'],
    ['https://example.com\\hooks\\in', 'https://example.com/hooks/in'],
    ['https://example.com', 'https://example.com/'],
    ['https://example.com/h[1-3]/{a,b}', 'https://example.com/h[1-3]/%7Ba,b%7D'],
    ['https://bücher.example/x', 'https://xn--bcher-kva.example/x'],
  ])('keeps %j as parsed: %j (what is stored is what is sent)', (input, url) => {
    expect(checkEndpointUrl(input)).toMatchObject({ ok: true, url });
  });

  it.each(['https://example.com/?next=http://inner.example/', 'https://example.com/http:'])(
    'an https URL that merely contains "http:" (%s) is not insecure',
    (url) => {
      expect(checkEndpointUrl(url)).toEqual({ ok: true, url, insecure: false });
      expect(isInsecureUrl(url)).toBe(false);
    },
  );

  it('accepts exactly 2048 characters', () => {
    const url = `https://example.com/${'x'.repeat(2048 - 20)}`;
    expect(url).toHaveLength(2048);
    expect(checkEndpointUrl(url).ok).toBe(true);
  });
});

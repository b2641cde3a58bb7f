/**
 * "Check endpoint" against servers the tests start on 127.0.0.1 (and names that resolve locally): each
 * problem a provider would meet gets its named finding. Real sockets, real TLS (a private CA the test trusts),
 * the real keychain for the signed delivery; a slow answer is timed on a faked clock, not waited for.
 */
import { once } from 'node:events';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CheckId, CheckResult, EndpointCheck } from '../../src/shared/preflight';
import { createHttpClient } from '../../src/main/deliveries/http-client';
import { createNetworkProbes } from '../../src/main/preflight/network-probes';
import { startWithWebhook } from '../support/fixtures';
import { selfSignedCert, testCertificateAuthority } from '../support/tls-cert';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;
const servers: (http.Server | https.Server)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(handler: Handler, tls?: https.ServerOptions): Promise<number> {
  const server = tls ? https.createServer(tls, handler) : http.createServer(handler);
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

const answer =
  (status: number, headers: Record<string, string> = {}): Handler =>
  (request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(status, headers).end());
  };

const ca = testCertificateAuthority();

/** A core whose one webhook points at `url`, trusting the test CA like a public one. */
async function checkWebhook(url: string, scheme?: 'stripe') {
  const { h, hook } = await startWithWebhook({
    http: createHttpClient({ extraCa: [ca.root] }),
    probes: createNetworkProbes({ extraCa: [ca.root] }),
  });
  await h.ok('webhooks.updateUrl', { id: hook.id, url });
  if (scheme) await h.ok('webhooks.setScheme', { id: hook.id, scheme });
  return { h, hook, check: await h.ok('preflight.checkWebhook', { id: hook.id }) };
}

const outcomes = (check: EndpointCheck) => Object.fromEntries(check.checks.map((c) => [c.id, c.outcome]));
const find = (check: EndpointCheck, id: CheckId) => check.checks.find((c) => c.id === id) as CheckResult;

describe('Check endpoint', () => {
  it('plain http on loopback: warns about both, connects, accepts the signed delivery; kept until the URL changes', async () => {
    const port = await serve(answer(204));
    const { h, hook, check } = await checkWebhook(`http://127.0.0.1:${port}/hooks`, 'stripe');
    expect(outcomes(check)).toEqual({
      url: 'warn',
      dns: 'skip',
      tcp: 'pass',
      tls: 'skip',
      redirects: 'pass',
      response: 'pass',
    });
    expect(find(check, 'url').reason).toMatch(/plain http.*can only be reached from this machine/);
    expect(find(check, 'url').fix).toMatch(/Stripe requires HTTPS.*use a tunnel.*GitHub refuses/);
    expect(find(check, 'response').details).toContain('204 No Content');

    // The signed delivery is in the log, marked as the check's.
    const [record] = await h.ok('deliveries.list', { webhookId: hook.id });
    expect(record).toMatchObject({ id: check.deliveryId, purpose: 'endpoint-check', outcome: 'success' });
    expect(record?.firstByteMs).toBeGreaterThan(0);

    const [kept] = await h.ok('webhooks.list', { apiId: hook.apiId });
    expect(kept?.endpointCheck).toEqual(check);
    const moved = await h.ok('webhooks.updateUrl', { id: hook.id, url: `http://127.0.0.1:${port}/other` });
    expect(moved.endpointCheck).toBeUndefined();
  });

  it('https with a valid chain via a local name: resolves, verifies, shows the expiry', async () => {
    const leaf = ca.leaf({ issuer: 'intermediate' });
    const port = await serve(answer(200), { key: leaf.key, cert: leaf.cert + ca.intermediate });
    const { check } = await checkWebhook(`https://localhost:${port}/hooks`);
    expect(outcomes(check)).toMatchObject({ dns: 'pass', tcp: 'pass', tls: 'warn', response: 'pass' });
    // The test CA's certificates live two days: under the 14-day warning.
    expect(find(check, 'tls').reason).toMatch(/expires in [01] days?/);
    expect(find(check, 'tls').details.join(' ')).toMatch(/Protocol TLSv1\.[23].*Valid until 20/);
    expect(find(check, 'dns').details.some((d) => /^(A 127\.0\.0\.1|AAAA ::1)$/.test(d))).toBe(true);
  });

  it.each([
    ['self-signed', () => selfSignedCert(), /self-signed/],
    ['expired', () => ca.leaf({ issuer: 'root', expired: true }), /expired/],
    [
      'for another host',
      () => ca.leaf({ issuer: 'root', altNames: 'DNS:other.example' }),
      /another host name/,
    ],
    ['with its intermediate missing', () => ca.leaf({ issuer: 'intermediate' }), /intermediate certificate/],
  ])('a certificate %s: TLS fails with its name; nothing is sent', async (_name, make, reason) => {
    const { key, cert } = make();
    const received: string[] = [];
    const port = await serve(
      (request, response) => {
        received.push(request.url ?? '');
        answer(200)(request, response);
      },
      { key, cert },
    );
    const { check } = await checkWebhook(`https://127.0.0.1:${port}/hooks`);
    expect(outcomes(check)).toMatchObject({ tcp: 'pass', tls: 'fail', redirects: 'skip', response: 'skip' });
    expect(find(check, 'tls').reason).toMatch(reason);
    expect(check.deliveryId).toBeNull();
    expect(received).toEqual([]);
  });

  it('a server that speaks only TLS 1.1 (where the platform allows it) fails', async () => {
    const leaf = ca.leaf({ issuer: 'root' });
    const port = await serve(answer(200), {
      key: leaf.key,
      cert: leaf.cert,
      minVersion: 'TLSv1',
      maxVersion: 'TLSv1.1',
      ciphers: 'DEFAULT:@SECLEVEL=0',
    });
    const { check } = await checkWebhook(`https://127.0.0.1:${port}/hooks`);
    expect(find(check, 'tls')).toMatchObject({ outcome: 'fail' });
    expect(find(check, 'tls').reason).toMatch(/negotiated TLSv1\.1; providers require TLS 1\.2|below 1\.2/);
  });

  it('a 301 from http to https fails with the URL to use instead', async () => {
    const port = await serve(answer(301, { location: 'https://localhost/hooks' }));
    const { check } = await checkWebhook(`http://127.0.0.1:${port}/hooks`);
    expect(find(check, 'redirects')).toMatchObject({ outcome: 'fail' });
    expect(find(check, 'redirects').fix).toBe(
      'Providers never follow redirects: update the URL to https://localhost/hooks.',
    );
  });

  it('a trailing-slash 308: the POST fails, and the probe of the other form says it redirects here', async () => {
    const port = await serve((request, response) =>
      request.url === '/hooks'
        ? answer(308, { location: '/hooks/' })(request, response)
        : answer(200)(request, response),
    );
    const { check } = await checkWebhook(`http://127.0.0.1:${port}/hooks`);
    expect(find(check, 'redirects').reason).toBe(
      `The endpoint answers 308 to http://127.0.0.1:${port}/hooks/.`,
    );

    const { check: fixed } = await checkWebhook(`http://127.0.0.1:${port}/hooks/`);
    expect(find(fixed, 'redirects')).toMatchObject({ outcome: 'pass' });
    expect(find(fixed, 'redirects').details).toEqual([
      `http://127.0.0.1:${port}/hooks redirects (308) to /hooks/ (this URL: fine)`,
    ]);
  });

  it.each([
    [410, 'fail', /Standard Webhooks sender will disable/],
    [429, 'warn', /throttle/],
    [500, 'fail', /failed delivery/],
  ])('answering %i: %s', async (status, outcome, words) => {
    const port = await serve(answer(status));
    const { check } = await checkWebhook(`http://127.0.0.1:${port}/hooks`);
    const response = find(check, 'response');
    expect(response.outcome).toBe(outcome);
    expect(`${response.reason} ${response.fix}`).toMatch(words);
  });

  it('a slow answer (3 s to the first byte) warns with the providers whose limit it nears', async () => {
    let arrived: () => void = () => undefined;
    const came = new Promise<void>((resolve) => (arrived = resolve));
    const port = await serve((request, response) => {
      if (request.method !== 'POST') return answer(200)(request, response);
      arrived();
      setTimeout(() => answer(200)(request, response), 3000);
    });
    const { h, hook } = await startWithWebhook();
    await h.ok('webhooks.updateUrl', { id: hook.id, url: `http://127.0.0.1:${port}/hooks` });
    // From here the 3 s pass on a fake clock: the server's timer and the time the delivery measures.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const running = h.ok('preflight.checkWebhook', { id: hook.id });
    await came;
    await vi.advanceTimersByTimeAsync(3000);
    const response = find(await running, 'response');
    expect(response).toMatchObject({ outcome: 'warn' });
    expect(response.details).toContain('First byte after 3000 ms');
    expect(response.fix).toBe('Answer first, then do the work (Shopify gives up after 5 s).');
  });

  it('a name under .invalid: DNS fails (NXDOMAIN) and nothing else runs', async () => {
    const { h } = await startWithWebhook();
    const check = await h.ok('preflight.checkUrl', { url: 'https://hookwarden-test.invalid/hooks' });
    expect(outcomes(check)).toEqual({
      url: 'pass',
      dns: 'fail',
      tcp: 'skip',
      tls: 'skip',
      redirects: 'skip',
      response: 'skip',
    });
    expect(find(check, 'dns').reason).toMatch(/does not exist \(NXDOMAIN\)/);
  });

  it('nothing listening: TCP fails with "connection refused"', async () => {
    const port = await serve(answer(200));
    await new Promise((resolve) => servers.pop()?.close(resolve));
    const { check } = await checkWebhook(`http://127.0.0.1:${port}/hooks`);
    expect(find(check, 'tcp')).toMatchObject({ outcome: 'fail' });
    expect(find(check, 'tcp').reason).toMatch(/connection refused/);
  });

  it('the create form checks a URL without sending anything with a body', async () => {
    const methods: string[] = [];
    const port = await serve((request, response) => {
      methods.push(request.method ?? '');
      answer(200)(request, response);
    });
    const { h } = await startWithWebhook();
    const check = await h.ok('preflight.checkUrl', { url: `http://127.0.0.1:${port}/hooks` });
    expect(outcomes(check)).toMatchObject({ tcp: 'pass', redirects: 'pass', response: 'skip' });
    expect(new Set(methods)).toEqual(new Set(['HEAD']));
    expect(await h.invoke('preflight.checkUrl', { url: 'ftp://x' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_URL' },
    });
  });
});

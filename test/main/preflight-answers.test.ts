/**
 * "Check endpoint", its second half: what the redirects and response checks say about each answer a server
 * can give (the probes of the URL's other forms, every status range, the time to the first byte), the TCP
 * check's target and timing, the checks skipped after an earlier failure, the create form's run without a
 * signed delivery, and what is kept with the webhook. Real servers on 127.0.0.1 / ::1 answer exactly what
 * a case needs; a probe double stands in only where the network cannot (a default port, a connection's time).
 */
import { once } from 'node:events';
import http, { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import { Duplex } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CheckId, CheckResult, EndpointCheck } from '../../src/shared/preflight';
import type { Delivery } from '../../src/shared/delivery';
import type { EventName } from '../../src/shared/contract';
import type { ConfigData, ConfigStore } from '../../src/main/config/ports';
import { createHttpClient } from '../../src/main/deliveries/http-client';
import { createNetworkProbes } from '../../src/main/preflight/network-probes';
import type { EndpointProbes } from '../../src/main/preflight/ports';
import { createEndpointChecker } from '../../src/main/preflight/preflight';
import { manualClock } from '../support/clock';
import { oneWebhookConfig } from '../support/config-data';
import { startWithWebhook } from '../support/fixtures';
import { onMainEvent } from '../support/main-harness';
import { selfSignedCert, testCertificateAuthority } from '../support/tls-cert';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function closeServer(server: http.Server | https.Server) {
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
}

async function serve(handler: Handler, tls?: https.ServerOptions, host = '127.0.0.1'): Promise<number> {
  const server = tls ? https.createServer(tls, handler) : http.createServer(handler);
  closeServer(server);
  server.listen(0, host);
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

/** One port speaking https (a TLS ClientHello first) and plain http, as a server redirecting http to https. */
async function serveBoth(secureHandler: Handler, plainHandler: Handler, tls: https.ServerOptions) {
  const secure = https.createServer(tls, secureHandler);
  const plain = http.createServer(plainHandler);
  closeServer(secure);
  closeServer(plain);
  const sockets = new Set<net.Socket>();
  const front = net.createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.once('data', (chunk: Buffer) => {
      socket.pause();
      if (chunk[0] !== 0x16) {
        socket.unshift(chunk);
        plain.emit('connection', socket);
        socket.resume();
        return;
      }
      // TLS reads a net.Socket's handle directly, past anything unshifted: hand it a stream that replays.
      const replaying = new Duplex({
        read: () => void socket.resume(),
        write: (data: Buffer, _encoding, done) => void socket.write(data, done),
        final: (done) => void socket.end(done),
        destroy: (error, done) => {
          socket.destroy();
          done(error);
        },
      });
      replaying.push(chunk);
      socket.on('data', (data: Buffer) => void (replaying.push(data) || socket.pause()));
      socket.once('end', () => replaying.push(null));
      socket.once('close', () => replaying.destroy());
      secure.emit('connection', replaying);
    });
  });
  cleanups.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => front.close(resolve));
  });
  front.listen(0, '127.0.0.1');
  await once(front, 'listening');
  return (front.address() as AddressInfo).port;
}

/** Answers `status` (with `headers`, and the reason phrase given or Node's) once the request is read. */
const answer =
  (status: number, headers: Record<string, string> = {}, reasonPhrase?: string): Handler =>
  (request, response) => {
    request.resume();
    request.on('end', () =>
      (reasonPhrase === undefined
        ? response.writeHead(status, headers)
        : response.writeHead(status, reasonPhrase, headers)
      ).end(),
    );
  };

/** Routes by method and path ("POST /hooks", "HEAD /hooks/"); anything else is a 404. */
const routes =
  (table: Record<string, Handler>): Handler =>
  (request, response) =>
    (table[`${request.method} ${request.url}`] ?? answer(404))(request, response);

const ca = testCertificateAuthority();

/**
 * A core with one webhook, its clock a manual one (set to now), the real network probes trusting the test
 * CA except where `overrides` stand in, and every HEAD probe (URL, timeout) recorded; every event main emits
 * is recorded too.
 */
async function start(overrides: Partial<EndpointProbes> = {}) {
  const clock = manualClock(new Date().toISOString());
  const real = createNetworkProbes({ extraCa: [ca.root] });
  const heads: [string, number][] = [];
  const probes: EndpointProbes = {
    lookup: overrides.lookup ?? real.lookup,
    connect: overrides.connect ?? real.connect,
    tls: overrides.tls ?? real.tls,
    head: (url, timeoutMs) => {
      heads.push([url, timeoutMs]);
      return (overrides.head ?? real.head)(url, timeoutMs);
    },
  };
  const started = await startWithWebhook({ clock, probes, http: createHttpClient({ extraCa: [ca.root] }) });
  const events: [EventName, unknown][] = [];
  cleanups.push(onMainEvent((event, payload) => events.push([event, payload])));
  const { h, hook, api } = started;
  /** The webhook as the UI lists it. */
  const view = async (id: string) => {
    const found = (await h.ok('webhooks.list', { apiId: api.id })).find((w) => w.id === id);
    if (!found) throw new Error(`no webhook ${id}`);
    return found;
  };
  return {
    ...started,
    clock,
    heads,
    events,
    view,
    async checkWebhook(url: string) {
      if (url !== (await view(hook.id)).url) {
        await h.ok('webhooks.updateUrl', { id: hook.id, url });
      }
      heads.length = 0;
      events.length = 0;
      return h.ok('preflight.checkWebhook', { id: hook.id });
    },
  };
}

const find = (check: EndpointCheck, id: CheckId) => check.checks.find((c) => c.id === id) as CheckResult;
const firstByte = expect.stringMatching(/^First byte after \d+ ms$/);
const STRIPE = 'Stripe: no published time limit';

describe('Check endpoint: the redirects check', () => {
  it("probes the URL's other slash form (at most 1.5 s) and names a redirect elsewhere as it is", async () => {
    const port = await serve(
      routes({ 'POST /hooks': answer(204), 'HEAD /hooks/': answer(301, { location: '/elsewhere' }) }),
    );
    const base = `http://127.0.0.1:${port}`;
    const { heads, checkWebhook } = await start();
    const check = await checkWebhook(`${base}/hooks`);
    // An http URL has one other form: no https → http probe, no HEAD of the URL itself (the POST answered).
    expect(heads).toEqual([[`${base}/hooks/`, 1500]]);
    expect(find(check, 'tcp')).toEqual({
      id: 'tcp',
      outcome: 'pass',
      reason: `127.0.0.1:${port} accepts connections.`,
      details: [expect.stringMatching(new RegExp(`^Connected to 127\\.0\\.0\\.1:${port} in \\d+ ms$`))],
    });
    expect(find(check, 'redirects')).toEqual({
      id: 'redirects',
      outcome: 'pass',
      reason: 'The URL answers without redirecting.',
      details: [`${base}/hooks/ redirects (301) to /elsewhere`],
    });
    expect(find(check, 'response')).toEqual({
      id: 'response',
      outcome: 'pass',
      reason: 'The endpoint accepted the signed test delivery in time.',
      details: ['204 No Content', firstByte, STRIPE],
    });
  });

  it('a 300 from the form without the slash back to this URL is "fine"; the probes wait at most the delivery timeout', async () => {
    const port = await serve((request, response) =>
      routes({
        'POST /hooks/': answer(200),
        'HEAD /hooks': answer(300, { location: `http://127.0.0.1:${port}/hooks/` }),
      })(request, response),
    );
    const base = `http://127.0.0.1:${port}`;
    const { h, heads, checkWebhook } = await start();
    await h.ok('settings.update', { deliveryTimeoutSeconds: 1 });
    const check = await checkWebhook(`${base}/hooks/`);
    expect(heads).toEqual([[`${base}/hooks`, 1000]]);
    expect(find(check, 'redirects')).toEqual({
      id: 'redirects',
      outcome: 'pass',
      reason: 'The URL answers without redirecting.',
      details: [`${base}/hooks redirects (300) to ${base}/hooks/ (this URL: fine)`],
    });
  });

  it('the other form answering anything but a 3xx, or nothing at all, adds no detail', async () => {
    let other: number | 'none' = 200;
    const port = await serve((request, response) => {
      if (request.method === 'POST') return answer(200)(request, response);
      if (other === 'none') return request.socket.destroy();
      answer(other, { location: '/elsewhere' })(request, response);
    });
    const { checkWebhook } = await start();
    const seen: Record<string, CheckResult> = {};
    for (const status of [200, 299, 400, 404, 503, 'none'] as const) {
      other = status;
      seen[status] = find(await checkWebhook(`http://127.0.0.1:${port}/hooks`), 'redirects');
    }
    const pass = {
      id: 'redirects',
      outcome: 'pass',
      reason: 'The URL answers without redirecting.',
      details: [],
    };
    expect(seen).toEqual({ 200: pass, 299: pass, 400: pass, 404: pass, 503: pass, none: pass });
  });

  it('an https URL: its http form is probed too, and its redirect to this URL is "fine"', async () => {
    const leaf = ca.leaf({ issuer: 'root' });
    const port = await serveBoth(
      routes({ 'POST /hooks': answer(204) }),
      (request, response) => answer(308, { location: `https://127.0.0.1:${port}/hooks` })(request, response),
      { key: leaf.key, cert: leaf.cert },
    );
    const { heads, checkWebhook } = await start();
    const check = await checkWebhook(`https://127.0.0.1:${port}/hooks`);
    expect(find(check, 'tls').outcome).toBe('warn'); // the test CA's short-lived certificate
    expect(heads).toEqual([
      [`https://127.0.0.1:${port}/hooks/`, 1500],
      [`http://127.0.0.1:${port}/hooks`, 1500],
    ]);
    expect(find(check, 'redirects')).toEqual({
      id: 'redirects',
      outcome: 'pass',
      reason: 'The URL answers without redirecting.',
      details: [
        `http://127.0.0.1:${port}/hooks redirects (308) to https://127.0.0.1:${port}/hooks (this URL: fine)`,
      ],
    });
    expect(find(check, 'response')).toMatchObject({
      outcome: 'pass',
      details: ['204 No Content', firstByte, STRIPE],
    });
  });

  it('the delivery answered with a 3xx fails, with the URL to use or without one; a 400 is no redirect', async () => {
    let post: Handler = answer(200);
    const port = await serve((request, response) =>
      request.method === 'POST' ? post(request, response) : answer(404)(request, response),
    );
    const base = `http://127.0.0.1:${port}`;
    const { checkWebhook } = await start();
    const run = async (handler: Handler) => {
      post = handler;
      const check = await checkWebhook(`${base}/hooks`);
      return { redirects: find(check, 'redirects'), response: find(check, 'response') };
    };

    expect(await run(answer(300, { location: '/moved' }))).toEqual({
      redirects: {
        id: 'redirects',
        outcome: 'fail',
        reason: `The endpoint answers 300 to ${base}/moved.`,
        fix: `Providers never follow redirects: update the URL to ${base}/moved.`,
        details: [],
      },
      response: {
        id: 'response',
        outcome: 'fail',
        reason: 'The endpoint answers 300: providers count it as a failed delivery.',
        fix: 'Answer 2xx to a valid delivery.',
        details: ['300 Multiple Choices', firstByte, STRIPE],
      },
    });
    expect((await run(answer(302))).redirects).toEqual({
      id: 'redirects',
      outcome: 'fail',
      reason: 'The endpoint answers 302.',
      fix: 'Providers never follow redirects: point the webhook at the final URL.',
      details: [],
    });
    expect(await run(answer(400, { location: '/moved' }))).toEqual({
      redirects: {
        id: 'redirects',
        outcome: 'pass',
        reason: 'The URL answers without redirecting.',
        details: [],
      },
      response: {
        id: 'response',
        outcome: 'fail',
        reason: 'The endpoint answers 400: providers count it as a failed delivery.',
        fix: 'Answer 2xx to a valid delivery.',
        details: ['400 Bad Request', firstByte, STRIPE],
      },
    });
  });
});

describe('Check endpoint: the response check', () => {
  it('each status gets its outcome, reason and fix, with the status line and first byte as details', async () => {
    let status = 200;
    let reasonPhrase: string | undefined = undefined;
    const port = await serve((request, response) => answer(status, {}, reasonPhrase)(request, response));
    const { checkWebhook } = await start();
    const seen: Record<string, Omit<CheckResult, 'id' | 'details'>> = {};
    for (const next of [200, 299, 401, 403, 404, 410, 429, 500, 502, 503, 504]) {
      status = next;
      const { id, details, ...rest } = find(await checkWebhook(`http://127.0.0.1:${port}/hooks`), 'response');
      expect({ id, details }).toEqual({
        id: 'response',
        details: [`${next} ${STATUS_CODES[next] ?? 'unknown'}`, firstByte, STRIPE],
      });
      seen[next] = rest;
    }
    const accepted = { outcome: 'pass', reason: 'The endpoint accepted the signed test delivery in time.' };
    const failed = (code: number, fix = 'Answer 2xx to a valid delivery.') => ({
      outcome: 'fail',
      reason: `The endpoint answers ${code}: providers count it as a failed delivery.`,
      fix,
    });
    const secret = 'Check that the receiver has this webhook’s signing secret.';
    const throttled = (code: number) => ({
      outcome: 'warn',
      reason: `The endpoint answers ${code}: the sender will throttle and retry.`,
      fix: 'Answer 2xx once the delivery is accepted; queue slow work instead of doing it before answering.',
    });
    expect(seen).toEqual({
      200: accepted,
      299: accepted,
      401: failed(401, secret),
      403: failed(403, secret),
      404: failed(404),
      410: {
        outcome: 'fail',
        reason: 'The endpoint answers 410 Gone.',
        fix: 'A Standard Webhooks sender will disable this endpoint: answer 2xx to deliveries you accept.',
      },
      429: throttled(429),
      500: failed(500),
      502: throttled(502),
      503: failed(503),
      504: throttled(504),
    });

    // A status line without a reason phrase: the status alone, no trailing space.
    status = 200;
    reasonPhrase = '';
    const bare = find(await checkWebhook(`http://127.0.0.1:${port}/hooks`), 'response');
    expect(bare.details).toEqual(['200', firstByte, STRIPE]);
  });

  it.each([
    {
      ms: 2500,
      fix: 'Answer first, then do the work (Shopify gives up after 5 s).',
    },
    {
      ms: 7500,
      fix:
        'Answer first, then do the work (GitHub gives up after 10 s; ' +
        'Svix / Standard Webhooks gives up after 15 s; Shopify gives up after 5 s).',
    },
  ])(
    "the first byte at exactly $ms ms is half of a provider's limit or more: a warning naming each such provider",
    async ({ ms, fix }) => {
      let arrived: () => void = () => undefined;
      const came = new Promise<void>((resolve) => (arrived = resolve));
      const port = await serve((request, response) => {
        if (request.method !== 'POST') return answer(404)(request, response);
        arrived();
        setTimeout(() => answer(200)(request, response), ms);
      });
      const { h, hook } = await start();
      await h.ok('webhooks.updateUrl', { id: hook.id, url: `http://127.0.0.1:${port}/hooks` });
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
      const running = h.ok('preflight.checkWebhook', { id: hook.id });
      await came;
      await vi.advanceTimersByTimeAsync(ms);
      expect(find(await running, 'response')).toEqual({
        id: 'response',
        outcome: 'warn',
        reason: `The answer took ${ms / 1000} s, half a provider's limit or more.`,
        fix,
        details: ['200 OK', `First byte after ${ms} ms`, STRIPE],
      });
    },
  );

  it('the time judged is to the first byte, not to the end of a slow body', async () => {
    const port = await serve((request, response) => {
      request.resume();
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.flushHeaders();
        // The body ends 1.1 s after the status line (a real wait, on the server's side only).
        setTimeout(() => response.end('done'), 1100);
      });
    });
    const { h, hook, checkWebhook } = await start();
    const check = await checkWebhook(`http://127.0.0.1:${port}/hooks`);
    const [record] = await h.ok('deliveries.list', { webhookId: hook.id });
    expect(record?.durationMs).toBeGreaterThanOrEqual(1000);
    const response = find(check, 'response');
    expect(response.outcome).toBe('pass');
    const ms = Number(/^First byte after (\d+) ms$/.exec(response.details[1] ?? '')?.[1]);
    expect(ms).toBe(Math.round(record?.firstByteMs ?? -1));
    expect(ms).toBeLessThan(1000);
  });

  it('no answer at all: the delivery’s failure is the reason', async () => {
    const port = await serve((request) => request.socket.destroy());
    const { h, hook, checkWebhook } = await start();
    const check = await checkWebhook(`http://127.0.0.1:${port}/hooks`);
    const [record] = await h.ok('deliveries.list', { webhookId: hook.id });
    expect(record?.error?.message).toMatch(/\w/);
    expect(find(check, 'response')).toEqual({
      id: 'response',
      outcome: 'fail',
      reason: record?.error?.message,
      fix: 'The receiver must answer the delivery with a 2xx.',
      details: [],
    });
    expect(check.deliveryId).toBe(record?.id);
  });

  it('a delivery with neither a response nor an error: "No response."', async () => {
    const { config: data, webhookId } = oneWebhookConfig({
      url: 'http://127.0.0.1:9/hooks',
      scheme: 'github',
    });
    let current: ConfigData = data;
    const config: ConfigStore = {
      read: () => current,
      update: (change) => (current = change(current)),
    };
    const clock = manualClock();
    const probes: EndpointProbes = {
      lookup: () => Promise.reject(new Error('not asked')),
      connect: () => Promise.resolve(3),
      tls: () => Promise.reject(new Error('not asked')),
      head: () => Promise.resolve(null),
    };
    const delivery = { id: 'd1', response: null, error: null, durationMs: 5 } as unknown as Delivery;
    const checker = createEndpointChecker({
      config,
      probes,
      clock,
      sendCheckDelivery: () => Promise.resolve(delivery),
    });
    const check = await checker.checkWebhook({ id: webhookId });
    expect(find(check, 'response')).toEqual({
      id: 'response',
      outcome: 'fail',
      reason: 'No response.',
      fix: 'The receiver must answer the delivery with a 2xx.',
      details: [],
    });
    expect(check).toMatchObject({
      url: 'http://127.0.0.1:9/hooks',
      checkedAt: clock.iso(),
      deliveryId: 'd1',
    });
    expect(current.webhooks[0]?.endpointCheck).toEqual(check);
  });
});

describe('Check endpoint: TCP connect', () => {
  it('a connection over 1000 ms is slow; 1000 ms itself is not', async () => {
    let took = 0;
    const real = createNetworkProbes();
    const port = await serve(answer(200));
    const { h } = await start({
      connect: async (address, port, timeoutMs) => {
        await real.connect(address, port, timeoutMs);
        return took;
      },
    });
    const tcp = async (ms: number) => {
      took = ms;
      return find(await h.ok('preflight.checkUrl', { url: `http://127.0.0.1:${port}/hooks` }), 'tcp');
    };
    expect(await tcp(1000)).toEqual({
      id: 'tcp',
      outcome: 'pass',
      reason: `127.0.0.1:${port} accepts connections.`,
      details: [`Connected to 127.0.0.1:${port} in 1000 ms`],
    });
    expect(await tcp(1000.6)).toEqual({
      id: 'tcp',
      outcome: 'warn',
      reason: 'Connecting took 1001 ms.',
      fix: 'A slow connection eats into the provider’s time limit: check the network path.',
      details: [`Connected to 127.0.0.1:${port} in 1001 ms`],
    });
  });

  it('an IPv6 address is bracketed in the target', async () => {
    const port = await serve(answer(200), undefined, '::1');
    const { h } = await start();
    const check = await h.ok('preflight.checkUrl', { url: `http://[::1]:${port}/hooks` });
    expect(find(check, 'tcp')).toEqual({
      id: 'tcp',
      outcome: 'pass',
      reason: `[::1]:${port} accepts connections.`,
      details: [expect.stringMatching(new RegExp(`^Connected to \\[::1\\]:${port} in \\d+ ms$`))],
    });
  });

  it('a URL without a port connects to 80 for http and 443 for https', async () => {
    const connected: [string, number][] = [];
    const { h, clock } = await start({
      lookup: () => Promise.resolve([{ address: '203.0.113.10', family: 4 }]),
      connect: (address, port) => {
        connected.push([address, port]);
        return Promise.resolve(12);
      },
      tls: () =>
        Promise.resolve({
          failure: null,
          protocol: 'TLSv1.3',
          issuer: 'Test CA',
          validTo: new Date(clock.now().getTime() + 90 * 24 * 60 * 60 * 1000),
        }),
      head: () => Promise.resolve(null),
    });
    const plain = await h.ok('preflight.checkUrl', { url: 'http://hooks.example/hooks' });
    const secure = await h.ok('preflight.checkUrl', { url: 'https://hooks.example/hooks' });
    expect(connected).toEqual([
      ['203.0.113.10', 80],
      ['203.0.113.10', 443],
    ]);
    expect(find(plain, 'tcp').reason).toBe('203.0.113.10:80 accepts connections.');
    expect(find(secure, 'tcp').reason).toBe('203.0.113.10:443 accepts connections.');
    expect(find(secure, 'tls').outcome).toBe('pass');
  });
});

describe('Check endpoint: after a failure', () => {
  const skips = (why: string, ids: CheckId[]) =>
    Object.fromEntries(ids.map((id) => [id, { id, outcome: 'skip', reason: why, details: [] }]));
  const later = (check: EndpointCheck, ids: CheckId[]) =>
    Object.fromEntries(ids.map((id) => [id, find(check, id)]));

  async function expectNothingSent(h: Awaited<ReturnType<typeof start>>, check: EndpointCheck) {
    expect(check.deliveryId).toBeNull();
    expect(await h.h.ok('deliveries.list', { webhookId: h.hook.id })).toEqual([]);
    expect(h.heads).toEqual([]);
  }

  it('a name that does not resolve: every later check is skipped, nothing sent', async () => {
    const started = await start({
      lookup: () => Promise.reject(Object.assign(new Error('not found'), { code: 'ENOTFOUND' })),
    });
    const check = await started.checkWebhook('https://hooks.example/hooks');
    expect(find(check, 'dns').outcome).toBe('fail');
    const ids: CheckId[] = ['tcp', 'tls', 'redirects', 'response'];
    expect(later(check, ids)).toEqual(skips('Skipped: the host name does not resolve.', ids));
    await expectNothingSent(started, check);
  });

  it('nothing listening: TLS, redirects and response are skipped, nothing sent', async () => {
    const port = await serve(answer(200));
    await cleanups.pop()?.();
    const started = await start();
    const check = await started.checkWebhook(`https://127.0.0.1:${port}/hooks`);
    expect(find(check, 'tcp').outcome).toBe('fail');
    const ids: CheckId[] = ['tls', 'redirects', 'response'];
    expect(later(check, ids)).toEqual(skips('Skipped: nothing accepts connections.', ids));
    await expectNothingSent(started, check);
  });

  it('a failed TLS check: redirects and response are skipped, nothing sent', async () => {
    const port = await serve(answer(200), selfSignedCert());
    const started = await start();
    const check = await started.checkWebhook(`https://127.0.0.1:${port}/hooks`);
    expect(find(check, 'tls').outcome).toBe('fail');
    const ids: CheckId[] = ['redirects', 'response'];
    expect(later(check, ids)).toEqual(skips('Skipped: a provider would stop at the TLS failure.', ids));
    await expectNothingSent(started, check);
  });
});

describe('Check endpoint: the create form', () => {
  it('HEADs the URL and its other form, sends nothing with a body, keeps nothing, emits nothing', async () => {
    let head: Handler = answer(200);
    const methods: string[] = [];
    const port = await serve((request, response) => {
      methods.push(`${request.method} ${request.url}`);
      if (request.url === '/hooks' && request.method === 'HEAD') return head(request, response);
      answer(404)(request, response);
    });
    const base = `http://127.0.0.1:${port}`;
    const { h, hook, heads, events, clock, view } = await start();
    const before = await view(hook.id);

    const check = await h.ok('preflight.checkUrl', { url: `${base}/hooks`, scheme: 'stripe' });
    expect(heads).toEqual([
      [`${base}/hooks`, 1500],
      [`${base}/hooks/`, 1500],
    ]);
    expect(methods.sort()).toEqual(['HEAD /hooks', 'HEAD /hooks/']);
    expect(check).toMatchObject({ url: `${base}/hooks`, checkedAt: clock.iso(), deliveryId: null });
    // The scheme given counts: Stripe's rule for live mode.
    expect(find(check, 'url').fix).toMatch(
      /^Use https:\/\/ \(Stripe requires HTTPS for endpoints in live mode\)\./,
    );
    expect(find(check, 'redirects')).toMatchObject({ outcome: 'pass', details: [] });
    expect(find(check, 'response')).toEqual({
      id: 'response',
      outcome: 'skip',
      reason: 'Create the webhook to send a signed test delivery: it has no secret yet.',
      details: [],
    });

    // Without a delivery, the HEAD's own answer is what the redirects check judges.
    head = answer(301, { location: '/v2/hooks' });
    const moved = await h.ok('preflight.checkUrl', { url: `${base}/hooks` });
    expect(find(moved, 'redirects')).toEqual({
      id: 'redirects',
      outcome: 'fail',
      reason: `The endpoint answers 301 to ${base}/v2/hooks.`,
      fix: `Providers never follow redirects: update the URL to ${base}/v2/hooks.`,
      details: [],
    });
    expect(find(moved, 'url').fix).toMatch(/^Use https:\/\/ for anything beyond a local test\./);

    expect(events).toEqual([]);
    expect(await view(hook.id)).toEqual(before);
  });
});

describe('Check endpoint: what is kept', () => {
  it('kept with the webhook checked only, not another at the same URL; one deliveries event', async () => {
    const port = await serve(answer(204));
    const url = `http://127.0.0.1:${port}/hooks`;
    const { h, hook, api, clock, events, checkWebhook, view } = await start();
    const twin = await h.ok('webhooks.create', { apiId: api.id, version: 'v4', url });
    const check = await checkWebhook(url);
    expect(check).toMatchObject({ url, checkedAt: clock.iso() });
    expect(events).toEqual([['deliveries.changed', { webhookId: hook.id }]]);
    expect((await view(hook.id)).endpointCheck).toEqual(check);
    expect((await view(twin.id)).endpointCheck).toBeUndefined();

    // A later check replaces it.
    clock.advance(60_000);
    const again = await checkWebhook(url);
    expect(again.checkedAt).toBe(clock.iso());
    expect((await view(hook.id)).endpointCheck).toEqual(again);
    expect((await view(twin.id)).endpointCheck).toBeUndefined();
  });

  it('a URL changed while the check ran: the result is returned but not kept', async () => {
    let moveDuringPost: () => Promise<unknown> = () => Promise.resolve();
    const port = await serve((request, response) => {
      if (request.method !== 'POST') return answer(404)(request, response);
      void moveDuringPost().then(() => answer(204)(request, response));
    });
    const url = `http://127.0.0.1:${port}/hooks`;
    const { h, hook, checkWebhook, view } = await start();
    const first = await checkWebhook(url);
    expect((await view(hook.id)).endpointCheck).toEqual(first);

    moveDuringPost = () => h.ok('webhooks.updateUrl', { id: hook.id, url: `${url}/v2` });
    const check = await h.ok('preflight.checkWebhook', { id: hook.id });
    expect(check.url).toBe(url);
    expect(find(check, 'response').outcome).toBe('pass');
    const now = await view(hook.id);
    expect(now.url).toBe(`${url}/v2`);
    expect(now.endpointCheck).toBeUndefined();
  });
});

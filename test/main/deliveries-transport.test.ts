import { once } from 'node:events';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttpClient } from '../../src/main/deliveries/http-client';
import { classifyNetworkError } from '../../src/main/deliveries/http-failure';
import { webhookTo } from '../support/deliveries';
import { startHarness, type Harness } from '../support/main-harness';
import { closedPort, startReceiver, type Receiver, type Respond } from '../support/receiver';
import { selfSignedCert } from '../support/tls-cert';

let receivers: Receiver[] = [];
const servers: (() => void)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const close of servers.splice(0)) close();
  await Promise.all(receivers.map((r) => r.close()));
  receivers = [];
});

async function receiver(respond?: Respond, tls?: { key: string; cert: string }): Promise<Receiver> {
  const started = await startReceiver(respond, tls);
  receivers.push(started);
  return started;
}

async function sendTo(url: string, h?: Harness) {
  const harness = h ?? (await startHarness());
  const { webhook, secret } = await webhookTo(harness, url);
  const record = await harness.ok('deliveries.send', { webhookId: webhook.id });
  // Whatever happened, the record (request, response, error text) never holds the secret.
  expect(JSON.stringify(record)).not.toContain(secret);
  expect(JSON.stringify(record)).not.toContain(secret.slice('whsec_'.length));
  return { h: harness, webhook, secret, record };
}

/**
 * An endpoint that never answers: `arrived` resolves once the request (http: its whole body; tcp: the bare
 * connection) is in, `closed` once the client has closed the connection.
 */
async function silentEndpoint(kind: 'http' | 'tcp') {
  const signal = { arrived: () => {}, closed: () => {} };
  const arrived = new Promise<void>((resolve) => (signal.arrived = resolve));
  const closed = new Promise<void>((resolve) => (signal.closed = resolve));
  if (kind === 'http') {
    const r = await receiver((_request, response) => {
      response.on('close', signal.closed);
      signal.arrived();
    });
    return { url: r.url, arrived, closed };
  }
  const sockets = new Set<net.Socket>();
  const silent = net.createServer((socket) => {
    sockets.add(socket);
    // Reads (and drops) what arrives: a socket that is never read never learns that its peer closed.
    socket.resume();
    socket.on('close', signal.closed);
    signal.arrived();
  });
  silent.listen(0, '127.0.0.1');
  await once(silent, 'listening');
  servers.push(() => {
    for (const socket of sockets) socket.destroy();
    silent.close();
  });
  const { port } = silent.address() as AddressInfo;
  return { url: `https://127.0.0.1:${port}/hooks`, arrived, closed };
}

/** A TCP endpoint on 127.0.0.1 that answers the first bytes it reads with `answer`, raw. */
async function rawEndpoint(answer: string): Promise<string> {
  const raw = net.createServer((socket) => {
    // A client that stops reading (headers too large) resets the connection: expected, not a failure.
    socket.on('error', () => {});
    socket.once('data', () => socket.end(answer));
  });
  raw.listen(0, '127.0.0.1');
  await once(raw, 'listening');
  servers.push(() => raw.close());
  const { port } = raw.address() as AddressInfo;
  return `http://127.0.0.1:${port}/hooks`;
}

/**
 * Fakes only the timers and the clock a delivery's deadline uses: the keychain, the sockets and undici's I/O
 * stay real, and time passes only when the test advances it.
 */
function useFakeClock(): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
}

/** Whether the promise has settled once pending I/O callbacks have run (setImmediate is not faked). */
async function settledYet(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
  return settled;
}

/** Waits for `closed` at most `ms` of real time (a local socket's close arrives in well under that). */
async function closedWithin(closed: Promise<void>, ms: number): Promise<void> {
  const timedOut = sleep(ms).then(() => 'still open');
  expect(await Promise.race([closed.then(() => 'closed'), timedOut])).toBe('closed');
}

describe('transport', () => {
  it('records a 2xx as a success with status, headers, body and duration', async () => {
    const r = await receiver((_req, res) => res.writeHead(201, { 'x-trace': 'abc' }).end('{"stored":1}'));
    const { record } = await sendTo(r.url);
    expect(record.outcome).toBe('success');
    expect(record.error).toBeNull();
    expect(record.response).toMatchObject({ status: 201, body: '{"stored":1}', truncated: false });
    expect(record.response?.headers['x-trace']).toBe('abc');
    expect(record.durationMs).toBeGreaterThan(0);
    // Sent and recorded as parsed: the bare origin gets its path, /.
    expect(record.request).toMatchObject({ method: 'POST', url: `${r.url}/` });
  });

  it('does not follow a 3xx: a failure that shows the Location', async () => {
    const r = await receiver((req, res) =>
      req.path === '/moved'
        ? res.writeHead(200).end()
        : res.writeHead(302, { location: 'http://127.0.0.1:1/moved' }).end(),
    );
    const { record } = await sendTo(`${r.url}/hooks`);
    expect(record.outcome).toBe('failure');
    expect(record.response?.status).toBe(302);
    expect(record.error?.kind).toBe('redirect');
    expect(record.error?.message).toContain('http://127.0.0.1:1/moved');
    expect(r.received).toHaveLength(1);
  });

  it('records a 500 as a non-2xx failure with the response kept', async () => {
    const r = await receiver((_req, res) => res.writeHead(500).end('boom'));
    const { record } = await sendTo(r.url);
    expect(record).toMatchObject({ outcome: 'failure', response: { status: 500, body: 'boom' } });
    expect(record.error).toMatchObject({ kind: 'http-status' });
    expect(record.error?.message).toMatch(/Non-2xx.*500/);
  });

  it('gives up after the timeout setting when the endpoint is slow, and closes the connection', async () => {
    const { url, arrived, closed } = await silentEndpoint('http');
    const h = await startHarness();
    expect(await h.ok('settings.update', { deliveryTimeoutSeconds: 1 })).toEqual({
      deliveryTimeoutSeconds: 1,
    });
    const { webhook, secret } = await webhookTo(h, url);
    useFakeClock();
    const sent = h.ok('deliveries.send', { webhookId: webhook.id });
    await arrived;

    vi.advanceTimersByTime(999);
    expect(await settledYet(sent)).toBe(false);
    vi.advanceTimersByTime(1);
    const record = await sent;
    expect(record.outcome).toBe('failure');
    expect(record.response).toBeNull();
    expect(record.error).toEqual({ kind: 'timeout', message: expect.stringMatching(/^Timeout: .* 1 s\.$/) });
    expect(record.durationMs).toBe(1000);
    expect(JSON.stringify(record)).not.toContain(secret);
    // The endpoint sees the connection closed, not left open until it answers.
    await closedWithin(closed, 5_000);
  });

  it('gives up after the timeout setting when the connection itself never completes, and closes it', async () => {
    // A TCP listener that never speaks: the TLS handshake of an https:// URL hangs, as with a black-holed host.
    const { url, arrived, closed } = await silentEndpoint('tcp');
    const h = await startHarness();
    await h.ok('settings.update', { deliveryTimeoutSeconds: 1 });
    const { webhook } = await webhookTo(h, url);
    useFakeClock();
    const sent = h.ok('deliveries.send', { webhookId: webhook.id });
    await arrived;

    vi.advanceTimersByTime(999);
    expect(await settledYet(sent)).toBe(false);
    vi.advanceTimersByTime(1);
    const record = await sent;
    expect(record.error).toEqual({ kind: 'timeout', message: expect.stringMatching(/^Timeout: .* 1 s\.$/) });
    expect(record.durationMs).toBe(1000);
    // The half-open connection is closed by the next tick of undici's coarse connect timer (within 1 s).
    vi.advanceTimersByTime(1000);
    await closedWithin(closed, 5_000);
  });

  it('skips an informational 1xx answer and records the final one', async () => {
    const r = await receiver((_req, res) => {
      res.writeEarlyHints({ link: '</style.css>; rel=preload; as=style' });
      res.writeHead(202, { 'x-final': 'yes' }).end('{"queued":true}');
    });
    const { record } = await sendTo(r.url);
    expect(record.outcome).toBe('success');
    expect(record.response).toMatchObject({ status: 202, body: '{"queued":true}' });
    expect(record.response?.headers['x-final']).toBe('yes');
  });

  it('reports a refused connection in plain words', async () => {
    const { record } = await sendTo(`http://127.0.0.1:${await closedPort()}/hooks`);
    expect(record.error?.kind).toBe('refused');
    expect(record.error?.message).toMatch(/^Connection refused/);
  });

  it('reports a connection reset in plain words', async () => {
    const r = await receiver((_req, res) => res.socket?.destroy());
    const { record } = await sendTo(r.url);
    expect(record.error?.kind).toBe('reset');
    expect(record.error?.message).toMatch(/^Connection reset/);
  });

  it('says so in plain words when the endpoint does not speak HTTP', async () => {
    const notHttp = net.createServer((socket) =>
      socket.once('data', () => socket.end('SSH-2.0-OpenSSH_9.2\r\n')),
    );
    notHttp.listen(0, '127.0.0.1');
    await once(notHttp, 'listening');
    const { port } = notHttp.address() as AddressInfo;
    const { record } = await sendTo(`http://127.0.0.1:${port}/hooks`);
    notHttp.close();
    expect(record.error?.kind).toBe('network');
    expect(record.error?.message).toMatch(
      /^Not an HTTP response: 127\.0\.0\.1:\d+ answered with something else \(.+\)\.$/,
    );
  });

  it('reports a host name that does not resolve as DNS not found', async () => {
    const { record } = await sendTo('http://hookwarden-test.invalid/hooks');
    expect(record.error?.kind).toBe('dns');
    expect(record.error?.message).toMatch(/^DNS not found.*hookwarden-test\.invalid/);
  });

  it('keeps 64 KiB of a larger response and marks it truncated', async () => {
    const r = await receiver((_req, res) => res.writeHead(200).end('x'.repeat(100 * 1024)));
    const { record } = await sendTo(r.url);
    expect(record.outcome).toBe('success');
    expect(record.response?.truncated).toBe(true);
    expect(record.response?.body).toHaveLength(64 * 1024);
  });

  it('keeps a response of exactly 64 KiB whole', async () => {
    const r = await receiver((_req, res) => res.writeHead(200).end('y'.repeat(64 * 1024)));
    const { record } = await sendTo(r.url);
    expect(record.response?.truncated).toBe(false);
    expect(record.response?.body).toHaveLength(64 * 1024);
  });

  it('verifies TLS: a self-signed HTTPS endpoint fails with the reason', async () => {
    const r = await receiver(undefined, selfSignedCert());
    const { record } = await sendTo(`${r.url}/hooks`);
    expect(record.outcome).toBe('failure');
    expect(record.error?.kind).toBe('tls');
    expect(record.error?.message).toBe(
      `TLS error: the certificate of ${new URL(r.url).host} is self-signed, so it cannot be verified. ` +
        'Use a certificate from a public CA, or http:// for a local test.',
    );
    expect(r.received).toHaveLength(0);
  });

  it('says so when an https:// URL reaches a port that answers in plain HTTP, and names the http:// URL', async () => {
    const r = await receiver();
    const secure = `${r.url.replace('http://', 'https://')}/hooks?x=1`;
    const { record } = await sendTo(secure);
    expect(record.error).toEqual({
      kind: 'tls',
      message: `TLS error: this port answers in plain HTTP, not HTTPS. Did you mean ${r.url}/hooks?x=1?`,
    });
  });

  it('queues 20 concurrent sends, never more than 4 in flight, and records all of them', async () => {
    const r = await receiver(async (_req, res) => {
      await sleep(100);
      res.writeHead(200).end('ok');
    });
    const h = await startHarness();
    const { webhook } = await webhookTo(h, r.url);
    const records = await Promise.all(
      Array.from({ length: 20 }, () => h.ok('deliveries.send', { webhookId: webhook.id })),
    );
    expect(records.every((record) => record.outcome === 'success')).toBe(true);
    expect(r.received).toHaveLength(20);
    expect(r.maxInFlight).toBe(4);
    const log = await h.ok('deliveries.list', { webhookId: webhook.id });
    expect(log).toHaveLength(20);
    expect(new Set(log.map((record) => record.id))).toEqual(new Set(records.map((record) => record.id)));
  });

  it('a 300 is a redirect not followed and a 400 is a non-2xx answer, each with its status line', async () => {
    const r = await receiver((req, res) =>
      req.path === '/choices'
        ? res.writeHead(300, { location: '/hooks/v2' }).end()
        : res.writeHead(400).end('bad'),
    );
    const choices = await sendTo(`${r.url}/choices`);
    expect(choices.record.error).toEqual({
      kind: 'redirect',
      message: 'Redirect not followed: the endpoint answered 300 Multiple Choices to /hooks/v2.',
    });
    const bad = await sendTo(`${r.url}/bad`);
    expect(bad.record.error).toEqual({
      kind: 'http-status',
      message: 'Non-2xx response: the endpoint answered 400 Bad Request.',
    });
  });

  it('a 3xx without a Location says so, and a status line without a reason reads as the bare code', async () => {
    const { record } = await sendTo(await rawEndpoint('HTTP/1.1 308\r\ncontent-length: 0\r\n\r\n'));
    expect(record.response).toMatchObject({ status: 308, statusText: '' });
    expect(record.error).toEqual({
      kind: 'redirect',
      message: 'Redirect not followed: the endpoint answered 308 (no Location header).',
    });
  });

  it("an answer whose headers overflow undici's limit is a network error with its text and code", async () => {
    const url = await rawEndpoint(`HTTP/1.1 200 OK\r\nx-big: ${'a'.repeat(100_000)}\r\n\r\n`);
    const { record } = await sendTo(url);
    expect(record.response).toBeNull();
    expect(record.error).toEqual({
      kind: 'network',
      message: 'Network error: Headers Overflow Error (UND_ERR_HEADERS_OVERFLOW).',
    });
  });

  it('names the host and the code when the network cannot reach it (an address this machine cannot use)', async () => {
    // A real socket error: binding to a documentation address (TEST-NET-1) that no interface here has.
    const socket = net.connect({ host: '127.0.0.1', port: await closedPort(), localAddress: '192.0.2.1' });
    const [error] = (await once(socket, 'error')) as [NodeJS.ErrnoException];
    expect(error.code).toBe('EADDRNOTAVAIL');
    expect(classifyNetworkError(error, new URL('https://hooks.example.com:8443/in'))).toEqual({
      kind: 'network',
      message: 'Network error: hooks.example.com:8443 could not be reached (EADDRNOTAVAIL).',
    });
  });

  it('joins a header sent more than once with a comma, as one value', async () => {
    const url = await rawEndpoint(
      'HTTP/1.1 200 OK\r\nx-multi: a\r\nx-multi: b\r\ncontent-length: 2\r\n\r\nok',
    );
    const { record } = await sendTo(url);
    expect(record.response?.headers['x-multi']).toBe('a, b');
  });

  it('measures the first byte and the whole exchange from the moment it was sent, in tenths of a ms', async () => {
    let answer = () => {};
    const answered = new Promise<void>((resolve) => (answer = resolve));
    let arrived = () => {};
    const arrival = new Promise<void>((resolve) => (arrived = resolve));
    const r = await receiver(async (_request, response) => {
      arrived();
      await answered;
      response.writeHead(200).end('ok');
    });
    const h = await startHarness();
    const { webhook } = await webhookTo(h, r.url);
    useFakeClock();
    // The clock has run a while before the send: durations are differences, not readings.
    vi.advanceTimersByTime(5_000);
    const sent = h.ok('deliveries.send', { webhookId: webhook.id });
    await arrival;
    vi.advanceTimersByTime(250.25);
    answer();
    const record = await sent;
    expect(record.outcome).toBe('success');
    expect(record.firstByteMs).toBe(250.3);
    expect(record.durationMs).toBe(250.3);
  });

  it('names the host and the code for each routing failure Node reports', () => {
    // A route that fails cannot be made on 127.0.0.1: these errors have the shape net.connect gives them.
    const url = new URL('https://hooks.example.com/in');
    for (const [code, errno] of [
      ['EHOSTUNREACH', -113],
      ['ENETUNREACH', -101],
      ['ETIMEDOUT', -110],
    ] as const) {
      const error = Object.assign(new Error(`connect ${code} 203.0.113.7:443`), {
        errno,
        code,
        syscall: 'connect',
        address: '203.0.113.7',
        port: 443,
      });
      expect(classifyNetworkError(error, url)).toEqual({
        kind: 'network',
        message: `Network error: hooks.example.com could not be reached (${code}).`,
      });
    }
  });

  it('a failed delivery records no first byte: there was none', async () => {
    const { h, record } = await sendTo(`http://127.0.0.1:${await closedPort()}/hooks`);
    expect(record).not.toHaveProperty('firstByteMs');
    const [logged] = await h.ok('deliveries.list', { webhookId: record.webhookId });
    expect(logged).not.toHaveProperty('firstByteMs');
  });

  it('deliveries with the same timeout share one kept-alive connection', async () => {
    const connections: net.Socket[] = [];
    const server = http.createServer((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(200).end('ok'));
    });
    server.on('connection', (socket: net.Socket) => connections.push(socket));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    servers.push(() => {
      server.closeAllConnections();
      server.close();
    });
    const { port } = server.address() as AddressInfo;
    const client = createHttpClient();
    const post = () =>
      client.post({
        url: `http://127.0.0.1:${port}/hooks`,
        headers: {},
        body: Buffer.from('{}'),
        timeoutMs: 10_000,
      });
    for (let sent = 0; sent < 3; sent++) {
      expect((await post()).response?.status).toBe(200);
      // undici hands a finished connection back to its pool on the next tick: the next delivery comes later.
      await new Promise((resolve) => setImmediate(resolve));
    }
    // One connection, still open for the next delivery: no client of its own per request, left behind.
    expect(connections).toHaveLength(1);
  });

  it('a TLS failure is known by its code even when its text does not say TLS, and adds the code once', () => {
    const url = new URL('https://hooks.example.com:8443/in');
    const coded = (message: string, code: unknown) => Object.assign(new Error(message), { code });
    const cases: [unknown, string][] = [
      // Node's own check of a server's DH parameters (a TLS failure whose text names neither).
      [
        coded('DH parameter size 512 is less than 1024', 'ERR_TLS_DH_PARAM_SIZE'),
        'TLS error: DH parameter size 512 is less than 1024 (ERR_TLS_DH_PARAM_SIZE).',
      ],
      [
        coded('dh key too small', 'ERR_SSL_DH_KEY_TOO_SMALL'),
        'TLS error: dh key too small (ERR_SSL_DH_KEY_TOO_SMALL).',
      ],
      [
        coded('unexpected issuer', 'X509_CERT_ISSUER_MISMATCH'),
        'TLS error: unexpected issuer (X509_CERT_ISSUER_MISMATCH).',
      ],
      // The text already names the code: not twice.
      [coded('write EPROTO', 'EPROTO'), 'TLS error: write EPROTO.'],
      // No code at all: the text alone, with no empty brackets.
      [new Error('certificate chain too long'), 'TLS error: certificate chain too long.'],
    ];
    for (const [error, message] of cases)
      expect(classifyNetworkError(error, url)).toEqual({ kind: 'tls', message });
  });

  it('a plain-HTTP answer to TLS is named by its code alone, or by its text alone (an older OpenSSL)', () => {
    const url = new URL('https://hooks.example.com:8443/in');
    const plain = {
      kind: 'tls',
      message:
        'TLS error: this port answers in plain HTTP, not HTTPS. Did you mean http://hooks.example.com:8443/in?',
    };
    const byCode = Object.assign(new Error('record layer failure'), { code: 'ERR_SSL_WRONG_VERSION_NUMBER' });
    const byText = Object.assign(
      new Error('write EPROTO 140:error:1408F10B:SSL routines:wrong version number'),
      {
        code: 'EPROTO',
      },
    );
    expect(classifyNetworkError(byCode, url)).toEqual(plain);
    expect(classifyNetworkError(byText, url)).toEqual(plain);
  });

  it('an error without a usable code (none, not a string, not even an object) reads as its text alone', () => {
    const url = new URL('https://hooks.example.com/in');
    expect(classifyNetworkError(new Error('other side closed'), url)).toEqual({
      kind: 'network',
      message: 'Network error: other side closed.',
    });
    expect(classifyNetworkError(Object.assign(new Error('other side closed'), { code: -32 }), url)).toEqual({
      kind: 'network',
      message: 'Network error: other side closed.',
    });
    expect(classifyNetworkError(null, url)).toEqual({ kind: 'network', message: 'Network error: null.' });
  });

  it("node:http's parser error (an HPE_ code, a plain Error's name) is not an HTTP response either", () => {
    const error = Object.assign(new Error('Parse Error: Expected HTTP/'), { code: 'HPE_INVALID_CONSTANT' });
    expect(classifyNetworkError(error, new URL('https://hooks.example.com/in'))).toEqual({
      kind: 'network',
      message:
        'Not an HTTP response: hooks.example.com answered with something else (Parse Error: Expected HTTP/).',
    });
  });

  it('a request whose deadline passed while its connection was opening is never sent', async () => {
    const r = await receiver();
    const client = createHttpClient();
    const post = (body: string) =>
      client.post({ url: `${r.url}/hooks`, headers: {}, body: Buffer.from(body), timeoutMs: 1000 });
    useFakeClock();
    const late = post('late');
    vi.advanceTimersByTime(1000); // before any I/O: the connection is not open yet
    expect((await late).error).toEqual({
      kind: 'timeout',
      message: `Timeout: ${new URL(r.url).host} did not answer within 1 s.`,
    });
    vi.useRealTimers();
    // The next request on the same client goes out after it would have: only the next one arrived.
    expect((await post('next')).response?.status).toBe(200);
    expect(r.received.map((request) => request.body)).toEqual(['next']);
  });
});

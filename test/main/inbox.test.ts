/**
 * The Inbox (local receiver) on real ports: requests from curl and from the app's own deliveries are kept byte
 * for byte, the chosen status and delay are honoured (the delay on a Schedule the test drives), a port in use
 * is said plainly, it listens on loopback alone unless asked, and stopping frees the port.
 */
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import { networkInterfaces } from 'node:os';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { INBOX_LIMIT, type ReceivedRequest } from '../../src/shared/inbox';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { manualSchedule } from '../support/clock';
import { clipboardDouble, dialog, dialogAnswers } from '../support/electron-double';
import { listenHttp } from '../../src/main/inbox/http-listener';
import { tempDir } from '../support/temp';
import { freePort } from '../support/free-port';
import { startWithWebhook } from '../support/fixtures';
import { onMainEvent, startHarness, type Harness } from '../support/main-harness';

const run = promisify(execFile);
const running: Harness[] = [];
afterEach(async () => {
  for (const h of running.splice(0)) await h.ok('inbox.stop');
});

/** POSTs raw bytes with exactly these header lines, and answers status, headers and the time it took. */
async function post(url: string, body: Buffer, headers: [string, string][] = []) {
  const request = http.request(url, {
    method: 'POST',
    headers: { 'Content-Length': String(body.length), ...Object.fromEntries(headers) },
  });
  request.end(body);
  const [response] = (await once(request, 'response')) as [http.IncomingMessage];
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return { status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks).toString() };
}

const bodyOf = (request: ReceivedRequest) => Buffer.from(request.bodyBase64, 'base64');

/** Resolves when the Inbox has kept the next request (its answer's delay is then scheduled). */
function nextReceived(): Promise<void> {
  return new Promise((resolve) => {
    const unsubscribe = onMainEvent((event) => {
      if (event !== 'inbox.received') return;
      unsubscribe();
      resolve();
    });
  });
}

async function startInbox(options: Parameters<typeof startHarness>[0] = {}) {
  const h = await startHarness(options);
  running.push(h);
  const port = await freePort();
  const status = await h.ok('inbox.start', { port });
  return { h, port, status, url: status.url as string };
}

describe('the Inbox', () => {
  it('starts on 127.0.0.1 at the port given and keeps a request from curl byte for byte, headers as sent', async () => {
    const { h, port, status, url } = await startInbox();
    expect(status).toEqual({
      listening: true,
      url: `http://127.0.0.1:${port}`,
      exposedToNetwork: false,
      response: { status: 200, delaySeconds: 0 },
      received: 0,
    });
    const events: unknown[] = [];
    const unsubscribe = onMainEvent((event, payload) => event === 'inbox.received' && events.push(payload));
    const body = '{"é":"\\u00e9",\r\n "raw": true}\n';
    const { stdout } = await run('curl', [
      '--silent',
      '--data-binary',
      body,
      '-H',
      'X-Mixed-Case: One',
      '-H',
      'Content-Type: application/json',
      `${url}/any/path?x=1`,
    ]);
    unsubscribe();
    expect(JSON.parse(stdout)).toEqual({ received: true, status: 'OK' });

    const [request] = await h.ok('inbox.list');
    expect(request).toMatchObject({
      method: 'POST',
      path: '/any/path?x=1',
      truncated: false,
      answeredStatus: 200,
    });
    expect(bodyOf(request as ReceivedRequest).toString('utf8')).toBe(body);
    expect(request?.bodyBytes).toBe(Buffer.byteLength(body));
    expect(request?.headers).toContainEqual(['X-Mixed-Case', 'One']);
    expect(request?.headers.map(([name]) => name).indexOf('X-Mixed-Case')).toBeLessThan(
      request?.headers.map(([name]) => name).indexOf('Content-Type') ?? -1,
    );
    expect(events).toEqual([request]);
  });

  it("receives the app's own signed delivery with the exact bytes the delivery record shows", async () => {
    const { h } = await startWithWebhook();
    running.push(h);
    const status = await h.ok('inbox.start', { port: await freePort() });
    const [api] = await h.ok('apis.list');
    const [hook] = await h.ok('webhooks.list', { apiId: api?.id as string });
    await h.ok('webhooks.updateUrl', { id: hook?.id as string, url: `${status.url}/hooks` });
    const sent = await h.ok('deliveries.send', { webhookId: hook?.id as string });
    expect(sent.outcome).toBe('success');
    const [request] = await h.ok('inbox.list');
    expect(bodyOf(request as ReceivedRequest).toString('utf8')).toBe(sent.request.body);
    const received = Object.fromEntries(request?.headers.map(([n, v]) => [n.toLowerCase(), v]) ?? []);
    expect(received['x-mindee-hmac-signature']).toBe(sent.request.headers['X-Mindee-Hmac-Signature']);
  });

  it('answers with the chosen status after the chosen delay; 503 carries Retry-After', async () => {
    const timers = manualSchedule();
    const { h, url } = await startInbox({ schedule: timers.schedule });
    await h.ok('inbox.setResponse', { status: 503, delaySeconds: 30 });
    const answered = post(`${url}/late`, Buffer.from('{}'));
    let done = false;
    void answered.then(() => (done = true));
    for (let turn = 0; turn < 50 && timers.pending().length === 0; turn++)
      await new Promise((r) => setTimeout(r, 5));
    expect(timers.pending()).toEqual([30_000]);
    expect(done).toBe(false);
    await timers.advance(30_000);
    const response = await answered;
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('60');
    expect((await h.ok('inbox.list'))[0]?.answeredStatus).toBe(503);

    await h.ok('inbox.setResponse', { status: 410, delaySeconds: 0 });
    expect((await post(url, Buffer.from('{}'))).status).toBe(410);
  });

  it('says plainly when the port is in use, and keeps nothing running', async () => {
    const h = await startHarness();
    running.push(h);
    const port = await freePort();
    const other = net.createServer().listen(port, '127.0.0.1');
    await once(other, 'listening');
    try {
      const result = await h.invoke('inbox.start', { port });
      expect(result).toMatchObject({ ok: false, error: { code: 'PORT_IN_USE' } });
      expect(result.ok || result.error.message).toContain(`Port ${port} is already in use`);
      expect(await h.ok('inbox.status')).toMatchObject({ listening: false, url: null });
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });

  it('stopping frees the port; the requests stay until cleared', async () => {
    const { h, port, url } = await startInbox();
    await post(url, Buffer.from('a'));
    expect(await h.ok('inbox.stop')).toMatchObject({ listening: false, received: 1 });
    const again = net.createServer().listen(port, '127.0.0.1');
    await once(again, 'listening');
    await new Promise((resolve) => again.close(resolve));
    expect(await h.ok('inbox.list')).toHaveLength(1);
    expect(await h.ok('inbox.clear')).toMatchObject({ received: 0 });
  });

  const lanAddress = Object.values(networkInterfaces())
    .flat()
    .find((address) => address?.family === 'IPv4' && !address.internal)?.address;
  it.skipIf(!lanAddress)(
    'listens on loopback alone unless asked to expose itself to the network',
    async () => {
      const { h, port } = await startInbox();
      await expect(post(`http://${lanAddress}:${port}/`, Buffer.from('x'))).rejects.toThrow(/ECONNREFUSED/);
      expect(await h.ok('inbox.start', { port, exposeToNetwork: true })).toMatchObject({
        exposedToNetwork: true,
      });
      expect((await post(`http://${lanAddress}:${port}/`, Buffer.from('x'))).status).toBe(200);
    },
  );

  it(`keeps the last ${INBOX_LIMIT} requests and the first 64 KiB (65,536 bytes) of each body`, async () => {
    const { h, url } = await startInbox();
    const big = Buffer.alloc(70_000, 0x61);
    await post(url, big);
    const [first] = await h.ok('inbox.list');
    expect(first).toMatchObject({ truncated: true, bodyBytes: 70_000 });
    expect(bodyOf(first as ReceivedRequest)).toEqual(big.subarray(0, 65_536));
    for (let i = 1; i <= INBOX_LIMIT; i++) await post(`${url}/${i}`, Buffer.from(String(i)));
    const kept = await h.ok('inbox.list');
    expect(kept).toHaveLength(INBOX_LIMIT);
    expect([kept[0]?.path, kept.at(-1)?.path]).toEqual(['/1', `/${INBOX_LIMIT}`]);
  });

  it('"Save requests" writes them, exact bytes and headers, to the file the user picks', async () => {
    const { h, url } = await startInbox();
    const body = Buffer.from([0x7b, 0xff, 0x7d]); // not UTF-8: kept as bytes
    await post(`${url}/raw`, body, [['X-Team', 'blue']]);
    dialogAnswers.save = join(tempDir(), 'inbox.json');
    expect(await h.ok('inbox.save')).toEqual({ path: dialogAnswers.save, saved: 1 });
    const file = JSON.parse(readFileSync(dialogAnswers.save, 'utf8')) as {
      format: string;
      requests: ReceivedRequest[];
    };
    expect(file.format).toBe('hookwarden-inbox');
    expect(file.requests).toEqual(await h.ok('inbox.list'));
    expect(Buffer.from(file.requests[0]?.bodyBase64 ?? '', 'base64')).toEqual(body);
    dialogAnswers.save = null;
    expect(await h.ok('inbox.save')).toEqual({ path: null, saved: 0 });
  });

  it('copies a received request as a curl command that sends it again, byte for byte', async () => {
    const { h, url } = await startInbox();
    const body = Buffer.from('{"a": "it\'s"}\r\n');
    await post(`${url}/hooks`, body, [['X-Team', 'blue']]);
    const [request] = await h.ok('inbox.list');
    const { command } = await h.ok('inbox.copyAsCurl', { requestId: request?.id as string });
    await run('sh', ['-c', command]);
    const [, again] = await h.ok('inbox.list');
    expect(again?.path).toBe('/hooks');
    expect(bodyOf(again as ReceivedRequest)).toEqual(body);
    expect(again?.headers).toContainEqual(['X-Team', 'blue']);
  });

  it('says what is wrong with a port or a delay, in the words the user reads', async () => {
    const h = await startHarness();
    running.push(h);
    for (const [input, message] of [
      [{ port: 4242.5 }, 'port: The port is a whole number.'],
      [{ port: 1023 }, 'port: Choose a port from 1024 to 65535 (lower ones need administrator rights).'],
      [{ port: 65536 }, 'port: Choose a port from 1024 to 65535.'],
    ] as const) {
      expect(await h.invoke('inbox.start', input)).toEqual({
        ok: false,
        error: { code: 'INVALID_INPUT', message: `Invalid input: ${message}` },
      });
    }
    for (const [delaySeconds, message] of [
      [1.5, 'delaySeconds: The delay is a whole number of seconds.'],
      [-1, 'delaySeconds: The delay is at least 0 s.'],
      [31, 'delaySeconds: The delay is at most 30 s.'],
    ] as const) {
      expect(await h.invoke('inbox.setResponse', { status: 200, delaySeconds })).toEqual({
        ok: false,
        error: { code: 'INVALID_INPUT', message: `Invalid input: ${message}` },
      });
    }
  });

  it('a failure status answers received: false with its reason phrase; the sender is 127.0.0.1', async () => {
    const { h, url } = await startInbox();
    await h.ok('inbox.setResponse', { status: 410, delaySeconds: 0 });
    const response = await post(url, Buffer.from('{}'));
    expect([response.status, JSON.parse(response.body)]).toEqual([410, { received: false, status: 'Gone' }]);
    expect((await h.ok('inbox.list'))[0]).toMatchObject({ remoteAddress: '127.0.0.1', answeredStatus: 410 });
  });

  it('exposed to the network, it gives its loopback address; stopped, it has none', async () => {
    const { h, port } = await startInbox();
    const exposed = await h.ok('inbox.start', { port, exposeToNetwork: true });
    const base = { response: { status: 200, delaySeconds: 0 }, received: 0 };
    expect(exposed).toEqual({
      listening: true,
      url: `http://127.0.0.1:${port}`,
      exposedToNetwork: true,
      ...base,
    });
    expect((await post(`${exposed.url}/`, Buffer.from('y'))).status).toBe(200);
    expect(await h.ok('inbox.stop')).toEqual({
      listening: false,
      url: null,
      exposedToNetwork: false,
      ...base,
      received: 1,
    });
    expect(await h.ok('inbox.status')).toEqual({
      listening: false,
      url: null,
      exposedToNetwork: false,
      ...base,
      received: 1,
    });
  });

  it('starting again on the same port and interface keeps the listener: a request being answered is not cut', async () => {
    const timers = manualSchedule();
    const { h, port, status } = await startInbox({ schedule: timers.schedule });
    await h.ok('inbox.setResponse', { status: 200, delaySeconds: 5 });
    const received = nextReceived();
    const answered = post(`${status.url}/slow`, Buffer.from('{}'));
    await received;
    expect(timers.pending()).toEqual([5_000]);
    expect(await h.ok('inbox.start', { port })).toEqual({
      ...status,
      response: { status: 200, delaySeconds: 5 },
      received: 1,
    });
    await timers.advance(5_000);
    expect((await answered).status).toBe(200);
  });

  it('stopping cuts a request still waiting for its answer, so the port is freed at once', async () => {
    const timers = manualSchedule();
    const { h, url } = await startInbox({ schedule: timers.schedule });
    await h.ok('inbox.setResponse', { status: 200, delaySeconds: 30 });
    const received = nextReceived();
    const answered = post(`${url}/slow`, Buffer.from('{}'));
    await received;
    expect(timers.pending()).toEqual([30_000]);
    const stopped = h.ok('inbox.stop');
    await expect(answered).rejects.toThrow('socket hang up');
    expect(await stopped).toMatchObject({ listening: false, received: 1 });
  });

  it('"Copy address" puts the address on the clipboard, and says when the Inbox is not receiving', async () => {
    const h = await startHarness();
    running.push(h);
    expect(await h.invoke('inbox.copyAddress')).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'The Inbox is not receiving: start it first.' },
    });
    const port = await freePort();
    await h.ok('inbox.start', { port });
    expect(await h.ok('inbox.copyAddress')).toEqual({ url: `http://127.0.0.1:${port}` });
    expect(clipboardDouble.text).toBe(`http://127.0.0.1:${port}`);
  });

  it('"Copy as curl" copies the request asked for, to 127.0.0.1 once stopped, and says when it is gone', async () => {
    const { h, url } = await startInbox();
    await post(`${url}/first`, Buffer.from('1'));
    await post(`${url}/second`, Buffer.from('2'));
    const [, second] = await h.ok('inbox.list');
    await h.ok('inbox.stop');
    const { command } = await h.ok('inbox.copyAsCurl', { requestId: second?.id as string });
    expect(command).toContain(" 'http://127.0.0.1/second' ");
    expect(command).toMatch(/ --data-raw '2'$/);
    await h.ok('inbox.clear');
    expect(await h.invoke('inbox.copyAsCurl', { requestId: second?.id as string })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'This request is no longer in the Inbox.' },
    });
  });

  it('"Save requests" offers hookwarden-inbox.json as the file name', async () => {
    const { h } = await startInbox();
    const shown = vi.spyOn(dialog, 'showSaveDialog');
    try {
      await h.ok('inbox.save');
      expect(
        shown.mock.calls.map((args) => ((args as unknown[]).at(-1) as { defaultPath: string }).defaultPath),
      ).toEqual(['hookwarden-inbox.json']);
    } finally {
      shown.mockRestore();
    }
  });

  it('answers 500 when keeping a request fails', async () => {
    let fail = false;
    const { url } = await startInbox({
      clock: {
        now: () => {
          if (fail) throw new Error('clock broke');
          return new Date();
        },
      },
    });
    fail = true;
    expect((await post(url, Buffer.from('{}'))).status).toBe(500);
  });

  it('answers application/json, with Retry-After on 503 alone', async () => {
    const { h, url } = await startInbox();
    for (const [status, retryAfter] of [
      [200, undefined],
      [401, undefined],
      [500, undefined],
      [503, '60'],
    ] as const) {
      await h.ok('inbox.setResponse', { status, delaySeconds: 0 });
      const response = await post(url, Buffer.from('{}'));
      expect([response.status, response.headers['content-type'], response.headers['retry-after']]).toEqual([
        status,
        'application/json',
        retryAfter,
      ]);
    }
  });

  it('a port the system refuses (EACCES) is said plainly as PORT_IN_USE', async () => {
    // Root may listen below 1024, so the refusal is played by a listen that fails with EACCES.
    const listen = vi.spyOn(net.Server.prototype, 'listen').mockImplementation(function (this: net.Server) {
      const error = Object.assign(new Error('listen EACCES: permission denied 127.0.0.1:80'), {
        code: 'EACCES',
      });
      process.nextTick(() => this.emit('error', error));
      return this;
    });
    try {
      const error = await listenHttp({ host: '127.0.0.1', port: 80, bodyLimit: 10 }, async () => {
        throw new Error('not called');
      }).catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: 'PORT_IN_USE',
        message: 'Hookwarden may not listen on port 80: choose a port from 1024 up.',
      });
    } finally {
      listen.mockRestore();
    }
  });

  it('a listener that cannot listen says why, and names the host and port', async () => {
    const port = await freePort();
    const error = await listenHttp({ host: '192.0.2.1', port, bodyLimit: 10 }, async () => {
      throw new Error('not called');
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'INTERNAL',
      message: `Could not listen on 192.0.2.1:${port}: listen EADDRNOTAVAIL: address not available 192.0.2.1:${port}`,
    });
  });
});

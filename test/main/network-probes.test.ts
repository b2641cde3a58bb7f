/**
 * The network adapter of "Check endpoint" against real sockets on 127.0.0.1: what each probe answers (exact
 * protocol, certificate failure code, issuer and expiry; status and Location), how it fails (the socket's own
 * code, ETIMEDOUT after its time limit) and that it leaves no socket open and no timer running behind it.
 * Time limits run on a faked clock where the network would answer first; a handshake that never completes is
 * waited for on the real one.
 */
import { X509Certificate } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import type * as DnsPromises from 'node:dns/promises';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import tls from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createNetworkProbes } from '../../src/main/preflight/network-probes';
import { bundleChild, spawnChild, type ChildBundle } from '../support/child-process';
import { tempDir } from '../support/temp';
import { selfSignedCert, testCertificateAuthority } from '../support/tls-cert';

// The system resolver, unless a test answers for it once.
vi.mock('node:dns/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof DnsPromises>();
  return { ...actual, lookup: vi.fn(actual.lookup) };
});

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  for (const close of closers.splice(0).reverse()) await close();
});

/** Listens on 127.0.0.1; closed (with its connections) after the test. */
async function listen<T extends net.Server>(server: T): Promise<number> {
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  closers.push(() => {
    for (const socket of sockets) socket.destroy();
    return new Promise((resolve) => server.close(resolve));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

/** A port where nothing listens (it did a moment ago). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A TLS server that completes handshakes and closes; `seen` gets each SNI name a client sent, as it is read. */
async function tlsServer(options: tls.TlsOptions) {
  const seen: string[] = [];
  const server = tls.createServer(
    {
      ...options,
      SNICallback: (servername, answer) => {
        seen.push(servername);
        answer(null);
      },
    },
    (socket) => socket.end(),
  );
  return { port: await listen(server), seen };
}

const validTo = (cert: string) => new Date(new X509Certificate(cert).validTo);
/** Lets the probe's own promise callbacks (its `finally`) run after the caller has its answer. */
const settled = () => new Promise((resolve) => setImmediate(resolve));

const ca = testCertificateAuthority();
const trusting = createNetworkProbes({ extraCa: [ca.root] });

describe('lookup', () => {
  it.each([
    ['127.0.0.1', [{ address: '127.0.0.1', family: 4 }]],
    ['::1', [{ address: '::1', family: 6 }]],
  ])('%s: itself, with its family', async (hostname, expected) => {
    expect(await trusting.lookup(hostname, 5000)).toEqual(expected);
  });

  it('localhost: what the system resolver says, in its order', async () => {
    const actual = await vi.importActual<typeof DnsPromises>('node:dns/promises');
    const system = await actual.lookup('localhost', { all: true, verbatim: true });
    const found = await trusting.lookup('localhost', 5000);
    expect(found).toEqual(system.map(({ address, family }) => ({ address, family })));
    expect(found).toContainEqual({ address: '127.0.0.1', family: 4 });
  });

  it("keeps the resolver's order: a dual-stack name answered AAAA first stays so", async () => {
    // As Node's lookup does: the resolver's order when verbatim, IPv4 first otherwise.
    vi.mocked(lookup).mockImplementationOnce((async (_hostname: string, options: { verbatim?: boolean }) =>
      options.verbatim
        ? [
            { address: '2001:db8::10', family: 6 },
            { address: '192.0.2.10', family: 4 },
          ]
        : [
            { address: '192.0.2.10', family: 4 },
            { address: '2001:db8::10', family: 6 },
          ]) as never);
    expect(await trusting.lookup('dual.example', 5000)).toEqual([
      { address: '2001:db8::10', family: 6 },
      { address: '192.0.2.10', family: 4 },
    ]);
  });

  it("a resolver that does not answer in time: ETIMEDOUT, and the resolver's late answer is ignored", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let answer: (value: unknown) => void = () => undefined;
    vi.mocked(lookup).mockImplementationOnce((() => new Promise((resolve) => (answer = resolve))) as never);
    const found = trusting.lookup('slow.example', 300);
    vi.advanceTimersByTime(300);
    await expect(found).rejects.toThrow('no answer within 300 ms');
    await expect(found).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    answer([{ address: '192.0.2.10', family: 4 }]);
  });
});

describe('connect', () => {
  it('connects, closes the connection at once, and leaves no timer behind', async () => {
    const server = net.createServer();
    const port = await listen(server);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const accepted = once(server, 'connection') as Promise<[net.Socket]>;
    const ms = await trusting.connect('127.0.0.1', port, 10_000);
    expect(ms).toBeGreaterThanOrEqual(0);
    const [socket] = await accepted;
    await once(socket, 'close');
    await settled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('nothing listening: ECONNREFUSED, and no timer behind', async () => {
    const port = await closedPort();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await expect(trusting.connect('127.0.0.1', port, 10_000)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await settled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('no connection within the time limit: ETIMEDOUT, and the attempt is abandoned', async () => {
    const port = await listen(net.createServer());
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const connect = vi.spyOn(net, 'connect');
    const connected = trusting.connect('127.0.0.1', port, 250);
    // The limit passes before the socket has had a turn to connect.
    vi.advanceTimersByTime(250);
    await expect(connected).rejects.toThrow('no answer within 250 ms');
    await expect(connected).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    expect(connect).toHaveBeenCalledTimes(1);
    expect((connect.mock.results[0]?.value as net.Socket).destroyed).toBe(true);
  });
});

describe('tls', () => {
  it('a chain the probe trusts, by IP: verified, TLSv1.3, the issuer and expiry; no SNI for an IP', async () => {
    const leaf = ca.leaf({ issuer: 'intermediate' });
    const { port, seen } = await tlsServer({ key: leaf.key, cert: leaf.cert + ca.intermediate });
    expect(await trusting.tls('127.0.0.1', port, '127.0.0.1', 10_000)).toEqual({
      failure: null,
      protocol: 'TLSv1.3',
      validTo: validTo(leaf.cert),
      issuer: 'Hookwarden Test Intermediate',
    });
    expect(seen).toEqual([]);
  });

  it('by name: sends it as SNI and verifies against it', async () => {
    const leaf = ca.leaf({ issuer: 'root' });
    const { port, seen } = await tlsServer({ key: leaf.key, cert: leaf.cert });
    expect(await trusting.tls('127.0.0.1', port, 'localhost', 10_000)).toMatchObject({
      failure: null,
      issuer: 'Hookwarden Test Root',
    });
    expect(seen).toEqual(['localhost']);
  });

  it.each([
    ['self-signed', () => selfSignedCert(), 'localhost', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'localhost'],
    [
      'expired',
      () => ca.leaf({ issuer: 'root', expired: true }),
      '127.0.0.1',
      'CERT_HAS_EXPIRED',
      'Hookwarden Test Root',
    ],
    [
      'not yet valid',
      () => ca.leaf({ issuer: 'root', notYetValid: true }),
      '127.0.0.1',
      'CERT_NOT_YET_VALID',
      'Hookwarden Test Root',
    ],
    [
      'for another host name',
      () => ca.leaf({ issuer: 'root', altNames: 'DNS:other.example' }),
      'localhost',
      'ERR_TLS_CERT_ALTNAME_INVALID',
      'Hookwarden Test Root',
    ],
    [
      'for the address but not the IP named',
      () => ca.leaf({ issuer: 'root' }),
      '127.0.0.2',
      'ERR_TLS_CERT_ALTNAME_INVALID',
      'Hookwarden Test Root',
    ],
    [
      'with its intermediate missing',
      () => ca.leaf({ issuer: 'intermediate' }),
      '127.0.0.1',
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'Hookwarden Test Intermediate',
    ],
  ])(
    'a certificate %s: the handshake completes and names the failure',
    async (_name, make, servername, failure, issuer) => {
      const { key, cert } = make();
      const { port } = await tlsServer({ key, cert });
      expect(await trusting.tls('127.0.0.1', port, servername, 10_000)).toEqual({
        failure,
        protocol: 'TLSv1.3',
        validTo: validTo(cert),
        issuer,
      });
    },
  );

  it('the expired certificate shows its exact end of validity', async () => {
    const leaf = ca.leaf({ issuer: 'root', expired: true });
    const { port } = await tlsServer(leaf);
    const facts = await trusting.tls('127.0.0.1', port, '127.0.0.1', 10_000);
    expect(facts.validTo.toISOString()).toBe('2020-02-01T00:00:00.000Z');
  });

  it('without extra CAs the private CA is not trusted', async () => {
    const leaf = ca.leaf({ issuer: 'root' });
    const { port } = await tlsServer(leaf);
    expect(await createNetworkProbes().tls('127.0.0.1', port, '127.0.0.1', 10_000)).toMatchObject({
      failure: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      issuer: 'Hookwarden Test Root',
    });
  });

  it.each([
    ['/O=First Org/CN=Some Root', 'First Org'],
    ['/O=First/O=Second/CN=Some Root', 'First, Second'],
    ['/CN=Only A Name', 'Only A Name'],
    ['/C=US', 'unknown issuer'],
  ])('issuer %s: %j', async (subject, issuer) => {
    const { port } = await tlsServer(selfSignedCert({ subject, altNames: 'IP:127.0.0.1' }));
    expect(await trusting.tls('127.0.0.1', port, '127.0.0.1', 10_000)).toMatchObject({
      failure: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      issuer,
    });
  });

  it('a server that speaks only TLS 1.1: the handshake still completes and names it', async () => {
    const leaf = ca.leaf({ issuer: 'root' });
    const { port } = await tlsServer({
      ...leaf,
      minVersion: 'TLSv1',
      maxVersion: 'TLSv1.1',
      ciphers: 'DEFAULT:@SECLEVEL=0',
    });
    expect(await trusting.tls('127.0.0.1', port, '127.0.0.1', 10_000)).toEqual({
      failure: null,
      protocol: 'TLSv1.1',
      validTo: validTo(leaf.cert),
      issuer: 'Hookwarden Test Root',
    });
  });

  it('nothing listening: rejects with ECONNREFUSED', async () => {
    const port = await closedPort();
    await expect(trusting.tls('127.0.0.1', port, '127.0.0.1', 10_000)).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });

  it('a server that never answers the handshake: ETIMEDOUT after the limit, and the socket is closed', async () => {
    // Reads the client's hello (so it sees the connection end) and says nothing.
    const server = net.createServer((socket) => socket.resume());
    const port = await listen(server);
    const accepted = once(server, 'connection') as Promise<[net.Socket]>;
    const connect = vi.spyOn(tls, 'connect');
    const shaken = trusting.tls('127.0.0.1', port, 'localhost', 250);
    await expect(shaken).rejects.toThrow('no answer within 250 ms');
    await expect(shaken).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    expect((connect.mock.results[0]?.value as tls.TLSSocket).destroyed).toBe(true);
    const [socket] = await accepted;
    if (!socket.closed) await once(socket, 'close');
  });

  describe('with NODE_EXTRA_CA_CERTS (a company CA, say)', () => {
    let bundle: ChildBundle | undefined;
    beforeAll(async () => {
      bundle = await bundleChild('test/support/tls-probe-child.ts');
    }, 60_000);
    afterAll(() => bundle?.dispose());

    it('the default probes trust it, as Node does', async () => {
      const leaf = ca.leaf({ issuer: 'root' });
      const { port } = await tlsServer(leaf);
      const caFile = join(tempDir('hookwarden-ca-file-'), 'extra.pem');
      writeFileSync(caFile, ca.root);
      const child = spawnChild<{ failure: string | null; issuer: string }>(
        (bundle as ChildBundle).file,
        [String(port), '127.0.0.1'],
        { ...process.env, NODE_EXTRA_CA_CERTS: caFile },
      );
      closers.push(() => child.kill());
      expect(await child.next(), child.stderr()).toEqual({ failure: null, issuer: 'Hookwarden Test Root' });
      expect(await child.exited).toEqual({ code: 0, signal: null });
    });
  });
});

describe('head', () => {
  /** An HTTP server answering `status` with `headers`; `methods` gets each request's method. */
  async function httpServer(
    status: number,
    headers: Record<string, string> = {},
    options: https.ServerOptions | null = null,
  ) {
    const methods: string[] = [];
    const handler: http.RequestListener = (request, response) => {
      methods.push(request.method ?? '');
      request.resume();
      response.writeHead(status, headers).end();
    };
    const server = options ? https.createServer(options, handler) : http.createServer(handler);
    return { port: await listen(server), methods };
  }

  it('a HEAD request: the status and no Location; the request is over', async () => {
    const { port, methods } = await httpServer(204);
    const request = vi.spyOn(http, 'request');
    expect(await trusting.head(`http://127.0.0.1:${port}/hooks`, 10_000)).toEqual({
      status: 204,
      location: null,
    });
    expect(methods).toEqual(['HEAD']);
    const sent = request.mock.results[0]?.value as http.ClientRequest;
    expect(sent.destroyed).toBe(true);
  });

  it('a redirect: its status and Location, not followed', async () => {
    const { port, methods } = await httpServer(308, { location: '/hooks/' });
    expect(await trusting.head(`http://127.0.0.1:${port}/hooks`, 10_000)).toEqual({
      status: 308,
      location: '/hooks/',
    });
    expect(methods).toEqual(['HEAD']);
  });

  it('https with the extra CA trusted: answered; without it: null', async () => {
    const leaf = ca.leaf({ issuer: 'root' });
    const { port, methods } = await httpServer(301, { location: 'https://example.com/' }, leaf);
    expect(await trusting.head(`https://127.0.0.1:${port}/hooks`, 10_000)).toEqual({
      status: 301,
      location: 'https://example.com/',
    });
    expect(await createNetworkProbes().head(`https://127.0.0.1:${port}/hooks`, 10_000)).toBeNull();
    expect(methods).toEqual(['HEAD']);
  });

  it('nothing listening: null', async () => {
    const port = await closedPort();
    expect(await trusting.head(`http://127.0.0.1:${port}/hooks`, 10_000)).toBeNull();
  });

  it('no answer within the limit: null, and the request is closed', async () => {
    const server = http.createServer(() => undefined);
    const port = await listen(server);
    const request = vi.spyOn(http, 'request');
    expect(await trusting.head(`http://127.0.0.1:${port}/hooks`, 250)).toBeNull();
    expect((request.mock.results[0]?.value as http.ClientRequest).destroyed).toBe(true);
  });
});

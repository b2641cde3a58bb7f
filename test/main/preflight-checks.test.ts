/**
 * "Check endpoint", check by check: the URL, DNS, TCP and TLS findings a user reads, asserted word for word.
 * Real sockets and real TLS on 127.0.0.1 and ::1 where the network can show the case (the certificate's expiry
 * is judged on an injected clock set against the real certificate); where it cannot (an IPv6-only answer, a
 * resolver or socket error code, a revoked certificate, a TLS 1.0 handshake…), a probe double answers exactly
 * that, since what is under test is the checker's judgement of the answer.
 */
import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyConfig } from '../../src/main/config/schema';
import { createNetworkProbes } from '../../src/main/preflight/network-probes';
import type { EndpointProbes, TlsFacts } from '../../src/main/preflight/ports';
import { createEndpointChecker } from '../../src/main/preflight/preflight';
import type { CheckId, CheckResult, EndpointCheck } from '../../src/shared/preflight';
import { freePort } from '../support/free-port';
import { testCertificateAuthority } from '../support/tls-cert';

const DAY_MS = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-03-01T09:00:00.000Z');

const servers: (http.Server | https.Server)[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A server answering 200 on `host`, https with `tls`; its port. */
async function serve(host: string, tls?: https.ServerOptions): Promise<number> {
  const handler: http.RequestListener = (request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(200).end());
  };
  const server = tls ? https.createServer(tls, handler) : http.createServer(handler);
  servers.push(server);
  server.listen(0, host);
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

const ca = testCertificateAuthority();
/** Whether this machine has IPv6 loopback (a container may not). */
const hasIpv6Loopback = await new Promise<boolean>((resolve) => {
  const probe = http.createServer().once('error', () => resolve(false));
  probe.listen(0, '::1', () => probe.close(() => resolve(true)));
});
const realProbes = createNetworkProbes({ extraCa: [ca.root] });

/** What the double's TLS handshake shows unless told: TLS 1.3, valid 90 days from NOW. */
const goodFacts: TlsFacts = {
  failure: null,
  protocol: 'TLSv1.3',
  validTo: new Date(NOW.getTime() + 90 * DAY_MS),
  issuer: 'Example Public CA',
};

/** Probes answering as a public https receiver at 203.0.113.10 would, but for `overrides`; records the asks. */
function probeDouble(overrides: Partial<EndpointProbes> = {}) {
  const asked: { lookup: string[]; connect: string[]; tls: string[] } = { lookup: [], connect: [], tls: [] };
  const probes: EndpointProbes = {
    lookup: (hostname, timeoutMs) => {
      asked.lookup.push(`${hostname} ${timeoutMs}`);
      return overrides.lookup
        ? overrides.lookup(hostname, timeoutMs)
        : Promise.resolve([{ address: '203.0.113.10', family: 4 }]);
    },
    connect: (address, port, timeoutMs) => {
      asked.connect.push(`${address} ${port} ${timeoutMs}`);
      return overrides.connect ? overrides.connect(address, port, timeoutMs) : Promise.resolve(12);
    },
    tls: (address, port, servername, timeoutMs) => {
      asked.tls.push(`${address} ${port} ${servername} ${timeoutMs}`);
      return overrides.tls ? overrides.tls(address, port, servername, timeoutMs) : Promise.resolve(goodFacts);
    },
    head: overrides.head ?? (() => Promise.resolve({ status: 200, location: null })),
  };
  return { probes, asked };
}

/** "Check endpoint" from the create form (no signed delivery), with these probes, at `now`. */
function checkUrl(url: string, probes: EndpointProbes, options: { scheme?: 'stripe'; now?: Date } = {}) {
  const config = emptyConfig();
  const checker = createEndpointChecker({
    config: {
      read: () => config,
      update: () => {
        throw new Error('checkUrl writes nothing');
      },
    },
    probes,
    clock: { now: () => options.now ?? NOW },
    sendCheckDelivery: () => Promise.reject(new Error('checkUrl sends nothing')),
  });
  return checker.checkUrl({ url, scheme: options.scheme });
}

const find = (check: EndpointCheck, id: CheckId) => check.checks.find((c) => c.id === id) as CheckResult;
const outcomes = (check: EndpointCheck) => check.checks.map((c) => `${c.id} ${c.outcome}`);
const coded = (code: unknown, message: string) => Object.assign(new Error(message), { code });

const TLS_FIX = 'Providers verify certificates against the public roots: install a valid certificate chain.';
const TCP_FIX = 'Start the receiver, or check the port and the firewall.';
const DNS_FIX = 'Check the host name for typos, or create its DNS record.';

describe('the URL check', () => {
  it('an https URL with a public host name passes, with nothing to fix and no details', async () => {
    const check = await checkUrl('https://api.example.com/hooks', probeDouble().probes);
    expect(find(check, 'url')).toStrictEqual({
      id: 'url',
      outcome: 'pass',
      reason: 'An https URL with a public host name.',
      details: [],
    });
  });

  it('plain http to a public host warns, and says why Stripe in particular needs https', async () => {
    const plain = await checkUrl('http://api.example.com/hooks', probeDouble().probes);
    const stripe = await checkUrl('http://api.example.com/hooks', probeDouble().probes, { scheme: 'stripe' });
    const reason = 'The URL uses plain http: deliveries and their signatures travel unencrypted.';
    expect(find(plain, 'url')).toStrictEqual({
      id: 'url',
      outcome: 'warn',
      reason,
      fix: 'Use https:// for anything beyond a local test.',
      details: [],
    });
    expect(find(stripe, 'url')).toStrictEqual({
      id: 'url',
      outcome: 'warn',
      reason,
      fix: 'Use https:// (Stripe requires HTTPS for endpoints in live mode).',
      details: [],
    });
    // No TLS on plain http: skipped, saying so.
    expect(find(plain, 'tls')).toStrictEqual({
      id: 'tls',
      outcome: 'skip',
      reason: 'Plain http: there is no TLS to check.',
      details: [],
    });
  });

  it('plain http to a local name: both problems, each with its fix, in that order; the name resolving privately is fine', async () => {
    const { probes } = probeDouble({
      lookup: () => Promise.resolve([{ address: '192.168.1.20', family: 4 }]),
    });
    const check = await checkUrl('http://printer.local/hooks', probes);
    expect(find(check, 'url')).toStrictEqual({
      id: 'url',
      outcome: 'warn',
      reason:
        'The URL uses plain http: deliveries and their signatures travel unencrypted. ' +
        'printer.local can only be reached from this machine or its local network.',
      fix:
        'Use https:// for anything beyond a local test. ' +
        'A provider on the internet cannot reach this; use a tunnel for real deliveries (GitHub refuses such URLs).',
      details: [],
    });
    expect(find(check, 'dns')).toStrictEqual({
      id: 'dns',
      outcome: 'pass',
      reason: 'printer.local resolves.',
      details: ['A 192.168.1.20'],
    });
  });
});

describe('the DNS check', () => {
  it('an IPv4 address in the URL: nothing to resolve; the real connection goes to that address', async () => {
    const port = await serve('127.0.0.1');
    const check = await checkUrl(`http://127.0.0.1:${port}/hooks`, realProbes);
    expect(find(check, 'dns')).toStrictEqual({
      id: 'dns',
      outcome: 'skip',
      reason: 'The URL names an IP address: nothing to resolve.',
      details: [],
    });
    const tcp = find(check, 'tcp');
    expect(tcp).toMatchObject({ outcome: 'pass', reason: `127.0.0.1:${port} accepts connections.` });
    expect(tcp.details).toEqual([
      expect.stringMatching(new RegExp(`^Connected to 127\\.0\\.0\\.1:${port} in \\d+ ms$`)),
    ]);
  });

  it.skipIf(!hasIpv6Loopback)(
    'an IPv6 address in the URL: connects to it in brackets and shakes hands naming it without them (real TLS on ::1)',
    async () => {
      const leaf = ca.leaf({ issuer: 'root', altNames: 'IP:::1' });
      const port = await serve('::1', { key: leaf.key, cert: leaf.cert });
      const validTo = new Date(new X509Certificate(leaf.cert).validTo);
      // Judged as if the certificate had 30 days left.
      const check = await checkUrl(`https://[::1]:${port}/hooks`, realProbes, {
        now: new Date(validTo.getTime() - 30 * DAY_MS),
      });
      expect(outcomes(check)).toEqual([
        'url warn',
        'dns skip',
        'tcp pass',
        'tls pass',
        'redirects pass',
        'response skip',
      ]);
      expect(find(check, 'dns').reason).toBe('The URL names an IP address: nothing to resolve.');
      expect(find(check, 'tcp').reason).toBe(`[::1]:${port} accepts connections.`);
      expect(find(check, 'tls')).toStrictEqual({
        id: 'tls',
        outcome: 'pass',
        reason: 'The certificate verifies against the system roots.',
        details: ['Protocol TLSv1.3', 'Issuer Hookwarden Test Root', `Valid until ${validTo.toISOString()}`],
      });
    },
  );

  it('the handshake names the host without the brackets of an IPv6 URL', async () => {
    const { probes, asked } = probeDouble();
    await checkUrl('https://[2001:db8::10]:8443/hooks', probes);
    expect(asked).toEqual({
      lookup: [],
      connect: ['2001:db8::10 8443 1500'],
      tls: ['2001:db8::10 8443 2001:db8::10 1500'],
    });
  });

  it('names that only end or begin with digits are names: they are resolved', async () => {
    for (const host of ['box1', '9lives.example']) {
      const { probes, asked } = probeDouble();
      const check = await checkUrl(`https://${host}/hooks`, probes);
      expect(asked.lookup).toEqual([`${host} 1500`]);
      expect(find(check, 'dns')).toStrictEqual({
        id: 'dns',
        outcome: 'pass',
        reason: `${host} resolves.`,
        details: ['A 203.0.113.10'],
      });
    }
  });

  it('a public answer passes, listing AAAA and A records; the connection goes to the first, in brackets', async () => {
    const { probes, asked } = probeDouble({
      lookup: () =>
        Promise.resolve([
          { address: '2001:db8::10', family: 6 },
          { address: '10.0.0.5', family: 4 },
          { address: '203.0.113.10', family: 4 },
        ]),
    });
    const check = await checkUrl('https://api.example.com/hooks', probes);
    // One private address among public ones is no warning: a provider can reach the others.
    expect(find(check, 'dns')).toStrictEqual({
      id: 'dns',
      outcome: 'pass',
      reason: 'api.example.com resolves.',
      details: ['AAAA 2001:db8::10', 'A 10.0.0.5', 'A 203.0.113.10'],
    });
    expect(asked.connect).toEqual(['2001:db8::10 443 1500']);
    expect(find(check, 'tcp')).toStrictEqual({
      id: 'tcp',
      outcome: 'pass',
      reason: '[2001:db8::10]:443 accepts connections.',
      details: ['Connected to [2001:db8::10]:443 in 12 ms'],
    });
  });

  it('a public name that resolves only to private addresses warns, and the checks go on', async () => {
    const { probes, asked } = probeDouble({
      lookup: () =>
        Promise.resolve([
          { address: '10.0.0.5', family: 4 },
          { address: 'fd00::5', family: 6 },
        ]),
    });
    const check = await checkUrl('https://api.example.com/hooks', probes);
    expect(find(check, 'dns')).toStrictEqual({
      id: 'dns',
      outcome: 'warn',
      reason: 'api.example.com resolves only to private addresses.',
      fix: 'A provider on the internet cannot reach these addresses; publish the receiver or use a tunnel.',
      details: ['A 10.0.0.5', 'AAAA fd00::5'],
    });
    expect(asked.connect).toEqual(['10.0.0.5 443 1500']);
    expect(outcomes(check)).toEqual([
      'url pass',
      'dns warn',
      'tcp pass',
      'tls pass',
      'redirects pass',
      'response skip',
    ]);
  });

  it.each([
    [
      'ENOTFOUND',
      coded('ENOTFOUND', 'getaddrinfo ENOTFOUND nowhere.example'),
      'nowhere.example does not exist (NXDOMAIN): no DNS record answers for it.',
    ],
    [
      'EAI_NONAME',
      coded('EAI_NONAME', 'getaddrinfo EAI_NONAME nowhere.example'),
      'nowhere.example does not exist (NXDOMAIN): no DNS record answers for it.',
    ],
    [
      'EAI_AGAIN',
      coded('EAI_AGAIN', 'getaddrinfo EAI_AGAIN nowhere.example'),
      'nowhere.example could not be resolved (EAI_AGAIN).',
    ],
    [
      'no code',
      new Error('resolver went away'),
      'nowhere.example could not be resolved (resolver went away).',
    ],
    [
      'a code that is not a string',
      coded(3, 'resolver went away'),
      'nowhere.example could not be resolved (resolver went away).',
    ],
  ])('a resolver error (%s) fails DNS with its meaning and skips the rest', async (_name, error, reason) => {
    const { probes, asked } = probeDouble({ lookup: () => Promise.reject(error) });
    const check = await checkUrl('https://nowhere.example/hooks', probes);
    expect(find(check, 'dns')).toStrictEqual({
      id: 'dns',
      outcome: 'fail',
      reason,
      fix: DNS_FIX,
      details: [],
    });
    expect(outcomes(check)).toEqual([
      'url pass',
      'dns fail',
      'tcp skip',
      'tls skip',
      'redirects skip',
      'response skip',
    ]);
    expect(asked.connect).toEqual([]);
  });
});

describe('the TCP check', () => {
  it('nothing listening on the port (real): connection refused', async () => {
    const port = await freePort();
    const check = await checkUrl(`http://127.0.0.1:${port}/hooks`, realProbes);
    expect(find(check, 'tcp')).toStrictEqual({
      id: 'tcp',
      outcome: 'fail',
      reason: `Nothing accepts connections at 127.0.0.1:${port} (connection refused).`,
      fix: TCP_FIX,
      details: [],
    });
    expect(find(check, 'tls').outcome).toBe('skip');
  });

  it.each([
    [
      'ETIMEDOUT',
      coded('ETIMEDOUT', 'no answer within 1500 ms'),
      '203.0.113.10:443 did not accept a connection within 1.5 s.',
    ],
    [
      'EHOSTUNREACH',
      coded('EHOSTUNREACH', 'connect EHOSTUNREACH 203.0.113.10:443'),
      'Could not connect to 203.0.113.10:443 (EHOSTUNREACH).',
    ],
    ['no code', new Error('socket closed'), 'Could not connect to 203.0.113.10:443 (socket closed).'],
  ])('a socket error (%s) fails TCP with its meaning and skips the rest', async (_name, error, reason) => {
    const { probes, asked } = probeDouble({ connect: () => Promise.reject(error) });
    const check = await checkUrl('https://api.example.com/hooks', probes);
    expect(find(check, 'tcp')).toStrictEqual({
      id: 'tcp',
      outcome: 'fail',
      reason,
      fix: TCP_FIX,
      details: [],
    });
    expect(outcomes(check).slice(3)).toEqual(['tls skip', 'redirects skip', 'response skip']);
    expect(asked.tls).toEqual([]);
  });
});

describe('the TLS check', () => {
  describe('the expiry warning, 14 days ahead (a real certificate, judged on the injected clock)', () => {
    let port = 0;
    let validTo = new Date(0);
    const leaf = ca.leaf({ issuer: 'root' });
    const details = () => [
      'Protocol TLSv1.3',
      'Issuer Hookwarden Test Root',
      `Valid until ${validTo.toISOString()}`,
    ];
    const atDaysLeft = async (ms: number) => {
      port = await serve('127.0.0.1', { key: leaf.key, cert: leaf.cert });
      validTo = new Date(new X509Certificate(leaf.cert).validTo);
      const check = await checkUrl(`https://127.0.0.1:${port}/hooks`, realProbes, {
        now: new Date(validTo.getTime() - ms),
      });
      return find(check, 'tls');
    };
    const warning = (reason: string) => ({
      id: 'tls',
      outcome: 'warn',
      reason,
      fix: 'Renew it before deliveries start failing.',
      details: details(),
    });

    it('15 days and exactly 14 days left: passes', async () => {
      const pass = () => ({
        id: 'tls',
        outcome: 'pass',
        reason: 'The certificate verifies against the system roots.',
        details: details(),
      });
      expect(await atDaysLeft(15 * DAY_MS + 3_600_000)).toStrictEqual(pass());
      expect(await atDaysLeft(14 * DAY_MS)).toStrictEqual(pass());
    });

    it('a moment under 14 days: warns that 13 days are left', async () => {
      expect(await atDaysLeft(14 * DAY_MS - 1)).toStrictEqual(warning('The certificate expires in 13 days.'));
    });

    it('one day left is "1 day"; none left is "0 days"', async () => {
      expect(await atDaysLeft(DAY_MS + 3_600_000)).toStrictEqual(
        warning('The certificate expires in 1 day.'),
      );
      expect(await atDaysLeft(3_600_000)).toStrictEqual(warning('The certificate expires in 0 days.'));
    });
  });

  it.each(['TLSv1', 'TLSv1.1'])('a handshake on %s fails: providers require TLS 1.2', async (protocol) => {
    const { probes } = probeDouble({ tls: () => Promise.resolve({ ...goodFacts, protocol }) });
    const check = await checkUrl('https://api.example.com/hooks', probes);
    expect(find(check, 'tls')).toStrictEqual({
      id: 'tls',
      outcome: 'fail',
      reason: `The server negotiated ${protocol}; providers require TLS 1.2 or later.`,
      fix: 'Enable TLS 1.2 and 1.3 on the server.',
      details: [`Protocol ${protocol}`, 'Issuer Example Public CA', 'Valid until 2026-05-30T09:00:00.000Z'],
    });
    expect(outcomes(check).slice(4)).toEqual(['redirects skip', 'response skip']);
  });

  it('TLS 1.2 with 90 days left passes', async () => {
    const { probes } = probeDouble({ tls: () => Promise.resolve({ ...goodFacts, protocol: 'TLSv1.2' }) });
    const check = await checkUrl('https://api.example.com/hooks', probes);
    expect(find(check, 'tls')).toStrictEqual({
      id: 'tls',
      outcome: 'pass',
      reason: 'The certificate verifies against the system roots.',
      details: ['Protocol TLSv1.2', 'Issuer Example Public CA', 'Valid until 2026-05-30T09:00:00.000Z'],
    });
  });

  it('a verification failure without a named meaning (a revoked certificate) fails with its code', async () => {
    const { probes } = probeDouble({ tls: () => Promise.resolve({ ...goodFacts, failure: 'CERT_REVOKED' }) });
    const check = await checkUrl('https://api.example.com/hooks', probes);
    expect(find(check, 'tls')).toStrictEqual({
      id: 'tls',
      outcome: 'fail',
      reason: 'The certificate does not verify (CERT_REVOKED).',
      fix: TLS_FIX,
      details: ['Protocol TLSv1.3', 'Issuer Example Public CA', 'Valid until 2026-05-30T09:00:00.000Z'],
    });
  });

  it('https to a port that speaks plain HTTP (real): no handshake, and the URL that would work', async () => {
    const port = await serve('127.0.0.1');
    const check = await checkUrl(`https://127.0.0.1:${port}/hooks`, realProbes);
    expect(find(check, 'tls')).toStrictEqual({
      id: 'tls',
      outcome: 'fail',
      reason: `this port answers in plain HTTP, not HTTPS. Did you mean http://127.0.0.1:${port}/hooks?`,
      fix: TLS_FIX,
      details: [],
    });
    expect(outcomes(check).slice(4)).toEqual(['redirects skip', 'response skip']);
  });

  it.each([
    'ERR_SSL_UNSUPPORTED_PROTOCOL',
    'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
    'ERR_SSL_NO_PROTOCOLS_AVAILABLE',
  ])('a handshake refused over the protocol version (%s) fails: only TLS below 1.2', async (code) => {
    const { probes } = probeDouble({ tls: () => Promise.reject(coded(code, 'handshake failed')) });
    const check = await checkUrl('https://api.example.com/hooks', probes);
    expect(find(check, 'tls')).toStrictEqual({
      id: 'tls',
      outcome: 'fail',
      reason: 'The server offers only TLS versions below 1.2, which providers refuse.',
      fix: 'Enable TLS 1.2 and 1.3 on the server.',
      details: [],
    });
  });

  it('a handshake cut off (ECONNRESET) fails with the network meaning', async () => {
    const { probes } = probeDouble({
      tls: () => Promise.reject(coded('ECONNRESET', 'Client network socket disconnected')),
    });
    const check = await checkUrl('https://api.example.com/hooks', probes);
    expect(find(check, 'tls')).toStrictEqual({
      id: 'tls',
      outcome: 'fail',
      reason: 'Connection reset: api.example.com closed the connection before answering.',
      fix: TLS_FIX,
      details: [],
    });
  });

  it('a handshake that fails with no error object at all still fails TLS, in words', async () => {
    const { probes } = probeDouble({ tls: () => Promise.reject(null) });
    const check = await checkUrl('https://api.example.com/hooks', probes);
    expect(find(check, 'tls')).toStrictEqual({
      id: 'tls',
      outcome: 'fail',
      reason: 'Network error: null.',
      fix: TLS_FIX,
      details: [],
    });
  });
});

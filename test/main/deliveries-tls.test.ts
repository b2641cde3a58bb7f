/**
 * TLS failures in plain words, each against a real HTTPS receiver on 127.0.0.1 whose certificate comes from a
 * private CA the client trusts (as a public one would be): expired, another host, a missing intermediate, an
 * unknown CA. The valid chain is served first, so each failure is the certificate's and nothing else.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/main/deliveries/http-client';
import { webhookTo } from '../support/deliveries';
import { startHarness } from '../support/main-harness';
import { startReceiver, type Receiver } from '../support/receiver';
import { testCertificateAuthority } from '../support/tls-cert';

let ca: ReturnType<typeof testCertificateAuthority>;
beforeAll(() => {
  ca = testCertificateAuthority();
});

let receivers: Receiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  receivers = [];
});

/** Sends one test delivery to an HTTPS receiver with this certificate (chain), trusting the test root. */
async function sendOverTls(tls: { key: string; cert: string }) {
  const r = await startReceiver(undefined, tls);
  receivers.push(r);
  const h = await startHarness({ http: createHttpClient({ extraCa: [ca.root] }) });
  const { webhook } = await webhookTo(h, `${r.url}/hooks`);
  const record = await h.ok('deliveries.send', { webhookId: webhook.id });
  return { record, host: new URL(r.url).host, received: r.received.length };
}

describe('TLS failures, named', () => {
  it('a valid chain (leaf + intermediate) from the trusted root is delivered', async () => {
    const leaf = ca.leaf({ issuer: 'intermediate' });
    const { record } = await sendOverTls({ key: leaf.key, cert: leaf.cert + ca.intermediate });
    expect(record.error).toBeNull();
    expect(record.response?.status).toBe(200);
  });

  it('expired', async () => {
    const { record, host, received } = await sendOverTls(ca.leaf({ issuer: 'root', expired: true }));
    expect(record.error).toEqual({
      kind: 'tls',
      message: `TLS error: the certificate of ${host} has expired. Renew it on the server.`,
    });
    expect(received).toBe(0);
  });

  it('issued for another host name', async () => {
    const { record, host } = await sendOverTls(ca.leaf({ issuer: 'root', altNames: 'DNS:other.example' }));
    expect(record.error).toEqual({
      kind: 'tls',
      message: `TLS error: the certificate of ${host} is for another host name (wrong host). Use the host name the certificate names.`,
    });
  });

  it('the server does not send its intermediate certificate', async () => {
    const { record, host } = await sendOverTls(ca.leaf({ issuer: 'intermediate' }));
    expect(record.error).toEqual({
      kind: 'tls',
      message: `TLS error: the certificate of ${host} cannot be traced to a trusted CA: the server may not send its intermediate certificate.`,
    });
  });

  it('issued by a CA nobody trusts', async () => {
    const untrusted = testCertificateAuthority();
    const leaf = untrusted.leaf({ issuer: 'intermediate' });
    const { record, host } = await sendOverTls({ key: leaf.key, cert: leaf.cert + untrusted.intermediate });
    expect(record.error).toEqual({
      kind: 'tls',
      message: `TLS error: the certificate of ${host} was issued by an unknown CA, so it cannot be verified.`,
    });
  });
});

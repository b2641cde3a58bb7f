/**
 * TLS failures in plain words, each against a real HTTPS receiver on 127.0.0.1 whose certificate comes from a
 * private CA the client trusts (as a public one would be): expired, another host, a missing intermediate, an
 * unknown CA. The valid chain is served first, so each failure is the certificate's and nothing else.
 */
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/main/deliveries/http-client';
import { webhookTo } from '../support/deliveries';
import { bundleChild, spawnChild, type ChildBundle } from '../support/child-process';
import { startHarness } from '../support/main-harness';
import { startReceiver, type Receiver } from '../support/receiver';
import { tempDir } from '../support/temp';
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

  it('the server sends a root nobody trusts along with its chain: self-signed in the chain', async () => {
    const untrusted = testCertificateAuthority();
    const leaf = untrusted.leaf({ issuer: 'intermediate' });
    const { record, host, received } = await sendOverTls({
      key: leaf.key,
      cert: leaf.cert + untrusted.intermediate + untrusted.root,
    });
    expect(record.error).toEqual({
      kind: 'tls',
      message: `TLS error: the certificate of ${host} is self-signed, so it cannot be verified. Use a certificate from a public CA, or http:// for a local test.`,
    });
    expect(received).toBe(0);
  });

  it('the client trusts the intermediate but not the root above it: an unknown CA', async () => {
    const leaf = ca.leaf({ issuer: 'intermediate' });
    const r = await startReceiver(undefined, leaf);
    receivers.push(r);
    const h = await startHarness({ http: createHttpClient({ extraCa: [ca.intermediate] }) });
    const { webhook } = await webhookTo(h, `${r.url}/hooks`);
    const record = await h.ok('deliveries.send', { webhookId: webhook.id });
    expect(record.error).toEqual({
      kind: 'tls',
      message: `TLS error: the certificate of ${new URL(r.url).host} was issued by an unknown CA, so it cannot be verified.`,
    });
  });

  it("a failure with no advice of its own (no cipher in common) gives Node's reason and its code", async () => {
    const leaf = ca.leaf({ issuer: 'root' });
    // A server that offers only NULL ciphers, which no client accepts: the handshake fails with an alert.
    const server = https.createServer(
      { ...leaf, ciphers: 'NULL', maxVersion: 'TLSv1.2' },
      (_request, response) => response.end(),
    );
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const h = await startHarness({ http: createHttpClient({ extraCa: [ca.root] }) });
    const { webhook } = await webhookTo(h, `https://127.0.0.1:${port}/hooks`);
    const record = await h.ok('deliveries.send', { webhookId: webhook.id }).finally(() => server.close());
    expect(record.error?.kind).toBe('tls');
    // OpenSSL's own text (with its build path), then the code Node gives it, which the text does not contain.
    expect(record.error?.message).toMatch(
      /^TLS error: [0-9A-F]+:error:0A000410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure:\S+:SSL alert number 40\n \(ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE\)\.$/,
    );
  });

  it('not valid yet (dated from 2099 by a trusted root)', async () => {
    const { record, host, received } = await sendOverTls(ca.leaf({ issuer: 'root', notYetValid: true }));
    expect(record.error).toEqual({
      kind: 'tls',
      message: `TLS error: the certificate of ${host} is not valid yet (check the server's clock).`,
    });
    expect(received).toBe(0);
  });
});

describe('with NODE_EXTRA_CA_CERTS (a company CA, say) and no CA of the test', () => {
  let bundle: ChildBundle | undefined;
  beforeAll(async () => {
    bundle = await bundleChild('test/support/delivery-post-child.ts');
  }, 60_000);
  afterAll(() => bundle?.dispose());

  it('the default client trusts it, as Node does, and delivers', async () => {
    const r = await startReceiver(undefined, ca.leaf({ issuer: 'root' }));
    receivers.push(r);
    const caFile = join(tempDir('hookwarden-ca-file-'), 'extra.pem');
    writeFileSync(caFile, ca.root);
    const child = spawnChild<{ status: number | null; error: unknown }>(
      (bundle as ChildBundle).file,
      [`${r.url}/hooks`],
      { ...process.env, NODE_EXTRA_CA_CERTS: caFile },
    );
    try {
      expect(await child.next(), child.stderr()).toEqual({ status: 200, error: null });
      expect(await child.exited).toEqual({ code: 0, signal: null });
    } finally {
      await child.kill();
    }
    expect(r.received).toHaveLength(1);
  });
});

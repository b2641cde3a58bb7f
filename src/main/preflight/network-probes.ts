/** The network questions of "Check endpoint" (node:dns, node:net, node:tls, node:http): the adapter. */
import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls, { rootCertificates } from 'node:tls';
import type { EndpointProbes, ResolvedAddress, TlsFacts } from './ports';

/** Rejects with a timeout error (code ETIMEDOUT) if `work` has not settled in time. */
function within<T>(timeoutMs: number, work: Promise<T>, cleanup: () => void = () => undefined): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' }));
    }, timeoutMs);
    work.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

function certificateCode(error: Error | null | string | undefined): string | null {
  if (!error) return null;
  if (typeof error === 'string') return error;
  return (error as Error & { code?: string }).code ?? error.message;
}

/** extraCa: certificate authorities trusted besides the system's (a test's private CA). */
export function createNetworkProbes({ extraCa = [] }: { extraCa?: string[] } = {}): EndpointProbes {
  const ca = extraCa.length > 0 ? [...rootCertificates, ...extraCa] : undefined;
  return {
    async lookup(hostname, timeoutMs) {
      const found = await within(timeoutMs, lookup(hostname, { all: true, verbatim: true }));
      return found.map(
        ({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }) as ResolvedAddress,
      );
    },

    connect(address, port, timeoutMs) {
      const started = performance.now();
      const socket = net.connect({ host: address, port });
      const connected = new Promise<number>((resolve, reject) => {
        socket.once('connect', () => resolve(performance.now() - started));
        socket.once('error', reject);
      }).finally(() => socket.destroy());
      return within(timeoutMs, connected, () => socket.destroy());
    },

    tls(address, port, servername, timeoutMs) {
      // Verification is judged below, so the handshake completes and shows the certificate either way.
      const socket = tls.connect({
        host: address,
        port,
        servername: net.isIP(servername) ? undefined : servername,
        rejectUnauthorized: false,
        // Lets an old server finish its handshake so its protocol can be named and refused by the check: a
        // probe, sending nothing over the connection.
        minVersion: 'TLSv1',
        ciphers: 'DEFAULT:@SECLEVEL=0',
        ...(ca && { ca }),
      });
      const shaken = new Promise<TlsFacts>((resolve, reject) => {
        socket.once('secureConnect', () => {
          const certificate = socket.getPeerCertificate();
          const identity = socket.authorized ? tls.checkServerIdentity(servername, certificate) : undefined;
          resolve({
            failure: certificateCode(socket.authorizationError) ?? certificateCode(identity),
            protocol: socket.getProtocol() ?? 'unknown',
            validTo: new Date(certificate.valid_to),
            issuer: [certificate.issuer?.O ?? certificate.issuer?.CN ?? 'unknown issuer'].flat().join(', '),
          });
        });
        socket.once('error', reject);
      }).finally(() => socket.destroy());
      return within(timeoutMs, shaken, () => socket.destroy());
    },

    async head(url, timeoutMs) {
      const client = url.startsWith('https:') ? https : http;
      const request = client.request(url, { method: 'HEAD', ...(ca && { ca }) });
      const answered = new Promise<{ status: number; location: string | null }>((resolve, reject) => {
        request.once('response', (response) => {
          response.resume();
          resolve({ status: response.statusCode ?? 0, location: response.headers.location ?? null });
        });
        request.once('error', reject);
      });
      request.end();
      try {
        return await within(timeoutMs, answered, () => request.destroy());
      } catch {
        return null;
      } finally {
        request.destroy();
      }
    },
  };
}

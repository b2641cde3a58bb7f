/** Turns a network error (Node's or undici's) into a failure kind and a sentence in plain words. */
import type { DeliveryFailure } from '../../shared/delivery';

/** Thrown into the request by the client's own timer. */
export class DeliveryTimeoutError extends Error {
  override readonly name = 'DeliveryTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms`);
  }
}

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET']);
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']);
const UNREACHABLE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EADDRNOTAVAIL']);

function isTlsError(code: string, message: string): boolean {
  return (
    code.startsWith('ERR_SSL_') ||
    code.startsWith('ERR_TLS_') ||
    code.includes('CERT') ||
    code === 'EPROTO' ||
    /certificate|ssl|tls/i.test(message)
  );
}

/** TLS failures a user can act on, by the code Node gives them: what it means and what to do. */
export function tlsReason(code: string, message: string, url: URL): string | null {
  const host = url.host;
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || /wrong version number/i.test(message)) {
    const plain = new URL(url.href);
    plain.protocol = 'http:';
    return `this port answers in plain HTTP, not HTTPS. Did you mean ${plain.href}?`;
  }
  switch (code) {
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return `the certificate of ${host} is self-signed, so it cannot be verified. Use a certificate from a public CA, or http:// for a local test.`;
    case 'CERT_HAS_EXPIRED':
      return `the certificate of ${host} has expired. Renew it on the server.`;
    case 'CERT_NOT_YET_VALID':
      return `the certificate of ${host} is not valid yet (check the server's clock).`;
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `the certificate of ${host} is for another host name (wrong host). Use the host name the certificate names.`;
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return `the certificate of ${host} cannot be traced to a trusted CA: the server may not send its intermediate certificate.`;
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return `the certificate of ${host} was issued by an unknown CA, so it cannot be verified.`;
    default:
      return null;
  }
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

export function classifyNetworkError(error: unknown, url: URL): DeliveryFailure {
  const host = url.host;
  if (error instanceof DeliveryTimeoutError) {
    const seconds = error.timeoutMs / 1000;
    return { kind: 'timeout', message: `Timeout: ${host} did not answer within ${seconds} s.` };
  }
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (DNS_CODES.has(code)) {
    return { kind: 'dns', message: `DNS not found: the host name ${url.hostname} could not be resolved.` };
  }
  if (code === 'ECONNREFUSED') {
    return { kind: 'refused', message: `Connection refused: nothing accepted the connection at ${host}.` };
  }
  if (isTlsError(code, message)) {
    const reason =
      tlsReason(code, message, url) ?? `${message}${code && !message.includes(code) ? ` (${code})` : ''}.`;
    return { kind: 'tls', message: `TLS error: ${reason}` };
  }
  if (RESET_CODES.has(code) || /socket hang up/i.test(message)) {
    return { kind: 'reset', message: `Connection reset: ${host} closed the connection before answering.` };
  }
  // undici's parser rejects the bytes that came back: the port speaks something else (SSH, a database…).
  if (error instanceof Error && (error.name === 'HTTPParserError' || code.startsWith('HPE_'))) {
    return {
      kind: 'network',
      message: `Not an HTTP response: ${host} answered with something else (${message}).`,
    };
  }
  if (UNREACHABLE_CODES.has(code)) {
    return { kind: 'network', message: `Network error: ${host} could not be reached (${code}).` };
  }
  return { kind: 'network', message: `Network error: ${message}${code ? ` (${code})` : ''}.` };
}

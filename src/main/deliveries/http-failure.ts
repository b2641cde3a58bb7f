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
    return {
      kind: 'tls',
      message: `TLS error: ${message}${code && !message.includes(code) ? ` (${code})` : ''}.`,
    };
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

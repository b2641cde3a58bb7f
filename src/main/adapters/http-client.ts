/**
 * POSTs with node:http / node:https: never follows redirects, verifies TLS certificates, one timer for the
 * whole exchange, and keeps at most RESPONSE_BODY_LIMIT bytes of the response body.
 */
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { RESPONSE_BODY_LIMIT, type DeliveryFailure, type DeliveryResponse } from '../../shared/delivery';
import type { HttpClient, HttpPostRequest, HttpPostResult } from '../services/ports';
import { DeliveryTimeoutError, classifyNetworkError } from './http-failure';

function flatHeaders(message: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function toResponse(
  message: IncomingMessage,
  chunks: Buffer[],
  size: number,
  truncated: boolean,
): DeliveryResponse {
  return {
    status: message.statusCode ?? 0,
    statusText: message.statusMessage ?? '',
    headers: flatHeaders(message),
    body: Buffer.concat(chunks, Math.min(size, RESPONSE_BODY_LIMIT)).toString('utf8'),
    truncated,
  };
}

type Outcome = { response: DeliveryResponse; error: null } | { response: null; error: DeliveryFailure };

const closedEarly = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

export function createHttpClient(): HttpClient {
  return {
    post({ url, headers, body, timeoutMs }: HttpPostRequest): Promise<HttpPostResult> {
      const target = new URL(url);
      const transport = target.protocol === 'https:' ? https : http;
      const started = performance.now();

      return new Promise<HttpPostResult>((resolve) => {
        let settled = false;
        /** The first outcome wins; whatever the torn-down connection reports afterwards is ignored. */
        const settle = (outcome: Outcome) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({ ...outcome, durationMs: Math.round((performance.now() - started) * 10) / 10 });
        };
        const fail = (error: unknown) =>
          settle({ response: null, error: classifyNetworkError(error, target) });
        const succeed = (response: DeliveryResponse) => settle({ response, error: null });

        const request = transport.request(target, { method: 'POST', headers }, (message) => {
          const chunks: Buffer[] = [];
          let size = 0;
          message.on('data', (chunk: Buffer) => {
            chunks.push(chunk);
            size += chunk.length;
            if (size > RESPONSE_BODY_LIMIT) {
              succeed(toResponse(message, chunks, size, true));
              message.destroy(); // enough read: drop the rest
            }
          });
          message.on('end', () => succeed(toResponse(message, chunks, size, false)));
          message.on('error', fail);
          message.on('close', () => {
            if (!settled) fail(closedEarly()); // it also closes after every complete response
          });
        });
        const timer = setTimeout(() => {
          fail(new DeliveryTimeoutError(timeoutMs));
          request.destroy();
        }, timeoutMs);
        request.on('error', fail);
        request.end(body, 'utf8');
      });
    },
  };
}

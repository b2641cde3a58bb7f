/**
 * POSTs with node:http / node:https: never follows redirects, verifies TLS certificates, one timer for the
 * whole exchange, and keeps at most RESPONSE_BODY_LIMIT bytes of the response body.
 */
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { RESPONSE_BODY_LIMIT, type DeliveryResponse } from '../../shared/delivery';
import type { HttpClient, HttpPostRequest, HttpPostResult } from '../services/ports';
import { DeliveryTimeoutError, classifyNetworkError } from './http-failure';

function flatHeaders(message: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** Reads the body up to the limit; stops reading (and drops the connection) once it knows it is longer. */
function readResponse(message: IncomingMessage): Promise<DeliveryResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (truncated: boolean) => {
      const body = Buffer.concat(chunks, Math.min(size, RESPONSE_BODY_LIMIT)).toString('utf8');
      resolve({
        status: message.statusCode ?? 0,
        statusText: message.statusMessage ?? '',
        headers: flatHeaders(message),
        body,
        truncated,
      });
    };
    message.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > RESPONSE_BODY_LIMIT) {
        message.removeAllListeners('data');
        finish(true); // before destroy(), which reports the stop as an abort
        message.destroy();
      }
    });
    message.on('end', () => finish(false));
    message.on('error', reject);
    message.on('aborted', () => reject(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })));
  });
}

export function createHttpClient(): HttpClient {
  return {
    post({ url, headers, body, timeoutMs }: HttpPostRequest): Promise<HttpPostResult> {
      const target = new URL(url);
      const transport = target.protocol === 'https:' ? https : http;
      const payload = Buffer.from(body, 'utf8');
      const started = performance.now();
      const elapsed = () => Math.round((performance.now() - started) * 10) / 10;

      return new Promise<HttpPostResult>((resolve) => {
        let settled = false;
        const settle = (result: HttpPostResult) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(result);
        };
        const fail = (error: unknown) =>
          settle({ response: null, error: classifyNetworkError(error, target), durationMs: elapsed() });

        const request = transport.request(target, { method: 'POST', headers, rejectUnauthorized: true });
        const timer = setTimeout(() => {
          fail(new DeliveryTimeoutError(timeoutMs));
          request.destroy();
        }, timeoutMs);
        let responded = false;
        // Once a response is in, its own stream reports failures (and a deliberate stop after 64 KiB is none).
        request.on('error', (error) => {
          if (!responded) fail(error);
        });
        request.on('response', (message) => {
          responded = true;
          readResponse(message).then(
            (response) => settle({ response, error: null, durationMs: elapsed() }),
            fail,
          );
        });
        request.end(payload);
      });
    },
  };
}

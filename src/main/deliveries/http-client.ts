/**
 * POSTs through undici's dispatcher: never follows redirects, verifies TLS certificates, one timer for the
 * whole exchange (see deadlines.ts), and keeps at most RESPONSE_BODY_LIMIT bytes of the response body.
 *
 * Why undici's low-level `dispatch` rather than node:http: it does the same loopback POST in 60–90 % of
 * node:http's time (no IncomingMessage streams, no per-request agent bookkeeping). That difference is the
 * room signing and the record need within the speed target of signed deliveries (npm run bench).
 *
 * Durations come from the global `performance` clock, which tests may fake along with the timers.
 */
import { rootCertificates } from 'node:tls';
import { Agent, type Dispatcher } from 'undici';
import type { IncomingHttpHeaders } from 'undici/types/header';
import { RESPONSE_BODY_LIMIT, type DeliveryResponse } from '../../shared/delivery';
import type { HttpClient, HttpPostRequest, HttpPostResult } from './ports';
import { createDeadlines } from './deadlines';
import { DeliveryTimeoutError, classifyNetworkError } from './http-failure';

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** The reason given to undici when we stop reading a response we already have enough of. */
const enoughRead = () => new Error('response body limit reached');

/** extraCa: certificate authorities trusted besides the system's (a test's private CA). */
export function createHttpClient({ extraCa = [] }: { extraCa?: string[] } = {}): HttpClient {
  const ca = extraCa.length > 0 ? [...rootCertificates, ...extraCa] : undefined;
  // A request that reached its socket is closed by its deadline (below). A connection that never completes
  // (a black-holed host, a TLS handshake that hangs) has no request to abort yet: undici's own connect timeout
  // closes it, and it is per Agent, so there is one Agent per timeout setting, timing out with the deadline.
  // undici's connect timer is coarse (up to 1 s late), so the deadline, exact, always reports first.
  const agents = new Map<number, Agent>();
  const agentFor = (timeoutMs: number): Agent => {
    let agent = agents.get(timeoutMs);
    if (!agent) {
      agent = new Agent({ connect: { timeout: timeoutMs, ...(ca && { ca }) } });
      agents.set(timeoutMs, agent);
    }
    return agent;
  };
  const deadlines = createDeadlines();
  return {
    post({ url, headers, body, timeoutMs }: HttpPostRequest): Promise<HttpPostResult> {
      const started = performance.now();
      const target = new URL(url);

      return new Promise<HttpPostResult>((resolve) => {
        let settled = false;
        let controller: Dispatcher.DispatchController | null = null;
        const elapsedMs = () => Math.round((performance.now() - started) * 10) / 10;
        /** The first outcome wins; whatever the torn-down connection reports afterwards is ignored. */
        const settle = (result: HttpPostResult) => {
          if (settled) return;
          settled = true;
          cancelDeadline();
          resolve(result);
        };
        const fail = (error: unknown) =>
          settle({ response: null, error: classifyNetworkError(error, target), durationMs: elapsedMs() });

        let head: Omit<DeliveryResponse, 'body' | 'truncated'> | null = null;
        let firstByteMs = 0;
        const chunks: Buffer[] = [];
        let size = 0;
        const succeed = (truncated: boolean) => {
          if (!head) return fail(new Error('the response ended before its status line'));
          // Field by field, not spread: this runs on every delivery (sign + send is measured in npm run bench).
          const { status, statusText, headers: responseHeaders } = head;
          const body = Buffer.concat(chunks, Math.min(size, RESPONSE_BODY_LIMIT)).toString('utf8');
          const response = { status, statusText, headers: responseHeaders, body, truncated };
          settle({ response, error: null, durationMs: elapsedMs(), firstByteMs });
        };

        const cancelDeadline = deadlines.start(timeoutMs, () => {
          fail(new DeliveryTimeoutError(timeoutMs));
          controller?.abort(new DeliveryTimeoutError(timeoutMs));
        });

        agentFor(timeoutMs).dispatch(
          {
            origin: target.origin,
            path: `${target.pathname}${target.search}`,
            method: 'POST',
            headers,
            body,
          },
          {
            onRequestStart(current) {
              controller = current;
              // The deadline passed while the connection was still being opened.
              if (settled) current.abort(new DeliveryTimeoutError(timeoutMs));
            },
            /** Called again for the final answer after any 1xx, which then replaces it. */
            onResponseStart(_controller, status, responseHeaders, statusMessage) {
              head = { status, statusText: statusMessage ?? '', headers: flatHeaders(responseHeaders) };
              firstByteMs = Math.round((performance.now() - started) * 10) / 10;
            },
            onResponseData(current, chunk) {
              chunks.push(chunk);
              size += chunk.length;
              if (size > RESPONSE_BODY_LIMIT) {
                succeed(true);
                current.abort(enoughRead()); // enough read: drop the rest
              }
            },
            onResponseEnd() {
              succeed(false);
            },
            onResponseError(_controller, error) {
              fail(error);
            },
          },
        );
      });
    },
  };
}

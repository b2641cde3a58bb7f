/** A real HTTP(S) endpoint on 127.0.0.1 that records what it receives and answers as a test tells it to. */
import { once } from 'node:events';
import http, { type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import https from 'node:https';
import { connect, type AddressInfo } from 'node:net';

export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body bytes, decoded as UTF-8. */
  body: string;
}

/** Answers one request; the default is 200 with a small JSON body. */
export type Respond = (request: Received, response: ServerResponse) => unknown;

export interface Receiver {
  url: string;
  received: Received[];
  /** The most requests that were open at the same time. */
  maxInFlight: number;
  close(): Promise<void>;
}

const ok: Respond = (_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
};

export async function startReceiver(
  respond: Respond = ok,
  tls?: { key: string; cert: string },
): Promise<Receiver> {
  const received: Received[] = [];
  let inFlight = 0;
  const state = { maxInFlight: 0 };
  const listener = (request: http.IncomingMessage, response: ServerResponse) => {
    inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    response.on('close', () => inFlight--);
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry: Received = {
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(entry);
      void Promise.resolve(respond(entry, response)).catch(() => response.destroy());
    });
  };
  const server: Server = tls ? https.createServer(tls, listener) : http.createServer(listener);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    received,
    get maxInFlight() {
      return state.maxInFlight;
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/** A port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const server = http.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

/** Whether something on 127.0.0.1 accepts a connection on this port now. */
export async function acceptsConnections(port: number): Promise<boolean> {
  const socket = connect(port, '127.0.0.1');
  try {
    await once(socket, 'connect');
    return true;
  } catch {
    return false;
  } finally {
    socket.destroy();
  }
}

/** One header as a string (Node gives repeated headers as arrays). */
export function header(request: Received, name: string): string {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
}

/** The Inbox's HTTP listener (node:http): the adapter behind the Listen port. */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { AppError } from '../../shared/errors';
import type { IncomingRequest, Listen } from './ports';

/** Header pairs from node's flat rawHeaders list: names as sent, in order. */
function headerPairs(raw: string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i] as string, raw[i + 1] as string]);
  return pairs;
}

export const listenHttp: Listen = async ({ host, port, bodyLimit }, handle) => {
  const sockets = new Set<Socket>();
  const server = http.createServer((request, response) => {
    const kept: Buffer[] = [];
    let keptBytes = 0;
    let bodyBytes = 0;
    request.on('data', (chunk: Buffer) => {
      bodyBytes += chunk.length;
      if (keptBytes < bodyLimit) {
        const part = chunk.subarray(0, bodyLimit - keptBytes);
        kept.push(part);
        keptBytes += part.length;
      }
    });
    request.on('end', () => {
      const incoming: IncomingRequest = {
        method: request.method ?? '',
        path: request.url ?? '/',
        headers: headerPairs(request.rawHeaders),
        body: Buffer.concat(kept),
        bodyBytes,
        remoteAddress: request.socket.remoteAddress ?? '',
      };
      handle(incoming).then(
        (reply) => response.writeHead(reply.status, reply.headers).end(reply.body),
        () => response.writeHead(500).end(),
      );
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new AppError(
            'PORT_IN_USE',
            `Port ${port} is already in use by another program: choose another port.`,
          ),
        );
      } else if (error.code === 'EACCES') {
        reject(
          new AppError(
            'PORT_IN_USE',
            `Hookwarden may not listen on port ${port}: choose a port from 1024 up.`,
          ),
        );
      } else {
        reject(new AppError('INTERNAL', `Could not listen on ${host}:${port}: ${error.message}`));
      }
    });
    server.listen(port, host, resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
};

/**
 * Stands in for Next.js's server, which is too heavy to start in a test: serves one App Router route module
 * (a route.ts, transpiled to JavaScript) on 127.0.0.1:$PORT, calling its exported handler with a WHATWG
 * Request carrying the exact body bytes, and writing the Response it returns, as Next.js does.
 * Usage: node next-route-host.mjs <route.mjs> <path>
 */
import http from 'node:http';
import { pathToFileURL } from 'node:url';

const [routeFile, routePath] = process.argv.slice(2);
const route = await import(pathToFileURL(routeFile).href);

async function answer(req, res) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const handler = route[req.method];
  if (new URL(req.url, 'http://127.0.0.1').pathname !== routePath) return res.writeHead(404).end();
  if (typeof handler !== 'function') return res.writeHead(405).end();
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const each of [value].flat()) headers.append(name, each);
  }
  const request = new Request(`http://${req.headers.host}${req.url}`, {
    method: req.method,
    headers,
    body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
    duplex: 'half',
  });
  const response = await handler(request);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

http
  .createServer((req, res) => {
    answer(req, res).catch((error) => {
      console.error(error);
      res.writeHead(500).end();
    });
  })
  .listen(Number(process.env.PORT), '127.0.0.1');

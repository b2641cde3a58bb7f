/**
 * A child process that POSTs once with the delivery client's default trust (no extra CAs given), so a test can
 * start it with NODE_EXTRA_CA_CERTS: `node child.mjs <url>` prints the response's status and the error.
 */
import { createHttpClient } from '../../src/main/deliveries/http-client';

const [url] = process.argv.slice(2);
const result = await createHttpClient().post({
  url: url ?? '',
  headers: { 'content-type': 'application/json' },
  body: Buffer.from('{}'),
  timeoutMs: 10_000,
});
console.log(JSON.stringify({ status: result.response?.status ?? null, error: result.error }));
// The client keeps its connection alive for the next delivery: this child has no next one.
process.exit(0);

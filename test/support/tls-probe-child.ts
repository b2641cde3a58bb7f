/**
 * A child process that runs one TLS probe with the default trust (no extra CAs given), so a test can start it
 * with NODE_EXTRA_CA_CERTS: `node child.mjs <port> <servername>` prints the probe's failure and issuer.
 */
import { createNetworkProbes } from '../../src/main/preflight/network-probes';

const [port, servername] = process.argv.slice(2);
const facts = await createNetworkProbes().tls('127.0.0.1', Number(port), servername ?? '', 10_000);
console.log(JSON.stringify({ failure: facts.failure, issuer: facts.issuer }));

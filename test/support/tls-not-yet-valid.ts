import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp';

/**
 * A root made with the openssl CLI, and a leaf for localhost / 127.0.0.1 that it signed but dated from 2099:
 * a certificate that is not valid yet (a server whose clock, or whose CA's, runs ahead). tls-cert.ts's CA
 * dates its leaves from now or in the past only.
 */
export function notYetValidCertificate(): { root: string; key: string; cert: string } {
  const dir = tempDir('hookwarden-future-');
  const at = (name: string) => join(dir, name);
  writeFileSync(
    at('ca.cnf'),
    [
      '[ca]',
      'default_ca = ca',
      '[ca]',
      `database = ${at('index.txt')}`,
      `new_certs_dir = ${dir}`,
      `serial = ${at('serial')}`,
      'default_md = sha256',
      'policy = any',
      'copy_extensions = copy',
      '[any]',
      'commonName = supplied',
      '[leaf]',
      'basicConstraints = CA:FALSE',
    ].join('\n'),
  );
  writeFileSync(at('index.txt'), '');
  writeFileSync(at('serial'), '01\n');
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    at('root.key'),
    '-out',
    at('root.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=Hookwarden Future Test Root',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    at('leaf.key'),
    '-out',
    at('leaf.csr'),
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=DNS:localhost,IP:127.0.0.1',
  );
  openssl(
    'ca',
    '-batch',
    '-config',
    at('ca.cnf'),
    '-cert',
    at('root.pem'),
    '-keyfile',
    at('root.key'),
    '-in',
    at('leaf.csr'),
    '-out',
    at('leaf.pem'),
    '-extensions',
    'leaf',
    '-startdate',
    '20990101000000Z',
    '-enddate',
    '20990201000000Z',
  );
  const leaf = readFileSync(at('leaf.pem'), 'utf8');
  return {
    root: readFileSync(at('root.pem'), 'utf8'),
    key: readFileSync(at('leaf.key'), 'utf8'),
    cert: leaf.slice(leaf.indexOf('-----BEGIN CERTIFICATE-----')),
  };
}

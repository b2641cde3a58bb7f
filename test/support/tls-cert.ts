import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp';

/**
 * A fresh self-signed certificate (issuer = subject), made with the openssl CLI: by default for localhost and
 * 127.0.0.1.
 */
export function selfSignedCert({
  subject = '/CN=localhost',
  altNames = 'DNS:localhost,IP:127.0.0.1',
}: { subject?: string; altNames?: string } = {}): { key: string; cert: string } {
  const dir = tempDir('hookwarden-tls-');
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      subject,
      '-addext',
      `subjectAltName=${altNames}`,
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
}

/**
 * A private certificate authority made with the openssl CLI: a root, an intermediate under it, and leaf
 * certificates for the TLS failures a receiver can have (expired, another host, a missing intermediate…).
 */
export function testCertificateAuthority() {
  const dir = tempDir('hookwarden-ca-');
  const at = (name: string) => join(dir, name);
  writeFileSync(
    at('ca.cnf'),
    [
      '[ca]',
      'default_ca = ca',
      '[ca]',
      `dir = ${dir}`,
      `database = ${at('index.txt')}`,
      `new_certs_dir = ${dir}`,
      `serial = ${at('serial')}`,
      'default_md = sha256',
      'policy = any',
      'copy_extensions = copy',
      'unique_subject = no',
      '[any]',
      'commonName = supplied',
      '[issuer]',
      'basicConstraints = critical,CA:TRUE',
      'keyUsage = critical,keyCertSign,cRLSign',
      '[leaf]',
      'basicConstraints = CA:FALSE',
    ].join('\n'),
  );
  writeFileSync(at('index.txt'), '');
  writeFileSync(at('serial'), '01\n');
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  const request = (name: string, subject: string, altNames?: string) =>
    openssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      at(`${name}.key`),
      '-out',
      at(`${name}.csr`),
      '-subj',
      subject,
      ...(altNames ? ['-addext', `subjectAltName=${altNames}`] : []),
    );
  const sign = (name: string, issuer: string, extensions: string, dates = ['-days', '2']) =>
    openssl(
      'ca',
      '-batch',
      '-config',
      at('ca.cnf'),
      '-cert',
      at(`${issuer}.pem`),
      '-keyfile',
      at(`${issuer}.key`),
      '-in',
      at(`${name}.csr`),
      '-out',
      at(`${name}.pem`),
      '-extensions',
      extensions,
      ...dates,
    );
  const pem = (name: string) => {
    const text = readFileSync(at(`${name}.pem`), 'utf8');
    return text.slice(text.indexOf('-----BEGIN CERTIFICATE-----'));
  };

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
    '/CN=Hookwarden Test Root',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  request('intermediate', '/CN=Hookwarden Test Intermediate');
  sign('intermediate', 'root', 'issuer');

  let count = 0;
  /**
   * A leaf for 127.0.0.1 (or `altNames`) issued by the root or the intermediate; `expired` dates it in 2020,
   * `notYetValid` from 2099 (a server whose clock, or whose CA's, runs ahead).
   */
  function leaf(options: {
    issuer: 'root' | 'intermediate';
    altNames?: string;
    expired?: boolean;
    notYetValid?: boolean;
  }) {
    const name = `leaf${++count}`;
    request(name, '/CN=localhost', options.altNames ?? 'DNS:localhost,IP:127.0.0.1');
    const dates = options.expired
      ? ['-startdate', '20200101000000Z', '-enddate', '20200201000000Z']
      : options.notYetValid
        ? ['-startdate', '20990101000000Z', '-enddate', '20990201000000Z']
        : undefined;
    sign(name, options.issuer, 'leaf', dates);
    return { key: readFileSync(at(`${name}.key`), 'utf8'), cert: pem(name) };
  }
  return { root: pem('root'), intermediate: pem('intermediate'), leaf };
}

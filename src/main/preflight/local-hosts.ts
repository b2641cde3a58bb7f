/**
 * Whether a host or address is one only this machine (or its local network) can reach. Addresses are as a
 * parsed URL or the resolver gives them (dotted IPv4, IPv6 without brackets), so simple forms suffice.
 */
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** IPv4 ranges no provider on the internet can reach: loopback, RFC 1918, link-local, "this host". */
const PRIVATE_V4: [number, number][] = [
  [0x7f000000, 8], // 127.0.0.0/8 loopback
  [0x0a000000, 8], // 10.0.0.0/8
  [0xac100000, 12], // 172.16.0.0/12
  [0xc0a80000, 16], // 192.168.0.0/16
  [0xa9fe0000, 16], // 169.254.0.0/16 link-local
  [0x00000000, 8], // 0.0.0.0/8
];

function v4Number(address: string): number {
  return address.split('.').reduce((value, part) => value * 256 + Number(part), 0);
}

function isPrivateV4Value(value: number): boolean {
  return PRIVATE_V4.some(([base, bits]) => value >>> (32 - bits) === base >>> (32 - bits));
}

function isPrivateV4(address: string): boolean {
  return isPrivateV4Value(v4Number(address));
}

function isPrivateV6(address: string): boolean {
  const lower = address.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped) return isPrivateV4(mapped[1] as string);
  // The same, as a URL writes it: new URL('http://[::ffff:127.0.0.1]').hostname is [::ffff:7f00:1].
  const hexMapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hexMapped) {
    return isPrivateV4Value(
      parseInt(hexMapped[1] as string, 16) * 0x10000 + parseInt(hexMapped[2] as string, 16),
    );
  }
  if (lower === '::1' || lower === '::') return true;
  const first = parseInt(lower.split(':')[0] || '0', 16);
  // fe80::/10 link-local, fc00::/7 unique local.
  return (first & 0xffc0) === 0xfe80 || (first & 0xfe00) === 0xfc00;
}

/** An IP address (v4 or v6, without brackets) in a range only local networks reach. */
export function isPrivateAddress(address: string): boolean {
  if (IPV4.test(address)) return isPrivateV4(address);
  return address.includes(':') && isPrivateV6(address);
}

/** A URL host name that names this machine or the local network: localhost, .local, a private address. */
export function isLocalOnlyHost(hostname: string): boolean {
  const host = hostname
    .replace(/^\[|\]$/g, '')
    .toLowerCase()
    .replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local')) return true;
  return isPrivateAddress(host);
}

/** A URL host name that names this machine itself: localhost, 127.0.0.0/8, ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname
    .replace(/^\[|\]$/g, '')
    .toLowerCase()
    .replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') return true;
  return IPV4.test(host) && host.startsWith('127.');
}

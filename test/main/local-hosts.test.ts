/**
 * Which hosts "Check endpoint" calls local: every range's first and last address and its neighbours just
 * outside, IPv6 loopback, link-local, unique-local and IPv4-mapped forms, the names localhost, *.localhost and
 * .local, and URL host names as `new URL()` gives them (brackets, a trailing dot, any case).
 */
import { describe, expect, it } from 'vitest';
import { isLocalOnlyHost, isLoopbackHost, isPrivateAddress } from '../../src/main/preflight/local-hosts';

describe('isPrivateAddress', () => {
  it.each([
    // 127.0.0.0/8 loopback
    ['126.255.255.255', false],
    ['127.0.0.0', true],
    ['127.0.0.1', true],
    ['127.255.255.255', true],
    ['128.0.0.0', false],
    // 10.0.0.0/8
    ['9.255.255.255', false],
    ['10.0.0.0', true],
    ['10.255.255.255', true],
    ['11.0.0.0', false],
    // 172.16.0.0/12
    ['172.15.255.255', false],
    ['172.16.0.0', true],
    ['172.20.10.20', true],
    ['172.31.255.255', true],
    ['172.32.0.0', false],
    // 192.168.0.0/16
    ['192.167.255.255', false],
    ['192.168.0.0', true],
    ['192.168.10.20', true],
    ['192.168.255.255', true],
    ['192.169.0.0', false],
    // 169.254.0.0/16 link-local
    ['169.253.255.255', false],
    ['169.254.0.0', true],
    ['169.254.169.254', true],
    ['169.254.255.255', true],
    ['169.255.0.0', false],
    // 0.0.0.0/8 "this host"
    ['0.0.0.0', true],
    ['0.255.255.255', true],
    ['1.0.0.0', false],
    // Public addresses
    ['8.8.8.8', false],
    ['93.184.215.14', false],
    ['224.0.0.1', false],
    ['255.255.255.255', false],
  ])('IPv4 %s: %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });

  it.each([
    ['::1', true],
    ['::', true],
    ['::2', false],
    ['2001:db8::1', false],
    ['2606:4700:4700::1111', false],
    // fe80::/10 link-local: fe80 to febf
    ['fe7f:ffff::1', false],
    ['fe80::1', true],
    ['FE80::1', true],
    ['febf:ffff::1', true],
    ['fec0::1', false],
    // fc00::/7 unique local: fc00 to fdff
    ['fbff:ffff::1', false],
    ['fc00::1', true],
    ['fd12:3456::1', true],
    ['fdff:ffff::1', true],
    ['fe00::1', false],
    // IPv4-mapped: as the IPv4 address (any case, digits of any length in each part)
    ['::ffff:127.0.0.1', true],
    ['::ffff:10.0.0.1', true],
    ['::ffff:192.168.10.20', true],
    ['::FFFF:192.168.10.20', true],
    ['::ffff:8.8.8.8', false],
    ['::ffff:172.32.0.1', false],
    // IPv4-mapped as a URL writes it (in hex): as the IPv4 address
    ['::ffff:7f00:1', true],
    ['::ffff:a00:1', true],
    ['::ffff:c0a8:a14', true],
    ['::FFFF:C0A8:A14', true],
    ['::ffff:ac1f:ffff', true],
    ['::ffff:ac20:0', false],
    ['::ffff:a9fe:0', true],
    ['::ffff:0:0', true],
    ['::ffff:808:808', false],
    ['::ffff:5db8:d70e', false],
    // Not the mapped form: the embedded IPv4 address does not count
    ['1::ffff:a00:1', false],
    ['::ffff:a00:1:0', false],
    ['::ffff:a00:10000', false],
    ['1::ffff:10.0.0.1', false],
    ['fe80::ffff:8.8.8.8', true],
    ['::ffff:10.0.0.1.5', false],
  ])('IPv6 %s: %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });

  it.each([
    // A host name that ends or starts like a private address is no address
    ['10.0.0.1.nip.io', false],
    ['127.0.0.1.example.com', false],
    ['host-10.0.0.1', false],
    ['1.10.0.0.1', false],
    // A name whose first label reads as a private IPv6 group is no address either
    ['fd00.example.com', false],
    ['fe80.example', false],
    ['example.com', false],
    ['localhost', false],
    ['', false],
  ])('not an address, %j: %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});

describe('isLocalOnlyHost', () => {
  it.each([
    ['http://[::ffff:127.0.0.1]/', true],
    ['http://[::ffff:192.168.10.20]/', true],
    ['http://[::ffff:8.8.8.8]/', false],
    ['http://[0:0:0:0:0:0:0:1]/', true],
    ['http://127.1/', true],
    ['http://0x7f.1/', true],
    ['http://LocalHost./', true],
    ['http://example.com/', false],
  ])('the host of %s as new URL() gives it: %s', (url, expected) => {
    expect(isLocalOnlyHost(new URL(url).hostname)).toBe(expected);
  });

  it.each([
    ['localhost', true],
    ['LOCALHOST', true],
    ['localhost.', true],
    ['api.localhost', true],
    ['api.localhost.', true],
    ['printer.local', true],
    ['Printer.LOCAL', true],
    ['printer.local.', true],
    ['10.0.0.1', true],
    ['192.168.1.20', true],
    ['127.0.0.1', true],
    ['[::1]', true],
    ['[fe80::1]', true],
    ['[fd12:3456::1]', true],
    ['[FE80::1]', true],
    ['8.8.8.8', false],
    ['172.32.0.1', false],
    ['[2001:db8::1]', false],
    ['example.com', false],
    ['example.com.', false],
    ['localhost.example.com', false],
    ['local', false],
    ['notlocalhost', false],
    ['mylocal', false],
    ['local.example', false],
    ['fd00.example.com', false],
    ['10.0.0.1.nip.io', false],
    // Only one pair of brackets, around the whole host, is taken off
    ['[[::1]', false],
    ['[::1]]', false],
  ])('%j: %s', (hostname, expected) => {
    expect(isLocalOnlyHost(hostname)).toBe(expected);
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['localhost', true],
    ['LocalHost', true],
    ['localhost.', true],
    ['api.localhost', true],
    ['API.LOCALHOST.', true],
    ['[::1]', true],
    ['::1', true],
    ['127.0.0.1', true],
    ['127.0.0.1.', true],
    ['127.255.255.254', true],
    ['127.10.20.30', true],
    ['126.255.255.255', false],
    ['128.0.0.1', false],
    ['10.0.0.1', false],
    ['192.168.1.1', false],
    ['0.0.0.0', false],
    ['[::2]', false],
    ['[fe80::1]', false],
    ['printer.local', false],
    ['example.com', false],
    ['localhost.example.com', false],
    ['notlocalhost', false],
    ['127.example.com', false],
    ['127.0.0.1.nip.io', false],
    // Only one pair of brackets, around the whole host, is taken off
    ['[[::1]', false],
    ['[::1]]', false],
  ])('%j: %s', (hostname, expected) => {
    expect(isLoopbackHost(hostname)).toBe(expected);
  });
});

/**
 * The address classifier over a table of addresses: every non-public block (and the IPv6 forms
 * that carry an IPv4 address) is named, public addresses answer null. Also the allow list parser.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { classifyAddress, describeAddress, parseIPv6 } from './address.ts';
import { allowKey, parseAllowList } from './allow.ts';

/** [address, the start of its category (null: public), the IPv4 form it carries] */
const TABLE: [string, string | null, string?][] = [
  // IPv4
  ['0.0.0.0', 'this network'],
  ['0.1.2.3', 'this network'],
  ['10.0.0.1', 'private'],
  ['10.255.255.255', 'private'],
  ['100.64.0.1', 'shared address space'],
  ['100.127.255.254', 'shared address space'],
  ['100.128.0.1', null],
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['169.254.169.254', 'link-local'],
  ['172.15.255.255', null],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['172.32.0.1', null],
  ['192.0.0.8', 'reserved'],
  ['192.0.2.10', 'documentation'],
  ['192.88.99.1', 'reserved'],
  ['192.167.255.255', null],
  ['192.168.1.1', 'private'],
  ['198.17.255.255', null],
  ['198.18.0.1', 'benchmarking'],
  ['198.19.255.255', 'benchmarking'],
  ['198.20.0.1', null],
  ['198.51.100.7', 'documentation'],
  ['203.0.113.9', 'documentation'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['240.0.0.1', 'reserved'],
  ['255.255.255.255', 'broadcast'],
  ['1.1.1.1', null],
  ['8.8.8.8', null],
  ['93.184.215.14', null],
  ['223.255.255.255', null],
  // IPv6
  ['::', 'unspecified'],
  ['::1', 'loopback'],
  ['0:0:0:0:0:0:0:1', 'loopback'],
  ['::ffff:127.0.0.1', 'loopback', 'IPv4-mapped 127.0.0.1'],
  ['::ffff:7f00:1', 'loopback', 'IPv4-mapped 127.0.0.1'],
  ['::ffff:10.1.2.3', 'private', 'IPv4-mapped 10.1.2.3'],
  ['::ffff:169.254.169.254', 'link-local', 'IPv4-mapped 169.254.169.254'],
  ['::ffff:8.8.8.8', null],
  ['::127.0.0.1', 'loopback', 'IPv4-compatible 127.0.0.1'],
  ['::8.8.8.8', 'reserved (IPv4-compatible)'],
  ['64:ff9b::10.0.0.1', 'private', 'NAT64 10.0.0.1'],
  ['64:ff9b::7f00:1', 'loopback', 'NAT64 127.0.0.1'],
  ['64:ff9b::8.8.8.8', null],
  ['64:ff9b:1::1', 'reserved'],
  ['100::1', 'reserved'],
  ['2002:7f00:1::1', 'loopback', '6to4 127.0.0.1'],
  ['2002:c0a8:101::1', 'private', '6to4 192.168.1.1'],
  ['2002:808:808::1', null],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'documentation', 'Teredo client 192.0.2.45'],
  ['2001:0:a00:1::', 'private', 'Teredo server 10.0.0.1'],
  ['2001:0:4136:e378:8000:63bf:f7f7:f7f7', null],
  ['2001:2::1', 'reserved'],
  ['2001:db8::1', 'documentation'],
  ['3fff::1', 'documentation'],
  ['fc00::1', 'private'],
  ['fd12:3456:789a::1', 'private'],
  ['fe80::1', 'link-local'],
  ['fe80::1%eth0', 'link-local'],
  ['febf::1', 'link-local'],
  ['fec0::1', 'private'],
  ['ff02::1', 'multicast'],
  ['4000::1', 'reserved (outside 2000::/3)'],
  ['1::1', 'reserved (outside 2000::/3)'],
  ['2606:4700:4700::1111', null],
  ['2a00:1450:4001:80b::200e', null],
  ['2001:4860:4860::8888', null],
  // not addresses
  ['localhost', 'invalid'],
  ['1.2.3', 'invalid'],
  ['', 'invalid'],
];

describe('address classifier', () => {
  for (const [address, category, via] of TABLE) {
    test(`${address || '(empty)'} -> ${category ?? 'public'}${via ? ` via ${via}` : ''}`, () => {
      const found = classifyAddress(address);
      if (category === null) {
        assert.equal(found, null);
      } else {
        assert.ok(found, 'non-public');
        assert.ok(found.category.startsWith(category), `${found.category} starts with ${category}`);
        assert.equal(found.via, via);
      }
    });
  }

  test('the reason says the address and what it is', () => {
    assert.equal(describeAddress('10.0.0.1', classifyAddress('10.0.0.1')!), 'address 10.0.0.1 is private');
    assert.equal(
      describeAddress('::ffff:127.0.0.1', classifyAddress('::ffff:127.0.0.1')!),
      'address ::ffff:127.0.0.1 is loopback (IPv4-mapped 127.0.0.1)',
    );
  });

  test('IPv6 parsing', () => {
    assert.deepEqual(parseIPv6('1:2:3:4:5:6:7:8'), [1, 2, 3, 4, 5, 6, 7, 8]);
    assert.deepEqual(parseIPv6('1::8'), [1, 0, 0, 0, 0, 0, 0, 8]);
    assert.deepEqual(parseIPv6('1:2:3:4:5:6:1.2.3.4'), [1, 2, 3, 4, 5, 6, 0x102, 0x304]);
    assert.deepEqual(parseIPv6('::ffff:1.2.3.4'), [0, 0, 0, 0, 0, 0xffff, 0x102, 0x304]);
    assert.equal(parseIPv6('1:2'), null);
    assert.equal(parseIPv6('10.0.0.1'), null);
  });
});

describe('allow list', () => {
  test('host:port entries, normalized as the URL parser writes hosts', () => {
    const list = parseAllowList(' LocalHost:8080 , [::1]:8443,10.0.0.5:80, bad, :80, host:, [0:0::1]:9 ');
    assert.deepEqual([...list].sort(), ['10.0.0.5:80', '[::1]:8443', '[::1]:9', 'localhost:8080']);
    assert.ok(list.has(allowKey(new URL('http://localhost:8080/x'))));
    assert.ok(list.has(allowKey(new URL('https://[::1]:8443/'))));
    assert.ok(list.has(allowKey(new URL('http://10.0.0.5/'))), 'the default port of the scheme');
    assert.ok(!list.has(allowKey(new URL('https://10.0.0.5/'))), 'https defaults to 443');
    assert.ok(!list.has(allowKey(new URL('http://localhost:8081/'))));
    assert.equal(parseAllowList(undefined).size, 0);
  });
});

/**
 * Which IP addresses the fetcher may connect to: public unicast only. `classifyAddress` answers
 * null for a public address, else what it is (loopback, private, link-local, shared address space,
 * multicast, documentation, reserved ...), looking through the IPv6 forms that carry an IPv4
 * address (IPv4-mapped and -compatible, NAT64 64:ff9b::/96, 6to4 2002::/16, Teredo 2001::/32) so
 * `::ffff:127.0.0.1` is loopback like 127.0.0.1. In IPv6 only 2000::/3 (global unicast) is public,
 * less its special blocks. Tables from the IANA special-purpose address registries.
 */
import { isIPv4, isIPv6 } from 'node:net';

export interface NonPublicAddress {
  /** What the address is: 'loopback', 'private', 'link-local', ... */
  category: string;
  /** For an IPv4 address inside an IPv6 one: the form and the IPv4 address, e.g. 'IPv4-mapped 127.0.0.1'. */
  via?: string;
}

/** [first octets, prefix length, category], checked in order. */
const IPV4_BLOCKS: [number[], number, string][] = [
  [[0], 8, 'this network (0.0.0.0/8)'],
  [[10], 8, 'private'],
  [[100, 64], 10, 'shared address space (100.64.0.0/10)'],
  [[127], 8, 'loopback'],
  [[169, 254], 16, 'link-local'],
  [[172, 16], 12, 'private'],
  [[192, 0, 0], 24, 'reserved (IETF protocol assignments)'],
  [[192, 0, 2], 24, 'documentation'],
  [[192, 88, 99], 24, 'reserved (6to4 relay anycast)'],
  [[192, 168], 16, 'private'],
  [[198, 18], 15, 'benchmarking'],
  [[198, 51, 100], 24, 'documentation'],
  [[203, 0, 113], 24, 'documentation'],
  [[224], 4, 'multicast'],
  [[255, 255, 255, 255], 32, 'broadcast'],
  [[240], 4, 'reserved (240.0.0.0/4)'],
];

/** [first 16-bit groups, prefix length, category], checked in order after the IPv4-carrying forms. */
const IPV6_BLOCKS: [number[], number, string][] = [
  [[0x64, 0xff9b, 1], 48, 'reserved (local-use NAT64)'],
  [[0x100, 0, 0, 0], 64, 'reserved (discard-only)'],
  [[0xfc00], 7, 'private (unique local)'],
  [[0xfe80], 10, 'link-local'],
  [[0xfec0], 10, 'private (site-local)'],
  [[0xff00], 8, 'multicast'],
  [[0x2001, 0xdb8], 32, 'documentation'],
  [[0x3fff, 0], 20, 'documentation'],
  [[0x2001, 0], 23, 'reserved (IETF protocol assignments)'],
];

function inBlock(parts: readonly number[], prefix: readonly number[], bits: number, width: number): boolean {
  let left = bits;
  for (let i = 0; left > 0; i++) {
    const take = Math.min(left, width);
    const mask = ((1 << take) - 1) << (width - take);
    if (((parts[i] ?? 0) & mask) !== ((prefix[i] ?? 0) & mask)) return false;
    left -= take;
  }
  return true;
}

/** Four octets of a dotted-quad IPv4 address, or null. */
export function parseIPv4(text: string): number[] | null {
  if (!isIPv4(text)) return null;
  return text.split('.').map(Number);
}

/** Eight 16-bit groups of an IPv6 address (a zone `%eth0` is ignored), or null. */
export function parseIPv6(address: string): number[] | null {
  let text = address.replace(/%.*$/, '');
  if (!isIPv6(text)) return null;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  if (last.includes('.')) {
    const v4 = parseIPv4(last);
    if (!v4) return null;
    tail = [(v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!];
    // Keep what comes before the dotted quad: "::ffff:" -> "::ffff", "::" stays.
    const before = text.slice(0, lastColon + 1);
    text = before.endsWith('::') ? before : before.slice(0, -1);
  }
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((g) => Number.parseInt(g, 16)));
  const gap = text.indexOf('::');
  const head = gap >= 0 ? groups(text.slice(0, gap)) : groups(text);
  const rest = gap >= 0 ? groups(text.slice(gap + 2)) : [];
  const fill = 8 - head.length - rest.length - tail.length;
  if (fill < 0 || (gap < 0 && fill !== 0)) return null;
  return [...head, ...new Array<number>(fill).fill(0), ...rest, ...tail];
}

function ipv4FromGroups(high: number, low: number): string {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

function classifyIPv4(octets: readonly number[]): NonPublicAddress | null {
  for (const [prefix, bits, category] of IPV4_BLOCKS) {
    if (inBlock(octets, prefix, bits, 8)) return { category };
  }
  return null;
}

/** The IPv4 address inside `v4` seen through the IPv6 form `form`: its class, or null if public. */
function throughEmbedded(form: string, v4: string): NonPublicAddress | null {
  const inner = classifyIPv4(parseIPv4(v4)!);
  return inner ? { category: inner.category, via: `${form} ${v4}` } : null;
}

function classifyIPv6(g: readonly number[]): NonPublicAddress | null {
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 8)) return { category: 'unspecified' };
  if (zeros(0, 7) && g[7] === 1) return { category: 'loopback' };
  const last32 = ipv4FromGroups(g[6]!, g[7]!);
  if (zeros(0, 5) && g[5] === 0xffff) return throughEmbedded('IPv4-mapped', last32);
  if (zeros(0, 6)) {
    return throughEmbedded('IPv4-compatible', last32) ?? { category: 'reserved (IPv4-compatible)' };
  }
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return throughEmbedded('NAT64', last32);
  if (g[0] === 0x2002) return throughEmbedded('6to4', ipv4FromGroups(g[1]!, g[2]!));
  if (g[0] === 0x2001 && g[1] === 0) {
    // Teredo: the server's IPv4 address, then the client's, stored inverted.
    return (
      throughEmbedded('Teredo server', ipv4FromGroups(g[2]!, g[3]!)) ??
      throughEmbedded('Teredo client', ipv4FromGroups(~g[6]! & 0xffff, ~g[7]! & 0xffff))
    );
  }
  for (const [prefix, bits, category] of IPV6_BLOCKS) {
    if (inBlock(g, prefix, bits, 16)) return { category };
  }
  if ((g[0]! & 0xe000) !== 0x2000) return { category: 'reserved (outside 2000::/3)' };
  return null;
}

/** Null for a public address; else what it is. Text that is no IP address counts as 'invalid'. */
export function classifyAddress(address: string): NonPublicAddress | null {
  const v4 = parseIPv4(address);
  if (v4) return classifyIPv4(v4);
  const v6 = parseIPv6(address);
  if (v6) return classifyIPv6(v6);
  return { category: 'invalid' };
}

/** "address 10.0.0.1 is private", "address ::ffff:127.0.0.1 is loopback (IPv4-mapped 127.0.0.1)". */
export function describeAddress(address: string, found: NonPublicAddress): string {
  return `address ${address} is ${found.category}${found.via ? ` (${found.via})` : ''}`;
}

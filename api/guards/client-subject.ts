// What a per-client limit counts: an IPv4 address, or an IPv6 /64. A home or mobile network
// gets a whole /64, and a client can pick any address in it, so counting single IPv6 addresses
// would give one sender billions of budgets (and let it push everyone else's counters out of
// the limiter's memory).
import { isIPv6 } from 'node:net';

/** The eight 16-bit groups of a valid IPv6 address (without a zone), in order. */
function ipv6Groups(address: string): number[] {
  let text = address;
  // A trailing dotted IPv4 part stands for the last two groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const parse = (part: string | undefined): number[] =>
    part ? part.split(':').map((g) => Number.parseInt(g, 16)) : [];
  const [head, tail] = text.split('::');
  if (tail === undefined) return parse(head);
  const first = parse(head);
  const last = parse(tail);
  return [...first, ...new Array<number>(8 - first.length - last.length).fill(0), ...last];
}

/** The address as a limit should count it; anything that is not IPv6 is returned as it is. */
export function clientSubject(address: string): string {
  const bare = address.split('%')[0] ?? address; // a zone (fe80::1%eth0) names no client
  if (!isIPv6(bare)) return address;
  const groups = ipv6Groups(bare);
  // An IPv4 client reached over IPv6 (::ffff:a.b.c.d) is that IPv4 client.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [hi = 0, lo = 0] = groups.slice(6);
    return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

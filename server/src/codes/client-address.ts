import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/**
 * The client address that rate limits count by. The connection's peer, unless `trustProxy` proxies
 * stand in front: each appends the address it saw to `X-Forwarded-For`, so the client is the entry
 * `trustProxy` places from the end (entries before it are whatever the client claimed). IPv6
 * clients count by their /64, which one subscriber usually holds whole.
 */
export function clientAddressOf(context: Context, trustProxy: number): string {
  const peer = peerAddressOf(context);
  if (trustProxy === 0) return limitKeyOf(peer);
  const forwarded = (context.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  return limitKeyOf(forwarded[forwarded.length - trustProxy] ?? peer);
}

// Without a Node connection (the API called through `fetch` directly) every client counts as one.
function peerAddressOf(context: Context): string {
  const bindings = context.env as { incoming?: IncomingMessage } | undefined;
  return bindings?.incoming?.socket.remoteAddress ?? 'unknown';
}

/** An IPv4 address as it is; an IPv6 address by its first 64 bits; IPv4-mapped IPv6 as IPv4. */
export function limitKeyOf(address: string): string {
  const plain = address.toLowerCase().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(plain);
  if (mapped?.[1] !== undefined) return mapped[1];
  if (!plain.includes(':')) return plain;
  const [head = '', tail = ''] = plain.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = plain.includes('::') && tail !== '' ? tail.split(':') : [];
  const groups = plain.includes('::')
    ? [...headGroups, ...Array<string>(Math.max(0, 8 - headGroups.length - tailGroups.length)).fill('0'), ...tailGroups]
    : headGroups;
  return `${groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

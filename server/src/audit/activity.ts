import { Hono } from 'hono';
import type { SecurityActivity, SecurityEvent, SecurityEventKind } from '../../../src/protocol/index.ts';
import { browserOf, operatingSystemOf } from '../account/user-agent.ts';
import { signedIn } from '../middleware/session.ts';
import { endpoint } from '../routes/endpoint.ts';
import type { ServerContext } from '../server-context.ts';
import { listSecurityEvents, type SecurityEventRecord } from './store.ts';

/** How many events the account page gets. */
export const activityLength = 20;

/** The account's recent security activity (docs/protocol.md, `GET /account/activity`). */
export function securityActivityRoutes(context: ServerContext): Hono {
  const app = new Hono();
  app.on(...endpoint('securityActivity'), signedIn(context, 'securityActivity'), async (c) => {
    const { user, session } = c.var.signedIn;
    const events = await listSecurityEvents(context.database, user.id, activityLength);
    return c.json({ events: events.flatMap((event) => securityEventJson(event, session.id)) } satisfies SecurityActivity);
  });
  return app;
}

/** An event as the page shows it: the device and network, never the full address or the raw user agent. */
export function securityEventJson(event: SecurityEventRecord, currentSessionId: string): SecurityEvent[] {
  // An account lists its own events only; its deletion is never one of them.
  if (event.kind === 'account-deleted') return [];
  const kind: SecurityEventKind = event.kind;
  const { method, passkeyName, revoked, optOut } = event.detail;
  return [{
    kind,
    at: event.occurredAt.toISOString(),
    outcome: event.outcome,
    ...(method === undefined ? {} : { method }),
    ...(passkeyName === undefined ? {} : { passkeyName }),
    ...(revoked === undefined ? {} : { revoked }),
    ...(optOut === undefined ? {} : { optOut }),
    browser: event.userAgent === null ? null : browserOf(event.userAgent),
    os: event.userAgent === null ? null : operatingSystemOf(event.userAgent),
    network: event.clientAddress === null ? null : networkOf(event.clientAddress),
    current: event.sessionId !== null && event.sessionId === currentSessionId,
  }];
}

/**
 * The network of a client address as the log keeps it (IPv4, or an IPv6 /64): its IPv4 /24 or
 * IPv6 /48. Enough for the user to tell their own network from a foreign one, not enough to
 * single out a device. Null for anything else (`unknown`, when the server is called without a socket).
 */
export function networkOf(clientAddress: string): string | null {
  const ipv4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/.exec(clientAddress);
  if (ipv4) return `${ipv4[1]}.${ipv4[2]}.${ipv4[3]}.0/24`;
  const ipv6 = /^([0-9a-f]{1,4}):([0-9a-f]{1,4}):([0-9a-f]{1,4}):[0-9a-f]{1,4}::\/64$/.exec(clientAddress);
  if (ipv6) return ipv6.slice(1, 4).every((group) => /^0+$/.test(group ?? '')) ? '::/48' : `${ipv6[1]}:${ipv6[2]}:${ipv6[3]}::/48`;
  return null;
}

import { Hono } from 'hono';
import type { SessionAnswer } from '../../../src/protocol/index.ts';
import { recordSecurityEvent } from '../audit/events.ts';
import type { ServerContext } from '../server-context.ts';
import { clearSessionCookie, readSessionToken } from '../session-cookie.ts';
import { deleteSession, findSessionUser } from '../store/sessions.ts';
import { publicUser } from '../store/users.ts';
import { endpoint } from './endpoint.ts';

/** Who is signed in, and signing out. */
export function sessionRoutes(context: ServerContext): Hono {
  const { config, database } = context;
  const app = new Hono();
  app.on(...endpoint('currentUser'), async (c) => {
    const token = readSessionToken(c, config);
    const user = token === undefined ? undefined : await findSessionUser(database, token, config);
    // A cookie naming no live session is useless: drop it so the browser stops sending it.
    if (user === undefined && token !== undefined) clearSessionCookie(c, config);
    return c.json({ user: user === undefined ? null : publicUser(user) } satisfies SessionAnswer);
  });
  app.on(...endpoint('signOut'), async (c) => {
    const token = readSessionToken(c, config);
    // Recorded first, while the session still names its account.
    if (token !== undefined) await recordSecurityEvent(context, c, { kind: 'signed-out', sessionToken: token });
    if (token !== undefined) await deleteSession(database, token);
    clearSessionCookie(c, config);
    return c.body(null, 204);
  });
  return app;
}

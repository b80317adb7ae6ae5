import type { Hono } from 'hono';
import { clearSessionCookie, readSessionToken } from '../session-cookie.ts';
import { deleteSession, findSessionUser } from '../store/sessions.ts';
import { publicUser } from '../store/users.ts';
import type { RouteContext } from './context.ts';

/** GET /session (who is signed in) and DELETE /session (sign out). */
export function sessionRoutes(api: Hono, { config, database }: RouteContext): void {
  api.get('/session', async (context) => {
    const token = readSessionToken(context, config);
    const user = token === undefined ? undefined : await findSessionUser(database, token);
    // A cookie naming no live session is useless: drop it so the browser stops sending it.
    if (user === undefined && token !== undefined) clearSessionCookie(context, config);
    return context.json({ user: user === undefined ? null : publicUser(user) });
  });

  api.delete('/session', async (context) => {
    const token = readSessionToken(context, config);
    if (token !== undefined) await deleteSession(database, token);
    clearSessionCookie(context, config);
    return context.body(null, 204);
  });
}

import type { Hono } from 'hono';
import { authenticatorNames } from '../account/authenticator-names.ts';
import { accountUserJson, passkeyJson, sessionJson } from '../account/views.ts';
import { readJsonBody } from '../http.ts';
import { Problem } from '../problem.ts';
import { clearSessionCookie } from '../session-cookie.ts';
import { listCredentials } from '../store/credentials.ts';
import { deleteOtherSessions, deleteSessionOfUser, findSessionOfUser, listSessions } from '../store/sessions.ts';
import { deleteUser, updateDisplayName } from '../store/users.ts';
import { isSessionId, normaliseDisplayName, requireObject, requireString } from '../validate.ts';
import type { RouteContext } from './context.ts';
import { requireRecentVerification, requireSignedIn } from './signed-in.ts';

/** The signed-in user's account: GET/PATCH/DELETE /account and revoking sessions. */
export function accountRoutes(api: Hono, routeContext: RouteContext): void {
  const { config, database } = routeContext;

  // Everything the account page shows, in one request.
  api.get('/account', async (context) => {
    const { user, session } = await requireSignedIn(context, routeContext);
    const names = await authenticatorNames();
    const credentials = await listCredentials(database, user.id);
    const sessions = await listSessions(database, user.id);
    // The current session first: it is the one the user recognises.
    const ordered = [
      ...sessions.filter((listed) => listed.id === session.id),
      ...sessions.filter((listed) => listed.id !== session.id),
    ];
    return context.json({
      // With the user handle, what the page needs to tell the passkey manager about this account.
      rpId: config.rpId,
      user: accountUserJson(user),
      passkeys: credentials.map((credential) => passkeyJson(credential, session.credentialId, names)),
      sessions: ordered.map((listed) => sessionJson(listed, session.id)),
    });
  });

  // Not sensitive, like renaming a passkey: it changes how the account is shown, not who gets in.
  api.patch('/account', async (context) => {
    const { user } = await requireSignedIn(context, routeContext);
    const body = requireObject(await readJsonBody(context.req), 'The body');
    const displayName = normaliseDisplayName(requireString(body, 'displayName'), user.identifier);
    const updated = await updateDisplayName(database, user.id, displayName);
    // The account was deleted between the session check and the update.
    if (updated === undefined) throw new Problem('not-signed-in', 'This needs a signed-in session.');
    return context.json({ user: accountUserJson(updated) });
  });

  api.delete('/account', async (context) => {
    const signedIn = await requireSignedIn(context, routeContext);
    requireRecentVerification(signedIn, config);
    await deleteUser(database, signedIn.user.id);
    clearSessionCookie(context, config);
    return context.body(null, 204);
  });

  // Registered before /sessions/:id, which would otherwise take "others" for an id.
  api.delete('/sessions/others', async (context) => {
    const signedIn = await requireSignedIn(context, routeContext);
    requireRecentVerification(signedIn, config);
    const revoked = await deleteOtherSessions(database, signedIn.user.id, signedIn.session.tokenHash);
    return context.json({ revoked });
  });

  api.delete('/sessions/:id', async (context) => {
    const signedIn = await requireSignedIn(context, routeContext);
    const { user, session } = signedIn;
    const sessionId = context.req.param('id');
    const target = isSessionId(sessionId) ? await findSessionOfUser(database, user.id, sessionId) : undefined;
    // Another user's session gets the same answer, so ids cannot be probed.
    if (target === undefined) throw new Problem('unknown-session', 'The account has no live session with this id.');
    requireRecentVerification(signedIn, config);
    await deleteSessionOfUser(database, user.id, target.id);
    if (target.id === session.id) clearSessionCookie(context, config);
    return context.body(null, 204);
  });
}

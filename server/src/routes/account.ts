import { Hono } from 'hono';
import type { Account, AccountUser, AccountUserAnswer, RevokedAnswer } from '../../../src/protocol/index.ts';
import { authenticatorNames } from '../account/authenticator-names.ts';
import { recordAccountDeleted, recordSecurityEvent } from '../audit/events.ts';
import { accountUserJson, passkeyJson, sessionJson } from '../account/views.ts';
import { readJsonBody } from '../http.ts';
import { recentlyVerified, requireRecentVerification, signedIn } from '../middleware/session.ts';
import { Problem } from '../problem.ts';
import type { Queryable } from '../db/database.ts';
import type { ServerContext } from '../server-context.ts';
import { countUnusedRecoveryCodes } from '../store/recovery-codes.ts';
import { clearSessionCookie } from '../session-cookie.ts';
import { listCredentialIds, listCredentials } from '../store/credentials.ts';
import { deleteOtherSessions, deleteSessionOfUser, findSessionOfUser, listSessions } from '../store/sessions.ts';
import { deleteUser, updateDisplayName, type UserRecord } from '../store/users.ts';
import { isSessionId, normaliseDisplayName, requireObject, requireString } from '../validate.ts';
import { endpoint } from './endpoint.ts';

/** The account's user as the account page shows it: under the two-factor policy with its recovery state. */
export async function accountUser({ config }: ServerContext, db: Queryable, user: UserRecord): Promise<AccountUser> {
  if (config.signInPolicy !== 'two-factor') return accountUserJson(user);
  return accountUserJson(user, { recoveryCodesLeft: await countUnusedRecoveryCodes(db, user.id) });
}

/** The signed-in user's account: show, rename, delete, and its sessions. */
export function accountRoutes(context: ServerContext): Hono {
  const { config, database } = context;
  const app = new Hono();
  // Everything the account page shows, in one request.
  app.on(...endpoint('account'), signedIn(context, 'account'), async (c) => {
    const { user, session } = c.var.signedIn;
    const names = await authenticatorNames();
    const credentials = await listCredentials(database, user.id);
    const sessions = await listSessions(database, user.id);
    // The current session first: it is the one the user recognises.
    const ordered = [
      ...sessions.filter((listed) => listed.id === session.id),
      ...sessions.filter((listed) => listed.id !== session.id),
    ];
    return c.json({
      // With the user handle, what the page needs to tell the passkey manager about this account.
      rpId: config.rpId,
      user: await accountUser(context, database, user),
      passkeys: credentials.map((credential) => passkeyJson(credential, session.credentialId, names)),
      sessions: ordered.map((listed) => sessionJson(listed, session.id)),
    } satisfies Account);
  });
  // Not sensitive, like renaming a passkey: it changes how the account is shown, not who gets in.
  app.on(...endpoint('updateAccount'), signedIn(context, 'updateAccount'), async (c) => {
    const { user } = c.var.signedIn;
    const body = requireObject(await readJsonBody(c.req), 'The body');
    const displayName = normaliseDisplayName(requireString(body, 'displayName'), user.identifier);
    const updated = await updateDisplayName(database, user.id, displayName);
    // The account was deleted between the session check and the update.
    if (updated === undefined) throw new Problem('not-signed-in', 'This needs a signed-in session.');
    return c.json({ user: await accountUser(context, database, updated) } satisfies AccountUserAnswer);
  });
  app.on(...endpoint('deleteAccount'), signedIn(context, 'deleteAccount'), recentlyVerified(context), async (c) => {
    // Where passkeys live elsewhere too (a hosted engine), gone there first: a failure there keeps the account.
    const { forgetPasskey } = context.webauthn;
    if (forgetPasskey !== undefined) {
      for (const credentialId of await listCredentialIds(database, c.var.signedIn.user.id)) await forgetPasskey(credentialId);
    }
    await deleteUser(database, c.var.signedIn.user.id);
    await recordAccountDeleted(context, c, c.var.signedIn.user.id);
    clearSessionCookie(c, config);
    return c.body(null, 204);
  });
  // Before revokeSession, whose `:id` would otherwise take "others" for an id.
  app.on(...endpoint('revokeOtherSessions'), signedIn(context, 'revokeOtherSessions'), recentlyVerified(context), async (c) => {
    const { user, session } = c.var.signedIn;
    const revoked = await deleteOtherSessions(database, user.id, session.tokenHash);
    await recordSecurityEvent(context, c, { kind: 'other-sessions-revoked', detail: { revoked } });
    return c.json({ revoked } satisfies RevokedAnswer);
  });
  app.on(...endpoint('revokeSession'), signedIn(context, 'revokeSession'), async (c) => {
    const { user, session } = c.var.signedIn;
    const sessionId = c.req.param('id') ?? '';
    const target = isSessionId(sessionId) ? await findSessionOfUser(database, user.id, sessionId) : undefined;
    // Another user's session gets the same answer, so ids cannot be probed.
    if (target === undefined) throw new Problem('unknown-session', 'The account has no live session with this id.');
    requireRecentVerification(c, config);
    await deleteSessionOfUser(database, user.id, target.id);
    await recordSecurityEvent(context, c, { kind: 'session-revoked' });
    if (target.id === session.id) clearSessionCookie(c, config);
    return c.body(null, 204);
  });
  return app;
}

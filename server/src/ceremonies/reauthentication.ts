import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { Problem } from '../problem.ts';
import type { ServerContext } from '../server-context.ts';
import { saveChallenge } from '../store/challenges.ts';
import { findCredentialWithUser, listCredentialIds, recordCredentialUse } from '../store/credentials.ts';
import { markVerifiedWithNewToken, type CurrentSession, type RenewedSession } from '../store/sessions.ts';
import { accountDeleted, lockUser, type UserRecord } from '../store/users.ts';
import { challengeOwner, requireAttemptAllowed } from '../limits/ceremonies.ts';
import { takeChallenge } from './challenge.ts';
import { verifyKnownPasskey } from './known-passkey.ts';

/** Starts a fresh passkey check by the signed-in user, limited to the account's passkeys. */
export async function beginReauthentication(
  context: ServerContext,
  client: string,
  user: UserRecord,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const { config, database, webauthn } = context;
  await requireAttemptAllowed(context, 'account', user.id);
  const options = await webauthn.requestOptions({ allowCredentials: await listCredentialIds(database, user.id) });
  await saveChallenge(database, {
    challenge: options.challenge,
    purpose: 'reauthenticate',
    owner: challengeOwner(context, client),
    userId: user.id,
    ttlMs: config.challengeTtlMs,
  });
  return options;
}

/** Verifies the assertion, then records the passkey's use and the session's verification, under a new token. */
export async function finishReauthentication(
  context: ServerContext,
  { user, session }: { user: UserRecord; session: CurrentSession },
  response: AuthenticationResponseJSON,
): Promise<RenewedSession> {
  const { database } = context;
  await requireAttemptAllowed(context, 'account', user.id);
  const challenge = await takeChallenge(context, response.response.clientDataJSON, {
    type: 'webauthn.get',
    purpose: 'reauthenticate',
    forUser: user.id,
  });
  // Someone else's passkey, even a valid one, says nothing about who holds this session.
  const found = await findCredentialWithUser(database, response.id);
  if (found === undefined || found.user.id !== user.id) {
    throw new Problem('verification-failed', 'This is not a passkey of the signed-in account.');
  }
  const assertion = await verifyKnownPasskey(context, response, challenge.challenge, found, { userHandleRequired: false });
  return database.transaction(async (transaction) => {
    if (!(await lockUser(transaction, user.id, 'use'))) throw accountDeleted();
    if (!(await recordCredentialUse(transaction, found.credential.id, { counter: assertion.newCounter, backedUp: assertion.backedUp }))) {
      throw new Problem('verification-failed', 'This passkey was removed meanwhile.');
    }
    const renewed = await markVerifiedWithNewToken(transaction, session.tokenHash, 'passkey');
    if (renewed === undefined) throw new Problem('not-signed-in', 'The session ended meanwhile.');
    return renewed;
  });
}

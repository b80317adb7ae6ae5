import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { ServerContext } from '../server-context.ts';
import { saveChallenge } from '../store/challenges.ts';
import { insertCredential, listCredentials, type CredentialRecord } from '../store/credentials.ts';
import { clearPasskeyRequired, type CurrentSession } from '../store/sessions.ts';
import { accountDeleted, lockUser, type UserRecord } from '../store/users.ts';
import { challengeOwner } from '../limits/ceremonies.ts';
import { takeChallenge } from './challenge.ts';

/**
 * Starts adding a passkey to a signed-in account (the route has checked the recent verification).
 * The account's own user handle, so that the new passkey signs in to this same account.
 */
export async function beginAddPasskey(
  context: ServerContext,
  client: string,
  user: UserRecord,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const { config, database, webauthn } = context;
  const options = await webauthn.creationOptions({
    userHandle: user.webauthnUserId,
    userName: user.identifier,
    displayName: user.displayName,
    exclude: await listCredentials(database, user.id),
  });
  await saveChallenge(database, {
    challenge: options.challenge,
    purpose: 'add-passkey',
    owner: challengeOwner(context, client),
    userId: user.id,
    ttlMs: config.challengeTtlMs,
  });
  return options;
}

/**
 * Verifies the new passkey against a challenge issued to this account, then stores it; a session
 * that had to add a passkey first may do everything again.
 */
export async function finishAddPasskey(
  context: ServerContext,
  { user, session }: { user: UserRecord; session: CurrentSession },
  response: RegistrationResponseJSON,
): Promise<CredentialRecord> {
  const challenge = await takeChallenge(context, response.response.clientDataJSON, {
    type: 'webauthn.create',
    purpose: 'add-passkey',
    forUser: user.id,
  });
  // Not a re-authentication: it proves a new authenticator, not one the account already trusted.
  const passkey = await context.webauthn.verifyRegistration(response, challenge.challenge);
  return context.database.transaction(async (transaction) => {
    if (!(await lockUser(transaction, user.id, 'use'))) throw accountDeleted();
    const stored = await insertCredential(transaction, { ...passkey, userId: user.id });
    if (session.passkeyRequired) await clearPasskeyRequired(transaction, session.tokenHash);
    return stored;
  });
}

import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { Problem } from '../problem.ts';
import type { ServerContext } from '../server-context.ts';
import { saveChallenge } from '../store/challenges.ts';
import { findCredentialWithUser, listCredentialIds, recordCredentialUse } from '../store/credentials.ts';
import { createSession } from '../store/sessions.ts';
import { findUserByIdentifier, lockUser, type UserRecord } from '../store/users.ts';
import { takeChallenge } from './challenge.ts';
import { verifyKnownPasskey } from './known-passkey.ts';

const unknownUser = () => new Problem('unknown-user', 'No account has this identifier.');

/** Starts a sign-in: usernameless without `identifier`, else limited to that account's passkeys. */
export async function beginSignIn(context: ServerContext, identifier: string | undefined): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const { config, database, webauthn } = context;
  let userId: string | undefined;
  let allowCredentials: string[] | undefined;
  if (identifier !== undefined) {
    const user = await findUserByIdentifier(database, identifier);
    if (user === undefined) throw unknownUser();
    userId = user.id;
    allowCredentials = await listCredentialIds(database, user.id);
  }
  const options = await webauthn.requestOptions({ allowCredentials });
  // An account deleted since it was read is as unknown as one that never existed.
  await saveChallenge(database, { challenge: options.challenge, purpose: 'login', userId, ttlMs: config.challengeTtlMs }, unknownUser);
  return options;
}

/** Verifies the assertion, then records the passkey's use and opens a session in one transaction. */
export async function finishSignIn(
  context: ServerContext,
  response: AuthenticationResponseJSON,
  userAgent: string | null,
): Promise<{ user: UserRecord; token: string }> {
  const { config, database } = context;
  const challenge = await takeChallenge(context, response.response.clientDataJSON, { type: 'webauthn.get', purpose: 'login' });
  // The id lets the client tell the authenticator to forget the passkey (signalUnknownCredential).
  const unknownCredential = () =>
    new Problem('unknown-credential', 'This passkey is not registered here.', { extensions: { credentialId: response.id } });
  const found = await findCredentialWithUser(database, response.id);
  if (found === undefined) throw unknownCredential();
  const { credential, user } = found;
  // An identifier-first challenge accepts only that account's passkeys.
  if (challenge.userId !== null && challenge.userId !== user.id) {
    throw new Problem('challenge-invalid', 'The challenge was issued for another account.');
  }
  const assertion = await verifyKnownPasskey(context, response, challenge.challenge, found);
  const token = await database.transaction(async (transaction) => {
    // The passkey or the whole account may have been removed since it was read: then it is unknown now.
    const stillThere =
      (await lockUser(transaction, user.id, 'use')) &&
      (await recordCredentialUse(transaction, credential.id, { counter: assertion.newCounter, backedUp: assertion.backedUp }));
    if (!stillThere) throw unknownCredential();
    return createSession(transaction, {
      userId: user.id,
      proof: { signedInWith: 'passkey', credentialId: credential.id },
      userAgent,
      ttlMs: config.sessionTtlMs,
    });
  });
  return { user, token };
}

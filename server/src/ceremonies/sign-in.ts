import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { Problem } from '../problem.ts';
import type { ServerContext } from '../server-context.ts';
import { saveChallenge } from '../store/challenges.ts';
import { findCredentialWithUser, recordCredentialUse } from '../store/credentials.ts';
import { createSession } from '../store/sessions.ts';
import { findSignInAccount } from '../store/sign-in-accounts.ts';
import { lockUser, type UserRecord } from '../store/users.ts';
import { challengeOwner, requireAttemptAllowed } from '../limits/ceremonies.ts';
import { takeChallenge } from './challenge.ts';
import { decoyCredentialIds } from './decoy-passkeys.ts';
import { verifyKnownPasskey } from './known-passkey.ts';

const unknownUser = () => new Problem('unknown-user', 'No account has this identifier.');

/**
 * Starts a sign-in: usernameless without `identifier`, else limited to that account's passkeys.
 * In enumeration-safe mode an identifier without passkeys (no account, or none yet) gets decoy
 * passkeys and a challenge no real passkey can answer, after the same query and the same work.
 */
export async function beginSignIn(
  context: ServerContext,
  client: string,
  identifier: string | undefined,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const { config, database, webauthn } = context;
  const owner = challengeOwner(context, client);
  if (identifier === undefined) {
    const options = await webauthn.requestOptions({});
    await saveChallenge(database, { challenge: options.challenge, purpose: 'login', owner, ttlMs: config.challengeTtlMs });
    return options;
  }
  await requireAttemptAllowed(context, 'identifier', identifier);
  const account = await findSignInAccount(database, identifier);
  if (account === undefined && !config.enumerationSafe) throw unknownUser();
  const decoys = config.enumerationSafe ? decoyCredentialIds(context.hashKey, identifier) : [];
  const credentialIds = account?.credentialIds ?? [];
  const options = await webauthn.requestOptions({ allowCredentials: credentialIds.length > 0 ? credentialIds : decoys });
  const binding = account === undefined ? { decoy: true } : { userId: account.userId };
  // An account deleted since it was read is as unknown as one that never existed.
  await saveChallenge(database, { challenge: options.challenge, purpose: 'login', owner, ...binding, ttlMs: config.challengeTtlMs }, unknownUser);
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
  // Not in enumeration-safe mode: a forged assertion would tell the real credential ids of
  // identifier-first options from decoys.
  const unknownCredential = () =>
    config.enumerationSafe
      ? new Problem('verification-failed', 'The response could not be verified.')
      : new Problem('unknown-credential', 'This passkey is not registered here.', { extensions: { credentialId: response.id } });
  const found = await findCredentialWithUser(database, response.id);
  if (found === undefined) throw unknownCredential();
  const { credential, user } = found;
  // An identifier-first challenge accepts only that account's passkeys; a decoy's, none.
  if (challenge.accountBound && challenge.userId !== user.id) {
    throw new Problem('challenge-invalid', 'The challenge was issued for another account.');
  }
  const assertion = await verifyKnownPasskey(context, response, challenge.challenge, found, { userHandleRequired: challenge.userId === null });
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
      limits: config,
    });
  });
  return { user, token };
}

import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { Problem } from '../problem.ts';
import type { ServerContext } from '../server-context.ts';
import { saveChallenge } from '../store/challenges.ts';
import { findCredentialWithUser, recordCredentialUse } from '../store/credentials.ts';
import { createSession } from '../store/sessions.ts';
import { findSignInAccount } from '../store/sign-in-accounts.ts';
import type { UserRecord } from '../store/users.ts';
import { challengeOwner, requireAttemptAllowed } from '../limits/ceremonies.ts';
import { takeChallenge } from './challenge.ts';
import { decoyCredentialIds } from './decoy-passkeys.ts';
import { verifyKnownPasskey } from './known-passkey.ts';

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
  if (account === undefined && !config.enumerationSafe) throw new Problem('unknown-user', 'No account has this identifier.');
  const decoys = config.enumerationSafe ? decoyCredentialIds(context.hashKey, identifier) : [];
  const credentialIds = account?.credentialIds ?? [];
  const options = await webauthn.requestOptions({ allowCredentials: credentialIds.length > 0 ? credentialIds : decoys });
  await saveChallenge(database, {
    challenge: options.challenge,
    purpose: 'login',
    owner,
    ...(account === undefined ? { decoy: true } : { userId: account.userId }),
    ttlMs: config.challengeTtlMs,
  });
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
  const found = await findCredentialWithUser(database, response.id);
  if (found === undefined) {
    // Else a forged assertion would tell the real credential ids of identifier-first options from decoys.
    if (config.enumerationSafe) throw new Problem('verification-failed', 'The response could not be verified.');
    // The id lets the client tell the authenticator to forget the passkey (signalUnknownCredential).
    throw new Problem('unknown-credential', 'This passkey is not registered here.', { extensions: { credentialId: response.id } });
  }
  const { credential, user } = found;
  // An identifier-first challenge accepts only that account's passkeys; a decoy's, none.
  if (challenge.accountBound && challenge.userId !== user.id) {
    throw new Problem('challenge-invalid', 'The challenge was issued for another account.');
  }
  const assertion = await verifyKnownPasskey(context, response, challenge.challenge, found, { userHandleRequired: challenge.userId === null });
  const token = await database.transaction(async (transaction) => {
    await recordCredentialUse(transaction, credential.id, { counter: assertion.newCounter, backedUp: assertion.backedUp });
    return createSession(transaction, {
      userId: user.id,
      proof: { signedInWith: 'passkey', credentialId: credential.id },
      userAgent,
      limits: config,
    });
  });
  return { user, token };
}

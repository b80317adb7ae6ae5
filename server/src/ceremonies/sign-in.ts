import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { Problem } from '../problem.ts';
import type { ServerContext } from '../server-context.ts';
import { saveChallenge } from '../store/challenges.ts';
import { openPasskeySession } from '../store/passkey-sign-in.ts';
import { findSignInAccount } from '../store/sign-in-accounts.ts';
import type { UserRecord } from '../store/users.ts';
import { challengeOwner, requireAttemptAllowed } from '../limits/ceremonies.ts';
import { takeLoginChallenge } from './challenge.ts';
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

/** Verifies the assertion, then records the passkey's use and opens a session in one statement. */
export async function finishSignIn(
  context: ServerContext,
  response: AuthenticationResponseJSON,
  userAgent: string | null,
): Promise<{ user: UserRecord; token: string }> {
  const { config, database } = context;
  const { challenge, found } = await takeLoginChallenge(context, response.response.clientDataJSON, response.id);
  // The id lets the client tell the authenticator to forget the passkey (signalUnknownCredential).
  // Not in enumeration-safe mode: a forged assertion would tell the real credential ids of
  // identifier-first options from decoys.
  const unknownCredential = () =>
    config.enumerationSafe
      ? new Problem('verification-failed', 'The response could not be verified.')
      : new Problem('unknown-credential', 'This passkey is not registered here.', { extensions: { credentialId: response.id } });
  if (found === undefined) throw unknownCredential();
  const { credential, user } = found;
  // An identifier-first challenge accepts only that account's passkeys; a decoy's, none.
  if (challenge.accountBound && challenge.userId !== user.id) {
    throw new Problem('challenge-invalid', 'The challenge was issued for another account.');
  }
  const assertion = await verifyKnownPasskey(context, response, challenge.challenge, found, { userHandleRequired: challenge.userId === null });
  // The passkey or the whole account may have been removed since it was read: then it is unknown now.
  const token = await openPasskeySession(database, {
    userId: user.id,
    credentialId: credential.id,
    use: { counter: assertion.newCounter, backedUp: assertion.backedUp },
    userAgent,
    limits: config,
  });
  if (token === undefined) throw unknownCredential();
  return { user, token };
}

import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { Problem } from '../problem.ts';
import type { ServerContext } from '../server-context.ts';
import { saveChallenge } from '../store/challenges.ts';
import { insertCredential } from '../store/credentials.ts';
import { createSession } from '../store/sessions.ts';
import { findUserByIdentifier, insertUser, type UserRecord } from '../store/users.ts';
import { takeChallenge } from './challenge.ts';

/** Starts a sign-up. The account is only created once its passkey is verified; until then it lives with the challenge. */
export async function beginSignUp(
  context: ServerContext,
  { identifier, displayName }: { identifier: string; displayName: string },
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const { config, database, webauthn } = context;
  if ((await findUserByIdentifier(database, identifier)) !== undefined) {
    throw new Problem('identifier-taken', 'An account with this identifier already exists.');
  }
  const options = await webauthn.creationOptions({ userName: identifier, displayName, exclude: [] });
  await saveChallenge(database, {
    challenge: options.challenge,
    purpose: 'register',
    pending: { identifier, displayName, webauthnUserId: options.user.id },
    ttlMs: config.challengeTtlMs,
  });
  return options;
}

/** Verifies the new passkey, then creates the account, its passkey and a session in one transaction. */
export async function finishSignUp(
  context: ServerContext,
  response: RegistrationResponseJSON,
  userAgent: string | null,
): Promise<{ user: UserRecord; token: string }> {
  const { config, database, webauthn } = context;
  const challenge = await takeChallenge(context, response.response.clientDataJSON, { type: 'webauthn.create', purpose: 'register' });
  const pending = challenge.pending;
  if (pending === null) throw new Problem('challenge-invalid', 'The challenge carries no pending sign-up.');

  const passkey = await webauthn.verifyRegistration(response, challenge.challenge);
  return database.transaction(async (transaction) => {
    const user = await insertUser(transaction, pending);
    await insertCredential(transaction, { ...passkey, userId: user.id });
    const token = await createSession(transaction, { userId: user.id, credentialId: passkey.id, userAgent, ttlMs: config.sessionTtlMs });
    return { user, token };
  });
}

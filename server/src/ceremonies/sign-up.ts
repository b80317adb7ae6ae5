import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { Problem } from '../problem.ts';
import type { ServerContext } from '../server-context.ts';
import { saveChallenge } from '../store/challenges.ts';
import { insertCredential } from '../store/credentials.ts';
import { issueRecoveryCodes } from '../codes/recovery.ts';
import { createSession } from '../store/sessions.ts';
import { addressInUse, findUserByIdentifier, insertUser, type UserRecord } from '../store/users.ts';
import { challengeOwner } from '../limits/ceremonies.ts';
import { takeChallenge } from './challenge.ts';

/**
 * Starts a sign-up. The account is only created once its passkey is verified; until then it lives
 * with the challenge. An email identifier must be free as an identifier and as an address. In
 * enumeration-safe mode an email sign-up always goes through a code, taken address or not: only
 * the mail then differs. A username cannot be confirmed by mail, so a taken one still answers
 * `identifier-taken`.
 */
export async function beginSignUp(
  context: ServerContext,
  client: string,
  { identifier, displayName }: { identifier: string; displayName: string },
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const { config, database, webauthn } = context;
  const isEmail = identifier.includes('@');
  const safeByCode = config.enumerationSafe && isEmail && config.emailVerification !== 'off';
  if (config.emailVerification === 'required' || safeByCode) {
    throw new Problem('email-verification-required', 'This server signs up with a confirmed address: start with POST /register/code.');
  }
  const taken = isEmail ? await addressInUse(database, identifier) : (await findUserByIdentifier(database, identifier)) !== undefined;
  if (taken) throw new Problem('identifier-taken', 'An account with this identifier already exists.');
  const options = await webauthn.creationOptions({ userName: identifier, displayName, exclude: [] });
  await saveChallenge(database, {
    challenge: options.challenge,
    purpose: 'register',
    owner: challengeOwner(context, client),
    pending: { identifier, displayName, webauthnUserId: options.user.id },
    ttlMs: config.challengeTtlMs,
  });
  return options;
}

/**
 * Verifies the new passkey, then creates the account, its passkey and a session in one
 * transaction; under the two-factor policy also the account's first recovery codes.
 */
export async function finishSignUp(
  context: ServerContext,
  response: RegistrationResponseJSON,
  userAgent: string | null,
): Promise<{ user: UserRecord; token: string; recoveryCodes?: string[] }> {
  const { config, database, webauthn } = context;
  const challenge = await takeChallenge(context, response.response.clientDataJSON, { type: 'webauthn.create', purpose: 'register' });
  const pending = challenge.pending;
  if (pending === null) throw new Problem('challenge-invalid', 'The challenge carries no pending sign-up.');

  const passkey = await webauthn.verifyRegistration(response, challenge.challenge);
  return database.transaction(async (transaction) => {
    const user = await insertUser(transaction, pending);
    await insertCredential(transaction, { ...passkey, userId: user.id });
    const token = await createSession(transaction, {
      userId: user.id,
      proof: { signedInWith: 'passkey', credentialId: passkey.id },
      userAgent,
      limits: config,
    });
    if (config.signInPolicy !== 'two-factor') return { user, token };
    return { user, token, recoveryCodes: await issueRecoveryCodes(context, transaction, user.id) };
  });
}

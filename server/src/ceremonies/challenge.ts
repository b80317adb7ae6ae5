import type { ServerContext } from '../server-context.ts';
import { Problem } from '../problem.ts';
import { consumeChallenge, type ChallengePurpose, type ChallengeRecord } from '../store/challenges.ts';
import type { CredentialWithUser } from '../store/credentials.ts';
import { takeChallengeWithPasskey } from '../store/passkey-sign-in.ts';
import { readClientData } from '../validate.ts';

/**
 * The first steps of every finishing request, in their security order: the client data's type,
 * origin and top-level origin (when embedded in an iframe) are checked before the challenge is consumed, so that a response from a foreign origin
 * cannot burn a legitimate user's challenge; then the challenge is taken out, single-use.
 * `forUser` is the account the ceremony must have been started for.
 */
export async function takeChallenge(
  { config, database, refuseOrigin }: ServerContext,
  clientDataJSON: string,
  ceremony: { type: 'webauthn.create' | 'webauthn.get'; purpose: ChallengePurpose; forUser?: string },
): Promise<ChallengeRecord> {
  const clientData = readClientData(clientDataJSON, ceremony.type, config, refuseOrigin);
  const challenge = await consumeChallenge(database, clientData.challenge, ceremony.purpose);
  if (ceremony.forUser !== undefined && challenge.userId !== ceremony.forUser) {
    throw new Problem('challenge-invalid', 'The challenge was issued for another account.');
  }
  return challenge;
}

/**
 * `takeChallenge` of a sign-in, which also reads the passkey `credentialId` with its account in the
 * same round trip: the client data first, then the challenge, single-use, then the passkey.
 */
export async function takeLoginChallenge(
  { config, database, refuseOrigin }: ServerContext,
  clientDataJSON: string,
  credentialId: string,
): Promise<{ challenge: ChallengeRecord; found: CredentialWithUser | undefined }> {
  const clientData = readClientData(clientDataJSON, 'webauthn.get', config, refuseOrigin);
  return takeChallengeWithPasskey(database, clientData.challenge, credentialId);
}

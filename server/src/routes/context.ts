import {
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { PasskeyServerConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { Problem } from '../problem.ts';
import type { CredentialWithUser, NewCredential } from '../store/credentials.ts';

/** What every route needs. */
export interface RouteContext {
  config: PasskeyServerConfig;
  database: Database;
}

/** Matches the challenge lifetime of docs/protocol.md; browsers give up on the ceremony after it. */
export const ceremonyTimeoutMs = 300_000;

/**
 * Runs a SimpleWebAuthn verification: whatever it throws (bad signature, RP ID, flags, counter,
 * undecodable attestation) is the client's fault, never a 500.
 */
export async function verifyOrFail<T extends { verified: boolean }>(verify: () => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await verify();
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'The response could not be verified.';
    throw new Problem('verification-failed', detail, { cause: error });
  }
  if (!result.verified) throw new Problem('verification-failed', 'The response could not be verified.');
  return result;
}

/** The User-Agent header, shortened: it is only kept to label sessions for the user. */
export function userAgentOf(header: string | undefined): string | null {
  return header === undefined ? null : header.slice(0, 512);
}

/** Compares two base64url strings by their bytes, so padding differences do not matter. */
export function sameBytes(a: string, b: string): boolean {
  return Buffer.from(a, 'base64url').equals(Buffer.from(b, 'base64url'));
}

/**
 * Checks an assertion made with a known passkey: the user handle must be the passkey's account's,
 * then the signature, origin, RP ID and user verification. Answers the new counter and backup state.
 */
export async function verifyAssertion(
  response: AuthenticationResponseJSON,
  expectedChallenge: string,
  { credential, user }: CredentialWithUser,
  config: PasskeyServerConfig,
) {
  const userHandle = response.response.userHandle;
  if (userHandle !== undefined && !sameBytes(userHandle, user.webauthnUserId)) {
    throw new Problem('verification-failed', 'The user handle does not belong to this passkey.');
  }
  const { authenticationInfo } = await verifyOrFail(() =>
    verifyAuthenticationResponse({
      response,
      expectedChallenge,
      expectedOrigin: config.origins,
      expectedRPID: config.rpId,
      credential: { id: credential.id, publicKey: credential.publicKey, counter: credential.counter },
      requireUserVerification: true,
    }),
  );
  return authenticationInfo;
}

/** Checks a new passkey (signature, origin, RP ID, user verification) and answers it ready to store. */
export async function verifyNewPasskey(
  response: RegistrationResponseJSON,
  expectedChallenge: string,
  config: PasskeyServerConfig,
): Promise<Omit<NewCredential, 'userId'>> {
  const { registrationInfo } = await verifyOrFail(() =>
    verifyRegistrationResponse({
      response,
      expectedChallenge,
      expectedOrigin: config.origins,
      expectedRPID: config.rpId,
      requireUserVerification: true,
    }),
  );
  if (registrationInfo === undefined) throw new Problem('verification-failed', 'No registration information.');
  const { credential } = registrationInfo;
  return {
    id: credential.id,
    publicKey: credential.publicKey,
    counter: credential.counter,
    transports: credential.transports ?? [],
    aaguid: registrationInfo.aaguid,
    deviceType: registrationInfo.credentialDeviceType,
    backedUp: registrationInfo.credentialBackedUp,
  };
}

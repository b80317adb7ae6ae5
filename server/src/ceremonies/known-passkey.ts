import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { Problem } from '../problem.ts';
import type { ServerContext } from '../server-context.ts';
import type { CredentialWithUser } from '../store/credentials.ts';
import type { VerifiedAssertion } from '../webauthn/engine.ts';

/**
 * Checks an assertion made with a stored passkey: the user handle, when sent, must be the passkey's
 * account's; then the engine checks signature, origin, RP ID and user verification. A usernameless
 * sign-in (`userHandleRequired`) names the account only by the user handle, so it must be there:
 * WebAuthn has the authenticator return it for every discoverable credential.
 */
export async function verifyKnownPasskey(
  { webauthn }: ServerContext,
  response: AuthenticationResponseJSON,
  expectedChallenge: string,
  { credential, user }: CredentialWithUser,
  { userHandleRequired }: { userHandleRequired: boolean },
): Promise<VerifiedAssertion> {
  const userHandle = response.response.userHandle;
  if (userHandle === undefined && userHandleRequired) {
    throw new Problem('verification-failed', 'A sign-in without an identifier needs the user handle.');
  }
  if (userHandle !== undefined && !sameBytes(userHandle, user.webauthnUserId)) {
    throw new Problem('verification-failed', 'The user handle does not belong to this passkey.');
  }
  return webauthn.verifyAuthentication(response, expectedChallenge, credential);
}

/** Compares two base64url strings by their bytes, so padding differences do not matter. */
function sameBytes(a: string, b: string): boolean {
  return Buffer.from(a, 'base64url').equals(Buffer.from(b, 'base64url'));
}

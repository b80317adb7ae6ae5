import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { PasskeyServerConfig } from '../config.ts';
import { Problem } from '../problem.ts';
import type { WebAuthnEngine } from './engine.ts';
import { checkEs256Assertion, es256KeyOf } from './es256-assertion.ts';

/**
 * The engine on @simplewebauthn/server. Every passkey is discoverable and user-verified; options
 * time out with their challenge, so a browser never offers a ceremony the server would refuse.
 * Sign-ins with ES256 passkeys are checked by es256-assertion.ts, with the key imported once.
 */
export function simpleWebAuthnEngine(config: PasskeyServerConfig): WebAuthnEngine {
  const expected = { expectedOrigin: config.origins, expectedRPID: config.rpId, requireUserVerification: true };
  // The library checks a sign-in's top origin too (registration it does not: the ceremonies' own check covers both).
  const embedding = config.topOrigins.length === 0 ? {} : { expectedTopOrigin: config.topOrigins };
  return {
    creationOptions: ({ userHandle, userName, displayName, exclude }) =>
      generateRegistrationOptions({
        rpName: config.rpName,
        rpID: config.rpId,
        // A fresh random user handle for a new account: authenticators store it, so it must not be the email address.
        userID: userHandle === undefined ? crypto.getRandomValues(new Uint8Array(32)) : new Uint8Array(Buffer.from(userHandle, 'base64url')),
        userName,
        userDisplayName: displayName,
        timeout: config.challengeTtlMs,
        attestationType: 'none',
        // Transports help the browser recognise an authenticator that already holds one of them.
        excludeCredentials: exclude.map(({ id, transports }) => ({ id, transports })),
        authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'required' },
      }),

    requestOptions: ({ allowCredentials }) =>
      generateAuthenticationOptions({
        rpID: config.rpId,
        // No transports: some passkey managers misroute requests that carry them.
        allowCredentials: allowCredentials?.map((id) => ({ id })),
        timeout: config.challengeTtlMs,
        userVerification: 'required',
      }),

    async verifyRegistration(response, expectedChallenge) {
      const { registrationInfo } = await verified(() => verifyRegistrationResponse({ response, expectedChallenge, ...expected }));
      if (registrationInfo === undefined) throw notVerified();
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
    },

    async verifyAuthentication(response, expectedChallenge, { id, publicKey, counter }) {
      const key = es256KeyOf(publicKey);
      if (key !== undefined) {
        try {
          return checkEs256Assertion(response, { challenge: expectedChallenge, origins: config.origins, topOrigins: config.topOrigins, rpId: config.rpId }, { id, publicKey, counter }, key);
        } catch {
          throw notVerified();
        }
      }
      const { authenticationInfo } = await verified(() =>
        verifyAuthenticationResponse({ response, expectedChallenge, ...expected, ...embedding, credential: { id, publicKey, counter } }),
      );
      return { newCounter: authenticationInfo.newCounter, backedUp: authenticationInfo.credentialBackedUp };
    },
  };
}

/**
 * One answer for every failed check: the library's messages name stored state (the signature
 * counter, expected values), which would tell a forger what to aim for. They are not kept as the
 * cause either, so that no log can pick them up.
 */
const notVerified = () => new Problem('verification-failed', 'The response could not be verified.');

/**
 * Runs a SimpleWebAuthn verification: whatever it throws (bad signature, RP ID, flags, counter,
 * undecodable attestation) is the client's fault, never a 500.
 */
async function verified<T extends { verified: boolean }>(verify: () => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await verify();
  } catch {
    throw notVerified();
  }
  if (!result.verified) throw notVerified();
  return result;
}

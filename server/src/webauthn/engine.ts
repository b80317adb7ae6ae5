import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { CredentialRecord, NewCredential } from '../store/credentials.ts';

/** A passkey the engine verified, ready to store for an account. */
export type VerifiedPasskey = Omit<NewCredential, 'userId'>;

/** What an assertion changed on the passkey that made it. */
export interface VerifiedAssertion {
  newCounter: number;
  backedUp: boolean;
}

/**
 * The WebAuthn work of the reference server: making options and verifying what authenticators
 * answer. The ceremonies decide what to ask for and what to store; an engine only does the
 * cryptography and the checks of origin, RP ID and user verification. `simpleWebAuthnEngine` is
 * the one shipped; another (a hosted passkey API) can implement the same interface.
 */
export interface WebAuthnEngine {
  /** Options to create a passkey; `userHandle` absent means a fresh random one (a new account). */
  creationOptions(request: {
    userHandle?: string;
    userName: string;
    displayName: string;
    /** Passkeys the authenticator must not already hold. */
    exclude: ReadonlyArray<Pick<CredentialRecord, 'id' | 'transports'>>;
  }): Promise<PublicKeyCredentialCreationOptionsJSON>;

  /** Options to sign in; `allowCredentials` absent means any passkey of this site. */
  requestOptions(request: { allowCredentials?: readonly string[] }): Promise<PublicKeyCredentialRequestOptionsJSON>;

  /** Throws `verification-failed` unless the response answers `expectedChallenge` correctly. */
  verifyRegistration(response: RegistrationResponseJSON, expectedChallenge: string): Promise<VerifiedPasskey>;

  /** Throws `verification-failed` unless `credential` signed `expectedChallenge`. */
  verifyAuthentication(
    response: AuthenticationResponseJSON,
    expectedChallenge: string,
    credential: Pick<CredentialRecord, 'id' | 'publicKey' | 'counter'>,
  ): Promise<VerifiedAssertion>;

  /** Called after a passkey was removed locally, for an engine that keeps passkeys elsewhere too. */
  forgetPasskey?(credentialId: string): Promise<void>;
}

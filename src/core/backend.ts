import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';

export type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
};

/** The signed-in person, as the elements report it in their events. */
export interface PasskeyUser {
  id: string;
  /** The email address or username the account was created with. */
  identifier: string;
  displayName: string;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface SignUpInput {
  identifier: string;
  displayName?: string;
}

export interface SignInInput {
  /** Absent for usernameless sign-in (any passkey of this site). */
  identifier?: string;
}

/**
 * Everything the elements need from a backend. The default implementation is the REST client
 * from `createRestBackend`; any object with these methods can be set as an element's `backend`.
 * Methods reject with a `PasskeyError`.
 */
export interface PasskeyBackend {
  registrationOptions(input: SignUpInput, options?: RequestOptions): Promise<PublicKeyCredentialCreationOptionsJSON>;
  verifyRegistration(response: RegistrationResponseJSON, options?: RequestOptions): Promise<PasskeyUser>;
  loginOptions(input: SignInInput, options?: RequestOptions): Promise<PublicKeyCredentialRequestOptionsJSON>;
  verifyLogin(response: AuthenticationResponseJSON, options?: RequestOptions): Promise<PasskeyUser>;
  /** The user of the current session, or null when signed out. */
  currentUser(options?: RequestOptions): Promise<PasskeyUser | null>;
  signOut(options?: RequestOptions): Promise<void>;
}

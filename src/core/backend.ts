import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';

import type { Account, AccountChanges, AccountUser, Passkey, PasskeyUser, SignInInput, SignUpInput } from '../protocol/wire.ts';

export type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
};

export type {
  Account,
  AccountChanges,
  AccountUser,
  Passkey,
  PasskeyLocation,
  PasskeyUser,
  Session,
  SignInInput,
  SignUpInput,
} from '../protocol/wire.ts';

export interface RequestOptions {
  signal?: AbortSignal;
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

  /** The signed-in account with its passkeys and sessions; rejects with `not-signed-in`. */
  account(options?: RequestOptions): Promise<Account>;
  addPasskeyOptions(options?: RequestOptions): Promise<PublicKeyCredentialCreationOptionsJSON>;
  addPasskey(response: RegistrationResponseJSON, options?: RequestOptions): Promise<Passkey>;
  /** Changes the account's display name; answers the updated user. */
  updateAccount(changes: AccountChanges, options?: RequestOptions): Promise<AccountUser>;
  renamePasskey(id: string, name: string, options?: RequestOptions): Promise<Passkey>;
  /** Sensitive acts below reject with `reauthentication-required` when the last passkey check is too old. */
  removePasskey(id: string, options?: RequestOptions): Promise<void>;
  revokeSession(id: string, options?: RequestOptions): Promise<void>;
  revokeOtherSessions(options?: RequestOptions): Promise<void>;
  deleteAccount(options?: RequestOptions): Promise<void>;
  reauthenticationOptions(options?: RequestOptions): Promise<PublicKeyCredentialRequestOptionsJSON>;
  reauthenticate(response: AuthenticationResponseJSON, options?: RequestOptions): Promise<void>;
}

/** The part of the backend that `<passkey-login>` uses: enough for sign-up, sign-in and sign-out. */
export type LoginBackend = Pick<PasskeyBackend, 'registrationOptions' | 'verifyRegistration' | 'loginOptions' | 'verifyLogin' | 'currentUser' | 'signOut'>;

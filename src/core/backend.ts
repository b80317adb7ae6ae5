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

/** Where a passkey lives, as the account page says it. */
export type PasskeyLocation = 'synced' | 'security-key' | 'device';

export interface Passkey {
  id: string;
  /** The user's own name for it, else the authenticator's (from its AAGUID), else a fallback. */
  name: string;
  aaguid: string;
  createdAt: string;
  lastUsedAt: string | null;
  location: PasskeyLocation;
  /** The passkey the current session signed in with. */
  current: boolean;
}

export interface Session {
  id: string;
  browser: string | null;
  os: string | null;
  createdAt: string;
  lastActiveAt: string;
  current: boolean;
}

/** The signed-in user as the account page shows it. */
export interface AccountUser extends PasskeyUser {
  createdAt: string;
  /**
   * The WebAuthn user handle (base64url, the `user.id` of registration). With `Account.rpId` it lets
   * `<passkey-profile>` keep the passkey manager in step; without either the element sends no signals.
   */
  userHandle?: string;
}

export interface Account {
  /** The WebAuthn relying party ID the passkeys belong to, e.g. `example.com`. */
  rpId?: string;
  user: AccountUser;
  passkeys: Passkey[];
  sessions: Session[];
}

/** What `updateAccount` may change. */
export interface AccountChanges {
  displayName: string;
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

import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';

import type {
  Account,
  AccountChanges,
  AccountUser,
  CodeInput,
  CodeRequest,
  CodeSentAnswer,
  Passkey,
  PasskeyUser,
  SecurityEvent,
  SignInInput,
  SignUpCodeRequest,
  SignUpInput,
  TwoFactorChoice,
} from '../protocol/wire.ts';

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
  CodeInput,
  CodeRequest,
  CodeSentAnswer,
  IdentitySource,
  Passkey,
  PasskeyLocation,
  PasskeyUser,
  SecurityEvent,
  SecurityEventKind,
  SecurityEventMethod,
  Session,
  SignInInput,
  SignInMethod,
  SignUpCodeRequest,
  SignUpInput,
  TwoFactorChoice,
} from '../protocol/wire.ts';

export interface RequestOptions {
  signal?: AbortSignal;
}

/** Who signed in, and what the session may do: the answer of every sign-in and sign-up. */
export interface SignInAnswer {
  user: PasskeyUser;
  /** The session must create a passkey before anything else (no "Skip" on the passkey prompt). */
  passkeyRequired?: boolean;
  /** One-time recovery codes to show once (two-factor policy, right after sign-up). */
  recoveryCodes?: string[];
}

/** A sign-up answer in the one shape: custom backends may answer just the user. */
export function signInAnswerOf(result: PasskeyUser | SignInAnswer): SignInAnswer {
  return 'user' in result ? result : { user: result };
}

/**
 * Everything the elements need from a backend. The default implementation is the REST client
 * from `createRestBackend`; any object with these methods can be set as an element's `backend`.
 * Methods reject with a `PasskeyError`.
 */
export interface PasskeyBackend {
  registrationOptions(input: SignUpInput, options?: RequestOptions): Promise<PublicKeyCredentialCreationOptionsJSON>;
  /** The new user; a `SignInAnswer` when the server says more (recovery codes). */
  verifyRegistration(response: RegistrationResponseJSON, options?: RequestOptions): Promise<PasskeyUser | SignInAnswer>;
  loginOptions(input: SignInInput, options?: RequestOptions): Promise<PublicKeyCredentialRequestOptionsJSON>;
  verifyLogin(response: AuthenticationResponseJSON, options?: RequestOptions): Promise<PasskeyUser>;
  /** The user of the current session, or null when signed out (always null for a server without a session endpoint). */
  currentUser(options?: RequestOptions): Promise<PasskeyUser | null>;
  /** Ends the session; a server without a sign-out endpoint resolves at once, and the element signs out on screen. */
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

  // Email one-time codes. Optional: an element shows its code screens only when its backend has them.
  /** Sends a sign-in code; answers the same whether or not the address has an account. */
  requestSignInCode?(input: CodeRequest & { email: string }, options?: RequestOptions): Promise<CodeSentAnswer>;
  /** Signs in with the code (rejects with `recovery-code-required` when a recovery code must come too). */
  signInWithCode?(input: CodeInput, options?: RequestOptions): Promise<SignInAnswer>;
  /** Starts a verified sign-up: a code to the new address. */
  requestSignUpCode?(input: SignUpCodeRequest, options?: RequestOptions): Promise<CodeSentAnswer>;
  /** Creates the account with the confirmed address and signs in; a passkey is added next. */
  signUpWithCode?(input: CodeInput, options?: RequestOptions): Promise<SignInAnswer>;
  /** A code to the account's address, to verify again without a passkey. */
  requestReauthenticationCode?(input: CodeRequest, options?: RequestOptions): Promise<CodeSentAnswer>;
  reauthenticateWithCode?(code: string, options?: RequestOptions): Promise<void>;
  /** A code to `email` (a new address: changing it) or, without it, to the current address (verifying it). */
  requestEmailCode?(input: CodeRequest, options?: RequestOptions): Promise<CodeSentAnswer>;
  /** Verifies or changes the address with the code sent to it; answers the updated user. */
  confirmEmail?(input: CodeInput, options?: RequestOptions): Promise<AccountUser>;
  /** A new set of recovery codes (two-factor policy), replacing the old one; shown once. */
  createRecoveryCodes?(options?: RequestOptions): Promise<string[]>;
  setTwoFactor?(choice: TwoFactorChoice, options?: RequestOptions): Promise<AccountUser>;

  /** The account's latest security events, newest first. Optional: without it the account page shows no activity. */
  securityActivity?(options?: RequestOptions): Promise<SecurityEvent[]>;
}

/** The code operations of `<passkey-login>`: sign-in, sign-up and the passkey added after a code sign-in. */
export type LoginCodeOperations = 'requestSignInCode' | 'signInWithCode' | 'requestSignUpCode' | 'signUpWithCode' | 'addPasskeyOptions' | 'addPasskey';

/** Whether a backend can do the code flows of `<passkey-login>`: it has every code operation. */
export function hasLoginCodes(backend: Partial<PasskeyBackend>): backend is Partial<PasskeyBackend> & Required<Pick<PasskeyBackend, LoginCodeOperations>> {
  return (['requestSignInCode', 'signInWithCode', 'requestSignUpCode', 'signUpWithCode', 'addPasskeyOptions', 'addPasskey'] as const).every(
    (name) => typeof backend[name] === 'function',
  );
}

/** The part of the backend that `<passkey-login>` uses: enough for sign-up, sign-in and sign-out. */
export type LoginBackend = Pick<PasskeyBackend, 'registrationOptions' | 'verifyRegistration' | 'loginOptions' | 'verifyLogin' | 'currentUser' | 'signOut'> &
  Partial<Pick<PasskeyBackend, LoginCodeOperations>>;

/**
 * The JSON shapes of the protocol that are ours (the WebAuthn options and responses are the W3C's
 * JSON types, as `@simplewebauthn/browser` and `@simplewebauthn/server` declare them).
 */

/** The signed-in person, as the elements report it in their events. */
export interface PasskeyUser {
  id: string;
  /** The email address or username the account was created with. */
  identifier: string;
  displayName: string;
  /** The account's email address for codes, if it has one (it may sign in with a username). */
  email?: string | null;
  /** Whether a code sent to `email` confirmed it. */
  emailVerified?: boolean;
  /**
   * Set by the client, never sent: where this identity comes from when the server's answer named
   * nobody (see `IdentitySource`). Absent when the server's answer named the user.
   */
  identifiedBy?: IdentitySource;
}

/**
 * Who signed in, when a verify answer says only "verified": `registration-options` (the user of
 * the creation options the new passkey was made for); `login-options` (the identifier whose
 * options listed the passkey used); `user-handle` (only the passkey's user handle is known, as
 * `id`); `none` (the ceremony proves no one in particular).
 */
export type IdentitySource = 'registration-options' | 'login-options' | 'user-handle' | 'none';

/** `POST /register/options`. */
export interface SignUpInput {
  identifier: string;
  displayName?: string;
}

/** `POST /login/options`. */
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
  /**
   * Whether `name` is the user's own. `false` lets the element show its own default in the user's
   * language (the provider, else "Passkey" translated); absent, the element shows `name` as it is.
   */
  named?: boolean;
  aaguid: string;
  /** The passkey provider's name, looked up by its AAGUID ("iCloud Keychain"); null when unknown. */
  provider?: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  location: PasskeyLocation;
  /** The passkey the current session signed in with. */
  current: boolean;
}

/** How a session signed in: a passkey; an email code; an email code with a recovery code. */
export type SignInMethod = 'passkey' | 'email-code' | 'recovery-code';

export interface Session {
  id: string;
  /** Absent from servers that do not tell. */
  signedInWith?: SignInMethod;
  /** The `User-Agent` of the sign-in request, shortened; the reference server sends it. */
  userAgent?: string | null;
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
  /**
   * Present when the server runs the two-factor policy: whether the user opted out of it for their
   * own account (informed consent), and how many unused recovery codes they hold.
   */
  twoFactor?: { optedOut: boolean; recoveryCodesLeft: number };
}

/** `GET /account`. */
export interface Account {
  /** The WebAuthn relying party ID the passkeys belong to, e.g. `example.com`. */
  rpId?: string;
  user: AccountUser;
  passkeys: Passkey[];
  sessions: Session[];
}

/** `PATCH /account`: what may change. */
export interface AccountChanges {
  displayName: string;
}

/** `PATCH /passkeys/{id}`. */
export interface PasskeyRename {
  name: string;
}

/** The answer of sign-up and sign-in. */
export interface UserAnswer {
  user: PasskeyUser;
  /**
   * The session may do nothing but create a passkey (and sign out) until it has one: after a
   * recovery under the two-factor policy, or under a recovery-only code policy.
   */
  passkeyRequired?: boolean;
  /** One-time recovery codes, shown once: sent after a sign-up under the two-factor policy. */
  recoveryCodes?: string[];
}

/** `POST /login/code`, `/reauthenticate/code`, `/account/email/code`: where to send a code. */
export interface CodeRequest {
  /** Absent for `/reauthenticate/code` and for verifying the account's current address. */
  email?: string;
  /** The language of the mail, a BCP 47 tag such as `de`; the server falls back to English. */
  language?: string;
}

/** `POST /register/code`: a sign-up that starts with a verified email address. */
export interface SignUpCodeRequest {
  email: string;
  displayName?: string;
  language?: string;
}

/** The answer of every code request (202), the same whether or not the address has an account. */
export interface CodeSentAnswer {
  /** Seconds the code stays valid. */
  expiresIn: number;
  /** Seconds before another code may be asked for this address. */
  resendIn: number;
  /** Digits in the code. */
  length: number;
}

/** `POST /login/code/verify`, `/register/code/verify` (with `displayName`), `/account/email/verify`. */
export interface CodeInput {
  email: string;
  code: string;
  /** Under the two-factor policy a code sign-in also takes one of the account's recovery codes. */
  recoveryCode?: string;
  displayName?: string;
}

/** `POST /reauthenticate/code/verify`. */
export interface ReauthenticationCodeInput {
  code: string;
}

/** `POST /account/recovery-codes` (201): a new set, replacing the old; shown once. */
export interface RecoveryCodesAnswer {
  codes: string[];
}

/** `POST /account/two-factor`: `optOut: true` after the user was told what it means. */
export interface TwoFactorChoice {
  optOut: boolean;
}

/** `GET /session`: `user: null` when signed out. */
export interface SessionAnswer {
  user: PasskeyUser | null;
}

/** `PATCH /account`. */
export interface AccountUserAnswer {
  user: AccountUser;
}

/** `POST /passkeys` and `PATCH /passkeys/{id}`. */
export interface PasskeyAnswer {
  passkey: Passkey;
}

/** `DELETE /sessions/others`. */
export interface RevokedAnswer {
  revoked: number;
}

/** `POST /reauthenticate/verify`. */
export interface VerifiedAnswer {
  verifiedAt: string;
}

/** What a security event records: a sign-in, a change to the account, a refused attempt. */
export type SecurityEventKind =
  | 'sign-up' | 'sign-in' | 'reauthentication'
  | 'passkey-added' | 'passkey-renamed' | 'passkey-removed'
  | 'email-verified' | 'email-changed'
  | 'session-revoked' | 'other-sessions-revoked' | 'signed-out'
  | 'recovery-codes-created' | 'two-factor-changed'
  | 'rate-limited';

/** How a sign-up, sign-in or re-authentication verified the user. */
export type SecurityEventMethod = 'passkey' | 'email-code' | 'recovery-code';

/** One event of `GET /account/activity`, as the account page shows it. */
export interface SecurityEvent {
  kind: SecurityEventKind;
  /** When it happened (ISO 8601, UTC). */
  at: string;
  /** `failure`: a refused sign-in or re-authentication of this account, or a rate limit it hit. */
  outcome: 'success' | 'failure';
  method?: SecurityEventMethod;
  /** The passkey's name at the time (added, renamed: the new name, removed). */
  passkeyName?: string;
  /** `other-sessions-revoked`: how many sessions were signed out. */
  revoked?: number;
  /** `two-factor-changed`: opted out (true) or back in (false). */
  optOut?: boolean;
  /** Parsed from the request's `User-Agent`, as for sessions; null when unknown. */
  browser: string | null;
  os: string | null;
  /** The client's network, never its full address: an IPv4 /24 or an IPv6 /48, e.g. `"203.0.113.0/24"`. */
  network: string | null;
  /** It happened in the session of this request (a sign-in: the one it opened). */
  current: boolean;
}

/** `GET /account/activity`: the account's latest events, newest first. */
export interface SecurityActivity {
  events: SecurityEvent[];
}

/** Fields some problems carry besides `type`, `title`, `status`, `detail` and `code`. */
export interface ProblemExtensions {
  /** `rate-limited`: seconds until a retry can succeed (also the `Retry-After` header). */
  retryAfter?: number;
  /** `invalid-code`: tries left for this code before it is spent. */
  attemptsLeft?: number;
  /** `reauthentication-required`: how this session can verify again. */
  methods?: Array<'passkey' | 'code'>;
  /** `unknown-credential`: the passkey's id, for `signalUnknownCredential`. */
  credentialId?: string;
}

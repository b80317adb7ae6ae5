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
}

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
  aaguid: string;
  createdAt: string;
  lastUsedAt: string | null;
  location: PasskeyLocation;
  /** The passkey the current session signed in with. */
  current: boolean;
}

export interface Session {
  id: string;
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

import type { AccountUser, Passkey, PasskeyUser, SignInMethod } from './backend.ts';
import type { PasskeyErrorCode } from './errors.ts';

export interface PasskeyUserDetail {
  user: PasskeyUser;
}

/** `passkey-signed-in`'s detail: who signed in, and how. */
export interface PasskeySignInDetail extends PasskeyUserDetail {
  /**
   * `passkey`; `email-code` (an email code alone, also for a sign-up that began with one); `recovery-code` (an email code with a recovery code).
   * Absent when `restored`: the session began before this page.
   */
  method?: SignInMethod;
  /** `true` when the element found a session already open (a reload, a new tab), `false` after a sign-in or sign-up here. */
  restored: boolean;
}

/**
 * Why nobody is signed in any more: `signed-out` (the user signed out here), `session-ended` (the
 * session was revoked elsewhere or expired, and the server answered `not-signed-in`),
 * `account-deleted` (the user deleted the account here).
 */
export type SignOutReason = 'signed-out' | 'session-ended' | 'account-deleted';

/** `passkey-signed-out`'s detail. */
export interface PasskeySignOutDetail {
  reason: SignOutReason;
}

export interface PasskeyErrorDetail {
  code: PasskeyErrorCode;
  /** The translated message the element shows. */
  message: string;
  /** The original error: a DOMException, a `PasskeyError` with the server's problem details, ... */
  cause: unknown;
}

/**
 * The DOM events of the elements: they bubble and cross shadow roots (PasskeyElement.emit fires them).
 * `passkey-signed-in` is cancelable: `preventDefault()` keeps `<passkey-login>` from following `redirect`.
 */
export interface PasskeyEventMap {
  'passkey-signed-up': CustomEvent<PasskeyUserDetail>;
  'passkey-signed-in': CustomEvent<PasskeySignInDetail>;
  'passkey-signed-out': CustomEvent<PasskeySignOutDetail>;
  'passkey-error': CustomEvent<PasskeyErrorDetail>;
  'passkey-created': CustomEvent<{ passkey: Passkey }>;
  'passkey-renamed': CustomEvent<{ passkey: Passkey }>;
  'passkey-removed': CustomEvent<{ passkeyId: string }>;
  /** `sessionId` is absent when every other session was signed out. */
  'passkey-session-revoked': CustomEvent<{ sessionId?: string }>;
  /** The account's details changed (its display name or email address); `user` as it is now. */
  'passkey-account-updated': CustomEvent<{ user: AccountUser }>;
  'passkey-account-deleted': CustomEvent<Record<string, never>>;
}

declare global {
  interface GlobalEventHandlersEventMap extends PasskeyEventMap {}
}

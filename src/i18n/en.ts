import type { PasskeyErrorCode } from '../core/errors.ts';

/** Every user-facing string of `<passkey-login>`, and the error messages both elements share. */
export interface LoginTranslation {
  signInTitle: string;
  signUpTitle: string;
  signInWithPasskey: string;
  or: string;
  emailLabel: string;
  usernameLabel: string;
  continue: string;
  newHere: string;
  createAccount: string;
  haveAccount: string;
  signIn: string;
  displayNameLabel: string;
  createPasskey: string;
  signUpHint: string;
  noAccountFor: (identifier: string) => string;
  waitingSignIn: string;
  waitingSignUp: string;
  deviceWillAsk: string;
  cancel: string;
  verifying: string;
  welcome: (name: string) => string;
  /** The signed-in title when the backend did not say who the user is. */
  signedIn: string;
  signedInAs: (identifier: string) => string;
  signOut: string;
  cancelledTitle: string;
  cancelledHint: string;
  tryAgain: string;
  back: string;
  loading: string;
  unsupportedTitle: string;
  unsupportedHint: string;
  errorTitle: string;
  errors: Record<PasskeyErrorCode, string>;
}

export const enLogin: LoginTranslation = {
  signInTitle: 'Sign in',
  signUpTitle: 'Create your account',
  signInWithPasskey: 'Sign in with a passkey',
  or: 'or',
  emailLabel: 'Email',
  usernameLabel: 'Username',
  continue: 'Continue',
  newHere: 'New here?',
  createAccount: 'Create an account',
  haveAccount: 'Already have an account?',
  signIn: 'Sign in',
  displayNameLabel: 'Your name (optional)',
  createPasskey: 'Create a passkey',
  signUpHint: 'No password needed: a passkey on your devices signs you in with your fingerprint, face or screen lock.',
  noAccountFor: (identifier) => `There is no account for ${identifier} yet. Create one now:`,
  waitingSignIn: 'Sign in with your passkey',
  waitingSignUp: 'Create your passkey',
  deviceWillAsk: 'Your device will ask for your fingerprint, face or screen lock.',
  cancel: 'Cancel',
  verifying: 'Checking your passkey…',
  welcome: (name) => `Welcome, ${name}`,
  signedIn: 'You are signed in',
  signedInAs: (identifier) => `Signed in as ${identifier}`,
  signOut: 'Sign out',
  cancelledTitle: 'Nothing happened',
  cancelledHint: 'The passkey request was closed or timed out, or your device could not confirm it was you.',
  tryAgain: 'Try again',
  back: 'Back',
  loading: 'Loading…',
  unsupportedTitle: 'Passkeys are not available here',
  unsupportedHint: 'This browser cannot use passkeys on this page. Update it, or open this page in a current browser.',
  errorTitle: 'Something went wrong',
  errors: {
    cancelled: 'The passkey request was cancelled.',
    'passkey-exists': 'This device already has a passkey for this account. Sign in with it instead.',
    'unknown-credential': 'This passkey is not registered here any more. Use another passkey, or create a new account.',
    'unknown-user': 'There is no account with this identifier.',
    'identifier-taken': 'An account with this identifier already exists. Sign in instead.',
    'invalid-identifier': 'Enter a valid email address or username.',
    'invalid-display-name': 'Use 1 to 64 characters for your name.',
    'challenge-expired': 'The request expired. Please try again.',
    'verification-failed': 'Your passkey could not be verified. Please try again.',
    unsupported: 'Passkeys cannot be used on this page.',
    network: 'Cannot reach the server. Check your connection and try again.',
    server: 'The server had a problem. Please try again in a moment.',
    'bad-response': 'The server sent an unexpected answer. Please try again later.',
    unknown: 'Something unexpected happened. Please try again.',
    'not-signed-in': 'You are signed out. Sign in again to manage your account.',
    'reauthentication-required': 'Confirm it is you with your passkey to continue.',
    'last-passkey': 'This is your only passkey, so it cannot be removed: add another passkey first.',
    'invalid-passkey-name': 'Use 1 to 64 characters for the name.',
    'not-found': 'This was already removed. The list is up to date now.',
    'invalid-email': 'Enter a valid email address.',
    'invalid-code': 'That code is not right. Check the email and try again.',
    'code-expired': 'This code has expired. Ask for a new one.',
    'code-used': 'This code was already used. Ask for a new one.',
    'code-attempts-exhausted': 'Too many wrong tries for this code. Ask for a new one.',
    'rate-limited': 'Too many requests. Please wait a moment and try again.',
    'email-verification-required': 'Confirm your email address first: we will send you a code.',
    'codes-disabled': 'Email codes are not available here.',
    'recovery-code-required': 'Enter one of your recovery codes as well.',
    'invalid-recovery-code': 'That recovery code is not right, or it was already used.',
    'passkey-required': 'Create a passkey for this device before you continue.',
  },
};


/**
 * Any part of a translation: top-level keys, and single entries of the nested groups
 * (`errors`, `locations`, `done`).
 */
export type TranslationOverrides<Strings> = {
  [Key in keyof Strings]?: Strings[Key] extends (...args: never[]) => unknown ? Strings[Key] : Strings[Key] extends object ? Partial<Strings[Key]> : Strings[Key];
};

/** `base` with `overrides` on top; nested groups are merged entry by entry, so nothing is ever missing. */
export function withOverrides<Strings extends object>(base: Strings, overrides: TranslationOverrides<Strings> | undefined): Strings {
  const merged = { ...base } as Record<string, unknown>;
  for (const [key, value] of Object.entries(overrides ?? {})) {
    const original = merged[key];
    if (value !== undefined) merged[key] = typeof value === 'object' && typeof original === 'object' ? { ...original, ...value } : value;
  }
  return merged as Strings;
}

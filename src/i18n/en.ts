import type { PasskeyLocation } from '../core/backend.ts';
import type { PasskeyErrorCode } from '../core/errors.ts';

/** Every user-facing string of the elements. Other languages implement this interface. */
export interface Translation {
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
  passkeysTitle: string;
  noPasskeys: string;
  addPasskey: string;
  rename: string;
  remove: string;
  save: string;
  passkeyName: string;
  locations: Record<PasskeyLocation, string>;
  usedForThisSession: string;
  created: (when: string) => string;
  lastUsed: (when: string | null) => string;
  confirmRemove: (name: string) => string;
  removingCurrent: string;
  keep: string;
  sessionsTitle: string;
  thisDevice: string;
  unknownBrowser: string;
  lastActive: (when: string) => string;
  signOutSession: string;
  signOutOthers: string;
  deleteAccountTitle: string;
  deleteAccountHint: string;
  deleteAccount: string;
  confirmDelete: string;
  accountDeleted: string;
  signedOutTitle: string;
  reauthenticating: string;
  done: Record<'added' | 'renamed' | 'removed' | 'revoked', string>;
  errors: Record<PasskeyErrorCode, string>;
}

export const en: Translation = {
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
  passkeysTitle: 'Your passkeys',
  noPasskeys: 'You have no passkey yet. Create one to sign in with your fingerprint, face or screen lock.',
  addPasskey: 'Add a passkey',
  rename: 'Rename',
  remove: 'Remove',
  save: 'Save',
  passkeyName: 'Passkey name',
  locations: { synced: 'On your devices', 'security-key': 'On a security key', device: 'On this device only' },
  usedForThisSession: 'Used for this sign-in',
  created: (when) => `Created ${when}`,
  lastUsed: (when) => (when ? `last used ${when}` : 'never used'),
  confirmRemove: (name) => `Remove “${name}”? You will not be able to sign in with it any more.`,
  removingCurrent: 'You signed in with this passkey.',
  keep: 'Keep it',
  sessionsTitle: 'Where you are signed in',
  thisDevice: 'This device',
  unknownBrowser: 'Unknown browser',
  lastActive: (when) => `Active ${when}`,
  signOutSession: 'Sign out',
  signOutOthers: 'Sign out everywhere else',
  deleteAccountTitle: 'Delete account',
  deleteAccountHint: 'Deletes your account, all its passkeys and sessions. This cannot be undone.',
  deleteAccount: 'Delete account',
  confirmDelete: 'Delete my account',
  accountDeleted: 'Your account was deleted.',
  signedOutTitle: 'You are signed out',
  reauthenticating: 'Confirm it is you: your device will ask for your fingerprint, face or screen lock.',
  done: { added: 'Passkey added.', renamed: 'Passkey renamed.', removed: 'Passkey removed.', revoked: 'Signed out.' },
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
  },
};

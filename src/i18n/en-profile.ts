import type { PasskeyLocation } from '../core/backend.ts';
import { enLogin, type LoginTranslation } from './en.ts';

// Apart from en.ts so that a page with only <passkey-login> does not load these strings.

/** The strings only `<passkey-profile>` shows. */
export interface ProfileTranslation {
  passkeysTitle: string;
  /** Heading of the card shown when the account has no passkey. */
  noPasskeysTitle: string;
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
  accountTitle: string;
  /** Label of the display name field. */
  displayName: string;
  changeDisplayName: string;
  done: Record<'added' | 'renamed' | 'removed' | 'revoked' | 'account-updated', string>;
}

/** Every user-facing string of the elements. Other languages implement this interface. */
export type Translation = LoginTranslation & ProfileTranslation;


export const enProfile: ProfileTranslation = {
  passkeysTitle: 'Your passkeys',
  noPasskeysTitle: 'Sign in without a password',
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
  accountTitle: 'Your account',
  displayName: 'Your name',
  changeDisplayName: 'Change name',
  done: { added: 'Passkey added.', renamed: 'Passkey renamed.', removed: 'Passkey removed.', revoked: 'Signed out.', 'account-updated': 'Name changed.' },
};

export const en: Translation = { ...enLogin, ...enProfile };

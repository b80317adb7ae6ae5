import type { PasskeyLocation, SecurityEventKind, SecurityEventMethod, SignInMethod } from '../core/backend.ts';
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
  /** The name of a passkey the user has not named and whose provider is unknown. */
  defaultPasskeyName: string;
  /** Where a passkey lives, in words that hold whichever device the page is viewed on. */
  locations: Record<PasskeyLocation, string>;
  usedForThisSession: string;
  /**
   * The facts of a passkey's card, joined by `Intl.ListFormat` after its location: "On your devices, created 3 Mar 2026,
   * last used yesterday". `date` comes from `Intl.DateTimeFormat`, `when` from `Intl.RelativeTimeFormat`.
   */
  created: (date: string) => string;
  lastUsed: (when: string | null) => string;
  /** The provider a passkey is saved in, from its AAGUID: "Saved in iCloud Keychain". */
  savedIn: (provider: string) => string;
  /** Adding a passkey this device already holds for the account. */
  passkeyExistsHere: string;
  confirmRemoveTitle: (name: string) => string;
  confirmRemoveBody: string;
  removingCurrent: string;
  keep: string;
  sessionsTitle: string;
  thisDevice: string;
  unknownBrowser: string;
  lastActive: (when: string) => string;
  signOutSession: string;
  /** The accessible name of one session's Sign out: "Sign out of Safari on iOS". */
  signOutOfSession: (browser: string, os: string | null) => string;
  signOutOthers: string;
  deleteAccountTitle: string;
  deleteAccountHint: string;
  deleteAccount: string;
  confirmDelete: string;
  /** The question a confirmation dialog has as its title. */
  confirmDeleteTitle: string;
  accountDeleted: string;
  signedOutTitle: string;
  reauthenticating: string;
  accountTitle: string;
  /** Label of the display name field. */
  displayName: string;
  changeDisplayName: string;
  done: Record<'added' | 'renamed' | 'removed' | 'revoked' | 'revoked-others' | 'account-updated' | 'email-verified' | 'email-changed' | 'two-factor-on' | 'two-factor-off', string>;

  // Email address
  emailAddress: string;
  noEmail: string;
  emailVerified: string;
  emailUnverified: string;
  /** Why to verify, shown by an unverified address. */
  unverifiedHint: string;
  verifyEmail: string;
  changeEmail: string;
  addEmail: string;
  /** Label of the new address field. */
  newEmail: string;
  /** `identifier-taken` in the new address form. */
  emailTaken: string;

  // Code forms (verifying the address, changing it, confirming it is you)
  verifyEmailTitle: string;
  changeEmailTitle: string;
  confirmItIsYou: string;
  /** When the address is not known to the page. */
  codeSentByEmail: string;
  submitCode: string;

  // Confirming it is you before a sensitive act
  reauthenticateChoice: string;
  usePasskey: string;
  emailCodeInstead: string;

  signedInWith: Record<SignInMethod, string>;

  // Two-factor sign-in and recovery codes
  twoFactorTitle: string;
  twoFactorOn: string;
  twoFactorOff: string;
  recoveryCodesLeft: (count: number) => string;
  createRecoveryCodes: string;
  confirmRecoveryCodesTitle: string;
  confirmRecoveryCodesBody: string;
  createCodes: string;
  turnOffTwoFactor: string;
  confirmOptOutTitle: string;
  confirmOptOutBody: string;
  optOut: string;
  keepTwoFactor: string;
  turnOnTwoFactor: string;

  // Recent security activity (shown when the backend has securityActivity)
  activityTitle: string;
  /** What the list shows, and what to do about an entry the user does not recognise. */
  activityHint: string;
  showActivity: string;
  hideActivity: string;
  activityEmpty: string;
  activityKinds: Record<SecurityEventKind, string>;
  /** After the kind of a sign-up, sign-in or re-authentication: "Sign-in with a passkey". */
  activityMethods: Record<SecurityEventMethod, string>;
  activityFailed: string;
  activityThisSession: string;
  /** Label of the coarse network the event came from. */
  activityNetwork: string;
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
  defaultPasskeyName: 'Passkey',
  locations: { synced: 'On your devices', 'security-key': 'On a security key', device: 'On one device only' },
  usedForThisSession: 'Used for this sign-in',
  created: (date) => `created ${date}`,
  lastUsed: (when) => (when ? `last used ${when}` : 'not used yet'),
  savedIn: (provider) => `Saved in ${provider}`,
  passkeyExistsHere: 'This device already has a passkey for your account. To add another, choose a security key or another device when your browser asks.',
  confirmRemoveTitle: (name) => `Remove “${name}”?`,
  confirmRemoveBody: 'You will not be able to sign in with it any more.',
  removingCurrent: 'You signed in with this passkey.',
  keep: 'Keep it',
  sessionsTitle: 'Where you are signed in',
  thisDevice: 'This device',
  unknownBrowser: 'Unknown browser',
  lastActive: (when) => `Active ${when}`,
  signOutSession: 'Sign out',
  signOutOthers: 'Sign out of all other devices',
  signOutOfSession: (browser, os) => (os ? `Sign out of ${browser} on ${os}` : `Sign out of ${browser}`),
  deleteAccountTitle: 'Delete account',
  deleteAccountHint: 'Deletes your account, all its passkeys and sessions. This cannot be undone.',
  deleteAccount: 'Delete account',
  confirmDelete: 'Delete my account',
  confirmDeleteTitle: 'Delete your account?',
  accountDeleted: 'Your account was deleted.',
  signedOutTitle: 'You are signed out',
  reauthenticating: 'Confirm it is you: your device will ask for your fingerprint, face or screen lock.',
  accountTitle: 'Your account',
  displayName: 'Your name',
  changeDisplayName: 'Change name',
  done: {
    added: 'Passkey created.', renamed: 'Passkey renamed.', removed: 'Passkey removed.', revoked: 'Signed out.', 'revoked-others': 'Signed out of all other devices.', 'account-updated': 'Name changed.',
    'email-verified': 'Email address verified.', 'email-changed': 'Email address changed.',
    'two-factor-on': 'Two-factor sign-in is on.', 'two-factor-off': 'Two-factor sign-in is off.',
  },

  emailAddress: 'Email address',
  noEmail: 'No email address yet.',
  emailVerified: 'Verified',
  emailUnverified: 'Not verified',
  unverifiedHint: 'Verify it, so that you can get back in with a code by email if you ever lose your passkeys.',
  verifyEmail: 'Verify email address',
  changeEmail: 'Change email',
  addEmail: 'Add an email address',
  newEmail: 'New email address',
  emailTaken: 'Another account already uses this email address.',

  verifyEmailTitle: 'Verify your email address',
  changeEmailTitle: 'Confirm your new email address',
  confirmItIsYou: 'Confirm it is you',
  codeSentByEmail: 'We sent you a code by email.',
  submitCode: 'Confirm',

  reauthenticateChoice: 'Confirm it is you to continue: with your passkey, or with a code we send to your email.',
  usePasskey: 'Use my passkey',
  emailCodeInstead: 'Email me a code instead',

  signedInWith: { passkey: 'Signed in with a passkey', 'email-code': 'Signed in with an email code', 'recovery-code': 'Signed in with an email code and a recovery code' },

  twoFactorTitle: 'Two-factor sign-in',
  twoFactorOn: 'On: to sign in without a passkey, you need a code from your email and one of your recovery codes.',
  twoFactorOff: 'Off: a code from your email is enough to sign in without a passkey.',
  recoveryCodesLeft: (count) =>
    count === 0 ? 'You have no recovery codes left. Create new ones, or you cannot get back in without a passkey.'
      : count === 1 ? 'You have 1 recovery code left.' : `You have ${count} recovery codes left.`,
  createRecoveryCodes: 'Create new recovery codes',
  confirmRecoveryCodesTitle: 'Create new recovery codes?',
  confirmRecoveryCodesBody: 'The codes you have now will stop working.',
  createCodes: 'Create new codes',
  turnOffTwoFactor: 'Turn off two-factor sign-in',
  confirmOptOutTitle: 'Turn off two-factor sign-in?',
  confirmOptOutBody:
    'A code sent to your email will then be enough to sign in to your account: anyone who can read your email could sign in. This protects your account less. You can turn it back on at any time.',
  optOut: 'Turn it off',
  keepTwoFactor: 'Keep it on',
  turnOnTwoFactor: 'Turn two-factor sign-in back on',
  // Recent security activity
  activityTitle: 'Recent security activity',
  activityHint: 'Sign-ins and changes to your account, newest first. If you see something you did not do, remove the passkey or sign out the session it came from.',
  showActivity: 'Show recent activity',
  hideActivity: 'Hide recent activity',
  activityEmpty: 'No activity yet.',
  activityKinds: { 'sign-up': 'Account created', 'sign-in': 'Sign-in', reauthentication: 'Confirming it is you', 'passkey-added': 'Passkey added', 'passkey-renamed': 'Passkey renamed', 'passkey-removed': 'Passkey removed', 'email-verified': 'Email address verified', 'email-changed': 'Email address changed', 'session-revoked': 'A session signed out', 'other-sessions-revoked': 'Signed out of all other devices', 'signed-out': 'Signed out', 'recovery-codes-created': 'New recovery codes created', 'two-factor-changed': 'Two-factor sign-in changed', 'rate-limited': 'Too many attempts, paused for a while' },
  activityMethods: { passkey: 'with a passkey', 'email-code': 'with an email code', 'recovery-code': 'with an email code and a recovery code' },
  activityFailed: 'Failed',
  activityThisSession: 'This session',
  activityNetwork: 'Network',
};

export const en: Translation = { ...enLogin, ...enProfile };

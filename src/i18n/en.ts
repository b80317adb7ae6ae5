import type { PasskeyErrorCode } from '../core/errors.ts';
import type { PasskeyLocation } from '../protocol/wire.ts';

/** What is wrong with the email or username field: `email-missing`, `username-taken`, ... */
export type FieldError = `${'email' | 'username'}-${'missing' | 'invalid' | 'taken'}`;

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
  /** A disclosure on the sign-in and sign-up screens, and its one-line answer. */
  whatIsAPasskey: string;
  passkeyExplained: string;
  noAccountFor: (identifier: string) => string;
  /** Identifier-first sign-in found no passkey on this device; whether the account exists stays unsaid. */
  noPasskeyFor: (identifier: string) => string;
  noPasskeyHint: string;
  /** The same, when the backend can email a sign-in code. */
  noPasskeyHintWithCode: string;
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
  /** The unsupported screen on a page that is not a secure context (plain http on a name other than localhost). */
  insecureContextTitle: string;
  insecureContextHint: string;
  /** The title of the screen that shows a failure: what happened, one per error. */
  errorTitles: Record<PasskeyErrorCode, string>;
  /** The sign-in and sign-up field's errors, in the field's own word (the `identifier` attribute). */
  fieldErrors: Record<FieldError, string>;
  // Email codes: fallback sign-in, recovery, verified sign-up, and the passkey that follows.
  emailMeACode: string;
  lostPasskey: string;
  codeSignInTitle: string;
  codeSignInHint: string;
  recoveryTitle: string;
  recoveryHint: string;
  confirmEmailTitle: string;
  confirmEmailHint: string;
  sendCode: string;
  sendingCode: string;
  checkEmailTitle: string;
  codeSent: (email: string) => string;
  codeResent: (email: string) => string;
  /** How long the code stays valid. */
  codeValidFor: (minutes: number) => string;
  codeLabel: (digits: number) => string;
  checkingCode: string;
  wrongCode: (attemptsLeft: number) => string;
  /** Under a rate limit: when the next try can succeed. */
  retryIn: (seconds: number) => string;
  resendCode: string;
  resendCodeIn: (seconds: number) => string;
  newCode: string;
  differentEmail: string;
  recoveryCodeTitle: string;
  recoveryCodeHint: string;
  recoveryCodeLabel: string;
  passkeyPromptTitle: string;
  passkeyPromptUpgrade: string;
  passkeyPromptRecovery: string;
  passkeyPromptSignUp: string;
  passkeyPromptRequired: string;
  /** The session needs a passkey and this browser cannot make one. */
  passkeyPromptUnavailable: string;
  /** The passkey prompt, when this device already holds a passkey for the account. */
  passkeyOnDevice: string;
  skipForNow: string;
  /** The handshake after a passkey was created: this title, then where it lives (or `passkeySaved`). */
  passkeyCreated: string;
  passkeySavedTo: Record<PasskeyLocation, string>;
  passkeySaved: string;
  recoveryCodesTitle: string;
  recoveryCodesHint: string;
  copy: string;
  copied: string;
  copyFailed: string;
  download: string;
  print: string;
  savedRecoveryCodes: string;
  /** The first lines of the downloaded or printed file: the site (host name), the account. */
  recoveryCodesFileTitle: (site: string) => string;
  recoveryCodesFileAccount: (account: string) => string;
  recoveryCodesFileHint: string;
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
  whatIsAPasskey: 'What is a passkey?',
  passkeyExplained: 'A passkey replaces your password: your device signs you in with your fingerprint, face or screen lock, and it only works on this site, so it cannot be phished.',
  noAccountFor: (identifier) => `There is no account for ${identifier} yet. Create one now:`,
  noPasskeyFor: (identifier) => `No passkey for ${identifier} on this device`,
  noPasskeyHint: 'If you have an account, its passkey may be on another of your devices or on a security key: try again and choose it there. New here? Create an account.',
  noPasskeyHintWithCode: 'If you have an account, sign in with a code we email you, or try again and choose a passkey on another of your devices or on a security key. New here? Create an account.',
  waitingSignIn: 'Sign in with your passkey',
  waitingSignUp: 'Create your passkey',
  deviceWillAsk: 'Your device will ask for your fingerprint, face or screen lock.',
  cancel: 'Cancel',
  verifying: 'Checking your passkey…',
  welcome: (name) => `Welcome, ${name}`,
  signedIn: 'You are signed in',
  signedInAs: (identifier) => `Signed in as ${identifier}`,
  signOut: 'Sign out',
  cancelledTitle: 'Passkey not used',
  cancelledHint: 'The passkey request was closed or timed out, or your device could not confirm it was you.',
  tryAgain: 'Try again',
  back: 'Back',
  loading: 'Loading…',
  unsupportedTitle: 'Passkeys are not available here',
  unsupportedHint: 'This browser cannot use passkeys on this page. Update it, or open this page in a current browser.',
  insecureContextTitle: 'This page needs a secure connection',
  insecureContextHint: 'Browsers offer passkeys only on pages opened over https (or on localhost). Open this page with an https:// address.',
  errorTitles: {
    cancelled: 'Passkey not used', 'passkey-exists': 'You already have a passkey here', 'unknown-credential': 'Passkey not recognised',
    'unknown-user': 'No account found', 'identifier-taken': 'Account already exists', 'invalid-identifier': 'Check what you entered',
    'invalid-display-name': 'Check your name', 'challenge-expired': 'Request expired', 'verification-failed': 'Passkey not verified',
    unsupported: 'Passkeys not available', 'origin-not-allowed': 'Address not accepted', network: 'No connection', server: 'Server problem',
    'bad-response': 'Unexpected answer', unknown: 'Something unexpected happened', 'not-signed-in': 'You are signed out',
    'reauthentication-required': 'Confirm it is you', 'last-passkey': 'Your only passkey', 'invalid-passkey-name': 'Check the name',
    'not-found': 'Already removed', 'invalid-email': 'Check the email address', 'invalid-code': 'Wrong code', 'code-expired': 'Code expired',
    'code-used': 'Code already used', 'code-attempts-exhausted': 'Too many wrong tries', 'rate-limited': 'Too many attempts',
    'email-verification-required': 'Confirm your email first', 'codes-disabled': 'Email codes not available',
    'recovery-code-required': 'Recovery code needed', 'invalid-recovery-code': 'Recovery code not accepted', 'passkey-required': 'Passkey needed',
  },
  fieldErrors: {
    'email-missing': 'Enter your email address.',
    'email-invalid': 'Enter a valid email address, like name@example.com.',
    'email-taken': 'An account with this email address already exists. Sign in instead.',
    'username-missing': 'Enter your username.',
    'username-invalid': 'A username has 3 to 64 characters: lower-case letters, digits, dots, hyphens and underscores.',
    'username-taken': 'This username is already taken. Sign in, or choose another one.',
  },
  emailMeACode: 'Email me a code',
  lostPasskey: 'Lost your passkey?',
  codeSignInTitle: 'Sign in with a code',
  codeSignInHint: 'We will email you a one-time code to sign in with.',
  recoveryTitle: 'Get back into your account',
  recoveryHint: 'Lost the device with your passkey? Sign in with a code we email you, then create a new passkey.',
  confirmEmailTitle: 'Confirm your email',
  confirmEmailHint: 'We will email you a code to confirm the address you sign up with.',
  sendCode: 'Send code',
  sendingCode: 'Sending a code…',
  checkEmailTitle: 'Check your email',
  codeSent: (email) => `We sent a code to ${email}.`,
  codeResent: (email) => `We sent a new code to ${email}.`,
  codeValidFor: (minutes) => `It is valid for ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
  codeLabel: (digits) => `${digits}-digit code`,
  checkingCode: 'Checking the code…',
  wrongCode: (attemptsLeft) => `That code is not right. ${attemptsLeft === 1 ? '1 try' : `${attemptsLeft} tries`} left.`,
  retryIn: (seconds) => `You can try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`,
  resendCode: 'Resend code',
  resendCodeIn: (seconds) => `Resend code in ${seconds} s`,
  newCode: 'Send a new code',
  differentEmail: 'Use a different email',
  recoveryCodeTitle: 'Enter a recovery code',
  recoveryCodeHint: 'Your account also needs one of the recovery codes you saved when you created it. Each one works once.',
  recoveryCodeLabel: 'Recovery code',
  passkeyPromptTitle: 'Create a passkey for this device',
  passkeyPromptUpgrade: 'Next time, sign in with your fingerprint, face or screen lock instead of waiting for an email.',
  passkeyPromptRecovery: 'You are signed in. Create a new passkey so that you can sign in without an email next time.',
  passkeyPromptSignUp: 'Your account is ready. Now create a passkey: it signs you in with your fingerprint, face or screen lock.',
  passkeyPromptRequired: 'Your account needs a passkey on this device before you can continue.',
  passkeyPromptUnavailable: 'Your account needs a passkey, and this browser cannot create one. Open this page in a current browser to continue.',
  passkeyOnDevice: 'This device already has a passkey for this account: next time, sign in with it.',
  skipForNow: 'Skip for now',
  passkeyCreated: 'Passkey created',
  passkeySavedTo: {
    synced: 'It is saved on your devices: next time, sign in with your fingerprint, face or screen lock.',
    'security-key': 'It is saved on your security key: next time, sign in with the key.',
    device: 'It is saved on this device: next time, sign in here with your fingerprint, face or screen lock.',
  },
  passkeySaved: 'Next time, sign in with your passkey instead of waiting for an email.',
  recoveryCodesTitle: 'Save your recovery codes',
  recoveryCodesHint: 'If you lose your passkey, you need one of these codes and an email code to get back in. Each code works once. They are shown only now.',
  copy: 'Copy',
  copied: 'Copied.',
  copyFailed: 'Could not copy. Select the codes and copy them yourself.',
  download: 'Download',
  print: 'Print',
  savedRecoveryCodes: 'I have saved them',
  recoveryCodesFileTitle: (site) => `Recovery codes for ${site}`,
  recoveryCodesFileAccount: (account) => `Account: ${account}`,
  recoveryCodesFileHint: 'Each code works once, together with a code sent to your email.',
  errors: {
    cancelled: 'The passkey request was cancelled.',
    'passkey-exists': 'This device already has a passkey for this account. Sign in with it instead.',
    'unknown-credential': 'This passkey is not registered here any more. Use another passkey, or create a new account.',
    'unknown-user': 'There is no account with this email address or username.',
    'identifier-taken': 'An account with this email address or username already exists. Sign in instead.',
    'invalid-identifier': 'Enter a valid email address or username.',
    'invalid-display-name': 'Use 1 to 64 characters for your name.',
    'challenge-expired': 'The request expired. Please try again.',
    'verification-failed': 'Your passkey could not be verified. Please try again.',
    unsupported: 'Passkeys cannot be used on this page.',
    'origin-not-allowed': 'The sign-in service does not accept requests from this page’s address. Open the site at its usual address.',
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
 * (`errors`, `errorTitles`, `fieldErrors`, `locations`, `done`, ...).
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

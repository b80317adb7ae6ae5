import type { PasskeyEventMap } from '../core/events.ts';

/** React prop name to DOM event of `<passkey-login>`. */
export const loginEvents = {
  onSignedUp: 'passkey-signed-up',
  onSignedIn: 'passkey-signed-in',
  onSignedOut: 'passkey-signed-out',
  onError: 'passkey-error',
} as const satisfies Record<string, keyof PasskeyEventMap>;

/** React prop name to DOM event of `<passkey-profile>`. */
export const profileEvents = {
  onPasskeyCreated: 'passkey-created',
  onPasskeyRenamed: 'passkey-renamed',
  onPasskeyRemoved: 'passkey-removed',
  onSessionRevoked: 'passkey-session-revoked',
  onAccountUpdated: 'passkey-account-updated',
  onAccountDeleted: 'passkey-account-deleted',
  onSignedOut: 'passkey-signed-out',
  onError: 'passkey-error',
} as const satisfies Record<string, keyof PasskeyEventMap>;

/** React prop name to DOM event of `<passkey-account>`: the events of both elements bubble out of it. */
export const accountEvents = { ...loginEvents, ...profileEvents } as const satisfies Record<string, keyof PasskeyEventMap>;

export type LoginEventName = (typeof loginEvents)[keyof typeof loginEvents];
export type ProfileEventName = (typeof profileEvents)[keyof typeof profileEvents];
export type AccountEventName = LoginEventName | ProfileEventName;

/**
 * React components for `<passkey-login>`, `<passkey-profile>` and `<passkey-account>`, made with
 * @lit/react: for React 18 (which sets attributes only and has no custom-element events), and for
 * React 19 users who prefer `onSignedIn` to `onpasskey-signed-in`, and the session hooks
 * (`usePasskeySession`, `usePasskeyUser`). Importing this module registers the three elements.
 */
import * as React from 'react';
// First: the session store follows the elements' events before any of them is defined.
import './session.ts';
import { createComponent, type EventName } from '@lit/react';
import type { PasskeyEventMap } from '../core/events.ts';
import { PasskeyLogin as PasskeyLoginElement } from '../passkey-login.ts';
import { PasskeyProfile as PasskeyProfileElement } from '../passkey-profile.ts';
import { PasskeyAccount as PasskeyAccountElement } from '../passkey-account.ts';
import { accountEvents, loginEvents, profileEvents } from './events.ts';

export type { PasskeyAccountProps, PasskeyBackendProps, PasskeyIntrinsicElements, PasskeyLoginProps, PasskeyProfileProps } from './jsx.ts';
export { accountEvents, loginEvents, profileEvents } from './events.ts';
export { usePasskeySession, usePasskeyUser } from './session.ts';
export type { PasskeySession } from '../core/session-store.ts';

type TypedEvents<Events extends Record<string, keyof PasskeyEventMap>> = {
  [Prop in keyof Events]: EventName<PasskeyEventMap[Events[Prop]]>;
};

/** Gives each event prop its event type; the names are unchanged. */
const typed = <Events extends Record<string, keyof PasskeyEventMap>>(events: Events) => events as unknown as TypedEvents<Events>;

/** `<passkey-login>` with `onSignedUp`, `onSignedIn`, `onSignedOut` and `onError`. */
export const PasskeyLogin = createComponent({
  react: React,
  tagName: 'passkey-login',
  elementClass: PasskeyLoginElement,
  events: typed(loginEvents),
  displayName: 'PasskeyLogin',
});

/** `<passkey-profile>` with `onPasskeyCreated`, `onPasskeyRenamed`, `onPasskeyRemoved`, `onSessionRevoked`, `onAccountUpdated`, `onAccountDeleted`, `onSignedOut` and `onError`. */
export const PasskeyProfile = createComponent({
  react: React,
  tagName: 'passkey-profile',
  elementClass: PasskeyProfileElement,
  events: typed(profileEvents),
  displayName: 'PasskeyProfile',
});

/** `<passkey-account>`: the login's and the profile's event props, as their events bubble out of it. */
export const PasskeyAccount = createComponent({
  react: React,
  tagName: 'passkey-account',
  elementClass: PasskeyAccountElement,
  events: typed(accountEvents),
  displayName: 'PasskeyAccount',
});

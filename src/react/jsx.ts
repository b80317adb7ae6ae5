/**
 * JSX typings of `<passkey-login>`, `<passkey-profile>`, `<passkey-account>` and `<passkey-backend>` for React 19, which renders custom
 * elements natively: properties are set as properties, and `onpasskey-signed-in` listens to the
 * `passkey-signed-in` DOM event. Types only: `import type {} from 'passkey-elements/react/jsx'`
 * (or importing `passkey-elements/react`) brings them into scope.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { PasskeyBackendProvider } from '../core/backend-provider.ts';
import type { PasskeyEventMap } from '../core/events.ts';
import type { PasskeyLogin } from '../login/passkey-login.component.ts';
import type { PasskeyProfile } from '../profile/passkey-profile.component.ts';
import type { PasskeyAccount } from '../account/passkey-account.component.ts';
import type { AccountEventName, LoginEventName, ProfileEventName } from './events.ts';

/** The element's reactive properties (its `static properties`), minus private state. */
type ElementProperties<Element, Declared> = Partial<Pick<Element, keyof Declared & keyof Element>>;

/** `onpasskey-signed-in` and friends, each receiving its typed event. */
type EventProps<Name extends keyof PasskeyEventMap> = { [Event in Name as `on${Event}`]?: (event: PasskeyEventMap[Event]) => void };

type ElementProps<Element extends HTMLElement> = DetailedHTMLProps<HTMLAttributes<Element>, Element>;

export type PasskeyLoginProps = ElementProps<PasskeyLogin> &
  ElementProperties<PasskeyLogin, typeof PasskeyLogin.properties> &
  EventProps<LoginEventName>;

export type PasskeyProfileProps = ElementProps<PasskeyProfile> &
  ElementProperties<PasskeyProfile, typeof PasskeyProfile.properties> &
  EventProps<ProfileEventName>;

export type PasskeyAccountProps = ElementProps<PasskeyAccount> &
  ElementProperties<PasskeyAccount, typeof PasskeyAccount.properties> &
  EventProps<AccountEventName>;

/** `<passkey-backend>`: `api` or `backend`, shared with the elements inside it. */
export type PasskeyBackendProps = ElementProps<PasskeyBackendProvider> & Partial<Pick<PasskeyBackendProvider, 'api' | 'backend'>>;

export interface PasskeyIntrinsicElements {
  'passkey-backend': PasskeyBackendProps;
  'passkey-login': PasskeyLoginProps;
  'passkey-profile': PasskeyProfileProps;
  'passkey-account': PasskeyAccountProps;
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements extends PasskeyIntrinsicElements {}
  }
}

declare global {
  namespace JSX {
    interface IntrinsicElements extends PasskeyIntrinsicElements {}
  }
}

// Generated from custom-elements.json by `npm run docs` (scripts/vue-from-manifest.ts); edit the elements' JSDoc instead.
import type { DefineComponent } from 'vue';
import type { VueElementProps, VueEventProps } from './typing-helpers.ts';
import type { PasskeyLogin } from '../login/passkey-login.component.ts';
import type { PasskeyProfile } from '../profile/passkey-profile.component.ts';
import type { PasskeyBackendProvider } from '../core/backend-provider.ts';
import type { PasskeyAccount } from '../account/passkey-account.component.ts';

/** Props and `@` listeners of `<passkey-login>` in Vue templates. */
export type PasskeyLoginVueProps = VueElementProps<PasskeyLogin, 'mode' | 'identifier' | 'noAutofill' | 'redirect' | 'api' | 'backend' | 'strings' | 'translations' | 'theme'> &
  VueEventProps<'passkey-signed-up' | 'passkey-signed-in' | 'passkey-signed-out' | 'passkey-error'>;

/** Props and `@` listeners of `<passkey-profile>` in Vue templates. */
export type PasskeyProfileVueProps = VueElementProps<PasskeyProfile, 'sections' | 'headingLevel' | 'api' | 'backend' | 'strings' | 'translations' | 'theme'> &
  VueEventProps<'passkey-created' | 'passkey-renamed' | 'passkey-removed' | 'passkey-session-revoked' | 'passkey-account-updated' | 'passkey-account-deleted' | 'passkey-signed-out' | 'passkey-error'>;

/** Props and `@` listeners of `<passkey-backend>` in Vue templates. */
export type PasskeyBackendVueProps = VueElementProps<PasskeyBackendProvider, 'api' | 'backend'>;

/** Props and `@` listeners of `<passkey-account>` in Vue templates. */
export type PasskeyAccountVueProps = VueElementProps<PasskeyAccount, 'api' | 'backend' | 'theme' | 'identifier' | 'noAutofill'> &
  VueEventProps<'passkey-signed-in' | 'passkey-signed-out'>;

// Typed templates: vue-tsc checks the elements' props and event handlers.
declare module 'vue' {
  interface GlobalComponents {
    'passkey-login': DefineComponent<PasskeyLoginVueProps>;
    'passkey-profile': DefineComponent<PasskeyProfileVueProps>;
    'passkey-backend': DefineComponent<PasskeyBackendVueProps>;
    'passkey-account': DefineComponent<PasskeyAccountVueProps>;
  }
}

import type { DefineComponent } from 'vue';
import type { PasskeyEventMap, PasskeyLogin, PasskeyProfile } from 'passkey-elements';

/** `@passkey-signed-in="..."` in a template is the prop `onPasskeySignedIn` to the type checker. */
type EventProps<Name extends keyof PasskeyEventMap> = {
  [Key in Name as `on${KebabToPascal<Key>}`]?: (event: PasskeyEventMap[Key]) => void;
};
type KebabToPascal<Text extends string> = Text extends `${infer Head}-${infer Tail}`
  ? `${Capitalize<Head>}${KebabToPascal<Tail>}`
  : Capitalize<Text>;

type PasskeyLoginProps = Partial<Pick<PasskeyLogin, 'api' | 'backend' | 'mode' | 'identifier' | 'noAutofill' | 'redirect' | 'strings'>> &
  EventProps<'passkey-signed-up' | 'passkey-signed-in' | 'passkey-signed-out' | 'passkey-error'>;

type PasskeyProfileProps = Partial<Pick<PasskeyProfile, 'api' | 'backend' | 'strings'>> &
  EventProps<
    | 'passkey-created'
    | 'passkey-renamed'
    | 'passkey-removed'
    | 'passkey-session-revoked'
    | 'passkey-account-deleted'
    | 'passkey-signed-out'
    | 'passkey-error'
  >;

// Typed templates: vue-tsc checks the elements' props and event handlers.
declare module 'vue' {
  interface GlobalComponents {
    'passkey-login': DefineComponent<PasskeyLoginProps>;
    'passkey-profile': DefineComponent<PasskeyProfileProps>;
  }
}

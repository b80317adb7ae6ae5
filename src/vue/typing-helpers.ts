import type { PasskeyEventMap } from '../core/events.ts';

/** `@passkey-signed-in="..."` in a template is the prop `onPasskeySignedIn` to vue-tsc. */
export type VueEventProps<Name extends keyof PasskeyEventMap> = {
  [Event in Name as `on${KebabToPascal<Event>}`]?: (event: PasskeyEventMap[Event]) => void;
};

type KebabToPascal<Text extends string> = Text extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${KebabToPascal<Tail>}` : Capitalize<Text>;

/** The element's public properties, each optional, typed by its class. */
export type VueElementProps<Element, Name extends keyof Element> = Partial<Pick<Element, Name>>;

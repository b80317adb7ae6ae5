import { LitElement } from 'lit';
import { ConfiguredBackend } from './configured-backend.ts';
import type { PasskeyError, PasskeyErrorCode } from './errors.ts';
import type { PasskeyEventMap } from './events.ts';
import { FocusTracker } from './focus.ts';
import type { TranslationOverrides } from '../i18n/en.ts';
import { LanguageController } from '../i18n/language-controller.ts';
import type { TranslationSource } from '../i18n/languages.ts';

/** What every element's text has: a message per error code. */
export interface ElementStrings {
  errors: Record<PasskeyErrorCode, string>;
}

/**
 * What `<passkey-login>` and `<passkey-profile>` share: where their backend comes from, their
 * language and text, their theme, focus tracking and their DOM events.
 */
export abstract class PasskeyElement<Backend, Strings extends ElementStrings> extends LitElement {
  static override properties = {
    api: { reflect: true },
    backend: { attribute: false },
    strings: { attribute: false },
    translations: { attribute: false },
    theme: { reflect: true },
  };

  protected readonly focusTracker = new FocusTracker(this);
  protected readonly language: LanguageController<Strings>;
  readonly #backends: ConfiguredBackend<Backend>;

  /**
   * Base URL of a backend speaking the passkey-elements protocol, e.g. `/api/passkeys`. Without it
   * (and without `backend`), the backend an ancestor provides (`<passkey-backend>`, passkeyBackendContext).
   */
  declare api: string;
  /** A backend object; takes precedence over `api`. */
  declare backend: Backend | undefined;
  /** Replacements for any text, over the language shown (docs/i18n.md). */
  declare strings: TranslationOverrides<Strings> | undefined;
  /** The app's own languages, or its changes to shipped ones, by language tag (docs/i18n.md). */
  declare translations: Record<string, TranslationSource<Strings>> | undefined;
  /** Colour scheme: the system's (`auto`), or always `light` or `dark`. */
  declare theme: 'light' | 'dark' | 'auto';

  /** `english` is the text shown until another language loads; `createRest` builds the client for `api`. */
  constructor(english: Strings, createRest: (api: string) => Backend) {
    super();
    this.api = '';
    this.theme = 'auto';
    this.language = new LanguageController(this, english);
    this.#backends = new ConfiguredBackend(this, createRest, () => this.backendProvided());
  }

  /** A provider answered late (after connecting), or its backend changed. */
  protected backendProvided(): void {}

  /** The backend to talk to now: `backend`, else the client for `api`, else the provided one. */
  protected activeBackend(): Backend {
    return this.#backends.resolve(this.api, this.backend);
  }

  /** Whether a backend is configured yet: frameworks may set `api` or `backend` well after connecting. */
  protected hasBackend(): boolean {
    return this.#backends.has(this.api, this.backend);
  }

  /** The text shown, in the element's language with its overrides. */
  protected get t(): Strings {
    return this.language.strings;
  }

  /**
   * Fires one of the elements' DOM events (it bubbles and crosses shadow roots) and returns it:
   * with `cancelable`, a listener's `preventDefault()` shows in its `defaultPrevented`.
   */
  protected emit<Name extends keyof PasskeyEventMap>(name: Name, detail: PasskeyEventMap[Name]['detail'], options?: { cancelable?: boolean }): PasskeyEventMap[Name] {
    const event = new CustomEvent(name, { detail, bubbles: true, composed: true, ...options }) as PasskeyEventMap[Name];
    this.dispatchEvent(event);
    return event;
  }

  /** Tells the page about a failure the user was shown, with the message shown and the original cause. */
  protected report(error: PasskeyError): void {
    this.emit('passkey-error', { code: error.code, message: this.t.errors[error.code], cause: error });
  }
}

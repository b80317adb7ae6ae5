import { LitElement, html, type PropertyValues } from 'lit';
import type { LoginBackend, PasskeyUser, PublicKeyCredentialRequestOptionsJSON } from '../core/backend.ts';
import { CeremonyController, detectCapabilities, type Capabilities } from '../core/ceremony.ts';
import { signalUnknownCredential } from '../core/signals.ts';
import { PasskeyError, toPasskeyError } from '../core/errors.ts';
import { emit } from '../core/events.ts';
import { FocusTracker } from '../core/focus.ts';
import { ConfiguredBackend } from '../core/configured-backend.ts';
import { createLoginRestBackend } from '../core/rest-backend.ts';
import { enLogin, type LoginTranslation, type TranslationOverrides } from '../i18n/en.ts';
import { LanguageController } from '../i18n/language-controller.ts';
import type { TranslationSource } from '../i18n/languages.ts';
import { initialLoginState, transition, type Draft, type LoginEvent, type LoginForm, type LoginState } from './login-flow.ts';
import { renderLoginState, type LoginActions } from './login-views.ts';
import { loginStyles } from './passkey-login.styles.ts';

/** Options older than this share of their timeout are fetched again: their challenge may have expired. */
const OPTIONS_FRESHNESS = 0.8;
const DEFAULT_TIMEOUT_MS = 300_000;

/**
 * Sign-up and sign-in with passkeys: a passkey button, identifier-first sign-in with autofill,
 * and account creation, with a screen for every outcome.
 *
 * @tag passkey-login
 * @summary The whole passkey sign-up and sign-in journey in one element.
 *
 * @event {CustomEvent<PasskeyUserDetail>} passkey-signed-up - An account was created; `detail.user`. Followed by `passkey-signed-in`.
 * @event {CustomEvent<PasskeyUserDetail>} passkey-signed-in - The user is signed in; `detail.user`.
 * @event {CustomEvent<Record<string, never>>} passkey-signed-out - `signOut()` ended the session.
 * @event {CustomEvent<PasskeyErrorDetail>} passkey-error - A failure the user was shown; `detail.code`, `detail.message`, `detail.cause`.
 *
 * @slot header - Above the form, e.g. a logo.
 * @slot footer - Below the form, e.g. terms and help links.
 *
 * @csspart title - The heading of each screen.
 * @csspart form - The identifier and sign-up forms.
 * @csspart label - Field labels.
 * @csspart input - Text fields.
 * @csspart button - Every button.
 * @csspart primary-button - The main action of a screen.
 * @csspart link - Text buttons that switch between sign-in and sign-up.
 * @csspart divider - The "or" line.
 * @csspart message - Explanatory text.
 * @csspart error - Error messages.
 *
 * @cssproperty --passkey-color-accent - Buttons, links and focus ring.
 * @cssproperty --passkey-color-on-accent - Text on the primary button.
 * @cssproperty --passkey-color-text - Text.
 * @cssproperty --passkey-color-muted - Secondary text.
 * @cssproperty --passkey-color-background - Background of the element.
 * @cssproperty --passkey-color-surface - Field and button background.
 * @cssproperty --passkey-color-border - Field borders and the divider.
 * @cssproperty --passkey-color-error - Error text and invalid fields.
 * @cssproperty --passkey-radius - Corner radius of fields and buttons.
 * @cssproperty --passkey-spacing - Space between rows.
 * @cssproperty --passkey-font-family - Font.
 * @cssproperty --passkey-font-size - Base font size; everything inside scales with it.
 * @cssproperty --passkey-focus-ring - Box shadow of focused controls.
 * @cssproperty --passkey-max-width - Width of the element.
 * @cssproperty --passkey-min-height - Height every screen keeps, so that switching screens moves nothing.
 */
export class PasskeyLogin extends LitElement {
  static override styles = loginStyles;

  static override properties = {
    api: { reflect: true },
    backend: { attribute: false },
    mode: { reflect: true },
    identifier: { reflect: true },
    noAutofill: { type: Boolean, attribute: 'no-autofill' },
    redirect: {},
    strings: { attribute: false },
    translations: { attribute: false },
    theme: { reflect: true },
    state: { state: true },
  };

  #ceremony = new CeremonyController(this);
  #focus = new FocusTracker(this);
  #language = new LanguageController(this, enLogin);

  /**
   * Base URL of a backend speaking the passkey-elements protocol, e.g. `/api/passkeys`. Without it
   * (and without `backend`), the backend an ancestor provides (`<passkey-backend>`, passkeyBackendContext).
   */
  declare api: string;
  /** A backend object; takes precedence over `api`. */
  declare backend: LoginBackend | undefined;
  /** The form shown first. */
  declare mode: 'signin' | 'signup';
  /** What people sign in with. */
  declare identifier: 'email' | 'username';
  /** Do not offer passkeys in the identifier field's autofill. */
  declare noAutofill: boolean;
  /** A URL to go to after signing in; without it the element stays and shows who is signed in. */
  declare redirect: string | undefined;
  /** Replacements for any text, over the language shown (docs/i18n.md). */
  declare strings: TranslationOverrides<LoginTranslation> | undefined;
  /** The app's own languages, or its changes to shipped ones, by language tag (docs/i18n.md). */
  declare translations: Record<string, TranslationSource<LoginTranslation>> | undefined;
  /** Colour scheme: the system's (`auto`), or always `light` or `dark`. */
  declare theme: 'light' | 'dark' | 'auto';

  private declare state: LoginState;
  #capabilities?: Capabilities;
  #backends = new ConfiguredBackend<LoginBackend>(this, createLoginRestBackend);
  /** Usernameless request options, fetched before the click so that sign-in costs one request. */
  #signInOptions?: { request: Promise<PublicKeyCredentialRequestOptionsJSON>; expiresAt: number };
  #autofillPending = false;
  /** Aborted when the user cancels, so that the late answer of an abandoned attempt is ignored. */
  #attempt?: AbortController;
  #retryAttempt: () => void = () => this.#signInWithPasskey();

  constructor() {
    super();
    this.api = '';
    this.mode = 'signin';
    this.identifier = 'email';
    this.noAutofill = false;
    this.theme = 'auto';
    this.state = initialLoginState;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#attempt?.abort();
  }

  protected override updated(changed: PropertyValues<this>): void {
    const previous = changed.get('state' as keyof PasskeyLogin) as LoginState | undefined;
    if (previous && this.#focus.hadFocus) this.#moveFocus(previous);
    if (this.state.name === 'sign-in' && previous?.name !== 'sign-in') void this.#startAutofill();
  }

  /** Ends the session on the backend, then shows the sign-in form again. */
  async signOut(): Promise<void> {
    try {
      await this.#activeBackend().signOut();
    } catch (error) {
      this.#report(toPasskeyError(error));
      throw error;
    }
    this.#dispatch({ type: 'signed-out' });
    emit(this, 'passkey-signed-out', {});
  }

  async #start(): Promise<void> {
    this.#capabilities ??= await detectCapabilities();
    this.#dispatch({ type: 'capabilities-detected', webauthn: this.#capabilities.webauthn, startOn: this.mode === 'signup' ? 'sign-up' : 'sign-in' });
    if (this.#capabilities.webauthn) void this.#prefetchSignInOptions();
  }

  async #prefetchSignInOptions(): Promise<void> {
    try {
      await this.#usernamelessOptions();
    } catch (error) {
      // Not shown now: the button asks again on click and shows the failure there.
      if (!(error instanceof PasskeyError)) throw error;
    }
  }

  /** One request shared by the prefetch, autofill and the button; fetched again once stale or used. */
  #usernamelessOptions(signal?: AbortSignal): Promise<PublicKeyCredentialRequestOptionsJSON> {
    const cached = this.#signInOptions;
    if (cached && cached.expiresAt > Date.now()) return cached.request;
    const requestedAt = Date.now();
    const entry = { expiresAt: Infinity, request: this.#activeBackend().loginOptions({}, { signal }) };
    this.#signInOptions = entry;
    entry.request.then(
      (options) => (entry.expiresAt = requestedAt + (options.timeout ?? DEFAULT_TIMEOUT_MS) * OPTIONS_FRESHNESS),
      () => this.#signInOptions === entry && (this.#signInOptions = undefined),
    );
    return entry.request;
  }

  async #startAutofill(): Promise<void> {
    if (!this.#capabilities?.autofill || this.noAutofill || this.#autofillPending) return;
    this.#autofillPending = true;
    let options: PublicKeyCredentialRequestOptionsJSON;
    let response;
    try {
      options = await this.#usernamelessOptions();
      // The user may have pressed a button while the options loaded: their ceremony wins.
      if (this.state.name !== 'sign-in') return;
      response = await this.#ceremony.authenticate(options, true);
    } catch (error) {
      // Autofill ends silently when a modal ceremony replaces it or the device has no passkey;
      // anything else is shown by the button, which the user can still press.
      if (!(error instanceof Error)) throw error;
      return;
    } finally {
      this.#autofillPending = false;
    }
    const attempt = this.#newAttempt();
    this.#retryAttempt = () => this.#signInWithPasskey();
    await this.#complete(attempt, () => this.#verifySignIn(response, options, attempt.signal));
  }

  #signInWithPasskey(): void {
    this.#retryAttempt = () => this.#signInWithPasskey();
    void this.#run('sign-in', {}, async (signal) => {
      const options = await this.#usernamelessOptions(signal);
      return this.#verifySignIn(await this.#ceremony.authenticate(options), options, signal);
    });
  }

  #signInWithIdentifier(identifier: string): void {
    this.#retryAttempt = () => this.#signInWithIdentifier(identifier);
    void this.#run('sign-in', { identifier }, async (signal) => {
      const options = await this.#activeBackend().loginOptions({ identifier }, { signal });
      return this.#verifySignIn(await this.#ceremony.authenticate(options), options, signal);
    });
  }

  #signUp(draft: Draft): void {
    this.#retryAttempt = () => this.#signUp(draft);
    void this.#run('sign-up', draft, async (signal) => {
      const backend = this.#activeBackend();
      const input = { identifier: draft.identifier, ...(draft.displayName ? { displayName: draft.displayName } : {}) };
      const response = await this.#ceremony.register(await backend.registrationOptions(input, { signal }));
      this.#dispatch({ type: 'authenticator-responded', form: 'sign-up' });
      return { user: await backend.verifyRegistration(response, { signal }), isNewAccount: true };
    });
  }

  async #verifySignIn(response: Parameters<LoginBackend['verifyLogin']>[0], options: PublicKeyCredentialRequestOptionsJSON, signal: AbortSignal) {
    this.#dispatch({ type: 'authenticator-responded', form: 'sign-in' });
    // The server consumes the challenge whatever the outcome: never reuse these options.
    this.#signInOptions = undefined;
    try {
      return { user: await this.#activeBackend().verifyLogin(response, { signal }), isNewAccount: false };
    } catch (error) {
      if (error instanceof PasskeyError && error.code === 'unknown-credential') signalUnknownCredential(options.rpId ?? location.hostname, response.id);
      throw error;
    }
  }

  async #run(form: LoginForm, draft: Partial<Draft>, work: (signal: AbortSignal) => Promise<SignInResult>): Promise<void> {
    const attempt = this.#newAttempt();
    this.#dispatch({ type: 'ceremony-started', form, draft });
    await this.#complete(attempt, () => work(attempt.signal));
  }

  async #complete(attempt: AbortController, work: () => Promise<SignInResult>): Promise<void> {
    let result: SignInResult;
    try {
      result = await work();
    } catch (error) {
      if (attempt.signal.aborted) return;
      const failure = toPasskeyError(error);
      if (failure.code === 'challenge-expired') this.#signInOptions = undefined;
      this.#dispatch({ type: 'failed', error: failure.code });
      // Cancelling is the user's choice and an unknown identifier leads to sign-up: neither is an error.
      if (failure.code !== 'cancelled' && failure.code !== 'unknown-user') this.#report(failure);
      return;
    }
    if (attempt.signal.aborted) return;
    this.#dispatch({ type: 'succeeded', user: result.user, isNewAccount: result.isNewAccount });
    if (result.isNewAccount) emit(this, 'passkey-signed-up', { user: result.user });
    emit(this, 'passkey-signed-in', { user: result.user });
    if (this.redirect) window.location.assign(this.redirect);
  }

  #newAttempt(): AbortController {
    this.#attempt?.abort();
    return (this.#attempt = new AbortController());
  }

  #activeBackend(): LoginBackend {
    return this.#backends.resolve(this.api, this.backend);
  }

  #report(error: PasskeyError): void {
    emit(this, 'passkey-error', { code: error.code, message: this.#t.errors[error.code], cause: error });
  }

  #dispatch(event: LoginEvent): void {
    this.state = transition(this.state, event);
  }

  /** Keeps keyboard users' place: a new error focuses its field, a new screen its heading. */
  #moveFocus(previous: LoginState): void {
    const root = this.renderRoot as ShadowRoot;
    const invalid = root.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (invalid) return invalid.focus();
    if (previous.name !== this.state.name || !root.activeElement) root.querySelector<HTMLElement>('h2')?.focus();
  }

  get #t(): LoginTranslation {
    return this.#language.strings;
  }

  #actions: LoginActions = {
    signInWithPasskey: () => this.#signInWithPasskey(),
    submitIdentifier: (event) => {
      event.preventDefault();
      const identifier = readField(event, 'identifier');
      if (identifier) this.#signInWithIdentifier(identifier);
      else this.#dispatch({ type: 'form-rejected', form: 'sign-in', draft: { identifier }, error: 'invalid-identifier' });
    },
    submitSignUp: (event) => {
      event.preventDefault();
      const draft = { identifier: readField(event, 'identifier'), displayName: readField(event, 'displayName') };
      if (draft.identifier) this.#signUp(draft);
      else this.#dispatch({ type: 'form-rejected', form: 'sign-up', draft, error: 'invalid-identifier' });
    },
    showSignUp: () => this.#dispatch({ type: 'show-form', form: 'sign-up', draft: this.#typedDraft() }),
    showSignIn: () => this.#dispatch({ type: 'show-form', form: 'sign-in', draft: this.#typedDraft() }),
    cancel: () => {
      this.#attempt?.abort();
      this.#ceremony.cancel();
      this.#dispatch({ type: 'cancel' });
    },
    retry: () => this.#retryAttempt(),
    back: () => this.#dispatch({ type: 'show-form', form: this.state.name === 'cancelled' || this.state.name === 'failed' ? this.state.form : 'sign-in' }),
    signOut: () => void this.signOut().catch((error: unknown) => this.#dispatch({ type: 'failed', error: toPasskeyError(error).code })),
  };

  /** What the user has typed in the current form, so that switching forms keeps it. */
  #typedDraft(): Partial<Draft> {
    const form = this.renderRoot.querySelector('form');
    if (!form) return {};
    const data = new FormData(form);
    const draft: Partial<Draft> = { identifier: String(data.get('identifier') ?? '').trim() };
    if (data.has('displayName')) draft.displayName = String(data.get('displayName')).trim();
    return draft;
  }

  override render() {
    return html`<div class="card">
      <slot name="header"></slot>
      ${renderLoginState(this.state, { t: this.#t, actions: this.#actions, identifierKind: this.identifier })}
      <slot name="footer"></slot>
    </div>`;
  }
}

interface SignInResult {
  user: PasskeyUser;
  isNewAccount: boolean;
}

function readField(event: SubmitEvent, name: string): string {
  const value = new FormData(event.currentTarget as HTMLFormElement).get(name);
  return typeof value === 'string' ? value.trim() : '';
}

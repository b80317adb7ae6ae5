import { html, type PropertyValues } from 'lit';
import { AttemptController } from '../core/attempt.ts';
import { signInAnswerOf, type LoginBackend, type PasskeyUser, type PublicKeyCredentialRequestOptionsJSON } from '../core/backend.ts';
import { CeremonyController, detectCapabilities, type Capabilities } from '../core/ceremony.ts';
import { PasskeyError, toPasskeyError } from '../core/errors.ts';
import { PasskeyElement } from '../core/passkey-element.ts';
import { createLoginRestBackend } from '../core/rest-backend.ts';
import { signalUnknownCredential } from '../core/signals.ts';
import { focusTargets } from '../core/views.ts';
import { enLogin, type LoginTranslation } from '../i18n/en.ts';
import { initialLoginState, transition, type Draft, type LoginEvent, type LoginState } from './login-flow.ts';
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
 * @event {CustomEvent<PasskeyUserDetail>} passkey-signed-in - The user is signed in; `detail.user`. Cancelable: `preventDefault()` stays on the page instead of following `redirect`.
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
export class PasskeyLogin extends PasskeyElement<LoginBackend, LoginTranslation> {
  static override styles = loginStyles;

  // The shared properties too: the React typings read every property off this object.
  static override properties = {
    ...PasskeyElement.properties,
    mode: { reflect: true },
    identifier: { reflect: true },
    noAutofill: { type: Boolean, attribute: 'no-autofill' },
    redirect: {},
    state: { state: true },
  };

  #ceremony = new CeremonyController(this);
  /** The attempt under way; Cancel abandons it, so that its late answer is ignored. */
  #attempts = new AttemptController(this);

  /** The form shown first. */
  declare mode: 'signin' | 'signup';
  /** What people sign in with. */
  declare identifier: 'email' | 'username';
  /** Do not offer passkeys in the identifier field's autofill. */
  declare noAutofill: boolean;
  /** A URL to go to after signing in (unless a `passkey-signed-in` listener prevents it); without it the element stays and shows who is signed in. */
  declare redirect: string | undefined;

  private declare state: LoginState;
  #capabilities?: Capabilities;
  /** Usernameless request options, fetched before the click so that sign-in costs one request. */
  #signInOptions?: { request: Promise<PublicKeyCredentialRequestOptionsJSON>; expiresAt: number };
  #autofillPending = false;
  /** What "Try again" repeats. */
  #lastAttempt: LoginAttempt = { method: 'passkey' };

  constructor() {
    super(enLogin, createLoginRestBackend);
    this.mode = 'signin';
    this.identifier = 'email';
    this.noAutofill = false;
    this.state = initialLoginState;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#start();
  }

  protected override updated(changed: PropertyValues<this>): void {
    const previous = changed.get('state' as keyof PasskeyLogin) as LoginState | undefined;
    if (previous && this.focusTracker.hadFocus) this.#moveFocus(previous);
    if (this.state.name === 'sign-in' && previous?.name !== 'sign-in') void this.#startAutofill();
  }

  /** Ends the session on the backend, then shows the sign-in form again. */
  async signOut(): Promise<void> {
    try {
      await this.activeBackend().signOut();
    } catch (error) {
      this.report(toPasskeyError(error));
      throw error;
    }
    this.#dispatch({ type: 'signed-out' });
    this.emit('passkey-signed-out', {});
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
    const entry = { expiresAt: Infinity, request: this.activeBackend().loginOptions({}, { signal }) };
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
    // Trying again after a failed autofill sign-in is the button's ceremony.
    this.#lastAttempt = { method: 'passkey' };
    void this.#attempts.run((signal) => this.#verifySignIn(response, options, signal), this.#succeeded, this.#failed);
  }

  /** Starts an attempt from the form: the waiting screen, then the ceremony and the backend. */
  #attempt(attempt: LoginAttempt): void {
    this.#lastAttempt = attempt;
    const started: LoginEvent = attempt.method === 'sign-up'
      ? { type: 'ceremony-started', form: 'sign-up', draft: attempt.draft }
      : { type: 'ceremony-started', form: 'sign-in', draft: attempt.method === 'identifier' ? { identifier: attempt.identifier } : {} };
    this.#dispatch(started);
    void this.#attempts.run((signal) => this.#ceremonyFor(attempt, signal), this.#succeeded, this.#failed);
  }

  async #ceremonyFor(attempt: LoginAttempt, signal: AbortSignal): Promise<SignInResult> {
    const backend = this.activeBackend();
    if (attempt.method === 'sign-up') {
      const { identifier, displayName } = attempt.draft;
      const response = await this.#ceremony.register(await backend.registrationOptions({ identifier, ...(displayName ? { displayName } : {}) }, { signal }));
      if (!signal.aborted) this.#dispatch({ type: 'authenticator-responded', form: 'sign-up' });
      return { user: signInAnswerOf(await backend.verifyRegistration(response, { signal })).user, isNewAccount: true };
    }
    const options = attempt.method === 'identifier' ? await backend.loginOptions({ identifier: attempt.identifier }, { signal }) : await this.#usernamelessOptions(signal);
    return this.#verifySignIn(await this.#ceremony.authenticate(options), options, signal);
  }

  async #verifySignIn(response: Parameters<LoginBackend['verifyLogin']>[0], options: PublicKeyCredentialRequestOptionsJSON, signal: AbortSignal): Promise<SignInResult> {
    if (!signal.aborted) this.#dispatch({ type: 'authenticator-responded', form: 'sign-in' });
    // The server consumes the challenge whatever the outcome: never reuse these options.
    this.#signInOptions = undefined;
    try {
      return { user: await this.activeBackend().verifyLogin(response, { signal }), isNewAccount: false };
    } catch (error) {
      if (error instanceof PasskeyError && error.code === 'unknown-credential') signalUnknownCredential(options.rpId ?? location.hostname, response.id);
      throw error;
    }
  }

  #succeeded = ({ user, isNewAccount }: SignInResult): void => {
    this.#dispatch({ type: 'succeeded', user, isNewAccount });
    if (isNewAccount) this.emit('passkey-signed-up', { user });
    const signedIn = this.emit('passkey-signed-in', { user }, { cancelable: true });
    if (this.redirect && !signedIn.defaultPrevented) window.location.assign(this.redirect);
  };

  #failed = (error: unknown): void => {
    const failure = toPasskeyError(error);
    if (failure.code === 'challenge-expired') this.#signInOptions = undefined;
    this.#dispatch({ type: 'failed', error: failure.code });
    // Cancelling is the user's choice and an unknown identifier leads to sign-up: neither is an error.
    if (failure.code !== 'cancelled' && failure.code !== 'unknown-user') this.report(failure);
  };

  #dispatch(event: LoginEvent): void {
    this.state = transition(this.state, event);
  }

  /** Keeps keyboard users' place: a new error focuses its field, a new screen its heading. */
  #moveFocus(previous: LoginState): void {
    const invalid = this.focusTracker.target(focusTargets.invalidField);
    if (invalid) return invalid.focus();
    if (previous.name !== this.state.name || !this.shadowRoot?.activeElement) this.focusTracker.target(focusTargets.heading)?.focus();
  }

  #actions: LoginActions = {
    signInWithPasskey: () => this.#attempt({ method: 'passkey' }),
    submitIdentifier: (typed) => {
      const identifier = typed.trim();
      if (identifier) this.#attempt({ method: 'identifier', identifier });
      else this.#dispatch({ type: 'form-rejected', form: 'sign-in', draft: { identifier }, error: 'invalid-identifier' });
    },
    submitSignUp: (typed) => {
      const draft = { identifier: typed.identifier.trim(), displayName: typed.displayName.trim() };
      if (draft.identifier) this.#attempt({ method: 'sign-up', draft });
      else this.#dispatch({ type: 'form-rejected', form: 'sign-up', draft, error: 'invalid-identifier' });
    },
    showSignUp: (typed) => this.#dispatch({ type: 'show-form', form: 'sign-up', draft: typed }),
    showSignIn: (typed) => this.#dispatch({ type: 'show-form', form: 'sign-in', draft: typed }),
    cancel: () => {
      this.#attempts.abort();
      this.#ceremony.cancel();
      this.#dispatch({ type: 'cancel' });
    },
    retry: () => this.#attempt(this.#lastAttempt),
    back: () => this.#dispatch({ type: 'show-form', form: this.state.name === 'cancelled' || this.state.name === 'failed' ? this.state.form : 'sign-in' }),
    signOut: () => void this.signOut().catch((error: unknown) => this.#dispatch({ type: 'failed', error: toPasskeyError(error).code })),
  };

  override render() {
    return html`<div class="card">
      <slot name="header"></slot>
      ${renderLoginState(this.state, { t: this.t, actions: this.#actions, identifierKind: this.identifier })}
      <slot name="footer"></slot>
    </div>`;
  }
}

/** What an attempt from the form does, kept so that "Try again" repeats it. */
type LoginAttempt =
  | { method: 'passkey' }
  | { method: 'identifier'; identifier: string }
  | { method: 'sign-up'; draft: Draft };

interface SignInResult {
  user: PasskeyUser;
  isNewAccount: boolean;
}

import { html, type PropertyValues } from 'lit';
import { AttemptController } from '../core/attempt.ts';
import {
  hasLoginCodes,
  signInAnswerOf,
  type LoginBackend,
  type PasskeyUser,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '../core/backend.ts';
import { CeremonyController, detectCapabilities, hasWebAuthn, type Capabilities } from '../core/ceremony.ts';
import { PasskeyError, toPasskeyError, type PasskeyErrorCode } from '../core/errors.ts';
import { warnOnce } from '../core/dev-warnings.ts';
import type { PasskeySignInDetail } from '../core/events.ts';
import { PasskeyElement } from '../core/passkey-element.ts';
import { createLoginRestBackend } from '../core/rest-backend.ts';
import { signalUnknownCredential } from '../core/signals.ts';
import { focusTargets } from '../core/views.ts';
import { whereSaved } from '../core/where-saved.ts';
import { enLogin, type LoginTranslation } from '../i18n/en.ts';
import type { CodeActions, CodeBackend, CodeFlowHost } from './code-actions.ts';
import { isCodeState, type CodePurpose } from './code-flow.ts';
import { CountdownController } from '../core/countdown.ts';
import { initialLoginState, transition, type Draft, type LoginEvent, type LoginForm, type LoginState, type RestoredSession, type SignInResult } from './login-flow.ts';
import { announcement, loginFocusTargets, renderLoginState, type LoginActions, type ViewContext } from './login-views.ts';
import { loginStyles } from './passkey-login.styles.ts';
import { PrefetchedOptions, optionsKey, plausibleIdentifier, plausibleSignUp, usernameless, type OptionsPurpose } from './prefetched-options.ts';

/** Failures that are a step of the flow, not an error to report: what follows shows the way. */
const flowSteps: ReadonlySet<PasskeyErrorCode> = new Set(['cancelled', 'unknown-user', 'email-verification-required', 'recovery-code-required']);

/** How long typing must pause before the options for what was typed are fetched. */
const typingPauseMs = 400;

/**
 * Sign-up and sign-in with passkeys: a passkey button, identifier-first sign-in with autofill,
 * and account creation, with a screen for every outcome. With a backend that sends email codes,
 * also sign-in by code where a passkey is not possible, account recovery, sign-up with a confirmed
 * address, and a passkey for this device right after.
 *
 * @tag passkey-login
 * @summary The whole passkey sign-up and sign-in journey in one element.
 *
 * @event {CustomEvent<PasskeyUserDetail>} passkey-signed-up - An account was created; `detail.user`. Followed by `passkey-signed-in`.
 * @event {CustomEvent<PasskeySignInDetail>} passkey-signed-in - The user is signed in and the element shows it: after the passkey prompt and the recovery codes that may follow a sign-in or sign-up, or at start when the backend's `currentUser` finds a session open (`detail.restored: true`). `detail.user` (with `user.identifiedBy` when the server's answer named nobody: who the ceremony proves signed in, see docs/backends.md), `detail.restored`, and for a sign-in here `detail.method`: `passkey`, `email-code` or `recovery-code`. Cancelable: `preventDefault()` stays on the page instead of following `redirect`.
 * @event {CustomEvent<PasskeySignOutDetail>} passkey-signed-out - `signOut()` ended the session; `detail.reason` is `signed-out`.
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
 * @csspart link - Text buttons: switching between sign-in and sign-up, "Email me a code", "Lost your passkey?".
 * @csspart divider - The "or" line.
 * @csspart explainer - "What is a passkey?" and its one-line answer (a `<details>`), on the sign-in and sign-up screens.
 * @csspart message - Explanatory text.
 * @csspart error - Error messages.
 *
 * @cssproperty [--passkey-color-accent=light-dark(#1d4ed8, #7eb0ff)] - Buttons, links, focus ring and badges.
 * @cssproperty [--passkey-color-on-accent=light-dark(#fff, #0d1117)] - Text on the primary button and badges.
 * @cssproperty [--passkey-color-text=light-dark(#1f2328, #e6edf3)] - Text.
 * @cssproperty [--passkey-color-muted=light-dark(#57606a, #9198a1)] - Secondary text.
 * @cssproperty [--passkey-color-background=light-dark(#fff, #0d1117)] - Background of the element.
 * @cssproperty [--passkey-color-surface=light-dark(#fff, #161b22)] - Field and button background.
 * @cssproperty [--passkey-color-border=light-dark(#8c959f, #6e7681)] - Field borders and the divider.
 * @cssproperty [--passkey-color-error=light-dark(#b42318, #ff7b72)] - Error text and invalid fields.
 * @cssproperty [--passkey-radius=8px] - Corners of fields and buttons (999px makes pills).
 * @cssproperty [--passkey-spacing=12px] - Space between rows.
 * @cssproperty [--passkey-padding=0] - Space inside the element's own edge (set it with a background of your own).
 * @cssproperty [--passkey-control-padding=0.625em 1em] - Space inside fields and buttons (wider sides suit pill corners).
 * @cssproperty [--passkey-font-family=system-ui, sans-serif] - Font.
 * @cssproperty [--passkey-font-size=1rem] - Base font size; everything inside scales with it.
 * @cssproperty [--passkey-focus-ring=0 0 0 2px background, 0 0 0 4px accent] - Box shadow of focused controls.
 * @cssproperty [--passkey-max-width=24rem] - Width of the element; it is centred in a wider container.
 * @cssproperty [--passkey-min-height=0px] - Least height of every screen (each screen is as tall as it needs; the screens after a form keep the form's height).
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
  /** The options the next click needs, fetched before it, so that the click costs only the verification. */
  #options = new PrefetchedOptions(this, (key) => this.#optionsExpired(key));
  #countdown = new CountdownController(this, () => {
    const state = this.state;
    if (state.name === 'code-entry') return Math.max(state.sent.resendAt, state.retryAt ?? 0);
    return state.name === 'code-email' || state.name === 'failed' ? (state.retryAt ?? 0) : 0;
  });

  /** The form shown first. */
  declare mode: 'signin' | 'signup';
  /** What people sign in with. */
  declare identifier: 'email' | 'username';
  /** Do not offer passkeys in the identifier field's autofill. */
  declare noAutofill: boolean;
  /** A URL to go to after signing in (unless a `passkey-signed-in` listener prevents it); without it the element stays and shows who is signed in. */
  declare redirect: string | undefined;

  private declare state: LoginState;
  /** Autofill support, detected behind the first render. */
  #capabilities?: Promise<Capabilities>;
  #autofillPending = false;
  /** The pending autofill request signs options that expired: it is started again with fresh ones. */
  #autofillStale = false;
  /** The start-up session check answered (or the backend cannot tell). */
  #sessionKnown = false;
  /** Settles once the start-up session check has: autofill waits for it, so as not to sign in a user who is signed in already. */
  #sessionSettled: Promise<void> = Promise.resolve();
  #typingTimer?: ReturnType<typeof setTimeout>;
  /** What typing fetched options for since the last sign-in: each at most once, within the server's rate limits. */
  #askedWhileTyping = new Set<string>();
  /** What "Try again" repeats. */
  #lastAttempt: LoginAttempt = { method: 'passkey' };
  /** The server said it sends no codes (`codes-disabled`): the code flows are no longer offered. */
  #codesRefused = false;
  /** The server signs up only with a confirmed address: later sign-ups start with the code. */
  #signUpNeedsCode = false;
  /** The code screens and their actions, loaded on first use; `failed` when they could not be. */
  #codeScreens?: Promise<CodeScreens | undefined>;
  #codeModule?: CodeScreens;
  #codeScreensFailed = false;
  /** Ends the start-up session check when the element leaves the page. */
  #sessionCheck?: AbortController;
  /** `#start` is under way (the session check it makes, or waiting for the first update before it). */
  #sessionAsking = false;
  /** A screen change that happened while its screen was still loading: its focus move comes once it has. */
  #focusOwed?: LoginState;
  /** The height of the last form shown: the screens that follow it keep at least that, so the page below does not jump. */
  #formHeight = 0;
  /** Sign out is under way: its button shows it. */
  #signingOut = false;

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

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#sessionCheck?.abort();
    clearTimeout(this.#typingTimer);
    // The controllers abort the ceremony and the request; the screen rests, so that the element put back is not left waiting.
    this.#dispatch({ type: 'detached' });
  }

  /** The first render shows the form at once: autofill support and the session are found out behind it. */
  protected override willUpdate(): void {
    if (this.state.name !== 'loading') return;
    const webauthn = hasWebAuthn();
    if (!webauthn && !globalThis.isSecureContext) {
      warnOnce('insecure-context', `${location.origin} is not a secure context, so the browser offers no passkeys: serve the page over https, or open it at localhost.`);
    }
    this.#dispatch({ type: 'capabilities-detected', webauthn, startOn: this.mode === 'signup' ? 'sign-up' : 'sign-in' });
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('api') || changed.has('backend')) this.#backendArrived();
    const stateChanged = changed.has('state' as keyof PasskeyLogin);
    const previous = (changed.get('state' as keyof PasskeyLogin) as LoginState | undefined) ?? this.#focusOwed;
    const loading = isCodeState(this.state) && !this.#codeModule;
    if (loading) this.#loadCodeScreens();
    if (previous && this.focusTracker.hadFocus) {
      this.#focusOwed = loading ? previous : undefined;
      if (!loading) this.#moveFocus(previous);
    }
    // Not for an element taken off the page: it starts nothing until it is back.
    if (stateChanged) clearTimeout(this.#typingTimer);
    if (stateChanged && this.isConnected) this.#prepare();
    this.#keepFormHeight();
  }

  /** Readies the screen shown: the options its button needs, and autofill on the sign-in form. */
  #prepare(): void {
    const state = this.state;
    if (state.name === 'signed-in') this.#askedWhileTyping.clear();
    const wanted = this.#wantedOptions(state);
    // Anything else (signed in, the code screens) fetches its own options: those held may be replaced on the server.
    if (!wanted) {
      if (state.name !== 'waiting' && state.name !== 'verifying') this.#options.drop();
    } else if (this.#sessionKnown || optionsKey(wanted) !== optionsKey(usernameless)) {
      // The sign-in options wait for the session check: a session found open would leave them unused.
      this.#prefetch(wanted);
    }
    if (state.name === 'sign-in') void this.#startAutofill();
  }

  /** The options a screen's button will sign: the sign-in form's, or those of the attempt "Try again" repeats. */
  #wantedOptions(state: LoginState): OptionsPurpose | undefined {
    if (!hasWebAuthn()) return undefined;
    if (state.name === 'sign-in') return usernameless;
    // A sign-up the server refused (the identifier taken) is asked again only once the form changes.
    if (state.name === 'sign-up') return state.error ? undefined : plausibleSignUp(state.draft, this.identifier);
    const retry = state.name === 'cancelled' || state.name === 'no-passkey' || (state.name === 'failed' && state.error !== 'rate-limited');
    return retry ? purposeOf(this.#lastAttempt) : undefined;
  }

  /** Fetches options ahead of the click; a failure is shown by the click, which asks again. */
  #prefetch(purpose: OptionsPurpose): void {
    this.#optionsFor(purpose).catch((error: unknown) => {
      if (!(error instanceof PasskeyError)) throw error;
    });
  }

  /** The options for `purpose`: held, or fetched now. */
  #optionsFor(purpose: OptionsPurpose, signal?: AbortSignal): Promise<PublicKeyCredentialRequestOptionsJSON | PublicKeyCredentialCreationOptionsJSON> {
    if (purpose.ceremony === 'sign-up') return this.#options.get(purpose, () => this.#registrationOptions(purpose, signal));
    return this.#options.get(purpose, () => this.#loginOptions(purpose, signal));
  }

  #loginOptions(purpose: Extract<OptionsPurpose, { ceremony: 'sign-in' }>, signal?: AbortSignal): Promise<PublicKeyCredentialRequestOptionsJSON> {
    return this.activeBackend().loginOptions(purpose.identifier === undefined ? {} : { identifier: purpose.identifier }, { signal });
  }

  #registrationOptions(purpose: Extract<OptionsPurpose, { ceremony: 'sign-up' }>, signal?: AbortSignal): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const { identifier, displayName } = purpose;
    return this.activeBackend().registrationOptions({ identifier, ...(displayName ? { displayName } : {}) }, { signal });
  }

  /** Options dropped as they expired: the screen that wanted them gets fresh ones, and so does a waiting autofill request. */
  #optionsExpired(key: string): void {
    const wanted = this.isConnected ? this.#wantedOptions(this.state) : undefined;
    if (!wanted || optionsKey(wanted) !== key) return;
    this.#prefetch(wanted);
    if (this.#autofillPending) {
      this.#autofillStale = true;
      this.#ceremony.cancel();
    }
  }

  /** Typing in a form: once it pauses on something worth asking about, the options for it, each at most once. */
  #typed(form: LoginForm, typed: Partial<Draft>): void {
    clearTimeout(this.#typingTimer);
    const identifier = form === 'sign-in' ? plausibleIdentifier(typed.identifier ?? '', this.identifier) : undefined;
    const purpose: OptionsPurpose | undefined = form === 'sign-in'
      ? (identifier ? { ceremony: 'sign-in', identifier } : undefined)
      : plausibleSignUp({ identifier: typed.identifier ?? '', displayName: typed.displayName ?? '' }, this.identifier);
    if (!purpose || !hasWebAuthn()) return;
    this.#typingTimer = setTimeout(() => {
      const key = optionsKey(purpose);
      if (this.state.name !== form || this.#options.holds(purpose) || this.#askedWhileTyping.has(key)) return;
      this.#askedWhileTyping.add(key);
      this.#prefetch(purpose);
    }, typingPauseMs);
  }

  /** Measures a form screen; gives the screens that follow a form its height as their least (see `.card` in the styles). */
  #keepFormHeight(): void {
    const card = this.renderRoot.querySelector<HTMLElement>('.card');
    if (!card) return;
    if (this.state.name === 'sign-in' || this.state.name === 'sign-up') {
      card.style.removeProperty('--_screen-height');
      this.#formHeight = card.getBoundingClientRect().height;
    } else if (screensAfterForm.has(this.state.name) && this.#formHeight > 0) {
      card.style.setProperty('--_screen-height', `${this.#formHeight}px`);
    } else {
      card.style.removeProperty('--_screen-height');
    }
  }

  /** The code screens, loading them on first use; undefined when they could not be loaded (the screen says so). */
  #loadCodeScreens(): Promise<CodeScreens | undefined> {
    this.#codeScreens ??= import('./code-screens.ts').then(
      ({ renderCodeState, codeActions }) => {
        this.#codeModule = { render: renderCodeState, actions: codeActions(this.#codeHost) };
        this.requestUpdate();
        return this.#codeModule;
      },
      (error: unknown) => {
        this.#codeScreensFailed = true;
        this.requestUpdate();
        this.report(new PasskeyError('network', 'The code screens could not be loaded', { cause: error }));
        return undefined;
      },
    );
    return this.#codeScreens;
  }

  /** Sends a code once the code screens are there: they do the sending. */
  #sendCode(email: string): void {
    void this.#loadCodeScreens().then((screens) => screens?.actions.sendCode(email));
  }

  /** What the code flows may use of this element. */
  #codeHost: CodeFlowHost = this.#hostForCodes();

  #hostForCodes(): CodeFlowHost {
    const element = this;
    return {
      get state() {
        return element.state;
      },
      get t() {
        return element.t;
      },
      get language() {
        return element.language.lang;
      },
      get webauthn() {
        return hasWebAuthn();
      },
      dispatch: (event) => this.#dispatch(event),
      run: (work, apply, fail = this.#failed) => void this.#attempts.run(work, apply, fail),
      abort: () => this.#attempts.abort(),
      backend: () => this.#requireCodeBackend(),
      register: (options) => this.#ceremony.register(options),
      cancelCeremony: () => this.#ceremony.cancel(),
    };
  }

  /** Ends the session on the backend, then shows the sign-in form again. */
  async signOut(): Promise<void> {
    // Nothing started for the session (a passkey created without asking) outlives it.
    this.#attempts.abort();
    try {
      await this.activeBackend().signOut();
    } catch (error) {
      this.report(toPasskeyError(error));
      throw error;
    }
    this.#dispatch({ type: 'signed-out', webauthn: hasWebAuthn() });
    this.emit('passkey-signed-out', { reason: 'signed-out' });
  }

  protected override backendProvided(): void {
    this.#backendArrived();
  }

  /** A backend configured after the start: the session check it missed, while the first form is still untouched. */
  #backendArrived(): void {
    if (this.#sessionKnown || this.#sessionAsking || !this.isConnected || !this.hasBackend()) return;
    void this.#start();
  }

  /**
   * Behind the form on screen: autofill detection and the session check, then the sign-in options
   * (a click before them fetches them itself). One request when a session is open, two when not.
   */
  async #start(): Promise<void> {
    this.#sessionAsking = true;
    try {
      await this.#askSession();
    } finally {
      this.#sessionAsking = false;
    }
  }

  async #askSession(): Promise<void> {
    const check = (this.#sessionCheck = new AbortController());
    let settle = () => {};
    if (!this.#sessionKnown) this.#sessionSettled = new Promise<void>((resolve) => (settle = resolve));
    // After the first update: frameworks may set `api` or `backend` just after connecting.
    await this.updateComplete;
    // Without autofill support detected, the field simply offers no passkeys; the button works all the same.
    this.#capabilities ??= detectCapabilities().catch(() => ({ webauthn: hasWebAuthn(), autofill: false }));
    // Put back on the page: the options it dropped when it left, and its autofill request.
    this.#prepare();
    // No backend yet (a framework that sets `api` after hydrating): asked once one arrives, see `#backendArrived`.
    if (this.#sessionKnown || !this.hasBackend()) return settle();
    try {
      const user = await this.#sessionUser(check.signal);
      // Taken off the page meanwhile: it asks again when it is back.
      if (check.signal.aborted) return;
      this.#sessionKnown = true;
      if (user) this.#dispatch({ type: 'session-restored', user });
      else this.#prepare();
    } finally {
      settle();
    }
  }

  /**
   * Who is signed in already, asked once, while the form shows (so a reload keeps the session on
   * screen). Null when nobody is, and when the backend cannot tell: a foreign backend without
   * `GET /session` (or a plain-JS one without `currentUser`) simply shows the form.
   */
  async #sessionUser(signal: AbortSignal): Promise<PasskeyUser | null> {
    try {
      const backend = this.activeBackend();
      return typeof backend.currentUser === 'function' ? await backend.currentUser({ signal }) : null;
    } catch (error) {
      // The form shows instead; its first request reports what is wrong (no backend, no network).
      if (error instanceof PasskeyError || signal.aborted) return null;
      throw error;
    }
  }

  /**
   * Passkeys offered in the identifier field, with the usernameless options the button shares
   * (held, not taken: the button's ceremony replaces this one and signs them instead).
   */
  async #startAutofill(): Promise<void> {
    if (this.noAutofill || this.#autofillPending || !this.#capabilities) return;
    this.#autofillPending = true;
    let options: PublicKeyCredentialRequestOptionsJSON;
    let response;
    try {
      const [capabilities] = await Promise.all([this.#capabilities, this.#sessionSettled]);
      if (!capabilities.autofill || !this.isConnected || this.state.name !== 'sign-in') return;
      options = await this.#options.get(usernameless, () => this.#loginOptions(usernameless));
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
      if (this.#autofillStale) {
        this.#autofillStale = false;
        if (this.isConnected && this.state.name === 'sign-in') void this.#startAutofill();
      }
    }
    // Trying again after a failed autofill sign-in is the button's ceremony.
    this.#lastAttempt = { method: 'passkey' };
    void this.#attempts.run((signal) => this.#verifySignIn(response, options, signal), this.#succeeded, this.#failed);
  }

  /** Starts an attempt from the form: the waiting screen, then the ceremony and the backend. */
  #attempt(attempt: LoginAttempt): void {
    const state = this.state;
    // Still rate-limited: the button is disabled, and Enter or a second click change nothing either.
    if (state.name === 'failed' && (state.retryAt ?? 0) > Date.now()) return;
    const started: LoginEvent = attempt.method === 'sign-up'
      ? { type: 'ceremony-started', form: 'sign-up', draft: attempt.draft }
      : { type: 'ceremony-started', form: 'sign-in', ...(attempt.method === 'identifier' ? { draft: { identifier: attempt.identifier }, identifierFirst: true } : { draft: {} }) };
    this.#dispatch(started);
    // A second click before the waiting screen is drawn finds an attempt under way: it starts nothing.
    if (this.state === state) return;
    this.#lastAttempt = attempt;
    void this.#attempts.run((signal) => this.#ceremonyFor(attempt, signal), this.#succeeded, this.#failed);
  }

  async #ceremonyFor(attempt: LoginAttempt, signal: AbortSignal): Promise<PasskeyResult> {
    const backend = this.activeBackend();
    if (attempt.method === 'sign-up') {
      const purpose = signUpPurpose(attempt.draft);
      const response = await this.#ceremony.register(await this.#options.take(purpose, () => this.#registrationOptions(purpose, signal)));
      if (!signal.aborted) this.#dispatch({ type: 'authenticator-responded', form: 'sign-up' });
      const { user, recoveryCodes } = signInAnswerOf(await backend.verifyRegistration(response, { signal }));
      const savedTo = whereSaved(response);
      return { user, isNewAccount: true, ...(recoveryCodes ? { recoveryCodes } : {}), ...(savedTo ? { savedTo } : {}) };
    }
    const purpose = signInPurpose(attempt);
    const options = await this.#options.take(purpose, () => this.#loginOptions(purpose, signal));
    return this.#verifySignIn(await this.#ceremony.authenticate(options), options, signal);
  }

  async #verifySignIn(response: Parameters<LoginBackend['verifyLogin']>[0], options: PublicKeyCredentialRequestOptionsJSON, signal: AbortSignal): Promise<PasskeyResult> {
    if (!signal.aborted) this.#dispatch({ type: 'authenticator-responded', form: 'sign-in' });
    // The server consumes the challenge whatever the outcome (and a server with one challenge per session any other it held).
    this.#options.drop();
    try {
      return { user: await this.activeBackend().verifyLogin(response, { signal }), isNewAccount: false };
    } catch (error) {
      if (error instanceof PasskeyError && error.code === 'unknown-credential') signalUnknownCredential(options.rpId ?? location.hostname, response.id);
      throw error;
    }
  }

  #succeeded = (result: PasskeyResult): void => {
    this.#dispatch({ type: 'succeeded', ...result });
  };

  #failed = (error: unknown): void => {
    const failure = toPasskeyError(error);
    if (failure.code === 'codes-disabled') this.#codesRefused = true;
    if (failure.code === 'email-verification-required') this.#signUpNeedsCode = true;
    const { attemptsLeft, retryAfter } = failure.details;
    const details = { ...(typeof attemptsLeft === 'number' ? { attemptsLeft } : {}), ...(typeof retryAfter === 'number' ? { retryAfter } : {}) };
    this.#dispatch({ type: 'failed', error: failure.code, details, at: Date.now() });
    // Cancelling is the user's choice, and the other steps lead on by themselves: none is an error;
    // neither is a passkey already on this device when the prompt asks for one.
    const alreadyHere = failure.code === 'passkey-exists' && this.state.name === 'passkey-prompt';
    if (!flowSteps.has(failure.code) && !alreadyHere) this.report(failure);
    // A sign-up that must begin with a code: on to it, with the address typed when there is one.
    const state = this.state;
    if (state.name === 'code-email' && state.flow.purpose === 'sign-up' && state.flow.email && !state.sending && !state.error) this.#sendCode(state.flow.email);
  };

  #dispatch(event: LoginEvent): void {
    const previous = this.state;
    const next = (this.state = transition(previous, event));
    // The events follow what the screen shows: an account once it exists, a sign-in once nothing stands before it.
    if (resultOf(next)?.isNewAccount && !resultOf(previous)) this.emit('passkey-signed-up', { user: resultOf(next)!.user });
    if (isShownSignedIn(next) && !isShownSignedIn(previous)) {
      const detail: PasskeySignInDetail = next.method ? { user: next.user, method: next.method, restored: false } : { user: next.user, restored: true };
      const signedIn = this.emit('passkey-signed-in', detail, { cancelable: true });
      if (this.redirect && !signedIn.defaultPrevented) window.location.assign(this.redirect);
    }
  }

  /** Keeps keyboard users' place: a new error focuses its field, a new screen its field or its heading. */
  #moveFocus(previous: LoginState): void {
    const invalid = this.focusTracker.target(focusTargets.invalidField);
    if (invalid) {
      invalid.focus();
      // A wrong code is replaced as a whole: typing over it starts afresh.
      if (invalid instanceof HTMLInputElement && invalid.autocomplete === 'one-time-code') invalid.select();
      return;
    }
    if (previous.name !== this.state.name || !this.shadowRoot?.activeElement) {
      (this.focusTracker.target(loginFocusTargets.field) ?? this.focusTracker.target(focusTargets.heading))?.focus();
    }
  }

  /** The backend, when it can do the code flows and its server has not refused them. */
  #codeBackend(): CodeBackend | undefined {
    if (this.#codesRefused) return undefined;
    let backend: LoginBackend;
    try {
      backend = this.activeBackend();
    } catch (error) {
      // No backend configured: the screens offer no codes, and the first request shows the problem.
      if (error instanceof PasskeyError) return undefined;
      throw error;
    }
    return hasLoginCodes(backend) ? backend : undefined;
  }

  #requireCodeBackend(): CodeBackend {
    const backend = this.#codeBackend();
    if (!backend) throw new PasskeyError('codes-disabled', 'This backend sends no email codes');
    return backend;
  }

  /** "Email me a code" and "Lost your passkey?": the email screen; with a typed address, a sign-in code goes at once. */
  #startCodeFlow(purpose: Exclude<CodePurpose, 'sign-up'>, typed: string): void {
    const email = typed.includes('@') ? typed.trim() : '';
    // The autofill request would otherwise stay open behind the code screens.
    this.#ceremony.cancel();
    this.#dispatch({ type: 'code-asked', purpose, email });
    // A recovery explains itself first; a sign-in code for the address typed is what the button says.
    if (purpose === 'sign-in' && email) this.#sendCode(email);
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
      if (!draft.identifier) return this.#dispatch({ type: 'form-rejected', form: 'sign-up', draft, error: 'invalid-identifier' });
      // This server said it signs up only with a confirmed address: straight to the code.
      if (!this.#signUpNeedsCode || !this.#codeBackend()) return this.#attempt({ method: 'sign-up', draft });
      this.#dispatch({ type: 'code-asked', purpose: 'sign-up', email: draft.identifier.includes('@') ? draft.identifier : '', draft });
      if (draft.identifier.includes('@')) this.#sendCode(draft.identifier);
    },
    showSignUp: (typed) => this.#dispatch({ type: 'show-form', form: 'sign-up', draft: typed }),
    showSignIn: (typed) => this.#dispatch({ type: 'show-form', form: 'sign-in', draft: typed }),
    typed: (form, typed) => this.#typed(form, typed),
    cancel: () => {
      // The flow refuses once the device answered (the server may have acted): then nothing is abandoned.
      const before = this.state;
      this.#dispatch({ type: 'cancel' });
      if (this.state === before) return;
      this.#attempts.abort();
      this.#ceremony.cancel();
    },
    retry: () => this.#attempt(this.#lastAttempt),
    back: () => this.#dispatch({ type: 'show-form', form: this.state.name === 'cancelled' || this.state.name === 'failed' ? this.state.form : 'sign-in' }),
    signOut: () => {
      this.#signingOut = true;
      this.requestUpdate();
      void this.signOut()
        .catch((error: unknown) => this.#dispatch({ type: 'failed', error: toPasskeyError(error).code }))
        .finally(() => {
          this.#signingOut = false;
          this.requestUpdate();
        });
    },
    emailMeACode: (typed) => this.#startCodeFlow('sign-in', typed ?? this.state.draft.identifier),
    lostPasskey: (typed) => this.#startCodeFlow('recovery', typed),
    // A reload fetches the code screens again after a network failure; a signed-in session stays.
    reload: () => location.reload(),
  };

  override render() {
    const context: ViewContext = {
      t: this.t, actions: this.#actions, identifierKind: this.identifier, codes: !!this.#codeBackend(), insecureContext: !globalThis.isSecureContext, now: Date.now(),
      signingOut: this.#signingOut,
    };
    const screens = this.#codeModule;
    if (screens) context.codeViews = (state, shown) => screens.render(state, shown, screens.actions);
    else if (this.#codeScreensFailed) context.codeViews = 'failed';
    return html`<div class="card">
      <slot name="header"></slot>
      ${renderLoginState(this.state, context)}
      <slot name="footer"></slot>
      <p class="announcer" aria-live="polite">${announcement(this.state, this.t)}</p>
    </div>`;
  }
}

/** The screens an attempt from a form leads to: each keeps at least the form's height. */
const screensAfterForm = new Set<LoginState['name']>(['waiting', 'verifying', 'cancelled', 'failed', 'no-passkey', 'signed-in']);

/** What an attempt from the form does, kept so that "Try again" repeats it. */
type LoginAttempt =
  | { method: 'passkey' }
  | { method: 'identifier'; identifier: string }
  | { method: 'sign-up'; draft: Draft };

/** The options an attempt signs: the usernameless sign-in, the identifier's, or the sign-up form's. */
function purposeOf(attempt: LoginAttempt): OptionsPurpose {
  return attempt.method === 'sign-up' ? signUpPurpose(attempt.draft) : signInPurpose(attempt);
}

function signInPurpose(attempt: Exclude<LoginAttempt, { method: 'sign-up' }>): Extract<OptionsPurpose, { ceremony: 'sign-in' }> {
  return attempt.method === 'identifier' ? { ceremony: 'sign-in', identifier: attempt.identifier } : usernameless;
}

function signUpPurpose({ identifier, displayName }: Draft): Extract<OptionsPurpose, { ceremony: 'sign-up' }> {
  return { ceremony: 'sign-up', identifier, displayName };
}

/** What a passkey sign-up or sign-in gives. */
type PasskeyResult = Omit<SignInResult, 'method' | 'passkeyRequired'>;

/** The sign-in a state holds, once the backend signed the user in. */
function resultOf(state: LoginState): SignInResult | RestoredSession | undefined {
  if (state.name === 'signed-in') return state;
  return state.name === 'passkey-prompt' || state.name === 'recovery-codes' ? state.result : undefined;
}

/** The signed-in screen, with nothing left to do before it (a passkey created without asking). */
function isShownSignedIn(state: LoginState): state is Extract<LoginState, { name: 'signed-in' }> {
  return state.name === 'signed-in' && !state.upgrading;
}

/** The lazily loaded code screens, with their actions bound to this element. */
interface CodeScreens {
  render: typeof import('./code-views.ts').renderCodeState;
  actions: CodeActions;
}

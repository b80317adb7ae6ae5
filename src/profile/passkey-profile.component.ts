import { LitElement, html, type PropertyValues } from 'lit';
import type { PasskeyBackend } from '../core/backend.ts';
import { CeremonyController } from '../core/ceremony.ts';
import { PasskeyError, toPasskeyError, type PasskeyErrorCode } from '../core/errors.ts';
import { emit } from '../core/events.ts';
import { signalAllAcceptedCredentials, signalCurrentUserDetails } from '../core/signals.ts';
import { FocusTracker } from '../core/focus.ts';
import { ConfiguredBackend } from '../core/configured-backend.ts';
import { createRestBackend } from '../core/rest-backend.ts';
import type { TranslationOverrides } from '../i18n/en.ts';
import { en, type Translation } from '../i18n/en-profile.ts';
import { LanguageController } from '../i18n/language-controller.ts';
import type { TranslationSource } from '../i18n/languages.ts';
import { relativeTime } from '../i18n/relative-time.ts';
import { initialProfileState, transition, type ProfileEvent, type ProfileState, type ProfileTask } from './profile-flow.ts';
import { renderProfileState, type ProfileActions } from './profile-views.ts';
import { profileStyles } from './passkey-profile.styles.ts';

/** Passkey and display names: trimmed, 1 to 64 characters, no control characters (the server checks the same). */
const validName = (name: string) => name.length > 0 && name.length <= 64 && !/[\u0000-\u001f\u007f]/.test(name);

/**
 * The signed-in user's passkeys (add, rename, remove), sessions (sign out one or all others) and
 * account deletion. Sensitive acts ask for a fresh passkey check inline when the server wants one.
 *
 * @tag passkey-profile
 * @summary Account settings for passkeys and sessions.
 *
 * @event {CustomEvent<{ passkey: Passkey }>} passkey-created - A passkey was added; `detail.passkey`.
 * @event {CustomEvent<{ passkey: Passkey }>} passkey-renamed - `detail.passkey` has its new name.
 * @event {CustomEvent<{ passkeyId: string }>} passkey-removed - `detail.passkeyId`.
 * @event {CustomEvent<{ sessionId?: string }>} passkey-session-revoked - `detail.sessionId`, absent when every other session was signed out.
 * @event {CustomEvent<{ user: AccountUser }>} passkey-account-updated - The display name changed; `detail.user` as it is now.
 * @event {CustomEvent<Record<string, never>>} passkey-account-deleted - The account and everything in it is gone.
 * @event {CustomEvent<Record<string, never>>} passkey-signed-out - There is no session (signed out here, or it ended elsewhere).
 * @event {CustomEvent<PasskeyErrorDetail>} passkey-error - A failure the user was shown; `detail.code`, `detail.message`, `detail.cause`.
 *
 * @slot header - Above the sections, e.g. a logo.
 * @slot footer - Below the sections, e.g. help links.
 *
 * @csspart title - Section headings.
 * @csspart passkey-list - The list of passkeys.
 * @csspart empty-card - Shown instead of the list when the account has no passkey: why to create one, and the button.
 * @csspart passkey-item - One passkey: its name, details and actions.
 * @csspart session-list - The list of sessions.
 * @csspart session-item - One session: its device, last activity and sign-out button.
 * @csspart badge - "Used for this sign-in" and "This device".
 * @csspart button - Every button.
 * @csspart primary-button - The main action of a form or dialog.
 * @csspart danger-button - The buttons that remove a passkey or delete the account.
 * @csspart dialog - The confirmation dialogs (remove a passkey, delete the account).
 * @csspart confirm - The question and buttons inside a dialog.
 * @csspart ceremony - The note shown while the passkey sheet is open.
 * @csspart form - The rename forms (a passkey's name, the account's display name).
 * @csspart label - The name field's label.
 * @csspart input - The name field.
 * @csspart message - Explanatory text.
 * @csspart error - Error messages.
 *
 * @cssproperty --passkey-color-accent - Buttons, links and focus ring.
 * @cssproperty --passkey-color-on-accent - Text on the primary button and badges.
 * @cssproperty --passkey-color-text - Text.
 * @cssproperty --passkey-color-muted - Secondary text.
 * @cssproperty --passkey-color-background - Background of the element and its dialogs.
 * @cssproperty --passkey-color-surface - Field and button background.
 * @cssproperty --passkey-color-border - Card and field borders.
 * @cssproperty --passkey-color-error - Error text and invalid fields.
 * @cssproperty --passkey-color-danger - Remove and delete buttons (default: the error colour).
 * @cssproperty --passkey-radius - Corner radius of cards, fields and buttons.
 * @cssproperty --passkey-spacing - Space between rows.
 * @cssproperty --passkey-font-family - Font.
 * @cssproperty --passkey-font-size - Base font size; everything inside scales with it.
 * @cssproperty --passkey-focus-ring - Box shadow of focused controls.
 * @cssproperty --passkey-max-width - Width of the element.
 */
export class PasskeyProfile extends LitElement {
  static override styles = profileStyles;

  static override properties = {
    api: { reflect: true },
    backend: { attribute: false },
    strings: { attribute: false },
    translations: { attribute: false },
    theme: { reflect: true },
    state: { state: true },
  };

  #ceremony = new CeremonyController(this);
  #focus = new FocusTracker(this);
  #language = new LanguageController(this, en);

  /**
   * Base URL of a backend speaking the passkey-elements protocol, e.g. `/api/passkeys`. Without it
   * (and without `backend`), the backend an ancestor provides (`<passkey-backend>`, passkeyBackendContext).
   */
  declare api: string;
  /** A backend object; takes precedence over `api`. */
  declare backend: PasskeyBackend | undefined;
  /** Replacements for any text, over the language shown (docs/i18n.md). */
  declare strings: TranslationOverrides<Translation> | undefined;
  /** The app's own languages, or its changes to shipped ones, by language tag (docs/i18n.md). */
  declare translations: Record<string, TranslationSource> | undefined;
  /** Colour scheme: the system's (`auto`), or always `light` or `dark`. */
  declare theme: 'light' | 'dark' | 'auto';

  private declare state: ProfileState;
  // A backend provided late, or changed by its provider, matters only to an element without its own.
  #backends = new ConfiguredBackend<PasskeyBackend>(this, createRestBackend, () => {
    if (!this.backend && !this.api) void this.reload();
  });
  /** Aborted by Cancel, so that the late answer of an abandoned task is ignored. */
  #attempt?: AbortController;
  #opener?: HTMLElement;

  constructor() {
    super();
    this.api = '';
    this.theme = 'auto';
    this.state = initialProfileState;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // After the first update, not now: frameworks may set `api` or `backend` just after connecting
    // (@lit/react does, in a layout effect), and the account must be loaded from that backend.
    void this.updateComplete.then(() => this.reload());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#attempt?.abort();
  }

  protected override willUpdate(): void {
    // The button pressed to open a dialog or form, to return the focus to once it closes.
    const active = this.shadowRoot?.activeElement;
    if (active instanceof HTMLButtonElement && !active.closest('dialog, form, [part~="ceremony"]')) this.#opener = active;
  }

  protected override updated(changed: PropertyValues<this>): void {
    const previous = changed.get('state' as keyof PasskeyProfile) as ProfileState | undefined;
    this.renderRoot.querySelector<HTMLDialogElement>('dialog:not([open])')?.showModal();
    if (previous && this.#focus.hadFocus) this.#moveFocus(previous);
    if (previous?.name === 'ready' && this.state.name === 'ready' && this.state.editing && previous.editing !== this.state.editing) {
      this.renderRoot.querySelector<HTMLInputElement>('#passkey-name')?.select();
    }
    if (previous?.name === 'ready' && this.state.name === 'ready' && this.state.editingAccount && !previous.editingAccount) {
      this.renderRoot.querySelector<HTMLInputElement>('#display-name')?.select();
    }
    // An invalid name: back to the field, where the error is read out.
    if (previous) this.renderRoot.querySelector<HTMLInputElement>('input[aria-invalid="true"]')?.focus();
  }

  /** A new screen focuses its heading; a control that went away (dialog closed, form saved, task done) returns the focus to its opener. */
  #moveFocus(previous: ProfileState): void {
    const root = this.renderRoot as ShadowRoot;
    const heading = root.querySelector('h2');
    if (previous.name !== this.state.name) return heading?.focus();
    if (root.activeElement) return;
    const candidates = [this.#opener, root.querySelector<HTMLElement>('[part~="ceremony"] button'), heading];
    candidates.find((candidate) => candidate?.isConnected && !candidate.matches(':disabled, [hidden] *'))?.focus();
  }

  /** Fetches the account again (one request). */
  async reload(): Promise<void> {
    this.#dispatch({ type: 'load-started' });
    try {
      this.#dispatch({ type: 'loaded', account: await this.#activeBackend().account() });
    } catch (error) {
      const failure = toPasskeyError(error);
      if (failure.code === 'not-signed-in') return this.#signedOut();
      this.#dispatch({ type: 'load-failed', error: failure.code });
      this.#report(failure);
    }
  }

  #signedOut() {
    this.#dispatch({ type: 'signed-out' });
    emit(this, 'passkey-signed-out', {});
  }

  async #run(task: ProfileTask, work: (signal: AbortSignal) => Promise<ProfileEvent>): Promise<void> {
    this.#attempt?.abort();
    const attempt = (this.#attempt = new AbortController());
    this.#dispatch({ type: 'task-started', task });
    try {
      const done = await work(attempt.signal);
      if (!attempt.signal.aborted) this.#dispatch(done);
    } catch (error) {
      if (attempt.signal.aborted) return;
      const failure = toPasskeyError(error);
      if (failure.code === 'not-signed-in') return this.#signedOut();
      if (failure.code === 'cancelled') return this.#dispatch({ type: 'task-cancelled' });
      this.#fail(failure.code, failure);
    }
  }

  /** Runs a sensitive act; when the server asks for a fresh passkey check, runs it and tries again. */
  async #sensitive<Result>(signal: AbortSignal, act: () => Promise<Result>): Promise<Result> {
    try {
      return await act();
    } catch (error) {
      if (toPasskeyError(error).code !== 'reauthentication-required') throw error;
    }
    const backend = this.#activeBackend();
    const resumed = this.state.name === 'ready' ? this.state.task : undefined;
    this.#dispatch({ type: 'task-started', task: { kind: 'reauthenticate' } });
    const response = await this.#ceremony.authenticate(await backend.reauthenticationOptions({ signal }));
    await backend.reauthenticate(response, { signal });
    if (resumed) this.#dispatch({ type: 'task-started', task: resumed });
    return act();
  }

  #fail(code: PasskeyErrorCode, cause: unknown) {
    this.#dispatch({ type: 'task-failed', error: code });
    this.#report(cause instanceof PasskeyError ? cause : new PasskeyError(code, code));
  }

  #activeBackend(): PasskeyBackend {
    return this.#backends.resolve(this.api, this.backend);
  }

  #report(error: PasskeyError): void {
    emit(this, 'passkey-error', { code: error.code, message: this.#t.errors[error.code], cause: error });
  }

  #dispatch(event: ProfileEvent): void {
    this.state = transition(this.state, event);
    if (this.state.name !== 'ready') return;
    // Keeps the passkey manager in step with the server: it drops passkeys the account no longer has, and shows the current name.
    if (event.type === 'loaded' || event.type === 'passkey-added' || event.type === 'passkey-removed') signalAllAcceptedCredentials(this.state.account);
    if (event.type === 'loaded' || event.type === 'account-updated') signalCurrentUserDetails(this.state.account);
  }

  get #t(): Translation {
    return this.#language.strings;
  }

  #actions: ProfileActions = {
    reload: () => void this.reload(),
    addPasskey: () =>
      void this.#run({ kind: 'add' }, async (signal) => {
        const backend = this.#activeBackend();
        const options = await this.#sensitive(signal, () => backend.addPasskeyOptions({ signal }));
        const response = await this.#ceremony.register(options);
        const passkey = await backend.addPasskey(response, { signal });
        emit(this, 'passkey-created', { passkey });
        return { type: 'passkey-added', passkey };
      }),
    editAccount: () => this.#dispatch({ type: 'edit-account' }),
    submitAccount: (event) => {
      event.preventDefault();
      const input = (event.currentTarget as HTMLFormElement).elements.namedItem('displayName') as HTMLInputElement;
      const displayName = input.value.trim();
      if (!validName(displayName)) return this.#fail('invalid-display-name', new PasskeyError('invalid-display-name', 'Invalid display name'));
      void this.#run({ kind: 'update-account' }, async (signal) => {
        const user = await this.#activeBackend().updateAccount({ displayName }, { signal });
        emit(this, 'passkey-account-updated', { user });
        return { type: 'account-updated', user };
      });
    },
    startRename: (passkeyId) => this.#dispatch({ type: 'edit', passkeyId }),
    submitRename: (event) => {
      event.preventDefault();
      const input = (event.currentTarget as HTMLFormElement).elements.namedItem('name') as HTMLInputElement;
      const name = input.value.trim();
      const passkeyId = input.dataset.passkeyId ?? '';
      if (!validName(name)) return this.#fail('invalid-passkey-name', new PasskeyError('invalid-passkey-name', 'Invalid passkey name'));
      void this.#run({ kind: 'rename', passkeyId }, async (signal) => {
        const passkey = await this.#activeBackend().renamePasskey(passkeyId, name, { signal });
        emit(this, 'passkey-renamed', { passkey });
        return { type: 'passkey-renamed', passkey };
      });
    },
    askRemove: (passkeyId) => {
      // The server refuses it too; saying so before asking spares a pointless confirmation.
      if (this.state.name === 'ready' && this.state.account.passkeys.length === 1) {
        return this.#fail('last-passkey', new PasskeyError('last-passkey', 'The only passkey cannot be removed'));
      }
      this.#dispatch({ type: 'confirm', confirmation: { kind: 'remove-passkey', passkeyId } });
    },
    remove: (passkeyId) =>
      void this.#run({ kind: 'remove', passkeyId }, async (signal) => {
        await this.#sensitive(signal, () => this.#activeBackend().removePasskey(passkeyId, { signal }));
        emit(this, 'passkey-removed', { passkeyId });
        return { type: 'passkey-removed', passkeyId };
      }),
    revokeSession: (sessionId) =>
      void this.#run({ kind: 'revoke-session', sessionId }, async (signal) => {
        await this.#sensitive(signal, () => this.#activeBackend().revokeSession(sessionId, { signal }));
        emit(this, 'passkey-session-revoked', { sessionId });
        return { type: 'session-revoked', sessionId };
      }),
    revokeOthers: () =>
      void this.#run({ kind: 'revoke-others' }, async (signal) => {
        await this.#sensitive(signal, () => this.#activeBackend().revokeOtherSessions({ signal }));
        emit(this, 'passkey-session-revoked', {});
        return { type: 'others-revoked' };
      }),
    signOut: () =>
      void this.#run({ kind: 'sign-out' }, async (signal) => {
        await this.#activeBackend().signOut({ signal });
        emit(this, 'passkey-signed-out', {});
        return { type: 'signed-out' };
      }),
    askDeleteAccount: () => this.#dispatch({ type: 'confirm', confirmation: { kind: 'delete-account' } }),
    deleteAccount: () =>
      void this.#run({ kind: 'delete-account' }, async (signal) => {
        await this.#sensitive(signal, () => this.#activeBackend().deleteAccount({ signal }));
        emit(this, 'passkey-account-deleted', {});
        return { type: 'account-deleted' };
      }),
    closeDialog: () => {
      this.#dispatch({ type: 'confirm' });
      this.#dispatch({ type: 'edit' });
    },
    cancelEdit: () => {
      if (this.state.name !== 'ready' || this.state.task) return;
      const opener = this.state.editing ? `li[data-passkey-id="${CSS.escape(this.state.editing)}"] .actions button` : '[aria-labelledby="account-title"] .actions button';
      this.#dispatch({ type: 'edit' });
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(opener)?.focus());
    },
    cancelTask: () => {
      this.#attempt?.abort();
      this.#ceremony.cancel();
      this.#dispatch({ type: 'task-cancelled' });
    },
  };

  #relative = (iso: string) => relativeTime(iso, this.#language.lang);
  // The test detectCapabilities() makes, without its asynchronous autofill check.
  #webauthn = typeof globalThis.PublicKeyCredential === 'function' && Boolean(navigator.credentials);

  override render() {
    return html`<slot name="header"></slot>
      ${renderProfileState(this.state, { t: this.#t, actions: this.#actions, relative: this.#relative, webauthn: this.#webauthn })}
      <slot name="footer"></slot>`;
  }
}

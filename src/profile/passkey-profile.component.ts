import { html, type PropertyValues } from 'lit';
import { AttemptController } from '../core/attempt.ts';
import type { PasskeyBackend } from '../core/backend.ts';
import { CeremonyController } from '../core/ceremony.ts';
import { PasskeyError, toPasskeyError } from '../core/errors.ts';
import { PasskeyElement } from '../core/passkey-element.ts';
import { createRestBackend } from '../core/rest-backend.ts';
import { signalAllAcceptedCredentials, signalCurrentUserDetails } from '../core/signals.ts';
import { focusTargets, transientSelector } from '../core/views.ts';
import { en, type Translation } from '../i18n/en-profile.ts';
import { relativeTime } from '../i18n/relative-time.ts';
import { checkDisplayName, checkPasskeyName } from '../protocol/input-rules.ts';
import { editsAccount, initialProfileState, renamedPasskey, taskOf, transition, type ProfileEvent, type ProfileState, type ProfileTask } from './profile-flow.ts';
import { profileFocusTargets, renderProfileState, type ProfileActions } from './profile-views.ts';
import { profileStyles } from './passkey-profile.styles.ts';

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
export class PasskeyProfile extends PasskeyElement<PasskeyBackend, Translation> {
  static override styles = profileStyles;

  // The shared properties too: the React typings read every property off this object.
  static override properties = {
    ...PasskeyElement.properties,
    state: { state: true },
  };

  #ceremony = new CeremonyController(this);
  /** The task under way; Cancel abandons it, so that its late answer is ignored. */
  #attempts = new AttemptController(this);

  private declare state: ProfileState;
  #opener?: HTMLElement;

  constructor() {
    super(en, createRestBackend);
    this.state = initialProfileState;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // After the first update, not now: frameworks may set `api` or `backend` just after connecting
    // (@lit/react does, in a layout effect), and the account must be loaded from that backend.
    void this.updateComplete.then(() => this.reload());
  }

  protected override willUpdate(): void {
    // The button pressed to open a dialog or form, to return the focus to once it closes.
    const active = this.shadowRoot?.activeElement;
    if (active instanceof HTMLButtonElement && !active.closest(transientSelector)) this.#opener = active;
  }

  protected override updated(changed: PropertyValues<this>): void {
    const previous = changed.get('state' as keyof PasskeyProfile) as ProfileState | undefined;
    this.renderRoot.querySelector<HTMLDialogElement>('dialog:not([open])')?.showModal();
    if (previous && this.focusTracker.hadFocus) this.#moveFocus(previous);
    const field = this.focusTracker.target(profileFocusTargets.nameField);
    if (this.#openedNameForm(previous) && field instanceof HTMLInputElement) field.select();
    // An invalid name: back to the field, where the error is read out.
    if (previous) this.focusTracker.target(focusTargets.invalidField)?.focus();
  }

  // A backend provided late, or changed by its provider, matters only to an element without its own.
  protected override backendProvided(): void {
    if (!this.backend && !this.api) void this.reload();
  }

  /** Whether this update opened a name form (or moved it to another passkey): its text is selected, ready to type over. */
  #openedNameForm(previous: ProfileState | undefined): boolean {
    if (previous?.name !== 'ready' || this.state.name !== 'ready') return false;
    const passkeyId = renamedPasskey(this.state.mode);
    return (passkeyId !== undefined && passkeyId !== renamedPasskey(previous.mode)) || (editsAccount(this.state.mode) && !editsAccount(previous.mode));
  }

  /** A new screen focuses its heading; a control that went away (dialog closed, form saved, task done) returns the focus to its opener. */
  #moveFocus(previous: ProfileState): void {
    const heading = this.focusTracker.target(focusTargets.heading);
    if (previous.name !== this.state.name) return heading?.focus();
    if (this.shadowRoot?.activeElement) return;
    const candidates = [this.#opener, this.focusTracker.target(profileFocusTargets.cancelTask), heading];
    candidates.find((candidate) => candidate?.isConnected && !candidate.matches(':disabled, [hidden] *'))?.focus();
  }

  /** Fetches the account again (one request). */
  async reload(): Promise<void> {
    this.#dispatch({ type: 'load-started' });
    try {
      this.#dispatch({ type: 'loaded', account: await this.activeBackend().account() });
    } catch (error) {
      const failure = toPasskeyError(error);
      if (failure.code === 'not-signed-in') return this.#signedOut();
      this.#dispatch({ type: 'load-failed', error: failure.code });
      this.report(failure);
    }
  }

  #signedOut(): void {
    this.#dispatch({ type: 'signed-out' });
    this.emit('passkey-signed-out', {});
  }

  /** Shows the task at once; `apply` (the new state, then the event) runs only if it is still the latest task when it ends. */
  #run<Result>(task: ProfileTask, work: (signal: AbortSignal) => Promise<Result>, apply: (result: Result) => void): void {
    this.#dispatch({ type: 'task-started', task });
    void this.#attempts.run(work, apply, this.#taskFailed);
  }

  /** Runs a sensitive act; when the server asks for a fresh passkey check, runs it and tries again. */
  async #sensitive<Result>(signal: AbortSignal, act: () => Promise<Result>): Promise<Result> {
    try {
      return await act();
    } catch (error) {
      if (toPasskeyError(error).code !== 'reauthentication-required') throw error;
    }
    const backend = this.activeBackend();
    if (!signal.aborted) this.#dispatch({ type: 'reauthentication-started' });
    const response = await this.#ceremony.authenticate(await backend.reauthenticationOptions({ signal }));
    await backend.reauthenticate(response, { signal });
    if (!signal.aborted) this.#dispatch({ type: 'reauthenticated' });
    return act();
  }

  #taskFailed = (error: unknown): void => {
    const failure = toPasskeyError(error);
    if (failure.code === 'not-signed-in') return this.#signedOut();
    if (failure.code === 'cancelled') return this.#dispatch({ type: 'task-cancelled' });
    this.#fail(failure);
  };

  /** Shows the failure where it belongs and tells the page. */
  #fail(failure: PasskeyError): void {
    this.#dispatch({ type: 'task-failed', error: failure.code });
    this.report(failure);
  }

  #dispatch(event: ProfileEvent): void {
    this.state = transition(this.state, event);
    if (this.state.name !== 'ready') return;
    // Keeps the passkey manager in step with the server: it drops passkeys the account no longer has, and shows the current name.
    if (event.type === 'loaded' || event.type === 'passkey-added' || event.type === 'passkey-removed') signalAllAcceptedCredentials(this.state.account);
    if (event.type === 'loaded' || event.type === 'account-updated') signalCurrentUserDetails(this.state.account);
  }

  #actions: ProfileActions = {
    reload: () => void this.reload(),
    addPasskey: () =>
      this.#run({ kind: 'add' }, async (signal) => {
        const backend = this.activeBackend();
        const options = await this.#sensitive(signal, () => backend.addPasskeyOptions({ signal }));
        return backend.addPasskey(await this.#ceremony.register(options), { signal });
      }, (passkey) => {
        this.#dispatch({ type: 'passkey-added', passkey });
        this.emit('passkey-created', { passkey });
      }),
    editAccount: () => this.#dispatch({ type: 'edit-account' }),
    submitAccount: (typed) => {
      // The server checks the same rules; checking here spares a request and keeps the form open.
      const checked = checkDisplayName(typed);
      if (!checked.valid) return this.#fail(new PasskeyError('invalid-display-name', checked.reason));
      this.#run({ kind: 'update-account' }, (signal) => this.activeBackend().updateAccount({ displayName: checked.value }, { signal }), (user) => {
        this.#dispatch({ type: 'account-updated', user });
        this.emit('passkey-account-updated', { user });
      });
    },
    startRename: (passkeyId) => this.#dispatch({ type: 'edit', passkeyId }),
    submitRename: (passkeyId, typed) => {
      const checked = checkPasskeyName(typed);
      if (!checked.valid) return this.#fail(new PasskeyError('invalid-passkey-name', checked.reason));
      this.#run({ kind: 'rename', passkeyId }, (signal) => this.activeBackend().renamePasskey(passkeyId, checked.value, { signal }), (passkey) => {
        this.#dispatch({ type: 'passkey-renamed', passkey });
        this.emit('passkey-renamed', { passkey });
      });
    },
    askRemove: (passkeyId) => {
      // The server refuses it too; saying so before asking spares a pointless confirmation.
      if (this.state.name === 'ready' && this.state.account.passkeys.length === 1) {
        return this.#fail(new PasskeyError('last-passkey', 'The only passkey cannot be removed'));
      }
      this.#dispatch({ type: 'confirm', confirmation: { kind: 'remove-passkey', passkeyId } });
    },
    remove: (passkeyId) =>
      this.#run({ kind: 'remove', passkeyId }, (signal) => this.#sensitive(signal, () => this.activeBackend().removePasskey(passkeyId, { signal })), () => {
        this.#dispatch({ type: 'passkey-removed', passkeyId });
        this.emit('passkey-removed', { passkeyId });
      }),
    revokeSession: (sessionId) =>
      this.#run({ kind: 'revoke-session', sessionId }, (signal) => this.#sensitive(signal, () => this.activeBackend().revokeSession(sessionId, { signal })), () => {
        this.#dispatch({ type: 'session-revoked', sessionId });
        this.emit('passkey-session-revoked', { sessionId });
      }),
    revokeOthers: () =>
      this.#run({ kind: 'revoke-others' }, (signal) => this.#sensitive(signal, () => this.activeBackend().revokeOtherSessions({ signal })), () => {
        this.#dispatch({ type: 'others-revoked' });
        this.emit('passkey-session-revoked', {});
      }),
    signOut: () => this.#run({ kind: 'sign-out' }, (signal) => this.activeBackend().signOut({ signal }), () => this.#signedOut()),
    askDeleteAccount: () => this.#dispatch({ type: 'confirm', confirmation: { kind: 'delete-account' } }),
    deleteAccount: () =>
      this.#run({ kind: 'delete-account' }, (signal) => this.#sensitive(signal, () => this.activeBackend().deleteAccount({ signal })), () => {
        this.#dispatch({ type: 'account-deleted' });
        this.emit('passkey-account-deleted', {});
      }),
    closeDialog: () => {
      this.#dispatch({ type: 'confirm' });
      this.#dispatch({ type: 'edit' });
    },
    cancelEdit: () => {
      if (this.state.name !== 'ready' || taskOf(this.state.mode)) return;
      const passkeyId = renamedPasskey(this.state.mode);
      const opener = passkeyId ? profileFocusTargets.rename(passkeyId) : profileFocusTargets.changeName;
      this.#dispatch({ type: 'edit' });
      void this.updateComplete.then(() => this.focusTracker.target(opener)?.focus());
    },
    cancelTask: () => {
      this.#attempts.abort();
      this.#ceremony.cancel();
      this.#dispatch({ type: 'task-cancelled' });
    },
  };

  #relative = (iso: string) => relativeTime(iso, this.language.lang);
  // The test detectCapabilities() makes, without its asynchronous autofill check.
  #webauthn = typeof globalThis.PublicKeyCredential === 'function' && Boolean(navigator.credentials);

  override render() {
    return html`<slot name="header"></slot>
      ${renderProfileState(this.state, { t: this.t, actions: this.#actions, relative: this.#relative, webauthn: this.#webauthn })}
      <slot name="footer"></slot>`;
  }
}

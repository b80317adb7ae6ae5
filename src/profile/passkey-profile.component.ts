import { html, type PropertyValues } from 'lit';
import { AttemptController } from '../core/attempt.ts';
import type { AccountUser, CodeSentAnswer, PasskeyBackend } from '../core/backend.ts';
import { CeremonyController } from '../core/ceremony.ts';
import { PasskeyError, toPasskeyError } from '../core/errors.ts';
import type { SignOutReason } from '../core/events.ts';
import { PasskeyElement } from '../core/passkey-element.ts';
import { createRestBackend } from '../core/rest-backend.ts';
import { signalAllAcceptedCredentials, signalCurrentUserDetails } from '../core/signals.ts';
import { focusTargets, transientSelector } from '../core/views.ts';
import { en, type Translation } from '../i18n/en-profile.ts';
import { relativeTime } from '../i18n/relative-time.ts';
import { checkDisplayName, checkIdentifier, checkPasskeyName } from '../protocol/input-rules.ts';
import { codeDigits } from './code-entry.ts';
import { CountdownController } from '../core/countdown.ts';
import { printText } from '../core/printout.ts';
import {
  codeEntryOf, editedEmail, editsAccount, initialProfileState, isBusy, isChecking, renamedPasskey, retryAtOf, taskOf, transition,
  type DoneNotice, type ProfileEvent, type ProfileMode, type ProfileState, type ProfileTask, type SensitiveTask, type VerificationMethod,
} from './profile-flow.ts';
import { ActivityController } from './activity-controller.ts';
import { activitySection } from './activity-views.ts';
import { profileFocusTargets, profileSections, renderProfileState, type ProfileActions, type ProfileFeatures, type ProfileSection } from './profile-views.ts';
import { headingLevelOf } from './headings.ts';
import { recoveryCodesText } from './recovery-code-views.ts';
import { profileStyles } from './passkey-profile.styles.ts';

/**
 * The signed-in user's passkeys (add, rename, remove), sessions (sign out one or all others), email
 * address (verify, change, by a code sent to it), two-factor sign-in (recovery codes, the user's own
 * choice to opt out) and account deletion. Sensitive acts ask for a fresh verification inline when
 * the server wants one: a passkey, or a code by email when the server offers it.
 *
 * @tag passkey-profile
 * @summary Account settings for passkeys, sessions, the email address and two-factor sign-in.
 *
 * @event {CustomEvent<{ passkey: Passkey }>} passkey-created - A passkey was added; `detail.passkey`.
 * @event {CustomEvent<{ passkey: Passkey }>} passkey-renamed - `detail.passkey` has its new name.
 * @event {CustomEvent<{ passkeyId: string }>} passkey-removed - `detail.passkeyId`.
 * @event {CustomEvent<{ sessionId?: string }>} passkey-session-revoked - `detail.sessionId`, absent when every other session was signed out.
 * @event {CustomEvent<{ user: AccountUser }>} passkey-account-updated - The display name, email address or two-factor choice changed; `detail.user` as it is now.
 * @event {CustomEvent<Record<string, never>>} passkey-account-deleted - The account and everything in it is gone; `passkey-signed-out` follows.
 * @event {CustomEvent<PasskeySignOutDetail>} passkey-signed-out - There is no session any more; `detail.reason`: `signed-out` (here), `session-ended` (revoked elsewhere or expired: the server answered `not-signed-in`), `account-deleted`.
 * @event {CustomEvent<PasskeyErrorDetail>} passkey-error - A failure the user was shown; `detail.code`, `detail.message`, `detail.cause`.
 *
 * @slot header - Above the sections, e.g. a logo.
 * @slot footer - Below the sections, e.g. help links.
 *
 * @csspart title - Section headings.
 * @csspart section - Every section; each also has its own part below.
 * @csspart account-section - The display name and email address, first.
 * @csspart passkeys-section - The passkeys, their actions and "Add a passkey".
 * @csspart sessions-section - Where the account is signed in.
 * @csspart two-factor-section - Two-factor sign-in and recovery codes (under that policy).
 * @csspart activity-section - The recent security activity (backends with `securityActivity`).
 * @csspart danger-zone - The account deletion section, set apart at the end.
 * @csspart passkey-list - The list of passkeys.
 * @csspart empty-card - The "Create a passkey" card, first in the passkeys section: when the account has none (in place of the list), after a sign-in by email code, and when the server wants a passkey first.
 * @csspart passkey-item - One passkey: its name, details and actions.
 * @csspart passkey-icon - The icon beside a passkey's name: a password manager, a security key or one device, after where it lives.
 * @csspart passkey-provider - "Saved in Google Password Manager", under a name the user chose, when the backend knows the provider.
 * @csspart session-list - The list of sessions.
 * @csspart session-item - One session: its device, last activity and sign-out button.
 * @csspart activity-list - The recent security activity, once the user opens it (backends with `securityActivity`).
 * @csspart activity-item - One security event: what happened, when, on what device and network.
 * @csspart badge - "Used for this sign-in", "This device", whether the email address is verified, and an activity's "This session" and "Failed".
 * @csspart button - Every button, and the recovery codes' Download link.
 * @csspart primary-button - The main action of a form or dialog.
 * @csspart danger-button - The buttons that remove a passkey or delete the account.
 * @csspart dialog - The confirmation dialogs (remove a passkey, delete the account, new recovery codes, turning two-factor sign-in off).
 * @csspart confirm - The question and buttons inside a dialog.
 * @csspart ceremony - The note shown while the passkey sheet is open, and the choice between a passkey and a code.
 * @csspart form - The inline forms: a passkey's name, the display name, a new email address, a code from an email.
 * @csspart label - A field's label.
 * @csspart input - A field.
 * @csspart message - Explanatory text.
 * @csspart error - Error messages.
 *
 * @cssproperty [--passkey-color-accent=light-dark(#1d4ed8, #7eb0ff)] - Buttons, links, focus ring and badges.
 * @cssproperty [--passkey-color-on-accent=light-dark(#fff, #0d1117)] - Text on the primary button and badges.
 * @cssproperty [--passkey-color-text=light-dark(#1f2328, #e6edf3)] - Text.
 * @cssproperty [--passkey-color-muted=light-dark(#57606a, #9198a1)] - Secondary text.
 * @cssproperty [--passkey-color-background=light-dark(#fff, #0d1117)] - Background of the element.
 * @cssproperty [--passkey-color-surface=light-dark(#fff, #161b22)] - Fields, buttons, cards and dialogs.
 * @cssproperty [--passkey-color-border=light-dark(#8c959f, #6e7681)] - Field, card and dialog borders, the divider.
 * @cssproperty [--passkey-color-error=light-dark(#b42318, #ff7b72)] - Error text and invalid fields.
 * @cssproperty [--passkey-radius=8px] - Corners of fields and buttons (999px makes pills).
 * @cssproperty [--passkey-radius-card=12px] - Corners of cards and dialogs.
 * @cssproperty [--passkey-radius-badge=999px] - Corners of badges.
 * @cssproperty [--passkey-spacing=12px] - Space between rows.
 * @cssproperty [--passkey-padding=0] - Space inside the element's own edge (set it with a background of your own).
 * @cssproperty [--passkey-card-padding=16px] - Space inside cards and dialogs.
 * @cssproperty [--passkey-control-padding=0.625em 1em] - Space inside fields and buttons (wider sides suit pill corners).
 * @cssproperty [--passkey-font-family=system-ui, sans-serif] - Font.
 * @cssproperty [--passkey-font-size=1rem] - Base font size; everything inside scales with it.
 * @cssproperty [--passkey-focus-ring=0 0 0 2px background, 0 0 0 4px accent] - Box shadow of focused controls.
 * @cssproperty [--passkey-color-danger=the error colour] - Remove, delete and turn-off buttons, the danger zone.
 * @cssproperty [--passkey-color-on-danger=light-dark(#fff, #0d1117)] - Text on the filled destructive button of a confirmation.
 * @cssproperty [--passkey-section-spacing=32px] - Space between sections.
 * @cssproperty [--passkey-max-width=36rem] - Width of the element; it is centred in a wider container.
 */
export class PasskeyProfile extends PasskeyElement<PasskeyBackend, Translation> {
  static override styles = profileStyles;

  // The shared properties too: the React typings read every property off this object.
  static override properties = {
    ...PasskeyElement.properties,
    sections: { reflect: true },
    headingLevel: { type: Number, attribute: 'heading-level', reflect: true },
    state: { state: true },
  };

  #ceremony = new CeremonyController(this);
  /** The task under way; Cancel abandons it, so that its late answer is ignored. */
  #attempts = new AttemptController(this);
  /** Counts down to the next code the open code form may ask for. */
  #countdown = new CountdownController(this, () => (this.state.name === 'ready' ? Math.max(codeEntryOf(this.state.mode)?.resendAt ?? 0, retryAtOf(this.state)) : 0));
  /** The recent security activity, loaded when the user opens it. */
  #activity = new ActivityController(this, () => this.activeBackend());

  /**
   * The sections to show, separated by spaces, in any order (they keep theirs): `account`, `passkeys`,
   * `sessions`, `two-factor`, `activity`, `delete-account`. Unset, or naming none of these: every section the backend supports.
   */
  declare sections: string | undefined;
  /** The level of the section headings (1–6; the page's outline decides); items take the level below. */
  declare headingLevel: number;

  private declare state: ProfileState;
  #opener?: HTMLElement;
  /** The control the last panel to appear put the focus on (a code field, ...), so that it does so once. */
  #opened?: HTMLElement | null;

  constructor() {
    super(en, createRestBackend);
    this.headingLevel = 2;
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
    if (!previous) return;
    const hadFocus = this.focusTracker.hadFocus;
    if (hadFocus) this.#moveFocus(previous);
    const field = this.focusTracker.target(profileFocusTargets.nameField);
    if (this.#openedNameForm(previous) && field instanceof HTMLInputElement) field.select();
    // A refused value: back to its field, where the error is read out; after a request, selected to type over.
    const invalid = this.focusTracker.target(focusTargets.invalidField);
    invalid?.focus();
    if (invalid instanceof HTMLInputElement && previous.name === 'ready' && isBusy(previous.mode)) invalid.select();
    // A panel that just appeared (a code form, a choice, new recovery codes) takes the focus once.
    const opened = this.focusTracker.target(profileFocusTargets.opened);
    if (hadFocus && opened && opened !== this.#opened) {
      opened.focus();
      if (opened instanceof HTMLInputElement) opened.select();
    }
    this.#opened = opened;
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
    // An address just verified has no Verify button any more: its neighbour, Change email, then.
    const inAccount = this.state.name === 'ready' && this.state.notice?.section === 'account' ? this.focusTracker.target(profileFocusTargets.changeEmail) : null;
    const candidates = [this.#opener, this.focusTracker.target(profileFocusTargets.cancelTask), inAccount, heading];
    candidates.find((candidate) => candidate?.isConnected && !candidate.matches(':disabled, [hidden] *'))?.focus();
  }

  /** Fetches the account again (one request). */
  async reload(): Promise<void> {
    this.#dispatch({ type: 'load-started' });
    try {
      this.#dispatch({ type: 'loaded', account: await this.activeBackend().account() });
    } catch (error) {
      const failure = toPasskeyError(error);
      if (failure.code === 'not-signed-in') return this.#signedOut('session-ended');
      this.#dispatch({ type: 'load-failed', error: failure.code });
      this.report(failure);
    }
  }

  #signedOut(reason: SignOutReason): void {
    this.#dispatch({ type: 'signed-out' });
    this.emit('passkey-signed-out', { reason });
  }

  /** Shows the task at once; `apply` (the new state, then the event) runs only if it is still the latest task when it ends. */
  #run<Result>(task: ProfileTask, work: (signal: AbortSignal) => Promise<Result>, apply: (result: Result) => void): void {
    const before = this.state;
    this.#dispatch({ type: 'task-started', task });
    // A second click before the screen shows the task (two clicks on "Add a passkey") starts nothing.
    if (this.state === before) return;
    void this.#attempts.run(work, apply, this.#taskFailed);
  }

  /** Goes on with the task under way (a re-authentication's next step): its outcome, applied if it is still the latest. */
  #continue(work: (signal: AbortSignal) => Promise<Outcome>): void {
    void this.#attempts.run(work, (outcome) => outcome(), this.#taskFailed);
  }

  /** Runs a sensitive task; when the server asks for a fresh verification, gets one (see #verify) and runs it again. */
  #runSensitive(task: SensitiveTask): void {
    this.#run(task, (signal) => this.#sensitive(task, signal), (outcome) => outcome());
  }

  async #sensitive(task: SensitiveTask, signal: AbortSignal): Promise<Outcome> {
    let methods: VerificationMethod[];
    try {
      return await this.#act(task, signal);
    } catch (error) {
      const failure = toPasskeyError(error);
      if (failure.code !== 'reauthentication-required') throw error;
      methods = this.#verificationMethods(failure);
      // Nothing this session can verify with (the server's empty list): only signing in again helps.
      if (!methods.length) throw error;
    }
    if (!signal.aborted) this.#dispatch({ type: 'reauthentication-started', methods });
    return methods.includes('passkey') ? this.#verifyWithPasskey(task, signal, methods) : this.#sendReauthenticationCode(signal);
  }

  /** The ways the server offers (`details.methods`; a passkey when it does not say) that this element and backend can take; none for an empty list. */
  #verificationMethods(failure: PasskeyError): VerificationMethod[] {
    const offered = Array.isArray(failure.details.methods) ? failure.details.methods : ['passkey'];
    if (offered.length === 0) return [];
    const backend = this.activeBackend();
    const possible: VerificationMethod[] = [];
    if (offered.includes('passkey')) possible.push('passkey');
    if (offered.includes('code') && backend.requestReauthenticationCode && backend.reauthenticateWithCode) possible.push('code');
    // Without WebAuthn a passkey cannot answer: a code alone, when there is one.
    return possible.includes('code') && !this.#webauthn ? ['code'] : possible.length ? possible : ['passkey'];
  }

  /** The passkey check, then the task again; a closed passkey sheet leaves the choice of a code, when one is offered. */
  async #verifyWithPasskey(task: SensitiveTask, signal: AbortSignal, methods: VerificationMethod[]): Promise<Outcome> {
    const backend = this.activeBackend();
    try {
      const response = await this.#ceremony.authenticate(await backend.reauthenticationOptions({ signal }));
      await backend.reauthenticate(response, { signal });
    } catch (error) {
      if (toPasskeyError(error).code === 'cancelled' && methods.includes('code')) return () => this.#dispatch({ type: 'passkey-declined' });
      throw error;
    }
    if (!signal.aborted) this.#dispatch({ type: 'reauthenticated' });
    return this.#act(task, signal);
  }

  async #sendReauthenticationCode(signal: AbortSignal): Promise<Outcome> {
    return this.#codeSent(await operation(this.activeBackend(), 'requestReauthenticationCode')({ language: this.language.lang }, { signal }));
  }

  #codeSent(answer: CodeSentAnswer): Outcome {
    return () => this.#dispatch({ type: 'code-sent', answer, at: Date.now() });
  }

  /** What each sensitive task does, and what follows its success (the new state, then the event). */
  async #act(task: SensitiveTask, signal: AbortSignal): Promise<Outcome> {
    const backend = this.activeBackend();
    switch (task.kind) {
      case 'add': {
        const response = await this.#ceremony.register(await backend.addPasskeyOptions({ signal }));
        if (!signal.aborted) this.#dispatch({ type: 'authenticator-responded' });
        const passkey = await backend.addPasskey(response, { signal });
        return () => {
          this.#dispatch({ type: 'passkey-added', passkey });
          this.emit('passkey-created', { passkey });
        };
      }
      case 'remove':
        await backend.removePasskey(task.passkeyId, { signal });
        return () => {
          this.#dispatch({ type: 'passkey-removed', passkeyId: task.passkeyId });
          this.emit('passkey-removed', { passkeyId: task.passkeyId });
        };
      case 'revoke-session':
        await backend.revokeSession(task.sessionId, { signal });
        return () => {
          this.#dispatch({ type: 'session-revoked', sessionId: task.sessionId });
          this.emit('passkey-session-revoked', { sessionId: task.sessionId });
        };
      case 'revoke-others':
        await backend.revokeOtherSessions({ signal });
        return () => {
          this.#dispatch({ type: 'others-revoked' });
          this.emit('passkey-session-revoked', {});
        };
      case 'delete-account':
        await backend.deleteAccount({ signal });
        return () => {
          this.#dispatch({ type: 'account-deleted' });
          this.emit('passkey-account-deleted', {});
          // Nobody is signed in now: an app that only follows sign-in and sign-out goes back to its login.
          this.emit('passkey-signed-out', { reason: 'account-deleted' });
        };
      case 'send-email-code':
        return this.#codeSent(await operation(backend, 'requestEmailCode')({ ...(task.email !== undefined && { email: task.email }), language: this.language.lang }, { signal }));
      case 'recovery-codes': {
        const codes = await operation(backend, 'createRecoveryCodes')({ signal });
        return () => this.#dispatch({ type: 'recovery-codes-created', codes });
      }
      case 'two-factor': {
        const user = await operation(backend, 'setTwoFactor')({ optOut: task.optOut }, { signal });
        return () => this.#updated(user, task.optOut ? 'two-factor-off' : 'two-factor-on');
      }
    }
  }

  #updated(user: AccountUser, done?: DoneNotice): void {
    this.#dispatch({ type: 'account-updated', user, ...(done && { done }) });
    this.emit('passkey-account-updated', { user });
  }

  #taskFailed = (error: unknown): void => {
    const failure = toPasskeyError(error);
    if (failure.code === 'not-signed-in') return this.#signedOut('session-ended');
    if (failure.code === 'cancelled') return this.#dispatch({ type: 'task-cancelled' });
    this.#fail(failure);
  };

  /** Shows the failure where it belongs and tells the page. */
  #fail(failure: PasskeyError): void {
    const { attemptsLeft, retryAfter } = failure.details;
    this.#dispatch({
      type: 'task-failed', error: failure.code, at: Date.now(),
      ...(typeof attemptsLeft === 'number' && { attemptsLeft }), ...(typeof retryAfter === 'number' && { retryAfter }),
    });
    this.report(failure);
  }

  #dispatch(event: ProfileEvent): void {
    this.state = transition(this.state, event);
    if (this.state.name !== 'ready') return;
    // Keeps the passkey manager in step with the server: it drops passkeys the account no longer has, and shows the current name.
    if (event.type === 'loaded' || event.type === 'passkey-added' || event.type === 'passkey-removed') signalAllAcceptedCredentials(this.state.account);
    if (event.type === 'loaded' || event.type === 'account-updated') signalCurrentUserDetails(this.state.account);
    if (activityEvents.has(event.type)) this.#activity.refresh();
  }

  /** The mode now, when the account is shown. */
  #mode(): ProfileMode | undefined {
    return this.state.name === 'ready' ? this.state.mode : undefined;
  }

  #actions: ProfileActions = {
    reload: () => void this.reload(),
    addPasskey: () => this.#runSensitive({ kind: 'add' }),
    editAccount: () => this.#dispatch({ type: 'edit-account' }),
    submitAccount: (typed) => {
      // The server checks the same rules; checking here spares a request and keeps the form open.
      const checked = checkDisplayName(typed);
      if (!checked.valid) return this.#fail(new PasskeyError('invalid-display-name', checked.reason));
      this.#run({ kind: 'update-account' }, (signal) => this.activeBackend().updateAccount({ displayName: checked.value }, { signal }), (user) => this.#updated(user));
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
    remove: (passkeyId) => this.#runSensitive({ kind: 'remove', passkeyId }),
    revokeSession: (sessionId) => this.#runSensitive({ kind: 'revoke-session', sessionId }),
    revokeOthers: () => this.#runSensitive({ kind: 'revoke-others' }),
    signOut: () => this.#run({ kind: 'sign-out' }, (signal) => this.activeBackend().signOut({ signal }), () => this.#signedOut('signed-out')),
    ask: (confirmation) => this.#dispatch({ type: 'confirm', confirmation }),
    deleteAccount: () => this.#runSensitive({ kind: 'delete-account' }),
    closeDialog: () => {
      this.#dispatch({ type: 'confirm' });
      this.#dispatch({ type: 'edit' });
    },
    dismissDialog: () => {
      const mode = this.#mode();
      // Escape during the passkey check in the dialog gives up the act, as its Cancel does.
      if (mode?.name === 're-authenticating') return this.#actions.cancelTask();
      // The act is with the server: the dialog stays until it answers (updated() opens it again if the browser closed it).
      if (mode && taskOf(mode)) return this.requestUpdate();
      this.#actions.closeDialog();
    },
    cancelEdit: () => {
      const mode = this.#mode();
      if (!mode || taskOf(mode)) return;
      const passkeyId = renamedPasskey(mode);
      const opener = passkeyId ? profileFocusTargets.rename(passkeyId) : editedEmail(mode) ? profileFocusTargets.changeEmail : profileFocusTargets.changeName;
      this.#dispatch({ type: 'edit' });
      void this.updateComplete.then(() => this.focusTracker.target(opener)?.focus());
    },
    cancelTask: () => {
      const mode = this.#mode();
      if (mode && isChecking(mode)) return;
      this.#attempts.abort();
      this.#ceremony.cancel();
      this.#dispatch({ type: 'task-cancelled' });
    },
    verifyEmail: () => this.#runSensitive({ kind: 'send-email-code' }),
    editEmail: (email) => this.#dispatch({ type: 'edit-email', ...(email !== undefined && { email }) }),
    submitEmail: (typed) => {
      const checked = typed.includes('@') ? checkIdentifier(typed) : undefined;
      if (!checked?.valid) return this.#fail(new PasskeyError('invalid-email', 'Not an email address'));
      this.#runSensitive({ kind: 'send-email-code', email: checked.value });
    },
    submitCode: (typed) => {
      const mode = this.#mode();
      const entry = mode && codeEntryOf(mode);
      if (!mode || !entry || entry.pending) return;
      const code = codeDigits(typed, entry.length);
      if (code.length !== entry.length) return this.#fail(new PasskeyError('invalid-code', 'The code is incomplete'));
      this.#dispatch({ type: 'code-submitted' });
      const backend = this.activeBackend();
      if (mode.name === 'confirming-email') {
        const { email, change } = mode;
        return this.#continue(async (signal) => {
          const user = await operation(backend, 'confirmEmail')({ email, code }, { signal });
          return () => this.#updated(user, change ? 'email-changed' : 'email-verified');
        });
      }
      if (mode.name !== 're-authenticating') return;
      const task = mode.resumes;
      this.#continue(async (signal) => {
        await operation(backend, 'reauthenticateWithCode')(code, { signal });
        if (!signal.aborted) this.#dispatch({ type: 'reauthenticated' });
        return this.#act(task, signal);
      });
    },
    sendCode: () => {
      const mode = this.#mode();
      if (mode?.name === 'confirming-email') {
        const email = mode.change ? { email: mode.email } : {};
        this.#dispatch({ type: 'code-requested' });
        return this.#continue(async (signal) => this.#codeSent(await operation(this.activeBackend(), 'requestEmailCode')({ ...email, language: this.language.lang }, { signal })));
      }
      if (mode?.name !== 're-authenticating') return;
      // Instead of the passkey sheet, if it is open: its late outcome is dropped.
      this.#attempts.abort();
      this.#ceremony.cancel();
      this.#dispatch({ type: 'code-requested' });
      this.#continue((signal) => this.#sendReauthenticationCode(signal));
    },
    usePasskey: () => {
      const mode = this.#mode();
      if (mode?.name !== 're-authenticating') return;
      this.#dispatch({ type: 'passkey-chosen' });
      this.#continue((signal) => this.#verifyWithPasskey(mode.resumes, signal, mode.methods));
    },
    createRecoveryCodes: () => this.#runSensitive({ kind: 'recovery-codes' }),
    copyRecoveryCodes: () => {
      const mode = this.#mode();
      if (mode?.name !== 'showing-recovery-codes') return;
      navigator.clipboard.writeText(mode.codes.join('\n')).then(
        () => this.#dispatch({ type: 'recovery-codes-copied', copied: 'done' }),
        // Refused (no permission, an insecure page, a browser without it): the codes stay on screen to select.
        () => this.#dispatch({ type: 'recovery-codes-copied', copied: 'failed' }),
      );
    },
    printRecoveryCodes: () => {
      if (this.state.name !== 'ready' || this.state.mode.name !== 'showing-recovery-codes') return;
      const lines = recoveryCodesText(this.t, this.state.mode.codes, this.#site(), this.state.account.user.identifier);
      printText(this.renderRoot, lines[0] ?? '', lines.join('\n'));
    },
    savedRecoveryCodes: () => this.#dispatch({ type: 'recovery-codes-saved' }),
    setTwoFactor: (optOut) => this.#runSensitive({ kind: 'two-factor', optOut }),
  };

  #relative = (iso: string) => relativeTime(iso, this.language.lang);
  // The test detectCapabilities() makes, without its asynchronous autofill check.
  #webauthn = typeof globalThis.PublicKeyCredential === 'function' && Boolean(navigator.credentials);

  #site(): string {
    return (this.state.name === 'ready' && this.state.account.rpId) || location.hostname;
  }

  /** What the backend can do beyond passkeys and sessions; nothing while it cannot be resolved (the screen then says why). */
  #features(): ProfileFeatures {
    if (this.state.name !== 'ready') return { email: false, recoveryCodes: false, twoFactorChoice: false };
    const backend = this.activeBackend();
    return {
      email: Boolean(backend.requestEmailCode && backend.confirmEmail),
      recoveryCodes: Boolean(backend.createRecoveryCodes),
      twoFactorChoice: Boolean(backend.setTwoFactor),
    };
  }

  /** The sections the `sections` attribute names; all of them without it, or when it names none the element knows (never an empty page). */
  #shownSections(): ReadonlySet<ProfileSection> {
    const named = this.sections?.split(/[\s,]+/) ?? [];
    const shown = profileSections.filter((section) => named.includes(section));
    return new Set(shown.length > 0 ? shown : profileSections);
  }

  override render() {
    const headingLevel = headingLevelOf(this.headingLevel);
    const activity = this.state.name === 'ready' && this.#activity.available
      ? activitySection({ t: this.t, lang: this.language.lang, state: this.#activity.state, toggle: this.#activity.toggle, headingLevel })
      : undefined;
    const context = {
      t: this.t, actions: this.#actions, relative: this.#relative, lang: this.language.lang, webauthn: this.#webauthn, features: this.#features(), now: Date.now(), site: this.#site(), activity,
      headingLevel, sections: this.#shownSections(),
    };
    return html`<slot name="header"></slot>
      ${renderProfileState(this.state, context)}
      <slot name="footer"></slot>`;
  }
}

/** The user's own acts, after which an open activity list is loaded again. */
const activityEvents = new Set<ProfileEvent['type']>([
  'passkey-added', 'passkey-renamed', 'passkey-removed', 'session-revoked', 'others-revoked', 'account-updated', 'reauthenticated', 'recovery-codes-created',
]);

/** What follows a task's success: the new state, then its event; applied only if the task is still the latest. */
type Outcome = () => void;

type OptionalOperation = 'requestReauthenticationCode' | 'reauthenticateWithCode' | 'requestEmailCode' | 'confirmEmail' | 'createRecoveryCodes' | 'setTwoFactor';

/** An optional operation of the backend, bound to it; the element offers it only when the backend has it, else `codes-disabled`. */
function operation<Name extends OptionalOperation>(backend: PasskeyBackend, name: Name): NonNullable<PasskeyBackend[Name]> {
  const found = backend[name] as ((...args: never[]) => unknown) | undefined;
  if (!found) throw new PasskeyError('codes-disabled', `The backend has no ${name}`);
  return found.bind(backend) as NonNullable<PasskeyBackend[Name]>;
}

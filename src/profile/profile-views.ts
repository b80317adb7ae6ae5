import { html, nothing, type TemplateResult } from 'lit';
import type { Account, Passkey, Session } from '../core/backend.ts';
import { button, fieldError, focusTargets, onSubmit } from '../core/views.ts';
import type { Translation } from '../i18n/en-profile.ts';
import { confirmationOf, editsAccount, renamedPasskey, taskOf, type ProfileMode, type ProfileState } from './profile-flow.ts';

/** The controls `<passkey-profile>` may focus by name, besides the shared ones (focusTargets). */
export const profileFocusTargets = {
  /** The open name field (a passkey's or the account's): selected when its form opens. */
  nameField: 'name-field',
  /** Cancel in the note shown while the passkey sheet is open. */
  cancelTask: 'cancel-task',
  changeName: 'change-name',
  rename: (passkeyId: string) => `rename:${passkeyId}`,
};

/** What the views can ask `<passkey-profile>` to do. */
export interface ProfileActions {
  reload(): void;
  addPasskey(): void;
  editAccount(): void;
  submitAccount(displayName: string): void;
  startRename(passkeyId: string): void;
  submitRename(passkeyId: string, name: string): void;
  askRemove(passkeyId: string): void;
  remove(passkeyId: string): void;
  revokeSession(sessionId: string): void;
  revokeOthers(): void;
  signOut(): void;
  askDeleteAccount(): void;
  deleteAccount(): void;
  closeDialog(): void;
  /** Closes the name form and returns the focus to the button that opened it. */
  cancelEdit(): void;
  cancelTask(): void;
}

export interface ProfileViewContext {
  t: Translation;
  actions: ProfileActions;
  /** "3 days ago", in the element's language. */
  relative(iso: string): string;
  /** Whether this browser has WebAuthn: adding a passkey needs it, the rest of the account does not. */
  webauthn: boolean;
}

type Ready = Extract<ProfileState, { name: 'ready' }>;

/** The heading of a screen, focusable so that a new screen can take the focus there. */
function title(text: string, id?: string): TemplateResult {
  return html`<h2 id=${id ?? nothing} part="title" tabindex="-1" data-focus=${focusTargets.heading}>${text}</h2>`;
}

/** A confirmation in a modal `<dialog>` (the element opens it with `showModal()`, which traps focus); Escape keeps things as they were. */
function dialog(question: string, { actions }: ProfileViewContext, confirm: TemplateResult, keep: TemplateResult) {
  return html`<dialog part="dialog" aria-labelledby="dialog-question" data-transient @close=${actions.closeDialog}>
    <div class="confirm" part="confirm">
      <p id="dialog-question">${question}</p>
      ${confirm} ${keep}
    </div>
  </dialog>`;
}

/** The notice, in the section it concerns: the account's for its name, the passkeys' for the rest; an invalid name's in its form. */
function notice(state: Ready, t: Translation, section?: 'account') {
  const { notice } = state;
  if (!notice || notice.section !== section || invalidName(state)) return nothing;
  return notice.tone === 'error'
    ? html`<p part="error" class="alert" role="alert" data-code=${notice.error}>${t.errors[notice.error]}</p>`
    : html`<p part="message" class="done" role="status">${t.done[notice.what]}</p>`;
}

/** The error of the name form left open by the flow (the only failure that keeps it open). */
function invalidName({ notice, mode }: Ready) {
  return notice?.tone === 'error' && (mode.name === 'editing-passkey' || mode.name === 'editing-account') ? notice.error : undefined;
}

/**
 * A name field, its error tied to it; Escape leaves the form. No `maxlength`: it counts UTF-16 units
 * and would cut off names the rules accept (they count code points); the element checks the length.
 */
function nameForm(state: Ready, { t, actions }: ProfileViewContext, submit: (value: string) => void,
  field: { id: string; label: string; name: string; value: string; busy: boolean; autocomplete?: string }) {
  const error = invalidName(state);
  const focus = error ? `${profileFocusTargets.nameField} ${focusTargets.invalidField}` : profileFocusTargets.nameField;
  return html`<form class="rename" part="form" novalidate data-transient @submit=${onSubmit((fields) => submit(fields[field.name] ?? ''))}
    @keydown=${(event: KeyboardEvent) => event.key === 'Escape' && actions.cancelEdit()}>
    <label part="label" for=${field.id}>${field.label}</label>
    <input id=${field.id} part="input" name=${field.name} required autocomplete=${field.autocomplete ?? nothing} .value=${field.value}
      aria-invalid=${error ? 'true' : nothing} aria-describedby=${error ? `${field.id}-error` : nothing} data-focus=${focus} />
    ${error ? fieldError(`${field.id}-error`, error, t.errors[error]) : nothing}
    <button part="button primary-button" class="primary" type="submit" ?disabled=${field.busy}>${t.save}</button>
    ${button(t.cancel, actions.cancelEdit, { disabled: field.busy })}
  </form>`;
}

/** Adding a passkey needs WebAuthn: without it, the reason in place of the button. */
function addButton(text: string, busy: boolean, { t, actions, webauthn }: ProfileViewContext) {
  return webauthn
    ? button(text, actions.addPasskey, { primary: true, disabled: busy })
    : html`<p part="message"><strong>${t.unsupportedTitle}</strong><br />${t.unsupportedHint}</p>`;
}

/** While the passkey sheet is open (adding a passkey, confirming it is you): the device copy and Cancel. */
function ceremony(mode: ProfileMode, { t, actions }: ProfileViewContext) {
  const adding = mode.name === 'working' && mode.task.kind === 'add';
  if (!adding && mode.name !== 're-authenticating') return nothing;
  return html`<div class="ceremony" part="ceremony" data-transient>
    <p class="busy" role="status">${adding ? t.deviceWillAsk : t.reauthenticating}</p>
    ${button(t.cancel, actions.cancelTask, { focus: profileFocusTargets.cancelTask })}
  </div>`;
}

function passkeyItem(passkey: Passkey, state: Ready, context: ProfileViewContext) {
  const { t, actions, relative } = context;
  const busy = taskOf(state.mode) !== undefined;
  const confirmation = confirmationOf(state.mode);
  const confirming = confirmation?.kind === 'remove-passkey' && confirmation.passkeyId === passkey.id;
  const editing = renamedPasskey(state.mode) === passkey.id;
  const heading = editing
    ? nameForm(state, context, (name) => actions.submitRename(passkey.id, name), { id: 'passkey-name', label: t.passkeyName, name: 'name', value: passkey.name, busy: false })
    : html`<h3>${passkey.name}</h3>`;
  return html`<li part="passkey-item" data-passkey-id=${passkey.id}>
    ${heading}
    <p class="meta">${t.locations[passkey.location]} · ${t.created(relative(passkey.createdAt))}, ${t.lastUsed(passkey.lastUsedAt && relative(passkey.lastUsedAt))}
      ${passkey.current ? html`<span class="badge" part="badge">${t.usedForThisSession}</span>` : nothing}</p>
    <div class="actions" ?hidden=${editing}>
      ${button(t.rename, () => actions.startRename(passkey.id), { disabled: busy, label: `${t.rename} ${passkey.name}`, focus: profileFocusTargets.rename(passkey.id) })}
      ${button(t.remove, () => actions.askRemove(passkey.id), { disabled: busy, label: `${t.remove} ${passkey.name}` })}
    </div>
    ${confirming
      ? dialog(`${t.confirmRemove(passkey.name)} ${passkey.current ? t.removingCurrent : ''}`, context,
          button(t.remove, () => actions.remove(passkey.id), { danger: true, disabled: busy }),
          button(t.keep, actions.closeDialog, { disabled: busy, autofocus: true }))
      : nothing}
  </li>`;
}

function sessionItem(session: Session, state: Ready, { t, actions, relative }: ProfileViewContext) {
  const device = [session.browser ?? t.unknownBrowser, session.os].filter(Boolean).join(' · ');
  return html`<li part="session-item" data-session-id=${session.id}>
    <h3>${device}</h3>
    <p class="meta">${session.current ? html`<span class="badge" part="badge">${t.thisDevice}</span>` : t.lastActive(relative(session.lastActiveAt))}</p>
    ${session.current ? nothing : button(t.signOutSession, () => actions.revokeSession(session.id), { disabled: taskOf(state.mode) !== undefined })}
  </li>`;
}

function ready(state: Ready, context: ProfileViewContext) {
  const { t, actions } = context;
  const { account, mode } = state;
  const busy = taskOf(mode) !== undefined;
  return html`
    <section aria-labelledby="passkeys-title">
      ${title(t.passkeysTitle, 'passkeys-title')}
      ${notice(state, t)}
      ${account.passkeys.length === 0
        ? html`<div class="empty" part="empty-card">
            <h3>${t.noPasskeysTitle}</h3>
            <p part="message">${t.noPasskeys}</p>
            ${addButton(t.createPasskey, busy, context)}
          </div>`
        : html`<ul part="passkey-list">${account.passkeys.map((passkey) => passkeyItem(passkey, state, context))}</ul>`}
      ${ceremony(mode, context)}
      ${account.passkeys.length === 0 ? nothing : addButton(t.addPasskey, busy, context)}
    </section>
    ${sessions(account, state, context)}
    ${accountSection(state, context)}
    <section aria-labelledby="delete-title">
      <h2 id="delete-title" part="title">${t.deleteAccountTitle}</h2>
      <p part="message">${t.deleteAccountHint}</p>
      ${button(t.deleteAccount, actions.askDeleteAccount, { danger: true, disabled: busy })}
      ${confirmationOf(mode)?.kind === 'delete-account'
        ? dialog(t.deleteAccountHint, context,
            button(t.confirmDelete, actions.deleteAccount, { danger: true, disabled: busy }),
            button(t.cancel, actions.closeDialog, { disabled: busy, autofocus: true }))
        : nothing}
    </section>`;
}

/** The account's names; the display name is edited inline like a passkey's. */
function accountSection(state: Ready, context: ProfileViewContext) {
  const { t, actions } = context;
  const { user } = state.account;
  const busy = taskOf(state.mode) !== undefined;
  const editing = editsAccount(state.mode);
  return html`<section aria-labelledby="account-title">
    <h2 id="account-title" part="title">${t.accountTitle}</h2>
    ${notice(state, t, 'account')}
    ${editing
      ? nameForm(state, context, actions.submitAccount, { id: 'display-name', label: t.displayName, name: 'displayName', value: user.displayName, busy, autocomplete: 'name' })
      : html`<h3>${user.displayName}</h3>`}
    <p class="meta">${user.identifier}</p>
    <div class="actions" ?hidden=${editing}>${button(t.changeDisplayName, actions.editAccount, { disabled: busy, focus: profileFocusTargets.changeName })}</div>
  </section>`;
}

function sessions(account: Account, state: Ready, context: ProfileViewContext) {
  const { t, actions } = context;
  const others = account.sessions.some((session) => !session.current);
  const busy = taskOf(state.mode) !== undefined;
  return html`<section aria-labelledby="sessions-title">
    <h2 id="sessions-title" part="title">${t.sessionsTitle}</h2>
    <ul part="session-list">${account.sessions.map((session) => sessionItem(session, state, context))}</ul>
    <div class="actions">
      ${others ? button(t.signOutOthers, actions.revokeOthers, { disabled: busy }) : nothing}
      ${button(t.signOut, actions.signOut, { disabled: busy })}
    </div>
  </section>`;
}

/** One view per state, switched exhaustively. */
export function renderProfileState(state: ProfileState, context: ProfileViewContext): TemplateResult {
  const { t, actions } = context;
  switch (state.name) {
    case 'loading':
      return html`<p class="busy" role="status">${t.loading}</p>`;
    case 'signed-out':
      return html`${title(t.signedOutTitle)}<p part="message">${t.errors['not-signed-in']}</p>`;
    case 'deleted':
      return title(t.accountDeleted);
    case 'load-failed':
      return html`${title(t.errorTitle)}
        <p part="error" class="alert" role="alert" data-code=${state.error}>${t.errors[state.error]}</p>
        ${button(t.tryAgain, actions.reload, { primary: true })}`;
    case 'ready':
      return ready(state, context);
  }
}

import { html, nothing, type TemplateResult } from 'lit';
import type { Account, Passkey, Session } from '../core/backend.ts';
import type { Translation } from '../i18n/en-profile.ts';
import type { ProfileState, ProfileTask } from './profile-flow.ts';

/** What the views can ask `<passkey-profile>` to do. */
export interface ProfileActions {
  reload(): void;
  addPasskey(): void;
  editAccount(): void;
  submitAccount(event: SubmitEvent): void;
  startRename(passkeyId: string): void;
  submitRename(event: SubmitEvent): void;
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

/** `label` names the button for assistive technology when its text alone is ambiguous (one "Remove" per passkey). */
function button(text: string, action: () => void, options: { primary?: boolean; danger?: boolean; disabled?: boolean; autofocus?: boolean; label?: string } = {}) {
  const part = options.primary ? 'button primary-button' : options.danger ? 'button danger-button' : 'button';
  return html`<button part=${part} class=${options.primary ? 'primary' : options.danger ? 'danger' : nothing} type="button" ?disabled=${options.disabled}
    ?autofocus=${options.autofocus} aria-label=${options.label ?? nothing} @click=${action}>${text}</button>`;
}

/** A confirmation in a modal `<dialog>` (the element opens it with `showModal()`, which traps focus); Escape keeps things as they were. */
function dialog(question: string, { actions }: ProfileViewContext, confirm: TemplateResult, keep: TemplateResult) {
  return html`<dialog part="dialog" aria-labelledby="dialog-question" @close=${actions.closeDialog}>
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
function invalidName({ notice, editing, editingAccount }: Ready) {
  return notice?.tone === 'error' && (editing || editingAccount) ? notice.error : undefined;
}

/** A name field, its error tied to it; Escape leaves the form. */
function nameForm(state: Ready, { t, actions }: ProfileViewContext, submit: (event: SubmitEvent) => void,
  field: { id: string; label: string; name: string; value: string; busy: boolean; passkeyId?: string; autocomplete?: string }) {
  const error = invalidName(state);
  return html`<form class="rename" part="form" novalidate @submit=${submit} @keydown=${(event: KeyboardEvent) => event.key === 'Escape' && actions.cancelEdit()}>
    <label part="label" for=${field.id}>${field.label}</label>
    <input id=${field.id} part="input" name=${field.name} maxlength="64" required autocomplete=${field.autocomplete ?? nothing} .value=${field.value}
      data-passkey-id=${field.passkeyId ?? nothing} aria-invalid=${error ? 'true' : nothing} aria-describedby=${error ? `${field.id}-error` : nothing} />
    ${error ? html`<p id="${field.id}-error" part="error" class="alert" role="alert" data-code=${error}>${t.errors[error]}</p>` : nothing}
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
function ceremony(task: ProfileTask | undefined, { t, actions }: ProfileViewContext) {
  if (task?.kind !== 'add' && task?.kind !== 'reauthenticate') return nothing;
  return html`<div class="ceremony" part="ceremony">
    <p class="busy" role="status">${task.kind === 'add' ? t.deviceWillAsk : t.reauthenticating}</p>
    ${button(t.cancel, actions.cancelTask)}
  </div>`;
}

function passkeyItem(passkey: Passkey, state: Ready, context: ProfileViewContext) {
  const { t, actions, relative } = context;
  const busy = state.task !== undefined;
  const confirming = state.confirm?.kind === 'remove-passkey' && state.confirm.passkeyId === passkey.id;
  const heading = state.editing === passkey.id
    ? nameForm(state, context, actions.submitRename, { id: 'passkey-name', label: t.passkeyName, name: 'name', value: passkey.name, busy: false, passkeyId: passkey.id })
    : html`<h3>${passkey.name}</h3>`;
  return html`<li part="passkey-item" data-passkey-id=${passkey.id}>
    ${heading}
    <p class="meta">${t.locations[passkey.location]} · ${t.created(relative(passkey.createdAt))}, ${t.lastUsed(passkey.lastUsedAt && relative(passkey.lastUsedAt))}
      ${passkey.current ? html`<span class="badge" part="badge">${t.usedForThisSession}</span>` : nothing}</p>
    <div class="actions" ?hidden=${state.editing === passkey.id}>
      ${button(t.rename, () => actions.startRename(passkey.id), { disabled: busy, label: `${t.rename} ${passkey.name}` })}
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
    ${session.current ? nothing : button(t.signOutSession, () => actions.revokeSession(session.id), { disabled: state.task !== undefined })}
  </li>`;
}

function ready(state: Ready, context: ProfileViewContext) {
  const { t, actions } = context;
  const { account, task } = state;
  const busy = task !== undefined;
  return html`
    <section aria-labelledby="passkeys-title">
      <h2 id="passkeys-title" part="title" tabindex="-1">${t.passkeysTitle}</h2>
      ${notice(state, t)}
      ${account.passkeys.length === 0
        ? html`<div class="empty" part="empty-card">
            <h3>${t.noPasskeysTitle}</h3>
            <p part="message">${t.noPasskeys}</p>
            ${addButton(t.createPasskey, busy, context)}
          </div>`
        : html`<ul part="passkey-list">${account.passkeys.map((passkey) => passkeyItem(passkey, state, context))}</ul>`}
      ${ceremony(task, context)}
      ${account.passkeys.length === 0 ? nothing : addButton(t.addPasskey, busy, context)}
    </section>
    ${sessions(account, state, context)}
    ${accountSection(state, context)}
    <section aria-labelledby="delete-title">
      <h2 id="delete-title" part="title">${t.deleteAccountTitle}</h2>
      <p part="message">${t.deleteAccountHint}</p>
      ${button(t.deleteAccount, actions.askDeleteAccount, { danger: true, disabled: busy })}
      ${state.confirm?.kind === 'delete-account'
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
  const busy = state.task !== undefined;
  return html`<section aria-labelledby="account-title">
    <h2 id="account-title" part="title">${t.accountTitle}</h2>
    ${notice(state, t, 'account')}
    ${state.editingAccount
      ? nameForm(state, context, actions.submitAccount, { id: 'display-name', label: t.displayName, name: 'displayName', value: user.displayName, busy, autocomplete: 'name' })
      : html`<h3>${user.displayName}</h3>`}
    <p class="meta">${user.identifier}</p>
    <div class="actions" ?hidden=${state.editingAccount}>${button(t.changeDisplayName, actions.editAccount, { disabled: busy })}</div>
  </section>`;
}

function sessions(account: Account, state: Ready, context: ProfileViewContext) {
  const { t, actions } = context;
  const others = account.sessions.some((session) => !session.current);
  return html`<section aria-labelledby="sessions-title">
    <h2 id="sessions-title" part="title">${t.sessionsTitle}</h2>
    <ul part="session-list">${account.sessions.map((session) => sessionItem(session, state, context))}</ul>
    <div class="actions">
      ${others ? button(t.signOutOthers, actions.revokeOthers, { disabled: state.task !== undefined }) : nothing}
      ${button(t.signOut, actions.signOut, { disabled: state.task !== undefined })}
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
      return html`<h2 part="title" tabindex="-1">${t.signedOutTitle}</h2><p part="message">${t.errors['not-signed-in']}</p>`;
    case 'deleted':
      return html`<h2 part="title" tabindex="-1">${t.accountDeleted}</h2>`;
    case 'load-failed':
      return html`<h2 part="title" tabindex="-1">${t.errorTitle}</h2>
        <p part="error" class="alert" role="alert" data-code=${state.error}>${t.errors[state.error]}</p>
        ${button(t.tryAgain, actions.reload, { primary: true })}`;
    case 'ready':
      return ready(state, context);
  }
}

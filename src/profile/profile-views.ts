import { html, nothing, type TemplateResult } from 'lit';
import type { Account, Passkey, Session } from '../core/backend.ts';
import { secondsUntil } from '../core/countdown.ts';
import { button, fieldError, focusTargets, onSubmit } from '../core/views.ts';
import type { Translation } from '../i18n/en-profile.ts';
import { codeForm, errorMessage, openedFocus, reauthentication } from './profile-code-views.ts';
import {
  confirmationOf, editedEmail, editsAccount, isBusy, renamedPasskey, retryAtOf, taskOf, type Confirmation, type NoticeSection, type ProfileMode, type ProfileState, type ProfileTask,
} from './profile-flow.ts';
import { passkeyFacts, passkeyHeading, passkeyTitle } from './passkey-card.ts';
import { recoveryCodesPanel } from './recovery-code-views.ts';

/** The controls `<passkey-profile>` may focus by name, besides the shared ones (focusTargets). */
export const profileFocusTargets = {
  /** The open name field (a passkey's or the account's): selected when its form opens. */
  nameField: 'name-field',
  /** Cancel in the note shown while the passkey sheet is open. */
  cancelTask: 'cancel-task',
  changeName: 'change-name',
  changeEmail: 'change-email',
  rename: (passkeyId: string) => `rename:${passkeyId}`,
  /** The control a panel puts the focus on when it appears. */
  opened: openedFocus,
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
  /** Opens a confirmation dialog. */
  ask(confirmation: Confirmation): void;
  deleteAccount(): void;
  closeDialog(): void;
  /** Escape on a dialog, or the browser closing it: gives up a passkey check under way, keeps an act the server is doing, else closes. */
  dismissDialog(): void;
  /** Closes the name or address form and returns the focus to the button that opened it. */
  cancelEdit(): void;
  cancelTask(): void;
  /** Sends a code to the current address, to verify it. */
  verifyEmail(): void;
  /** Opens the new address form; `email` fills it ("Use a different email"). */
  editEmail(email?: string): void;
  submitEmail(email: string): void;
  submitCode(code: string): void;
  /** A (new) code for the open code form, or a code instead of the passkey for a re-authentication. */
  sendCode(): void;
  /** A re-authentication with the passkey after all. */
  usePasskey(): void;
  createRecoveryCodes(): void;
  copyRecoveryCodes(): void;
  printRecoveryCodes(): void;
  savedRecoveryCodes(): void;
  setTwoFactor(optOut: boolean): void;
}

/** What the backend offers beyond passkeys and sessions: each feature shows only when it has the operations. */
export interface ProfileFeatures {
  /** Verifying and changing the email address. */
  email: boolean;
  recoveryCodes: boolean;
  twoFactorChoice: boolean;
}

export interface ProfileViewContext {
  t: Translation;
  actions: ProfileActions;
  /** "3 days ago", in the element's language. */
  relative(iso: string): string;
  /** The language shown, for `Intl` (lists, dates). */
  lang: string;
  /** Whether this browser has WebAuthn: adding a passkey needs it, the rest of the account does not. */
  webauthn: boolean;
  features: ProfileFeatures;
  /** Now (ms since epoch), for the countdown to a new code. */
  now: number;
  /** The site the passkeys and recovery codes belong to. */
  site: string;
  /** The "Recent security activity" section (activity-views.ts), when the backend has one. */
  activity?: TemplateResult | undefined;
}

type Ready = Extract<ProfileState, { name: 'ready' }>;

/** The heading of a screen, focusable so that a new screen can take the focus there. */
function title(text: string, id?: string): TemplateResult {
  return html`<h2 id=${id ?? nothing} part="title" tabindex="-1" data-focus=${focusTargets.heading}>${text}</h2>`;
}

/**
 * A confirmation in a modal `<dialog>` (the element opens it with `showModal()`, which traps focus); Escape keeps things as they were.
 * A fresh verification asked for its act happens inside it, in place of its buttons: the rest of the page is inert meanwhile.
 */
function dialog(question: string, { mode }: Ready, context: ProfileViewContext, confirm: TemplateResult, keep: TemplateResult, email?: string | null) {
  const verifying = mode.name === 're-authenticating';
  const { dismissDialog } = context.actions;
  // Its Escape is the element's to answer (see dismissDialog); a browser that closes it anyway is answered the same way.
  const cancel = (event: Event) => {
    event.preventDefault();
    dismissDialog();
  };
  return html`<dialog part="dialog" aria-labelledby="dialog-question" data-transient @cancel=${cancel} @close=${dismissDialog}>
    <div class="confirm" part="confirm">
      <p id="dialog-question">${question}</p>
      ${verifying ? reauthentication(mode, context, email) : html`${confirm} ${keep}`}
    </div>
  </dialog>`;
}

/** Where a task asks for a fresh verification, when not in its dialog. */
function placeOf(task: ProfileTask): NoticeSection | 'passkeys' | 'sessions' {
  switch (task.kind) {
    case 'revoke-session':
    case 'revoke-others':
      return 'sessions';
    case 'send-email-code':
      return 'account';
    case 'two-factor':
      return 'two-factor';
    default:
      return 'passkeys';
  }
}

/** The re-authentication panel, if the task under way asked for one here (outside any dialog). */
function reauthenticationHere(state: Ready, context: ProfileViewContext, place: ReturnType<typeof placeOf>) {
  const { mode } = state;
  if (mode.name !== 're-authenticating' || confirmationOf(mode) || placeOf(mode.resumes) !== place) return nothing;
  return reauthentication(mode, context, state.account.user.email);
}

/** The notice, in the section it concerns (see NoticeSection); a refused value's in its form. */
function notice(state: Ready, { t, now }: ProfileViewContext, section?: NoticeSection) {
  const { notice } = state;
  if (!notice || notice.section !== section || invalidField(state)) return nothing;
  return notice.tone === 'error'
    ? html`<p part="error" class="alert" role="alert" data-code=${notice.error}>${noticeError(t, notice.error)}</p>${waitLine(state, t, now)}`
    : html`<p part="message" class="done" role="status">${doneMessage(state, t, notice.what)}</p>`;
}

/** A refused passkey is about adding one here, not signing in: the profile's own words for it. */
function noticeError(t: Translation, error: Parameters<typeof errorMessage>[1]): string {
  return error === 'passkey-exists' ? t.passkeyExistsHere : errorMessage(t, error);
}

/** "Passkey created." with where the newest passkey lives: the handshake after the passkey sheet closed. */
function doneMessage({ account }: Ready, t: Translation, what: keyof Translation['done']): string {
  const newest = account.passkeys.reduce<Account['passkeys'][number] | undefined>((found, passkey) => (!found || passkey.createdAt > found.createdAt ? passkey : found), undefined);
  if (what !== 'added' || !newest) return t.done[what];
  return `${t.done.added} ${newest.provider ? t.savedIn(newest.provider) : t.passkeySavedTo[newest.location]}`;
}

/** The seconds left of a rate limit, counting down beside its alert (which is read out once, not every second). */
function waitLine(state: Ready, t: Translation, now: number) {
  const waitFor = secondsUntil(retryAtOf(state), now);
  return waitFor ? html`<p part="message">${t.retryIn(waitFor)}</p>` : nothing;
}

/** The error of the form left open by the flow (the only failures that keep one open: a refused name or address). */
function invalidField({ notice, mode }: Ready) {
  return notice?.tone === 'error' && (mode.name === 'editing-passkey' || mode.name === 'editing-account' || mode.name === 'editing-email') ? notice.error : undefined;
}

interface FieldOptions {
  id: string;
  label: string;
  name: string;
  value: string;
  busy: boolean;
  autocomplete?: string;
  type?: 'email';
  /** The submit button's text: Save by default. */
  submit?: string;
}

/**
 * A one-field form (a name, a new address), its error tied to it; Escape leaves the form. No `maxlength`: it counts UTF-16 units
 * and would cut off names the rules accept (they count code points); the element checks the length.
 */
function fieldForm(state: Ready, context: ProfileViewContext, submit: (value: string) => void, field: FieldOptions) {
  const { t, actions } = context;
  const error = invalidField(state);
  const focus = [field.type ? openedFocus : profileFocusTargets.nameField, error ? focusTargets.invalidField : ''].join(' ').trim();
  const message = error === 'identifier-taken' && field.type ? t.emailTaken : error && errorMessage(t, error);
  return html`<form class="rename" part="form" novalidate data-transient @submit=${onSubmit((fields) => submit(fields[field.name] ?? ''))}
    @keydown=${(event: KeyboardEvent) => event.key === 'Escape' && actions.cancelEdit()}>
    <label part="label" for=${field.id}>${field.label}</label>
    <input id=${field.id} part="input" name=${field.name} type=${field.type ?? 'text'} required autocomplete=${field.autocomplete ?? nothing} .value=${field.value}
      aria-invalid=${error ? 'true' : nothing} aria-describedby=${error ? `${field.id}-error` : nothing} data-focus=${focus} />
    ${error ? fieldError(`${field.id}-error`, error, message || '') : nothing}
    ${waitLine(state, t, context.now)}
    <button part="button primary-button" class="primary" type="submit" ?disabled=${field.busy}>${field.submit ?? t.save}</button>
    ${button(t.cancel, actions.cancelEdit, { disabled: field.busy })}
  </form>`;
}

/** Adding a passkey needs WebAuthn: without it, the reason in place of the button. */
function addButton(text: string, state: Ready, { t, actions, webauthn, now }: ProfileViewContext, focus?: string) {
  // Under a rate limit the button waits for its end, and enables itself then.
  const disabled = isBusy(state.mode) || retryAtOf(state) > now;
  return webauthn
    ? button(text, actions.addPasskey, { primary: true, disabled, ...(focus && { focus }) })
    : html`<p part="message"><strong>${t.unsupportedTitle}</strong><br />${t.unsupportedHint}</p>`;
}

/** While the passkey sheet is open to add a passkey: the device copy and Cancel. */
function ceremony(mode: ProfileMode, { t, actions }: ProfileViewContext) {
  if (mode.name !== 'working' || mode.task.kind !== 'add') return nothing;
  // The server is saving the new passkey: there is nothing left to cancel.
  if (mode.checking) return html`<div class="ceremony" part="ceremony" data-transient><p class="busy" role="status">${t.verifying}</p></div>`;
  return html`<div class="ceremony" part="ceremony" data-transient>
    <p class="busy" role="status">${t.deviceWillAsk}</p>
    ${button(t.cancel, actions.cancelTask, { focus: profileFocusTargets.cancelTask })}
  </div>`;
}

/** Whether the current session signed in with a code and has not added a passkey since. */
function signedInWithCode({ passkeys, sessions }: Account): boolean {
  const session = sessions.find((candidate) => candidate.current);
  if (!session?.signedInWith || session.signedInWith === 'passkey') return false;
  return !passkeys.some((passkey) => passkey.createdAt >= session.createdAt);
}

/**
 * The "Create a passkey" card, first in the passkeys section: for an account without passkeys (in
 * place of the list), a session that signed in with a code, and a session the server holds back
 * until it adds one (`passkey-required`, shown here).
 */
function createCard(state: Ready, context: ProfileViewContext) {
  const { t } = context;
  const { account, notice: shown } = state;
  const required = shown?.tone === 'error' && shown.error === 'passkey-required';
  const withCode = signedInWithCode(account);
  if (account.passkeys.length > 0 && !withCode && !required) return nothing;
  return html`<div class="empty" part="empty-card">
    <h3>${withCode || required ? t.passkeyPromptTitle : t.noPasskeysTitle}</h3>
    <p part="message">${withCode ? t.passkeyPromptUpgrade : t.noPasskeys}</p>
    ${notice(state, context, 'create-passkey')}
    ${addButton(t.createPasskey, state, context, required ? openedFocus : undefined)}
  </div>`;
}

function passkeyItem(passkey: Passkey, state: Ready, context: ProfileViewContext) {
  const { t, actions, relative, lang } = context;
  const busy = isBusy(state.mode);
  const confirmation = confirmationOf(state.mode);
  const confirming = confirmation?.kind === 'remove-passkey' && confirmation.passkeyId === passkey.id;
  const editing = renamedPasskey(state.mode) === passkey.id;
  const name = passkeyTitle(passkey, t);
  const heading = editing
    ? fieldForm(state, context, (typed) => actions.submitRename(passkey.id, typed), { id: 'passkey-name', label: t.passkeyName, name: 'name', value: name, busy: false })
    : passkeyHeading(passkey, t);
  return html`<li part="passkey-item" data-passkey-id=${passkey.id}>
    ${heading}
    <p class="meta">${passkeyFacts(passkey, t, lang, relative, state.account.sessions.find((session) => session.current)?.createdAt)}
      ${passkey.current ? html`<span class="badge" part="badge">${t.usedForThisSession}</span>` : nothing}</p>
    <div class="actions" ?hidden=${editing}>
      ${button(t.rename, () => actions.startRename(passkey.id), { disabled: busy, label: `${t.rename} ${name}`, focus: profileFocusTargets.rename(passkey.id) })}
      ${button(t.remove, () => actions.askRemove(passkey.id), { disabled: busy, label: `${t.remove} ${name}` })}
    </div>
    ${confirming
      ? dialog(`${t.confirmRemove(name)} ${passkey.current ? t.removingCurrent : ''}`, state, context,
          button(t.remove, () => actions.remove(passkey.id), { danger: true, disabled: busy }),
          button(t.keep, actions.closeDialog, { disabled: busy, autofocus: true }), state.account.user.email)
      : nothing}
  </li>`;
}

function sessionItem(session: Session, state: Ready, { t, actions, relative }: ProfileViewContext) {
  const device = [session.browser ?? t.unknownBrowser, session.os].filter(Boolean).join(' · ');
  const how = session.signedInWith ? html` · ${t.signedInWith[session.signedInWith]}` : nothing;
  return html`<li part="session-item" data-session-id=${session.id}>
    <h3>${device}</h3>
    <p class="meta">${session.current ? html`<span class="badge" part="badge">${t.thisDevice}</span>` : t.lastActive(relative(session.lastActiveAt))}${how}</p>
    ${session.current ? nothing : button(t.signOutSession, () => actions.revokeSession(session.id), { disabled: isBusy(state.mode) })}
  </li>`;
}

function ready(state: Ready, context: ProfileViewContext) {
  const { t, actions } = context;
  const { account, mode } = state;
  const busy = isBusy(mode);
  const card = createCard(state, context);
  return html`
    <section aria-labelledby="passkeys-title">
      ${title(t.passkeysTitle, 'passkeys-title')}
      ${card}
      ${notice(state, context)}
      ${account.passkeys.length === 0 ? nothing : html`<ul part="passkey-list">${account.passkeys.map((passkey) => passkeyItem(passkey, state, context))}</ul>`}
      ${ceremony(mode, context)}
      ${reauthenticationHere(state, context, 'passkeys')}
      ${card === nothing ? addButton(t.addPasskey, state, context) : nothing}
    </section>
    ${sessions(account, state, context)}
    ${accountSection(state, context)}
    ${twoFactorSection(state, context)}
    ${context.activity ?? nothing}
    <section aria-labelledby="delete-title">
      <h2 id="delete-title" part="title">${t.deleteAccountTitle}</h2>
      <p part="message">${t.deleteAccountHint}</p>
      ${button(t.deleteAccount, () => actions.ask({ kind: 'delete-account' }), { danger: true, disabled: busy })}
      ${confirmationOf(mode)?.kind === 'delete-account'
        ? dialog(t.deleteAccountHint, state, context,
            button(t.confirmDelete, actions.deleteAccount, { danger: true, disabled: busy }),
            button(t.cancel, actions.closeDialog, { disabled: busy, autofocus: true }), account.user.email)
        : nothing}
    </section>`;
}

/** The account's names and email address; the display name is edited inline like a passkey's, the address through a code sent to it. */
function accountSection(state: Ready, context: ProfileViewContext) {
  const { t, actions } = context;
  const { user } = state.account;
  const busy = isBusy(state.mode);
  const editing = editsAccount(state.mode);
  return html`<section aria-labelledby="account-title">
    <h2 id="account-title" part="title">${t.accountTitle}</h2>
    ${notice(state, context, 'account')}
    ${editing
      ? fieldForm(state, context, actions.submitAccount, { id: 'display-name', label: t.displayName, name: 'displayName', value: user.displayName, busy, autocomplete: 'name' })
      : html`<h3>${user.displayName}</h3>`}
    ${user.identifier === user.email ? nothing : html`<p class="meta"><bdi dir="ltr">${user.identifier}</bdi></p>`}
    <div class="actions" ?hidden=${editing}>${button(t.changeDisplayName, actions.editAccount, { disabled: busy, focus: profileFocusTargets.changeName })}</div>
    ${emailAddress(state, context)}
  </section>`;
}

/** The address and whether a code confirmed it; Verify, Change or Add, each through a code sent to the address. */
function emailAddress(state: Ready, context: ProfileViewContext) {
  const { t, actions, features } = context;
  const { user } = state.account;
  const { mode } = state;
  if (user.email === undefined) return nothing;
  const busy = isBusy(mode);
  const edited = editedEmail(mode);
  const confirming = mode.name === 'confirming-email' ? mode : undefined;
  const status = user.email === null ? nothing
    : html`<span class=${user.emailVerified ? 'badge' : 'badge unverified'} part="badge">${user.emailVerified ? t.emailVerified : t.emailUnverified}</span>`;
  return html`<div class="email">
    <p><strong>${t.emailAddress}</strong><br />${user.email ? html`<bdi dir="ltr">${user.email}</bdi>` : html`<span class="meta">${t.noEmail}</span>`} ${status}</p>
    ${user.email && !user.emailVerified ? html`<p part="message">${t.unverifiedHint}</p>` : nothing}
    ${features.email
      ? html`<div class="actions" ?hidden=${edited !== undefined || confirming !== undefined}>
          ${user.email && !user.emailVerified ? button(t.verifyEmail, actions.verifyEmail, { disabled: busy, primary: true }) : nothing}
          ${button(user.email ? t.changeEmail : t.addEmail, () => actions.editEmail(), { disabled: busy, focus: profileFocusTargets.changeEmail })}
        </div>`
      : nothing}
    ${edited
      ? fieldForm(state, context, actions.submitEmail,
          { id: 'new-email', label: t.newEmail, name: 'email', value: edited.email ?? '', busy, autocomplete: 'email', type: 'email', submit: t.sendCode })
      : nothing}
    ${confirming
      ? codeForm(context, {
          title: confirming.change ? t.changeEmailTitle : t.verifyEmailTitle, email: confirming.email, code: confirming.code,
          more: confirming.change ? button(t.differentEmail, () => actions.editEmail(confirming.email), { disabled: confirming.code.pending !== undefined }) : nothing,
        })
      : nothing}
    ${reauthenticationHere(state, context, 'account')}
  </div>`;
}

/** Under the two-factor policy: the recovery codes left, new ones (confirmed first, shown once), and the user's own choice to opt out. */
function twoFactorSection(state: Ready, context: ProfileViewContext) {
  const { t, actions, features, site } = context;
  const { user } = state.account;
  const { mode } = state;
  if (!user.twoFactor) return nothing;
  const busy = isBusy(mode);
  const { optedOut, recoveryCodesLeft } = user.twoFactor;
  const confirmation = confirmationOf(mode)?.kind;
  return html`<section aria-labelledby="two-factor-title">
    <h2 id="two-factor-title" part="title">${t.twoFactorTitle}</h2>
    ${notice(state, context, 'two-factor')}
    <p>${optedOut ? t.twoFactorOff : t.twoFactorOn}</p>
    <p class=${recoveryCodesLeft === 0 ? 'alert' : 'meta'}>${t.recoveryCodesLeft(recoveryCodesLeft)}</p>
    ${mode.name === 'showing-recovery-codes' ? recoveryCodesPanel(context, mode.codes, mode.copied, { site, identifier: user.identifier }) : nothing}
    <div class="actions">
      ${features.recoveryCodes ? button(t.createRecoveryCodes, () => actions.ask({ kind: 'recovery-codes' }), { disabled: busy }) : nothing}
      ${features.twoFactorChoice
        ? optedOut
          ? button(t.turnOnTwoFactor, () => actions.setTwoFactor(false), { disabled: busy, primary: true })
          : button(t.turnOffTwoFactor, () => actions.ask({ kind: 'opt-out' }), { disabled: busy, danger: true })
        : nothing}
    </div>
    ${reauthenticationHere(state, context, 'two-factor')}
    ${confirmation === 'recovery-codes'
      ? dialog(t.confirmRecoveryCodes, state, context,
          button(t.createCodes, actions.createRecoveryCodes, { primary: true, disabled: busy }),
          button(t.cancel, actions.closeDialog, { disabled: busy, autofocus: true }), user.email)
      : nothing}
    ${confirmation === 'opt-out'
      ? dialog(t.confirmOptOut, state, context,
          button(t.optOut, () => actions.setTwoFactor(true), { danger: true, disabled: busy }),
          button(t.keepTwoFactor, actions.closeDialog, { disabled: busy, autofocus: true }), user.email)
      : nothing}
  </section>`;
}

function sessions(account: Account, state: Ready, context: ProfileViewContext) {
  const { t, actions } = context;
  const others = account.sessions.some((session) => !session.current);
  const busy = isBusy(state.mode);
  return html`<section aria-labelledby="sessions-title">
    <h2 id="sessions-title" part="title">${t.sessionsTitle}</h2>
    <ul part="session-list">${account.sessions.map((session) => sessionItem(session, state, context))}</ul>
    <div class="actions">
      ${others ? button(t.signOutOthers, actions.revokeOthers, { disabled: busy }) : nothing}
      ${button(t.signOut, actions.signOut, { disabled: busy })}
    </div>
    ${reauthenticationHere(state, context, 'sessions')}
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
      return html`${title(t.errorTitles[state.error])}
        <p part="error" class="alert" role="alert" data-code=${state.error}>${t.errors[state.error]}</p>
        ${button(t.tryAgain, actions.reload, { primary: true })}`;
    case 'ready':
      return ready(state, context);
  }
}

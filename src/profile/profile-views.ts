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
import { heading } from './headings.ts';

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
  /** The level of the section headings (`heading-level`); items' headings are one below. */
  headingLevel: number;
  /** The sections the page shows (`sections`); every one by default. */
  sections: ReadonlySet<ProfileSection>;
}

/** The sections of the profile, in the order they appear: who you are, how you sign in, where, then the danger zone. */
export const profileSections = ['account', 'passkeys', 'sessions', 'two-factor', 'activity', 'delete-account'] as const;
export type ProfileSection = (typeof profileSections)[number];

type Ready = Extract<ProfileState, { name: 'ready' }>;

/** The heading of a screen, focusable so that a new screen can take the focus there. */
function title(text: string, { headingLevel }: ProfileViewContext, id?: string): TemplateResult {
  return heading(headingLevel, text, { ...(id && { id }), part: 'title', focus: focusTargets.heading });
}

/**
 * A section's heading, at the page's level. The screen's heading (where the focus goes when the profile appears)
 * is the passkeys', or the first section's when the page hides the passkeys.
 */
function sectionTitle(text: string, id: string, context: ProfileViewContext, section: ProfileSection): TemplateResult {
  const { headingLevel, sections } = context;
  const screen = sections.has('passkeys') ? section === 'passkeys' : [...sections][0] === section;
  return heading(headingLevel, text, { id, part: 'title', ...(screen && { focus: focusTargets.heading }) });
}

/** The heading of an item in a section (a passkey, a session), a level below the section's. */
export function itemTitle(content: unknown, { headingLevel }: ProfileViewContext, className?: string): TemplateResult {
  return heading(headingLevel + 1, content, className ? { className } : {});
}

/**
 * A confirmation in a modal `<dialog>` (the element opens it with `showModal()`, which traps focus); Escape keeps things as they were.
 * A fresh verification asked for its act happens inside it, in place of its buttons: the rest of the page is inert meanwhile.
 */
function dialog(question: string, explanation: string, { mode }: Ready, context: ProfileViewContext, confirm: TemplateResult, keep: TemplateResult, email?: string | null) {
  const verifying = mode.name === 're-authenticating';
  const { dismissDialog } = context.actions;
  // Its Escape is the element's to answer (see dismissDialog); a browser that closes it anyway is answered the same way.
  const cancel = (event: Event) => {
    event.preventDefault();
    dismissDialog();
  };
  // The safe choice first in the markup (it has the focus), the act last: at the end of the row, where the eye ends.
  return html`<dialog part="dialog" aria-labelledby="dialog-question" aria-describedby="dialog-explanation" data-transient @cancel=${cancel} @close=${dismissDialog}>
    <div class="confirm" part="confirm">
      ${heading(context.headingLevel, question, { id: 'dialog-question', className: 'dialog-title' })}
      <p id="dialog-explanation" part="message">${explanation}</p>
      ${verifying ? reauthentication(mode, context, email) : html`<div class="dialog-actions">${keep} ${confirm}</div>`}
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
  /** Its request is under way: the submit button shows it. */
  working?: boolean;
}

/** Whether the task under way (not one waiting for a fresh verification) is this one: its button shows a spinner. */
function working({ mode }: Ready, matches: (task: ProfileTask) => boolean): boolean {
  return mode.name === 'working' && matches(mode.task);
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
    <div class="form-actions">
      <button part="button primary-button" class="primary" type="submit" ?disabled=${field.busy || field.working} aria-busy=${field.working ? 'true' : nothing}>${field.submit ?? t.save}</button>
      ${button(t.cancel, actions.cancelEdit, { disabled: field.busy || field.working })}
    </div>
  </form>`;
}

/** Adding a passkey needs WebAuthn: without it, the reason in place of the button. */
function addButton(text: string, state: Ready, { t, actions, webauthn, now }: ProfileViewContext, focus?: string) {
  // Under a rate limit the button waits for its end, and enables itself then.
  const disabled = isBusy(state.mode) || retryAtOf(state) > now;
  return webauthn
    ? button(text, actions.addPasskey, { primary: true, disabled, busy: working(state, (task) => task.kind === 'add'), ...(focus && { focus }) })
    : html`<p part="message"><strong>${t.unsupportedTitle}</strong><br />${t.unsupportedHint}</p>`;
}

/** While the passkey sheet is open to add a passkey: the device copy and Cancel. */
function ceremony(mode: ProfileMode, { t, actions }: ProfileViewContext) {
  if (mode.name !== 'working' || mode.task.kind !== 'add') return nothing;
  // The server is saving the new passkey: there is nothing left to cancel.
  // The spinner is on "Add a passkey", the button that started it: the note says what happens, without a second one.
  if (mode.checking) return html`<div class="ceremony" part="ceremony" data-transient><p role="status">${t.verifying}</p></div>`;
  return html`<div class="ceremony" part="ceremony" data-transient>
    <p role="status">${t.deviceWillAsk}</p>
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
    ${itemTitle(withCode || required ? t.passkeyPromptTitle : t.noPasskeysTitle, context)}
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
  // "Remove" on the only passkey explains itself here, under the button, not at the top of the section.
  const only = state.account.passkeys.length === 1 && lastPasskeyRefused(state);
  const explanation = `passkey-${passkey.id}-only`;
  const heading = editing
    ? fieldForm(state, context, (typed) => actions.submitRename(passkey.id, typed), {
        id: 'passkey-name', label: t.passkeyName, name: 'name', value: name, busy: false,
        working: working(state, (task) => task.kind === 'rename' && task.passkeyId === passkey.id),
      })
    : passkeyHeading(passkey, t, (content) => itemTitle(content, context, 'item-title'));
  return html`<li part="passkey-item" class="item" data-passkey-id=${passkey.id}>
    <div class="item-text">
      ${heading}
      <p class="meta">${passkeyFacts(passkey, t, lang, relative, state.account.sessions.find((session) => session.current)?.createdAt)}
        ${passkey.current ? html`<span class="badge" part="badge">${t.usedForThisSession}</span>` : nothing}</p>
    </div>
    <div class="actions item-actions" ?hidden=${editing}>
      ${button(t.rename, () => actions.startRename(passkey.id), { disabled: busy, label: `${t.rename} ${name}`, focus: profileFocusTargets.rename(passkey.id) })}
      ${button(t.remove, () => actions.askRemove(passkey.id), { disabled: busy, label: `${t.remove} ${name}`, ...(only && { describedBy: explanation }) })}
    </div>
    ${only ? html`<p id=${explanation} part="error" class="alert item-note" role="alert" data-code="last-passkey">${errorMessage(t, 'last-passkey')}</p>` : nothing}
    ${confirming
      ? dialog(t.confirmRemoveTitle(name), `${t.confirmRemoveBody} ${passkey.current ? t.removingCurrent : ''}`.trim(), state, context,
          button(t.remove, () => actions.remove(passkey.id), { danger: true, primary: true, disabled: busy, busy: working(state, (task) => task.kind === 'remove') }),
          button(t.keep, actions.closeDialog, { disabled: busy, autofocus: true }), state.account.user.email)
      : nothing}
  </li>`;
}

/** Whether the notice is the refusal to remove the only passkey (shown at its card). */
function lastPasskeyRefused({ notice }: Ready): boolean {
  return notice?.tone === 'error' && notice.error === 'last-passkey' && notice.section === undefined;
}

function sessionItem(session: Session, state: Ready, context: ProfileViewContext) {
  const { t, actions, relative } = context;
  const device = [session.browser ?? t.unknownBrowser, session.os].filter(Boolean).join(' · ');
  const how = session.signedInWith ? html` · ${t.signedInWith[session.signedInWith]}` : nothing;
  const revoking = working(state, (task) => task.kind === 'revoke-session' && task.sessionId === session.id);
  return html`<li part="session-item" class="item" data-session-id=${session.id}>
    <div class="item-text">
      ${itemTitle(device, context, 'item-title')}
      <p class="meta">${session.current ? html`<span class="badge" part="badge">${t.thisDevice}</span>` : t.lastActive(relative(session.lastActiveAt))}${how}</p>
    </div>
    ${session.current ? nothing : html`<div class="actions item-actions">
      ${button(t.signOutSession, () => actions.revokeSession(session.id), {
        disabled: isBusy(state.mode), busy: revoking, label: t.signOutOfSession(session.browser ?? t.unknownBrowser, session.os),
      })}
    </div>`}
  </li>`;
}

function passkeysSection(state: Ready, context: ProfileViewContext) {
  const { t } = context;
  const { account, mode } = state;
  const card = createCard(state, context);
  return html`<section part="section passkeys-section" aria-labelledby="passkeys-title">
    ${sectionTitle(t.passkeysTitle, 'passkeys-title', context, 'passkeys')}
    ${card}
    ${lastPasskeyRefused(state) && account.passkeys.length === 1 ? nothing : notice(state, context)}
    ${account.passkeys.length === 0 ? nothing : html`<ul part="passkey-list">${account.passkeys.map((passkey) => passkeyItem(passkey, state, context))}</ul>`}
    ${ceremony(mode, context)}
    ${reauthenticationHere(state, context, 'passkeys')}
    ${card === nothing ? html`<div class="section-actions">${addButton(t.addPasskey, state, context)}</div>` : nothing}
  </section>`;
}

/** The danger zone, apart from the rest: deleting the account, confirmed in a dialog whose question is its title. */
function deleteSection(state: Ready, context: ProfileViewContext) {
  const { t, actions } = context;
  const { account, mode } = state;
  const busy = isBusy(mode);
  return html`<section part="section danger-zone" class="danger-zone" aria-labelledby="delete-title">
    ${sectionTitle(t.deleteAccountTitle, 'delete-title', context, 'delete-account')}
    <p part="message">${t.deleteAccountHint}</p>
    <div class="section-actions">${button(t.deleteAccount, () => actions.ask({ kind: 'delete-account' }), { danger: true, disabled: busy })}</div>
    ${confirmationOf(mode)?.kind === 'delete-account'
      ? dialog(t.confirmDeleteTitle, t.deleteAccountHint, state, context,
          button(t.confirmDelete, actions.deleteAccount, { danger: true, primary: true, disabled: busy, busy: working(state, (task) => task.kind === 'delete-account') }),
          button(t.cancel, actions.closeDialog, { disabled: busy, autofocus: true }), account.user.email)
      : nothing}
  </section>`;
}

function ready(state: Ready, context: ProfileViewContext) {
  const shown = context.sections;
  return html`
    ${shown.has('account') ? accountSection(state, context) : nothing}
    ${shown.has('passkeys') ? passkeysSection(state, context) : nothing}
    ${shown.has('sessions') ? sessions(state.account, state, context) : nothing}
    ${shown.has('two-factor') ? twoFactorSection(state, context) : nothing}
    ${shown.has('activity') ? context.activity ?? nothing : nothing}
    ${shown.has('delete-account') ? deleteSection(state, context) : nothing}`;
}

/** Who is signed in, first: the display name (edited inline like a passkey's) and the email address (changed through a code sent to it). */
function accountSection(state: Ready, context: ProfileViewContext) {
  const { t, actions } = context;
  const { user } = state.account;
  const busy = isBusy(state.mode);
  const editing = editsAccount(state.mode);
  return html`<section part="section account-section" aria-labelledby="account-title">
    ${sectionTitle(t.accountTitle, 'account-title', context, 'account')}
    ${notice(state, context, 'account')}
    <div class="identity">
      ${editing
        ? fieldForm(state, context, actions.submitAccount, {
            id: 'display-name', label: t.displayName, name: 'displayName', value: user.displayName, busy, autocomplete: 'name',
            working: working(state, (task) => task.kind === 'update-account'),
          })
        : nothing}
      <!-- Hidden, not gone, while the form is open: its button is where the focus returns. -->
      <div class="identity-row" ?hidden=${editing}>
        ${itemTitle(user.displayName, context, 'identity-name')}
        <div class="actions">${button(t.changeDisplayName, actions.editAccount, { disabled: busy, focus: profileFocusTargets.changeName })}</div>
      </div>
      ${user.identifier === user.email ? nothing : html`<p class="meta"><bdi dir="ltr">${user.identifier}</bdi></p>`}
      ${emailAddress(state, context)}
    </div>
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
  const sending = working(state, (task) => task.kind === 'send-email-code');
  return html`<div class="email">
    <div class="identity-row">
      <p><span class="label">${t.emailAddress}</span><br />${user.email ? html`<bdi dir="ltr">${user.email}</bdi>` : html`<span class="meta">${t.noEmail}</span>`} ${status}</p>
      ${features.email
        ? html`<div class="actions" ?hidden=${edited !== undefined || confirming !== undefined}>
            ${user.email && !user.emailVerified ? button(t.verifyEmail, actions.verifyEmail, { disabled: busy, primary: true, busy: sending && !edited }) : nothing}
            ${button(user.email ? t.changeEmail : t.addEmail, () => actions.editEmail(), { disabled: busy, focus: profileFocusTargets.changeEmail })}
          </div>`
        : nothing}
    </div>
    ${user.email && !user.emailVerified ? html`<p part="message">${t.unverifiedHint}</p>` : nothing}
    ${edited
      ? fieldForm(state, context, actions.submitEmail,
          { id: 'new-email', label: t.newEmail, name: 'email', value: edited.email ?? '', busy, working: sending, autocomplete: 'email', type: 'email', submit: t.sendCode })
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
  return html`<section part="section two-factor-section" aria-labelledby="two-factor-title">
    ${sectionTitle(t.twoFactorTitle, 'two-factor-title', context, 'two-factor')}
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
      ? dialog(t.confirmRecoveryCodesTitle, t.confirmRecoveryCodesBody, state, context,
          button(t.createCodes, actions.createRecoveryCodes, { primary: true, disabled: busy, busy: working(state, (task) => task.kind === 'recovery-codes') }),
          button(t.cancel, actions.closeDialog, { disabled: busy, autofocus: true }), user.email)
      : nothing}
    ${confirmation === 'opt-out'
      ? dialog(t.confirmOptOutTitle, t.confirmOptOutBody, state, context,
          button(t.optOut, () => actions.setTwoFactor(true), { danger: true, primary: true, disabled: busy, busy: working(state, (task) => task.kind === 'two-factor') }),
          button(t.keepTwoFactor, actions.closeDialog, { disabled: busy, autofocus: true }), user.email)
      : nothing}
  </section>`;
}

/** Where the account is signed in: each other session with its own "Sign out of …", then this device's. */
function sessions(account: Account, state: Ready, context: ProfileViewContext) {
  const { t, actions } = context;
  const others = account.sessions.some((session) => !session.current);
  const busy = isBusy(state.mode);
  return html`<section part="section sessions-section" aria-labelledby="sessions-title">
    ${sectionTitle(t.sessionsTitle, 'sessions-title', context, 'sessions')}
    <ul part="session-list">${account.sessions.map((session) => sessionItem(session, state, context))}</ul>
    <div class="actions section-actions">
      ${others ? button(t.signOutOthers, actions.revokeOthers, { disabled: busy, busy: working(state, (task) => task.kind === 'revoke-others') }) : nothing}
      ${button(t.signOut, actions.signOut, { disabled: busy, busy: working(state, (task) => task.kind === 'sign-out') })}
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
      return html`${title(t.signedOutTitle, context)}<p part="message">${t.errors['not-signed-in']}</p>`;
    case 'deleted':
      return title(t.accountDeleted, context);
    case 'load-failed':
      return html`${title(t.errorTitles[state.error], context)}
        <p part="error" class="alert" role="alert" data-code=${state.error}>${t.errors[state.error]}</p>
        ${button(t.tryAgain, actions.reload, { primary: true })}`;
    case 'ready':
      return ready(state, context);
  }
}

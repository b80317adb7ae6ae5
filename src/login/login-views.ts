import { html, nothing, type TemplateResult } from 'lit';
import type { PasskeyErrorCode } from '../core/errors.ts';
import { secondsUntil } from '../core/countdown.ts';
import { button, fieldError, focusTargets, formFields, onSubmit } from '../core/views.ts';
import type { FieldError, LoginTranslation } from '../i18n/en.ts';
import type { CodeState } from './code-flow.ts';
import type { Draft, LoginState } from './login-flow.ts';

/** What the views can ask the element to do; each view is a pure function of state and these. */
export interface LoginActions {
  signInWithPasskey(): void;
  submitIdentifier(identifier: string): void;
  submitSignUp(draft: Draft): void;
  /** `typed` is what the form on screen holds, so that switching forms keeps it. */
  showSignUp(typed: Partial<Draft>): void;
  showSignIn(typed: Partial<Draft>): void;
  /** The user typed in a form: the options its button needs may be fetched before the click. */
  typed(form: 'sign-in' | 'sign-up', typed: Partial<Draft>): void;
  cancel(): void;
  /** Repeats the last attempt (same method, same identifier). */
  retry(): void;
  /** Returns to the form the failed attempt came from. */
  back(): void;
  signOut(): void;
  // Email codes: the entries to the code flows (their screens bring their own actions).
  /** `typed`: what the sign-in form holds, whose address the code goes to. */
  emailMeACode(typed?: string): void;
  lostPasskey(typed: string): void;
  /** Loads the page again, after the code screens could not be loaded. */
  reload(): void;
}

export interface ViewContext {
  t: LoginTranslation;
  actions: LoginActions;
  identifierKind: 'email' | 'username';
  /** The backend can send codes: the code flows are offered. */
  codes: boolean;
  /** The page is not a secure context (plain http on a name other than localhost): browsers hide WebAuthn there. */
  insecureContext: boolean;
  /** The code screens once loaded (they load on first use), or `failed` when they could not be. */
  codeViews?: ((state: CodeState, context: ViewContext) => TemplateResult) | 'failed';
  /** The time the view is drawn at (ms since epoch), for countdowns. */
  now: number;
  /** Sign out is under way. */
  signingOut?: boolean;
}

/** Focus targets of `<passkey-login>` besides the shared ones. */
export const loginFocusTargets = {
  /** The field a screen is for (the email, the code): where the focus goes when it opens. */
  field: 'screen-field',
} as const;

/** A screen without a form: a heading, a message, buttons (the first one `primary` when asked). */
export interface Screen {
  title?: string;
  message?: string;
  /** `status` for calm news, `alert` for errors (announced at once), `busy` adds a spinner. */
  tone?: 'status' | 'alert' | 'busy';
  code?: PasskeyErrorCode;
  buttons?: [label: string, action: () => void, disabled?: boolean][];
  primary?: boolean;
}

export const passkeyIcon = html`<svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20"><circle cx="9" cy="7" r="4"/><path d="M2 21v-1a6 6 0 0 1 6-6h3m6-1a3 3 0 1 1 0 6 3 3 0 0 1 0-6zm0 6v4m0-2h2"/></svg>`;

export function screen({ title, message, tone, code, buttons = [], primary }: Screen): TemplateResult {
  return html`
    ${title ? html`<h2 part="title" tabindex="-1" data-focus=${focusTargets.heading}>${title}</h2>` : nothing}
    ${message ? html`<p part=${tone === 'alert' ? 'error' : 'message'} class=${tone ?? nothing} role=${tone === 'alert' ? 'alert' : tone ? 'status' : nothing} data-code=${code ?? nothing}>${message}</p>` : nothing}
    ${buttons.map(([label, action, disabled], index) => button(label, action, { primary: primary && index === 0, disabled: !!disabled }))}`;
}

/** What a form holds, trimmed; the display name only from the form that has the field. */
function typedDraft(fields: Record<string, string>): Partial<Draft> {
  const draft: Partial<Draft> = { identifier: (fields.identifier ?? '').trim() };
  if (fields.displayName !== undefined) draft.displayName = fields.displayName.trim();
  return draft;
}

/** The field's error in the field's own word: "Enter your email address" for an empty one, "This username is already taken". */
export function identifierError(error: PasskeyErrorCode, typed: string, kind: ViewContext['identifierKind']): FieldError | undefined {
  if (error === 'identifier-taken') return `${kind}-taken`;
  if (error === 'invalid-identifier') return typed.trim() ? `${kind}-invalid` : `${kind}-missing`;
  return undefined;
}

/** An input listener for a form that hands what it holds to `typed`. */
function onTyping(form: 'sign-in' | 'sign-up', { actions }: ViewContext): (event: Event) => void {
  return (event) => actions.typed(form, typedDraft(formFields(event.currentTarget as HTMLFormElement)));
}

/** The identifier field, with its error when the server or the form rejected it. */
function identifierField(state: { draft: { identifier: string }; error?: PasskeyErrorCode }, { t, identifierKind }: ViewContext, autocomplete: string) {
  const error = state.error === 'invalid-identifier' || state.error === 'identifier-taken' ? state.error : undefined;
  const shownError = error && identifierError(error, state.draft.identifier, identifierKind);
  return html`
    <label part="label" for="identifier">${identifierKind === 'email' ? t.emailLabel : t.usernameLabel}</label>
    <input id="identifier" part="input" name="identifier" required type=${identifierKind === 'email' ? 'email' : 'text'}
      autocomplete=${autocomplete} .value=${state.draft.identifier} aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${error ? 'identifier-error' : nothing} data-focus=${error ? focusTargets.invalidField : nothing} />
    ${error ? fieldError('identifier-error', error, shownError ? t.fieldErrors[shownError] : t.errors[error]) : nothing}`;
}

/** "What is a passkey?", answered in one line where the user meets passkeys: the sign-in and sign-up screens. */
function explainer(t: LoginTranslation) {
  return html`<details class="explainer" part="explainer"><summary>${t.whatIsAPasskey}</summary><p>${t.passkeyExplained}</p></details>`;
}

type SignedIn = Extract<LoginState, { name: 'signed-in' }>;

/** After a passkey was created here (sign-up, or the prompt after a code): where it lives, as far as the browser said. */
function createdPasskey(state: SignedIn, t: LoginTranslation): { where: string } | undefined {
  const savedTo = 'savedTo' in state ? state.savedTo : undefined;
  if (!state.passkeySaved && !(state.isNewAccount && state.method === 'passkey')) return undefined;
  return { where: savedTo ? t.passkeySavedTo[savedTo] : state.passkeySaved ? t.passkeySaved : '' };
}

/** The handshake after a passkey was created here: "Passkey created", and where it lives. */
function passkeyCreated(state: SignedIn, t: LoginTranslation) {
  const created = createdPasskey(state, t);
  if (!created) return nothing;
  return html`<p part="message" class="done"><strong>${t.passkeyCreated}</strong>${created.where ? html`<br />${created.where}` : nothing}</p>`;
}

/** A link that belongs to a form (`form`), so that it hands over what was typed there. */
function formLink(form: string, label: string, action: (typed: Partial<Draft>) => void) {
  const click = (event: Event) => action(typedDraft(formFields((event.currentTarget as HTMLButtonElement).form)));
  return html`<button class="link" part="link" type="button" form=${form} @click=${click}>${label}</button>`;
}

/** The link to the other form, with what was typed. */
function switchLink(form: string, question: string, label: string, action: (typed: Partial<Draft>) => void) {
  return html`<p class="switch">${question} ${formLink(form, label, action)}</p>`;
}

function signIn(state: Extract<LoginState, { name: 'sign-in' }>, context: ViewContext) {
  const { t, actions } = context;
  return html`
    ${screen({ title: t.signInTitle })}
    ${button(t.signInWithPasskey, actions.signInWithPasskey, { primary: true, content: [passkeyIcon, t.signInWithPasskey] })}
    <p class="divider" part="divider">${t.or}</p>
    <form id="sign-in-form" part="form" novalidate @input=${onTyping('sign-in', context)} @submit=${onSubmit((fields) => actions.submitIdentifier(fields.identifier ?? ''))}>
      ${identifierField(state, context, 'username webauthn')}
      <button part="button" type="submit">${t.continue}</button>
    </form>
    ${context.codes ? html`<p class="code-links">
      ${formLink('sign-in-form', t.emailMeACode, (typed) => actions.emailMeACode(typed.identifier))}
      ${formLink('sign-in-form', t.lostPasskey, (typed) => actions.lostPasskey(typed.identifier ?? ''))}</p>` : nothing}
    <div class="links">${switchLink('sign-in-form', t.newHere, t.createAccount, actions.showSignUp)}${explainer(t)}</div>`;
}

function signUp(state: Extract<LoginState, { name: 'sign-up' }>, context: ViewContext) {
  const { t, actions } = context;
  const nameError = state.error === 'invalid-display-name';
  return html`
    ${screen({ title: t.signUpTitle })}
    <p part="message" role=${state.offered ? 'status' : nothing}>${state.offered ? t.noAccountFor(state.draft.identifier) : t.signUpHint}</p>
    <form id="sign-up-form" part="form" novalidate @input=${onTyping('sign-up', context)}
      @submit=${onSubmit((fields) => actions.submitSignUp({ identifier: fields.identifier ?? '', displayName: fields.displayName ?? '' }))}>
      ${identifierField(state, context, 'username')}
      <label part="label" for="display-name">${t.displayNameLabel}</label>
      <input id="display-name" part="input" name="displayName" autocomplete="name" .value=${state.draft.displayName}
        aria-invalid=${nameError ? 'true' : 'false'} aria-describedby=${nameError ? 'name-error' : nothing}
        data-focus=${nameError ? focusTargets.invalidField : nothing} />
      ${nameError ? fieldError('name-error', 'invalid-display-name', t.errors['invalid-display-name']) : nothing}
      <button part="button primary-button" class="primary" type="submit">${passkeyIcon}${t.createPasskey}</button>
    </form>
    <div class="links">${switchLink('sign-up-form', t.haveAccount, t.signIn, actions.showSignIn)}${explainer(t)}</div>`;
}

/** One view per state; the switch is exhaustive, so a new state cannot be forgotten. */
export function renderLoginState(state: LoginState, context: ViewContext): TemplateResult {
  const { t, actions } = context;
  const retryOrBack: Screen['buttons'] = [[t.tryAgain, actions.retry], [t.back, actions.back]];
  // Where a passkey is not possible or did not work, an email code is the way in.
  const withCode = (buttons: NonNullable<Screen['buttons']>): Screen['buttons'] =>
    context.codes ? [...buttons.slice(0, -1), [t.emailMeACode, () => actions.emailMeACode()], ...buttons.slice(-1)] : buttons;
  switch (state.name) {
    case 'loading':
      return screen({ message: t.loading, tone: 'busy' });
    case 'unsupported': {
      // Plain http hides WebAuthn however current the browser: say so rather than "update it".
      const [title, message] = context.insecureContext ? [t.insecureContextTitle, t.insecureContextHint] : [t.unsupportedTitle, t.unsupportedHint];
      return screen({ title, message, buttons: context.codes ? [[t.emailMeACode, () => actions.emailMeACode()]] : [], primary: true });
    }
    case 'sign-in':
      return signIn(state, context);
    case 'sign-up':
      return signUp(state, context);
    case 'waiting':
      return screen({ title: state.form === 'sign-up' ? t.waitingSignUp : t.waitingSignIn, message: t.deviceWillAsk, tone: 'busy', buttons: [[t.cancel, actions.cancel]] });
    case 'verifying':
      // The device answered: the server may already have made the account or the session, so there is no Cancel.
      return screen({ title: state.form === 'sign-up' ? t.waitingSignUp : t.waitingSignIn, message: t.verifying, tone: 'busy' });
    case 'signed-in':
      // Backends that answer only `{ verified: true }` leave the name unknown.
      return html`${screen({ title: state.user.displayName ? t.welcome(state.user.displayName) : t.signedIn, message: state.user.identifier && t.signedInAs(state.user.identifier) })}
        ${passkeyCreated(state, t)}
        ${state.error ? screen({ message: t.errors[state.error], tone: 'alert', code: state.error }) : nothing}
        ${button(t.signOut, actions.signOut, { busy: !!context.signingOut })}`;
    case 'cancelled':
      return screen({ title: t.cancelledTitle, message: t.cancelledHint, tone: 'status', buttons: state.form === 'sign-in' ? withCode(retryOrBack) : retryOrBack, primary: true });
    case 'failed': {
      // After a rate limit, "Try again" waits for the end of it, and the wait counts down beside it.
      const waitFor = secondsUntil(state.retryAt, context.now);
      // Retrying cannot help when this device already has a passkey for the account: signing in can.
      const buttons: Screen['buttons'] = state.error === 'passkey-exists' ? [[t.signIn, () => actions.showSignIn({})], [t.back, actions.back]]
        : [[t.tryAgain, actions.retry, waitFor > 0], [t.back, actions.back]];
      const passkeyFailed = state.form === 'sign-in' && passkeyFailures.includes(state.error);
      return html`${screen({ title: t.errorTitles[state.error], message: t.errors[state.error], tone: 'alert', code: state.error })}
        ${waitFor ? html`<p part="message">${t.retryIn(waitFor)}</p>` : nothing}
        ${screen({ buttons: passkeyFailed ? withCode(buttons) : buttons, primary: true })}`;
    }
    case 'no-passkey':
      return noPasskey(state, context);
    case 'code-email':
    case 'code-entry':
    case 'recovery-code':
    case 'passkey-prompt':
    case 'recovery-codes':
      if (context.codeViews === 'failed') return screen({ title: t.errorTitles.network, message: t.errors.network, tone: 'alert', code: 'network', buttons: [[t.tryAgain, actions.reload]], primary: true });
      return context.codeViews ? context.codeViews(state, context) : screen({ message: t.loading, tone: 'busy' });
  }
}

/**
 * After identifier-first sign-in found no passkey here: every way on, in words that fit an account
 * with its passkey elsewhere as well as no account at all.
 */
function noPasskey(state: Extract<LoginState, { name: 'no-passkey' }>, { t, actions, codes }: ViewContext) {
  const { identifier } = state.draft;
  const buttons: NonNullable<Screen['buttons']> = [
    ...(codes ? [[t.emailMeACode, () => actions.emailMeACode(identifier)] as [string, () => void]] : []),
    [t.tryAgain, actions.retry],
    [t.createAccount, () => actions.showSignUp({ identifier })],
    [t.back, actions.back],
  ];
  return screen({ title: t.noPasskeyFor(identifier), message: codes ? t.noPasskeyHintWithCode : t.noPasskeyHint, tone: 'status', buttons, primary: true });
}

/** Sign-in failures of the passkey itself, after which an email code is offered. */
const passkeyFailures: readonly PasskeyErrorCode[] = ['unknown-credential', 'verification-failed', 'unsupported'];

/** What the element's live region says for a state: news that is not an error (errors are alerts). */
export function announcement(state: LoginState, t: LoginTranslation): string {
  switch (state.name) {
    case 'code-email':
      return state.sending ? t.sendingCode : '';
    case 'code-entry':
      return codeSentMessage(state, t);
    case 'signed-in':
      return signedInAnnouncement(state, t);
    case 'recovery-codes':
      return state.copied ? t.copied : '';
    default:
      return '';
  }
}

/** "We sent a code to …. It is valid for 10 minutes.", or "We sent a new code to …." once resent. */
export function codeSentMessage({ flow, sent }: Extract<LoginState, { name: 'code-entry' }>, t: LoginTranslation): string {
  if (sent.resent) return t.codeResent(flow.email);
  return `${t.codeSent(flow.email)} ${t.codeValidFor(Math.max(1, Math.round(sent.expiresIn / 60)))}`;
}

/** The handshake, read out once: "Passkey created. It is saved on your devices: …". */
function signedInAnnouncement(state: SignedIn, t: LoginTranslation): string {
  const created = createdPasskey(state, t);
  return created ? `${t.passkeyCreated} ${created.where}`.trim() : '';
}

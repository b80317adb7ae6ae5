import { html, nothing, type TemplateResult } from 'lit';
import type { Translation } from '../i18n/en.ts';
import type { LoginState } from './login-flow.ts';

/** What the views can ask the element to do; each view is a pure function of state and these. */
export interface LoginActions {
  signInWithPasskey(): void;
  submitIdentifier(event: SubmitEvent): void;
  submitSignUp(event: SubmitEvent): void;
  showSignUp(): void;
  showSignIn(): void;
  cancel(): void;
  /** Repeats the last attempt (same method, same identifier). */
  retry(): void;
  /** Returns to the form the failed attempt came from. */
  back(): void;
  signOut(): void;
}

export interface ViewContext {
  t: Translation;
  actions: LoginActions;
  identifierKind: 'email' | 'username';
}

type View<Name extends LoginState['name']> = (state: Extract<LoginState, { name: Name }>, context: ViewContext) => TemplateResult;

const passkeyIcon = html`<svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20"><circle cx="9" cy="7" r="4"/><path d="M2 21v-1a6 6 0 0 1 6-6h3m6-1a3 3 0 1 1 0 6 3 3 0 0 1 0-6zm0 6v4m0-2h2"/></svg>`;

const spinner = html`<span class="spinner" aria-hidden="true"></span>`;

function identifierField(state: { draft: { identifier: string }; error?: string }, { t, identifierKind }: ViewContext, autocomplete: string) {
  const error = state.error === 'invalid-identifier' || state.error === 'identifier-taken' ? state.error : undefined;
  return html`
    <label part="label" for="identifier">${identifierKind === 'email' ? t.emailLabel : t.usernameLabel}</label>
    <input id="identifier" part="input" name="identifier" required
      type=${identifierKind === 'email' ? 'email' : 'text'} autocomplete=${autocomplete}
      .value=${state.draft.identifier} aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${error ? 'identifier-error' : nothing} />
    ${error ? html`<p id="identifier-error" part="error" class="field-error" role="alert">${t.errors[error]}</p>` : nothing}`;
}

const loading: View<'loading'> = (_state, { t }) =>
  html`<div class="status" role="status">${spinner}<span>${t.loading}</span></div>`;

const unsupported: View<'unsupported'> = (_state, { t }) => html`
  <h2 part="title" tabindex="-1">${t.unsupportedTitle}</h2>
  <p part="message">${t.unsupportedHint}</p>`;

const signIn: View<'sign-in'> = (state, context) => {
  const { t, actions } = context;
  return html`
    <h2 part="title" tabindex="-1">${t.signInTitle}</h2>
    <button part="button primary-button" class="primary" type="button" @click=${actions.signInWithPasskey}>
      ${passkeyIcon}${t.signInWithPasskey}
    </button>
    <p class="divider" part="divider"><span>${t.or}</span></p>
    <form part="form" novalidate @submit=${actions.submitIdentifier}>
      ${identifierField(state, context, 'username webauthn')}
      <button part="button" type="submit">${t.continue}</button>
    </form>
    <p class="switch">${t.newHere} <button class="link" part="link" type="button" @click=${actions.showSignUp}>${t.createAccount}</button></p>`;
};

const signUp: View<'sign-up'> = (state, context) => {
  const { t, actions } = context;
  const nameError = state.error === 'invalid-display-name';
  return html`
    <h2 part="title" tabindex="-1">${t.signUpTitle}</h2>
    <p part="message" role=${state.offered ? 'status' : nothing}>
      ${state.offered ? t.noAccountFor(state.draft.identifier) : t.signUpHint}
    </p>
    <form part="form" novalidate @submit=${actions.submitSignUp}>
      ${identifierField(state, context, 'username')}
      <label part="label" for="display-name">${t.displayNameLabel}</label>
      <input id="display-name" part="input" name="displayName" autocomplete="name" .value=${state.draft.displayName}
        aria-invalid=${nameError ? 'true' : 'false'} aria-describedby=${nameError ? 'name-error' : nothing} />
      ${nameError ? html`<p id="name-error" part="error" class="field-error" role="alert">${t.errors['invalid-display-name']}</p>` : nothing}
      <button part="button primary-button" class="primary" type="submit">${passkeyIcon}${t.createPasskey}</button>
    </form>
    <p class="switch">${t.haveAccount} <button class="link" part="link" type="button" @click=${actions.showSignIn}>${t.signIn}</button></p>`;
};

const waiting: View<'waiting'> = (state, { t, actions }) => html`
  <h2 part="title" tabindex="-1">${state.form === 'sign-up' ? t.waitingSignUp : t.waitingSignIn}</h2>
  <div class="status" role="status">${spinner}<span>${t.deviceWillAsk}</span></div>
  <button part="button" type="button" @click=${actions.cancel}>${t.cancel}</button>`;

const verifying: View<'verifying'> = (_state, { t }) =>
  html`<div class="status" role="status">${spinner}<span>${t.verifying}</span></div>`;

const signedIn: View<'signed-in'> = (state, { t, actions }) => html`
  <h2 part="title" tabindex="-1">${t.welcome(state.user.displayName)}</h2>
  <p part="message">${t.signedInAs(state.user.identifier)}</p>
  ${state.error ? html`<p part="error" class="error" role="alert" data-code=${state.error}>${t.errors[state.error]}</p>` : nothing}
  <button part="button" type="button" @click=${actions.signOut}>${t.signOut}</button>`;

const cancelled: View<'cancelled'> = (_state, { t, actions }) => html`
  <h2 part="title" tabindex="-1">${t.cancelledTitle}</h2>
  <p part="message" role="status">${t.cancelledHint}</p>
  <button part="button primary-button" class="primary" type="button" @click=${actions.retry}>${t.tryAgain}</button>
  <button part="button" type="button" @click=${actions.back}>${t.back}</button>`;

const failed: View<'failed'> = (state, { t, actions }) => html`
  <h2 part="title" tabindex="-1">${t.errorTitle}</h2>
  <p part="error" class="error" role="alert" data-code=${state.error}>${t.errors[state.error]}</p>
  <button part="button primary-button" class="primary" type="button" @click=${actions.retry}>${t.tryAgain}</button>
  <button part="button" type="button" @click=${actions.back}>${t.back}</button>`;

/** One view per state; the switch is exhaustive, so a new state cannot be forgotten. */
export function renderLoginState(state: LoginState, context: ViewContext): TemplateResult {
  switch (state.name) {
    case 'loading': return loading(state, context);
    case 'unsupported': return unsupported(state, context);
    case 'sign-in': return signIn(state, context);
    case 'sign-up': return signUp(state, context);
    case 'waiting': return waiting(state, context);
    case 'verifying': return verifying(state, context);
    case 'signed-in': return signedIn(state, context);
    case 'cancelled': return cancelled(state, context);
    case 'failed': return failed(state, context);
  }
}

import { html, nothing, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { PasskeyErrorCode } from '../core/errors.ts';
import { button, fieldError, focusTargets, onSubmit } from '../core/views.ts';
import type { Translation } from '../i18n/en-profile.ts';
import { secondsUntil } from '../core/countdown.ts';
import { codeDigits, type CodeEntry } from './code-entry.ts';
import type { ProfileMode } from './profile-flow.ts';
import type { ProfileViewContext } from './profile-views.ts';
import { heading } from './headings.ts';

/** The control a panel puts the focus on when it appears: a code field, the first choice, the new codes. */
export const openedFocus = 'opened';

/** An error's message with what the server added: tries left for a code, seconds to wait. */
export function errorMessage(t: Translation, error: PasskeyErrorCode, extra: { attemptsLeft?: number; retryAfter?: number } = {}): string {
  if (error === 'invalid-code' && extra.attemptsLeft !== undefined) return t.wrongCode(extra.attemptsLeft);
  return error === 'rate-limited' && extra.retryAfter !== undefined ? `${t.errors[error]} ${t.retryIn(extra.retryAfter)}` : t.errors[error];
}

/** Escape leaves a panel (even inside a dialog, whose own Escape would only close it), as Cancel does. */
function escapeCancels(cancel: () => void) {
  return (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    cancel();
  };
}

/** Keeps only the digits of what was typed or pasted, and submits once the code is complete. */
function typedCode(length: number, pending: boolean) {
  return (event: InputEvent) => {
    const input = event.currentTarget as HTMLInputElement;
    const digits = codeDigits(input.value, length);
    if (input.value !== digits) input.value = digits;
    if (digits.length === length && !pending) input.form?.requestSubmit();
  };
}

export interface CodeFormOptions {
  title: string;
  /** Where the code went; unknown: "We sent you a code by email". */
  email?: string | null;
  code: CodeEntry;
  /** Other ways on, between "Send a new code" and Cancel. */
  more?: unknown;
}

/**
 * A one-time code form: the field takes the whole code (typed, pasted, or offered by the browser
 * from the mail), keeps its digits and submits itself once complete; a new code after a countdown.
 * No Cancel while the code is checked: the server may already have acted on it (a changed address).
 */
export function codeForm({ t, actions, now, headingLevel }: ProfileViewContext, { title, email, code, more }: CodeFormOptions): TemplateResult {
  const { error, pending } = code;
  const wait = secondsUntil(code.resendAt, now);
  const minutes = Math.round(code.expiresIn / 60);
  const sent = code.sent === 0 ? '' : `${!email ? t.codeSentByEmail : code.sent > 1 ? t.codeResent(email) : t.codeSent(email)} ${t.codeValidFor(minutes)}`;
  const focus = error ? `${openedFocus} ${focusTargets.invalidField}` : openedFocus;
  // A new input for each code sent again: the old code goes, and the field takes the focus again.
  const field = keyed(Math.max(code.sent, 1), html`<input id="code" part="input" name="code" autocomplete="one-time-code" inputmode="numeric" spellcheck="false"
    required aria-invalid=${error ? 'true' : nothing} aria-describedby=${error ? 'code-sent code-error' : 'code-sent'} data-focus=${focus}
    @input=${typedCode(code.length, pending !== undefined)} />`);
  return html`<form class="code" part="form" novalidate data-transient @keydown=${escapeCancels(actions.cancelTask)}
    @submit=${onSubmit((fields) => actions.submitCode(fields.code ?? ''))}>
    ${heading(headingLevel + 1, title)}
    <p id="code-sent" part="message" class=${pending ? 'busy' : nothing} role="status">${pending === 'sending' ? t.sendingCode : pending === 'checking' ? t.checkingCode : sent}</p>
    <label part="label" for="code">${t.codeLabel(code.length)}</label>
    ${field}
    ${error ? fieldError('code-error', error, errorMessage(t, error, code)) : nothing}
    <div class="actions">
      <button part="button primary-button" class="primary" type="submit" ?disabled=${pending !== undefined}>${t.submitCode}</button>
      ${button(wait > 0 ? t.resendCodeIn(wait) : t.resendCode, actions.sendCode, { disabled: pending !== undefined || wait > 0 })}
      ${more ?? nothing}
      ${pending === 'checking' ? nothing : button(t.cancel, actions.cancelTask)}
    </div>
  </form>`;
}

/**
 * A fresh verification before a sensitive act, in the way the server offers: the passkey sheet (and a
 * code instead), the choice once the sheet closed, or the code form. `email`: the account's address.
 */
export function reauthentication(mode: ProfileMode, context: ProfileViewContext, email?: string | null) {
  if (mode.name !== 're-authenticating') return nothing;
  const { t, actions, webauthn } = context;
  const offersCode = mode.methods.includes('code');
  const offersPasskey = mode.methods.includes('passkey') && webauthn;
  const cancel = button(t.cancel, actions.cancelTask, { focus: 'cancel-task' });
  const codeInstead = offersCode ? button(t.emailCodeInstead, actions.sendCode) : nothing;
  const { step } = mode;
  switch (step.via) {
    case 'passkey':
      return html`<div class="ceremony" part="ceremony" data-transient @keydown=${escapeCancels(actions.cancelTask)}>
        <p class="busy" role="status">${t.reauthenticating}</p>
        ${codeInstead} ${cancel}
      </div>`;
    case 'choice':
      return html`<div class="ceremony" part="ceremony" data-transient @keydown=${escapeCancels(actions.cancelTask)}>
        <p part="message" role="status">${t.reauthenticateChoice}</p>
        ${offersPasskey ? button(t.usePasskey, actions.usePasskey, { primary: true, focus: openedFocus }) : nothing}
        ${offersCode ? button(t.emailCodeInstead, actions.sendCode, { focus: offersPasskey ? undefined : openedFocus }) : nothing}
        ${cancel}
      </div>`;
    case 'code':
      return codeForm(context, { title: t.confirmItIsYou, email, code: step.code, more: offersPasskey ? button(t.usePasskey, actions.usePasskey) : nothing });
  }
}

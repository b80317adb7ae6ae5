import { html, nothing, type TemplateResult } from 'lit';
import type { PasskeyErrorCode } from '../core/errors.ts';
import { secondsUntil } from '../core/countdown.ts';
import { button, fieldError, focusTargets, onSubmit } from '../core/views.ts';
import type { CodeActions } from './code-actions.ts';
import type { CodeState } from './code-flow.ts';
import { codeSentMessage, loginFocusTargets, passkeyIcon, screen, type ViewContext } from './login-views.ts';

/**
 * The screens of the email code flows. Loaded on first use, so that a page that never needs a code
 * does not download them.
 */
export function renderCodeState(state: CodeState, context: ViewContext, actions: CodeActions): TemplateResult {
  const code = { ...context, code: actions };
  switch (state.name) {
    case 'code-email':
      return codeEmail(state, code);
    case 'code-entry':
      return codeEntry(state, code);
    case 'recovery-code':
      return recoveryCode(state, code);
    case 'passkey-prompt':
      return passkeyPrompt(state, code);
    case 'recovery-codes':
      return recoveryCodes(state, code);
  }
}

/** The element's context, with the code flows' own actions. */
type CodeContext = ViewContext & { code: CodeActions };

type StateNamed<Name extends CodeState['name']> = Extract<CodeState, { name: Name }>;


/** Focus targets of a field: where a new screen starts, and where an error sends the focus back. */
function fieldFocus(invalid: boolean): string {
  return invalid ? `${loginFocusTargets.field} ${focusTargets.invalidField}` : loginFocusTargets.field;
}

function busyLine(text: string): TemplateResult {
  return html`<p part="message" class="busy">${text}</p>`;
}

function codeEmail(state: StateNamed<'code-email'>, { t, code: actions, now }: CodeContext): TemplateResult {
  const { purpose, email } = state.flow;
  const [title, hint] = purpose === 'recovery' ? [t.recoveryTitle, t.recoveryHint] : purpose === 'sign-up' ? [t.confirmEmailTitle, t.confirmEmailHint] : [t.codeSignInTitle, t.codeSignInHint];
  const waitFor = secondsUntil(state.retryAt, now);
  // A limit that has run out is no longer worth a message.
  const error = state.error === 'rate-limited' && state.retryAt && !waitFor ? undefined : state.error;
  const invalid = error === 'invalid-email';
  return html`
    ${screen({ title, message: hint })}
    <form id="code-email-form" part="form" novalidate @submit=${onSubmit((fields) => actions.sendCode(fields.email ?? ''))}>
      <label part="label" for="code-email">${t.emailLabel}</label>
      <input id="code-email" part="input" name="email" type="email" required autocomplete="email" .value=${email} ?readonly=${state.sending}
        aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${error ? 'code-email-error' : nothing} data-focus=${fieldFocus(!!error)} />
      ${error ? fieldError('code-email-error', error, t.errors[error]) : nothing}
      ${waitFor ? html`<p part="message">${t.retryIn(waitFor)}</p>` : nothing}
      ${state.sending ? busyLine(t.sendingCode) : nothing}
      <button part="button primary-button" class="primary" type="submit" ?disabled=${state.sending || waitFor > 0 || error === 'codes-disabled'}>${t.sendCode}</button>
    </form>
    ${button(t.back, actions.back)}`;
}

/** Errors after which this code is spent: only a new one can help. */
const spentCodeErrors: readonly PasskeyErrorCode[] = ['code-expired', 'code-used', 'code-attempts-exhausted'];

function codeEntry(state: StateNamed<'code-entry'>, { t, code: actions, now }: CodeContext): TemplateResult {
  const { sent } = state;
  const checking = state.step === 'checking';
  const waitFor = secondsUntil(state.retryAt, now);
  const resendIn = Math.max(waitFor, secondsUntil(sent.resendAt, now));
  const error = state.error === 'rate-limited' && state.retryAt && !waitFor ? undefined : state.error;
  const spent = !!error && spentCodeErrors.includes(error);
  const message = error === 'invalid-code' && state.attemptsLeft ? t.wrongCode(state.attemptsLeft) : error && t.errors[error];
  const describedBy = error ? 'code-sent code-error' : 'code-sent';
  return html`
    ${screen({ title: t.checkEmailTitle })}
    <p part="message" id="code-sent">${codeSentMessage(state, t)}</p>
    <form id="code-form" part="form" novalidate @submit=${onSubmit((fields) => actions.submitCode(fields.code ?? ''))}>
      <label part="label" for="code">${t.codeLabel(sent.length)}</label>
      <input id="code" part="input" class="code" name="code" autocomplete="one-time-code" inputmode="numeric" pattern=${`[0-9]{${sent.length}}`}
        maxlength=${sent.length} .value=${state.code ?? ''} ?readonly=${checking} aria-invalid=${error === 'invalid-code' || spent ? 'true' : 'false'}
        aria-describedby=${describedBy} data-focus=${fieldFocus(!!error)} @input=${keepDigits(sent.length)} @paste=${pasteDigits} />
      ${message ? fieldError('code-error', error!, message) : nothing}
      ${waitFor ? html`<p part="message">${t.retryIn(waitFor)}</p>` : nothing}
      ${checking ? busyLine(t.checkingCode) : nothing}
      <button part="button primary-button" class="primary" type="submit" ?disabled=${checking || waitFor > 0 || spent}>${t.continue}</button>
    </form>
    ${button(resendIn ? t.resendCodeIn(resendIn) : spent ? t.newCode : t.resendCode, actions.resendCode, { disabled: resendIn > 0 || state.step !== 'ready', primary: spent && !resendIn })}
    ${button(t.differentEmail, actions.changeEmail, { disabled: checking })}`;
}

/**
 * Keeps only the digits of what arrived (typed, pasted as "123 456" or "123-456", filled in by the
 * browser from the mail), at most `length`, and submits the form once the code is complete.
 */
function keepDigits(length: number) {
  return (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const digits = input.value.replace(/\D/g, '').slice(0, length);
    if (digits !== input.value) input.value = digits;
    if (digits.length === length) input.form?.requestSubmit();
  };
}

/** A paste goes in as its digits: `maxlength` would otherwise cut "123 456" before the last digit. */
function pasteDigits(event: ClipboardEvent): void {
  const input = event.currentTarget as HTMLInputElement;
  const digits = (event.clipboardData?.getData('text') ?? '').replace(/\D/g, '');
  event.preventDefault();
  input.setRangeText(digits, input.selectionStart ?? input.value.length, input.selectionEnd ?? input.value.length, 'end');
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

function recoveryCode(state: StateNamed<'recovery-code'>, { t, code: actions }: CodeContext): TemplateResult {
  const { error, checking } = state;
  return html`
    ${screen({ title: t.recoveryCodeTitle, message: t.recoveryCodeHint })}
    <form id="recovery-code-form" part="form" novalidate @submit=${onSubmit((fields) => actions.submitRecoveryCode(fields.recoveryCode ?? ''))}>
      <label part="label" for="recovery-code">${t.recoveryCodeLabel}</label>
      <input id="recovery-code" part="input" name="recoveryCode" required autocomplete="off" autocapitalize="none" spellcheck="false" ?readonly=${checking}
        aria-invalid=${error === 'invalid-recovery-code' ? 'true' : 'false'} aria-describedby=${error ? 'recovery-code-error' : nothing} data-focus=${fieldFocus(!!error)} />
      ${error ? fieldError('recovery-code-error', error, t.errors[error]) : nothing}
      ${checking ? busyLine(t.checkingCode) : nothing}
      <button part="button primary-button" class="primary" type="submit" ?disabled=${checking}>${t.continue}</button>
    </form>
    ${button(t.back, actions.back, { disabled: checking })}`;
}

function passkeyPrompt(state: StateNamed<'passkey-prompt'>, { t, actions, code }: CodeContext): TemplateResult {
  if (state.step !== 'ready') {
    // Once the device answered, the server is saving the passkey: nothing left to cancel.
    return screen({ title: t.waitingSignUp, message: state.step === 'waiting' ? t.deviceWillAsk : t.verifying, tone: 'busy', buttons: state.step === 'waiting' ? [[t.cancel, actions.cancel]] : [] });
  }
  const { result, reason, webauthn, outcome } = state;
  const hint = !webauthn ? t.passkeyPromptUnavailable
    : result.passkeyRequired ? t.passkeyPromptRequired
    : reason === 'sign-up' ? t.passkeyPromptSignUp
    : reason === 'recovery' ? t.passkeyPromptRecovery
    : t.passkeyPromptUpgrade;
  // A passkey already here is good news: on to the account, unless the server wants a new one.
  if (outcome === 'passkey-exists') {
    return html`${screen({ title: t.passkeyPromptTitle, message: t.passkeyOnDevice, tone: 'status' })}
      ${result.passkeyRequired ? button(t.signOut, actions.signOut) : button(t.continue, code.skipPasskey, { primary: true })}`;
  }
  // Closing the passkey sheet is the user's choice: said calmly, with the same choices again.
  const said = outcome === 'cancelled' ? screen({ message: t.cancelledHint, tone: 'status' }) : outcome ? screen({ message: t.errors[outcome], tone: 'alert', code: outcome }) : nothing;
  return html`
    ${screen({ title: t.passkeyPromptTitle, message: hint })}
    ${said}
    ${webauthn ? button(t.createPasskey, code.createPasskey, { primary: true, content: [passkeyIcon, t.createPasskey] }) : nothing}
    ${result.passkeyRequired ? button(t.signOut, actions.signOut) : button(t.skipForNow, code.skipPasskey)}`;
}

function recoveryCodes(state: StateNamed<'recovery-codes'>, { t, code: actions }: CodeContext): TemplateResult {
  const codes = state.result.recoveryCodes ?? [];
  return html`
    ${screen({ title: t.recoveryCodesTitle, message: t.recoveryCodesHint })}
    <ol class="recovery-codes" aria-label=${t.recoveryCodesTitle}>${codes.map((code) => html`<li><code>${code}</code></li>`)}</ol>
    <div class="row">
      ${button(t.copy, actions.copyRecoveryCodes)}${button(t.download, actions.downloadRecoveryCodes)}${button(t.print, actions.printRecoveryCodes)}
    </div>
    ${state.copied === false ? screen({ message: t.copyFailed, tone: 'alert' }) : state.copied ? html`<p part="message">${t.copied}</p>` : nothing}
    ${button(t.savedRecoveryCodes, actions.recoveryCodesSaved, { primary: true })}`;
}

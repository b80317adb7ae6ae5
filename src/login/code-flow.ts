import type { CodeSentAnswer, PasskeyLocation, SignInAnswer } from '../core/backend.ts';
import type { PasskeyErrorCode } from '../core/errors.ts';
import { afterPasskeyStep, fieldErrors, formState, isIdle, type Draft, type FailureDetails, type LoginEvent, type LoginForm, type LoginState, type SignInResult } from './login-flow.ts';

/** What a code is for: a sign-in, a recovery (a new passkey follows), or a sign-up with a confirmed address. */
export type CodePurpose = 'sign-in' | 'recovery' | 'sign-up';

/** A code flow: what for, where "Back" leads (the form it began on, or "not available here"), and the address. */
export interface CodeFlow {
  purpose: CodePurpose;
  origin: LoginForm | 'unsupported';
  email: string;
}

/** The code on its way, as the server described it. */
export interface SentCode {
  length: number;
  /** Seconds it stays valid. */
  expiresIn: number;
  /** When another code may be asked for (ms since epoch). */
  resendAt: number;
  /** A second or later code: the screen says "a new code". */
  resent: boolean;
}

export type CodeState =
  /** Where to send the code; `sending` while it is asked for; `retryAt` after a limit (ms since epoch). */
  | { name: 'code-email'; flow: CodeFlow; draft: Draft; sending?: boolean; error?: PasskeyErrorCode; retryAt?: number }
  /** The code screen; `code` is the one last submitted. */
  | {
      name: 'code-entry'; flow: CodeFlow; sent: SentCode; draft: Draft; step: 'ready' | 'checking' | 'resending';
      code?: string; error?: PasskeyErrorCode; attemptsLeft?: number; retryAt?: number;
    }
  /** Two-factor policy: the email code was right, and a recovery code must come with it. */
  | { name: 'recovery-code'; flow: CodeFlow; sent: SentCode; code: string; draft: Draft; checking?: boolean; error?: PasskeyErrorCode }
  /** "Create a passkey for this device", after a code sign-in or sign-up; `outcome`: how the last try ended. */
  | { name: 'passkey-prompt'; result: SignInResult; reason: CodePurpose; webauthn: boolean; step: 'ready' | 'waiting' | 'verifying'; outcome?: PasskeyErrorCode; draft: Draft }
  /** A new account's recovery codes, shown once; `copied` once Copy worked (or did not). */
  | { name: 'recovery-codes'; result: SignInResult; passkeySaved?: boolean; copied?: boolean; draft: Draft };

export type CodeEvent =
  /**
   * "Email me a code" or "Lost your passkey?": the email screen, filled with the address when one
   * was typed; or a sign-up (with its `draft`) on a server that signs up only with a confirmed address.
   */
  | { type: 'code-asked'; purpose: CodePurpose; email: string; draft?: Partial<Draft> }
  /** A code is asked for: from the email screen, or again from the code screen. */
  | { type: 'code-requested'; email: string }
  /** `at`: when the answer came (ms since epoch), to time the resend cooldown. */
  | { type: 'code-sent'; answer: CodeSentAnswer; at: number }
  | { type: 'code-submitted'; code: string }
  | { type: 'recovery-code-submitted' }
  /** The code signed in or signed up; what follows depends on what this browser offers. */
  | { type: 'code-accepted'; answer: SignInAnswer; webauthn: boolean; conditionalCreate: boolean }
  /** "Use a different email". */
  | { type: 'email-change' }
  /** "Back": from the email screen to where the flow began, from the recovery code to the code. */
  | { type: 'code-back' }
  | { type: 'passkey-creation'; step: 'waiting' | 'verifying' }
  | { type: 'passkey-created'; savedTo?: PasskeyLocation }
  /** The passkey created without asking, right after a code sign-in, was saved or not. */
  | { type: 'upgrade-ended'; saved: boolean }
  | { type: 'passkey-skipped' }
  | { type: 'recovery-codes-copied'; copied: boolean }
  | { type: 'recovery-codes-saved' };

const codeEventTypes: ReadonlySet<string> = new Set<CodeEvent['type']>([
  'code-asked', 'code-requested', 'code-sent', 'code-submitted', 'recovery-code-submitted', 'code-accepted', 'email-change',
  'code-back', 'passkey-creation', 'passkey-created', 'upgrade-ended', 'passkey-skipped', 'recovery-codes-copied', 'recovery-codes-saved',
]);

export function isCodeEvent(event: LoginEvent): event is CodeEvent {
  return codeEventTypes.has(event.type);
}

export function isCodeState(state: LoginState): state is CodeState {
  return state.name.startsWith('code-') || state.name.startsWith('recovery-') || state.name === 'passkey-prompt';
}

/** Code errors that a recovery code cannot fix: back to the code screen with them. */
const codeErrors: readonly PasskeyErrorCode[] = ['invalid-code', 'code-expired', 'code-used', 'code-attempts-exhausted'];

/** The code flows: the email screen, the code, the recovery code, the passkey prompt, the recovery codes. */
export function codeTransition(state: LoginState, event: CodeEvent | Extract<LoginEvent, { type: 'failed' | 'cancel' | 'detached' }>): LoginState {
  const draft = state.draft;
  switch (event.type) {
    case 'code-asked': {
      const flow = (origin: CodeFlow['origin']): CodeFlow => ({ purpose: event.purpose, origin, email: event.email });
      if (event.purpose === 'sign-up') return state.name === 'sign-up' ? { name: 'code-email', flow: flow('sign-up'), draft: { ...draft, ...event.draft } } : state;
      if (state.name === 'unsupported') return { name: 'code-email', flow: flow('unsupported'), draft };
      if (!isIdle(state) || state.name === 'sign-up') return state;
      return { name: 'code-email', flow: flow('form' in state ? state.form : 'sign-in'), draft };
    }

    case 'code-requested':
      if (state.name === 'code-email' && !state.sending) return { name: 'code-email', flow: { ...state.flow, email: event.email }, draft, sending: true };
      if (state.name === 'code-entry' && state.step === 'ready') return { ...withoutError(state), step: 'resending' };
      return state;

    case 'code-sent': {
      const sent = (resent: boolean): SentCode => ({ length: event.answer.length, expiresIn: event.answer.expiresIn, resendAt: event.at + event.answer.resendIn * 1000, resent });
      if (state.name === 'code-email' && state.sending) return { name: 'code-entry', flow: state.flow, sent: sent(false), draft, step: 'ready' };
      if (state.name === 'code-entry' && state.step === 'resending') return { name: 'code-entry', flow: state.flow, sent: sent(true), draft, step: 'ready' };
      return state;
    }

    case 'code-submitted':
      if (state.name !== 'code-entry' || state.step !== 'ready') return state;
      return { ...withoutError(state), step: 'checking', code: event.code };

    case 'recovery-code-submitted':
      if (state.name !== 'recovery-code' || state.checking) return state;
      return { name: 'recovery-code', flow: state.flow, sent: state.sent, code: state.code, draft, checking: true };

    case 'code-accepted': {
      if (!((state.name === 'code-entry' && state.step === 'checking') || (state.name === 'recovery-code' && state.checking))) return state;
      const { purpose } = state.flow;
      const { user, passkeyRequired = false, recoveryCodes } = event.answer;
      const result: SignInResult = { user, method: state.name === 'recovery-code' ? 'recovery-code' : 'email-code', isNewAccount: purpose === 'sign-up', passkeyRequired };
      if (recoveryCodes) result.recoveryCodes = recoveryCodes;
      // Without WebAuthn no passkey can be made here: signed in, unless the session must have one.
      if (!event.webauthn && !passkeyRequired) return afterPasskeyStep(result, draft);
      if (purpose === 'sign-in' && !passkeyRequired && event.conditionalCreate) return { name: 'signed-in', ...result, upgrading: true, draft };
      return { name: 'passkey-prompt', result, reason: purpose, webauthn: event.webauthn, step: 'ready', draft };
    }

    case 'email-change':
      // Also while a new code is on its way (the element abandons that request), not while one is checked.
      if (isCheckingCode(state) || (state.name !== 'code-entry' && state.name !== 'recovery-code')) return state;
      return { name: 'code-email', flow: state.flow, draft };

    case 'code-back':
      if (isCheckingCode(state)) return state;
      if (state.name === 'recovery-code') return { name: 'code-entry', flow: state.flow, sent: state.sent, draft, step: 'ready', code: state.code };
      if (state.name !== 'code-email') return state;
      return { name: state.flow.origin, draft };

    case 'passkey-creation':
      if (state.name !== 'passkey-prompt') return state;
      return { name: 'passkey-prompt', result: state.result, reason: state.reason, webauthn: state.webauthn, step: event.step, draft };

    case 'passkey-created':
      return state.name === 'passkey-prompt' && state.step === 'verifying' ? afterPasskeyStep({ ...state.result, ...(event.savedTo && { savedTo: event.savedTo }) }, draft, true) : state;

    case 'upgrade-ended': {
      if (state.name !== 'signed-in' || !state.upgrading) return state;
      const { upgrading: _ended, ...signedIn } = state;
      return event.saved ? { ...signedIn, passkeySaved: true } : signedIn;
    }

    case 'passkey-skipped':
      return state.name === 'passkey-prompt' && state.step === 'ready' && !state.result.passkeyRequired ? afterPasskeyStep(state.result, draft) : state;

    case 'recovery-codes-copied':
      return state.name === 'recovery-codes' ? { ...state, copied: event.copied } : state;

    case 'recovery-codes-saved': {
      if (state.name !== 'recovery-codes') return state;
      const { recoveryCodes: _saved, ...result } = state.result;
      return afterPasskeyStep(result, draft, state.passkeySaved);
    }

    case 'cancel':
      return isCheckingCode(state) || (state.name === 'passkey-prompt' && state.step === 'verifying') ? state : cancelled(state);

    case 'detached':
      return cancelled(state);

    case 'failed':
      return failed(state, event.error, event.details ?? {}, event.at ?? 0);
  }
}

/**
 * Whether the server is checking a code (or a recovery code): it may already have signed the user in
 * or made the account, so nothing may abandon it; its answer leads on.
 */
export function isCheckingCode(state: LoginState): boolean {
  return (state.name === 'code-entry' && state.step === 'checking') || (state.name === 'recovery-code' && state.checking === true);
}

/** Cancel stops what is under way and stays on the screen, with nothing lost. */
function cancelled(state: LoginState): LoginState {
  switch (state.name) {
    case 'code-email':
      return { name: 'code-email', flow: state.flow, draft: state.draft };
    case 'code-entry':
      return state.step === 'ready' ? state : { ...state, step: 'ready' };
    case 'recovery-code':
      return { ...state, checking: false };
    case 'passkey-prompt':
      return { name: 'passkey-prompt', result: state.result, reason: state.reason, webauthn: state.webauthn, step: 'ready', draft: state.draft };
    default:
      return state;
  }
}

function failed(state: LoginState, error: PasskeyErrorCode, details: FailureDetails, at: number): LoginState {
  const draft = state.draft;
  const retryAt = error === 'rate-limited' && details.retryAfter !== undefined ? { retryAt: at + details.retryAfter * 1000 } : {};
  switch (state.name) {
    case 'code-email':
      return state.sending ? { name: 'code-email', flow: state.flow, draft, error, ...retryAt } : state;

    case 'code-entry': {
      if (state.step === 'ready') return state;
      if (state.step === 'checking' && error === 'recovery-code-required') return { name: 'recovery-code', flow: state.flow, sent: state.sent, code: state.code ?? '', draft };
      // The account could not be made as typed: back to the sign-up form, at the field.
      if (state.flow.purpose === 'sign-up' && fieldErrors['sign-up'].includes(error)) return formState('sign-up', draft, error);
      const attemptsLeft = error === 'invalid-code' && details.attemptsLeft !== undefined ? { attemptsLeft: details.attemptsLeft } : {};
      return { ...withoutError(state), step: 'ready', error, ...attemptsLeft, ...retryAt };
    }

    case 'recovery-code': {
      if (!state.checking) return state;
      if (codeErrors.includes(error)) return { name: 'code-entry', flow: state.flow, sent: state.sent, draft, step: 'ready', code: state.code, error };
      return { name: 'recovery-code', flow: state.flow, sent: state.sent, code: state.code, draft, error };
    }

    case 'passkey-prompt':
      // Also when signing out from the prompt failed: the prompt stays, with why.
      return { name: 'passkey-prompt', result: state.result, reason: state.reason, webauthn: state.webauthn, step: 'ready', outcome: error, draft };

    default:
      return state;
  }
}

function withoutError<State extends Extract<CodeState, { name: 'code-entry' }>>(state: State): State {
  const { error: _error, attemptsLeft: _attempts, retryAt: _retry, ...rest } = state;
  return rest as State;
}

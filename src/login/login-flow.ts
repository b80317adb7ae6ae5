import type { PasskeyLocation, PasskeyUser, SignInMethod } from '../core/backend.ts';
import type { PasskeyErrorCode } from '../core/errors.ts';
import { codeTransition, isCodeEvent, isCodeState, type CodeEvent, type CodeState } from './code-flow.ts';

/** Which form a flow belongs to, and so which form "Back" and "Try again" return to. */
export type LoginForm = 'sign-in' | 'sign-up';

/** What the user typed; kept across screens so that no failure loses it. */
export interface Draft {
  identifier: string;
  displayName: string;
}

/** Who signed in, how, and what must be shown before the signed-in screen. */
export interface SignInResult {
  user: PasskeyUser;
  method: SignInMethod;
  isNewAccount: boolean;
  /** The session must create a passkey before anything else: the passkey prompt has no "Skip". */
  passkeyRequired?: boolean;
  /** One-time recovery codes of a new account, shown once before the signed-in screen. */
  recoveryCodes?: string[];
  /** Where the passkey created by this sign-up lives, when the browser said: "Passkey created" tells it. */
  savedTo?: PasskeyLocation;
}

/** A session that was open before the element started (a reload, a new tab). */
export interface RestoredSession {
  user: PasskeyUser;
  restored: true;
  isNewAccount: false;
  method?: undefined;
}

/** What a failure said besides its code: tries left for a code, seconds to wait after a limit. */
export interface FailureDetails {
  attemptsLeft?: number;
  retryAfter?: number;
}

export type LoginState =
  | { name: 'loading'; draft: Draft }
  | { name: 'unsupported'; draft: Draft }
  /** The sign-in form: passkey button, identifier field (with autofill), link to sign-up. */
  | { name: 'sign-in'; draft: Draft; error?: PasskeyErrorCode }
  /** The sign-up form; `offered` when identifier-first found no account. */
  | { name: 'sign-up'; draft: Draft; offered?: boolean; error?: PasskeyErrorCode }
  /** `identifierFirst` when the options were asked for the identifier typed (so for its passkeys only). */
  | { name: 'waiting'; form: LoginForm; draft: Draft; identifierFirst?: boolean }
  | { name: 'verifying'; form: LoginForm; draft: Draft }
  /**
   * `error` when signing out failed; `upgrading` while a passkey is created without asking (the
   * signed-in events wait for it); `passkeySaved` once one was created after a code sign-in;
   * `restored` for a session found open at start, whose sign-in method is not known here.
   */
  | ({ name: 'signed-in'; draft: Draft; error?: PasskeyErrorCode; upgrading?: boolean; passkeySaved?: boolean } & (SignInResult | RestoredSession))
  | { name: 'cancelled'; form: LoginForm; draft: Draft }
  /** `retryAt` (ms since epoch) after a rate limit: "Try again" waits for it. */
  | { name: 'failed'; form: LoginForm; error: PasskeyErrorCode; draft: Draft; retryAt?: number }
  /**
   * Identifier-first sign-in ended without a passkey (the device had none of the identifier's, or
   * the user closed the sheet). The server may have sent decoys for an unknown identifier, so this
   * screen never says whether the account exists: it offers every way on.
   */
  | { name: 'no-passkey'; draft: Draft }
  | CodeState;

export type LoginEvent =
  | { type: 'capabilities-detected'; webauthn: boolean; startOn: LoginForm }
  /** The backend said a session is open already: the signed-in screen instead of a form. */
  | { type: 'session-restored'; user: PasskeyUser }
  | { type: 'show-form'; form: LoginForm; draft?: Partial<Draft> }
  /** The form was submitted with input the element can reject without asking the server. */
  | { type: 'form-rejected'; form: LoginForm; draft: Partial<Draft>; error: PasskeyErrorCode }
  | { type: 'ceremony-started'; form: LoginForm; draft?: Partial<Draft>; identifierFirst?: boolean }
  | { type: 'authenticator-responded'; form: LoginForm }
  /** A passkey sign-up or sign-in; a sign-up under the two-factor policy brings recovery codes. */
  | { type: 'succeeded'; user: PasskeyUser; isNewAccount: boolean; recoveryCodes?: string[]; savedTo?: PasskeyLocation }
  /** `at` (ms since epoch) dates `details.retryAfter`. */
  | { type: 'failed'; error: PasskeyErrorCode; details?: FailureDetails; at?: number }
  /**
   * The user pressed Cancel while waiting for the device: back to the form, no message. Once the
   * device answered, the server may already have acted (an account made, a session set): not then.
   */
  | { type: 'cancel' }
  /** The element was taken off the page, which ends what was under way: back to the form it came from. */
  | { type: 'detached' }
  /** `webauthn: false` returns to the "not available here" screen instead of the sign-in form. */
  | { type: 'signed-out'; webauthn?: boolean }
  | CodeEvent;

export const initialLoginState: LoginState = { name: 'loading', draft: { identifier: '', displayName: '' } };

/** Errors that belong next to a form field rather than on a screen of their own. */
export const fieldErrors: Record<LoginForm, readonly PasskeyErrorCode[]> = {
  'sign-in': ['invalid-identifier'],
  'sign-up': ['invalid-identifier', 'invalid-display-name', 'identifier-taken'],
};

/** The pure flow of `<passkey-login>`: every screen is a state, every user or system step an event. */
export function transition(state: LoginState, event: LoginEvent): LoginState {
  if (isCodeEvent(event) || (isCodeState(state) && (event.type === 'failed' || event.type === 'cancel' || event.type === 'detached'))) return codeTransition(state, event);
  const draft = state.draft;
  switch (event.type) {
    case 'capabilities-detected':
      if (state.name !== 'loading' && state.name !== 'unsupported') return state;
      return event.webauthn ? { name: event.startOn, draft } : { name: 'unsupported', draft };

    case 'session-restored':
      // The first form is drawn before the session check answers: an open session replaces it, not an attempt under way.
      if (state.name !== 'loading' && state.name !== 'unsupported' && state.name !== 'sign-in' && state.name !== 'sign-up') return state;
      return { name: 'signed-in', user: event.user, restored: true, isNewAccount: false, draft };

    case 'show-form':
      if (!isIdle(state)) return state;
      return { name: event.form, draft: { ...draft, ...event.draft } };

    case 'form-rejected':
      if (state.name !== event.form) return state;
      return formState(event.form, { ...draft, ...event.draft }, event.error);

    case 'ceremony-started':
      if (!isIdle(state)) return state;
      return { name: 'waiting', form: event.form, draft: { ...draft, ...event.draft }, ...(event.identifierFirst ? { identifierFirst: true } : {}) };

    case 'authenticator-responded':
      // From the sign-in form this is autofill: the user picked a passkey from the field.
      if (state.name !== 'waiting' && state.name !== 'sign-in') return state;
      return { name: 'verifying', form: event.form, draft };

    case 'succeeded':
      if (!isBusy(state)) return state;
      return afterPasskeyStep({ user: event.user, method: 'passkey', isNewAccount: event.isNewAccount, recoveryCodes: event.recoveryCodes, savedTo: event.savedTo }, draft);

    case 'failed':
    case 'cancel':
    case 'detached':
      return passkeyTransition(state, event);

    case 'signed-out':
      if (state.name === 'loading' || state.name === 'unsupported') return state;
      return event.webauthn === false ? { name: 'unsupported', draft } : { name: 'sign-in', draft };
  }
}

/** A failure or Cancel during a passkey sign-up or sign-in (or signing out). */
function passkeyTransition(state: LoginState, event: Extract<LoginEvent, { type: 'failed' | 'cancel' | 'detached' }>): LoginState {
  const draft = state.draft;
  if (event.type === 'cancel') return state.name === 'waiting' ? { name: state.form, draft } : state;
  if (event.type === 'detached') return isBusy(state) ? { name: state.form, draft } : state;
  if (state.name === 'signed-in') return { ...state, error: event.error };
  if (!isBusy(state)) return state;
  const form = state.form;
  if (event.error === 'cancelled') return state.name === 'waiting' && state.identifierFirst ? { name: 'no-passkey', draft } : { name: 'cancelled', form, draft };
  if (form === 'sign-in' && event.error === 'unknown-user') return { name: 'sign-up', draft, offered: true };
  // This server signs up only with a confirmed address: a code to it first.
  if (form === 'sign-up' && event.error === 'email-verification-required') {
    return { name: 'code-email', flow: { purpose: 'sign-up', origin: 'sign-up', email: draft.identifier.includes('@') ? draft.identifier : '' }, draft };
  }
  if (fieldErrors[form].includes(event.error)) return formState(form, draft, event.error);
  const retryAfter = event.error === 'rate-limited' ? event.details?.retryAfter : undefined;
  const retryAt = retryAfter !== undefined && event.at !== undefined ? { retryAt: event.at + retryAfter * 1000 } : {};
  return { name: 'failed', form, error: event.error, draft, ...retryAt };
}

/** After the passkey step of a sign-in: the recovery codes of a new account first, else signed in. */
export function afterPasskeyStep(result: SignInResult, draft: Draft, passkeySaved = false): LoginState {
  const saved = passkeySaved ? { passkeySaved } : {};
  if (result.recoveryCodes?.length) return { name: 'recovery-codes', result, draft, ...saved };
  const { recoveryCodes: _shown, ...signedIn } = result;
  return { name: 'signed-in', ...signedIn, draft, ...saved };
}

/** States from which the user can start an attempt or switch forms. */
export function isIdle(state: LoginState): boolean {
  return state.name === 'sign-in' || state.name === 'sign-up' || state.name === 'cancelled' || state.name === 'failed' || state.name === 'no-passkey';
}

/** States in which a passkey request or a ceremony is under way. */
export function isBusy(state: LoginState): state is Extract<LoginState, { name: 'waiting' | 'verifying' }> {
  return state.name === 'waiting' || state.name === 'verifying';
}

export function formState(form: LoginForm, draft: Draft, error: PasskeyErrorCode): LoginState {
  return form === 'sign-in' ? { name: 'sign-in', draft, error } : { name: 'sign-up', draft, error };
}

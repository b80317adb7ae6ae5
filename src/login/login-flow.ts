import type { PasskeyUser } from '../core/backend.ts';
import type { PasskeyErrorCode } from '../core/errors.ts';

/** Which form a flow belongs to, and so which form "Back" and "Try again" return to. */
export type LoginForm = 'sign-in' | 'sign-up';

/** What the user typed; kept across screens so that no failure loses it. */
export interface Draft {
  identifier: string;
  displayName: string;
}

export type LoginState =
  | { name: 'loading'; draft: Draft }
  | { name: 'unsupported'; draft: Draft }
  /** The sign-in form: passkey button, identifier field (with autofill), link to sign-up. */
  | { name: 'sign-in'; draft: Draft; error?: PasskeyErrorCode }
  /** The sign-up form; `offered` when identifier-first found no account. */
  | { name: 'sign-up'; draft: Draft; offered?: boolean; error?: PasskeyErrorCode }
  | { name: 'waiting'; form: LoginForm; draft: Draft }
  | { name: 'verifying'; form: LoginForm; draft: Draft }
  /** `error` when signing out failed. */
  | { name: 'signed-in'; user: PasskeyUser; isNewAccount: boolean; draft: Draft; error?: PasskeyErrorCode }
  | { name: 'cancelled'; form: LoginForm; draft: Draft }
  | { name: 'failed'; form: LoginForm; error: PasskeyErrorCode; draft: Draft };

export type LoginEvent =
  | { type: 'capabilities-detected'; webauthn: boolean; startOn: LoginForm }
  | { type: 'show-form'; form: LoginForm; draft?: Partial<Draft> }
  /** The form was submitted with input the element can reject without asking the server. */
  | { type: 'form-rejected'; form: LoginForm; draft: Partial<Draft>; error: PasskeyErrorCode }
  | { type: 'ceremony-started'; form: LoginForm; draft?: Partial<Draft> }
  | { type: 'authenticator-responded'; form: LoginForm }
  | { type: 'succeeded'; user: PasskeyUser; isNewAccount: boolean }
  | { type: 'failed'; error: PasskeyErrorCode }
  /** The user pressed Cancel while waiting: back to the form, no message. */
  | { type: 'cancel' }
  | { type: 'signed-out' };

export const initialLoginState: LoginState = { name: 'loading', draft: { identifier: '', displayName: '' } };

/** Errors that belong next to a form field rather than on a screen of their own. */
const fieldErrors: Record<LoginForm, readonly PasskeyErrorCode[]> = {
  'sign-in': ['invalid-identifier'],
  'sign-up': ['invalid-identifier', 'invalid-display-name', 'identifier-taken'],
};

/** The pure flow of `<passkey-login>`: every screen is a state, every user or system step an event. */
export function transition(state: LoginState, event: LoginEvent): LoginState {
  const draft = state.draft;
  switch (event.type) {
    case 'capabilities-detected':
      if (state.name !== 'loading' && state.name !== 'unsupported') return state;
      return event.webauthn ? { name: event.startOn, draft } : { name: 'unsupported', draft };

    case 'show-form':
      if (!isIdle(state)) return state;
      return { name: event.form, draft: { ...draft, ...event.draft } };

    case 'form-rejected':
      if (state.name !== event.form) return state;
      return formState(event.form, { ...draft, ...event.draft }, event.error);

    case 'ceremony-started':
      if (!isIdle(state)) return state;
      return { name: 'waiting', form: event.form, draft: { ...draft, ...event.draft } };

    case 'authenticator-responded':
      // From the sign-in form this is autofill: the user picked a passkey from the field.
      if (state.name !== 'waiting' && state.name !== 'sign-in') return state;
      return { name: 'verifying', form: event.form, draft };

    case 'succeeded':
      if (!isBusy(state)) return state;
      return { name: 'signed-in', user: event.user, isNewAccount: event.isNewAccount, draft };

    case 'failed': {
      if (state.name === 'signed-in') return { ...state, error: event.error };
      if (!isBusy(state)) return state;
      const form = state.form;
      if (event.error === 'cancelled') return { name: 'cancelled', form, draft };
      if (form === 'sign-in' && event.error === 'unknown-user') return { name: 'sign-up', draft, offered: true };
      if (fieldErrors[form].includes(event.error)) return formState(form, draft, event.error);
      return { name: 'failed', form, error: event.error, draft };
    }

    case 'cancel':
      return isBusy(state) ? { name: state.form, draft } : state;

    case 'signed-out':
      return state.name === 'loading' || state.name === 'unsupported' ? state : { name: 'sign-in', draft };
  }
}

/** States from which the user can start an attempt or switch forms. */
function isIdle(state: LoginState): boolean {
  return state.name === 'sign-in' || state.name === 'sign-up' || state.name === 'cancelled' || state.name === 'failed';
}

/** States in which a request or a ceremony is under way. */
export function isBusy(state: LoginState): state is Extract<LoginState, { name: 'waiting' | 'verifying' }> {
  return state.name === 'waiting' || state.name === 'verifying';
}

function formState(form: LoginForm, draft: Draft, error: PasskeyErrorCode): LoginState {
  return form === 'sign-in' ? { name: 'sign-in', draft, error } : { name: 'sign-up', draft, error };
}

import type { Account, AccountUser, CodeSentAnswer, Passkey } from '../core/backend.ts';
import type { PasskeyErrorCode } from '../core/errors.ts';
import { codeRefused, codeRequested, codeSent, codeSubmitted, endsCodeEntry, sendingCode, type CodeEntry, type CodeFailure } from './code-entry.ts';

/** Work under way in the profile; the screen shows it and disables what would collide with it. */
export type ProfileTask = SensitiveTask | { kind: 'rename'; passkeyId: string } | { kind: 'update-account' } | { kind: 'sign-out' };

/** The tasks the server may ask a fresh verification for (a passkey, or a code), to run them again after it. */
export type SensitiveTask =
  | { kind: 'add' }
  | { kind: 'remove'; passkeyId: string }
  | { kind: 'revoke-session'; sessionId: string }
  | { kind: 'revoke-others' }
  | { kind: 'delete-account' }
  /** A code to verify the current address, or (with `email`) to change to a new one: sensitive only then. */
  | { kind: 'send-email-code'; email?: string }
  | { kind: 'recovery-codes' }
  | { kind: 'two-factor'; optOut: boolean };

function isSensitive(task: ProfileTask): task is SensitiveTask {
  return task.kind !== 'rename' && task.kind !== 'update-account' && task.kind !== 'sign-out';
}

export type Confirmation =
  | { kind: 'remove-passkey'; passkeyId: string }
  | { kind: 'delete-account' | 'recovery-codes' | 'opt-out' };

/** How a session can verify again, as the server says (`reauthentication-required`). */
export type VerificationMethod = 'passkey' | 'code';

/** Where a re-authentication is: the passkey sheet is open; it was closed and a code may be chosen; a code was asked for. */
export type ReauthenticationStep = { via: 'passkey' } | { via: 'choice' } | { via: 'code'; code: CodeEntry };

/** What the account screen is doing: one thing at a time. */
export type ProfileMode =
  | { name: 'browsing' }
  | { name: 'editing-passkey'; passkeyId: string }
  | { name: 'editing-account' }
  /** The new address form; `email` is what was typed before ("Use a different email" keeps it). */
  | { name: 'editing-email'; email?: string }
  /** A code went to `email`: the current address (verifying it) or a new one (`change`). */
  | { name: 'confirming-email'; email: string; change: boolean; code: CodeEntry }
  | { name: 'confirming'; confirmation: Confirmation }
  /** `checking`: the device answered (a new passkey) and the server is checking it; it may already have acted, so it cannot be cancelled. */
  | { name: 'working'; task: ProfileTask; checking?: boolean }
  /** The server asked for a fresh verification before a sensitive act; `resumes` runs again after it. */
  | { name: 're-authenticating'; resumes: SensitiveTask; methods: VerificationMethod[]; step: ReauthenticationStep }
  /** New recovery codes, shown once, until the user says they saved them. */
  | { name: 'showing-recovery-codes'; codes: string[]; copied?: 'done' | 'failed' };

export type DoneNotice = 'added' | 'renamed' | 'removed' | 'revoked' | 'revoked-others' | 'account-updated' | 'email-verified' | 'email-changed' | 'two-factor-on' | 'two-factor-off';

/** Where a notice shows: by the account's name and email, the two-factor section, the "Create a passkey" card; else above the passkeys. */
export type NoticeSection = 'account' | 'two-factor' | 'create-passkey';

export type ProfileNotice = (
  /** `retryAt` (ms since epoch) after a rate limit: the screen counts down to it, and adding a passkey waits for it. */
  | { tone: 'error'; error: PasskeyErrorCode; retryAt?: number }
  | { tone: 'done'; what: DoneNotice }
) & { section?: NoticeSection };

export type ProfileState =
  | { name: 'loading' }
  | { name: 'signed-out' }
  | { name: 'deleted' }
  | { name: 'load-failed'; error: PasskeyErrorCode }
  | { name: 'ready'; account: Account; mode: ProfileMode; notice?: ProfileNotice };

export type ProfileEvent =
  | { type: 'load-started' }
  | { type: 'loaded'; account: Account }
  | { type: 'load-failed'; error: PasskeyErrorCode }
  | { type: 'signed-out' }
  /** Opens the name form of a passkey; without `passkeyId`, closes any form. */
  | { type: 'edit'; passkeyId?: string }
  | { type: 'edit-account' }
  | { type: 'edit-email'; email?: string }
  /** Asks for a confirmation; without one, closes the dialog. */
  | { type: 'confirm'; confirmation?: Confirmation }
  | { type: 'task-started'; task: ProfileTask }
  | { type: 'reauthentication-started'; methods: VerificationMethod[] }
  /** The passkey sheet closed without a passkey, and a code is offered. */
  | { type: 'passkey-declined' }
  | { type: 'passkey-chosen' }
  | { type: 'reauthenticated' }
  /** The device created the new passkey: the server checks and saves it now. */
  | { type: 'authenticator-responded' }
  | { type: 'code-requested' }
  /** `at`: when the answer came (ms since epoch), to count down to the next resend. */
  | { type: 'code-sent'; answer: CodeSentAnswer; at: number }
  | { type: 'code-submitted' }
  | ({ type: 'task-failed'; error: PasskeyErrorCode; at?: number } & CodeFailure)
  /** The task was abandoned by the user (Cancel in the passkey sheet): no message. */
  | { type: 'task-cancelled' }
  | { type: 'account-updated'; user: AccountUser; done?: DoneNotice }
  | { type: 'passkey-added'; passkey: Passkey }
  | { type: 'passkey-renamed'; passkey: Passkey }
  | { type: 'passkey-removed'; passkeyId: string }
  | { type: 'session-revoked'; sessionId: string }
  | { type: 'others-revoked' }
  | { type: 'recovery-codes-created'; codes: string[] }
  | { type: 'recovery-codes-copied'; copied: 'done' | 'failed' }
  | { type: 'recovery-codes-saved' }
  | { type: 'account-deleted' };

export const initialProfileState: ProfileState = { name: 'loading' };

const browsing: ProfileMode = { name: 'browsing' };

/** The task under way, also while a re-authentication runs before it. */
export function taskOf(mode: ProfileMode): ProfileTask | undefined {
  return mode.name === 'working' ? mode.task : mode.name === 're-authenticating' ? mode.resumes : undefined;
}

/** Whether the screen is busy: a task, a code on its way or being checked, or recovery codes not yet saved. */
export function isBusy(mode: ProfileMode): boolean {
  return taskOf(mode) !== undefined || mode.name === 'showing-recovery-codes' || (mode.name === 'confirming-email' && mode.code.pending !== undefined);
}

/**
 * Whether the server is checking what the user gave (a new passkey, a code): it may already have
 * acted on it (saved the passkey, changed the address), so Cancel cannot undo it; its answer ends it.
 */
export function isChecking(mode: ProfileMode): boolean {
  return (mode.name === 'working' && mode.checking === true) || codeEntryOf(mode)?.pending === 'checking';
}

/** When the rate limit of the last failure ends (ms since epoch); 0 without one. */
export function retryAtOf(state: ProfileState): number {
  return state.name === 'ready' && state.notice?.tone === 'error' ? (state.notice.retryAt ?? 0) : 0;
}

/** The open code form: an email address's, or a re-authentication's. */
export function codeEntryOf(mode: ProfileMode): CodeEntry | undefined {
  if (mode.name === 'confirming-email') return mode.code;
  return mode.name === 're-authenticating' && mode.step.via === 'code' ? mode.step.code : undefined;
}

/** The passkey whose name form is open: being edited, or being saved. */
export function renamedPasskey(mode: ProfileMode): string | undefined {
  const task = taskOf(mode);
  if (mode.name === 'editing-passkey') return mode.passkeyId;
  return task?.kind === 'rename' ? task.passkeyId : undefined;
}

/** Whether the display name's form is open: being edited, or being saved. */
export function editsAccount(mode: ProfileMode): boolean {
  return mode.name === 'editing-account' || taskOf(mode)?.kind === 'update-account';
}

/** The address in the new-address form, while it is open or its first code is on its way. */
export function editedEmail(mode: ProfileMode): { email?: string } | undefined {
  const task = taskOf(mode);
  if (mode.name === 'editing-email') return mode.email !== undefined ? { email: mode.email } : {};
  return task?.kind === 'send-email-code' && task.email !== undefined ? { email: task.email } : undefined;
}

/** The confirmation whose dialog is open: asked, or its act under way. */
export function confirmationOf(mode: ProfileMode): Confirmation | undefined {
  const task = taskOf(mode);
  if (mode.name === 'confirming') return mode.confirmation;
  if (task?.kind === 'remove') return { kind: 'remove-passkey', passkeyId: task.passkeyId };
  if (task?.kind === 'two-factor' && task.optOut) return { kind: 'opt-out' };
  return task?.kind === 'delete-account' || task?.kind === 'recovery-codes' ? { kind: task.kind } : undefined;
}

/** The section a task's notices show in. */
function sectionOf(task: ProfileTask | undefined): NoticeSection | undefined {
  switch (task?.kind) {
    case 'update-account':
    case 'send-email-code':
      return 'account';
    case 'recovery-codes':
    case 'two-factor':
      return 'two-factor';
    default:
      return undefined;
  }
}

/** The pure flow of `<passkey-profile>`. */
export function transition(state: ProfileState, event: ProfileEvent): ProfileState {
  switch (event.type) {
    case 'load-started':
      return state.name === 'ready' ? state : { name: 'loading' };
    case 'loaded':
      return { name: 'ready', account: event.account, mode: browsing };
    case 'load-failed':
      return { name: 'load-failed', error: event.error };
    case 'signed-out':
      return { name: 'signed-out' };
    case 'account-deleted':
      return { name: 'deleted' };
  }
  if (state.name !== 'ready') return state;
  const { account, mode } = state;
  const busy = isBusy(mode);
  const ready = (next: ProfileMode, notice?: ProfileNotice): ProfileState => ({ name: 'ready', account, mode: next, ...(notice && { notice }) });
  switch (event.type) {
    case 'edit':
      if (busy) return state;
      return ready(event.passkeyId ? { name: 'editing-passkey', passkeyId: event.passkeyId } : browsing);
    case 'edit-account':
      return busy ? state : ready({ name: 'editing-account' });
    case 'edit-email':
      return busy ? state : ready({ name: 'editing-email', ...(event.email !== undefined && { email: event.email }) });
    case 'confirm':
      if (busy) return state;
      return ready(event.confirmation ? { name: 'confirming', confirmation: event.confirmation } : browsing);
    case 'task-started':
      return busy ? state : ready({ name: 'working', task: event.task });
    case 'reauthentication-started': {
      if (mode.name !== 'working' || !isSensitive(mode.task)) return state;
      const step: ReauthenticationStep = event.methods.includes('passkey') ? { via: 'passkey' } : { via: 'code', code: sendingCode };
      return { ...state, mode: { name: 're-authenticating', resumes: mode.task, methods: event.methods, step } };
    }
    case 'passkey-declined':
    case 'passkey-chosen':
      if (mode.name !== 're-authenticating') return state;
      return { ...state, mode: { ...mode, step: { via: event.type === 'passkey-chosen' ? 'passkey' : 'choice' } } };
    case 'reauthenticated':
      return mode.name === 're-authenticating' ? { ...state, mode: { name: 'working', task: mode.resumes } } : state;
    case 'authenticator-responded':
      return mode.name === 'working' && mode.task.kind === 'add' ? { ...state, mode: { ...mode, checking: true } } : state;
    case 'code-requested':
      if (mode.name === 're-authenticating') {
        const code = mode.step.via === 'code' ? codeRequested(mode.step.code) : sendingCode;
        return { ...state, mode: { ...mode, step: { via: 'code', code } } };
      }
      return mode.name === 'confirming-email' ? { ...state, mode: { ...mode, code: codeRequested(mode.code) } } : state;
    case 'code-sent':
      return codeWasSent(state, event.answer, event.at);
    case 'code-submitted':
      return withCode(state, codeSubmitted);
    case 'task-failed':
      return failed(state, event);
    case 'task-cancelled':
      return isChecking(mode) ? state : ready(browsing);
    case 'account-updated': {
      const what = event.done ?? 'account-updated';
      const section = what === 'two-factor-on' || what === 'two-factor-off' ? 'two-factor' : 'account';
      return { name: 'ready', account: { ...account, user: event.user }, mode: browsing, notice: { tone: 'done', what, section } };
    }
    case 'passkey-added':
      return done({ ...account, passkeys: [event.passkey, ...account.passkeys] }, 'added');
    case 'passkey-renamed':
      return done({ ...account, passkeys: account.passkeys.map((passkey) => (passkey.id === event.passkey.id ? event.passkey : passkey)) }, 'renamed');
    case 'passkey-removed':
      return done({ ...account, passkeys: account.passkeys.filter((passkey) => passkey.id !== event.passkeyId) }, 'removed');
    case 'session-revoked':
      return done({ ...account, sessions: account.sessions.filter((session) => session.id !== event.sessionId) }, 'revoked');
    case 'others-revoked':
      return done({ ...account, sessions: account.sessions.filter((session) => session.current) }, 'revoked-others');
    case 'recovery-codes-created': {
      const { twoFactor } = account.user;
      const user = twoFactor ? { ...account.user, twoFactor: { ...twoFactor, recoveryCodesLeft: event.codes.length } } : account.user;
      return { name: 'ready', account: { ...account, user }, mode: { name: 'showing-recovery-codes', codes: event.codes } };
    }
    case 'recovery-codes-copied':
      return mode.name === 'showing-recovery-codes' ? ready({ ...mode, copied: event.copied }) : state;
    case 'recovery-codes-saved':
      return mode.name === 'showing-recovery-codes' ? ready(browsing) : state;
  }
}

/** A code arrived: the first of an email address opens its form; a resend or a re-authentication's updates the form. */
function codeWasSent(state: Extract<ProfileState, { name: 'ready' }>, answer: CodeSentAnswer, at: number): ProfileState {
  const { mode } = state;
  const task = taskOf(mode);
  if (mode.name === 'working' && task?.kind === 'send-email-code') {
    const change = task.email !== undefined;
    const email = task.email ?? state.account.user.email ?? '';
    return { name: 'ready', account: state.account, mode: { name: 'confirming-email', email, change, code: codeSent(sendingCode, answer, at) } };
  }
  return withCode(state, (code) => codeSent(code, answer, at));
}

/** The state with its open code form changed; unchanged without one. */
function withCode(state: Extract<ProfileState, { name: 'ready' }>, change: (code: CodeEntry) => CodeEntry): ProfileState {
  const { mode } = state;
  if (mode.name === 'confirming-email') return { ...state, mode: { ...mode, code: change(mode.code) } };
  if (mode.name === 're-authenticating' && mode.step.via === 'code') return { ...state, mode: { ...mode, step: { via: 'code', code: change(mode.step.code) } } };
  return state;
}

/**
 * A failure: a code form keeps it (with the error, for another try or a new code), so does a form
 * whose value was refused; anything else ends the task with a notice where it belongs.
 */
function failed(state: Extract<ProfileState, { name: 'ready' }>, event: Extract<ProfileEvent, { type: 'task-failed' }>): ProfileState {
  const { account, mode } = state;
  const { error } = event;
  const ready = (next: ProfileMode, notice?: ProfileNotice): ProfileState => ({ name: 'ready', account, mode: next, ...(notice && { notice }) });
  const retryAt = event.retryAfter !== undefined ? { retryAt: (event.at ?? 0) + event.retryAfter * 1000 } : {};
  if (error === 'passkey-required') return ready(browsing, { tone: 'error', error, section: 'create-passkey' });
  const code = codeEntryOf(mode);
  if (mode.name === 'confirming-email' && error === 'identifier-taken') return ready({ name: 'editing-email', email: mode.email }, { tone: 'error', error, section: 'account' });
  if (code && !endsCodeEntry(error)) return withCode(state, (entry) => codeRefused(entry, error, event, event.at ?? 0));
  const email = editedEmail(mode);
  const section = sectionOf(taskOf(mode)) ?? (editsAccount(mode) || email || mode.name === 'confirming-email' ? 'account' : undefined);
  const notice: ProfileNotice = { tone: 'error', error, ...retryAt, ...(section && { section }) };
  // A refused value keeps its form open, with what was typed, for the user to correct it there.
  const passkeyId = renamedPasskey(mode);
  const form: ProfileMode | undefined = error === 'invalid-passkey-name' && passkeyId ? { name: 'editing-passkey', passkeyId }
    : error === 'invalid-display-name' && editsAccount(mode) ? { name: 'editing-account' }
    : email && (error === 'invalid-email' || error === 'identifier-taken' || error === 'rate-limited') ? { name: 'editing-email', ...email }
    : undefined;
  return ready(form ?? browsing, notice);
}

function done(account: Account, what: DoneNotice): ProfileState {
  return { name: 'ready', account, mode: browsing, notice: { tone: 'done', what } };
}

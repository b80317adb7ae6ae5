import type { Account, AccountUser, Passkey } from '../core/backend.ts';
import type { PasskeyErrorCode } from '../core/errors.ts';

/** Work under way in the profile; the screen shows it and disables what would collide with it. */
export type ProfileTask =
  | { kind: 'add' }
  | { kind: 'rename' | 'remove'; passkeyId: string }
  | { kind: 'revoke-session'; sessionId: string }
  | { kind: 'update-account' | 'revoke-others' | 'delete-account' | 'sign-out' };

export type Confirmation = { kind: 'remove-passkey'; passkeyId: string } | { kind: 'delete-account' };

/** What the account screen is doing: one thing at a time. */
export type ProfileMode =
  | { name: 'browsing' }
  | { name: 'editing-passkey'; passkeyId: string }
  | { name: 'editing-account' }
  | { name: 'confirming'; confirmation: Confirmation }
  | { name: 'working'; task: ProfileTask }
  /** The server asked for a fresh passkey check before a sensitive act; `resumes` runs again after it. */
  | { name: 're-authenticating'; resumes: ProfileTask };

/** `section: 'account'` when it concerns the account's name: the view shows it there, by the field. */
export type ProfileNotice = (
  | { tone: 'error'; error: PasskeyErrorCode }
  | { tone: 'done'; what: 'added' | 'renamed' | 'removed' | 'revoked' | 'account-updated' }
) & { section?: 'account' };

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
  /** Asks for a confirmation; without one, closes the dialog. */
  | { type: 'confirm'; confirmation?: Confirmation }
  | { type: 'task-started'; task: ProfileTask }
  | { type: 'reauthentication-started' }
  | { type: 'reauthenticated' }
  | { type: 'task-failed'; error: PasskeyErrorCode }
  /** The task was abandoned by the user (Cancel in the passkey sheet): no message. */
  | { type: 'task-cancelled' }
  | { type: 'account-updated'; user: AccountUser }
  | { type: 'passkey-added'; passkey: Passkey }
  | { type: 'passkey-renamed'; passkey: Passkey }
  | { type: 'passkey-removed'; passkeyId: string }
  | { type: 'session-revoked'; sessionId: string }
  | { type: 'others-revoked' }
  | { type: 'account-deleted' };

export const initialProfileState: ProfileState = { name: 'loading' };

const browsing: ProfileMode = { name: 'browsing' };

/** The task under way, also while a re-authentication runs before it. */
export function taskOf(mode: ProfileMode): ProfileTask | undefined {
  return mode.name === 'working' ? mode.task : mode.name === 're-authenticating' ? mode.resumes : undefined;
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

/** The confirmation whose dialog is open: asked, or its act under way. */
export function confirmationOf(mode: ProfileMode): Confirmation | undefined {
  const task = taskOf(mode);
  if (mode.name === 'confirming') return mode.confirmation;
  if (task?.kind === 'remove') return { kind: 'remove-passkey', passkeyId: task.passkeyId };
  return task?.kind === 'delete-account' ? { kind: 'delete-account' } : undefined;
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
  const busy = taskOf(mode) !== undefined;
  const ready = (next: ProfileMode, notice?: ProfileNotice): ProfileState => ({ name: 'ready', account, mode: next, ...(notice && { notice }) });
  switch (event.type) {
    case 'edit':
      if (busy) return state;
      return ready(event.passkeyId ? { name: 'editing-passkey', passkeyId: event.passkeyId } : browsing);
    case 'edit-account':
      return busy ? state : ready({ name: 'editing-account' });
    case 'confirm':
      if (busy) return state;
      return ready(event.confirmation ? { name: 'confirming', confirmation: event.confirmation } : browsing);
    case 'task-started':
      return busy ? state : ready({ name: 'working', task: event.task });
    case 'reauthentication-started':
      return mode.name === 'working' ? { ...state, mode: { name: 're-authenticating', resumes: mode.task } } : state;
    case 'reauthenticated':
      return mode.name === 're-authenticating' ? { ...state, mode: { name: 'working', task: mode.resumes } } : state;
    case 'task-failed': {
      const section = editsAccount(mode) ? { section: 'account' as const } : {};
      // An invalid name keeps its form open, with what was typed, for the user to correct it there.
      const passkeyId = renamedPasskey(mode);
      const form: ProfileMode = event.error === 'invalid-passkey-name' && passkeyId ? { name: 'editing-passkey', passkeyId }
        : event.error === 'invalid-display-name' && editsAccount(mode) ? { name: 'editing-account' } : browsing;
      return ready(form, { tone: 'error', error: event.error, ...section });
    }
    case 'task-cancelled':
      return ready(browsing);
    case 'account-updated':
      return { name: 'ready', account: { ...account, user: event.user }, mode: browsing, notice: { tone: 'done', what: 'account-updated', section: 'account' } };
    case 'passkey-added':
      return done({ ...account, passkeys: [event.passkey, ...account.passkeys] }, 'added');
    case 'passkey-renamed':
      return done({ ...account, passkeys: account.passkeys.map((passkey) => (passkey.id === event.passkey.id ? event.passkey : passkey)) }, 'renamed');
    case 'passkey-removed':
      return done({ ...account, passkeys: account.passkeys.filter((passkey) => passkey.id !== event.passkeyId) }, 'removed');
    case 'session-revoked':
      return done({ ...account, sessions: account.sessions.filter((session) => session.id !== event.sessionId) }, 'revoked');
    case 'others-revoked':
      return done({ ...account, sessions: account.sessions.filter((session) => session.current) }, 'revoked');
  }
}

function done(account: Account, what: Extract<ProfileNotice, { tone: 'done' }>['what']): ProfileState {
  return { name: 'ready', account, mode: browsing, notice: { tone: 'done', what } };
}

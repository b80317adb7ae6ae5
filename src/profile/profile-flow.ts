import type { Account, AccountUser, Passkey } from '../core/backend.ts';
import type { PasskeyErrorCode } from '../core/errors.ts';

/** Work under way in the profile; the screen shows it and disables what would collide with it. */
export type ProfileTask =
  | { kind: 'add' }
  | { kind: 'rename' | 'remove'; passkeyId: string }
  | { kind: 'revoke-session'; sessionId: string }
  | { kind: 'update-account' | 'revoke-others' | 'delete-account' | 'sign-out' }
  /** The server asked for a fresh passkey check before a sensitive act. */
  | { kind: 'reauthenticate' };

export type Confirmation = { kind: 'remove-passkey'; passkeyId: string } | { kind: 'delete-account' };

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
  | {
      name: 'ready';
      account: Account;
      task?: ProfileTask;
      confirm?: Confirmation;
      /** The id of the passkey being renamed. */
      editing?: string;
      /** The display name is being edited. */
      editingAccount?: boolean;
      notice?: ProfileNotice;
    };

export type ProfileEvent =
  | { type: 'load-started' }
  | { type: 'loaded'; account: Account }
  | { type: 'load-failed'; error: PasskeyErrorCode }
  | { type: 'signed-out' }
  | { type: 'edit'; passkeyId?: string }
  | { type: 'edit-account' }
  | { type: 'confirm'; confirmation?: Confirmation }
  | { type: 'task-started'; task: ProfileTask }
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

/** The pure flow of `<passkey-profile>`. */
export function transition(state: ProfileState, event: ProfileEvent): ProfileState {
  switch (event.type) {
    case 'load-started':
      return state.name === 'ready' ? state : { name: 'loading' };
    case 'loaded':
      return { name: 'ready', account: event.account };
    case 'load-failed':
      return { name: 'load-failed', error: event.error };
    case 'signed-out':
      return { name: 'signed-out' };
    case 'account-deleted':
      return { name: 'deleted' };
  }
  if (state.name !== 'ready') return state;
  const { account } = state;
  const idle = { name: 'ready', account } as const;
  switch (event.type) {
    case 'edit':
      if (state.task) return state;
      return event.passkeyId ? { ...idle, editing: event.passkeyId } : idle;
    case 'edit-account':
      return state.task ? state : { ...idle, editingAccount: true };
    case 'confirm':
      if (state.task) return state;
      return event.confirmation ? { ...idle, confirm: event.confirmation } : idle;
    case 'task-started': {
      // Re-authentication runs inside another task, which then resumes.
      if (state.task && state.task.kind !== 'reauthenticate' && event.task.kind !== 'reauthenticate') return state;
      const { notice: _shown, ...rest } = state;
      return { ...rest, task: event.task };
    }
    case 'task-failed': {
      const aboutAccount = state.editingAccount || state.task?.kind === 'update-account';
      // An invalid name keeps its form open, with what was typed, for the user to correct it there.
      const form = event.error === 'invalid-passkey-name' && state.editing ? { editing: state.editing }
        : event.error === 'invalid-display-name' && state.editingAccount ? { editingAccount: true } : {};
      return { ...idle, ...form, notice: { tone: 'error', error: event.error, ...(aboutAccount ? { section: 'account' } : {}) } };
    }
    case 'task-cancelled':
      return idle;
    case 'account-updated':
      return { ...idle, account: { ...account, user: event.user }, notice: { tone: 'done', what: 'account-updated', section: 'account' } };
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
  return { name: 'ready', account, notice: { tone: 'done', what } };
}

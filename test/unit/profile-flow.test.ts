import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Account, Passkey } from '../../src/core/backend.ts';
import {
  confirmationOf, editsAccount, initialProfileState, isChecking, renamedPasskey, taskOf, transition, type ProfileEvent, type ProfileMode, type ProfileState,
} from '../../src/profile/profile-flow.ts';

const passkey = (id: string, current = false): Passkey => ({ id, name: `Passkey ${id}`, aaguid: '', createdAt: '2026-01-01T00:00:00Z', lastUsedAt: null, location: 'synced', current });
const account: Account = {
  user: { id: 'u1', identifier: 'ada@example.com', displayName: 'Ada', createdAt: '2026-01-01T00:00:00Z' },
  passkeys: [passkey('a', true), passkey('b')],
  sessions: [
    { id: 's1', browser: 'Chrome', os: 'Linux', createdAt: '', lastActiveAt: '', current: true },
    { id: 's2', browser: 'Safari', os: 'iOS', createdAt: '', lastActiveAt: '', current: false },
  ],
};

function run(...events: ProfileEvent[]): ProfileState {
  return events.reduce(transition, initialProfileState);
}

const loaded: ProfileEvent = { type: 'loaded', account };
const browsing = { name: 'browsing' } as const;

describe('profile flow', () => {
  it('loads into ready, or says why not', () => {
    assert.deepEqual(run(loaded), { name: 'ready', account, mode: browsing });
    assert.deepEqual(run({ type: 'load-failed', error: 'network' }), { name: 'load-failed', error: 'network' });
    assert.deepEqual(run({ type: 'signed-out' }), { name: 'signed-out' });
  });

  it('applies each change to the account and says it is done', () => {
    const added = run(loaded, { type: 'task-started', task: { kind: 'add' } }, { type: 'passkey-added', passkey: passkey('c') });
    assert.deepEqual(added, { name: 'ready', account: { ...account, passkeys: [passkey('c'), ...account.passkeys] }, mode: browsing, notice: { tone: 'done', what: 'added' } });
    const renamed = transition(added, { type: 'passkey-renamed', passkey: { ...passkey('b'), name: 'Laptop' } });
    assert.equal(renamed.name === 'ready' && renamed.account.passkeys.find((item) => item.id === 'b')?.name, 'Laptop');
    const removed = transition(renamed, { type: 'passkey-removed', passkeyId: 'c' });
    assert.deepEqual(removed.name === 'ready' && removed.account.passkeys.map((item) => item.id), ['a', 'b']);
    const revoked = transition(removed, { type: 'session-revoked', sessionId: 's2' });
    assert.deepEqual(revoked.name === 'ready' && revoked.account.sessions.map((item) => item.id), ['s1']);
  });

  it('revoking the other sessions keeps only the current one', () => {
    const state = run(loaded, { type: 'others-revoked' });
    assert.deepEqual(state.name === 'ready' && state.account.sessions.map((item) => item.id), ['s1']);
  });

  it('one task at a time; re-authentication may run inside one', () => {
    const removing = run(loaded, { type: 'task-started', task: { kind: 'remove', passkeyId: 'b' } });
    assert.equal(transition(removing, { type: 'task-started', task: { kind: 'add' } }), removing);
    assert.equal(transition(removing, { type: 'edit', passkeyId: 'a' }), removing);
    const reauthenticating = transition(removing, { type: 'reauthentication-started', methods: ['passkey'] });
    assert.deepEqual(reauthenticating.name === 'ready' && reauthenticating.mode, {
      name: 're-authenticating', resumes: { kind: 'remove', passkeyId: 'b' }, methods: ['passkey'], step: { via: 'passkey' },
    });
    assert.equal(transition(reauthenticating, { type: 'task-started', task: { kind: 'add' } }), reauthenticating);
    const resumed = transition(reauthenticating, { type: 'reauthenticated' });
    assert.deepEqual(resumed.name === 'ready' && resumed.mode, { name: 'working', task: { kind: 'remove', passkeyId: 'b' } });
    // Re-authentication only ever runs inside a task.
    const idle = run(loaded);
    assert.equal(transition(idle, { type: 'reauthentication-started', methods: ['passkey'] }), idle);
    assert.equal(transition(idle, { type: 'reauthenticated' }), idle);
  });

  it('a failure ends the task with an error notice; a cancel ends it quietly', () => {
    const adding = run(loaded, { type: 'task-started', task: { kind: 'add' } });
    assert.deepEqual(transition(adding, { type: 'task-failed', error: 'passkey-exists' }), { name: 'ready', account, mode: browsing, notice: { tone: 'error', error: 'passkey-exists' } });
    assert.deepEqual(transition(adding, { type: 'task-cancelled' }), { name: 'ready', account, mode: browsing });
  });

  it('editing and confirming are exclusive and close on any change', () => {
    const editing = run(loaded, { type: 'edit', passkeyId: 'b' });
    assert.deepEqual(editing, { name: 'ready', account, mode: { name: 'editing-passkey', passkeyId: 'b' } });
    const confirming = transition(editing, { type: 'confirm', confirmation: { kind: 'delete-account' } });
    assert.deepEqual(confirming, { name: 'ready', account, mode: { name: 'confirming', confirmation: { kind: 'delete-account' } } });
    assert.deepEqual(transition(confirming, { type: 'confirm' }), { name: 'ready', account, mode: browsing });
  });

  it('edits the display name inline, exclusive with other edits, not during a task', () => {
    const editing = run(loaded, { type: 'edit', passkeyId: 'b' }, { type: 'edit-account' });
    assert.deepEqual(editing, { name: 'ready', account, mode: { name: 'editing-account' } });
    assert.deepEqual(transition(editing, { type: 'edit', passkeyId: 'a' }), { name: 'ready', account, mode: { name: 'editing-passkey', passkeyId: 'a' } });
    assert.deepEqual(transition(editing, { type: 'edit' }), { name: 'ready', account, mode: browsing });
    const adding = run(loaded, { type: 'task-started', task: { kind: 'add' } });
    assert.equal(transition(adding, { type: 'edit-account' }), adding);
  });

  it('applies a changed display name and says so by the account section', () => {
    const user = { ...account.user, displayName: 'Ada Lovelace' };
    const saving = run(loaded, { type: 'edit-account' }, { type: 'task-started', task: { kind: 'update-account' } });
    assert.deepEqual(saving.name === 'ready' && saving.mode, { name: 'working', task: { kind: 'update-account' } });
    assert.deepEqual(transition(saving, { type: 'account-updated', user }), {
      name: 'ready',
      account: { ...account, user },
      mode: browsing,
      notice: { tone: 'done', what: 'account-updated', section: 'account' },
    });
  });

  it('places a failure by the account section only when it concerns the name', () => {
    const invalid = run(loaded, { type: 'edit-account' }, { type: 'task-failed', error: 'invalid-display-name' });
    assert.deepEqual(invalid, { name: 'ready', account, mode: { name: 'editing-account' }, notice: { tone: 'error', error: 'invalid-display-name', section: 'account' } });
    const offline = run(loaded, { type: 'task-started', task: { kind: 'update-account' } }, { type: 'task-failed', error: 'network' });
    assert.deepEqual(offline.name === 'ready' && offline.notice, { tone: 'error', error: 'network', section: 'account' });
    const other = run(loaded, { type: 'task-started', task: { kind: 'add' } }, { type: 'task-failed', error: 'network' });
    assert.deepEqual(other.name === 'ready' && other.notice, { tone: 'error', error: 'network' });
  });

  it('an invalid name keeps its form open with the error; other failures close it', () => {
    const renaming = run(loaded, { type: 'edit', passkeyId: 'b' }, { type: 'task-started', task: { kind: 'rename', passkeyId: 'b' } });
    assert.deepEqual(transition(renaming, { type: 'task-failed', error: 'invalid-passkey-name' }), {
      name: 'ready', account, mode: { name: 'editing-passkey', passkeyId: 'b' }, notice: { tone: 'error', error: 'invalid-passkey-name' },
    });
    assert.deepEqual(transition(renaming, { type: 'task-failed', error: 'network' }), { name: 'ready', account, mode: browsing, notice: { tone: 'error', error: 'network' } });
    // Checked here before any request: no task ran.
    const checked = run(loaded, { type: 'edit', passkeyId: 'a' }, { type: 'task-failed', error: 'invalid-passkey-name' });
    assert.deepEqual(checked.name === 'ready' && checked.mode, { name: 'editing-passkey', passkeyId: 'a' });
    const retried = transition(checked, { type: 'task-started', task: { kind: 'rename', passkeyId: 'a' } });
    assert.deepEqual(retried, { name: 'ready', account, mode: { name: 'working', task: { kind: 'rename', passkeyId: 'a' } } });
    const wrongForm = run(loaded, { type: 'edit-account' }, { type: 'task-failed', error: 'invalid-passkey-name' });
    assert.deepEqual(wrongForm.name === 'ready' && wrongForm.mode, browsing);
  });

  it('a form or dialog stays open while its act is under way, and during a re-authentication before it', () => {
    const renaming: ProfileMode = { name: 'working', task: { kind: 'rename', passkeyId: 'b' } };
    assert.equal(renamedPasskey({ name: 'editing-passkey', passkeyId: 'b' }), 'b');
    assert.equal(renamedPasskey(renaming), 'b');
    assert.equal(renamedPasskey(browsing), undefined);
    assert.equal(editsAccount({ name: 'working', task: { kind: 'update-account' } }), true);
    assert.equal(editsAccount({ name: 'working', task: { kind: 'add' } }), false);
    const removing: ProfileMode = { name: 're-authenticating', resumes: { kind: 'remove', passkeyId: 'b' }, methods: ['passkey'], step: { via: 'passkey' } };
    assert.deepEqual(confirmationOf(removing), { kind: 'remove-passkey', passkeyId: 'b' });
    assert.deepEqual(taskOf(removing), { kind: 'remove', passkeyId: 'b' });
    assert.deepEqual(confirmationOf({ name: 'working', task: { kind: 'delete-account' } }), { kind: 'delete-account' });
    assert.equal(confirmationOf(renaming), undefined);
  });

  it('account deletion is final', () => {
    const deleted = run(loaded, { type: 'account-deleted' });
    assert.deepEqual(deleted, { name: 'deleted' });
    assert.equal(transition(deleted, { type: 'edit', passkeyId: 'a' }), deleted);
  });

  it('a new passkey the server is checking cannot be cancelled: its answer ends the task', () => {
    const waiting = run(loaded, { type: 'task-started', task: { kind: 'add' } });
    assert.deepEqual(transition(waiting, { type: 'task-cancelled' }), { name: 'ready', account, mode: browsing });
    const checking = transition(waiting, { type: 'authenticator-responded' });
    assert.equal(checking.name === 'ready' && isChecking(checking.mode), true);
    assert.equal(transition(checking, { type: 'task-cancelled' }), checking);
    assert.equal(transition(checking, { type: 'passkey-added', passkey: passkey('c') }).name === 'ready', true);
    // Only adding a passkey has a device answer to wait on.
    const removing = run(loaded, { type: 'task-started', task: { kind: 'remove', passkeyId: 'b' } });
    assert.equal(transition(removing, { type: 'authenticator-responded' }), removing);
  });
});

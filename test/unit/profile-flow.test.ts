import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Account, Passkey } from '../../src/core/backend.ts';
import { initialProfileState, transition, type ProfileEvent, type ProfileState } from '../../src/profile/profile-flow.ts';

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

describe('profile flow', () => {
  it('loads into ready, or says why not', () => {
    assert.deepEqual(run(loaded), { name: 'ready', account });
    assert.deepEqual(run({ type: 'load-failed', error: 'network' }), { name: 'load-failed', error: 'network' });
    assert.deepEqual(run({ type: 'signed-out' }), { name: 'signed-out' });
  });

  it('applies each change to the account and says it is done', () => {
    const added = run(loaded, { type: 'task-started', task: { kind: 'add' } }, { type: 'passkey-added', passkey: passkey('c') });
    assert.deepEqual(added, { name: 'ready', account: { ...account, passkeys: [passkey('c'), ...account.passkeys] }, notice: { tone: 'done', what: 'added' } });
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
    const reauthenticating = transition(removing, { type: 'task-started', task: { kind: 'reauthenticate' } });
    assert.deepEqual(reauthenticating.name === 'ready' && reauthenticating.task, { kind: 'reauthenticate' });
    const resumed = transition(reauthenticating, { type: 'task-started', task: { kind: 'remove', passkeyId: 'b' } });
    assert.deepEqual(resumed.name === 'ready' && resumed.task, { kind: 'remove', passkeyId: 'b' });
  });

  it('a failure ends the task with an error notice; a cancel ends it quietly', () => {
    const adding = run(loaded, { type: 'task-started', task: { kind: 'add' } });
    assert.deepEqual(transition(adding, { type: 'task-failed', error: 'passkey-exists' }), { name: 'ready', account, notice: { tone: 'error', error: 'passkey-exists' } });
    assert.deepEqual(transition(adding, { type: 'task-cancelled' }), { name: 'ready', account });
  });

  it('editing and confirming are exclusive and close on any change', () => {
    const editing = run(loaded, { type: 'edit', passkeyId: 'b' });
    assert.deepEqual(editing, { name: 'ready', account, editing: 'b' });
    const confirming = transition(editing, { type: 'confirm', confirmation: { kind: 'delete-account' } });
    assert.deepEqual(confirming, { name: 'ready', account, confirm: { kind: 'delete-account' } });
    assert.deepEqual(transition(confirming, { type: 'confirm' }), { name: 'ready', account });
  });

  it('edits the display name inline, exclusive with other edits, not during a task', () => {
    const editing = run(loaded, { type: 'edit', passkeyId: 'b' }, { type: 'edit-account' });
    assert.deepEqual(editing, { name: 'ready', account, editingAccount: true });
    assert.deepEqual(transition(editing, { type: 'edit', passkeyId: 'a' }), { name: 'ready', account, editing: 'a' });
    assert.deepEqual(transition(editing, { type: 'edit' }), { name: 'ready', account });
    const adding = run(loaded, { type: 'task-started', task: { kind: 'add' } });
    assert.equal(transition(adding, { type: 'edit-account' }), adding);
  });

  it('applies a changed display name and says so by the account section', () => {
    const user = { ...account.user, displayName: 'Ada Lovelace' };
    const saving = run(loaded, { type: 'edit-account' }, { type: 'task-started', task: { kind: 'update-account' } });
    assert.deepEqual(saving.name === 'ready' && saving.task, { kind: 'update-account' });
    assert.deepEqual(transition(saving, { type: 'account-updated', user }), {
      name: 'ready',
      account: { ...account, user },
      notice: { tone: 'done', what: 'account-updated', section: 'account' },
    });
  });

  it('places a failure by the account section only when it concerns the name', () => {
    const invalid = run(loaded, { type: 'edit-account' }, { type: 'task-failed', error: 'invalid-display-name' });
    assert.deepEqual(invalid, { name: 'ready', account, editingAccount: true, notice: { tone: 'error', error: 'invalid-display-name', section: 'account' } });
    const offline = run(loaded, { type: 'task-started', task: { kind: 'update-account' } }, { type: 'task-failed', error: 'network' });
    assert.deepEqual(offline.name === 'ready' && offline.notice, { tone: 'error', error: 'network', section: 'account' });
    const other = run(loaded, { type: 'task-started', task: { kind: 'add' } }, { type: 'task-failed', error: 'network' });
    assert.deepEqual(other.name === 'ready' && other.notice, { tone: 'error', error: 'network' });
  });

  it('an invalid name keeps its form open with the error; other failures close it', () => {
    const renaming = run(loaded, { type: 'edit', passkeyId: 'b' }, { type: 'task-started', task: { kind: 'rename', passkeyId: 'b' } });
    assert.deepEqual(transition(renaming, { type: 'task-failed', error: 'invalid-passkey-name' }), {
      name: 'ready', account, editing: 'b', notice: { tone: 'error', error: 'invalid-passkey-name' },
    });
    assert.deepEqual(transition(renaming, { type: 'task-failed', error: 'network' }), { name: 'ready', account, notice: { tone: 'error', error: 'network' } });
    // Checked here before any request: no task ran.
    const checked = run(loaded, { type: 'edit', passkeyId: 'a' }, { type: 'task-failed', error: 'invalid-passkey-name' });
    assert.equal(checked.name === 'ready' && checked.editing, 'a');
    const retried = transition(checked, { type: 'task-started', task: { kind: 'rename', passkeyId: 'a' } });
    assert.deepEqual(retried, { name: 'ready', account, editing: 'a', task: { kind: 'rename', passkeyId: 'a' } });
    const wrongForm = run(loaded, { type: 'edit-account' }, { type: 'task-failed', error: 'invalid-passkey-name' });
    assert.equal(wrongForm.name === 'ready' && wrongForm.editingAccount, undefined);
  });

  it('account deletion is final', () => {
    const deleted = run(loaded, { type: 'account-deleted' });
    assert.deepEqual(deleted, { name: 'deleted' });
    assert.equal(transition(deleted, { type: 'edit', passkeyId: 'a' }), deleted);
  });
});

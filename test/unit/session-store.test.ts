import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PasskeyUser } from '../../src/core/backend.ts';
import { nextSession, sessionStoreOf, unknownSession, type PasskeySession } from '../../src/core/session-store.ts';

const ada: PasskeyUser = { id: 'u1', identifier: 'ada@example.com', displayName: 'Ada Lovelace' };
const event = (type: string, detail: unknown) => new CustomEvent(type, { detail });

describe('the session the bindings report', () => {
  it('signed in from passkey-signed-in, keeping whether the session was restored', () => {
    assert.deepEqual(nextSession(unknownSession, 'passkey-signed-in', event('passkey-signed-in', { user: ada, restored: true })), { status: 'signed-in', user: ada, restored: true });
    assert.deepEqual(nextSession(unknownSession, 'passkey-signed-in', event('passkey-signed-in', { user: ada, restored: false, method: 'passkey' })), { status: 'signed-in', user: ada, restored: false });
  });

  it('signed out with the reason of passkey-signed-out', () => {
    const signedIn: PasskeySession = { status: 'signed-in', user: ada, restored: false };
    for (const reason of ['signed-out', 'session-ended', 'account-deleted']) {
      assert.deepEqual(nextSession(signedIn, 'passkey-signed-out', event('passkey-signed-out', { reason })), { status: 'signed-out', user: null, reason });
    }
  });

  it('passkey-account-updated changes the user and keeps restored; before any sign-in event it means a session from before the page', () => {
    const renamed = { ...ada, displayName: 'Ada King', createdAt: '2026-01-01T00:00:00Z' };
    const signedIn: PasskeySession = { status: 'signed-in', user: ada, restored: false };
    assert.deepEqual(nextSession(signedIn, 'passkey-account-updated', event('passkey-account-updated', { user: renamed })), { status: 'signed-in', user: renamed, restored: false });
    assert.deepEqual(nextSession(unknownSession, 'passkey-account-updated', event('passkey-account-updated', { user: renamed })), { status: 'signed-in', user: renamed, restored: true });
  });

  it('without a document (on the server) the store stays unknown and subscribing is harmless', () => {
    const store = sessionStoreOf(undefined);
    assert.equal(store.current(), unknownSession);
    let calls = 0;
    const stop = store.subscribe(() => calls++);
    stop();
    assert.equal(calls, 0);
    assert.equal(store.current().status, 'unknown');
  });
});

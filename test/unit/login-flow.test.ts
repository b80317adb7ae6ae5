import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { initialLoginState, transition, type LoginEvent, type LoginState } from '../../src/login/login-flow.ts';

const user = { id: 'u1', identifier: 'ada@example.com', displayName: 'Ada' };
const draft = { identifier: '', displayName: '' };

function run(...events: LoginEvent[]): LoginState {
  return events.reduce(transition, initialLoginState);
}

const ready: LoginEvent = { type: 'capabilities-detected', webauthn: true, startOn: 'sign-in' };

describe('login flow', () => {
  it('starts loading, then shows the form asked for, or "unsupported"', () => {
    assert.equal(initialLoginState.name, 'loading');
    assert.equal(run(ready).name, 'sign-in');
    assert.equal(run({ ...ready, startOn: 'sign-up' }).name, 'sign-up');
    assert.equal(run({ ...ready, webauthn: false }).name, 'unsupported');
  });

  it('a session open at start goes to signed-in, marked restored, from the first form or "unsupported"; not once an attempt started', () => {
    const restored: LoginEvent = { type: 'session-restored', user };
    const signedIn = { name: 'signed-in', user, restored: true, isNewAccount: false, draft };
    assert.deepEqual(run(restored), signedIn);
    assert.deepEqual(run({ ...ready, webauthn: false }, restored), signedIn);
    // The form is drawn before the session check answers: the answer replaces it, but no attempt under way.
    assert.deepEqual(run(ready, restored), signedIn);
    assert.deepEqual(run({ ...ready, startOn: 'sign-up' }, restored), signedIn);
    assert.equal(run(ready, { type: 'ceremony-started', form: 'sign-in' }, restored).name, 'waiting');
    assert.deepEqual(run(restored, ready), signedIn);
    assert.equal(run(restored, { type: 'signed-out' }).name, 'sign-in');
  });

  it('goes sign-in -> waiting -> verifying -> signed-in', () => {
    const states = [ready, { type: 'ceremony-started', form: 'sign-in' }, { type: 'authenticator-responded', form: 'sign-in' }, { type: 'succeeded', user, isNewAccount: false }] as LoginEvent[];
    const names = states.map((_, index) => run(...states.slice(0, index + 1)).name);
    assert.deepEqual(names, ['sign-in', 'waiting', 'verifying', 'signed-in']);
  });

  it('autofill goes from the form straight to verifying', () => {
    assert.deepEqual(run(ready, { type: 'authenticator-responded', form: 'sign-in' }), { name: 'verifying', form: 'sign-in', draft });
  });

  it('keeps the draft across waiting, failure and back', () => {
    const typed = { identifier: 'ada@example.com', displayName: 'Ada' };
    const failed = run({ ...ready, startOn: 'sign-up' }, { type: 'ceremony-started', form: 'sign-up', draft: typed }, { type: 'failed', error: 'network' });
    assert.deepEqual(failed, { name: 'failed', form: 'sign-up', error: 'network', draft: typed });
    assert.deepEqual(transition(failed, { type: 'show-form', form: 'sign-up' }), { name: 'sign-up', draft: typed });
  });

  it('user cancellation in the OS sheet is a calm state, not an error', () => {
    const state = run(ready, { type: 'ceremony-started', form: 'sign-in' }, { type: 'failed', error: 'cancelled' });
    assert.deepEqual(state, { name: 'cancelled', form: 'sign-in', draft });
  });

  it('the Cancel button returns to the form the ceremony came from', () => {
    const signUp = run({ ...ready, startOn: 'sign-up' }, { type: 'ceremony-started', form: 'sign-up', draft: { identifier: 'x@y.z' } }, { type: 'cancel' });
    assert.deepEqual(signUp, { name: 'sign-up', draft: { identifier: 'x@y.z', displayName: '' } });
  });

  it('an unknown identifier offers sign-up', () => {
    const state = run(ready, { type: 'ceremony-started', form: 'sign-in', draft: { identifier: 'new@example.com' } }, { type: 'failed', error: 'unknown-user' });
    assert.deepEqual(state, { name: 'sign-up', draft: { identifier: 'new@example.com', displayName: '' }, offered: true });
  });

  it('field errors stay on their form; other errors get a screen', () => {
    const signUp = run({ ...ready, startOn: 'sign-up' }, { type: 'ceremony-started', form: 'sign-up' });
    assert.equal(transition(signUp, { type: 'failed', error: 'identifier-taken' }).name, 'sign-up');
    assert.equal(transition(signUp, { type: 'failed', error: 'invalid-display-name' }).name, 'sign-up');
    assert.equal(transition(signUp, { type: 'failed', error: 'server' }).name, 'failed');
    const signIn = run(ready, { type: 'ceremony-started', form: 'sign-in' });
    assert.deepEqual(transition(signIn, { type: 'failed', error: 'invalid-identifier' }), { name: 'sign-in', draft, error: 'invalid-identifier' });
    assert.equal(transition(signIn, { type: 'failed', error: 'identifier-taken' }).name, 'failed');
  });

  it('a rejected form shows the error on that form only', () => {
    const state = run(ready, { type: 'form-rejected', form: 'sign-in', draft: { identifier: '' }, error: 'invalid-identifier' });
    assert.deepEqual(state, { name: 'sign-in', draft, error: 'invalid-identifier' });
    assert.equal(transition(state, { type: 'form-rejected', form: 'sign-up', draft: {}, error: 'invalid-identifier' }), state);
  });

  it('ignores events that do not belong to the current state', () => {
    const signedIn = run(ready, { type: 'ceremony-started', form: 'sign-in' }, { type: 'succeeded', user, isNewAccount: false });
    assert.equal(transition(signedIn, { type: 'succeeded', user, isNewAccount: true }), signedIn);
    assert.equal(transition(signedIn, { type: 'ceremony-started', form: 'sign-in' }), signedIn);
    const waiting = run(ready, { type: 'ceremony-started', form: 'sign-in' });
    assert.equal(transition(waiting, { type: 'ceremony-started', form: 'sign-up' }), waiting);
    assert.equal(transition(waiting, { type: 'show-form', form: 'sign-up' }), waiting);
    assert.equal(run({ type: 'signed-out' }), initialLoginState);
  });

  it('a failed sign-out keeps the user signed in and says why; signing out returns to the form', () => {
    const signedIn = run(ready, { type: 'ceremony-started', form: 'sign-in' }, { type: 'succeeded', user, isNewAccount: false });
    const failed = transition(signedIn, { type: 'failed', error: 'network' });
    assert.deepEqual(failed, { ...signedIn, error: 'network' });
    assert.deepEqual(transition(failed, { type: 'signed-out' }), { name: 'sign-in', draft });
  });
});

describe('login flow: never stuck', () => {
  const waiting = run(ready, { type: 'ceremony-started', form: 'sign-in' });

  it('a second start while an attempt is under way changes nothing (the element then starts no second ceremony)', () => {
    assert.equal(transition(waiting, { type: 'ceremony-started', form: 'sign-in' }), waiting);
    const verifying = transition(waiting, { type: 'authenticator-responded', form: 'sign-in' });
    assert.equal(transition(verifying, { type: 'ceremony-started', form: 'sign-up' }), verifying);
  });

  it('a rate limit on any passkey operation dates the end of the wait; without the seconds there is none', () => {
    const at = 1_000_000;
    for (const form of ['sign-in', 'sign-up'] as const) {
      const started = run({ ...ready, startOn: form }, { type: 'ceremony-started', form });
      assert.deepEqual(transition(started, { type: 'failed', error: 'rate-limited', details: { retryAfter: 30 }, at }), { name: 'failed', form, error: 'rate-limited', draft, retryAt: at + 30_000 });
      assert.deepEqual(transition(started, { type: 'failed', error: 'rate-limited', at }), { name: 'failed', form, error: 'rate-limited', draft });
    }
    // Seconds to wait belong to rate limits only.
    assert.deepEqual(transition(waiting, { type: 'failed', error: 'server', details: { retryAfter: 30 }, at }), { name: 'failed', form: 'sign-in', error: 'server', draft });
    // From the wait, "Try again" starts again (the element holds it back until `retryAt`).
    const limited = transition(waiting, { type: 'failed', error: 'rate-limited', details: { retryAfter: 1 }, at });
    assert.equal(transition(limited, { type: 'ceremony-started', form: 'sign-in' }).name, 'waiting');
  });

  it('identifier-first ending without a passkey leads to "no passkey here", which claims nothing and leads everywhere', () => {
    const typed = { identifier: 'ada@example.com', displayName: '' };
    const asked = run(ready, { type: 'ceremony-started', form: 'sign-in', draft: typed, identifierFirst: true });
    const none = transition(asked, { type: 'failed', error: 'cancelled' });
    assert.deepEqual(none, { name: 'no-passkey', draft: typed });
    // The passkey button's cancelled request stays the calm "Passkey not used".
    assert.equal(transition(waiting, { type: 'failed', error: 'cancelled' }).name, 'cancelled');
    assert.deepEqual(transition(none, { type: 'show-form', form: 'sign-up' }), { name: 'sign-up', draft: typed });
    assert.equal(transition(none, { type: 'ceremony-started', form: 'sign-in', identifierFirst: true }).name, 'waiting');
    assert.equal(transition(none, { type: 'code-asked', purpose: 'sign-in', email: typed.identifier }).name, 'code-email');
  });

  it('Cancel returns a waiting screen to its form, not a verifying one (the server may already have acted)', () => {
    assert.deepEqual(transition(waiting, { type: 'cancel' }), { name: 'sign-in', draft });
    const verifying = transition(waiting, { type: 'authenticator-responded', form: 'sign-in' });
    assert.equal(transition(verifying, { type: 'cancel' }), verifying);
  });

  it('the element taken off the page rests a waiting or verifying screen at its form', () => {
    assert.deepEqual(transition(waiting, { type: 'detached' }), { name: 'sign-in', draft });
    const verifying = transition(waiting, { type: 'authenticator-responded', form: 'sign-in' });
    assert.deepEqual(transition(verifying, { type: 'detached' }), { name: 'sign-in', draft });
  });
});

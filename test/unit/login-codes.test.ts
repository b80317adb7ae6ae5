import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { initialLoginState, transition, type LoginEvent, type LoginState } from '../../src/login/login-flow.ts';

const user = { id: 'u1', identifier: 'ada@example.com', displayName: 'Ada' };
const draft = { identifier: '', displayName: '' };
const sentAt = 1_700_000_000_000;
const answer = { expiresIn: 600, resendIn: 30, length: 6 };

function run(...events: LoginEvent[]): LoginState {
  return events.reduce(transition, initialLoginState);
}

/** `state` when it is a `name` state; fails the test otherwise. */
function as<Name extends LoginState['name']>(state: LoginState, name: Name): Extract<LoginState, { name: Name }> {
  assert.equal(state.name, name);
  return state as Extract<LoginState, { name: Name }>;
}

const ready: LoginEvent = { type: 'capabilities-detected', webauthn: true, startOn: 'sign-in' };
const askCode = (email = 'ada@example.com', purpose: 'sign-in' | 'recovery' = 'sign-in'): LoginEvent[] => [
  ready, { type: 'code-asked', purpose, email }, { type: 'code-requested', email }, { type: 'code-sent', answer, at: sentAt },
];
const accepted = (conditionalCreate: boolean, extra: { passkeyRequired?: boolean; recoveryCodes?: string[] } = {}, webauthn = true): LoginEvent =>
  ({ type: 'code-accepted', answer: { user, ...extra }, webauthn, conditionalCreate });
const submitted: LoginEvent = { type: 'code-submitted', code: '123456' };

describe('login flow: email codes', () => {
  it('"Email me a code" opens the email screen from the sign-in form, the "nothing happened" and "not available" screens', () => {
    assert.deepEqual(run(ready, { type: 'code-asked', purpose: 'sign-in', email: 'ada@example.com' }), {
      name: 'code-email', flow: { purpose: 'sign-in', origin: 'sign-in', email: 'ada@example.com' }, draft,
    });
    const cancelled = run(ready, { type: 'ceremony-started', form: 'sign-in' }, { type: 'failed', error: 'cancelled' }, { type: 'code-asked', purpose: 'sign-in', email: '' });
    assert.equal(as(cancelled, 'code-email').flow.origin, 'sign-in');
    const unsupported = run({ ...ready, webauthn: false }, { type: 'code-asked', purpose: 'recovery', email: '' });
    assert.deepEqual(as(unsupported, 'code-email').flow, { purpose: 'recovery', origin: 'unsupported', email: '' });
    // Back leads to where the flow began.
    assert.equal(transition(unsupported, { type: 'code-back' }).name, 'unsupported');
    assert.equal(transition(cancelled, { type: 'code-back' }).name, 'sign-in');
  });

  it('is not opened while a passkey request is under way, nor for a sign-in from the sign-up form', () => {
    const waiting = run(ready, { type: 'ceremony-started', form: 'sign-in' });
    assert.equal(transition(waiting, { type: 'code-asked', purpose: 'sign-in', email: '' }), waiting);
    const signUp = run({ ...ready, startOn: 'sign-up' });
    assert.equal(transition(signUp, { type: 'code-asked', purpose: 'sign-in', email: '' }), signUp);
  });

  it('sending, then the code screen with the length and the resend time the server gave', () => {
    const sending = run(ready, { type: 'code-asked', purpose: 'sign-in', email: '' }, { type: 'code-requested', email: 'grace@example.com' });
    assert.deepEqual(sending, { name: 'code-email', flow: { purpose: 'sign-in', origin: 'sign-in', email: 'grace@example.com' }, draft, sending: true });
    const entry = transition(sending, { type: 'code-sent', answer, at: sentAt });
    assert.deepEqual(entry, {
      name: 'code-entry', flow: { purpose: 'sign-in', origin: 'sign-in', email: 'grace@example.com' }, draft, step: 'ready',
      sent: { length: 6, expiresIn: 600, resendAt: sentAt + 30_000, resent: false },
    });
  });

  it('a refused address stays on the email screen, a limit says until when', () => {
    const sending = run(ready, { type: 'code-asked', purpose: 'sign-in', email: '' }, { type: 'code-requested', email: 'x' });
    assert.equal(as(transition(sending, { type: 'failed', error: 'invalid-email' }), 'code-email').error, 'invalid-email');
    const limited = as(transition(sending, { type: 'failed', error: 'rate-limited', details: { retryAfter: 42 }, at: sentAt }), 'code-email');
    assert.equal(limited.retryAt, sentAt + 42_000);
    assert.equal(limited.sending, undefined);
  });

  it('a wrong code keeps the code and says how many tries are left; a spent one asks for a new code', () => {
    const checking = run(...askCode(), submitted);
    assert.equal(as(checking, 'code-entry').step, 'checking');
    const wrong = as(transition(checking, { type: 'failed', error: 'invalid-code', details: { attemptsLeft: 3 } }), 'code-entry');
    assert.deepEqual([wrong.step, wrong.error, wrong.attemptsLeft, wrong.code], ['ready', 'invalid-code', 3, '123456']);
    // Submitting again clears the message.
    const again = as(transition(wrong, { type: 'code-submitted', code: '654321' }), 'code-entry');
    assert.deepEqual([again.error, again.attemptsLeft, again.code], [undefined, undefined, '654321']);
    const spent = as(transition(again, { type: 'failed', error: 'code-attempts-exhausted' }), 'code-entry');
    assert.equal(spent.error, 'code-attempts-exhausted');
    // Only one check at a time.
    assert.equal(transition(checking, submitted), checking);
  });

  it('a new code: resending, then the screen says "a new code", with a fresh cooldown and an empty field', () => {
    const wrong = run(...askCode(), submitted, { type: 'failed', error: 'code-expired' });
    const resending = as(transition(wrong, { type: 'code-requested', email: 'ada@example.com' }), 'code-entry');
    assert.deepEqual([resending.step, resending.error], ['resending', undefined]);
    const resent = as(transition(resending, { type: 'code-sent', answer, at: sentAt + 60_000 }), 'code-entry');
    assert.deepEqual(resent.sent, { length: 6, expiresIn: 600, resendAt: sentAt + 90_000, resent: true });
    assert.equal(resent.code, undefined);
    const limited = as(transition(resending, { type: 'failed', error: 'rate-limited', details: { retryAfter: 20 }, at: sentAt + 1_000 }), 'code-entry');
    assert.deepEqual([limited.step, limited.error, limited.retryAt], ['ready', 'rate-limited', sentAt + 21_000]);
  });

  it('Cancel, "Use a different email" and Back never lose the address', () => {
    const sending = run(ready, { type: 'code-asked', purpose: 'sign-in', email: '' }, { type: 'code-requested', email: 'ada@example.com' });
    assert.deepEqual(transition(sending, { type: 'cancel' }), { name: 'code-email', flow: { purpose: 'sign-in', origin: 'sign-in', email: 'ada@example.com' }, draft });
    const entry = run(...askCode());
    assert.deepEqual(transition(entry, { type: 'email-change' }), { name: 'code-email', flow: { purpose: 'sign-in', origin: 'sign-in', email: 'ada@example.com' }, draft });
  });

  it('a code being checked cannot be abandoned: the server may already have signed in or made the account', () => {
    const checking = run(...askCode(), submitted);
    for (const type of ['cancel', 'email-change', 'code-back'] as const) assert.equal(transition(checking, { type }), checking, type);
    // Taken off the page, the element rests at the code screen.
    assert.equal(as(transition(checking, { type: 'detached' }), 'code-entry').step, 'ready');
    const saving = run(...askCode(), submitted, accepted(false), { type: 'passkey-creation', step: 'waiting' }, { type: 'passkey-creation', step: 'verifying' });
    assert.equal(transition(saving, { type: 'cancel' }), saving, 'no Cancel while the new passkey is saved');
  });

  it('after a code sign-in: a passkey without asking where the browser offers it, else the prompt', () => {
    const checking = run(...askCode(), submitted);
    assert.deepEqual(transition(checking, accepted(true)), {
      name: 'signed-in', user, method: 'email-code', isNewAccount: false, passkeyRequired: false, upgrading: true, draft,
    });
    const prompt = as(transition(checking, accepted(false)), 'passkey-prompt');
    assert.deepEqual([prompt.reason, prompt.step, prompt.webauthn, prompt.result.method], ['sign-in', 'ready', true, 'email-code']);
    // The session must have a passkey: the prompt, even where one could be made without asking.
    assert.equal(as(transition(checking, accepted(true, { passkeyRequired: true })), 'passkey-prompt').result.passkeyRequired, true);
    // No WebAuthn here: signed in, or the prompt that explains why nothing can be done here.
    assert.equal(transition(checking, accepted(false, {}, false)).name, 'signed-in');
    assert.equal(as(transition(checking, accepted(false, { passkeyRequired: true }, false)), 'passkey-prompt').webauthn, false);
  });

  it('a recovery always asks for the new passkey', () => {
    const checking = run(...askCode('ada@example.com', 'recovery'), submitted);
    assert.equal(as(transition(checking, accepted(true)), 'passkey-prompt').reason, 'recovery');
  });

  it('the passkey created without asking: saved or not, the user stays signed in', () => {
    const upgrading = run(...askCode(), submitted, accepted(true));
    assert.deepEqual(transition(upgrading, { type: 'upgrade-ended', saved: true }), {
      name: 'signed-in', user, method: 'email-code', isNewAccount: false, passkeyRequired: false, passkeySaved: true, draft,
    });
    assert.equal(as(transition(upgrading, { type: 'upgrade-ended', saved: false }), 'signed-in').passkeySaved, undefined);
  });

  it('the passkey prompt: waiting, saving, done; a closed sheet and Cancel come back to it; Skip unless required', () => {
    const prompt = run(...askCode(), submitted, accepted(false));
    const waiting = transition(prompt, { type: 'passkey-creation', step: 'waiting' });
    assert.equal(as(waiting, 'passkey-prompt').step, 'waiting');
    assert.equal(as(transition(waiting, { type: 'failed', error: 'cancelled' }), 'passkey-prompt').outcome, 'cancelled');
    assert.deepEqual(transition(waiting, { type: 'cancel' }), prompt);
    const saving = transition(waiting, { type: 'passkey-creation', step: 'verifying' });
    assert.equal(as(transition(saving, { type: 'passkey-created' }), 'signed-in').passkeySaved, true);
    assert.equal(as(transition(prompt, { type: 'passkey-skipped' }), 'signed-in').passkeySaved, undefined);
    const required = run(...askCode(), submitted, accepted(false, { passkeyRequired: true }));
    assert.equal(transition(required, { type: 'passkey-skipped' }), required);
    // Signing out from it failed: the prompt stays, saying why.
    assert.equal(as(transition(required, { type: 'failed', error: 'network' }), 'passkey-prompt').outcome, 'network');
    assert.deepEqual(transition(required, { type: 'signed-out' }), { name: 'sign-in', draft });
  });

  it('two factors: a right email code asks for a recovery code, then signs in with both', () => {
    const recovery = run(...askCode('ada@example.com', 'recovery'), submitted, { type: 'failed', error: 'recovery-code-required' });
    assert.equal(as(recovery, 'recovery-code').code, '123456');
    const checking = transition(recovery, { type: 'recovery-code-submitted' });
    assert.equal(as(checking, 'recovery-code').checking, true);
    const wrong = as(transition(checking, { type: 'failed', error: 'invalid-recovery-code' }), 'recovery-code');
    assert.deepEqual([wrong.error, wrong.checking], ['invalid-recovery-code', undefined]);
    // The email code ran out meanwhile: back to the code screen, with why.
    const expired = as(transition(checking, { type: 'failed', error: 'code-expired' }), 'code-entry');
    assert.deepEqual([expired.error, expired.code], ['code-expired', '123456']);
    const prompt = as(transition(checking, accepted(true, { passkeyRequired: true })), 'passkey-prompt');
    assert.deepEqual([prompt.result.method, prompt.result.passkeyRequired], ['recovery-code', true]);
    assert.equal(as(transition(recovery, { type: 'code-back' }), 'code-entry').code, '123456');
  });

  it('verified sign-up: the server asks for a code, the account comes with it, then its passkey and recovery codes', () => {
    const typed = { identifier: 'grace@example.com', displayName: 'Grace' };
    const signUp = run({ ...ready, startOn: 'sign-up' }, { type: 'ceremony-started', form: 'sign-up', draft: typed });
    const email = transition(signUp, { type: 'failed', error: 'email-verification-required' });
    assert.deepEqual(email, { name: 'code-email', flow: { purpose: 'sign-up', origin: 'sign-up', email: 'grace@example.com' }, draft: typed });
    // Later sign-ups go to the code at once.
    const direct = run({ ...ready, startOn: 'sign-up' }, { type: 'code-asked', purpose: 'sign-up', email: 'grace@example.com', draft: typed });
    assert.deepEqual(direct, email);
    const checking = [{ type: 'code-requested', email: 'grace@example.com' }, { type: 'code-sent', answer, at: sentAt }, submitted] as LoginEvent[];
    const entered = checking.reduce(transition, email);
    const taken = transition(entered, { type: 'failed', error: 'identifier-taken' });
    assert.deepEqual(taken, { name: 'sign-up', draft: typed, error: 'identifier-taken' });
    const prompt = as(transition(entered, accepted(true, { passkeyRequired: true, recoveryCodes: ['a', 'b'] })), 'passkey-prompt');
    assert.deepEqual([prompt.reason, prompt.result.isNewAccount, prompt.result.method], ['sign-up', true, 'email-code']);
    const codes = [{ type: 'passkey-creation', step: 'waiting' }, { type: 'passkey-creation', step: 'verifying' }, { type: 'passkey-created' }] as LoginEvent[];
    const shown = as(codes.reduce(transition, prompt as LoginState), 'recovery-codes');
    assert.deepEqual(shown.result.recoveryCodes, ['a', 'b']);
    assert.equal(as(transition(shown, { type: 'recovery-codes-copied', copied: false }), 'recovery-codes').copied, false);
    const signedIn = as(transition(shown, { type: 'recovery-codes-saved' }), 'signed-in');
    assert.deepEqual([signedIn.isNewAccount, signedIn.passkeySaved, 'recoveryCodes' in signedIn], [true, true, false]);
  });

  it('a passkey sign-up that brings recovery codes shows them before the signed-in screen', () => {
    const signUp = run({ ...ready, startOn: 'sign-up' }, { type: 'ceremony-started', form: 'sign-up' }, { type: 'authenticator-responded', form: 'sign-up' });
    const shown = as(transition(signUp, { type: 'succeeded', user, isNewAccount: true, recoveryCodes: ['a'] }), 'recovery-codes');
    assert.equal(shown.result.method, 'passkey');
    assert.equal(as(transition(shown, { type: 'recovery-codes-saved' }), 'signed-in').method, 'passkey');
  });

  it('signing out in a browser without WebAuthn returns to "not available here"', () => {
    const signedIn = run({ ...ready, webauthn: false }, { type: 'code-asked', purpose: 'sign-in', email: '' }, { type: 'code-requested', email: 'ada@example.com' },
      { type: 'code-sent', answer, at: sentAt }, submitted, accepted(false, {}, false));
    assert.equal(signedIn.name, 'signed-in');
    assert.equal(transition(signedIn, { type: 'signed-out', webauthn: false }).name, 'unsupported');
  });
});

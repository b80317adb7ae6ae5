// The email, re-verification and two-factor parts of the profile's flow, without a browser.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Account, CodeSentAnswer } from '../../src/core/backend.ts';
import { secondsUntil } from '../../src/core/countdown.ts';
import { codeDigits, codeRefused, sendingCode, type CodeEntry } from '../../src/profile/code-entry.ts';
import {
  codeEntryOf, confirmationOf, editedEmail, initialProfileState, isBusy, retryAtOf, transition, type ProfileEvent, type ProfileMode, type ProfileState,
} from '../../src/profile/profile-flow.ts';

const account: Account = {
  user: { id: 'u1', identifier: 'ada@example.com', displayName: 'Ada', createdAt: '2026-01-01T00:00:00Z', email: 'ada@example.com', emailVerified: false },
  passkeys: [{ id: 'a', name: 'Passkey a', aaguid: '', createdAt: '2026-01-01T00:00:00Z', lastUsedAt: null, location: 'synced', current: true }],
  sessions: [{ id: 's1', browser: 'Chrome', os: 'Linux', createdAt: '', lastActiveAt: '', current: true, signedInWith: 'passkey' }],
};
const twoFactorAccount: Account = { ...account, user: { ...account.user, twoFactor: { optedOut: false, recoveryCodesLeft: 3 } } };

const answer: CodeSentAnswer = { expiresIn: 600, resendIn: 30, length: 6 };
const at = 1_000_000;
const sent: ProfileEvent = { type: 'code-sent', answer, at };

function run(...events: ProfileEvent[]): ProfileState {
  return events.reduce(transition, initialProfileState);
}

function modeOf(state: ProfileState): ProfileMode {
  assert.equal(state.name, 'ready');
  return state.mode;
}

const loaded: ProfileEvent = { type: 'loaded', account };
const firstCode: CodeEntry = { length: 6, expiresIn: 600, resendAt: at + 30_000, sent: 1 };

describe('profile: the email address', () => {
  it('verifies the current address: a code to it, its form, then the verified user and a notice by the account', () => {
    const sending = run(loaded, { type: 'task-started', task: { kind: 'send-email-code' } });
    assert.equal(isBusy(modeOf(sending)), true);
    const entering = transition(sending, sent);
    assert.deepEqual(modeOf(entering), { name: 'confirming-email', email: 'ada@example.com', change: false, code: firstCode });
    assert.equal(isBusy(modeOf(entering)), false, 'typing a code leaves the rest of the page usable');
    const checking = transition(entering, { type: 'code-submitted' });
    assert.deepEqual(codeEntryOf(modeOf(checking)), { ...firstCode, pending: 'checking' });
    assert.equal(isBusy(modeOf(checking)), true);
    const user = { ...account.user, emailVerified: true };
    assert.deepEqual(transition(checking, { type: 'account-updated', user, done: 'email-verified' }), {
      name: 'ready', account: { ...account, user }, mode: { name: 'browsing' }, notice: { tone: 'done', what: 'email-verified', section: 'account' },
    });
  });

  it('changes it: the new address form, a code to the new address, and "Use a different email" keeps what was typed', () => {
    const editing = run(loaded, { type: 'edit-email' });
    assert.deepEqual(modeOf(editing), { name: 'editing-email' });
    assert.deepEqual(editedEmail(modeOf(editing)), {});
    const sending = transition(editing, { type: 'task-started', task: { kind: 'send-email-code', email: 'ada@new.example' } });
    assert.deepEqual(editedEmail(modeOf(sending)), { email: 'ada@new.example' }, 'the form stays while its code is on its way');
    const entering = transition(sending, sent);
    assert.deepEqual(modeOf(entering), { name: 'confirming-email', email: 'ada@new.example', change: true, code: firstCode });
    assert.deepEqual(modeOf(transition(entering, { type: 'edit-email', email: 'ada@new.example' })), { name: 'editing-email', email: 'ada@new.example' });
  });

  it('keeps the address form open with the error when the address is refused, taken or rate limited', () => {
    const sending = run(loaded, { type: 'edit-email' }, { type: 'task-started', task: { kind: 'send-email-code', email: 'bad@x' } });
    assert.deepEqual(transition(sending, { type: 'task-failed', error: 'invalid-email' }), {
      name: 'ready', account, mode: { name: 'editing-email', email: 'bad@x' }, notice: { tone: 'error', error: 'invalid-email', section: 'account' },
    });
    const limited = transition(sending, { type: 'task-failed', error: 'rate-limited', retryAfter: 40, at });
    assert.deepEqual(limited.name === 'ready' && limited.notice, { tone: 'error', error: 'rate-limited', retryAt: at + 40_000, section: 'account' });
    // Checked here before any request: the form was open, no task ran.
    const checked = run(loaded, { type: 'edit-email' }, { type: 'task-failed', error: 'invalid-email' });
    assert.deepEqual(modeOf(checked), { name: 'editing-email' });
    // Someone else took the address between the code and its confirmation: back to the form, with it.
    const taken = run(loaded, { type: 'edit-email' }, { type: 'task-started', task: { kind: 'send-email-code', email: 'ada@new.example' } }, sent, { type: 'code-submitted' },
      { type: 'task-failed', error: 'identifier-taken' });
    assert.deepEqual(modeOf(taken), { name: 'editing-email', email: 'ada@new.example' });
  });

  it('a failed Verify ends with a notice by the account, with the wait of a rate limit', () => {
    const sending = run(loaded, { type: 'task-started', task: { kind: 'send-email-code' } });
    assert.deepEqual(transition(sending, { type: 'task-failed', error: 'rate-limited', retryAfter: 12, at }), {
      name: 'ready', account, mode: { name: 'browsing' }, notice: { tone: 'error', error: 'rate-limited', retryAt: at + 12_000, section: 'account' },
    });
  });
});

describe('profile: a code form', () => {
  const entering = run(loaded, { type: 'task-started', task: { kind: 'send-email-code' } }, sent);

  it('keeps a wrong, expired, used or exhausted code in the form with its error, for another try or a new code', () => {
    const wrong = transition(transition(entering, { type: 'code-submitted' }), { type: 'task-failed', error: 'invalid-code', attemptsLeft: 2, at });
    assert.deepEqual(codeEntryOf(modeOf(wrong)), { ...firstCode, error: 'invalid-code', attemptsLeft: 2 });
    for (const error of ['code-expired', 'code-used', 'code-attempts-exhausted', 'network'] as const) {
      const refused = transition(transition(entering, { type: 'code-submitted' }), { type: 'task-failed', error, at });
      assert.deepEqual(codeEntryOf(modeOf(refused)), { ...firstCode, error }, error);
    }
  });

  it('a new code clears the error and counts down again; a rate limit holds the next one back', () => {
    const wrong = transition(entering, { type: 'task-failed', error: 'code-expired', at });
    const resending = transition(wrong, { type: 'code-requested' });
    assert.deepEqual(codeEntryOf(modeOf(resending)), { ...firstCode, pending: 'sending' });
    const resent = transition(resending, { type: 'code-sent', answer, at: at + 60_000 });
    assert.deepEqual(codeEntryOf(modeOf(resent)), { ...firstCode, resendAt: at + 90_000, sent: 2 });
    const limited = transition(resending, { type: 'task-failed', error: 'rate-limited', retryAfter: 120, at });
    assert.deepEqual(codeEntryOf(modeOf(limited)), { ...firstCode, error: 'rate-limited', retryAfter: 120, resendAt: at + 120_000 });
  });

  it('failures that no code can mend end the form with a notice', () => {
    const disabled = transition(entering, { type: 'task-failed', error: 'codes-disabled' });
    assert.deepEqual(disabled, { name: 'ready', account, mode: { name: 'browsing' }, notice: { tone: 'error', error: 'codes-disabled', section: 'account' } });
  });

  it('Cancel closes it; while a code is checked nothing else opens', () => {
    assert.deepEqual(modeOf(transition(entering, { type: 'task-cancelled' })), { name: 'browsing' });
    const checking = transition(entering, { type: 'code-submitted' });
    assert.equal(transition(checking, { type: 'edit', passkeyId: 'a' }), checking);
    assert.equal(transition(checking, { type: 'task-started', task: { kind: 'add' } }), checking);
    // Not busy: another edit replaces the form, as one form replaces another.
    assert.deepEqual(modeOf(transition(entering, { type: 'edit-account' })), { name: 'editing-account' });
  });
});

describe('profile: verifying again before a sensitive act', () => {
  const deleting = run(loaded, { type: 'task-started', task: { kind: 'delete-account' } });

  it('offers the passkey first, a code instead, and the choice once the passkey sheet closed', () => {
    const passkey = transition(deleting, { type: 'reauthentication-started', methods: ['passkey', 'code'] });
    assert.deepEqual(modeOf(passkey), { name: 're-authenticating', resumes: { kind: 'delete-account' }, methods: ['passkey', 'code'], step: { via: 'passkey' } });
    assert.deepEqual(confirmationOf(modeOf(passkey)), { kind: 'delete-account' }, 'it happens in the dialog of its act');
    const choice = transition(passkey, { type: 'passkey-declined' });
    assert.deepEqual(modeOf(choice).name === 're-authenticating' && modeOf(choice), { ...modeOf(passkey), step: { via: 'choice' } });
    assert.deepEqual(modeOf(transition(choice, { type: 'passkey-chosen' })), modeOf(passkey));
    const code = transition(choice, { type: 'code-requested' });
    assert.deepEqual(codeEntryOf(modeOf(code)), sendingCode);
    assert.equal(isBusy(modeOf(code)), true);
  });

  it('goes straight to a code when only a code is offered, and runs the act again after it', () => {
    const code = transition(deleting, { type: 'reauthentication-started', methods: ['code'] });
    assert.deepEqual(modeOf(code), { name: 're-authenticating', resumes: { kind: 'delete-account' }, methods: ['code'], step: { via: 'code', code: sendingCode } });
    const entering = transition(code, sent);
    assert.deepEqual(codeEntryOf(modeOf(entering)), firstCode);
    const wrong = transition(transition(entering, { type: 'code-submitted' }), { type: 'task-failed', error: 'invalid-code', attemptsLeft: 4, at });
    assert.deepEqual(codeEntryOf(modeOf(wrong)), { ...firstCode, error: 'invalid-code', attemptsLeft: 4 });
    const resumed = transition(transition(wrong, { type: 'code-submitted' }), { type: 'reauthenticated' });
    assert.deepEqual(modeOf(resumed), { name: 'working', task: { kind: 'delete-account' } });
    assert.deepEqual(transition(resumed, { type: 'account-deleted' }), { name: 'deleted' });
  });

  it('only sensitive tasks verify again', () => {
    const renaming = run(loaded, { type: 'task-started', task: { kind: 'rename', passkeyId: 'a' } });
    assert.equal(transition(renaming, { type: 'reauthentication-started', methods: ['code'] }), renaming);
  });

  it('a session that must add a passkey first is told so on the "Create a passkey" card, whatever it tried', () => {
    for (const task of [{ kind: 'update-account' }, { kind: 'send-email-code' }, { kind: 'revoke-others' }] as const) {
      const refused = run(loaded, { type: 'task-started', task }, { type: 'task-failed', error: 'passkey-required' });
      assert.deepEqual(refused, { name: 'ready', account, mode: { name: 'browsing' }, notice: { tone: 'error', error: 'passkey-required', section: 'create-passkey' } });
    }
    // Also from inside a code form.
    const entering = run(loaded, { type: 'task-started', task: { kind: 'send-email-code' } }, sent, { type: 'code-submitted' }, { type: 'task-failed', error: 'passkey-required' });
    assert.deepEqual(modeOf(entering), { name: 'browsing' });
  });
});

describe('profile: two-factor sign-in', () => {
  const ready = run({ type: 'loaded', account: twoFactorAccount });

  it('new recovery codes after a confirmation: shown until saved, the count updated, nothing else meanwhile', () => {
    const asked = transition(ready, { type: 'confirm', confirmation: { kind: 'recovery-codes' } });
    const creating = transition(asked, { type: 'task-started', task: { kind: 'recovery-codes' } });
    assert.deepEqual(confirmationOf(modeOf(creating)), { kind: 'recovery-codes' });
    const codes = ['a1', 'b2', 'c3', 'd4', 'e5'];
    const shown = transition(creating, { type: 'recovery-codes-created', codes });
    assert.deepEqual(modeOf(shown), { name: 'showing-recovery-codes', codes });
    assert.equal(shown.name === 'ready' && shown.account.user.twoFactor?.recoveryCodesLeft, 5);
    assert.equal(isBusy(modeOf(shown)), true);
    assert.equal(transition(shown, { type: 'edit-account' }), shown, 'the codes do not vanish under another form');
    assert.deepEqual(modeOf(transition(shown, { type: 'recovery-codes-copied', copied: 'done' })), { name: 'showing-recovery-codes', codes, copied: 'done' });
    assert.deepEqual(modeOf(transition(shown, { type: 'recovery-codes-saved' })), { name: 'browsing' });
  });

  it('opting out is confirmed in a dialog; the choice and turning it back on show by the section', () => {
    const optingOut = run({ type: 'loaded', account: twoFactorAccount }, { type: 'confirm', confirmation: { kind: 'opt-out' } },
      { type: 'task-started', task: { kind: 'two-factor', optOut: true } });
    assert.deepEqual(confirmationOf(modeOf(optingOut)), { kind: 'opt-out' });
    const user = { ...twoFactorAccount.user, twoFactor: { optedOut: true, recoveryCodesLeft: 3 } };
    assert.deepEqual(transition(optingOut, { type: 'account-updated', user, done: 'two-factor-off' }), {
      name: 'ready', account: { ...twoFactorAccount, user }, mode: { name: 'browsing' }, notice: { tone: 'done', what: 'two-factor-off', section: 'two-factor' },
    });
    const optingIn = transition(ready, { type: 'task-started', task: { kind: 'two-factor', optOut: false } });
    assert.equal(confirmationOf(modeOf(optingIn)), undefined, 'turning it back on needs no dialog');
    assert.deepEqual(transition(optingIn, { type: 'task-failed', error: 'network' }), {
      name: 'ready', account: twoFactorAccount, mode: { name: 'browsing' }, notice: { tone: 'error', error: 'network', section: 'two-factor' },
    });
  });
});

describe('code entry helpers', () => {
  it('keeps the digits of a typed or pasted code, at most its length', () => {
    assert.equal(codeDigits('123 456', 6), '123456');
    assert.equal(codeDigits(' 12-34-56 ', 6), '123456');
    assert.equal(codeDigits('1234567', 6), '123456');
    assert.equal(codeDigits('@localhost #654321', 6), '654321');
    assert.equal(codeDigits('abc', 6), '');
  });

  it('counts whole seconds down to zero', () => {
    assert.equal(secondsUntil(at + 29_001, at), 30);
    assert.equal(secondsUntil(at + 30_000, at), 30);
    assert.equal(secondsUntil(at, at), 0);
    assert.equal(secondsUntil(at - 5_000, at), 0);
  });

  it('a rate limit never shortens a countdown already running', () => {
    const entry: CodeEntry = { ...firstCode, resendAt: at + 300_000 };
    assert.equal(codeRefused(entry, 'rate-limited', { retryAfter: 10 }, at).resendAt, at + 300_000);
    assert.equal(codeRefused(entry, 'invalid-code', { retryAfter: 10 }, at).retryAfter, undefined, 'only a rate limit has a wait');
  });
});

describe('profile: a rate limit', () => {
  it('dates the end of the wait in the notice, where the countdown and the add button read it', () => {
    const adding = run(loaded, { type: 'task-started', task: { kind: 'add' } });
    const limited = transition(adding, { type: 'task-failed', error: 'rate-limited', retryAfter: 2, at });
    assert.deepEqual(limited.name === 'ready' && limited.notice, { tone: 'error', error: 'rate-limited', retryAt: at + 2_000 });
    assert.equal(retryAtOf(limited), at + 2_000);
    assert.equal(retryAtOf(transition(adding, { type: 'task-failed', error: 'server', at })), 0);
  });

  it('a second task while one runs changes nothing (the element then starts no second one)', () => {
    const adding = run(loaded, { type: 'task-started', task: { kind: 'add' } });
    assert.equal(transition(adding, { type: 'task-started', task: { kind: 'add' } }), adding);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PasskeyError } from '../../src/core/errors.ts';
import { hasLoginCodes } from '../../src/core/backend.ts';
import { MemoryBackend, STORY_CODE, STORY_RECOVERY_CODES, type SeedUser } from '../../stories/memory-backend.ts';

// The backend names the page's host as the relying party, as a story page would.
Object.defineProperty(globalThis, 'location', { value: new URL('http://localhost:6006/iframe.html'), configurable: true });

const ada: SeedUser = { identifier: 'ada@example.com', displayName: 'Ada Lovelace', passkeys: [{ id: 'cGFzc2tleQ' }] };

/** The code of the `PasskeyError` a call rejects with, and its details. */
async function refusalOf(call: Promise<unknown>): Promise<{ code: string; details: Record<string, unknown> }> {
  try {
    await call;
  } catch (error) {
    assert.ok(error instanceof PasskeyError, `expected a PasskeyError, got ${String(error)}`);
    return { code: error.code, details: error.details };
  }
  assert.fail('expected the call to be refused');
}

describe("the stories' memory backend: email codes", () => {
  it('answers a code request alike for known and unknown addresses, and only the known one signs in', async () => {
    const backend = new MemoryBackend({ users: [ada] });
    const known = await backend.requestSignInCode({ email: ' ADA@example.com ' });
    const unknown = await backend.requestSignInCode({ email: 'nobody@example.com' });
    assert.deepEqual(known, { expiresIn: 600, resendIn: 30, length: 6 });
    assert.deepEqual(unknown, known);
    assert.equal((await refusalOf(backend.signInWithCode({ email: 'nobody@example.com', code: STORY_CODE }))).code, 'invalid-code');
    const answer = await backend.signInWithCode({ email: 'ada@example.com', code: STORY_CODE });
    assert.equal(answer.user.identifier, 'ada@example.com');
    assert.equal(answer.passkeyRequired, false);
    assert.equal((await backend.currentUser())?.identifier, 'ada@example.com');
    assert.equal((await refusalOf(backend.signInWithCode({ email: 'ada@example.com', code: STORY_CODE }))).code, 'code-used');
  });

  it('counts wrong tries down, then refuses the code for good', async () => {
    const backend = new MemoryBackend({ users: [ada] });
    await backend.requestSignInCode({ email: ada.identifier });
    const tries = [];
    for (let attempt = 0; attempt < 5; attempt++) tries.push(await refusalOf(backend.signInWithCode({ email: ada.identifier, code: '000000' })));
    assert.deepEqual(tries.map(({ code, details }) => `${code} ${details.attemptsLeft ?? ''}`.trim()), ['invalid-code 4', 'invalid-code 3', 'invalid-code 2', 'invalid-code 1', 'code-attempts-exhausted']);
    assert.equal((await refusalOf(backend.signInWithCode({ email: ada.identifier, code: STORY_CODE }))).code, 'code-attempts-exhausted');
  });

  it('refuses a second code within the cooldown, saying when to come back', async () => {
    const backend = new MemoryBackend({ users: [ada], resendSeconds: 45 });
    await backend.requestSignInCode({ email: ada.identifier });
    const { code, details } = await refusalOf(backend.requestSignInCode({ email: ada.identifier }));
    assert.equal(code, 'rate-limited');
    assert.ok(Number(details.retryAfter) > 40 && Number(details.retryAfter) <= 45, `retryAfter ${details.retryAfter}`);
    assert.equal((await refusalOf(backend.requestSignInCode({ email: 'not an address' }))).code, 'invalid-email');
  });

  it('verified sign-up: no passkey sign-up without a code, then code, account, passkey', async () => {
    const backend = new MemoryBackend({ emailVerification: 'required' });
    assert.equal((await refusalOf(backend.registrationOptions({ identifier: 'grace@example.com' }))).code, 'email-verification-required');
    await backend.requestSignUpCode({ email: 'grace@example.com', displayName: 'Grace Hopper' });
    const answer = await backend.signUpWithCode({ email: 'grace@example.com', code: STORY_CODE });
    assert.equal(answer.user.displayName, 'Grace Hopper');
    assert.equal(answer.user.emailVerified, true);
    // Right after a code sign-in the session may add a passkey without another check.
    const options = await backend.addPasskeyOptions();
    assert.equal(options.user.name, 'grace@example.com');
    assert.equal((await refusalOf(backend.deleteAccount())).code, 'reauthentication-required');
  });

  it('two-factor: the email code alone asks for a recovery code; with one, a session that must add a passkey', async () => {
    const backend = new MemoryBackend({ users: [ada], twoFactor: true });
    await backend.requestSignInCode({ email: ada.identifier });
    assert.equal((await refusalOf(backend.signInWithCode({ email: ada.identifier, code: STORY_CODE }))).code, 'recovery-code-required');
    assert.equal((await refusalOf(backend.signInWithCode({ email: ada.identifier, code: STORY_CODE, recoveryCode: 'WRONG-CODE' }))).code, 'invalid-recovery-code');
    const answer = await backend.signInWithCode({ email: ada.identifier, code: STORY_CODE, recoveryCode: STORY_RECOVERY_CODES[0]!.toLowerCase() });
    assert.equal(answer.passkeyRequired, true);
    assert.equal((await refusalOf(backend.updateAccount({ displayName: 'Ada' }))).code, 'passkey-required');
    assert.equal((await backend.account()).user.twoFactor?.recoveryCodesLeft, STORY_RECOVERY_CODES.length - 1);
  });

  it('without codes it has none of the code operations, so the elements show no code UI', () => {
    assert.equal(hasLoginCodes(new MemoryBackend()), true);
    const backend = new MemoryBackend({ withoutCodes: true });
    assert.equal(hasLoginCodes(backend), false);
    assert.equal(typeof backend.requestEmailCode, 'undefined');
    assert.equal(typeof backend.loginOptions, 'function');
  });
});

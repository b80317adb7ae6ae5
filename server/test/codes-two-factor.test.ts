/** The two-factor policy: an email code alone never opens a session; recovery takes a recovery code too. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../src/index.ts';
import { addPasskey, ageVerification, getAccount } from './helpers/account.ts';
import { SoftwareAuthenticator } from './helpers/authenticator.ts';
import { codeRows, confirmCurrentEmail, mailedCode, signUpWithCode, type SignInAnswer } from './helpers/codes.ts';
import {
  TestClient,
  databaseTargets,
  expectJson,
  expectProblem,
  origin,
  registrationOptions,
  startServer,
  uniqueIdentifier,
} from './helpers/harness.ts';
import type { RunningServer } from './helpers/harness.ts';
import { startMailSink, type MailSink } from './helpers/mail-sink.ts';

const recoveryCodeShape = /^[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{2}$/;

for (const target of databaseTargets()) {
  describe(`two-factor policy on ${target.name}`, () => {
    let database: Database;
    let sink: MailSink;
    let twoFactor: RunningServer;
    let standard: RunningServer;

    before(async () => {
      database = await target.open();
      sink = await startMailSink();
      const options = { smtpUrl: sink.url, codeLimits: { resendCooldownMs: 50 } };
      twoFactor = await startServer(database, { ...options, signInPolicy: 'two-factor' });
      standard = await startServer(database, options);
    });
    after(async () => {
      await twoFactor.close();
      await standard.close();
      await sink.close();
      await database.close();
    });

    /** A passkey sign-up with a confirmed address on the two-factor server; returns its recovery codes. */
    async function accountWithRecoveryCodes(email: string) {
      const browser = new TestClient(twoFactor.baseUrl);
      const authenticator = new SoftwareAuthenticator();
      const options = await registrationOptions(browser, email);
      const answer = await expectJson<SignInAnswer>(await browser.post('/register/verify', authenticator.create(options, { origin })));
      await confirmCurrentEmail(sink, browser, email);
      return { browser, authenticator, user: answer.user, recoveryCodes: answer.recoveryCodes ?? [] };
    }

    /** A fresh sign-in code for `email`, asked for from a new browser. */
    async function signInCode(email: string) {
      const browser = new TestClient(twoFactor.baseUrl);
      const { code } = await mailedCode(sink, browser, '/login/code', email);
      return { browser, code };
    }

    it('gives a passkey sign-up ten recovery codes, stored as hashes only, and counts them on the account page', async () => {
      const email = uniqueIdentifier('recovery-codes');
      const { browser, recoveryCodes, user } = await accountWithRecoveryCodes(email);
      assert.equal(recoveryCodes.length, 10);
      assert.equal(new Set(recoveryCodes).size, 10);
      for (const code of recoveryCodes) assert.match(code, recoveryCodeShape);
      const rows = await database.query<{ code_hash: string; used_at: Date | null }>('SELECT code_hash, used_at FROM recovery_codes WHERE user_id = $1', [user.id]);
      assert.equal(rows.length, 10);
      for (const row of rows) {
        assert.match(row.code_hash, /^[0-9a-f]{64}$/);
        assert.ok(recoveryCodes.every((code) => !row.code_hash.includes(code.replaceAll('-', ''))));
      }
      assert.deepEqual((await getAccount(browser)).user.twoFactor, { optedOut: false, recoveryCodesLeft: 10 });
      const sameAccountElsewhere = new TestClient(standard.baseUrl);
      sameAccountElsewhere.cookies.set('passkey_session', [...browser.cookies.values()][0] ?? '');
      assert.equal((await getAccount(sameAccountElsewhere)).user.twoFactor, undefined, 'shown under the two-factor policy only');
    });

    it('recovers with an email code plus a recovery code, then requires a passkey before anything else', async () => {
      const email = uniqueIdentifier('recover');
      const { recoveryCodes } = await accountWithRecoveryCodes(email);
      const { browser, code } = await signInCode(email);

      // The email code is right but alone: it stays valid and its try does not count.
      for (let repeat = 0; repeat < 6; repeat++) {
        await expectProblem(await browser.post('/login/code/verify', { email, code }), 403, 'recovery-code-required');
      }
      assert.equal((await codeRows(database, email))[0]?.attempts, 0);
      assert.equal(browser.cookies.size, 0);

      const wrong = await expectProblem(await browser.post('/login/code/verify', { email, code, recoveryCode: 'aaaa-bbbb-cc' }), 400, 'invalid-recovery-code');
      assert.equal(wrong.attemptsLeft, 4, 'a wrong recovery code counts as a wrong try of the email code');
      const malformed = await expectProblem(await browser.post('/login/code/verify', { email, code, recoveryCode: 'not a code\u0000' }), 400, 'invalid-recovery-code');
      assert.equal(malformed.attemptsLeft, 3);

      const [recoveryCode = ''] = recoveryCodes;
      const typed = recoveryCode.replaceAll('-', '').toUpperCase();
      const answer = await expectJson<SignInAnswer>(await browser.post('/login/code/verify', { email, code, recoveryCode: typed }));
      assert.equal(answer.passkeyRequired, true);
      const account = await getAccount(browser);
      assert.equal(account.sessions.find((session) => session.current)?.signedInWith, 'recovery-code');
      assert.equal(account.user.twoFactor?.recoveryCodesLeft, 9);
      for (const refused of [
        () => browser.patch('/account', { displayName: 'Ada' }),
        () => browser.post('/reauthenticate/options', {}),
        () => browser.post('/account/recovery-codes', {}),
        () => browser.delete('/sessions/others'),
      ]) {
        await expectProblem(await refused(), 403, 'passkey-required');
      }

      const authenticator = new SoftwareAuthenticator();
      await addPasskey(browser, authenticator);
      await expectJson(await browser.patch('/account', { displayName: 'Ada' }));
      // A code is one factor here: sensitive acts need the passkey.
      const body = await expectProblem(await browser.delete('/sessions/others'), 403, 'reauthentication-required');
      assert.deepEqual(body.methods, ['passkey']);
      await expectProblem(await browser.post('/reauthenticate/code', {}), 403, 'codes-disabled');

      // Each recovery code works once.
      const again = await signInCode(email);
      await expectProblem(await again.browser.post('/login/code/verify', { email, code: again.code, recoveryCode }), 400, 'invalid-recovery-code');
      await expectJson(await again.browser.post('/login/code/verify', { email, code: again.code, recoveryCode: recoveryCodes[1] }));
    });

    it('spends the email code on the fifth wrong recovery code', async () => {
      const email = uniqueIdentifier('recover-wrong');
      const { recoveryCodes } = await accountWithRecoveryCodes(email);
      const { browser, code } = await signInCode(email);
      for (const attemptsLeft of [4, 3, 2, 1]) {
        const body = await expectProblem(await browser.post('/login/code/verify', { email, code, recoveryCode: '0000-0000-00' }), 400, 'invalid-recovery-code');
        assert.equal(body.attemptsLeft, attemptsLeft);
      }
      await expectProblem(await browser.post('/login/code/verify', { email, code, recoveryCode: '0000-0000-00' }), 400, 'code-attempts-exhausted');
      await expectProblem(await browser.post('/login/code/verify', { email, code, recoveryCode: recoveryCodes[0] }), 400, 'code-attempts-exhausted');
      const [user] = await database.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [email]);
      const [unused] = await database.query<{ unused: number }>('SELECT count(*)::int AS unused FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL', [user?.id]);
      assert.equal(unused?.unused, 10, 'no recovery code was used up');
    });

    it('replaces the recovery codes as a set', async () => {
      const email = uniqueIdentifier('regenerate');
      const { browser, recoveryCodes } = await accountWithRecoveryCodes(email);
      const { codes } = await expectJson<{ codes: string[] }>(await browser.post('/account/recovery-codes', {}), 201);
      assert.equal(codes.length, 10);
      assert.deepEqual(codes.filter((code) => recoveryCodes.includes(code)), []);
      const first = await signInCode(email);
      await expectProblem(await first.browser.post('/login/code/verify', { email, code: first.code, recoveryCode: recoveryCodes[0] }), 400, 'invalid-recovery-code');
      await expectJson(await first.browser.post('/login/code/verify', { email, code: first.code, recoveryCode: codes[0] }));
    });

    it('lets a user opt out with a fresh verification, records when, and then an email code alone signs in', async () => {
      const email = uniqueIdentifier('opt-out');
      const { browser, user } = await accountWithRecoveryCodes(email);
      await ageVerification(database, browser, 60);
      await expectProblem(await browser.post('/account/two-factor', { optOut: true }), 403, 'reauthentication-required');
      await expectProblem(await new TestClient(twoFactor.baseUrl).post('/account/two-factor', { optOut: true }), 401, 'not-signed-in');
      await ageVerification(database, browser, 0);
      await expectProblem(await browser.post('/account/two-factor', { optOut: 'yes' }), 400, 'invalid-request');
      const optedOut = await expectJson<{ user: { twoFactor?: { optedOut: boolean } } }>(await browser.post('/account/two-factor', { optOut: true }));
      assert.equal(optedOut.user.twoFactor?.optedOut, true);
      const [row] = await database.query<{ two_factor_opted_out_at: Date | null }>('SELECT two_factor_opted_out_at FROM users WHERE id = $1', [user.id]);
      assert.ok(row?.two_factor_opted_out_at instanceof Date, 'the choice is recorded with its time');

      const { browser: elsewhere, code } = await signInCode(email);
      const answer = await expectJson<SignInAnswer>(await elsewhere.post('/login/code/verify', { email, code }));
      assert.equal(answer.passkeyRequired, undefined);
      assert.equal((await getAccount(elsewhere)).sessions.find((session) => session.current)?.signedInWith, 'email-code');
      const body = await expectProblem(await elsewhere.delete('/sessions/others'), 403, 'reauthentication-required');
      assert.deepEqual(body.methods, ['passkey', 'code'], 'one factor is enough for this user now');

      await expectJson(await browser.post('/account/two-factor', { optOut: false }));
      const back = await signInCode(email);
      await expectProblem(await back.browser.post('/login/code/verify', { email, code: back.code }), 403, 'recovery-code-required');
    });

    it('gives a code sign-up recovery codes and requires a passkey first', async () => {
      const browser = new TestClient(twoFactor.baseUrl);
      const answer = await signUpWithCode(sink, browser, uniqueIdentifier('two-factor-sign-up'));
      assert.equal(answer.passkeyRequired, true);
      assert.equal(answer.recoveryCodes?.length, 10);
      await expectProblem(await browser.patch('/account', { displayName: 'Ada' }), 403, 'passkey-required');
      await addPasskey(browser, new SoftwareAuthenticator());
      await expectJson(await browser.patch('/account', { displayName: 'Ada' }));
    });
  });
}

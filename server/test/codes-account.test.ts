/** The account's address (confirm, change) and re-verification by code for sensitive acts. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../src/index.ts';
import { addPasskey, ageVerification, getAccount, reauthenticate, type AccountJson } from './helpers/account.ts';
import { SoftwareAuthenticator } from './helpers/authenticator.ts';
import {
  codeRows,
  confirmCurrentEmail,
  expectNoMail,
  mailedCode,
  otherCode,
  requestCode,
  signInWithCode,
  signUpWithCode,
} from './helpers/codes.ts';
import { TestClient, databaseTargets, expectJson, expectProblem, signUp, startServer, uniqueIdentifier } from './helpers/harness.ts';
import type { RunningServer } from './helpers/harness.ts';
import { startMailSink, type MailSink } from './helpers/mail-sink.ts';

const isoDate = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

for (const target of databaseTargets()) {
  describe(`account email and code re-authentication on ${target.name}`, () => {
    let database: Database;
    let sink: MailSink;
    let running: RunningServer;

    before(async () => {
      database = await target.open();
      sink = await startMailSink();
      running = await startServer(database, { smtpUrl: sink.url, codeLimits: { resendCooldownMs: 50 } });
    });
    after(async () => {
      await running.close();
      await sink.close();
      await database.close();
    });

    /** Every sensitive act but adding a passkey, as requests of `browser`; `passkeyId` is one it may remove. */
    const sensitiveActs = (browser: TestClient, passkeyId: string) => [
      () => browser.delete(`/passkeys/${passkeyId}`),
      () => browser.delete('/sessions/others'),
      () => browser.post('/account/email/code', { email: uniqueIdentifier('moved') }),
      () => browser.post('/account/recovery-codes', {}),
      () => browser.post('/account/two-factor', { optOut: false }),
      () => browser.delete('/account'),
    ];

    it('after a code sign-in, asks for a fresh verification for sensitive acts, and a re-authentication code gives it', async () => {
      const email = uniqueIdentifier('code-session');
      const browser = new TestClient(running.baseUrl);
      await signUpWithCode(sink, browser, email);
      // The code of the sign-up lets the session add passkeys, and nothing else sensitive.
      const first = await addPasskey(browser, new SoftwareAuthenticator());
      await addPasskey(browser, new SoftwareAuthenticator());
      const since = Date.now();
      for (const act of sensitiveActs(browser, first.id)) {
        const body = await expectProblem(await act(), 403, 'reauthentication-required');
        assert.deepEqual(body.methods, ['passkey', 'code']);
      }
      await expectNoMail(sink, email, since, 0);
      assert.equal((await getAccount(browser)).passkeys.length, 2, 'nothing changed');

      const { code, mail } = await mailedCode(sink, browser, '/reauthenticate/code', email, { language: 'fr' });
      assert.equal(mail.subject, 'Votre code de confirmation pour Passkey Elements demo');
      const wrong = await expectProblem(await browser.post('/reauthenticate/code/verify', { code: otherCode(code) }), 400, 'invalid-code');
      assert.equal(wrong.attemptsLeft, 4);
      const { verifiedAt } = await expectJson<{ verifiedAt: string }>(await browser.post('/reauthenticate/code/verify', { code }));
      assert.match(verifiedAt, isoDate);
      await expectProblem(await browser.post('/reauthenticate/code/verify', { code }), 400, 'code-used');

      assert.equal((await browser.delete(`/passkeys/${first.id}`)).status, 204);
      await expectJson(await browser.delete('/sessions/others'));
      assert.equal((await expectJson<{ codes: string[] }>(await browser.post('/account/recovery-codes', {}), 201)).codes.length, 10);
    });

    it('asks an account without passkeys to verify by code once the sign-in code is too old even for adding one', async () => {
      const email = uniqueIdentifier('stale-code-session');
      const browser = new TestClient(running.baseUrl);
      await signUpWithCode(sink, browser, email);
      await ageVerification(database, browser, 60);
      const body = await expectProblem(await browser.post('/passkeys/options', {}), 403, 'reauthentication-required');
      assert.deepEqual(body.methods, ['code']);
      const { code } = await mailedCode(sink, browser, '/reauthenticate/code', email, {});
      await expectJson(await browser.post('/reauthenticate/code/verify', { code }));
      await addPasskey(browser, new SoftwareAuthenticator());
    });

    it('lets a code session verify with a passkey of the account too', async () => {
      const email = uniqueIdentifier('passkey-after-code');
      const authenticator = new SoftwareAuthenticator();
      await signUpWithCode(sink, new TestClient(running.baseUrl), email);
      const owner = new TestClient(running.baseUrl);
      await signInWithCode(sink, owner, email);
      await addPasskey(owner, authenticator);
      await addPasskey(owner, new SoftwareAuthenticator());
      const passkeys = (await getAccount(owner)).passkeys;
      await expectProblem(await owner.delete(`/passkeys/${passkeys[0]?.id}`), 403, 'reauthentication-required');
      await reauthenticate(owner, authenticator);
      assert.equal((await owner.delete(`/passkeys/${passkeys[0]?.id}`)).status, 204);
    });

    it('needs a confirmed address for re-authentication codes', async () => {
      const browser = new TestClient(running.baseUrl);
      await signUp(browser, new SoftwareAuthenticator(), uniqueIdentifier('unconfirmed'));
      await expectProblem(await browser.post('/reauthenticate/code', {}), 400, 'invalid-email');
      await expectProblem(await browser.post('/reauthenticate/code/verify', { code: '123456' }), 400, 'invalid-email');
      await ageVerification(database, browser, 60);
      const body = await expectProblem(await browser.delete('/sessions/others'), 403, 'reauthentication-required');
      assert.deepEqual(body.methods, ['passkey'], 'no code for an unconfirmed address');
      await expectProblem(await browser.post('/reauthenticate/code', { language: 9 }), 400, 'invalid-request');
      await expectProblem(await browser.post('/reauthenticate/code/verify', {}), 400, 'invalid-request');
    });

    it('confirms the current address with a code, after which it can sign in by code', async () => {
      const email = uniqueIdentifier('confirm');
      const browser = new TestClient(running.baseUrl);
      await signUp(browser, new SoftwareAuthenticator(), email);
      const { code, mail } = await mailedCode(sink, browser, '/account/email/code', email, {});
      assert.equal(mail.subject, 'Confirm your email address for Passkey Elements demo');
      const { user } = await expectJson<{ user: AccountJson['user'] }>(await browser.post('/account/email/verify', { email, code }));
      assert.deepEqual([user.email, user.emailVerified, user.identifier], [email, true, email]);
      assert.equal(typeof user.userHandle, 'string');
      assert.equal((await getAccount(browser)).user.emailVerified, true);
      assert.equal((await signInWithCode(sink, new TestClient(running.baseUrl), email)).user.email, email);
    });

    it('moves the account to a new address confirmed by a code, tells the old one, and moves an email identifier along', async () => {
      const oldEmail = uniqueIdentifier('old');
      const newEmail = uniqueIdentifier('new');
      const browser = new TestClient(running.baseUrl);
      const authenticator = new SoftwareAuthenticator();
      await signUp(browser, authenticator, oldEmail);
      await confirmCurrentEmail(sink, browser, oldEmail);

      const { code, mail } = await mailedCode(sink, browser, '/account/email/code', newEmail, { email: ` ${newEmail.toUpperCase()} `, language: 'nl' });
      assert.equal(mail.subject, 'Bevestig je nieuwe e-mailadres voor Passkey Elements demo');
      const [row] = await codeRows(database, newEmail);
      assert.equal(row?.purpose, 'change-email');
      // The code belongs to the change, not to confirming the old address.
      await expectProblem(await browser.post('/account/email/verify', { email: oldEmail, code }), 400, 'invalid-code');

      const since = Date.now();
      const { user } = await expectJson<{ user: AccountJson['user'] }>(await browser.post('/account/email/verify', { email: newEmail, code }));
      assert.deepEqual([user.identifier, user.email, user.emailVerified], [newEmail, newEmail, true]);
      const notice = await sink.waitFor(oldEmail, { since });
      assert.equal(notice.subject, 'Het e-mailadres van je account bij Passkey Elements demo is gewijzigd');
      assert.ok(notice.text.includes(newEmail), 'the old address learns where the account went');

      // Codes follow the address: the old one is unknown now, the new one signs in.
      const oldSince = notice.receivedAt + 1;
      await requestCode(new TestClient(running.baseUrl), '/login/code', { email: oldEmail });
      await expectNoMail(sink, oldEmail, oldSince);
      assert.equal((await signInWithCode(sink, new TestClient(running.baseUrl), newEmail)).user.id, user.id);
    });

    it('answers a change to an address another account uses like any other, sends nothing there, and the code fails', async () => {
      const takenEmail = uniqueIdentifier('taken');
      await signUp(new TestClient(running.baseUrl), new SoftwareAuthenticator(), takenEmail);
      const browser = new TestClient(running.baseUrl);
      await signUp(browser, new SoftwareAuthenticator(), uniqueIdentifier('mover'));
      const free = await requestCode(browser, '/account/email/code', { email: uniqueIdentifier('free') });
      const since = Date.now();
      assert.deepEqual(await requestCode(browser, '/account/email/code', { email: takenEmail }), free);
      await expectNoMail(sink, takenEmail, since);
      const body = await expectProblem(await browser.post('/account/email/verify', { email: takenEmail, code: '123456' }), 400, 'invalid-code');
      assert.equal(body.attemptsLeft, 4);
    });

    it('answers identifier-taken when another account took the new address between the code and its use', async () => {
      const wanted = uniqueIdentifier('wanted');
      const browser = new TestClient(running.baseUrl);
      const original = uniqueIdentifier('original');
      await signUp(browser, new SoftwareAuthenticator(), original);
      const { code } = await mailedCode(sink, browser, '/account/email/code', wanted, { email: wanted });
      await signUp(new TestClient(running.baseUrl), new SoftwareAuthenticator(), wanted);
      await expectProblem(await browser.post('/account/email/verify', { email: wanted, code }), 409, 'identifier-taken');
      assert.equal((await getAccount(browser)).user.email, original);
    });

    it('gives a username account an address, which its identifier does not follow, and which passkey sign-ups cannot reuse', async () => {
      const username = `grace_${Date.now()}`;
      const email = uniqueIdentifier('for-username');
      const browser = new TestClient(running.baseUrl);
      await signUp(browser, new SoftwareAuthenticator(), username);
      await expectProblem(await browser.post('/account/email/code', {}), 400, 'invalid-email');
      await expectProblem(await browser.post('/account/email/code', { email: 'grace' }), 400, 'invalid-email');
      const { code } = await mailedCode(sink, browser, '/account/email/code', email, { email });
      const { user } = await expectJson<{ user: AccountJson['user'] }>(await browser.post('/account/email/verify', { email, code }));
      assert.deepEqual([user.identifier, user.email, user.emailVerified], [username, email, true]);
      await expectProblem(await new TestClient(running.baseUrl).post('/register/options', { identifier: email }), 409, 'identifier-taken');
    });

    it('asks for a fresh verification before sending a code to a new address, and sends nothing without one', async () => {
      const browser = new TestClient(running.baseUrl);
      const email = uniqueIdentifier('stale');
      await signUp(browser, new SoftwareAuthenticator(), email);
      await ageVerification(database, browser, 60);
      const newEmail = uniqueIdentifier('not-sent');
      const since = Date.now();
      await expectProblem(await browser.post('/account/email/code', { email: newEmail }), 403, 'reauthentication-required');
      await expectNoMail(sink, newEmail, since);
      assert.deepEqual(await codeRows(database, newEmail), []);
      // Confirming the current address is not sensitive.
      await requestCode(browser, '/account/email/code', {});
    });
  });
}

/** Sign-up that starts with a confirmed address, and how it meets existing accounts. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../src/index.ts';
import { addPasskey, getAccount } from './helpers/account.ts';
import { SoftwareAuthenticator } from './helpers/authenticator.ts';
import { expectNoMail, mailedCode, requestCode, signUpWithCode, type SignInAnswer } from './helpers/codes.ts';
import {
  TestClient,
  countRows,
  databaseTargets,
  expectJson,
  expectProblem,
  signIn,
  signUp,
  startServer,
  uniqueIdentifier,
} from './helpers/harness.ts';
import type { RunningServer } from './helpers/harness.ts';
import { codeOf, startMailSink, type MailSink } from './helpers/mail-sink.ts';

for (const target of databaseTargets()) {
  describe(`code sign-up on ${target.name}`, () => {
    let database: Database;
    let sink: MailSink;
    let optional: RunningServer;
    let required: RunningServer;
    let off: RunningServer;

    before(async () => {
      database = await target.open();
      sink = await startMailSink();
      optional = await startServer(database, { smtpUrl: sink.url });
      required = await startServer(database, { smtpUrl: sink.url, emailVerification: 'required' });
      off = await startServer(database, { smtpUrl: sink.url, emailVerification: 'off', codeSignIn: 'off' });
    });
    after(async () => {
      for (const server of [optional, required, off]) await server.close();
      await sink.close();
      await database.close();
    });

    it('signs up with a confirmed address when the server requires one, then adds and uses a passkey', async () => {
      const browser = new TestClient(required.baseUrl);
      const email = uniqueIdentifier('verified-sign-up');
      await expectProblem(await browser.post('/register/options', { identifier: email }), 403, 'email-verification-required');
      await expectProblem(await browser.post('/register/options', { identifier: 'ada_l' }), 403, 'email-verification-required');

      const { code, mail } = await mailedCode(sink, browser, '/register/code', email, { email, displayName: 'Ada Lovelace', language: 'de-AT' });
      assert.equal(mail.subject, 'Bestätigen Sie Ihre E-Mail-Adresse für Passkey Elements demo');
      assert.match(mail.text, /Konto bei Passkey Elements demo anzulegen/);
      assert.match(mail.html, /<html lang="de" dir="ltr">/);
      const usersBefore = (await countRows(database)).users;
      const answer = await expectJson<SignInAnswer>(await browser.post('/register/code/verify', { email, code }));
      assert.deepEqual({ ...answer.user, id: undefined }, {
        id: undefined,
        identifier: email,
        displayName: 'Ada Lovelace',
        email,
        emailVerified: true,
      });
      assert.equal(answer.passkeyRequired, undefined, 'a code is a full sign-in here; the passkey prompt may be skipped');
      assert.equal(answer.recoveryCodes, undefined);
      assert.equal((await countRows(database)).users, usersBefore + 1);
      const account = await getAccount(browser);
      assert.deepEqual(account.passkeys, []);
      assert.equal(account.sessions[0]?.signedInWith, 'email-code');

      const authenticator = new SoftwareAuthenticator();
      await addPasskey(browser, authenticator);
      assert.deepEqual(await signIn(new TestClient(required.baseUrl), authenticator, email), answer.user);
    });

    it('answers a sign-up code request for an existing account like any other, and tells the owner instead', async () => {
      const email = uniqueIdentifier('existing');
      const owner = new TestClient(optional.baseUrl);
      await signUp(owner, new SoftwareAuthenticator(), email);
      const before = await getAccount(owner);

      const fresh = await requestCode(new TestClient(optional.baseUrl), '/register/code', { email: uniqueIdentifier('fresh') });
      const browser = new TestClient(optional.baseUrl);
      const since = Date.now();
      assert.deepEqual(await requestCode(browser, '/register/code', { email }), fresh);
      const notice = await sink.waitFor(email, { since });
      assert.equal(notice.subject, 'You already have an account at Passkey Elements demo');
      assert.match(notice.text, /sign in instead/);
      assert.throws(() => codeOf(notice), /No "@<rp-id> #<code>" line/, 'the notice carries no code');
      const body = await expectProblem(await browser.post('/register/code/verify', { email, code: '000000' }), 400, 'invalid-code');
      assert.equal(body.attemptsLeft, 4);
      assert.deepEqual(await getAccount(owner), { ...before, sessions: (await getAccount(owner)).sessions });
    });

    it('answers identifier-taken when the address got an account between the code and its use', async () => {
      const email = uniqueIdentifier('raced-sign-up');
      const browser = new TestClient(optional.baseUrl);
      const { code } = await mailedCode(sink, browser, '/register/code', email);
      await signUp(new TestClient(optional.baseUrl), new SoftwareAuthenticator(), email);
      const usersBefore = (await countRows(database)).users;
      await expectProblem(await browser.post('/register/code/verify', { email, code }), 409, 'identifier-taken');
      assert.equal((await countRows(database)).users, usersBefore);
      assert.equal(browser.cookies.size, 0);
    });

    it('takes the display name from the verify request, else from the code request, else the address', async () => {
      const browser = new TestClient(optional.baseUrl);
      const named = uniqueIdentifier('named');
      const { code } = await mailedCode(sink, browser, '/register/code', named, { email: named, displayName: 'First' });
      await expectProblem(await browser.post('/register/code/verify', { email: named, code, displayName: ' ' }), 400, 'invalid-display-name');
      const answer = await expectJson<SignInAnswer>(await browser.post('/register/code/verify', { email: named, code, displayName: ' Grace ' }));
      assert.equal(answer.user.displayName, 'Grace');

      assert.equal((await signUpWithCode(sink, new TestClient(optional.baseUrl), uniqueIdentifier('kept'), 'Kept')).user.displayName, 'Kept');
      const plain = uniqueIdentifier('plain');
      assert.equal((await signUpWithCode(sink, new TestClient(optional.baseUrl), plain)).user.displayName, plain);
      await expectProblem(await browser.post('/register/code', { email: uniqueIdentifier('bad'), displayName: 'tab\there' }), 400, 'invalid-display-name');
    });

    it('keeps an email identifier of a passkey sign-up as the unconfirmed address, and a username without one', async () => {
      const email = uniqueIdentifier('passkey-sign-up');
      const withEmail = await signUp(new TestClient(optional.baseUrl), new SoftwareAuthenticator(), email);
      assert.deepEqual([withEmail.email, withEmail.emailVerified], [email, false]);
      const username = `user_${Date.now()}`;
      const withUsername = await signUp(new TestClient(optional.baseUrl), new SoftwareAuthenticator(), username);
      assert.deepEqual([withUsername.email, withUsername.emailVerified], [null, false]);
    });

    it("with emailVerification 'off' answers codes-disabled and sends nothing", async () => {
      const email = uniqueIdentifier('codes-off');
      const browser = new TestClient(off.baseUrl);
      const since = Date.now();
      await expectProblem(await browser.post('/register/code', { email }), 403, 'codes-disabled');
      await expectProblem(await browser.post('/register/code/verify', { email, code: '123456' }), 403, 'codes-disabled');
      await signUp(browser, new SoftwareAuthenticator(), email);
      await expectProblem(await browser.post('/account/email/code', {}), 403, 'codes-disabled');
      await expectProblem(await browser.post('/account/email/verify', { email, code: '123456' }), 403, 'codes-disabled');
      await expectProblem(await browser.post('/reauthenticate/code', {}), 403, 'codes-disabled');
      await expectNoMail(sink, email, since);
    });
  });
}

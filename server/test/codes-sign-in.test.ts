/** Sign-in with email codes over real HTTP, the codes read from mail received over SMTP. */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../src/index.ts';
import { addPasskey, addPasskeyOptions, getAccount } from './helpers/account.ts';
import { SoftwareAuthenticator } from './helpers/authenticator.ts';
import {
  codeRows,
  expectNoMail,
  mailedCode,
  otherCode,
  requestCode,
  signInWithCode,
  signUpWithCode,
  type SignInAnswer,
} from './helpers/codes.ts';
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
  describe(`code sign-in on ${target.name}`, () => {
    let database: Database;
    let sink: MailSink;
    let running: RunningServer;
    /** Codes that live half a second. */
    let quickExpiry: RunningServer;
    /** `codeSignIn: 'recovery'`: a code only leads to a new passkey. */
    let recoveryOnly: RunningServer;
    let noCodeSignIn: RunningServer;

    before(async () => {
      database = await target.open();
      sink = await startMailSink();
      const mail = { smtpUrl: sink.url, codeLimits: { resendCooldownMs: 50 } };
      running = await startServer(database, mail);
      quickExpiry = await startServer(database, { ...mail, codeLimits: { resendCooldownMs: 50, lifetimeMs: 500 } });
      recoveryOnly = await startServer(database, { ...mail, codeSignIn: 'recovery' });
      noCodeSignIn = await startServer(database, { ...mail, codeSignIn: 'off' });
    });
    after(async () => {
      for (const server of [running, quickExpiry, recoveryOnly, noCodeSignIn]) await server.close();
      await sink.close();
      await database.close();
    });

    /** An account whose address a sign-up code confirmed; returns its address. */
    async function verifiedAccount(prefix: string): Promise<string> {
      const email = uniqueIdentifier(prefix);
      await signUpWithCode(sink, new TestClient(running.baseUrl), email);
      return email;
    }

    it('mails a code over SMTP that signs in, and the session may add a passkey right after', async () => {
      const email = await verifiedAccount('code-sign-in');
      const browser = new TestClient(running.baseUrl);
      const since = Date.now();
      const sent = await requestCode(browser, '/login/code', { email: email.toUpperCase(), language: 'en' });
      assert.deepEqual(sent, { expiresIn: 600, resendIn: 1, length: 6 });

      const mail = await sink.waitFor(email, { since });
      const code = codeOf(mail);
      assert.match(code, /^\d{6}$/);
      assert.equal(mail.subject, 'Your sign-in code for Passkey Elements demo');
      assert.equal(mail.from, '"Passkey Elements demo" <no-reply@localhost>');
      assert.equal(mail.text.split('\n').at(-1), `@localhost #${code}`, 'the last line is the origin-bound code');
      assert.match(mail.text, /valid for 10 minutes/);
      assert.match(mail.html, new RegExp(`>${code}<`));
      assert.doesNotMatch(mail.html, /<a\s|<img|https?:|src=/i, 'no links, no images, nothing remote');
      const [stored] = await codeRows(database, email);
      assert.ok(stored);
      assert.match(stored.code_hash, /^[0-9a-f]{64}$/);
      assert.ok(!stored.code_hash.includes(code), 'only a keyed hash is stored');

      const answer = await expectJson<SignInAnswer>(await browser.post('/login/code/verify', { email, code }));
      assert.equal(answer.user.email, email);
      assert.equal(answer.user.emailVerified, true);
      assert.equal(answer.passkeyRequired, undefined);
      assert.equal(answer.recoveryCodes, undefined);
      assert.deepEqual(await expectJson(await browser.get('/session')), { user: answer.user });
      const account = await getAccount(browser);
      assert.equal(account.sessions[0]?.signedInWith, 'email-code');
      assert.deepEqual(account.passkeys, []);

      // The automatic passkey upgrade: the code of the sign-in counts for adding a passkey.
      const authenticator = new SoftwareAuthenticator();
      await addPasskey(browser, authenticator);
      const later = new TestClient(running.baseUrl);
      assert.deepEqual(await signIn(later, authenticator), answer.user);
      assert.equal((await getAccount(later)).sessions.find((session) => session.current)?.signedInWith, 'passkey');
    });

    it('answers a wrong code with the tries left, and spends the code on the fifth wrong try', async () => {
      const email = await verifiedAccount('wrong-code');
      const browser = new TestClient(running.baseUrl);
      const { code } = await mailedCode(sink, browser, '/login/code', email);
      const wrong = otherCode(code);
      for (const attemptsLeft of [4, 3, 2, 1]) {
        const body = await expectProblem(await browser.post('/login/code/verify', { email, code: wrong }), 400, 'invalid-code');
        assert.equal(body.attemptsLeft, attemptsLeft);
      }
      await expectProblem(await browser.post('/login/code/verify', { email, code: wrong }), 400, 'code-attempts-exhausted');
      // Spent: even the right code no longer works, and no session was opened.
      await expectProblem(await browser.post('/login/code/verify', { email, code }), 400, 'code-attempts-exhausted');
      assert.equal(browser.cookies.size, 0);
      // A new code works again.
      await sleep(60);
      assert.equal((await signInWithCode(sink, browser, email)).user.email, email);
    });

    it('answers code-used for a code used before and for one a newer code replaced', async () => {
      const email = await verifiedAccount('used-code');
      const first = new TestClient(running.baseUrl);
      const { code } = await mailedCode(sink, first, '/login/code', email);
      await expectJson(await first.post('/login/code/verify', { email, code }));
      await expectProblem(await new TestClient(running.baseUrl).post('/login/code/verify', { email, code }), 400, 'code-used');

      await sleep(60);
      const browser = new TestClient(running.baseUrl);
      const { code: older } = await mailedCode(sink, browser, '/login/code', email);
      await sleep(60);
      const { code: newer } = await mailedCode(sink, browser, '/login/code', email);
      if (older !== newer) {
        await expectProblem(await browser.post('/login/code/verify', { email, code: older }), 400, 'code-used');
      }
      await expectJson(await browser.post('/login/code/verify', { email, code: newer }));
    });

    it('answers code-expired once the code outlived its lifetime', async () => {
      const email = await verifiedAccount('expired-code');
      const browser = new TestClient(quickExpiry.baseUrl);
      const { code } = await mailedCode(sink, browser, '/login/code', email);
      await sleep(700);
      await expectProblem(await browser.post('/login/code/verify', { email, code }), 400, 'code-expired');
      assert.equal(browser.cookies.size, 0);
    });

    it('lets exactly one of several racing checks of one code sign in', async () => {
      const email = await verifiedAccount('racing-code');
      const { code } = await mailedCode(sink, new TestClient(running.baseUrl), '/login/code', email);
      const sessionsBefore = (await countRows(database)).sessions;
      const responses = await Promise.all(
        Array.from({ length: 4 }, () => new TestClient(running.baseUrl).post('/login/code/verify', { email, code })),
      );
      const statuses = responses.map((response) => response.status).sort();
      assert.deepEqual(statuses, [200, 400, 400, 400]);
      for (const response of responses.filter((each) => each.status === 400)) await expectProblem(response, 400, 'code-used');
      for (const response of responses.filter((each) => each.status === 200)) await response.body?.cancel();
      assert.equal((await countRows(database)).sessions, sessionsBefore + 1);
    });

    it('refuses codes that are not exactly 6 ASCII digits without touching the stored code', async () => {
      const email = await verifiedAccount('malformed-code');
      const browser = new TestClient(running.baseUrl);
      const { code } = await mailedCode(sink, browser, '/login/code', email);
      for (const typed of ['', '12345', '1234567', ` ${code}`, `${code}\n`, '１２３４５６', '12345\u0000', 'abcdef', '١٢٣٤٥٦']) {
        const body = await expectProblem(await browser.post('/login/code/verify', { email, code: typed }), 400, 'invalid-code');
        assert.equal(body.attemptsLeft, undefined, JSON.stringify(typed));
      }
      assert.equal((await codeRows(database, email))[0]?.attempts, 0, 'no try was taken');
      await expectJson(await browser.post('/login/code/verify', { email, code }));
    });

    it('treats an unconfirmed address like an unknown one: the same answer, no mail, every code wrong', async () => {
      const email = uniqueIdentifier('unconfirmed');
      await signUp(new TestClient(running.baseUrl), new SoftwareAuthenticator(), email);
      const browser = new TestClient(running.baseUrl);
      const since = Date.now();
      const sent = await requestCode(browser, '/login/code', { email });
      assert.deepEqual(sent, { expiresIn: 600, resendIn: 1, length: 6 });
      const [decoy] = await codeRows(database, email);
      assert.equal(decoy?.user_id, null, 'a decoy, bound to no account');
      await expectNoMail(sink, email, since);
      const body = await expectProblem(await browser.post('/login/code/verify', { email, code: '123456' }), 400, 'invalid-code');
      assert.equal(body.attemptsLeft, 4);
    });

    it("under codeSignIn 'recovery' a code sign-in must add a passkey before anything else", async () => {
      const email = await verifiedAccount('recovery-only');
      const browser = new TestClient(recoveryOnly.baseUrl);
      const { code } = await mailedCode(sink, browser, '/login/code', email);
      const answer = await expectJson<SignInAnswer>(await browser.post('/login/code/verify', { email, code }));
      assert.equal(answer.passkeyRequired, true);
      assert.equal((await getAccount(browser)).user.email, email, 'the account page still loads');
      await expectProblem(await browser.patch('/account', { displayName: 'Ada' }), 403, 'passkey-required');
      await expectProblem(await browser.delete('/sessions/others'), 403, 'passkey-required');
      await expectProblem(await browser.post('/reauthenticate/code', {}), 403, 'passkey-required');
      assert.equal((await expectJson<SignInAnswer>(await browser.get('/session'))).user.email, email);

      await addPasskey(browser, new SoftwareAuthenticator());
      await expectJson(await browser.patch('/account', { displayName: 'Ada' }));
    });

    it("under codeSignIn 'off' code sign-in answers codes-disabled and sends nothing", async () => {
      const email = await verifiedAccount('no-code-sign-in');
      const browser = new TestClient(noCodeSignIn.baseUrl);
      const since = Date.now();
      await expectProblem(await browser.post('/login/code', { email }), 403, 'codes-disabled');
      await expectProblem(await browser.post('/login/code/verify', { email, code: '123456' }), 403, 'codes-disabled');
      await expectNoMail(sink, email, since);
    });

    it('validates every field and answers 4xx problems without storing anything', async () => {
      const browser = new TestClient(running.baseUrl);
      const before = await countRows(database);
      const cases: Array<[string, unknown, number, string]> = [
        ['/login/code', {}, 400, 'invalid-request'],
        ['/login/code', [], 400, 'invalid-request'],
        ['/login/code', { email: 42 }, 400, 'invalid-request'],
        ['/login/code', { email: 'ada_lovelace' }, 400, 'invalid-email'],
        ['/login/code', { email: 'ada@example' }, 400, 'invalid-email'],
        ['/login/code', { email: 'ada\u0000@example.com' }, 400, 'invalid-email'],
        ['/login/code', { email: `${'a'.repeat(250)}@example.com` }, 400, 'invalid-email'],
        ['/login/code', { email: 'ada@example.com', language: 7 }, 400, 'invalid-request'],
        ['/login/code', { email: 'ada@example.com', language: 'de\u0000' }, 400, 'invalid-request'],
        ['/login/code/verify', { email: 'ada@example.com' }, 400, 'invalid-request'],
        ['/login/code/verify', { email: 'ada@example.com', code: 123456 }, 400, 'invalid-request'],
        ['/login/code/verify', { email: 'ada@example.com', code: '123456', recoveryCode: 5 }, 400, 'invalid-request'],
        ['/login/code/verify', { email: 'nope', code: '123456' }, 400, 'invalid-email'],
      ];
      for (const [path, json, status, code] of cases) {
        await expectProblem(await browser.post(path, json), status, code);
      }
      await expectProblem(await browser.request('POST', '/login/code', { body: '{"email":', headers: { 'content-type': 'application/json' } }), 400, 'invalid-json');
      await expectProblem(await browser.request('POST', '/login/code', { body: 'email=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415, 'unsupported-media-type');
      assert.deepEqual(await countRows(database), before);
      assert.deepEqual(await database.query('SELECT 1 FROM email_codes WHERE address = $1', ['ada@example.com']), []);
    });

    it('opens a sign-in from a code with the settings of the server that checks it', async () => {
      // Codes are per database: one asked on one server is checked on another (several processes).
      const email = await verifiedAccount('across-servers');
      const { code } = await mailedCode(sink, new TestClient(running.baseUrl), '/login/code', email);
      const elsewhere = new TestClient(recoveryOnly.baseUrl);
      const answer = await expectJson<SignInAnswer>(await elsewhere.post('/login/code/verify', { email, code }));
      assert.equal(answer.passkeyRequired, true);
      assert.equal((await addPasskeyOptions(elsewhere)).user.name, email);
    });
  });
}

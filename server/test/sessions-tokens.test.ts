/** A new token on every authentication (ASVS 7.2.4): sign-ins replace the browser's session, re-authentication rotates it. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../src/index.ts';
import { sha256Hex } from '../src/random.ts';
import { getAccount, reauthenticate } from './helpers/account.ts';
import { SoftwareAuthenticator } from './helpers/authenticator.ts';
import { confirmCurrentEmail, mailedCode, signInWithCode, signUpWithCode, type SignInAnswer } from './helpers/codes.ts';
import {
  TestClient,
  databaseTargets,
  expectJson,
  expectProblem,
  origin,
  registrationOptions,
  signIn,
  signUp,
  startServer,
  uniqueIdentifier,
} from './helpers/harness.ts';
import type { ApiUser, RunningServer } from './helpers/harness.ts';
import { startMailSink, type MailSink } from './helpers/mail-sink.ts';

/** The browser's session token (the value of its one session cookie). */
function tokenOf(browser: TestClient): string {
  const [token] = browser.cookies.values();
  assert.ok(token, 'the browser holds a session cookie');
  return token;
}

for (const target of databaseTargets()) {
  describe(`session tokens on ${target.name}`, () => {
    let database: Database;
    let sink: MailSink;
    let running: RunningServer;
    let twoFactor: RunningServer;

    before(async () => {
      database = await target.open();
      sink = await startMailSink();
      const options = { smtpUrl: sink.url, codeLimits: { resendCooldownMs: 50 } };
      running = await startServer(database, options);
      twoFactor = await startServer(database, { ...options, signInPolicy: 'two-factor' });
    });
    after(async () => {
      await twoFactor.close();
      await running.close();
      await sink.close();
      await database.close();
    });

    /** Whether a token opens a session: asked from a fresh client, and checked against the stored rows. */
    async function isLive(token: string): Promise<boolean> {
      const stranger = new TestClient(running.baseUrl);
      stranger.cookies.set('passkey_session', token);
      const { user } = await expectJson<{ user: ApiUser | null }>(await stranger.get('/session'));
      const rows = await database.query('SELECT 1 FROM sessions WHERE token_hash = $1', [sha256Hex(token)]);
      assert.equal(rows.length, user === null ? 0 : 1, 'a token that no longer works has no row either');
      return user !== null;
    }

    async function sessionCount(userId: string): Promise<number> {
      const [row] = await database.query<{ count: number }>('SELECT count(*)::int AS count FROM sessions WHERE user_id = $1', [userId]);
      return row?.count ?? -1;
    }

    it('ends the previous session of the browser on a passkey sign-in and on a passkey sign-up', async () => {
      const browser = new TestClient(running.baseUrl);
      const authenticator = new SoftwareAuthenticator();
      const user = await signUp(browser, authenticator, uniqueIdentifier('replace'));
      const afterSignUp = tokenOf(browser);

      await signIn(browser, authenticator);
      const afterSignIn = tokenOf(browser);
      assert.notEqual(afterSignIn, afterSignUp);
      assert.equal(await isLive(afterSignUp), false, 'the token from before the sign-in is worthless');
      assert.equal(await isLive(afterSignIn), true);
      assert.equal(await sessionCount(user.id), 1);

      // Signing up for a second account in the same browser ends the first account's session too.
      const second = await signUp(browser, new SoftwareAuthenticator(), uniqueIdentifier('replace-other'));
      assert.equal(await isLive(afterSignIn), false);
      assert.equal(await isLive(tokenOf(browser)), true);
      assert.equal(await sessionCount(user.id), 0);
      assert.equal(await sessionCount(second.id), 1);
    });

    it('leaves other browsers signed in, and keeps the session when a sign-in fails', async () => {
      const email = uniqueIdentifier('failed');
      const authenticator = new SoftwareAuthenticator();
      const laptop = new TestClient(running.baseUrl);
      const phone = new TestClient(running.baseUrl);
      const user = await signUp(laptop, authenticator, email);
      await signIn(phone, authenticator);
      assert.equal(await sessionCount(user.id), 2, 'each browser has its own session');

      const before = tokenOf(laptop);
      await expectProblem(await laptop.post('/login/verify', { id: 'AAAA', rawId: 'AAAA', type: 'public-key', response: {} }), 400, 'invalid-request');
      await expectProblem(await laptop.post('/login/code/verify', { email, code: '000000' }), 400, 'invalid-code');
      assert.equal(tokenOf(laptop), before);
      assert.equal(await isLive(before), true, 'only a sign-in that succeeds ends the old session');
      assert.equal(await isLive(tokenOf(phone)), true);
    });

    it('ends the previous session on a code sign-in and on a code sign-up', async () => {
      const email = uniqueIdentifier('code-replace');
      const browser = new TestClient(running.baseUrl);
      const answer = await signUpWithCode(sink, browser, email);
      const afterSignUp = tokenOf(browser);
      await signInWithCode(sink, browser, email);
      assert.equal(await isLive(afterSignUp), false);
      const afterCodeSignIn = tokenOf(browser);
      assert.equal(await isLive(afterCodeSignIn), true);
      assert.equal(await sessionCount(answer.user.id), 1);

      await signUpWithCode(sink, browser, uniqueIdentifier('code-replace-other'));
      assert.equal(await isLive(afterCodeSignIn), false);
      assert.equal(await sessionCount(answer.user.id), 0);
    });

    it('ends the previous session on a recovery with an email code and a recovery code', async () => {
      const email = uniqueIdentifier('recover-replace');
      const browser = new TestClient(twoFactor.baseUrl);
      const options = await registrationOptions(browser, email);
      const signedUp = await expectJson<SignInAnswer>(await browser.post('/register/verify', new SoftwareAuthenticator().create(options, { origin })));
      await confirmCurrentEmail(sink, browser, email);
      const beforeRecovery = tokenOf(browser);

      const { code } = await mailedCode(sink, browser, '/login/code', email);
      const recovered = await expectJson<SignInAnswer>(
        await browser.post('/login/code/verify', { email, code, recoveryCode: signedUp.recoveryCodes?.[0] }),
      );
      assert.equal(recovered.passkeyRequired, true);
      assert.equal(await isLive(beforeRecovery), false);
      assert.equal(await isLive(tokenOf(browser)), true);
      assert.equal(await sessionCount(signedUp.user.id), 1);
    });

    it('gives the session a new token on a passkey re-authentication, keeping its public id and absolute expiry', async () => {
      const browser = new TestClient(running.baseUrl);
      const authenticator = new SoftwareAuthenticator();
      await signUp(browser, authenticator, uniqueIdentifier('rotate'));
      const before = tokenOf(browser);
      const idBefore = (await getAccount(browser)).sessions.find((session) => session.current)?.id;
      const [stored] = await database.query<{ expires_at: Date }>('SELECT expires_at FROM sessions WHERE token_hash = $1', [sha256Hex(before)]);

      await reauthenticate(browser, authenticator);
      const [cookie] = browser.lastSetCookies;
      assert.equal(cookie?.name, 'passkey_session');
      assert.ok(cookie.attributes.has('httponly'));
      const maxAge = Number(cookie.attributes.get('max-age'));
      assert.ok(maxAge > 12 * 60 * 60 - 5 && maxAge <= 12 * 60 * 60, `Max-Age ${maxAge} is what is left of the 12 hours`);
      const after = tokenOf(browser);
      assert.notEqual(after, before);
      assert.equal(await isLive(before), false, 'the old token is invalid at once');
      assert.equal(await isLive(after), true);

      const account = await getAccount(browser);
      assert.equal(account.sessions.length, 1);
      assert.equal(account.sessions[0]?.id, idBefore, 'the profile still knows this device');
      assert.equal(account.sessions[0]?.current, true);
      const [rotated] = await database.query<{ expires_at: Date }>('SELECT expires_at FROM sessions WHERE token_hash = $1', [sha256Hex(after)]);
      assert.equal(rotated?.expires_at.getTime(), stored?.expires_at.getTime(), 'a verification does not extend the absolute lifetime');

      // The old token cannot act either, not even on sensitive requests it was verified for.
      const thief = new TestClient(running.baseUrl);
      thief.cookies.set('passkey_session', before);
      await expectProblem(await thief.delete('/sessions/others'), 401, 'not-signed-in');
    });

    it('gives the session a new token on a code re-authentication', async () => {
      const email = uniqueIdentifier('rotate-code');
      const browser = new TestClient(running.baseUrl);
      await signUp(browser, new SoftwareAuthenticator(), email);
      await confirmCurrentEmail(sink, browser, email);
      const before = tokenOf(browser);
      const { code } = await mailedCode(sink, browser, '/reauthenticate/code', email, {});
      await expectJson(await browser.post('/reauthenticate/code/verify', { code }));
      const after = tokenOf(browser);
      assert.notEqual(after, before);
      assert.equal(await isLive(before), false);
      assert.equal(await isLive(after), true);
      assert.equal((await expectJson<{ revoked: number }>(await browser.delete('/sessions/others'))).revoked, 0, 'the new token carries the verification');
    });
  });
}

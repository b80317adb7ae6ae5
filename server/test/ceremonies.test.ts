/** Sign-up, sign-in and sessions end to end: real HTTP, real database, real WebAuthn responses. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../src/index.ts';
import { sha256Hex } from '../src/random.ts';
import { SoftwareAuthenticator } from './helpers/authenticator.ts';
import {
  TestClient,
  countRows,
  databaseTargets,
  expectJson,
  expectNoChange,
  expectProblem,
  loginOptions,
  origin,
  registrationOptions,
  signIn,
  signUp,
  startServer,
  uniqueIdentifier,
} from './helpers/harness.ts';
import type { ApiUser, RunningServer } from './helpers/harness.ts';

for (const target of databaseTargets()) {
  describe(`ceremonies on ${target.name}`, () => {
    let database: Database;
    let running: RunningServer;
    const client = () => new TestClient(running.baseUrl);

    before(async () => {
      database = await target.open();
      running = await startServer(database);
    });
    after(async () => {
      await running.close();
      await database.close();
    });

    it('signs up, keeps the session, signs out and signs in again both ways', async () => {
      const browser = client();
      const authenticator = new SoftwareAuthenticator();
      const identifier = uniqueIdentifier('ada');
      const before = await countRows(database);

      const options = await registrationOptions(browser, `  ${identifier.toUpperCase()} `, ' Ada Lovelace ');
      assert.equal(options.user.name, identifier);
      assert.equal(options.user.displayName, 'Ada Lovelace');
      assert.notEqual(options.user.id, identifier);
      assert.equal(Buffer.from(options.user.id, 'base64url').length, 32);
      assert.equal(options.authenticatorSelection?.residentKey, 'required');
      assert.equal(options.authenticatorSelection?.userVerification, 'required');
      assert.equal(options.timeout, 300000);
      assert.deepEqual(options.excludeCredentials, []);
      assert.equal(options.rp.id, 'localhost');
      // The pending account lives with the challenge, not as a user.
      assert.equal((await countRows(database)).users, before.users);

      const created = authenticator.create(options, { origin });
      const signedUp = await expectJson<{ user: ApiUser }>(await browser.post('/register/verify', created));
      assert.equal(signedUp.user.identifier, identifier);
      assert.equal(signedUp.user.displayName, 'Ada Lovelace');
      assert.equal(typeof signedUp.user.id, 'string');
      assert.deepEqual(Object.keys(signedUp.user).sort(), ['displayName', 'email', 'emailVerified', 'id', 'identifier']);
      // An email identifier is the account's address, unconfirmed until a code comes back from it.
      assert.equal(signedUp.user.email, identifier);
      assert.equal(signedUp.user.emailVerified, false);
      assert.deepEqual(await countRows(database), {
        users: before.users + 1,
        credentials: before.credentials + 1,
        sessions: before.sessions + 1,
        challenges: before.challenges,
      });

      assert.deepEqual(await expectJson(await browser.get('/session')), signedUp);

      const signOut = await browser.delete('/session');
      assert.equal(signOut.status, 204);
      assert.equal(browser.cookies.size, 0);
      assert.deepEqual(await expectJson(await browser.get('/session')), { user: null });
      assert.equal((await countRows(database)).sessions, before.sessions);

      const usernameless = await signIn(browser, authenticator);
      assert.deepEqual(usernameless, signedUp.user);
      assert.deepEqual(await expectJson(await browser.get('/session')), { user: signedUp.user });

      await browser.delete('/session');
      const identifierFirst = await signIn(browser, authenticator, identifier);
      assert.deepEqual(identifierFirst, signedUp.user);
      assert.deepEqual(await expectJson(await browser.get('/session')), { user: signedUp.user });
    });

    it('stores the credential and updates counter, backup state and last use on sign-in', async () => {
      const browser = client();
      const authenticator = new SoftwareAuthenticator({ backedUp: true });
      const user = await signUp(browser, authenticator, uniqueIdentifier());
      const credentialId = authenticator.credentials[0]?.id.toString('base64url');
      type Row = { counter: string | number; backed_up: boolean; device_type: string; transports: string[]; last_used_at: Date | null };
      const read = async () => {
        const [row] = await database.query<Row>(
          'SELECT counter, backed_up, device_type, transports, last_used_at FROM credentials WHERE id = $1 AND user_id = $2',
          [credentialId, user.id],
        );
        assert.ok(row);
        return row;
      };

      const registered = await read();
      assert.equal(Number(registered.counter), 0);
      assert.equal(registered.device_type, 'multiDevice');
      assert.equal(registered.backed_up, true);
      assert.deepEqual(registered.transports, ['internal', 'hybrid']);
      assert.equal(registered.last_used_at, null);

      await signIn(browser, authenticator);
      await signIn(browser, authenticator);
      const used = await read();
      assert.equal(Number(used.counter), 2);
      assert.ok(used.last_used_at instanceof Date);
    });

    it('sets an HttpOnly, SameSite=Lax session cookie and stores only its hash', async () => {
      const browser = client();
      await signUp(browser, new SoftwareAuthenticator(), uniqueIdentifier());
      const [cookie] = browser.lastSetCookies;
      assert.ok(cookie);
      assert.equal(cookie.name, 'passkey_session');
      assert.equal(Buffer.from(cookie.value, 'base64url').length, 32);
      assert.ok(cookie.attributes.has('httponly'));
      assert.equal(cookie.attributes.get('samesite'), 'Lax');
      assert.equal(cookie.attributes.get('path'), '/');
      assert.equal(cookie.attributes.get('max-age'), String(12 * 60 * 60), 'the absolute lifetime');
      assert.ok(!cookie.attributes.has('secure'), 'no Secure on http');

      const byHash = await database.query('SELECT 1 FROM sessions WHERE token_hash = $1', [sha256Hex(cookie.value)]);
      assert.equal(byHash.length, 1);
      const [leak] = await database.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM sessions s
         WHERE s.token_hash = $1 OR s::text LIKE '%' || $1 || '%'`,
        [cookie.value],
      );
      assert.equal(leak?.count, 0, 'the raw token is not stored anywhere in sessions');
    });

    it('uses a __Host- Secure cookie when every origin is https', async () => {
      const secureOrigin = 'https://app.localhost';
      const secure = await startServer(database, { origins: [secureOrigin] });
      try {
        const browser = new TestClient(secure.baseUrl, secureOrigin);
        const authenticator = new SoftwareAuthenticator();
        const options = await registrationOptions(browser, uniqueIdentifier());
        await expectJson(await browser.post('/register/verify', authenticator.create(options, { origin: secureOrigin })));
        const [cookie] = browser.lastSetCookies;
        assert.equal(cookie?.name, '__Host-passkey_session');
        assert.ok(cookie?.attributes.has('secure'));
        assert.ok(cookie?.attributes.has('httponly'));
        assert.equal(cookie?.attributes.get('path'), '/');
        assert.equal(cookie?.attributes.get('samesite'), 'Lax');
        assert.notEqual((await expectJson<{ user: ApiUser | null }>(await browser.get('/session'))).user, null);
      } finally {
        await secure.close();
      }
    });

    it('treats an expired session as signed out and notes activity at most once a minute', async () => {
      const browser = client();
      await signUp(browser, new SoftwareAuthenticator(), uniqueIdentifier());
      const [cookie] = browser.lastSetCookies;
      assert.ok(cookie);
      const tokenHash = sha256Hex(cookie.value);
      const lastActive = async () => {
        const [row] = await database.query<{ last_active_at: Date }>(
          'SELECT last_active_at FROM sessions WHERE token_hash = $1',
          [tokenHash],
        );
        return row?.last_active_at.getTime();
      };

      const created = await lastActive();
      await expectJson(await browser.get('/session'));
      assert.equal(await lastActive(), created, 'no write within the first minute');

      await database.query("UPDATE sessions SET last_active_at = now() - interval '2 minutes' WHERE token_hash = $1", [tokenHash]);
      const stale = await lastActive();
      await expectJson(await browser.get('/session'));
      assert.ok((await lastActive() ?? 0) > (stale ?? 0), 'activity noted after a minute');

      await database.query("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = $1", [tokenHash]);
      assert.deepEqual(await expectJson(await browser.get('/session')), { user: null });
      assert.equal(browser.cookies.size, 0, 'the useless cookie is cleared');
    });

    it('answers DELETE /session with 204 without a session too', async () => {
      const response = await client().delete('/session');
      assert.equal(response.status, 204);
    });

    it('refuses a replayed sign-in response', async () => {
      const browser = client();
      const authenticator = new SoftwareAuthenticator();
      await signUp(browser, authenticator, uniqueIdentifier());
      const assertion = authenticator.get(await loginOptions(browser), { origin });
      await expectJson(await browser.post('/login/verify', assertion));
      const replayer = client();
      await expectNoChange(database, async () => {
        await expectProblem(await replayer.post('/login/verify', assertion), 400, 'challenge-invalid');
      });
      assert.equal(replayer.cookies.size, 0);
    });

    it('refuses a replayed sign-up response', async () => {
      const browser = client();
      const authenticator = new SoftwareAuthenticator();
      const options = await registrationOptions(browser, uniqueIdentifier());
      const created = authenticator.create(options, { origin });
      await expectJson(await browser.post('/register/verify', created));
      await expectNoChange(database, async () => {
        await expectProblem(await client().post('/register/verify', created), 400, 'challenge-invalid');
      });
    });

    it('lets only one of two racing requests use a challenge', async () => {
      const authenticator = new SoftwareAuthenticator();
      const options = await registrationOptions(client(), uniqueIdentifier());
      const created = authenticator.create(options, { origin });
      const answers = await Promise.all([client().post('/register/verify', created), client().post('/register/verify', created)]);
      const statuses = answers.map((answer) => answer.status).sort();
      assert.deepEqual(statuses, [200, 400]);
      const loser = answers.find((answer) => answer.status === 400);
      assert.ok(loser);
      await expectProblem(loser, 400, 'challenge-invalid');
      await answers.find((answer) => answer.status === 200)?.body?.cancel();
    });

    it('refuses an expired challenge', async () => {
      const hurried = await startServer(database, { challengeTtlMs: 1 });
      try {
        const browser = new TestClient(hurried.baseUrl);
        const authenticator = new SoftwareAuthenticator();
        const options = await registrationOptions(browser, uniqueIdentifier());
        await new Promise((resolve) => setTimeout(resolve, 20));
        const before = await countRows(database);
        await expectProblem(
          await browser.post('/register/verify', authenticator.create(options, { origin })),
          400,
          'challenge-expired',
        );
        const after = await countRows(database);
        assert.deepEqual({ ...after, challenges: before.challenges }, before);

        await signUp(new TestClient(running.baseUrl), authenticator, uniqueIdentifier());
        const loginChallenge = await loginOptions(browser);
        await new Promise((resolve) => setTimeout(resolve, 20));
        await expectProblem(
          await browser.post('/login/verify', authenticator.get(loginChallenge, { origin })),
          400,
          'challenge-expired',
        );
      } finally {
        await hurried.close();
      }
    });

    it('refuses a challenge issued for another ceremony, and leaves it usable', async () => {
      const browser = client();
      const authenticator = new SoftwareAuthenticator();
      const user = await signUp(browser, authenticator, uniqueIdentifier());
      const loginChallenge = await loginOptions(browser);
      const registration = await registrationOptions(browser, uniqueIdentifier());
      const created = authenticator.create(registration, { origin, clientData: { challenge: loginChallenge.challenge } });
      await expectNoChange(database, async () => {
        await expectProblem(await browser.post('/register/verify', created), 400, 'challenge-invalid');
      });
      // The sign-in challenge was not burnt by the confused request.
      const signedIn = await expectJson<{ user: ApiUser }>(
        await browser.post('/login/verify', authenticator.get(loginChallenge, { origin, credentialId: authenticator.credentials[0]?.id.toString('base64url') })),
      );
      assert.equal(signedIn.user.id, user.id);
    });

    it('refuses client data from a foreign origin before consuming the challenge', async () => {
      const browser = client();
      const authenticator = new SoftwareAuthenticator();
      const options = await registrationOptions(browser, uniqueIdentifier());
      await expectNoChange(database, async () => {
        const foreign = authenticator.create(options, { origin: 'https://evil.example' });
        await expectProblem(await browser.post('/register/verify', foreign), 400, 'origin-mismatch');
      });
      await expectJson(await browser.post('/register/verify', authenticator.create(options, { origin })));

      const loginChallenge = await loginOptions(browser);
      await expectNoChange(database, async () => {
        const foreign = authenticator.get(loginChallenge, { origin: 'http://localhost:6666' });
        await expectProblem(await browser.post('/login/verify', foreign), 400, 'origin-mismatch');
      });
    });

    it('refuses client data of the wrong ceremony type', async () => {
      const browser = client();
      const authenticator = new SoftwareAuthenticator();
      const options = await registrationOptions(browser, uniqueIdentifier());
      await expectNoChange(database, async () => {
        const wrongType = authenticator.create(options, { origin, clientData: { type: 'webauthn.get' } });
        await expectProblem(await browser.post('/register/verify', wrongType), 400, 'invalid-credential');
      });
    });

    it('fails verification for another RP ID, for a missing UV flag and for a bad signature', async () => {
      const browser = client();
      for (const overrides of [{ rpId: 'evil.example' }, { userVerified: false }]) {
        const options = await registrationOptions(browser, uniqueIdentifier());
        const before = await countRows(database);
        const rejected = new SoftwareAuthenticator().create(options, { origin, ...overrides });
        const response = await browser.post('/register/verify', rejected);
        await expectProblem(response, 400, 'verification-failed');
        // Only the (valid, single-use) challenge was consumed.
        assert.deepEqual(await countRows(database), { ...before, challenges: before.challenges - 1 });
      }

      const authenticator = new SoftwareAuthenticator();
      await signUp(browser, authenticator, uniqueIdentifier());
      await browser.delete('/session');
      for (const overrides of [{ rpId: 'evil.example' }, { userVerified: false }]) {
        const options = await loginOptions(browser);
        const before = await countRows(database);
        await expectProblem(
          await browser.post('/login/verify', authenticator.get(options, { origin, ...overrides })),
          400,
          'verification-failed',
        );
        assert.deepEqual(await countRows(database), { ...before, challenges: before.challenges - 1 });
      }

      const options = await loginOptions(browser);
      const assertion = authenticator.get(options, { origin });
      const signature = Buffer.from(assertion.response.signature, 'base64url');
      signature[signature.length - 1] = (signature.at(-1) ?? 0) ^ 0xff;
      assertion.response.signature = signature.toString('base64url');
      await expectProblem(await browser.post('/login/verify', assertion), 400, 'verification-failed');
      assert.equal(browser.cookies.size, 0);
    });

    it('fails verification when the signature counter goes backwards', async () => {
      const browser = client();
      const authenticator = new SoftwareAuthenticator();
      await signUp(browser, authenticator, uniqueIdentifier());
      await signIn(browser, authenticator);
      const credential = authenticator.credentials[0];
      assert.ok(credential);
      credential.signCount = 0; // a cloned authenticator would count from an older state
      const options = await loginOptions(browser);
      await expectProblem(await browser.post('/login/verify', authenticator.get(options, { origin })), 400, 'verification-failed');
    });

    it('answers unknown-credential with the credential id', async () => {
      const browser = client();
      const authenticator = new SoftwareAuthenticator();
      // A passkey this server never saw (deleted, or made for another deployment on the same RP ID).
      const stray = authenticator.create(
        { ...(await registrationOptions(browser, uniqueIdentifier())), challenge: 'AAAA' },
        { origin },
      );
      const options = await loginOptions(browser);
      await expectNoChange(database, async () => {
        const body = await expectProblem(
          await browser.post('/login/verify', authenticator.get(options, { origin, credentialId: stray.id })),
          404,
          'unknown-credential',
        );
        assert.equal(body.credentialId, stray.id);
      }, { consumedChallenges: 1 });
    });

    it('only accepts the named account’s passkeys for an identifier-first challenge', async () => {
      const browser = client();
      const authenticator = new SoftwareAuthenticator();
      const aliceIdentifier = uniqueIdentifier('alice');
      await signUp(browser, authenticator, aliceIdentifier);
      await signUp(browser, authenticator, uniqueIdentifier('bob'));
      await browser.delete('/session');
      const [alicePasskey, bobPasskey] = authenticator.credentials.map((credential) => credential.id.toString('base64url'));
      assert.ok(alicePasskey && bobPasskey);

      const options = await loginOptions(browser, aliceIdentifier);
      assert.deepEqual(options.allowCredentials, [{ id: alicePasskey, type: 'public-key' }], 'no transports');
      assert.equal(options.userVerification, 'required');
      assert.equal(options.timeout, 300000);
      await expectNoChange(database, async () => {
        const bobs = authenticator.get(options, { origin, credentialId: bobPasskey });
        await expectProblem(await browser.post('/login/verify', bobs), 400, 'challenge-invalid');
      }, { consumedChallenges: 1 });
      assert.deepEqual(await expectJson(await browser.get('/session')), { user: null });
    });

    it('refuses a user handle that does not belong to the passkey', async () => {
      const browser = client();
      const authenticator = new SoftwareAuthenticator();
      const identifier = uniqueIdentifier();
      await signUp(browser, authenticator, identifier);
      const other = await registrationOptions(browser, uniqueIdentifier());
      const options = await loginOptions(browser);
      const assertion = authenticator.get(options, { origin });
      assertion.response.userHandle = other.user.id;
      await expectProblem(await browser.post('/login/verify', assertion), 400, 'verification-failed');

      // No user handle at all is fine when the identifier named the account (non-discoverable use).
      const again = authenticator.get(await loginOptions(browser, identifier), { origin, omitUserHandle: true });
      await expectJson(await browser.post('/login/verify', again));
    });

    it('answers identifier-taken at options and when someone else finishes first', async () => {
      const first = client();
      const second = client();
      const identifier = uniqueIdentifier('race');
      const firstOptions = await registrationOptions(first, identifier);
      const secondOptions = await registrationOptions(second, identifier);
      await expectJson(await first.post('/register/verify', new SoftwareAuthenticator().create(firstOptions, { origin })));

      await expectNoChange(database, async () => {
        await expectProblem(await second.post('/register/options', { identifier }), 409, 'identifier-taken');
      });
      const before = await countRows(database);
      const late = new SoftwareAuthenticator().create(secondOptions, { origin });
      await expectProblem(await second.post('/register/verify', late), 409, 'identifier-taken');
      assert.deepEqual(await countRows(database), { ...before, challenges: before.challenges - 1 });
      assert.equal(second.cookies.size, 0);
    });

    it('answers unknown-user for identifier-first sign-in of an unknown identifier', async () => {
      await expectNoChange(database, async () => {
        await expectProblem(await client().post('/login/options', { identifier: uniqueIdentifier('nobody') }), 404, 'unknown-user');
      });
    });

    it('accepts a cross-origin caller on an allowed origin with credentials', async () => {
      const otherOrigin = 'http://app.localhost:4000';
      const multi = await startServer(database, { origins: [origin, otherOrigin] });
      try {
        const browser = new TestClient(multi.baseUrl, otherOrigin);
        const response = await browser.post('/login/options', {});
        assert.equal(response.status, 200);
        assert.equal(response.headers.get('access-control-allow-origin'), otherOrigin);
        assert.equal(response.headers.get('access-control-allow-credentials'), 'true');

        const preflight = await browser.request('OPTIONS', '/login/options', {
          headers: { 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
        });
        assert.equal(preflight.status, 204);
        assert.equal(preflight.headers.get('access-control-allow-origin'), otherOrigin);
        assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /POST/);

        // Problems are readable cross-origin too.
        const problem = await browser.post('/login/options', { identifier: '!' });
        assert.equal(problem.headers.get('access-control-allow-origin'), otherOrigin);
        await expectProblem(problem, 400, 'invalid-identifier');
      } finally {
        await multi.close();
      }
    });
  });
}

/** Sensitive account changes need a recent passkey verification; /reauthenticate provides one. */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../src/index.ts';
import {
  addPasskey,
  ageVerification,
  getAccount,
  newestCredentialId,
  reauthenticate,
  reauthenticateOptions,
  tokenHashOf,
} from './helpers/account.ts';
import { SoftwareAuthenticator } from './helpers/authenticator.ts';
import {
  TestClient,
  databaseTargets,
  expectJson,
  expectNoChange,
  expectProblem,
  loginOptions,
  origin,
  signIn,
  signUp,
  startServer,
  uniqueIdentifier,
} from './helpers/harness.ts';
import type { RunningServer } from './helpers/harness.ts';

for (const target of databaseTargets()) {
  describe(`re-authentication on ${target.name}`, () => {
    let database: Database;
    let running: RunningServer;
    /** A second server on the same database with a one-second re-authentication window. */
    let quick: RunningServer;

    before(async () => {
      database = await target.open();
      running = await startServer(database);
      quick = await startServer(database, { reauthWindowMs: 1000 });
    });
    after(async () => {
      await quick.close();
      await running.close();
      await database.close();
    });

    const verifiedAt = async (browser: TestClient) => {
      const [row] = await database.query<{ verified_at: Date }>('SELECT verified_at FROM sessions WHERE token_hash = $1', [
        tokenHashOf(browser),
      ]);
      assert.ok(row);
      return row.verified_at;
    };

    it('refuses sensitive acts once the window has passed, and allows them after /reauthenticate/verify', async () => {
      const browser = new TestClient(quick.baseUrl);
      const other = new TestClient(quick.baseUrl);
      const authenticator = new SoftwareAuthenticator();
      const spare = new SoftwareAuthenticator();
      await signUp(browser, authenticator, uniqueIdentifier());
      const sparePasskey = await addPasskey(browser, spare);
      await signIn(other, authenticator);
      const otherSession = (await getAccount(browser)).sessions.find((session) => !session.current);
      assert.ok(otherSession);

      await sleep(1100);
      await expectNoChange(database, async () => {
        for (const [method, path] of [
          ['DELETE', `/passkeys/${sparePasskey.id}`],
          ['DELETE', `/sessions/${otherSession.id}`],
          ['DELETE', '/sessions/others'],
          ['DELETE', '/account'],
        ] as const) {
          await expectProblem(await browser.request(method, path), 403, 'reauthentication-required');
        }
      });
      // Everyday things need no re-authentication.
      await expectJson(await browser.get('/account'));
      await expectJson(await browser.patch(`/passkeys/${sparePasskey.id}`, { name: 'Spare key' }));

      const options = await reauthenticateOptions(browser);
      assert.equal(options.userVerification, 'required');
      assert.equal(options.rpId, 'localhost');
      const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
      assert.deepEqual(
        [...(options.allowCredentials ?? [])].sort(byId),
        [newestCredentialId(authenticator), sparePasskey.id].map((id) => ({ id, type: 'public-key' })).sort(byId),
        "the account's passkeys, without transports",
      );
      const [challenge] = await database.query<{ purpose: string; user_id: string }>(
        'SELECT purpose, user_id FROM challenges WHERE challenge = $1',
        [options.challenge],
      );
      assert.equal(challenge?.purpose, 'reauthenticate');

      const assertion = spare.get(options, { origin });
      const before = await verifiedAt(browser);
      const otherBefore = await verifiedAt(other);
      const answer = await expectJson<{ verifiedAt: string }>(await browser.post('/reauthenticate/verify', assertion));
      assert.deepEqual(Object.keys(answer), ['verifiedAt']);
      const after = await verifiedAt(browser);
      assert.equal(answer.verifiedAt, after.toISOString());
      assert.ok(after > before);
      const [used] = await database.query<{ counter: string | number; last_used_at: Date | null }>(
        'SELECT counter, last_used_at FROM credentials WHERE id = $1',
        [sparePasskey.id],
      );
      assert.equal(Number(used?.counter), 1, 'the counter is updated');
      assert.ok(used?.last_used_at instanceof Date, 'and the last use');
      assert.deepEqual(await verifiedAt(other), otherBefore, 'other sessions are not verified by it');

      assert.equal((await browser.delete(`/sessions/${otherSession.id}`)).status, 204);
      assert.equal((await browser.delete(`/passkeys/${newestCredentialId(authenticator)}`)).status, 204);
      // Re-authentication is not a new sign-in: the session keeps its passkey marker.
      const account = await getAccount(browser);
      assert.deepEqual(account.passkeys.map((passkey) => passkey.current), [false]);
    });

    it('uses a five-minute window by default; sign-in starts a fresh one', async () => {
      const browser = new TestClient(running.baseUrl);
      const authenticator = new SoftwareAuthenticator();
      await signUp(browser, authenticator, uniqueIdentifier());
      await ageVerification(database, browser, 4);
      assert.deepEqual(await expectJson(await browser.delete('/sessions/others')), { revoked: 0 });
      await ageVerification(database, browser, 6);
      await expectProblem(await browser.delete('/sessions/others'), 403, 'reauthentication-required');

      // The sign-in replaced the browser's session with a freshly verified one: nothing else to revoke.
      await signIn(browser, authenticator);
      assert.deepEqual(await expectJson(await browser.delete('/sessions/others')), { revoked: 0 });

      await ageVerification(database, browser, 6);
      await reauthenticate(browser, authenticator);
      assert.deepEqual(await expectJson(await browser.delete('/sessions/others')), { revoked: 0 });
    });

    it("accepts only the session user's passkey, with a challenge issued to that user for re-authentication", async () => {
      const alice = new TestClient(running.baseUrl);
      const bob = new TestClient(running.baseUrl);
      const alicesKey = new SoftwareAuthenticator();
      const bobsKey = new SoftwareAuthenticator();
      await signUp(alice, alicesKey, uniqueIdentifier('alice'));
      await signUp(bob, bobsKey, uniqueIdentifier('bob'));
      await ageVerification(database, alice, 10);
      const stale = await verifiedAt(alice);

      // Bob's own passkey, on Alice's challenge, in Alice's session.
      const withBobsKey = bobsKey.get(await reauthenticateOptions(alice), { origin, credentialId: newestCredentialId(bobsKey) });
      await expectNoChange(
        database,
        async () => {
          await expectProblem(await alice.post('/reauthenticate/verify', withBobsKey), 400, 'verification-failed');
        },
        { consumedChallenges: 1 },
      );
      // Bob's challenge in Alice's session.
      const onBobsChallenge = alicesKey.get(await reauthenticateOptions(bob), {
        origin,
        credentialId: newestCredentialId(alicesKey),
      });
      await expectProblem(await alice.post('/reauthenticate/verify', onBobsChallenge), 400, 'challenge-invalid');
      // A sign-in challenge is not a re-authentication challenge, and stays usable for sign-in.
      const signInOptions = await loginOptions(alice);
      const signInAssertion = alicesKey.get(signInOptions, { origin });
      await expectProblem(await alice.post('/reauthenticate/verify', signInAssertion), 400, 'challenge-invalid');
      await expectJson(await new TestClient(running.baseUrl).post('/login/verify', signInAssertion));
      // Without user verification.
      const unverified = alicesKey.get(await reauthenticateOptions(alice), { origin, userVerified: false });
      await expectProblem(await alice.post('/reauthenticate/verify', unverified), 400, 'verification-failed');
      // Signed out, nothing is consumed.
      const options = await reauthenticateOptions(alice);
      const assertion = alicesKey.get(options, { origin });
      const anonymous = new TestClient(running.baseUrl);
      await expectNoChange(database, async () => {
        await expectProblem(await anonymous.post('/reauthenticate/verify', assertion), 401, 'not-signed-in');
      });

      assert.deepEqual(await verifiedAt(alice), stale, 'none of that counted as a verification');
      await expectProblem(await alice.delete('/sessions/others'), 403, 'reauthentication-required');
      await expectJson(await alice.post('/reauthenticate/verify', assertion));
      await expectJson(await alice.delete('/sessions/others'));
    });

    it('asks for a fresh passkey check before adding a passkey, and does not count the addition as one', async () => {
      const browser = new TestClient(running.baseUrl);
      const authenticator = new SoftwareAuthenticator();
      await signUp(browser, authenticator, uniqueIdentifier());
      await ageVerification(database, browser, 10);
      await expectProblem(await browser.post('/passkeys/options', {}), 403, 'reauthentication-required');

      await reauthenticate(browser, authenticator);
      const added = await addPasskey(browser, new SoftwareAuthenticator());
      await ageVerification(database, browser, 10);
      await expectProblem(await browser.delete(`/passkeys/${added.id}`), 403, 'reauthentication-required');
    });
  });
}

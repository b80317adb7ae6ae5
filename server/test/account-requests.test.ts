/**
 * The account API against the wrong people and bad input: no session, another user's ids, odd
 * bodies and ids, foreign origins, wrong methods. Never a 500, never a change.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../src/index.ts';
import {
  addPasskey,
  addPasskeyOptions,
  countUserRows,
  getAccount,
  newestCredentialId,
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
  origin,
  signIn,
  signUp,
  startServer,
  uniqueIdentifier,
} from './helpers/harness.ts';
import type { RunningServer } from './helpers/harness.ts';

/** Every account endpoint with a body that would be acceptable when signed in. */
function accountRequests(passkeyId: string, sessionId: string): Array<[string, string, unknown]> {
  return [
    ['GET', '/account', undefined],
    ['PATCH', '/account', { displayName: 'Renamed' }],
    ['DELETE', '/account', undefined],
    ['POST', '/passkeys/options', {}],
    ['POST', '/passkeys', {}],
    ['PATCH', `/passkeys/${passkeyId}`, { name: 'Renamed' }],
    ['DELETE', `/passkeys/${passkeyId}`, undefined],
    ['DELETE', `/sessions/${sessionId}`, undefined],
    ['DELETE', '/sessions/others', undefined],
    ['POST', '/reauthenticate/options', {}],
    ['POST', '/reauthenticate/verify', {}],
  ];
}

for (const target of databaseTargets()) {
  describe(`account requests on ${target.name}`, () => {
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

    it('answers not-signed-in on every endpoint without a live session', async () => {
      const owner = client();
      const authenticator = new SoftwareAuthenticator();
      await signUp(owner, authenticator, uniqueIdentifier());
      await addPasskey(owner, new SoftwareAuthenticator());
      const account = await getAccount(owner);
      const requests = accountRequests(newestCredentialId(authenticator), account.sessions[0]?.id ?? '');

      const expired = client();
      await signIn(expired, authenticator);
      await database.query("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = $1", [
        tokenHashOf(expired),
      ]);
      // The first request with an ended session deletes it; after that nothing changes any more.
      const expiredHash = tokenHashOf(expired);
      await expectProblem(await expired.get('/account'), 401, 'not-signed-in');
      assert.deepEqual(await database.query('SELECT 1 FROM sessions WHERE token_hash = $1', [expiredHash]), []);
      const withCookie = (cookie: string) => {
        const browser = client();
        browser.cookies.set('passkey_session', cookie);
        return browser;
      };
      const anonymous = [client(), expired, withCookie('A'.repeat(43)), withCookie('not a token'), withCookie('')];
      for (const browser of anonymous) {
        await expectNoChange(database, async () => {
          for (const [method, path, json] of requests) {
            const response = await browser.request(method, path, json === undefined ? {} : { json });
            await expectProblem(response, 401, 'not-signed-in');
          }
        });
      }
      assert.equal((await getAccount(owner)).passkeys.length, 2, 'the owner still has everything');
    });

    it("keeps users apart: another user's passkey or session answers like a nonexistent one", async () => {
      const alice = client();
      const bob = client();
      const bobsPhone = client();
      const bobsKey = new SoftwareAuthenticator();
      await signUp(alice, new SoftwareAuthenticator(), uniqueIdentifier('alice'));
      await addPasskey(alice, new SoftwareAuthenticator());
      const bobUser = await signUp(bob, bobsKey, uniqueIdentifier('bob'));
      await addPasskey(bob, new SoftwareAuthenticator());
      await signIn(bobsPhone, bobsKey);
      const bobsAccount = await getAccount(bob);
      const bobsPasskey = bobsAccount.passkeys[0];
      const bobsSession = bobsAccount.sessions[0];
      assert.ok(bobsPasskey && bobsSession);
      const bobsRows = async () => ({
        counts: await countUserRows(database, bobUser.id),
        credentials: await database.query('SELECT id, name, counter, last_used_at FROM credentials WHERE user_id = $1 ORDER BY id', [bobUser.id]),
        sessions: await database.query('SELECT id, verified_at, expires_at FROM sessions WHERE user_id = $1 ORDER BY id', [bobUser.id]),
      });
      const bobsRowsBefore = await bobsRows();

      const aliceAccount = await getAccount(alice);
      const aliceSees = JSON.stringify(aliceAccount);
      for (const passkey of bobsAccount.passkeys) assert.ok(!aliceSees.includes(passkey.id));
      for (const session of bobsAccount.sessions) assert.ok(!aliceSees.includes(session.id));

      const missingPasskey = 'AAAAAAAAAAAAAAAAAAAAAA';
      const missingSession = '00000000-0000-4000-8000-000000000000';
      const answers = async (method: string, path: string, json?: unknown) => {
        const response = await alice.request(method, path, json === undefined ? {} : { json });
        return { status: response.status, body: await response.text() };
      };
      await expectNoChange(database, async () => {
        for (const [method, suffix, json] of [
          ['PATCH', '/passkeys/', { name: 'Mine now' }],
          ['DELETE', '/passkeys/', undefined],
        ] as const) {
          const theirs = await answers(method, `${suffix}${bobsPasskey.id}`, json);
          assert.equal(theirs.status, 404);
          assert.deepEqual(theirs, await answers(method, `${suffix}${missingPasskey}`, json), `${method} ${suffix}`);
          assert.equal(JSON.parse(theirs.body).code, 'unknown-passkey');
        }
        const theirs = await answers('DELETE', `/sessions/${bobsSession.id}`);
        assert.equal(theirs.status, 404);
        assert.equal(JSON.parse(theirs.body).code, 'unknown-session');
        assert.deepEqual(theirs, await answers('DELETE', `/sessions/${missingSession}`));
      });
      assert.deepEqual(await expectJson(await alice.delete('/sessions/others')), { revoked: 0 });
      // PATCH /account has no id to point elsewhere: it changes the caller's own account only.
      const renamed = await expectJson<{ user: { id: string; displayName: string } }>(await alice.patch('/account', { displayName: bobsAccount.user.displayName }));
      assert.equal(renamed.user.id, aliceAccount.user.id);

      assert.deepEqual(await bobsRows(), bobsRowsBefore, "none of Bob's rows changed");
      assert.deepEqual(await getAccount(bob), { ...bobsAccount, sessions: (await getAccount(bob)).sessions });
      assert.notEqual((await expectJson<{ user: unknown }>(await bobsPhone.get('/session'))).user, null);
      // Alice's options never offer or exclude Bob's passkeys.
      const offered = JSON.stringify([await addPasskeyOptions(alice), await reauthenticateOptions(alice)]);
      for (const passkey of bobsAccount.passkeys) assert.ok(!offered.includes(passkey.id));
    });

    it('answers odd bodies and odd ids with a 4xx, never a 500, and changes nothing', async () => {
      const browser = client();
      const authenticator = new SoftwareAuthenticator();
      await signUp(browser, authenticator, uniqueIdentifier());
      const passkeyId = newestCredentialId(authenticator);
      const oddBodies: unknown[] = [
        0,
        true,
        '',
        null,
        [],
        { name: 'x'.repeat(10_000) },
        { __proto__: { name: 'ada' } },
        { id: 'A'.repeat(5000), rawId: 'A'.repeat(5000), type: 'public-key', response: { clientDataJSON: 'A'.repeat(5000), attestationObject: 'AAAA', authenticatorData: 'AAAA', signature: 'AAAA' } },
        JSON.parse('{"a":'.repeat(200) + '1' + '}'.repeat(200)) as unknown,
      ];
      await expectNoChange(database, async () => {
        for (const [method, path] of [
          ['POST', '/passkeys'],
          ['POST', '/reauthenticate/verify'],
          ['PATCH', `/passkeys/${passkeyId}`],
          ['PATCH', '/account'],
        ] as const) {
          for (const body of oddBodies) {
            const response = await browser.request(method, path, { json: body });
            assert.ok(response.status >= 400 && response.status < 500, `${method} ${path} ${JSON.stringify(body).slice(0, 60)} gave ${response.status}`);
            await response.body?.cancel();
          }
        }
        for (const path of ['/passkeys/options', '/reauthenticate/options']) {
          for (const body of [0, true, '', null, []]) {
            await expectProblem(await browser.post(path, body), 400, 'invalid-request');
          }
          await expectProblem(await browser.request('POST', path, { body: 'x', headers: { 'content-type': 'text/html' } }), 415, 'unsupported-media-type');
        }
        const oddIds = ['%00', '%E0%A4%A', 'A'.repeat(5000), '%F0%9F%94%91', "'%3B DROP TABLE credentials%3B --", '..%2F..%2Fsession'];
        for (const id of oddIds) {
          for (const [method, path, json] of [
            ['PATCH', `/passkeys/${id}`, { name: 'x' }],
            ['DELETE', `/passkeys/${id}`, undefined],
            ['DELETE', `/sessions/${id}`, undefined],
          ] as const) {
            const response = await browser.request(method, path, json === undefined ? {} : { json });
            assert.ok(response.status === 404, `${method} ${path.slice(0, 40)} gave ${response.status}`);
            await response.body?.cancel();
          }
        }
      });
    });

    it('refuses bodies over 64 KiB on the new routes', async () => {
      const browser = client();
      const authenticator = new SoftwareAuthenticator();
      await signUp(browser, authenticator, uniqueIdentifier());
      const big = JSON.stringify({ name: 'x'.repeat(64 * 1024) });
      await expectNoChange(database, async () => {
        for (const [method, path] of [
          ['POST', '/passkeys/options'],
          ['POST', '/passkeys'],
          ['PATCH', `/passkeys/${newestCredentialId(authenticator)}`],
          ['PATCH', '/account'],
          ['POST', '/reauthenticate/options'],
          ['POST', '/reauthenticate/verify'],
        ] as const) {
          const response = await browser.request(method, path, { body: big, headers: { 'content-type': 'application/json' } });
          await expectProblem(response, 413, 'body-too-large');
        }
      });
    });

    it('refuses state-changing account requests from foreign origins', async () => {
      const victim = client();
      const authenticator = new SoftwareAuthenticator();
      await signUp(victim, authenticator, uniqueIdentifier());
      await addPasskey(victim, new SoftwareAuthenticator());
      const account = await getAccount(victim);
      const attacker = new TestClient(running.baseUrl, 'https://evil.example');
      for (const [name, value] of victim.cookies) attacker.cookies.set(name, value);

      await expectNoChange(database, async () => {
        for (const [method, path, json] of accountRequests(newestCredentialId(authenticator), account.sessions[0]?.id ?? '')) {
          if (method === 'GET') continue;
          const response = await attacker.request(method, path, json === undefined ? {} : { json });
          await expectProblem(response, 403, 'origin-forbidden');
          assert.equal(response.headers.get('access-control-allow-origin'), null);
        }
      });
      assert.deepEqual(await getAccount(victim), account);
    });

    it('allows PATCH and DELETE in CORS preflights from allowed origins', async () => {
      const response = await fetch(`${running.baseUrl}/passkeys/abc`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'content-type' },
      });
      assert.ok(response.status === 204 || response.status === 200, `preflight gave ${response.status}`);
      assert.equal(response.headers.get('access-control-allow-origin'), origin);
      assert.equal(response.headers.get('access-control-allow-credentials'), 'true');
      const methods = (response.headers.get('access-control-allow-methods') ?? '').split(',').map((method) => method.trim());
      for (const method of ['GET', 'POST', 'PATCH', 'DELETE']) assert.ok(methods.includes(method), method);
      await response.body?.cancel();
    });

    it('answers wrong methods on the new paths with method-not-allowed', async () => {
      for (const [method, path, allow] of [
        ['POST', '/account', 'GET, PATCH, DELETE'],
        ['PUT', '/account', 'GET, PATCH, DELETE'],
        ['GET', '/passkeys/options', 'POST'],
        ['GET', '/passkeys', 'POST'],
        ['DELETE', '/passkeys', 'POST'],
        ['GET', '/passkeys/abc', 'PATCH, DELETE'],
        ['POST', '/passkeys/abc', 'PATCH, DELETE'],
        ['GET', '/sessions/others', 'DELETE'],
        ['POST', '/sessions/abc', 'DELETE'],
        ['GET', '/reauthenticate/options', 'POST'],
        ['PUT', '/reauthenticate/verify', 'POST'],
      ] as const) {
        const response = await client().request(method, path, method === 'GET' ? {} : { json: {} });
        assert.equal(response.headers.get('allow'), allow, `${method} ${path}`);
        await expectProblem(response, 405, 'method-not-allowed');
      }
      for (const [method, path] of [
        ['GET', '/sessions'],
        ['DELETE', '/passkeys/abc/extra'],
        ['GET', '/reauthenticate'],
      ] as const) {
        await expectProblem(await client().request(method, path), 404, 'not-found');
      }
    });
  });
}

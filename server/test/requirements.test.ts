/**
 * Requirements of ASVS 5.0 that no ceremony test shows on its own: the entropy of challenges
 * (6.7.2), codes bound to the purpose they were sent for (6.6.2), and answers nothing may cache
 * (14.3.2). Over real HTTP, on PGlite and PostgreSQL, mail over SMTP to a local sink.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../src/index.ts';
import { addPasskeyOptions, reauthenticateOptions } from './helpers/account.ts';
import { SoftwareAuthenticator } from './helpers/authenticator.ts';
import { mailedCode, signUpWithCode } from './helpers/codes.ts';
import {
  TestClient,
  databaseTargets,
  expectJson,
  expectProblem,
  loginOptions,
  origin,
  registrationOptions,
  signUp,
  startServer,
  uniqueIdentifier,
} from './helpers/harness.ts';
import type { RunningServer } from './helpers/harness.ts';
import { startMailSink, type MailSink } from './helpers/mail-sink.ts';

for (const target of databaseTargets()) {
  describe(`requirements on ${target.name}`, () => {
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

    it('issues challenges of at least 128 random bits, never the same twice, for every ceremony', async () => {
      const client = new TestClient(running.baseUrl);
      await signUp(client, new SoftwareAuthenticator(), uniqueIdentifier('entropy'));
      const issuers = {
        'sign-up': async () => (await registrationOptions(new TestClient(running.baseUrl), uniqueIdentifier('entropy'))).challenge,
        'sign-in': async () => (await loginOptions(new TestClient(running.baseUrl))).challenge,
        'add passkey': async () => (await addPasskeyOptions(client)).challenge,
        're-authentication': async () => (await reauthenticateOptions(client)).challenge,
      };
      const seen = new Set<string>();
      for (const [ceremony, issue] of Object.entries(issuers)) {
        for (let round = 0; round < 5; round += 1) {
          const challenge = await issue();
          assert.ok(Buffer.from(challenge, 'base64url').length >= 16, `${ceremony}: ${challenge} has fewer than 16 bytes`);
          assert.ok(!seen.has(challenge), `${ceremony}: ${challenge} was issued before`);
          seen.add(challenge);
        }
      }
    });

    it('takes a code only for the purpose it was sent for: a sign-in code does not re-authenticate, nor the reverse', async () => {
      const email = uniqueIdentifier('purpose');
      const account = new TestClient(running.baseUrl);
      await signUpWithCode(sink, account, email);
      const stranger = new TestClient(running.baseUrl);
      const signInCode = (await mailedCode(sink, stranger, '/login/code', email)).code;
      const reauthenticationCode = (await mailedCode(sink, account, '/reauthenticate/code', email, {})).code;
      assert.notEqual(signInCode, reauthenticationCode);

      await expectProblem(await account.post('/reauthenticate/code/verify', { code: signInCode }), 400, 'invalid-code');
      await expectProblem(await stranger.post('/login/code/verify', { email, code: reauthenticationCode }), 400, 'invalid-code');
      assert.equal((await expectJson<{ user: unknown }>(await stranger.get('/session'))).user, null, 'the re-authentication code signed nobody in');

      // Each still works for its own purpose: the refusals above were about the purpose alone.
      await expectJson(await account.post('/reauthenticate/code/verify', { code: reauthenticationCode }));
      await expectJson(await stranger.post('/login/code/verify', { email, code: signInCode }));
    });

    it('marks every answer no-store: successes, problems and preflights', async () => {
      const client = new TestClient(running.baseUrl);
      const answers: Array<[string, Response]> = [
        ['GET /session', await client.get('/session')],
        ['POST /login/options', await client.post('/login/options', {})],
        ['POST /register/options, invalid', await client.post('/register/options', { identifier: 7 })],
        ['GET /account, signed out', await client.get('/account')],
        ['PUT /session', await client.request('PUT', '/session')],
        ['GET /nope', await client.get('/nope')],
        [
          'OPTIONS /login/options',
          await client.request('OPTIONS', '/login/options', {
            headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
          }),
        ],
      ];
      for (const [request, answer] of answers) {
        assert.equal(answer.headers.get('cache-control'), 'no-store', request);
        await answer.body?.cancel();
      }
    });
  });
}

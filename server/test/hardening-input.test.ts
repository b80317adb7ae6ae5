/**
 * Client strings the database cannot store as sent (a NUL character, half of a surrogate pair)
 * are refused with a problem before any SQL runs: never a 500, and nothing stored changes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../src/index.ts';
import { addPasskeyOptions, reauthenticateOptions } from './helpers/account.ts';
import { SoftwareAuthenticator } from './helpers/authenticator.ts';
import {
  TestClient,
  databaseTargets,
  expectNoChange,
  expectProblem,
  loginOptions,
  origin,
  registrationOptions,
  signUp,
  startServer,
  uniqueIdentifier,
} from './helpers/harness.ts';
import type { RunningServer } from './helpers/harness.ts';
import { storedState } from './helpers/stored-state.ts';

/** Strings that used to reach SQL: PostgreSQL refuses a NUL in text, and a lone surrogate in jsonb. */
const unstorable = { nul: 'abc\u0000def', loneHigh: 'abc\ud800def', loneLow: '\udc00abcdef' };

for (const target of databaseTargets()) {
  describe(`client strings before SQL on ${target.name}`, () => {
    let database: Database;
    let running: RunningServer;
    let user: TestClient;
    let authenticator: SoftwareAuthenticator;
    let identifier: string;

    before(async () => {
      database = await target.open();
      running = await startServer(database);
      user = new TestClient(running.baseUrl);
      authenticator = new SoftwareAuthenticator();
      identifier = uniqueIdentifier();
      await signUp(user, authenticator, identifier);
    });
    after(async () => {
      await running.close();
      await database.close();
    });

    /** Asserts the problem, and that neither a row count (challenges included) nor any stored value changed. */
    async function refusedWithoutChange(send: () => Promise<Response>, status: number, code: string): Promise<void> {
      const state = await storedState(database);
      await expectNoChange(database, async () => {
        await expectProblem(await send(), status, code);
      });
      assert.deepEqual(await storedState(database), state);
    }

    for (const [kind, challenge] of Object.entries(unstorable)) {
      it(`answers a challenge with ${kind} in the client data with challenge-invalid on every finishing request`, async () => {
        const browser = new TestClient(running.baseUrl);
        const signUpOptions = await registrationOptions(browser, uniqueIdentifier());
        const created = new SoftwareAuthenticator().create(signUpOptions, { origin, clientData: { challenge } });
        await refusedWithoutChange(() => browser.post('/register/verify', created), 400, 'challenge-invalid');

        const signInAssertion = authenticator.get(await loginOptions(browser), { origin, clientData: { challenge } });
        await refusedWithoutChange(() => browser.post('/login/verify', signInAssertion), 400, 'challenge-invalid');

        const added = new SoftwareAuthenticator().create(await addPasskeyOptions(user), { origin, clientData: { challenge } });
        await refusedWithoutChange(() => user.post('/passkeys', added), 400, 'challenge-invalid');

        const reauthentication = authenticator.get(await reauthenticateOptions(user), { origin, clientData: { challenge } });
        await refusedWithoutChange(() => user.post('/reauthenticate/verify', reauthentication), 400, 'challenge-invalid');
      });
    }

    it('answers an over-long challenge with challenge-invalid', async () => {
      const assertion = authenticator.get(await loginOptions(user), { origin, clientData: { challenge: 'A'.repeat(4096) } });
      await refusedWithoutChange(() => user.post('/login/verify', assertion), 400, 'challenge-invalid');
    });

    it('refuses a lone surrogate in identifiers, emails and language before looking anything up', async () => {
      const browser = new TestClient(running.baseUrl);
      const cases: Array<[TestClient, string, unknown, string]> = [
        [browser, '/register/options', { identifier: 'ada\ud800@example.com' }, 'invalid-identifier'],
        [browser, '/register/options', { identifier: '\udc00ada@example.com' }, 'invalid-identifier'],
        [browser, '/login/options', { identifier: 'ada\ud800@example.com' }, 'invalid-identifier'],
        [browser, '/register/options', { identifier: 'ada@example.com', displayName: 'Ada \ud800' }, 'invalid-display-name'],
        [browser, '/login/code', { email: 'ada\ud800@example.com' }, 'invalid-email'],
        [browser, '/login/code', { email: 'ada@example.com', language: 'de\ud800' }, 'invalid-request'],
        [browser, '/login/code/verify', { email: 'ada\udc00@example.com', code: '123456' }, 'invalid-email'],
        [browser, '/register/code', { email: 'ada\ud800@example.com' }, 'invalid-email'],
        [browser, '/register/code', { email: 'ada@example.com', language: '\ud800' }, 'invalid-request'],
        [browser, '/register/code', { email: 'ada@example.com', displayName: 'x\u0000' }, 'invalid-display-name'],
        [browser, '/register/code/verify', { email: 'ada\ud800@example.com', code: '123456' }, 'invalid-email'],
        [user, '/account/email/code', { email: 'new\ud800@example.com' }, 'invalid-email'],
        [user, '/account/email/code', { language: 'en\udc00' }, 'invalid-request'],
        [user, '/account/email/verify', { email: 'new\ud800@example.com', code: '123456' }, 'invalid-email'],
        [user, '/reauthenticate/code', { language: 'fr\ud800' }, 'invalid-request'],
      ];
      for (const [client, path, json, code] of cases) {
        await refusedWithoutChange(() => client.post(path, json), 400, code);
      }
    });

    it('refuses NUL and lone surrogates in codes, names and path ids', async () => {
      const browser = new TestClient(running.baseUrl);
      for (const typed of Object.values(unstorable)) {
        await refusedWithoutChange(() => browser.post('/login/code/verify', { email: identifier, code: typed }), 400, 'invalid-code');
        await refusedWithoutChange(() => user.patch('/account', { displayName: typed }), 400, 'invalid-display-name');
      }
      const [passkeyId] = authenticator.credentials.map((credential) => credential.id.toString('base64url'));
      assert.ok(passkeyId);
      await refusedWithoutChange(() => user.patch(`/passkeys/${passkeyId}`, { name: 'Phone \ud800' }), 400, 'invalid-passkey-name');
      // %ED%A0%80 is a surrogate encoded as UTF-8, which no decoder turns into a string.
      for (const id of ['%00', 'abc%00', '%ED%A0%80', '%F0%9F', '..%2f..%2fsessions']) {
        await refusedWithoutChange(() => user.patch(`/passkeys/${id}`, { name: 'Phone' }), 404, 'unknown-passkey');
        await refusedWithoutChange(() => user.delete(`/passkeys/${id}`), 404, 'unknown-passkey');
        await refusedWithoutChange(() => user.delete(`/sessions/${id}`), 404, 'unknown-session');
      }
    });
  });
}

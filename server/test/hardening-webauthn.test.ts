/**
 * WebAuthn checks beyond the library's: ceremonies in cross-origin iframes only under an allowed
 * top-level page, the user handle of usernameless sign-ins, and failures that reveal no stored state.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { configFromEnv, resolveConfig } from '../src/index.ts';
import type { Database } from '../src/index.ts';
import { addPasskeyOptions, reauthenticateOptions } from './helpers/account.ts';
import { SoftwareAuthenticator } from './helpers/authenticator.ts';
import {
  TestClient,
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
  testConfig,
  uniqueIdentifier,
} from './helpers/harness.ts';
import type { RunningServer } from './helpers/harness.ts';

const portal = 'https://portal.example.org';
const foreignPage = 'https://evil.example';

describe('topOrigins configuration', () => {
  it('defaults to none, and reads TOP_ORIGINS comma-separated and normalised like ORIGINS', () => {
    assert.deepEqual(resolveConfig(testConfig).topOrigins, []);
    assert.deepEqual(configFromEnv({}).topOrigins, []);
    assert.deepEqual(configFromEnv({ TOP_ORIGINS: `${portal}/, https://Other.Example:8443 ,` }).topOrigins, [
      portal,
      'https://other.example:8443',
    ]);
  });

  it('refuses top origins that are not http(s) origins', () => {
    for (const topOrigin of ['portal.example.org', 'ftp://portal.example.org', `${portal}/embed`, `${portal}?a=1`]) {
      assert.throws(() => resolveConfig({ ...testConfig, topOrigins: [topOrigin] }), /topOrigin/);
    }
  });
});

for (const target of databaseTargets()) {
  describe(`WebAuthn checks on ${target.name}`, () => {
    let database: Database;
    let running: RunningServer;
    /** The same API on the same database, for a site that embeds the elements in `portal`'s pages. */
    let embedded: RunningServer;

    before(async () => {
      database = await target.open();
      running = await startServer(database);
      embedded = await startServer(database, { topOrigins: [portal] });
    });
    after(async () => {
      await embedded.close();
      await running.close();
      await database.close();
    });

    /** A signed-in user on `server`, with the authenticator that holds the account's passkey. */
    async function signedInUser(server: RunningServer) {
      const client = new TestClient(server.baseUrl);
      const authenticator = new SoftwareAuthenticator();
      const identifier = uniqueIdentifier();
      await signUp(client, authenticator, identifier);
      return { client, authenticator, identifier };
    }

    // Refused before the challenge is consumed: a forged embedding cannot burn a user's challenge.
    const refusedUntouched = (send: () => Promise<Response>, code = 'origin-mismatch') =>
      expectNoChange(database, async () => {
        await expectProblem(await send(), 400, code);
      });

    it('refuses every ceremony in a cross-origin iframe when no top origin is allowed', async () => {
      const { client, authenticator } = await signedInUser(running);
      const embeddings = [{ crossOrigin: true, topOrigin: foreignPage }, { crossOrigin: true }, { crossOrigin: true, topOrigin: portal }];
      for (const clientData of embeddings) {
        const browser = new TestClient(running.baseUrl);
        const created = new SoftwareAuthenticator().create(await registrationOptions(browser, uniqueIdentifier()), { origin, clientData });
        await refusedUntouched(() => browser.post('/register/verify', created));
        const added = new SoftwareAuthenticator().create(await addPasskeyOptions(client), { origin, clientData });
        await refusedUntouched(() => client.post('/passkeys', added));
        const assertion = authenticator.get(await loginOptions(browser), { origin, clientData });
        await refusedUntouched(() => browser.post('/login/verify', assertion));
        const reauthentication = authenticator.get(await reauthenticateOptions(client), { origin, clientData });
        await refusedUntouched(() => client.post('/reauthenticate/verify', reauthentication));
      }
      assert.equal(authenticator.credentials.length, 1);
    });

    it('accepts a cross-origin ceremony only under an allowed top origin, and never without one', async () => {
      const browser = new TestClient(embedded.baseUrl);
      const authenticator = new SoftwareAuthenticator();
      const inPortal = { crossOrigin: true, topOrigin: portal };
      const options = await registrationOptions(browser, uniqueIdentifier());
      await expectJson(await browser.post('/register/verify', authenticator.create(options, { origin, clientData: inPortal })));
      await expectJson(await browser.post('/passkeys', new SoftwareAuthenticator().create(await addPasskeyOptions(browser), { origin, clientData: inPortal })), 201);
      await expectJson(await browser.post('/reauthenticate/verify', authenticator.get(await reauthenticateOptions(browser), { origin, clientData: inPortal })));
      await browser.delete('/session');
      await expectJson(await browser.post('/login/verify', authenticator.get(await loginOptions(browser), { origin, clientData: inPortal })));
      // A top-level page (no embedding) is still fine.
      await signIn(browser, authenticator);

      for (const clientData of [{ crossOrigin: true }, { crossOrigin: true, topOrigin: foreignPage }, { crossOrigin: false, topOrigin: foreignPage }]) {
        const assertion = authenticator.get(await loginOptions(browser), { origin, clientData });
        await refusedUntouched(() => browser.post('/login/verify', assertion));
      }
      for (const clientData of [{ crossOrigin: 'true' }, { crossOrigin: 1 }, { crossOrigin: true, topOrigin: 7 }]) {
        const assertion = authenticator.get(await loginOptions(browser), { origin, clientData });
        await refusedUntouched(() => browser.post('/login/verify', assertion), 'invalid-credential');
      }
    });

    it('refuses a usernameless sign-in without the user handle, and checks one sent on identifier-first', async () => {
      const { client, authenticator, identifier } = await signedInUser(running);
      const other = await registrationOptions(new TestClient(running.baseUrl), uniqueIdentifier());
      const browser = new TestClient(running.baseUrl);
      const withoutHandle = authenticator.get(await loginOptions(browser), { origin, omitUserHandle: true });
      await expectProblem(await browser.post('/login/verify', withoutHandle), 400, 'verification-failed');
      const emptyHandle = authenticator.get(await loginOptions(browser), { origin });
      emptyHandle.response.userHandle = '';
      await expectProblem(await browser.post('/login/verify', emptyHandle), 400, 'verification-failed');
      assert.equal(browser.cookies.size, 0, 'no session');

      const foreignHandle = authenticator.get(await loginOptions(browser, identifier), { origin });
      foreignHandle.response.userHandle = other.user.id;
      await expectProblem(await browser.post('/login/verify', foreignHandle), 400, 'verification-failed');
      // The identifier named the account: an authenticator that sends no handle may sign in.
      await expectJson(await browser.post('/login/verify', authenticator.get(await loginOptions(browser, identifier), { origin, omitUserHandle: true })));

      const reauthentication = authenticator.get(await reauthenticateOptions(client), { origin });
      reauthentication.response.userHandle = other.user.id;
      await expectProblem(await client.post('/reauthenticate/verify', reauthentication), 400, 'verification-failed');
    });

    it('answers every failed verification with the same detail, which names no stored value', async () => {
      const { authenticator } = await signedInUser(running);
      const browser = new TestClient(running.baseUrl);
      for (let index = 0; index < 7; index++) await signIn(browser, authenticator);
      const credential = authenticator.credentials[0];
      assert.ok(credential);
      const storedCounter = credential.signCount;
      assert.ok(storedCounter >= 7);

      const details = new Set<unknown>();
      credential.signCount = 0; // a cloned authenticator, or a forger guessing the counter
      const cloned = authenticator.get(await loginOptions(browser), { origin });
      details.add((await expectProblem(await browser.post('/login/verify', cloned), 400, 'verification-failed')).detail);
      credential.signCount = storedCounter;
      const badSignature = authenticator.get(await loginOptions(browser), { origin });
      badSignature.response.signature = Buffer.alloc(70, 1).toString('base64url');
      details.add((await expectProblem(await browser.post('/login/verify', badSignature), 400, 'verification-failed')).detail);
      const otherRp = authenticator.get(await loginOptions(browser), { origin, rpId: 'evil.example' });
      details.add((await expectProblem(await browser.post('/login/verify', otherRp), 400, 'verification-failed')).detail);
      const notVerified = new SoftwareAuthenticator().create(await registrationOptions(browser, uniqueIdentifier()), { origin, userVerified: false });
      details.add((await expectProblem(await browser.post('/register/verify', notVerified), 400, 'verification-failed')).detail);

      assert.deepEqual([...details], ['The response could not be verified.']);
    });
  });
}

/**
 * The reference server on a hosted Passkey API tenant (a local stand-in of it, with real WebAuthn
 * behind it): the same protocol, sessions and account page as with the local engine, while the
 * tenant makes the challenges, checks the authenticators and answers with JWTs the server verifies.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../src/index.ts';
import { addPasskey, getAccount, reauthenticate } from './helpers/account.ts';
import { SoftwareAuthenticator } from './helpers/authenticator.ts';
import {
  TestClient,
  countRows,
  databaseTargets,
  expectJson,
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
import { startHostedApiStandIn, type HostedApiStandIn, type TokenFault } from './helpers/hosted-api-stand-in.ts';

/** A browser that keeps every answer it got, headers and body, to look for what must never reach it. */
class RecordingClient extends TestClient {
  readonly answers: string[] = [];

  override async request(...args: Parameters<TestClient['request']>) {
    const response = await super.request(...args);
    const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n');
    this.answers.push(`${headers}\n\n${await response.clone().text()}`);
    return response;
  }
}

const userIdOf = (userHandle: string) => Buffer.from(userHandle, 'base64url').toString('utf8');

for (const target of databaseTargets()) {
  describe(`the hosted Passkey API engine on ${target.name}`, () => {
    let database: Database;
    let tenant: HostedApiStandIn;
    let running: RunningServer;

    before(async () => {
      database = await target.open();
      tenant = await startHostedApiStandIn({ rpId: 'localhost', origins: [origin] });
      running = await startServer(database, { hostedPasskeyApi: { tenantId: tenant.tenantId, apiKey: tenant.apiKey, baseUrl: tenant.baseUrl } });
    });
    after(async () => {
      await running.close();
      await tenant.close();
      await database.close();
    });

    it('signs up with the tenant’s challenge and keeps the passkey at the tenant and in the account', async () => {
      const browser = new TestClient(running.baseUrl);
      const authenticator = new SoftwareAuthenticator();
      const requestsBefore = tenant.requests.length;
      const options = await registrationOptions(browser, uniqueIdentifier('hosted'), 'Ada');
      const initialize = tenant.requests.slice(requestsBefore).find((request) => request.path.endsWith('/registration/initialize'));
      assert.ok(initialize?.withApiKey, 'registration initialize went to the tenant with its API key');

      const credential = authenticator.create(options, { origin });
      const { user } = await expectJson<{ user: ApiUser }>(await browser.post('/register/verify', credential));
      assert.equal(user.displayName, 'Ada');

      const atTenant = tenant.credentials.get(credential.id);
      assert.ok(atTenant, 'the tenant stored the passkey');
      assert.equal(atTenant.userId, userIdOf(options.user.id));
      const account = await getAccount(browser);
      assert.deepEqual(account.passkeys.map((passkey) => passkey.id), [credential.id]);
      assert.equal(account.user.userHandle, options.user.id);
      const [stored] = await database.query<{ public_key: Uint8Array }>('SELECT public_key FROM credentials WHERE id = $1', [credential.id]);
      assert.ok(stored);
      assert.deepEqual(Buffer.from(stored.public_key), Buffer.from(atTenant.publicKey));
    });

    it('signs in usernameless and identifier-first through the tenant, which counts the signatures', async () => {
      const browser = new TestClient(running.baseUrl);
      const authenticator = new SoftwareAuthenticator();
      const identifier = uniqueIdentifier('hosted');
      const registered = await signUp(browser, authenticator, identifier);
      const credentialId = authenticator.credentials[0]?.id.toString('base64url') ?? '';

      const usernameless = await signIn(new TestClient(running.baseUrl), authenticator);
      assert.equal(usernameless.id, registered.id);
      const identifierFirst = new TestClient(running.baseUrl);
      const options = await loginOptions(identifierFirst, identifier);
      assert.deepEqual(options.allowCredentials?.map((descriptor) => descriptor.id), [credentialId]);
      const assertion = authenticator.get(options, { origin });
      const { user } = await expectJson<{ user: ApiUser }>(await identifierFirst.post('/login/verify', assertion));
      assert.equal(user.id, registered.id);
      assert.equal(tenant.credentials.get(credentialId)?.counter, 2);
      assert.equal((await getAccount(identifierFirst)).user.id, registered.id);

      // The tenant's login is discoverable: without the user handle it cannot tell whose passkey it is.
      const withoutHandle = new TestClient(running.baseUrl);
      const bare = authenticator.get(await loginOptions(withoutHandle, identifier), { origin, omitUserHandle: true });
      await expectProblem(await withoutHandle.post('/login/verify', bare), 400, 'verification-failed');
      assert.equal(withoutHandle.cookies.size, 0);
    });

    it('asks the tenant twice per sign-in and re-authentication: initialize, then finalize', async () => {
      const authenticator = new SoftwareAuthenticator();
      await signUp(new TestClient(running.baseUrl), authenticator, uniqueIdentifier('hosted'));
      const browser = new TestClient(running.baseUrl);
      const paths = async (step: () => Promise<unknown>) => {
        const before = tenant.requests.length;
        await step();
        return tenant.requests.slice(before).map((request) => request.path.split('/').slice(2).join('/'));
      };
      assert.deepEqual(await paths(() => signIn(browser, authenticator)), ['login/initialize', 'login/finalize']);
      assert.deepEqual(await paths(() => reauthenticate(browser, authenticator)), ['login/initialize', 'login/finalize']);
      const credentialId = authenticator.credentials[0]?.id.toString('base64url') ?? '';
      assert.equal(tenant.credentials.get(credentialId)?.counter, 2);
    });

    it('lists the account’s passkeys and removes one at the tenant too, with the API key', async () => {
      const browser = new TestClient(running.baseUrl);
      const phone = new SoftwareAuthenticator();
      const laptop = new SoftwareAuthenticator();
      await signUp(browser, phone, uniqueIdentifier('hosted'));
      const added = await addPasskey(browser, laptop);
      assert.ok(tenant.credentials.has(added.id));
      assert.equal((await getAccount(browser)).passkeys.length, 2);

      const requestsBefore = tenant.requests.length;
      assert.equal((await browser.delete(`/passkeys/${encodeURIComponent(added.id)}`)).status, 204);
      const removal = tenant.requests.slice(requestsBefore).find((request) => request.method === 'DELETE');
      assert.equal(removal?.path, `/${tenant.tenantId}/credentials/${added.id}`);
      assert.ok(removal.withApiKey);
      assert.equal(tenant.credentials.has(added.id), false);
      assert.equal((await getAccount(browser)).passkeys.length, 1);

      // The removed passkey no longer signs in: the tenant does not know it any more.
      const stranger = new TestClient(running.baseUrl);
      const assertion = laptop.get(await loginOptions(stranger), { origin });
      await expectProblem(await stranger.post('/login/verify', assertion), 404, 'unknown-credential');
    });

    it('deletes the account’s passkeys at the tenant when the account is deleted', async () => {
      const browser = new TestClient(running.baseUrl);
      const phone = new SoftwareAuthenticator();
      await signUp(browser, phone, uniqueIdentifier('hosted'));
      const added = await addPasskey(browser, new SoftwareAuthenticator());
      const ids = [phone.credentials[0]?.id.toString('base64url') ?? '', added.id];
      assert.deepEqual(ids.map((id) => tenant.credentials.has(id)), [true, true]);
      assert.equal((await browser.delete('/account')).status, 204);
      assert.deepEqual(ids.map((id) => tenant.credentials.has(id)), [false, false]);
    });

    for (const fault of ['wrong-signature', 'expired', 'wrong-audience'] as const satisfies readonly TokenFault[]) {
      it(`refuses a sign-in whose tenant token has a ${fault}, with verification-failed and no session`, async () => {
        const authenticator = new SoftwareAuthenticator();
        await signUp(new TestClient(running.baseUrl), authenticator, uniqueIdentifier('hosted'));
        const browser = new TestClient(running.baseUrl);
        const assertion = authenticator.get(await loginOptions(browser), { origin });
        const before = await countRows(database);
        tenant.nextTokenFault = fault;
        await expectProblem(await browser.post('/login/verify', assertion), 400, 'verification-failed');
        assert.equal(tenant.nextTokenFault, undefined, 'the tenant answered with the bad token');
        assert.equal(browser.cookies.size, 0);
        assert.equal((await countRows(database)).sessions, before.sessions);
      });

      it(`refuses a sign-up whose tenant token has a ${fault}, and creates no account`, async () => {
        const browser = new TestClient(running.baseUrl);
        const options = await registrationOptions(browser, uniqueIdentifier('hosted'));
        const credential = new SoftwareAuthenticator().create(options, { origin });
        const before = await countRows(database);
        tenant.nextTokenFault = fault;
        await expectProblem(await browser.post('/register/verify', credential), 400, 'verification-failed');
        assert.equal(tenant.nextTokenFault, undefined, 'the tenant answered with the bad token');
        const afterwards = await countRows(database);
        assert.deepEqual({ users: afterwards.users, credentials: afterwards.credentials }, { users: before.users, credentials: before.credentials });
      });
    }

    it('never sends the tenant’s API key to the browser, in any answer of a whole journey', async () => {
      const browser = new RecordingClient(running.baseUrl);
      const phone = new SoftwareAuthenticator();
      const identifier = uniqueIdentifier('hosted');
      await signUp(browser, phone, identifier);
      const added = await addPasskey(browser, new SoftwareAuthenticator());
      await getAccount(browser);
      await browser.delete(`/passkeys/${encodeURIComponent(added.id)}`);
      assert.equal((await browser.delete('/session')).status, 204);
      await signIn(browser, phone, identifier);
      await browser.post('/register/verify', { id: 'forged' });
      assert.ok(browser.answers.length >= 10, `${browser.answers.length} answers recorded`);
      for (const answer of browser.answers) assert.equal(answer.includes(tenant.apiKey), false, `an answer carried the API key:\n${answer}`);
    });

    it('answers unavailable, not a 500, when the tenant refuses the API key or cannot be reached', async () => {
      const misconfigured = [
        await startServer(database, { hostedPasskeyApi: { tenantId: tenant.tenantId, apiKey: 'not-the-key', baseUrl: tenant.baseUrl } }),
        await startServer(database, { hostedPasskeyApi: { tenantId: tenant.tenantId, apiKey: tenant.apiKey, baseUrl: 'http://127.0.0.1:9' } }),
      ];
      try {
        for (const server of misconfigured) {
          const body = await expectProblem(await new TestClient(server.baseUrl).post('/register/options', { identifier: uniqueIdentifier('hosted') }), 503, 'unavailable');
          assert.equal(JSON.stringify(body).includes(tenant.apiKey), false);
        }
      } finally {
        for (const server of misconfigured) await server.close();
      }
    });
  });
}

/**
 * The reference server against the protocol module: every operation is routed where the module
 * says, answers only the module's problem codes with their statuses, checks the session and the
 * re-authentication the module declares, and answers other methods with 405.
 */
import assert from 'node:assert/strict';
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { after, before, describe, it } from 'node:test';
import { contracts, methodsByPath, operations, problems, type OperationName } from '../../src/protocol/index.ts';
import type { Database } from '../src/index.ts';
import { ageVerification, reauthenticateOptions, addPasskeyOptions } from './helpers/account.ts';
import { SoftwareAuthenticator } from './helpers/authenticator.ts';
import {
  TestClient,
  databaseTargets,
  loginOptions,
  origin,
  registrationOptions,
  signUp,
  startServer,
  uniqueIdentifier,
} from './helpers/harness.ts';
import type { RunningServer } from './helpers/harness.ts';
import { codeOf, hasCode, startMailSink, type MailSink } from './helpers/mail-sink.ts';

const names = Object.keys(operations) as OperationName[];
// A syntactically valid credential id and session id that no account has.
const placeholderIds: Partial<Record<OperationName, string>> = {
  renamePasskey: 'AAAA',
  removePasskey: 'AAAA',
  revokeSession: '00000000-0000-4000-8000-000000000000',
};

function pathOf(name: OperationName): string {
  return operations[name].path.replace('{id}', placeholderIds[name] ?? '');
}

/** Asserts a problem answer whose code and status are the protocol's; returns the code. */
async function protocolProblem(response: Response): Promise<string> {
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = (await response.json()) as { code: string; status: number };
  assert.ok(Object.hasOwn(problems, body.code), `${body.code} is not a code of the protocol`);
  assert.equal(response.status, problems[body.code as keyof typeof problems].status);
  assert.equal(body.status, response.status);
  return body.code;
}

for (const target of databaseTargets()) {
  describe(`the protocol on ${target.name}`, () => {
    let database: Database;
    let sink: MailSink;
    let running: RunningServer;
    /** Code sign-ins there must add a passkey before anything else. */
    let recoveryOnly: RunningServer;

    before(async () => {
      database = await target.open();
      sink = await startMailSink();
      running = await startServer(database, { challengeTtlMs: 90_000, smtpUrl: sink.url });
      recoveryOnly = await startServer(database, { smtpUrl: sink.url, codeSignIn: 'recovery' });
    });
    after(async () => {
      await running.close();
      await recoveryOnly.close();
      await sink.close();
      await database.close();
    });

    it('routes every operation, and those needing a session answer not-signed-in without one', async () => {
      const client = new TestClient(running.baseUrl);
      for (const name of names) {
        const { method } = operations[name];
        const response = await client.request(method, pathOf(name), method === 'GET' || method === 'DELETE' ? {} : { json: {} });
        if (contracts[name].signedIn) {
          assert.equal(await protocolProblem(response), 'not-signed-in', `${method} ${pathOf(name)}`);
        } else if (response.ok) {
          await response.body?.cancel();
        } else {
          const code = await protocolProblem(response);
          assert.ok(!['not-found', 'method-not-allowed'].includes(code), `${method} ${pathOf(name)} answered ${code}`);
        }
      }
    });

    it('asks for a fresh passkey check exactly where the protocol marks an operation sensitive', async () => {
      const client = new TestClient(running.baseUrl);
      const authenticator = new SoftwareAuthenticator();
      await signUp(client, authenticator, uniqueIdentifier('sensitive'));
      await ageVerification(database, client, 60);
      for (const name of names.filter((each) => contracts[each].signedIn)) {
        const { method } = operations[name];
        // Operations with a target get an unknown one: the target is checked before the verification.
        if (placeholderIds[name] !== undefined) continue;
        const json = name === 'updateAccount' ? { displayName: 'Ada' } : {};
        const response = await client.request(method, pathOf(name), method === 'GET' || method === 'DELETE' ? {} : { json });
        const code = response.ok ? 'ok' : await protocolProblem(response);
        if (response.ok) await response.body?.cancel();
        if (contracts[name].sensitive) assert.equal(code, 'reauthentication-required', `${method} ${pathOf(name)}`);
        else assert.notEqual(code, 'reauthentication-required', `${method} ${pathOf(name)}`);
      }
    });

    it('opens only the operations marked duringRecovery to a session that must add a passkey first', async () => {
      const email = uniqueIdentifier('recovery');
      const owner = new TestClient(recoveryOnly.baseUrl);
      await signUp(owner, new SoftwareAuthenticator(), email);
      const requested = Date.now();
      await owner.post('/account/email/code', {});
      await owner.post('/account/email/verify', { email, code: codeOf(await sink.waitFor(email, { since: requested })) });
      const client = new TestClient(recoveryOnly.baseUrl);
      const since = Date.now();
      assert.equal((await client.post('/login/code', { email })).status, 202);
      const signedIn = await client.post('/login/code/verify', { email, code: codeOf(await sink.waitFor(email, { since, matching: hasCode })) });
      assert.equal(((await signedIn.json()) as { passkeyRequired?: boolean }).passkeyRequired, true);
      for (const name of names.filter((each) => contracts[each].signedIn)) {
        const { method } = operations[name];
        const response = await client.request(method, pathOf(name), method === 'GET' || method === 'DELETE' ? {} : { json: {} });
        const code = response.ok ? 'ok' : await protocolProblem(response);
        if (response.ok) await response.body?.cancel();
        if (contracts[name].duringRecovery) assert.notEqual(code, 'passkey-required', `${method} ${pathOf(name)}`);
        else assert.equal(code, 'passkey-required', `${method} ${pathOf(name)}`);
      }
      // GET and DELETE /session are open to it too.
      assert.equal((await client.get('/session')).status, 200);
      assert.equal((await client.delete('/session')).status, 204);
    });

    it('answers the methods a path does not accept with 405 and the ones it does in Allow', async () => {
      const client = new TestClient(running.baseUrl);
      for (const [path, methods] of methodsByPath()) {
        const other = ['GET', 'POST', 'PATCH', 'DELETE'].find((method) => !methods.includes(method as never));
        if (other === undefined) continue;
        const response = await client.request(other, path.replace('{id}', 'AAAA'));
        assert.equal(await protocolProblem(response), 'method-not-allowed');
        assert.equal(response.headers.get('allow'), methods.join(', '));
      }
    });

    it('answers each operation with the success status the protocol gives it', async () => {
      const answered = new Set<OperationName>();
      async function succeed<Body>(browser: TestClient, name: OperationName, { id = '', json = {} }: { id?: string; json?: unknown } = {}) {
        const { method, path } = operations[name];
        const response = await browser.request(method, path.replace('{id}', id), method === 'GET' || method === 'DELETE' ? {} : { json });
        const text = await response.text();
        assert.equal(response.status, contracts[name].status, `${method} ${path}: ${text}`);
        answered.add(name);
        return (text === '' ? undefined : JSON.parse(text)) as Body;
      }
      const client = new TestClient(running.baseUrl);
      const elsewhere = new TestClient(running.baseUrl);
      const authenticator = new SoftwareAuthenticator();
      /** Runs a code request, then the operation that takes the mailed code. */
      const withMailedCode = async (browser: TestClient, request: OperationName, json: unknown, address: string, verify: OperationName, verifyJson: object) => {
        const since = Date.now();
        await succeed(browser, request, { json });
        const code = codeOf(await sink.waitFor(address, { since, matching: hasCode }));
        return succeed(browser, verify, { json: { ...verifyJson, code } });
      };
      const signInElsewhere = async () => {
        const options = await succeed<PublicKeyCredentialRequestOptionsJSON>(elsewhere, 'loginOptions');
        await succeed(elsewhere, 'verifyLogin', { json: authenticator.get(options, { origin }) });
      };

      const email = uniqueIdentifier('status');
      const codeSignUp = uniqueIdentifier('status-code');
      await withMailedCode(new TestClient(running.baseUrl), 'requestSignUpCode', { email: codeSignUp }, codeSignUp, 'signUpWithCode', { email: codeSignUp });
      const creation = await succeed<PublicKeyCredentialCreationOptionsJSON>(client, 'registrationOptions', { json: { identifier: email } });
      await succeed(client, 'verifyRegistration', { json: authenticator.create(creation, { origin }) });
      await succeed(client, 'currentUser');
      await succeed(client, 'updateAccount', { json: { displayName: 'Ada' } });
      const added = await succeed<PublicKeyCredentialCreationOptionsJSON>(client, 'addPasskeyOptions');
      const { passkey } = await succeed<{ passkey: { id: string } }>(client, 'addPasskey', { json: new SoftwareAuthenticator().create(added, { origin }) });
      await succeed(client, 'renamePasskey', { id: passkey.id, json: { name: 'Laptop' } });
      const request = await succeed<PublicKeyCredentialRequestOptionsJSON>(client, 'reauthenticationOptions');
      await succeed(client, 'reauthenticate', { json: authenticator.get(request, { origin }) });
      await succeed(client, 'removePasskey', { id: passkey.id });
      await withMailedCode(client, 'requestEmailCode', {}, email, 'confirmEmail', { email });
      await withMailedCode(new TestClient(running.baseUrl), 'requestSignInCode', { email }, email, 'signInWithCode', { email });
      await withMailedCode(client, 'requestReauthenticationCode', {}, email, 'reauthenticateWithCode', {});
      await succeed(client, 'createRecoveryCodes');
      await succeed(client, 'setTwoFactor', { json: { optOut: false } });
      await succeed(client, 'securityActivity');
      await signInElsewhere();
      const { sessions } = await succeed<{ sessions: Array<{ id: string; current: boolean }> }>(client, 'account');
      await succeed(client, 'revokeSession', { id: sessions.find((session) => !session.current)?.id ?? '' });
      await signInElsewhere();
      await succeed(client, 'revokeOtherSessions');
      await signInElsewhere();
      await succeed(elsewhere, 'signOut');
      await succeed(client, 'deleteAccount');
      assert.deepEqual([...answered].sort(), [...names].sort());
    });

    it('sets every options timeout to the challenge lifetime', async () => {
      const client = new TestClient(running.baseUrl);
      assert.equal((await registrationOptions(client, uniqueIdentifier('timeout'))).timeout, 90_000);
      assert.equal((await loginOptions(client)).timeout, 90_000);
      await signUp(client, new SoftwareAuthenticator(), uniqueIdentifier('timeout'));
      assert.equal((await reauthenticateOptions(client)).timeout, 90_000);
      assert.equal((await addPasskeyOptions(client)).timeout, 90_000);
    });
  });
}

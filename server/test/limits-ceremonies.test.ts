/**
 * Rate limits of the passkey ceremonies, kept in the database: per client address on every options
 * and verify request, per identifier, passkey or account on sign-in and re-authentication attempts,
 * counted together by every server process on one database.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../src/index.ts';
import { SoftwareAuthenticator } from './helpers/authenticator.ts';
import { signUpWithCode } from './helpers/codes.ts';
import { TestClient, databaseTargets, expectJson, expectProblem, origin, signUp, startServer, uniqueIdentifier, wideRateLimits } from './helpers/harness.ts';
import type { RunningServer } from './helpers/harness.ts';
import { startMailSink, type MailSink } from './helpers/mail-sink.ts';

/** Each test speaks from its own client addresses (behind one trusted proxy), so their counts stay apart. */
let clientCounter = 0;
function clientAt(server: RunningServer, address = `203.0.113.${++clientCounter}`): TestClient {
  const client = new TestClient(server.baseUrl);
  client.defaultHeaders = { 'x-forwarded-for': address };
  return client;
}

/** The same browser (cookies) speaking to another server process. */
function sameBrowserOn(server: RunningServer, browser: TestClient): TestClient {
  const client = new TestClient(server.baseUrl);
  client.defaultHeaders = { ...browser.defaultHeaders };
  for (const [name, value] of browser.cookies) client.cookies.set(name, value);
  return client;
}

async function expectRateLimited(response: Response, atMostSeconds: number): Promise<void> {
  const body = await expectProblem(response, 429, 'rate-limited');
  const { retryAfter } = body;
  assert.ok(typeof retryAfter === 'number' && Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= atMostSeconds, `retryAfter ${String(retryAfter)}`);
  assert.equal(response.headers.get('retry-after'), String(retryAfter));
}

const perClientMax = 6;
const perAccountMax = 3;
const windowMs = 60_000;

for (const target of databaseTargets()) {
  describe(`ceremony limits on ${target.name}`, () => {
    let database: Database;
    let sink: MailSink;
    /** Limits out of the way, to set accounts up. */
    let setup: RunningServer;
    /** Two processes, as far as the limits can tell: two servers on one database, tight per-client limit. */
    let first: RunningServer;
    let second: RunningServer;
    /** A tight per-account limit, the per-client one out of the way. */
    let accountLimited: RunningServer;
    let accountLimitedToo: RunningServer;

    before(async () => {
      database = await target.open();
      sink = await startMailSink();
      const base = { smtpUrl: sink.url, trustProxy: 1, codeLimits: { resendCooldownMs: 1 } };
      setup = await startServer(database, base);
      const clientLimited = { ...base, rateLimits: { ...wideRateLimits, perClient: { max: perClientMax, windowMs } } };
      first = await startServer(database, clientLimited);
      second = await startServer(database, clientLimited);
      const perAccountLimited = { ...base, rateLimits: { ...wideRateLimits, perAccount: { max: perAccountMax, windowMs } } };
      accountLimited = await startServer(database, perAccountLimited);
      accountLimitedToo = await startServer(database, perAccountLimited);
    });
    after(async () => {
      for (const server of [setup, first, second, accountLimited, accountLimitedToo]) await server.close();
      await sink.close();
      await database.close();
    });

    it('counts options and verify of every ceremony from one client address, across two processes', async () => {
      const address = `198.18.0.${++clientCounter}`;
      const onFirst = clientAt(first, address);
      const onSecond = clientAt(second, address);
      // One of each ceremony request, malformed or not signed in: each counts all the same.
      const requests = [
        () => onFirst.post('/register/options', { identifier: uniqueIdentifier('limit') }),
        () => onSecond.post('/register/verify', {}),
        () => onFirst.post('/login/options', {}),
        () => onSecond.post('/login/verify', {}),
        () => onFirst.post('/passkeys/options', {}),
        () => onSecond.post('/passkeys', {}),
      ];
      assert.equal(requests.length, perClientMax);
      const statuses = [];
      for (const request of requests) statuses.push((await request()).status);
      assert.ok(!statuses.includes(429), `within the limit: ${statuses.join(', ')}`);
      for (const path of ['/login/options', '/register/options', '/login/verify', '/register/verify', '/passkeys/options', '/passkeys', '/reauthenticate/options', '/reauthenticate/verify']) {
        await expectRateLimited(await onSecond.post(path, {}), windowMs / 1000);
        await expectRateLimited(await onFirst.post(path, {}), windowMs / 1000);
      }
      // Another client address is not held back by this one.
      await expectJson(await clientAt(first).post('/login/options', {}));
    });

    it('counts identifier-first sign-in per identifier, from any address, known or not', async () => {
      const authenticator = new SoftwareAuthenticator();
      const known = uniqueIdentifier('limit-known');
      await signUp(clientAt(setup), authenticator, known);
      for (const identifier of [known, uniqueIdentifier('limit-unknown')]) {
        for (let attempt = 1; attempt <= perAccountMax; attempt += 1) {
          const server = attempt % 2 === 0 ? accountLimitedToo : accountLimited;
          const response = await clientAt(server).post('/login/options', { identifier });
          // The unknown identifier answers unknown-user outside enumeration-safe mode: counted all the same.
          assert.ok(response.status === 200 || response.status === 404, `attempt ${attempt}: ${response.status}`);
        }
        await expectRateLimited(await clientAt(accountLimitedToo).post('/login/options', { identifier }), windowMs / 1000);
      }
      // The account still signs in usernameless: the limit is on the identifier, not the passkey.
      const browser = clientAt(accountLimited);
      const options = await expectJson<Parameters<SoftwareAuthenticator['get']>[0]>(await browser.post('/login/options', {}));
      await expectJson(await browser.post('/login/verify', authenticator.get(options, { origin })));
    });

    it('counts assertions per passkey before looking it up, so forged ones run out', async () => {
      const authenticator = new SoftwareAuthenticator();
      await signUp(clientAt(setup), authenticator, uniqueIdentifier('limit-passkey'));
      const forgedWith = async (server: RunningServer) => {
        const browser = clientAt(server);
        const options = await expectJson<Parameters<SoftwareAuthenticator['get']>[0]>(await browser.post('/login/options', {}));
        const assertion = authenticator.get(options, { origin });
        assertion.response.signature = Buffer.from('not a signature').toString('base64url');
        return browser.post('/login/verify', assertion);
      };
      for (let attempt = 1; attempt <= perAccountMax; attempt += 1) {
        await expectProblem(await forgedWith(attempt % 2 === 0 ? accountLimitedToo : accountLimited), 400, 'verification-failed');
      }
      await expectRateLimited(await forgedWith(accountLimited), windowMs / 1000);
      // A valid assertion of the same passkey waits too: the window counts attempts, not failures.
      const browser = clientAt(accountLimitedToo);
      const options = await expectJson<Parameters<SoftwareAuthenticator['get']>[0]>(await browser.post('/login/options', {}));
      await expectRateLimited(await browser.post('/login/verify', authenticator.get(options, { origin })), windowMs / 1000);
    });

    it('counts re-authentication per signed-in account, from any address', async () => {
      const authenticator = new SoftwareAuthenticator();
      const browser = clientAt(setup);
      await signUp(browser, authenticator, uniqueIdentifier('limit-reauth'));
      const requests = [
        () => sameBrowserOn(accountLimited, browser).post('/reauthenticate/options', {}),
        () => sameBrowserOn(accountLimitedToo, browser).post('/reauthenticate/options', {}),
        () => sameBrowserOn(accountLimited, browser).post('/reauthenticate/options', {}),
      ];
      assert.equal(requests.length, perAccountMax);
      for (const request of requests) assert.notEqual((await request()).status, 429);
      await expectRateLimited(await sameBrowserOn(accountLimitedToo, browser).post('/reauthenticate/options', {}), windowMs / 1000);
      // Still limited from another address.
      const elsewhere = sameBrowserOn(accountLimited, browser);
      elsewhere.defaultHeaders = { 'x-forwarded-for': `198.18.1.${++clientCounter}` };
      await expectRateLimited(await elsewhere.post('/reauthenticate/options', {}), windowMs / 1000);
    });

    it('counts code sign-in attempts per address', async () => {
      const email = uniqueIdentifier('limit-code');
      await signUpWithCode(sink, clientAt(setup), email);
      for (let attempt = 1; attempt <= perAccountMax; attempt += 1) {
        await expectProblem(await clientAt(accountLimited).post('/login/code/verify', { email, code: '000000' }), 400, 'invalid-code');
      }
      await expectRateLimited(await clientAt(accountLimitedToo).post('/login/code/verify', { email, code: '000000' }), windowMs / 1000);
    });
  });
}

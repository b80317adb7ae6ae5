/**
 * Pending challenges: one client address holds at most a few unexpired ones, however fast it
 * floods, across server processes; expired ones are purged soon, after a short grace in which a
 * late answer still learns that its challenge expired.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import type { Database } from '../src/index.ts';
import { consumeChallenge } from '../src/store/challenges.ts';
import { SoftwareAuthenticator } from './helpers/authenticator.ts';
import { TestClient, countRows, databaseTargets, expectJson, expectProblem, origin, signUp, startServer, uniqueIdentifier, wideRateLimits } from './helpers/harness.ts';
import type { RunningServer } from './helpers/harness.ts';

let clientCounter = 0;
function clientAt(server: RunningServer, address = `192.0.2.${++clientCounter}`): TestClient {
  const client = new TestClient(server.baseUrl);
  client.defaultHeaders = { 'x-forwarded-for': address };
  return client;
}

const migration = (name: string) => readFile(new URL(`../migrations/${name}`, import.meta.url), 'utf8');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const cap = 10;
const challengeTtlMs = 1_500;

for (const target of databaseTargets()) {
  describe(`pending challenges on ${target.name}`, () => {
    let database: Database;
    let first: RunningServer;
    let second: RunningServer;
    /** Short-lived challenges, to see them expire and go. */
    let shortLived: RunningServer;

    before(async () => {
      database = await target.open();
      const capped = { trustProxy: 1, rateLimits: { ...wideRateLimits, pendingChallengesPerClient: cap } };
      first = await startServer(database, capped);
      second = await startServer(database, capped);
      shortLived = await startServer(database, { ...capped, challengeTtlMs });
    });
    after(async () => {
      for (const server of [first, second, shortLived]) await server.close();
      await database.close();
    });

    it('caps a flood of options requests from one client, across two processes, without growing the table past it', async () => {
      const address = `198.19.0.${++clientCounter}`;
      const before = (await countRows(database)).challenges;
      const flood = 60;
      const started = performance.now();
      const responses = await Promise.all(
        Array.from({ length: flood }, (_, index) => clientAt(index % 2 === 0 ? first : second, address).post('/login/options', {})),
      );
      const seconds = (performance.now() - started) / 1000;
      const statuses = responses.map((response) => response.status);
      const granted = statuses.filter((status) => status === 200).length;
      console.log(`flood of ${flood} options requests on ${target.name}: ${granted} granted, ${flood - granted} refused in ${seconds.toFixed(2)} s`);
      assert.equal(granted, cap, `statuses: ${statuses.join(', ')}`);
      for (const response of responses.filter((each) => each.status !== 200)) {
        const body = await expectProblem(response, 429, 'rate-limited');
        assert.ok(typeof body.retryAfter === 'number' && body.retryAfter >= 1 && body.retryAfter <= 300, `retryAfter ${String(body.retryAfter)}`);
        assert.equal(response.headers.get('retry-after'), String(body.retryAfter));
      }
      assert.equal((await countRows(database)).challenges - before, cap, 'one row per granted challenge, none for refused ones');
      // Every kind of ceremony counts against the same cap.
      await expectProblem(await clientAt(first, address).post('/register/options', { identifier: uniqueIdentifier('flood') }), 429, 'rate-limited');
      // Another client is not held back.
      await expectJson(await clientAt(second).post('/login/options', {}));
    });

    it('lets a client that finishes its ceremonies go on for ever', async () => {
      const address = `198.19.1.${++clientCounter}`;
      const authenticator = new SoftwareAuthenticator();
      await signUp(clientAt(first, address), authenticator, uniqueIdentifier('finisher'));
      for (let round = 0; round < cap * 2; round += 1) {
        const browser = clientAt(round % 2 === 0 ? first : second, address);
        const options = await expectJson<PublicKeyCredentialRequestOptionsJSON>(await browser.post('/login/options', {}));
        await expectJson(await browser.post('/login/verify', authenticator.get(options, { origin })));
      }
    });

    it('purges expired challenges soon, answering challenge-expired only within the grace', async () => {
      const address = `198.19.2.${++clientCounter}`;
      const authenticator = new SoftwareAuthenticator();
      await signUp(clientAt(first, address), authenticator, uniqueIdentifier('late'));
      const browser = clientAt(shortLived, address);
      const lateAnswer = await expectJson<PublicKeyCredentialRequestOptionsJSON>(await browser.post('/login/options', {}));
      const tooLateAnswer = await expectJson<PublicKeyCredentialRequestOptionsJSON>(await browser.post('/login/options', {}));
      for (let index = 0; index < cap - 2; index += 1) await expectJson(await browser.post('/login/options', {}));
      await expectProblem(await browser.post('/login/options', {}), 429, 'rate-limited');

      // Expired, within the grace (as long again as the lifetime): the reason is still known.
      await sleep(challengeTtlMs + 300);
      await expectProblem(await browser.post('/login/verify', authenticator.get(lateAnswer, { origin })), 400, 'challenge-expired');
      // Expired challenges no longer count against the cap.
      await expectJson(await browser.post('/login/options', {}));

      // Past the grace, the next challenge stored purges them: gone from the table.
      await sleep(challengeTtlMs + 300);
      await expectJson(await clientAt(shortLived).post('/login/options', {}));
      const [expired] = await database.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM challenges WHERE expires_at < now() - interval '${challengeTtlMs} milliseconds'`,
      );
      assert.equal(expired?.count, 0);
      await expectProblem(await browser.post('/login/verify', authenticator.get(tooLateAnswer, { origin })), 400, 'challenge-invalid');
    });
  });
}

for (const target of databaseTargets()) {
  describe(`challenge migration on ${target.name}`, () => {
    let database: Database;
    before(async () => {
      database = await target.open();
    });
    after(async () => {
      await database.close();
    });

    it('keeps challenges issued before it bound to their account, and usable', async () => {
      for (const name of ['001_initial.sql', '002_session_public_ids.sql', '003_email_codes.sql']) await database.exec(await migration(name));
      await database.query("INSERT INTO users (id, identifier, display_name, webauthn_user_id) VALUES ('u1', 'ada@example.com', 'Ada', 'h1')");
      await database.query(
        `INSERT INTO challenges (challenge, purpose, user_id, expires_at)
         VALUES ('bound', 'login', 'u1', now() + interval '5 minutes'), ('open', 'login', NULL, now() + interval '5 minutes')`,
      );
      await database.exec(await migration('004_challenge_limits.sql'));
      assert.deepEqual(await consumeChallenge(database, 'bound', 'login'), { challenge: 'bound', purpose: 'login', userId: 'u1', accountBound: true, pending: null });
      assert.deepEqual(await consumeChallenge(database, 'open', 'login'), { challenge: 'open', purpose: 'login', userId: null, accountBound: false, pending: null });
    });
  });
}

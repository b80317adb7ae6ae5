/**
 * Idle timeout and absolute lifetime (TR-03161 O.Auth_10/11, ASVS 7.3.1/7.3.2), the cap per
 * account, and ended sessions deleted on the server (O.Auth_17): with short configured lifetimes
 * and real waiting, no faked clocks.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../src/index.ts';
import { purgeEndedSessions } from '../src/store/sessions.ts';
import { getAccount, tokenHashOf } from './helpers/account.ts';
import { SoftwareAuthenticator } from './helpers/authenticator.ts';
import { TestClient, databaseTargets, expectJson, expectProblem, signIn, signUp, startServer, uniqueIdentifier } from './helpers/harness.ts';
import type { ApiUser, RunningServer } from './helpers/harness.ts';

async function rowExists(database: Database, tokenHash: string): Promise<boolean> {
  return (await database.query('SELECT 1 FROM sessions WHERE token_hash = $1', [tokenHash])).length === 1;
}

async function signedInUser(browser: TestClient): Promise<ApiUser | null> {
  return (await expectJson<{ user: ApiUser | null }>(await browser.get('/session'))).user;
}

/** Asks for the session every `everyMs` for `forMs`; asserts it stayed signed in throughout. */
async function keepActive(browser: TestClient, forMs: number, everyMs: number): Promise<void> {
  const until = Date.now() + forMs;
  while (Date.now() < until) {
    assert.notEqual(await signedInUser(browser), null, 'an active session stays signed in');
    await sleep(everyMs);
  }
}

for (const target of databaseTargets()) {
  describe(`absolute session lifetime on ${target.name}`, () => {
    let database: Database;
    /** Ends every session 2 s after sign-in, however active; purges once a minute. */
    let absolute: RunningServer;

    before(async () => {
      database = await target.open();
      absolute = await startServer(database, { sessionTtlMs: 2000, sessionIdleMs: 120_000 });
    });
    after(async () => {
      await absolute.close();
      await database.close();
    });

    it('ends a session at its absolute lifetime however active it is, deletes its row, and sets Max-Age to it', async () => {
      const browser = new TestClient(absolute.baseUrl);
      await signUp(browser, new SoftwareAuthenticator(), uniqueIdentifier('absolute'));
      // The session was created before this moment, so it ends less than 2 s after it.
      const started = Date.now();
      assert.equal(browser.lastSetCookies[0]?.attributes.get('max-age'), '2', 'the cookie lives as long as the session');
      const tokenHash = tokenHashOf(browser);
      await keepActive(browser, 1500 - (Date.now() - started), 250);

      await sleep(2300 - (Date.now() - started));
      // No purge has run on this database yet: the request itself deletes the ended session.
      assert.equal(await rowExists(database, tokenHash), true);
      await expectProblem(await browser.get('/account'), 401, 'not-signed-in');
      assert.equal(await rowExists(database, tokenHash), false, 'the expired session is deleted when it is met');
    });
  });

  describe(`idle timeout, cap per account and purge on ${target.name}`, () => {
    let database: Database;
    /** Idle time 1 s: activity is noted every 0.1 s, and its purge runs every second. */
    let idle: RunningServer;
    /** Keeps at most 3 sessions per account; activity is noted once a second. */
    let capped: RunningServer;

    before(async () => {
      database = await target.open();
      idle = await startServer(database, { sessionIdleMs: 1000 });
      capped = await startServer(database, { maxSessionsPerAccount: 3, sessionIdleMs: 10_000 });
    });
    after(async () => {
      await capped.close();
      await idle.close();
      await database.close();
    });

    it('keeps an active session past the idle time, and ends it once it has been idle that long', async () => {
      const browser = new TestClient(idle.baseUrl);
      await signUp(browser, new SoftwareAuthenticator(), uniqueIdentifier('idle'));
      const tokenHash = tokenHashOf(browser);
      // Over twice the idle time, with a request every 0.3 s: activity moves the idle expiry forward.
      await keepActive(browser, 2500, 300);
      await expectJson(await browser.get('/account'));

      await sleep(1300);
      await expectProblem(await browser.get('/account'), 401, 'not-signed-in');
      assert.equal(await rowExists(database, tokenHash), false, 'the idle session is deleted on the server');
      assert.equal(await signedInUser(browser), null);
      assert.equal(browser.cookies.size, 0, 'GET /session clears the useless cookie');
    });

    it('ends the least recently active session when an account opens one more than the cap', async () => {
      const authenticator = new SoftwareAuthenticator();
      const [first, second, third, fourth, fifth] = Array.from({ length: 5 }, () => new TestClient(capped.baseUrl));
      assert.ok(first && second && third && fourth && fifth);
      const user = await signUp(first, authenticator, uniqueIdentifier('cap'));
      await signIn(second, authenticator);
      await signIn(third, authenticator);
      // Activity is noted once a second here: after this request the first is the most recently active.
      await sleep(1100);
      await expectJson(await first.get('/account'));
      const countRows = async () => {
        const [row] = await database.query<{ count: number }>('SELECT count(*)::int AS count FROM sessions WHERE user_id = $1', [user.id]);
        return row?.count;
      };

      // Checked in the database, so that no request notes activity in between.
      await signIn(fourth, authenticator);
      assert.equal(await rowExists(database, tokenHashOf(second)), false, 'the least recently active one, not the oldest, ends');
      for (const browser of [first, third, fourth]) assert.equal(await rowExists(database, tokenHashOf(browser)), true);
      assert.equal(await countRows(), 3);

      await signIn(fifth, authenticator);
      assert.equal(await rowExists(database, tokenHashOf(third)), false);
      assert.equal(await countRows(), 3);
      await expectProblem(await second.get('/account'), 401, 'not-signed-in');
      await expectProblem(await third.get('/account'), 401, 'not-signed-in');
      for (const browser of [first, fourth, fifth]) await expectJson(await browser.get('/account'));
      assert.equal((await getAccount(fifth)).sessions.length, 3);
    });

    it('deletes idle sessions that are never presented again, and leaves live ones', async () => {
      const authenticator = new SoftwareAuthenticator();
      const active = new TestClient(idle.baseUrl);
      const user = await signUp(active, authenticator, uniqueIdentifier('purge'));
      const abandoned = [new TestClient(idle.baseUrl), new TestClient(idle.baseUrl), new TestClient(idle.baseUrl)];
      for (const browser of abandoned) await signIn(browser, authenticator);
      const abandonedHashes = abandoned.map(tokenHashOf);

      // Idle time, plus a purge interval, plus slack; the abandoned browsers send nothing meanwhile.
      await keepActive(active, 3000, 300);
      for (const tokenHash of abandonedHashes) assert.equal(await rowExists(database, tokenHash), false, 'purged without a request');
      assert.equal(await rowExists(database, tokenHashOf(active)), true);
      const [row] = await database.query<{ count: number }>('SELECT count(*)::int AS count FROM sessions WHERE user_id = $1', [user.id]);
      assert.equal(row?.count, 1);
    });

    it('purges ended rows in batches by their expiry indexes, without touching live ones', async (t) => {
      const userId = `purge-bulk-${Date.now()}`;
      await database.query("INSERT INTO users (id, identifier, display_name, webauthn_user_id) VALUES ($1, $1, 'Bulk', $1)", [userId]);
      // 10,000 ended rows (half idle, half past the absolute expiry) and 1,000 live ones.
      await database.query(
        `INSERT INTO sessions (token_hash, user_id, expires_at, idle_expires_at)
         SELECT 'ended-' || n, $1,
           CASE WHEN n % 2 = 0 THEN now() - interval '1 second' ELSE now() + interval '1 hour' END,
           CASE WHEN n % 2 = 0 THEN now() + interval '1 hour' ELSE now() - interval '1 second' END
         FROM generate_series(1, 10000) AS n`,
        [userId],
      );
      await database.query(
        `INSERT INTO sessions (token_hash, user_id, expires_at, idle_expires_at)
         SELECT 'live-' || n, $1, now() + interval '1 hour', now() + interval '1 hour' FROM generate_series(1, 1000) AS n`,
        [userId],
      );
      const started = performance.now();
      let batches = 0;
      let deleted = 0;
      for (let count = 1000; count === 1000; batches++) {
        count = await purgeEndedSessions(database, 1000);
        deleted += count;
      }
      const elapsed = performance.now() - started;
      t.diagnostic(`purged ${deleted} ended sessions in ${batches} batches in ${elapsed.toFixed(0)} ms on ${target.name}`);
      const [left] = await database.query<{ ended: number; live: number }>(
        `SELECT count(*) FILTER (WHERE token_hash LIKE 'ended-%')::int AS ended, count(*) FILTER (WHERE token_hash LIKE 'live-%')::int AS live
         FROM sessions WHERE user_id = $1`,
        [userId],
      );
      // The server's own purge may have taken some of them first, and may find others of this database.
      assert.ok(deleted > 0);
      assert.deepEqual(left, { ended: 0, live: 1000 });
      await database.query('DELETE FROM users WHERE id = $1', [userId]);
    });
  });
}

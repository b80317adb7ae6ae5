/**
 * Registration options fetched while the sign-up form is filled in: each change of identifier or
 * name asks again, and most of them are never used. What they leave behind is only expiring
 * challenges: no account, no passkey, no session, no claim on the identifier.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../src/index.ts';
import { SoftwareAuthenticator } from './helpers/authenticator.ts';
import { TestClient, countRows, databaseTargets, expectJson, expectProblem, origin, registrationOptions, startServer, uniqueIdentifier } from './helpers/harness.ts';
import type { ApiUser, RunningServer } from './helpers/harness.ts';

const challengeTtlMs = 1_500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const target of databaseTargets()) {
  describe(`prefetched registration options on ${target.name}`, () => {
    let database: Database;
    let running: RunningServer;

    before(async () => {
      database = await target.open();
      running = await startServer(database, { challengeTtlMs });
    });
    after(async () => {
      await running.close();
      await database.close();
    });

    it('options for every draft of the form create no user, passkey or session: only challenges that expire', async () => {
      const browser = new TestClient(running.baseUrl);
      const identifier = uniqueIdentifier('draft');
      const before = await countRows(database);
      const startedAt = Date.now();

      // The identifier typed, then the name added, then the name corrected: three prefetches, none used.
      const drafts = [await registrationOptions(browser, identifier), await registrationOptions(browser, identifier, 'Ada'), await registrationOptions(browser, identifier, 'Ada Lovelace')];

      const afterwards = await countRows(database);
      assert.deepEqual({ ...afterwards, challenges: afterwards.challenges - drafts.length }, before);
      const stored = await database.query<{ expires_at: Date | string; pending: unknown }>(
        'SELECT expires_at, pending FROM challenges WHERE challenge = ANY($1)',
        [drafts.map((options) => options.challenge)],
      );
      assert.equal(stored.length, drafts.length);
      for (const row of stored) {
        const expiresAt = new Date(row.expires_at).getTime();
        assert.ok(expiresAt > startedAt && expiresAt <= Date.now() + challengeTtlMs, `a challenge expiring at ${new Date(expiresAt).toISOString()}`);
      }

      // Once expired, an answer to a draft is refused and still creates nothing.
      await sleep(challengeTtlMs + 200);
      const authenticator = new SoftwareAuthenticator();
      await expectProblem(await browser.post('/register/verify', authenticator.create(drafts[0]!, { origin })), 400, 'challenge-expired');
      assert.equal((await countRows(database)).users, before.users);
    });

    it('an abandoned draft holds no claim: the identifier signs up later, and the other drafts cannot be used after it', async () => {
      const browser = new TestClient(running.baseUrl);
      const authenticator = new SoftwareAuthenticator();
      const identifier = uniqueIdentifier('later');
      const abandoned = await registrationOptions(browser, identifier, 'First try');

      const used = await registrationOptions(browser, identifier, 'Grace Hopper');
      const { user } = await expectJson<{ user: ApiUser }>(await browser.post('/register/verify', authenticator.create(used, { origin })));
      assert.equal(user.displayName, 'Grace Hopper');

      // The draft fetched before is still a valid challenge, but the identifier is no longer free.
      const before = await countRows(database);
      const late = await browser.post('/register/verify', new SoftwareAuthenticator().create(abandoned, { origin }));
      await expectProblem(late, 409, 'identifier-taken');
      assert.equal((await countRows(database)).users, before.users);
    });
  });
}

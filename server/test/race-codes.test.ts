/**
 * A code sign-in racing the deletion of its account: it opens a session that ends with the
 * account, or answers a clear problem; never a 500, never a session without its account.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../src/index.ts';
import { countUserRows } from './helpers/account.ts';
import { SoftwareAuthenticator } from './helpers/authenticator.ts';
import { confirmCurrentEmail, mailedCode } from './helpers/codes.ts';
import { TestClient, databaseTargets, expectJson, signUp, startServer, uniqueIdentifier } from './helpers/harness.ts';
import type { RunningServer } from './helpers/harness.ts';
import { startMailSink, type MailSink } from './helpers/mail-sink.ts';

const rounds = 12;
const accountsPerRound = 6;

for (const target of databaseTargets()) {
  describe(`code sign-in racing deletion on ${target.name}`, () => {
    let database: Database;
    let sink: MailSink;
    let running: RunningServer;

    before(async () => {
      database = await target.open();
      sink = await startMailSink();
      // Every request comes from 127.0.0.1: the per-client limits must not be what the test hits.
      const lenient = { max: 10_000, windowMs: 60_000 };
      running = await startServer(database, { smtpUrl: sink.url, codeLimits: { perClient: lenient, triesPerClient: lenient } });
    });
    after(async () => {
      await running.close();
      await sink.close();
      await database.close();
    });

    it('opens a session that ends with the account, or answers a code problem', async () => {
      const seen = new Map<string, number>();
      for (let round = 0; round < rounds; round += 1) {
        await Promise.all(Array.from({ length: accountsPerRound }, async () => {
          const owner = new TestClient(running.baseUrl);
          const email = uniqueIdentifier('race-code');
          const user = await signUp(owner, new SoftwareAuthenticator(), email);
          await confirmCurrentEmail(sink, owner, email);
          const phone = new TestClient(running.baseUrl);
          const { code } = await mailedCode(sink, phone, '/login/code', email);

          // Rounds sweep the deletion across the steps of the code check (0 to about 14 ms later).
          const deletion = (async () => {
            await new Promise((resolve) => setTimeout(resolve, round * 1.2));
            return owner.delete('/account');
          })();
          const [deleted, signedIn] = await Promise.all([deletion, phone.post('/login/code/verify', { email, code })]);
          assert.equal(deleted.status, 204, await deleted.text());
          const body = (await signedIn.json()) as { code?: string };
          const outcome = signedIn.status === 200 ? '200' : `${signedIn.status} ${body.code}`;
          seen.set(outcome, (seen.get(outcome) ?? 0) + 1);

          assert.deepEqual(await countUserRows(database, user.id), { users: 0, credentials: 0, sessions: 0, challenges: 0 });
          assert.deepEqual(await expectJson(await phone.get('/session')), { user: null });
        }));
      }
      // A code whose row went with the account between the check's steps reads as used up or wrong: a 4xx either way.
      const allowed = ['200', '400 invalid-code', '400 code-used', '400 code-attempts-exhausted'];
      const unexpected = [...seen.keys()].filter((outcome) => !allowed.includes(outcome));
      assert.deepEqual(unexpected, [], `code sign-ins: ${JSON.stringify(Object.fromEntries(seen))}`);
    });
  });
}

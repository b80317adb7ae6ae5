/**
 * Requests racing the removal of a passkey or the deletion of the account, many at once: each one
 * succeeds or gets a clear 4xx problem, never a 500, and nothing is left half-written.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../src/index.ts';
import { addPasskey, addPasskeyOptions, countUserRows } from './helpers/account.ts';
import { SoftwareAuthenticator } from './helpers/authenticator.ts';
import { TestClient, databaseTargets, expectJson, loginOptions, origin, signUp, startServer, uniqueIdentifier } from './helpers/harness.ts';
import type { RunningServer } from './helpers/harness.ts';

/** Rounds per race and racing requests per round: enough to hit the window on both databases. */
const rounds = 12;
const racers = 6;

/** An answer's status and problem code (none for a success). */
interface Outcome {
  status: number;
  code?: string;
}

async function outcomeOf(response: Response): Promise<Outcome> {
  const text = await response.text();
  if (response.status < 400) return { status: response.status };
  const body = JSON.parse(text) as { code?: string };
  return { status: response.status, ...(body.code === undefined ? {} : { code: body.code }) };
}

/** Fails on any outcome not in `allowed` (e.g. "200", "404 unknown-credential"), showing how often each one came. */
function expectOutcomes(what: string, outcomes: Outcome[], allowed: string[]): void {
  const counts = new Map<string, number>();
  for (const outcome of outcomes) {
    const seen = outcome.code === undefined ? `${outcome.status}` : `${outcome.status} ${outcome.code}`;
    counts.set(seen, (counts.get(seen) ?? 0) + 1);
  }
  const unexpected = [...counts.keys()].filter((seen) => !allowed.includes(seen));
  assert.deepEqual(unexpected, [], `${what}: ${JSON.stringify(Object.fromEntries(counts))} (allowed: ${allowed.join(', ')})`);
}

/** Sends after `ms` milliseconds: rounds sweep the deletion across the other requests' steps. */
async function delayed(ms: number, send: () => Promise<Response>): Promise<Response> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  return send();
}

/** The deletion's delay in a round: 0 to about 14 ms, the time a sign-in takes on a quiet machine. */
const sweep = (round: number) => round * 1.2;

for (const target of databaseTargets()) {
  describe(`races with deletion on ${target.name}`, () => {
    let database: Database;
    let running: RunningServer;
    const client = () => new TestClient(running.baseUrl);

    before(async () => {
      database = await target.open();
      running = await startServer(database);
    });
    after(async () => {
      await running.close();
      await database.close();
    });

    /** Signed-in owner with an account; the passkey manager does not count, so parallel assertions all verify. */
    async function newAccount() {
      const owner = client();
      const authenticator = new SoftwareAuthenticator({ countsSignatures: false });
      const identifier = uniqueIdentifier('race');
      const user = await signUp(owner, authenticator, identifier);
      return { owner, authenticator, identifier, user };
    }

    /** `racers` clients, each holding a ready assertion of `authenticator` for its own challenge. */
    async function readySignIns(authenticator: SoftwareAuthenticator, credentialId?: string) {
      return Promise.all(
        Array.from({ length: racers }, async () => {
          const signer = client();
          const assertion = authenticator.get(await loginOptions(signer), { origin, ...(credentialId === undefined ? {} : { credentialId }) });
          return { signer, assertion };
        }),
      );
    }

    it('a sign-in racing the removal of its passkey opens a session or answers unknown-credential', async () => {
      const logins: Outcome[] = [];
      const removals: Outcome[] = [];
      for (let round = 0; round < rounds; round += 1) {
        const { owner, user } = await newAccount();
        const second = new SoftwareAuthenticator({ countsSignatures: false });
        const passkey = await addPasskey(owner, second);
        const signIns = await readySignIns(second, passkey.id);
        const [removal, ...answers] = await Promise.all([
          delayed(sweep(round), () => owner.delete(`/passkeys/${passkey.id}`)),
          ...signIns.map(({ signer, assertion }) => signer.post('/login/verify', assertion)),
        ]);
        removals.push(await outcomeOf(removal as Response));
        logins.push(...(await Promise.all(answers.map(outcomeOf))));
        // The other passkey stays; no session points at the removed one.
        assert.equal((await countUserRows(database, user.id)).credentials, 1);
        const [dangling] = await database.query<{ count: number }>(
          'SELECT count(*)::int AS count FROM sessions WHERE credential_id = $1',
          [passkey.id],
        );
        assert.equal(dangling?.count, 0);
      }
      expectOutcomes('removals', removals, ['204']);
      expectOutcomes('sign-ins', logins, ['200', '404 unknown-credential']);
    });

    it('a sign-in racing the deletion of its account opens a session that ends with it, or answers unknown-credential', async () => {
      const logins: Outcome[] = [];
      const deletions: Outcome[] = [];
      for (let round = 0; round < rounds; round += 1) {
        const { owner, authenticator, user } = await newAccount();
        const signIns = await readySignIns(authenticator);
        const [deletion, ...answers] = await Promise.all([
          delayed(sweep(round), () => owner.delete('/account')),
          ...signIns.map(({ signer, assertion }) => signer.post('/login/verify', assertion)),
        ]);
        deletions.push(await outcomeOf(deletion as Response));
        logins.push(...(await Promise.all(answers.map(outcomeOf))));
        assert.deepEqual(await countUserRows(database, user.id), { users: 0, credentials: 0, sessions: 0, challenges: 0 });
        // A session opened just before the deletion went with the account.
        for (const { signer } of signIns) {
          assert.deepEqual(await expectJson(await signer.get('/session')), { user: null });
        }
      }
      expectOutcomes('account deletions', deletions, ['204']);
      expectOutcomes('sign-ins', logins, ['200', '404 unknown-credential']);
    });

    it('options and new passkeys racing the deletion of the account succeed or answer a clear problem', async () => {
      const outcomes = { deletions: [] as Outcome[], loginOptions: [] as Outcome[], addOptions: [] as Outcome[], adds: [] as Outcome[], reauthOptions: [] as Outcome[] };
      for (let round = 0; round < rounds; round += 1) {
        const { owner, identifier, user } = await newAccount();
        // New passkeys made from options fetched before the race, sent during it.
        const newPasskeys = await Promise.all(
          Array.from({ length: racers }, async () => new SoftwareAuthenticator().create(await addPasskeyOptions(owner), { origin })),
        );
        const strangers = Array.from({ length: racers }, () => client());
        const racing = {
          deletions: [delayed(sweep(round), () => owner.delete('/account'))],
          loginOptions: strangers.map((stranger) => stranger.post('/login/options', { identifier })),
          addOptions: strangers.map(() => owner.post('/passkeys/options', {})),
          adds: newPasskeys.map((credential) => owner.post('/passkeys', credential)),
          reauthOptions: strangers.map(() => owner.post('/reauthenticate/options', {})),
        };
        for (const [name, requests] of Object.entries(racing) as Array<[keyof typeof racing, Array<Promise<Response>>]>) {
          outcomes[name].push(...(await Promise.all((await Promise.all(requests)).map(outcomeOf))));
        }
        assert.deepEqual(await countUserRows(database, user.id), { users: 0, credentials: 0, sessions: 0, challenges: 0 });
      }
      expectOutcomes('account deletions', outcomes.deletions, ['204']);
      expectOutcomes('identifier-first options', outcomes.loginOptions, ['200', '404 unknown-user']);
      expectOutcomes('add-passkey options', outcomes.addOptions, ['200', '401 not-signed-in']);
      expectOutcomes('new passkeys', outcomes.adds, ['201', '401 not-signed-in', '400 challenge-invalid']);
      expectOutcomes('re-authentication options', outcomes.reauthOptions, ['200', '401 not-signed-in']);
    });
  });
}

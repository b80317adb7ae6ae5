/**
 * Two standalone server processes on one real PostgreSQL schema, as behind a load balancer:
 * every ceremony starts on one and finishes on the other; 2,000 complete sign-ins at concurrency 50
 * pass without an error; and when one process is SIGKILLed under load, nothing is left
 * half-written and the other serves on.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import type { Database } from '../src/index.ts';
import { SoftwareAuthenticator } from './helpers/authenticator.ts';
import { TestClient, expectJson, openPostgresSchema, origin, uniqueIdentifier } from './helpers/harness.ts';
import type { ApiUser } from './helpers/harness.ts';
import { codeOf, startMailSink, type MailSink } from './helpers/mail-sink.ts';
import { postgresForTests } from './helpers/postgres-server.ts';
import { startServerProcess, type ServerProcess } from './helpers/server-process.ts';

const postgres = await postgresForTests();
const unavailable = 'unavailable' in postgres ? `skipped: ${postgres.unavailable}` : undefined;
if (unavailable !== undefined) console.log(`scale tests ${unavailable}`);

/** A browser whose requests go to whichever process the load balancer picks: paths are full URLs. */
const browser = () => new TestClient('');

/** A complete sign-up with options from `first` and verification on `second`. */
async function signUpAcross(first: ServerProcess, second: ServerProcess, authenticator: SoftwareAuthenticator, client = browser()) {
  const identifier = uniqueIdentifier('scale');
  const creation = await expectJson<PublicKeyCredentialCreationOptionsJSON>(await client.post(`${first.baseUrl}/register/options`, { identifier }));
  const { user } = await expectJson<{ user: ApiUser }>(await client.post(`${second.baseUrl}/register/verify`, authenticator.create(creation, { origin })));
  return { user, identifier, client };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

describe('two server processes on one PostgreSQL', { skip: unavailable ?? false }, () => {
  let database: Database;
  let sink: MailSink;
  let one: ServerProcess;
  let two: ServerProcess;

  before(async () => {
    if ('unavailable' in postgres) return;
    const schema = `passkey_scale_${randomBytes(6).toString('hex')}`;
    database = await openPostgresSchema(postgres.url, schema);
    const scoped = new URL(postgres.url);
    scoped.searchParams.set('options', `-c search_path=${schema}`);
    sink = await startMailSink();
    const env = { DATABASE_URL: scoped.toString(), SMTP_URL: sink.url, LOG_REQUESTS: 'off' };
    // Started together: the migrations' advisory lock lets one of them apply the schema.
    [one, two] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  });
  after(async () => {
    await Promise.all([one?.stop(), two?.stop()]);
    await sink?.close();
    await database?.close();
    if (!('unavailable' in postgres)) await postgres.stop();
  });

  it('runs every ceremony with its options from one process and its verification on the other', async () => {
    const authenticator = new SoftwareAuthenticator();
    const { user, identifier: email, client: owner } = await signUpAcross(one, two, authenticator);

    const usernameless = browser();
    const request = await expectJson<PublicKeyCredentialRequestOptionsJSON>(await usernameless.post(`${two.baseUrl}/login/options`, {}));
    const signedIn = await expectJson<{ user: ApiUser }>(await usernameless.post(`${one.baseUrl}/login/verify`, authenticator.get(request, { origin })));
    assert.equal(signedIn.user.id, user.id);

    const identifierFirst = browser();
    const limited = await expectJson<PublicKeyCredentialRequestOptionsJSON>(await identifierFirst.post(`${one.baseUrl}/login/options`, { identifier: email }));
    assert.equal(limited.allowCredentials?.length, 1);
    const byIdentifier = await expectJson<{ user: ApiUser }>(await identifierFirst.post(`${two.baseUrl}/login/verify`, authenticator.get(limited, { origin })));
    assert.equal(byIdentifier.user.id, user.id);

    const addition = await expectJson<PublicKeyCredentialCreationOptionsJSON>(await owner.post(`${two.baseUrl}/passkeys/options`, {}));
    await expectJson(await owner.post(`${one.baseUrl}/passkeys`, new SoftwareAuthenticator().create(addition, { origin })), 201);

    const check = await expectJson<PublicKeyCredentialRequestOptionsJSON>(await owner.post(`${one.baseUrl}/reauthenticate/options`, {}));
    const { verifiedAt } = await expectJson<{ verifiedAt: string }>(await owner.post(`${two.baseUrl}/reauthenticate/verify`, authenticator.get(check, { origin })));
    assert.ok(!Number.isNaN(Date.parse(verifiedAt)));

    // The address is confirmed across the processes, then a code signs in across them.
    let since = Date.now();
    await expectJson(await owner.post(`${two.baseUrl}/account/email/code`, {}), 202);
    const confirmation = codeOf(await sink.waitFor(email, { since }));
    await expectJson(await owner.post(`${one.baseUrl}/account/email/verify`, { email, code: confirmation }));
    const byCode = browser();
    since = Date.now();
    await expectJson(await byCode.post(`${one.baseUrl}/login/code`, { email }), 202);
    const code = codeOf(await sink.waitFor(email, { since }));
    const codeSignIn = await expectJson<{ user: ApiUser }>(await byCode.post(`${two.baseUrl}/login/code/verify`, { email, code }));
    assert.equal(codeSignIn.user.id, user.id);

    const account = await expectJson<{ passkeys: unknown[]; sessions: unknown[] }>(await owner.get(`${one.baseUrl}/account`));
    // Sessions of the sign-up, the two passkey sign-ins and the code sign-in.
    assert.deepEqual([account.passkeys.length, account.sessions.length], [2, 4]);
  });

  it('serves 2,000 complete sign-ins at concurrency 50 across both processes without an error', async () => {
    const concurrency = 50;
    const signInsEach = 40;
    const authenticators = await Promise.all(
      Array.from({ length: concurrency }, async (_, index) => {
        const authenticator = new SoftwareAuthenticator();
        await (index % 2 === 0 ? signUpAcross(one, two, authenticator) : signUpAcross(two, one, authenticator));
        return authenticator;
      }),
    );

    const latencies: number[] = [];
    const errors: string[] = [];
    const started = performance.now();
    await Promise.all(
      authenticators.map(async (authenticator, worker) => {
        for (let round = 0; round < signInsEach; round += 1) {
          const [first, second] = (worker + round) % 2 === 0 ? [one, two] : [two, one];
          const client = browser();
          const begun = performance.now();
          try {
            const options = await client.post(`${first.baseUrl}/login/options`, {});
            if (options.status !== 200) {
              errors.push(`options ${options.status}: ${await options.text()}`);
              continue;
            }
            const assertion = authenticator.get((await options.json()) as PublicKeyCredentialRequestOptionsJSON, { origin });
            const verified = await client.post(`${second.baseUrl}/login/verify`, assertion);
            const text = await verified.text();
            if (verified.status !== 200) errors.push(`verify ${verified.status}: ${text}`);
          } catch (error) {
            errors.push(String(error));
          }
          latencies.push(performance.now() - begun);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(
      `${latencies.length} sign-ins (options + verify) at concurrency ${concurrency} across 2 processes in ${seconds.toFixed(1)} s: ` +
        `${(latencies.length / seconds).toFixed(0)} sign-ins/s, p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms`,
    );
    assert.equal(latencies.length, concurrency * signInsEach);
    assert.deepEqual(errors, []);
    // Every signature was counted exactly once, whichever process verified it.
    const counters = await database.query<{ counter: string }>(
      `SELECT counter::text FROM credentials WHERE id = ANY($1::text[])`,
      [authenticators.map((authenticator) => authenticator.credentials[0]?.id.toString('base64url') ?? '')],
    );
    assert.deepEqual(counters.map((row) => Number(row.counter)), Array(concurrency).fill(signInsEach));
  });

  it('leaves no half-written rows when a process is SIGKILLed under load, while the other serves on', async () => {
    interface Flow {
      authenticator: SoftwareAuthenticator;
      userId?: string;
      /** Signatures the server acknowledged; the stored counter is at least this. */
      acknowledged: number;
      deleted: boolean;
    }
    const flows: Flow[] = [];
    const errors: string[] = [];
    let killedAt = Number.POSITIVE_INFINITY;
    let survivorFlowsAfterKill = 0;
    const deadline = Date.now() + 4_000;

    /** Sign up, sign in, and every third time delete the account, on `first` and `second`. */
    async function runFlows(first: ServerProcess, second: ServerProcess) {
      const onSurvivorOnly = first === one && second === one;
      for (let round = 0; Date.now() < deadline; round += 1) {
        const flow: Flow = { authenticator: new SoftwareAuthenticator(), acknowledged: 0, deleted: false };
        flows.push(flow);
        try {
          const { user, client } = await signUpAcross(first, second, flow.authenticator);
          flow.userId = user.id;
          const options = await expectJson<PublicKeyCredentialRequestOptionsJSON>(await client.post(`${second.baseUrl}/login/options`, {}));
          await expectJson(await client.post(`${first.baseUrl}/login/verify`, flow.authenticator.get(options, { origin })));
          flow.acknowledged = 1;
          if (round % 3 === 0) {
            const deletion = await client.delete(`${first.baseUrl}/account`);
            assert.equal(deletion.status, 204, await deletion.text());
            flow.deleted = true;
          }
          if (onSurvivorOnly && Date.now() > killedAt) survivorFlowsAfterKill += 1;
        } catch (error) {
          // The one failure allowed: a flow through the killed process loses its connection once it is dead.
          const lostConnection = error instanceof TypeError && error.message === 'fetch failed';
          if (!lostConnection || onSurvivorOnly || Date.now() < killedAt) errors.push(error instanceof Error ? error.message : String(error));
          // A load balancer stops sending there; so does this client.
          if (lostConnection) return;
        }
      }
    }

    const workers = [
      ...Array.from({ length: 8 }, () => runFlows(one, one)),
      ...Array.from({ length: 8 }, () => runFlows(two, two)),
      ...Array.from({ length: 8 }, (_, index) => (index % 2 === 0 ? runFlows(one, two) : runFlows(two, one))),
    ];
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    killedAt = Date.now();
    two.child.kill('SIGKILL');
    await Promise.all(workers);
    assert.equal((await two.exited).signal, 'SIGKILL');

    // Any answer other than the expected one (a 4xx or 5xx) is an error too, on either process.
    assert.deepEqual(errors, [], 'no error but lost connections to the killed process');
    assert.ok(survivorFlowsAfterKill > 0, 'the surviving process completed flows after the kill');

    // Nothing half-written: every account has its passkey, every session and passkey its account.
    const [orphans] = await database.query<Record<string, number>>(
      `SELECT (SELECT count(*) FROM users u WHERE NOT EXISTS (SELECT 1 FROM credentials c WHERE c.user_id = u.id))::int AS users_without_passkey,
              (SELECT count(*) FROM credentials c WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = c.user_id))::int AS passkeys_without_user,
              (SELECT count(*) FROM sessions s WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = s.user_id))::int AS sessions_without_user,
              (SELECT count(*) FROM sessions s WHERE s.credential_id IS NOT NULL
                 AND NOT EXISTS (SELECT 1 FROM credentials c WHERE c.id = s.credential_id))::int AS sessions_without_passkey`,
    );
    assert.deepEqual(orphans, { users_without_passkey: 0, passkeys_without_user: 0, sessions_without_user: 0, sessions_without_passkey: 0 });

    // What was acknowledged is stored; counters lie between what was acknowledged and what was signed.
    for (const flow of flows) {
      const stored = flow.authenticator.credentials[0];
      if (flow.userId === undefined || stored === undefined) continue;
      const [row] = await database.query<{ counter: string }>('SELECT counter::text FROM credentials WHERE id = $1', [stored.id.toString('base64url')]);
      if (flow.deleted) {
        assert.equal(row, undefined, 'an acknowledged deletion is complete');
        continue;
      }
      if (row === undefined) continue; // a deletion whose answer was lost with the process
      const counter = Number(row.counter);
      assert.ok(counter >= flow.acknowledged && counter <= stored.signCount, `counter ${counter} outside ${flow.acknowledged}..${stored.signCount}`);
    }
    console.log(`SIGKILL under load: ${flows.length} flows, ${survivorFlowsAfterKill} completed on the surviving process after the kill`);

    // The survivor is ready and serves a fresh burst of sign-ins.
    await expectJson(await browser().get(`${one.baseUrl}/ready`));
    const authenticator = new SoftwareAuthenticator();
    await signUpAcross(one, one, authenticator);
    for (let round = 0; round < 20; round += 1) {
      const client = browser();
      const options = await expectJson<PublicKeyCredentialRequestOptionsJSON>(await client.post(`${one.baseUrl}/login/options`, {}));
      await expectJson(await client.post(`${one.baseUrl}/login/verify`, authenticator.get(options, { origin })));
    }
  });
});

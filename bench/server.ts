/**
 * The reference server under load: complete sign-ins (options + verify) per second and their
 * latency at concurrency 1, 8 and 32, on PGlite and on PostgreSQL (with TEST_DATABASE_URL or
 * DATABASE_URL); CPU per sign-in against a bare `verifyAuthenticationResponse`; SQL round trips
 * per sign-in; start-up on a new and on an existing database; idle memory. About two minutes on
 * two cores. Run alone with `npx tsx bench/server.ts`.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { generateAuthenticationOptions, generateRegistrationOptions, verifyAuthenticationResponse, verifyRegistrationResponse } from '@simplewebauthn/server';
import { createPasskeyServer, openDatabase, type Database, type Queryable } from '../server/src/index.ts';
import { SoftwareAuthenticator } from '../server/test/helpers/authenticator.ts';
import { origin, wideRateLimits } from '../server/test/helpers/harness.ts';
import { pgliteTemplateUrl } from '../server/src/db/pglite.ts';
import { writePgliteTemplate } from '../server/src/db/pglite-template.ts';
import { rssMiBOf, runLoad, signUpAccounts, startTimed, type LoadFigures } from './server-load.ts';

export interface DatabaseFigures {
  database: 'PGlite' | 'PostgreSQL';
  /** Spawn to the first answer of `/ready`: on a database the server has never seen, and again on it. */
  startNewMs: number;
  startRestartMs: number;
  /** CPU the process used until then (tsx compiling the sources included). */
  startNewCpuMs: number;
  startRestartCpuMs: number;
  /** Resident memory a second after start-up, and a second after the load. */
  idleRssMiB: number;
  afterLoadRssMiB: number;
  /** Round trips to the database per complete sign-in (BEGIN and COMMIT count). */
  sqlPerLogin: { options: number; verify: number };
  load: LoadFigures[];
}

export interface ServerFigures {
  /** Bare `verifyAuthenticationResponse` calls per second on one thread, and the CPU each took. */
  verifyOnlyPerSecond: number;
  verifyOnlyCpuMs: number;
  databases: DatabaseFigures[];
}

const concurrencies = [1, 8, 32];
const loadMs = 4_000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function measureServer(): Promise<ServerFigures> {
  const verifyOnlyPerSecond = await measureVerifyOnly(3_000);
  const databases = [await measurePglite()];
  const postgresUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (postgresUrl) databases.push(await measurePostgres(postgresUrl));
  return { verifyOnlyPerSecond, verifyOnlyCpuMs: 1000 / verifyOnlyPerSecond, databases };
}

/** The limit of the cryptography and checks alone: one passkey's assertions verified in a loop. */
async function measureVerifyOnly(durationMs: number): Promise<number> {
  const authenticator = new SoftwareAuthenticator();
  const expected = { expectedOrigin: origin, expectedRPID: 'localhost', requireUserVerification: true };
  const creation = await generateRegistrationOptions({ rpName: 'bench', rpID: 'localhost', userName: 'bench', attestationType: 'none' });
  const registration = await verifyRegistrationResponse({ response: authenticator.create(creation, { origin }), expectedChallenge: creation.challenge, ...expected });
  if (!registration.verified) throw new Error('The bench passkey did not register');
  const credential = registration.registrationInfo.credential;
  const assertions = await Promise.all(
    Array.from({ length: 100 }, async () => {
      const options = await generateAuthenticationOptions({ rpID: 'localhost', userVerification: 'required' });
      return { response: authenticator.get(options, { origin }), challenge: options.challenge };
    }),
  );
  let verified = 0;
  const started = performance.now();
  while (performance.now() - started < durationMs) {
    const { response, challenge } = assertions[verified % assertions.length]!;
    const result = await verifyAuthenticationResponse({ response, expectedChallenge: challenge, ...expected, credential: { ...credential, counter: 0 } });
    if (!result.verified) throw new Error('A bench assertion did not verify');
    verified += 1;
  }
  return verified / ((performance.now() - started) / 1000);
}

async function measurePglite(): Promise<DatabaseFigures> {
  // What the package ships (npm run build makes it): new data directories start from it.
  if (!existsSync(pgliteTemplateUrl)) await writePgliteTemplate();
  const dataDir = await mkdtemp(join(tmpdir(), 'passkey-bench-pglite-'));
  try {
    const sqlPerLogin = await countSqlPerLogin(() => openDatabase({ dataDir: join(dataDir, 'counted') }));
    return { database: 'PGlite', ...(await measureStartAndLoad({ DATA_DIR: join(dataDir, 'served') })), sqlPerLogin };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function measurePostgres(url: string): Promise<DatabaseFigures> {
  const name = `passkey_bench_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const benchUrl = new URL(url);
    benchUrl.pathname = `/${name}`;
    const countedUrl = new URL(benchUrl);
    countedUrl.searchParams.set('options', '-c search_path=counted');
    const sqlPerLogin = await countSqlPerLogin(async () => {
      const database = await openDatabase({ databaseUrl: benchUrl.toString() });
      await database.exec('CREATE SCHEMA counted');
      await database.close();
      return openDatabase({ databaseUrl: countedUrl.toString() });
    });
    const backends = async () =>
      (await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [name])).rows.map((row) => row.pid);
    return { database: 'PostgreSQL', ...(await measureStartAndLoad({ DATABASE_URL: benchUrl.toString() }, backends)), sqlPerLogin };
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

/** Starts the server twice on one new database, then loads the second process. */
async function measureStartAndLoad(env: Record<string, string>, databasePids?: () => Promise<number[]>) {
  const first = await startTimed(env);
  await first.server.stop();
  const { server, startMs: startRestartMs, startCpuMs: startRestartCpuMs } = await startTimed(env);
  try {
    await pause(1_000);
    const pid = server.child.pid ?? 0;
    const idleRssMiB = rssMiBOf(pid);
    const authenticators = await signUpAccounts(server.baseUrl, Math.max(...concurrencies));
    // Warm-up: the JIT, the pool's connections, PostgreSQL's caches.
    await runLoad(server, authenticators, 8, 1_500);
    const load: LoadFigures[] = [];
    for (const concurrency of concurrencies) load.push(await runLoad(server, authenticators, concurrency, loadMs, databasePids));
    await pause(1_000);
    return { startNewMs: first.startMs, startRestartMs, startNewCpuMs: first.startCpuMs, startRestartCpuMs, idleRssMiB, afterLoadRssMiB: rssMiBOf(pid), load };
  } finally {
    await server.stop();
  }
}

/** A database that counts its round trips: every statement, and BEGIN and COMMIT of each transaction. */
function counting(database: Database): Database & { roundTrips: () => number } {
  let roundTrips = 0;
  const counted = (target: Queryable): Queryable => ({
    query: (sql, params) => {
      roundTrips += 1;
      return target.query(sql, params);
    },
    exec: (sql) => {
      roundTrips += 1;
      return target.exec(sql);
    },
  });
  return {
    ...counted(database),
    transaction: (fn) => {
      roundTrips += 2;
      return database.transaction((transaction) => fn(counted(transaction)));
    },
    close: () => database.close(),
    roundTrips: () => roundTrips,
  };
}

/** Round trips of the options and of the verify request of a usernameless sign-in, in process. */
async function countSqlPerLogin(open: () => Promise<Database>): Promise<{ options: number; verify: number }> {
  const database = counting(await open());
  const server = await createPasskeyServer({ rpId: 'localhost', origins: [origin], rateLimits: wideRateLimits }, { database, log: () => {} });
  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const request = new Request(`http://localhost${server.config.basePath}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify(body),
    });
    const response = await server.fetch(request);
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  try {
    const authenticator = new SoftwareAuthenticator();
    const creation = await post<PublicKeyCredentialCreationOptionsJSON>('/register/options', { identifier: 'counted@example.com' });
    await post('/register/verify', authenticator.create(creation, { origin }));
    const signIns = 20;
    let options = 0;
    let verify = 0;
    for (let round = 0; round < signIns; round += 1) {
      const before = database.roundTrips();
      const request = await post<PublicKeyCredentialRequestOptionsJSON>('/login/options', {});
      const between = database.roundTrips();
      await post('/login/verify', authenticator.get(request, { origin }));
      // Work queued after the answer (the security log) belongs to this sign-in too.
      await pause(20);
      options += between - before;
      verify += database.roundTrips() - between;
    }
    return { options: options / signIns, verify: verify / signIns };
  } finally {
    await server.close();
    await database.close();
  }
}

const round = (value: number | undefined, digits = 0) => (value === undefined || Number.isNaN(value) ? '-' : value.toFixed(digits));

/** One row per database and concurrency, with the ratios to the verify-only limit. */
export function serverTable(figures: ServerFigures): Array<Record<string, string | number>> {
  return figures.databases.flatMap((database) =>
    database.load.map((load) => {
      const cpuMs = load.serverCpuMs + (load.databaseCpuMs ?? 0);
      return {
        database: database.database,
        concurrency: load.concurrency,
        'logins/s': round(load.loginsPerSecond),
        'p50 ms': round(load.p50Ms, 1),
        'p99 ms': round(load.p99Ms, 1),
        'server CPU ms/login': round(load.serverCpuMs, 2),
        'database CPU ms/login': round(load.databaseCpuMs, 2),
        'CPU / bare verify': round(cpuMs / figures.verifyOnlyCpuMs, 1),
        'of verify-only limit': `${round((100 * load.loginsPerSecond) / figures.verifyOnlyPerSecond)} %`,
        errors: load.errors,
      };
    }),
  );
}

/** Start-up, memory and SQL round trips, one row per database. */
export function serverStartupTable(figures: ServerFigures): Array<Record<string, string | number>> {
  return figures.databases.map((database) => ({
    database: database.database,
    'start, new database ms (CPU)': `${round(database.startNewMs)} (${round(database.startNewCpuMs)})`,
    'restart ms (CPU)': `${round(database.startRestartMs)} (${round(database.startRestartCpuMs)})`,
    'idle RSS MiB': database.idleRssMiB,
    'RSS after load MiB': database.afterLoadRssMiB,
    'SQL round trips per login (options + verify)': `${round(database.sqlPerLogin.options, 1)} + ${round(database.sqlPerLogin.verify, 1)}`,
  }));
}

/** Prints both tables and the verify-only limit. */
export function printServerFigures(figures: ServerFigures): void {
  console.log(`\nReference server: complete sign-ins (options + verify) over HTTP; verify-only limit ${round(figures.verifyOnlyPerSecond)}/s (${round(figures.verifyOnlyCpuMs, 2)} ms CPU each)`);
  console.table(serverTable(figures));
  console.table(serverStartupTable(figures));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printServerFigures(await measureServer());
}

/**
 * The fuzzer of fuzz.test.ts: a server and mail sink of its own on the given database, and a
 * sequence of generated and mutated requests from a seeded PRNG, each checked as it is answered.
 * Sequential, so that the stored data before and after each request can be compared.
 */
import assert from 'node:assert/strict';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { operations, problemContentType, problems, type OperationName } from '../../../src/protocol/index.ts';
import type { Database } from '../../src/index.ts';
import { SoftwareAuthenticator, type CeremonyOverrides } from './authenticator.ts';
import { TestClient, expectJson, origin, signUp, startServer, uniqueIdentifier } from './harness.ts';
import { startMailSink } from './mail-sink.ts';
import { storedState, type StoredState } from './stored-state.ts';

/** Requests between two resets of the user tables, which keep the digest of stored data quick. */
const requestsPerRound = 250;

/** mulberry32: a small seeded PRNG, so that a failing run can be replayed from its seed. */
class Random {
  private state: number;
  constructor(seedValue: number) {
    this.state = seedValue >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  }
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
  chance(probability: number): boolean {
    return this.next() < probability;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
}

const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'PROPFIND', 'QUERY', 'PURGE'];
const oddPaths = [
  '', '/', '//session', '/session/', '/SESSION', '/login/options/extra', '/%2e%2e/session', '/%2e%2e/%2e%2e/etc/passwd',
  '/..%2fsession', '/passkeys/..%2f..%2faccount', '/%2fsession', '/%00', '/login%00/options', '/dev/outbox', '/passkeys/%ED%A0%80',
  '/sessions/%F0%9F', '/%', '/passkeys/' + 'A'.repeat(3000), '/register/options?x=1&x=2', '/index.html',
];
/** The operations whose valid body is a ceremony response, made after an options request. */
const ceremonies = new Set<OperationName>(['verifyRegistration', 'verifyLogin', 'addPasskey', 'reauthenticate']);
const contentTypes = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'application/problem+json', 'APPLICATION/JSON', ''];

/** Strings a database refuses or changes: a NUL character, halves of surrogate pairs. */
const unstorableStrings = ['\u0000', 'abc\u0000', '\ud800', 'x\udc00y', '\ud83d\ud83d'];

/** Values that break a field: wrong types, and strings a database or a parser may choke on. */
function brokenValue(random: Random): unknown {
  return random.pick<() => unknown>([
    () => null,
    () => random.int(1e9) - 5e8,
    () => 1e308 * 10,
    () => random.chance(0.5),
    () => [],
    () => ['a', 1, null],
    () => ({}),
    () => ({ nested: { deeper: 'x' } }),
    () => '',
    () => ' ',
    () => 'x\u0000y',
    () => '\u0000',
    () => 'half \ud800',
    () => '\udfff half',
    () => '🔑'.repeat(70),
    () => 'a'.repeat(random.pick([65, 255, 1025, 20_000])),
    () => '\u202e\u200b<script>',
    () => "' OR 1=1 --",
    () => '%00%2e%2e',
    () => 'AAAA',
    () => random.int(1e6).toString().padStart(6, '0'),
    () => uniqueIdentifier('fuzz'),
  ])();
}

/** A signed-in account the fuzzer can act for: its client, passkey and ids. */
interface Account {
  client: TestClient;
  authenticator: SoftwareAuthenticator;
  identifier: string;
  live: boolean;
}

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  client: TestClient;
  /** Whether making it took requests of its own (options, a new account), which may have stored data. */
  prepared: boolean;
}

/** What the fuzzer sent and how it was answered. */
export interface FuzzCounts {
  requests: number;
  rejected: number;
  byStatus: Record<number, number>;
  seconds: number;
}

/**
 * Sends `total` fuzzed requests to a server of its own on `database` (fresh, migrations not yet
 * applied) and asserts on each answer; throws at the first violation, naming the seed and request.
 */
export async function runFuzz(database: Database, { seed, total }: { seed: number; total: number }): Promise<FuzzCounts> {
  const sink = await startMailSink();
  // High code limits, so that requests get past them to the checks behind (the limits have their own tests).
  const running = await startServer(database, {
    smtpUrl: sink.url,
    codeLimits: { perAddress: { max: 1e6, windowMs: 60_000 }, perClient: { max: 1e6, windowMs: 60_000 }, triesPerClient: { max: 1e6, windowMs: 60_000 }, resendCooldownMs: 1 },
  });
  try {
    return await fuzz(database, running.baseUrl, seed, total);
  } finally {
    await running.close();
    await sink.close();
  }
}

async function fuzz(database: Database, baseUrl: string, seed: number, total: number): Promise<FuzzCounts> {
  const random = new Random(seed);
  const counts = { requests: 0, rejected: 0, byStatus: new Map<number, number>() };
  const started = performance.now();
  let account = await newAccount();

  async function newAccount(): Promise<Account> {
    const client = new TestClient(baseUrl);
    const authenticator = new SoftwareAuthenticator();
    const identifier = uniqueIdentifier('fuzz');
    await signUp(client, authenticator, identifier);
    return { client, authenticator, identifier, live: true };
  }

  async function resetStoredData(): Promise<void> {
    // CASCADE takes credentials, sessions, challenges and codes with the users; the server's secrets stay.
    await database.query('TRUNCATE users, challenges, rate_limits, email_codes CASCADE');
    account = await newAccount();
  }

  /**
   * A real ceremony response for `operation` from fresh options, or, when the state does not
   * allow one (the account removed the passkey the fuzzer holds, or was deleted), a junk one.
   */
  async function ceremonyBody(operation: OperationName, client: TestClient, overrides: Partial<CeremonyOverrides>): Promise<unknown> {
    const junk = { id: 'AAAA', rawId: 'AAAA', type: 'public-key', response: { clientDataJSON: 'AAAA' } };
    try {
      return await realCeremonyBody(operation, client, overrides);
    } catch (error) {
      if (error instanceof Error && /No credential|expected 200/.test(error.message)) return junk;
      throw error;
    }
  }

  async function realCeremonyBody(operation: OperationName, client: TestClient, overrides: Partial<CeremonyOverrides>): Promise<unknown> {
    const ceremony = { origin, ...overrides };
    switch (operation) {
      case 'verifyRegistration': {
        const options = await expectJson<Parameters<SoftwareAuthenticator['create']>[0]>(await client.post('/register/options', { identifier: uniqueIdentifier('fuzz') }));
        return new SoftwareAuthenticator().create(options, ceremony) satisfies RegistrationResponseJSON;
      }
      case 'addPasskey': {
        const options = await expectJson<Parameters<SoftwareAuthenticator['create']>[0]>(await client.post('/passkeys/options', {}));
        return new SoftwareAuthenticator().create(options, ceremony) satisfies RegistrationResponseJSON;
      }
      case 'verifyLogin': {
        const withIdentifier = random.chance(0.5) ? { identifier: account.identifier } : {};
        const options = await expectJson<Parameters<SoftwareAuthenticator['get']>[0]>(await client.post('/login/options', withIdentifier));
        return account.authenticator.get(options, { ...ceremony, omitUserHandle: random.chance(0.1) }) satisfies AuthenticationResponseJSON;
      }
      default: {
        const options = await expectJson<Parameters<SoftwareAuthenticator['get']>[0]>(await client.post('/reauthenticate/options', {}));
        return account.authenticator.get(options, ceremony) satisfies AuthenticationResponseJSON;
      }
    }
  }

  const ceremonyOverrides = (): Partial<CeremonyOverrides> =>
    random.chance(0.6)
      ? {}
      : random.pick<Partial<CeremonyOverrides>>([
          { origin: 'https://evil.example' },
          { rpId: 'evil.example' },
          { userVerified: false },
          { clientData: { crossOrigin: true } },
          { clientData: { crossOrigin: true, topOrigin: 'https://evil.example' } },
          { clientData: { type: 'webauthn.create' } },
          { clientData: { type: 'webauthn.get' } },
          { clientData: { challenge: brokenValue(random) } },
          { clientData: { origin: brokenValue(random) } },
        ]);

  /** A body the operation accepts when the state is right; the ceremonies' made by a software authenticator. */
  async function validBody(operation: OperationName, client: TestClient): Promise<unknown> {
    switch (operation) {
      case 'registrationOptions':
        return { identifier: uniqueIdentifier('fuzz'), displayName: 'Fuzz' };
      case 'loginOptions':
        return random.chance(0.5) ? {} : { identifier: account.identifier };
      case 'verifyRegistration':
      case 'verifyLogin':
      case 'addPasskey':
      case 'reauthenticate':
        return ceremonyBody(operation, client, ceremonyOverrides());
      case 'requestSignInCode':
      case 'requestSignUpCode':
      case 'requestEmailCode':
        return { email: random.chance(0.5) ? account.identifier : uniqueIdentifier('fuzz'), language: random.pick(['de', 'en', 'x-klingon']) };
      case 'signInWithCode':
      case 'signUpWithCode':
      case 'confirmEmail':
        return { email: account.identifier, code: String(random.int(1e6)).padStart(6, '0') };
      case 'reauthenticateWithCode':
        return { code: String(random.int(1e6)).padStart(6, '0') };
      case 'updateAccount':
        return { displayName: `Fuzz ${random.int(1000)}` };
      case 'renamePasskey':
        return { name: `Key ${random.int(1000)}` };
      case 'setTwoFactor':
        return { optOut: random.chance(0.5) };
      default:
        return {};
    }
  }

  /** One mutation of a valid body: a field dropped, retyped or broken, or the whole body replaced. */
  function mutate(body: unknown): unknown {
    if (typeof body !== 'object' || body === null || random.chance(0.15)) return brokenValue(random);
    const copy = structuredClone(body) as Record<string, unknown>;
    const response = typeof copy.response === 'object' && copy.response !== null ? (copy.response as Record<string, unknown>) : undefined;
    if (typeof response?.clientDataJSON === 'string' && random.chance(0.4)) {
      response.clientDataJSON = mutateClientData(response.clientDataJSON);
      return copy;
    }
    const inner = response !== undefined && random.chance(0.5) ? response : copy;
    const keys = Object.keys(inner);
    const key = keys.length === 0 || random.chance(0.2) ? random.pick(['extra', '__proto__', 'constructor', 'identifier', 'userHandle']) : random.pick(keys);
    if (random.chance(0.3)) delete inner[key];
    else inner[key] = brokenValue(random);
    return copy;
  }

  /** The client data inside a ceremony response, decoded, one member broken, encoded again. */
  function mutateClientData(encoded: string): string {
    const text = Buffer.from(encoded, 'base64url').toString('utf8');
    // The junk body of a ceremony the state did not allow carries no client data to bend.
    if (!text.startsWith('{')) return encoded;
    const clientData = JSON.parse(text) as Record<string, unknown>;
    const key = random.pick(['type', 'challenge', 'challenge', 'origin', 'crossOrigin', 'topOrigin', 'tokenBinding']);
    if (random.chance(0.2)) delete clientData[key];
    else clientData[key] = random.chance(0.5) ? random.pick(unstorableStrings) : brokenValue(random);
    return Buffer.from(JSON.stringify(clientData), 'utf8').toString('base64url');
  }

  function pathOf(operation: OperationName): string {
    const { path } = operations[operation];
    if (!path.includes('{id}')) return path;
    const id = random.pick([
      () => account.authenticator.credentials[0]?.id.toString('base64url') ?? 'AAAA',
      () => crypto.randomUUID(),
      () => 'others',
      // A lone surrogate cannot be percent-encoded: its UTF-8-like bytes stand in for it.
      // Cut to stay below Node's 16 KB header limit, whose 431 comes before the app sees anything.
      () => encodeURIComponent(String(brokenValue(random)).replace(/\p{Cs}/gu, '')).slice(0, 3000),
      () => '%ED%A0%80',
      () => '%00',
      () => '..%2f..%2faccount',
    ])();
    return path.replace('{id}', id);
  }

  async function nextRequest(): Promise<FuzzRequest> {
    const operation = random.pick(Object.keys(operations) as OperationName[]);
    const signedIn = random.chance(0.7);
    let prepared = false;
    if (signedIn && !account.live) {
      account = await newAccount();
      prepared = true;
    }
    const client = signedIn ? account.client : new TestClient(baseUrl);
    const odd = random.chance(0.1);
    const path = odd ? random.pick(oddPaths) : pathOf(operation);
    const method = random.chance(0.85) ? operations[operation].method : random.pick(methods);
    const headers: Record<string, string> = {};
    const originChoice = random.int(20);
    if (originChoice === 0) headers.origin = 'https://evil.example';
    if (originChoice === 1) headers.origin = 'null';
    if (originChoice === 2) headers['sec-fetch-site'] = random.pick(['cross-site', 'same-site']);
    if (method === 'GET' || method === 'HEAD') return { method, path, headers, client, prepared };

    let body: string | undefined;
    const shape = random.int(20);
    if (shape === 0) body = undefined;
    else if (shape === 1) body = '{"unterminated": ';
    else if (shape === 2) body = 'x'.repeat(70_000);
    else if (shape === 3) body = JSON.stringify({ padding: 'y'.repeat(66_000) });
    else {
      const valid = await validBody(operation, client);
      prepared ||= ceremonies.has(operation);
      body = JSON.stringify(random.chance(0.5) ? valid : mutate(valid));
    }
    if (body !== undefined) headers['content-type'] = random.chance(0.9) ? 'application/json' : random.pick(contentTypes);
    return { method, path, headers, client, prepared, ...(body === undefined ? {} : { body }) };
  }

  async function checkAnswer(request: FuzzRequest, response: Response, what: string): Promise<void> {
    assert.ok(response.status < 500, `${what}: ${response.status} ${await response.clone().text()}`);
    if (response.status < 400) {
      await response.body?.cancel();
      return;
    }
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/, `${what}: content type`);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff', `${what}: nosniff`);
    if (request.method === 'HEAD') return;
    const problem = JSON.parse(await response.text()) as Record<string, unknown>;
    assert.equal(response.headers.get('content-type'), problemContentType, what);
    assert.equal(typeof problem.type, 'string', what);
    assert.equal(problem.status, response.status, `${what}: status in the body`);
    assert.ok(typeof problem.code === 'string' && Object.hasOwn(problems, problem.code), `${what}: code ${String(problem.code)}`);
    const entry = problems[problem.code as keyof typeof problems];
    assert.equal(entry.status, response.status, `${what}: the status of ${String(problem.code)}`);
    assert.equal(problem.title, entry.title, what);
    assert.ok(typeof problem.detail === 'string' && problem.detail !== '', `${what}: detail`);
  }

  // The digest after a refused request is the one before the next, unless something was stored in between.
  let unchangedSince: StoredState | undefined;
  for (let index = 0; index < total; index++) {
    if (index > 0 && index % requestsPerRound === 0) {
      await resetStoredData();
      unchangedSince = undefined;
    }
    const request = await nextRequest();
    const before: StoredState = (request.prepared ? undefined : unchangedSince) ?? (await storedState(database));
    const what = `request ${index} (seed ${seed}): ${request.method} ${request.path.slice(0, 100)}`;
    const response = await request.client.request(request.method, request.path, {
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
    });
    counts.requests++;
    counts.byStatus.set(response.status, (counts.byStatus.get(response.status) ?? 0) + 1);
    await checkAnswer(request, response, what);
    unchangedSince = undefined;
    if (response.status >= 400) {
      counts.rejected++;
      const after = await storedState(database);
      assert.deepEqual(after, before, `${what} was refused but changed stored data`);
      unchangedSince = after;
    }
    // The account's session may have ended (signed out, revoked, deleted): the next signed-in request gets a new one.
    if (request.client === account.client && (request.client.cookies.size === 0 || response.status === 401)) account.live = false;
  }
  return { requests: counts.requests, rejected: counts.rejected, byStatus: Object.fromEntries(counts.byStatus), seconds: (performance.now() - started) / 1000 };
}

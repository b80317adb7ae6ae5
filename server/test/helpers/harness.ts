/**
 * Test plumbing: databases to run against, a real HTTP server on a free port, and a fetch client
 * with a one-site cookie jar that sends an `Origin` header like a browser.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { ServerType } from '@hono/node-server';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import pg from 'pg';
import { createPasskeyServer } from '../../src/index.ts';
import type { Database, LogSink, PasskeyServer, PasskeyServerOptions } from '../../src/index.ts';
import { openPgliteDatabase } from '../../src/db/pglite.ts';
import { openPostgresDatabase } from '../../src/db/postgres.ts';
import type { SoftwareAuthenticator } from './authenticator.ts';

/** The page origin the "browser" runs on; the HTTP server itself listens elsewhere. */
export const origin = 'http://localhost:5173';
/** Every test request comes from 127.0.0.1: the per-client ceremony limits would count a whole file. */
export const wideRateLimits = {
  perClient: { max: 1_000_000, windowMs: 600_000 },
  perAccount: { max: 1_000_000, windowMs: 600_000 },
  pendingChallengesPerClient: 1_000_000,
};
export const testConfig: PasskeyServerOptions = { rpId: 'localhost', origins: [origin], rateLimits: wideRateLimits };

export interface DatabaseTarget {
  name: string;
  /** A fresh, empty database (migrations not yet applied). */
  open(): Promise<Database>;
}

/** In-memory PGlite always; also PostgreSQL when TEST_DATABASE_URL is set (CI). */
export function databaseTargets(): DatabaseTarget[] {
  const targets: DatabaseTarget[] = [{ name: 'PGlite', open: () => openPgliteDatabase() }];
  const url = process.env.TEST_DATABASE_URL;
  if (url !== undefined && url !== '') {
    targets.push({ name: 'PostgreSQL', open: () => openPostgresSchema(url) });
  }
  return targets;
}

/**
 * A PostgreSQL database confined to a new random schema, dropped on close: test files run in
 * parallel processes against one server without seeing each other's tables.
 */
export async function openPostgresSchema(url: string, schema = `passkey_test_${randomBytes(6).toString('hex')}`) {
  await adminQuery(url, `CREATE SCHEMA IF NOT EXISTS ${schema}`);
  const scopedUrl = new URL(url);
  scopedUrl.searchParams.set('options', `-c search_path=${schema}`);
  const database = await openPostgresDatabase(scopedUrl.toString());
  return {
    ...database,
    close: async () => {
      await database.close();
      await adminQuery(url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    },
  } satisfies Database;
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface RunningServer {
  server: PasskeyServer;
  baseUrl: string;
  close(): Promise<void>;
}

/** Serves a passkey server (on a shared database) over real HTTP on a free port; `dependencies` as for createPasskeyServer. */
export async function startServer(
  database: Database,
  options: Partial<PasskeyServerOptions> = {},
  dependencies: { development?: boolean; log?: LogSink } = {},
): Promise<RunningServer> {
  const server = await createPasskeyServer({ ...testConfig, ...options }, { ...dependencies, database });
  const { httpServer, port } = await new Promise<{ httpServer: ServerType; port: number }>((resolve) => {
    const httpServer = serve({ fetch: server.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve({ httpServer, port: info.port }),
    );
  });
  return {
    server,
    baseUrl: `http://127.0.0.1:${port}${server.config.basePath}`,
    close: async () => {
      await new Promise<void>((resolve, reject) => httpServer.close((error) => (error ? reject(error) : resolve())));
      await server.close();
    },
  };
}

/** A parsed Set-Cookie header. */
export interface SetCookie {
  name: string;
  value: string;
  attributes: Map<string, string>;
}

export function parseSetCookie(header: string): SetCookie {
  const [pair = '', ...attributeParts] = header.split(';').map((part) => part.trim());
  const separator = pair.indexOf('=');
  const attributes = new Map<string, string>();
  for (const part of attributeParts) {
    const equals = part.indexOf('=');
    if (equals < 0) attributes.set(part.toLowerCase(), '');
    else attributes.set(part.slice(0, equals).toLowerCase(), part.slice(equals + 1));
  }
  return { name: pair.slice(0, separator), value: pair.slice(separator + 1), attributes };
}

type JsonValue = unknown;

/** fetch with a cookie jar and a browser-like `Origin` header. */
export class TestClient {
  readonly cookies = new Map<string, string>();
  /** Set-Cookie headers of the last response. */
  lastSetCookies: SetCookie[] = [];
  /** Sent with every request unless the request sets them itself, e.g. a `user-agent`. */
  defaultHeaders: Record<string, string> = {};

  constructor(
    readonly baseUrl: string,
    /** The `Origin` header sent with every request; `null` for a client that sends none (a script). */
    readonly pageOrigin: string | null = origin,
  ) {}

  async request(method: string, path: string, init: { json?: JsonValue; body?: string; headers?: Record<string, string> } = {}) {
    const headers = new Headers(init.headers);
    for (const [name, value] of Object.entries(this.defaultHeaders)) {
      if (!headers.has(name)) headers.set(name, value);
    }
    if (this.pageOrigin !== null && !headers.has('origin')) headers.set('origin', this.pageOrigin);
    if (this.cookies.size > 0) {
      headers.set('cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    }
    let body = init.body;
    if (init.json !== undefined) {
      body = JSON.stringify(init.json);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body });
    this.lastSetCookies = response.headers.getSetCookie().map(parseSetCookie);
    for (const cookie of this.lastSetCookies) {
      if (cookie.value === '' || cookie.attributes.get('max-age') === '0') this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return response;
  }

  post(path: string, json: JsonValue, headers?: Record<string, string>) {
    return this.request('POST', path, { json, ...(headers === undefined ? {} : { headers }) });
  }

  patch(path: string, json: JsonValue) {
    return this.request('PATCH', path, { json });
  }

  get(path: string) {
    return this.request('GET', path);
  }

  delete(path: string) {
    return this.request('DELETE', path);
  }
}

/** Asserts an RFC 9457 problem response with the given status and code; returns its body. */
export async function expectProblem(response: Response, status: number, code: string): Promise<Record<string, unknown>> {
  const text = await response.text();
  assert.equal(response.status, status, `expected ${status} ${code}, got ${response.status}: ${text}`);
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = JSON.parse(text) as Record<string, unknown>;
  assert.equal(body.code, code);
  assert.equal(body.type, 'about:blank');
  assert.equal(body.status, status);
  assert.equal(typeof body.title, 'string');
  assert.equal(typeof body.detail, 'string');
  return body;
}

export async function expectJson<T>(response: Response, status = 200): Promise<T> {
  const text = await response.text();
  assert.equal(response.status, status, `expected ${status}, got ${response.status}: ${text}`);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  return JSON.parse(text) as T;
}

export interface RowCounts {
  users: number;
  credentials: number;
  sessions: number;
  challenges: number;
}

export async function countRows(database: Database): Promise<RowCounts> {
  const [row] = await database.query<RowCounts>(
    `SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM credentials)::int AS credentials,
            (SELECT count(*) FROM sessions)::int AS sessions, (SELECT count(*) FROM challenges)::int AS challenges`,
  );
  assert.ok(row);
  return row;
}

/**
 * Runs `action` and asserts that it changed no stored rows, except for `consumedChallenges`
 * challenges: a verify request with a valid challenge uses it up whatever the outcome.
 */
export async function expectNoChange(
  database: Database,
  action: () => Promise<void>,
  { consumedChallenges = 0 }: { consumedChallenges?: number } = {},
): Promise<void> {
  const before = await countRows(database);
  await action();
  assert.deepEqual(await countRows(database), { ...before, challenges: before.challenges - consumedChallenges });
}

export interface ApiUser {
  id: string;
  identifier: string;
  displayName: string;
  email?: string | null;
  emailVerified?: boolean;
}

export async function registrationOptions(client: TestClient, identifier: string, displayName?: string) {
  const response = await client.post('/register/options', { identifier, ...(displayName === undefined ? {} : { displayName }) });
  return expectJson<PublicKeyCredentialCreationOptionsJSON>(response);
}

export async function loginOptions(client: TestClient, identifier?: string) {
  const response = await client.post('/login/options', identifier === undefined ? {} : { identifier });
  return expectJson<PublicKeyCredentialRequestOptionsJSON>(response);
}

/** A complete sign-up; returns the new user. */
export async function signUp(
  client: TestClient,
  authenticator: SoftwareAuthenticator,
  identifier: string,
  displayName?: string,
): Promise<ApiUser> {
  const options = await registrationOptions(client, identifier, displayName);
  const credential = authenticator.create(options, { origin });
  const { user } = await expectJson<{ user: ApiUser }>(await client.post('/register/verify', credential));
  return user;
}

/** A complete sign-in, usernameless or identifier-first; returns the user. */
export async function signIn(
  client: TestClient,
  authenticator: SoftwareAuthenticator,
  identifier?: string,
  credentialId?: string,
): Promise<ApiUser> {
  const options = await loginOptions(client, identifier);
  const assertion = authenticator.get(options, { origin, ...(credentialId === undefined ? {} : { credentialId }) });
  const { user } = await expectJson<{ user: ApiUser }>(await client.post('/login/verify', assertion));
  return user;
}

/** A unique identifier per call, so tests sharing a database do not collide. */
let identifierCounter = 0;
export function uniqueIdentifier(prefix = 'user'): string {
  identifierCounter += 1;
  return `${prefix}-${identifierCounter}-${randomBytes(3).toString('hex')}@example.com`;
}

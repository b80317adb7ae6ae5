/**
 * Structured request logs: one JSON line per request with its route pattern and request id, and
 * none of the secrets or ids that went over the wire (cookies, tokens, codes, credential and
 * session ids); unexpected errors as JSON lines with the same request id.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { createPasskeyServer } from '../src/index.ts';
import type { Database, LogLine, PasskeyServer } from '../src/index.ts';
import { openPgliteDatabase } from '../src/db/pglite.ts';
import { addPasskey, getAccount, userAgents } from './helpers/account.ts';
import { SoftwareAuthenticator } from './helpers/authenticator.ts';
import { confirmCurrentEmail, signInWithCode } from './helpers/codes.ts';
import { TestClient, databaseTargets, expectJson, expectProblem, signIn, signUp, testConfig, uniqueIdentifier } from './helpers/harness.ts';
import { codeOf, startMailSink, type MailSink } from './helpers/mail-sink.ts';

/** A TestClient that notes every value a log must never show: cookies it held, ids it sent or got. */
class RecordingClient extends TestClient {
  readonly secrets = new Set<string>();
  readonly requestIds: string[] = [];

  override async request(method: string, path: string, init: Parameters<TestClient['request']>[2] = {}) {
    for (const value of this.cookies.values()) this.secrets.add(value);
    const response = await super.request(method, path, init);
    for (const value of this.cookies.values()) this.secrets.add(value);
    this.requestIds.push(response.headers.get('x-request-id') ?? '(none)');
    return response;
  }
}

/** A passkey server with a log sink, over real HTTP. */
async function serveLogged(database: Database, options: Partial<Parameters<typeof createPasskeyServer>[0]> = {}) {
  const lines: LogLine[] = [];
  const server: PasskeyServer = await createPasskeyServer({ ...testConfig, ...options }, { database, log: (line) => lines.push(line) });
  const { httpServer, port } = await new Promise<{ httpServer: ServerType; port: number }>((resolve) => {
    const httpServer = serve({ fetch: server.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve({ httpServer, port: info.port }));
  });
  return {
    lines,
    baseUrl: `http://127.0.0.1:${port}${server.config.basePath}`,
    close: async () => {
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await server.close();
    },
  };
}

const requestLineKeys = ['durationMs', 'event', 'level', 'method', 'requestId', 'route', 'status', 'time'];

for (const target of databaseTargets()) {
  describe(`request logs on ${target.name}`, () => {
    let database: Database;
    let sink: MailSink;
    let running: Awaited<ReturnType<typeof serveLogged>>;

    before(async () => {
      database = await target.open();
      sink = await startMailSink();
      running = await serveLogged(database, { smtpUrl: sink.url, codeLimits: { resendCooldownMs: 50 } });
    });
    after(async () => {
      await running.close();
      await sink.close();
      await database.close();
    });

    it('writes one line per request with the route pattern, and no cookie, token, code or id', async () => {
      running.lines.length = 0;
      const laptop = new RecordingClient(running.baseUrl);
      laptop.defaultHeaders['user-agent'] = userAgents.chromeOnMac;
      const phone = new RecordingClient(running.baseUrl);
      const authenticator = new SoftwareAuthenticator();
      const email = uniqueIdentifier('logs');

      const user = await signUp(laptop, authenticator, email);
      const added = await addPasskey(laptop, new SoftwareAuthenticator());
      await expectJson(await laptop.patch(`/passkeys/${added.id}`, { name: 'Work laptop' }));
      await confirmCurrentEmail(sink, laptop, email);
      await signInWithCode(sink, phone, email);
      await signIn(phone, authenticator);
      const account = await getAccount(laptop);
      const phoneSession = account.sessions.find((session) => !session.current);
      assert.ok(phoneSession);
      assert.equal((await laptop.delete(`/sessions/${phoneSession.id}`)).status, 204);
      assert.equal((await laptop.delete(`/passkeys/${added.id}`)).status, 204);

      const clients = [laptop, phone];
      const requestIds = clients.flatMap((client) => client.requestIds);
      assert.equal(running.lines.length, requestIds.length, 'one line per request');
      assert.deepEqual(new Set(running.lines.map((line) => line.requestId)), new Set(requestIds), 'each answer names its line');

      const secrets = new Set([
        ...clients.flatMap((client) => [...client.secrets]),
        ...sink.to(email).map(codeOf),
        ...account.passkeys.map((passkey) => passkey.id),
        ...account.sessions.map((session) => session.id),
        ...authenticator.credentials.map((credential) => credential.id.toString('base64url')),
        user.id,
        account.user.userHandle,
        email,
      ]);
      assert.ok(secrets.size >= 10, 'the test saw the secrets it looks for');
      const text = running.lines.map((line) => JSON.stringify(line)).join('\n');
      for (const secret of secrets) assert.ok(!text.includes(secret), `a log line shows ${secret}`);

      for (const line of running.lines) {
        assert.deepEqual(Object.keys(line).sort(), requestLineKeys);
        assert.equal(line.level, 'info');
        // ISO 8601 in UTC, so lines of several hosts sort and compare as they are.
        assert.match(line.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        assert.ok(line.route.startsWith('/api/passkeys/'), line.route);
      }
      const routes = new Set(running.lines.map((line) => `${line.method} ${line.route}`));
      for (const expected of ['PATCH /api/passkeys/passkeys/:id', 'DELETE /api/passkeys/passkeys/:id', 'DELETE /api/passkeys/sessions/:id', 'POST /api/passkeys/login/code/verify']) {
        assert.ok(routes.has(expected), `no line for ${expected}`);
      }
    });

    it('keeps a safe incoming X-Request-Id and replaces one that could forge a log line', async () => {
      running.lines.length = 0;
      const client = new TestClient(running.baseUrl);
      const kept = await client.request('GET', '/session', { headers: { 'x-request-id': 'lb-7f3a.91_c' } });
      assert.equal(kept.headers.get('x-request-id'), 'lb-7f3a.91_c');
      for (const unsafe of ['a b', '"}{"level":"error', 'x'.repeat(65)]) {
        const replaced = await client.request('GET', '/session', { headers: { 'x-request-id': unsafe } });
        const id = replaced.headers.get('x-request-id') ?? '';
        assert.match(id, /^[A-Za-z0-9_-]{16}$/);
        assert.notEqual(id, unsafe);
      }
      assert.deepEqual(running.lines.map((line) => line.requestId).slice(0, 1), ['lb-7f3a.91_c']);
      assert.ok(!running.lines.some((line) => JSON.stringify(line).includes('"}{"')));
    });
  });
}

describe('unexpected-error log', () => {
  it('is one JSON line with the request id of the bare 500 it answered', async () => {
    const database = await openPgliteDatabase();
    const running = await serveLogged(database);
    try {
      await database.close();
      const response = await new TestClient(running.baseUrl).post('/login/options', {});
      await expectProblem(response, 500, 'internal');
      const requestId = response.headers.get('x-request-id');
      const errors = running.lines.filter((line) => line.level === 'error');
      assert.equal(errors.length, 1);
      const [error] = errors;
      assert.ok(error?.event === 'unexpected-error');
      assert.deepEqual(
        { requestId: error.requestId, method: error.method, route: error.route },
        { requestId, method: 'POST', route: '/api/passkeys/login/options' },
      );
      assert.ok(error.error.length > 0);
      const request = running.lines.find((line) => line.event === 'request');
      assert.deepEqual([request?.requestId, request?.status], [requestId, 500]);
    } finally {
      await running.close();
    }
  });
});

/**
 * Bad input of every kind: each gets its problem code, never a 500, and leaves stored data as it
 * was. Also routing (404/405), the Origin guard, body limits and the Node middleware.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createPasskeyServer, nodeMiddleware } from '../src/index.ts';
import type { Database } from '../src/index.ts';
import { SoftwareAuthenticator } from './helpers/authenticator.ts';
import {
  TestClient,
  databaseTargets,
  expectJson,
  expectNoChange,
  expectProblem,
  loginOptions,
  origin,
  registrationOptions,
  signUp,
  startServer,
  testConfig,
  uniqueIdentifier,
} from './helpers/harness.ts';
import type { RunningServer } from './helpers/harness.ts';

const postRoutes = ['/register/options', '/register/verify', '/login/options', '/login/verify'];

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

for (const target of databaseTargets()) {
  describe(`requests on ${target.name}`, () => {
    let database: Database;
    let running: RunningServer;
    let client: TestClient;

    before(async () => {
      database = await target.open();
      running = await startServer(database);
      client = new TestClient(running.baseUrl);
    });
    after(async () => {
      await running.close();
      await database.close();
    });

    it('refuses invalid identifiers', async () => {
      const invalid = [
        '',
        '  ',
        'ab',
        'a'.repeat(65),
        'Ada Lovelace',
        'ada/lovelace',
        'adä',
        'no-domain@',
        '@example.com',
        'ada@localhost',
        'ada@exa mple.com',
        'a@b@example.com',
        `${'a'.repeat(250)}@example.com`,
        'ada\u0000@example.com',
      ];
      for (const identifier of invalid) {
        await expectNoChange(database, async () => {
          await expectProblem(await client.post('/register/options', { identifier }), 400, 'invalid-identifier');
          await expectProblem(await client.post('/login/options', { identifier }), 400, 'invalid-identifier');
        });
      }
    });

    it('normalises valid identifiers', async () => {
      const cases: Array<[string, string]> = [
        ['  Ada.Lovelace_1815-x ', 'ada.lovelace_1815-x'],
        ['abc', 'abc'],
        [' Ada@Example.COM ', 'ada@example.com'],
        [`${'a'.repeat(242)}@example.com`, `${'a'.repeat(242)}@example.com`],
      ];
      for (const [raw, normalised] of cases) {
        const options = await registrationOptions(client, raw);
        assert.equal(options.user.name, normalised);
        assert.equal(options.user.displayName, normalised, 'the display name defaults to the identifier');
      }
    });

    it('refuses invalid display names', async () => {
      for (const displayName of ['', '   ', 'x'.repeat(65), 'bell\u0007', 'two\nlines', 'del\u007f']) {
        await expectNoChange(database, async () => {
          await expectProblem(
            await client.post('/register/options', { identifier: uniqueIdentifier(), displayName }),
            400,
            'invalid-display-name',
          );
        });
      }
      const emoji = '🧑‍🔬'.repeat(5);
      assert.equal((await registrationOptions(client, uniqueIdentifier(), emoji)).user.displayName, emoji);
      assert.equal((await registrationOptions(client, uniqueIdentifier(), 'x'.repeat(64))).user.displayName.length, 64);
    });

    it('refuses bodies that are not JSON', async () => {
      for (const path of postRoutes) {
        for (const body of ['{', '', 'undefined', "{'a':1}", '{"a":1}}']) {
          await expectNoChange(database, async () => {
            const response = await client.request('POST', path, { body, headers: { 'content-type': 'application/json' } });
            await expectProblem(response, 400, 'invalid-json');
          });
        }
      }
    });

    it('refuses bodies of another media type', async () => {
      const bodies: Array<[string, string]> = [
        ['text/html', '{}'],
        ['text/plain; charset=iso-8859-1', '{}'],
        ['application/x-www-form-urlencoded', 'identifier=ada'],
        ['multipart/form-data; boundary=x', '--x--'],
        ['application/jsonp', '{}'],
      ];
      for (const path of postRoutes) {
        for (const [contentType, body] of bodies) {
          await expectNoChange(database, async () => {
            const response = await client.request('POST', path, { body, headers: { 'content-type': contentType } });
            await expectProblem(response, 415, 'unsupported-media-type');
          });
        }
        // A body without any Content-Type is not JSON either.
        const untyped = await fetch(`${running.baseUrl}${path}`, {
          method: 'POST',
          headers: { origin },
          body: new Blob(['{}']),
        });
        await expectProblem(untyped, 415, 'unsupported-media-type');
      }
      // Parameters on the JSON media type are fine.
      const withCharset = await client.request('POST', '/login/options', {
        body: '{}',
        headers: { 'content-type': 'Application/JSON; charset=utf-8' },
      });
      assert.equal(withCharset.status, 200);
    });

    it('refuses fields that are missing or of the wrong type', async () => {
      const cases: Array<[string, unknown]> = [
        ['/register/options', null],
        ['/register/options', []],
        ['/register/options', 'ada@example.com'],
        ['/register/options', {}],
        ['/register/options', { identifier: 42 }],
        ['/register/options', { identifier: ['ada'] }],
        ['/register/options', { identifier: 'ada@example.com', displayName: 5 }],
        ['/login/options', null],
        ['/login/options', [1]],
        ['/login/options', { identifier: 5 }],
        ['/login/options', { identifier: {} }],
        ['/register/verify', {}],
        ['/register/verify', { id: 'AAAA', rawId: 'AAAA', type: 'public-key' }],
        ['/register/verify', { id: 1, rawId: 'AAAA', type: 'public-key', response: {} }],
        ['/register/verify', { id: 'AAAA', rawId: 'AAAA', type: 'public-key', response: { clientDataJSON: 'AAAA' } }],
        ['/register/verify', { id: 'AAAA', rawId: 'AAAA', type: 'public-key', response: 'x' }],
        ['/register/verify', { id: 'AAAA', rawId: 'AAAA', type: 'public-key', response: { clientDataJSON: 1, attestationObject: 'AAAA' } }],
        [
          '/register/verify',
          { id: 'AAAA', rawId: 'AAAA', type: 'public-key', response: { clientDataJSON: 'AAAA', attestationObject: 'AAAA', transports: [1] } },
        ],
        ['/login/verify', {}],
        ['/login/verify', { id: 'AAAA', rawId: 'AAAA', type: 'public-key', response: { clientDataJSON: 'AAAA' } }],
        [
          '/login/verify',
          { id: 'AAAA', rawId: 'AAAA', type: 'public-key', response: { clientDataJSON: 'AAAA', authenticatorData: 'AAAA', signature: 7 } },
        ],
        [
          '/login/verify',
          {
            id: 'AAAA',
            rawId: 'AAAA',
            type: 'public-key',
            response: { clientDataJSON: 'AAAA', authenticatorData: 'AAAA', signature: 'AAAA', userHandle: 5 },
          },
        ],
        [
          '/login/verify',
          {
            id: 'AAAA',
            rawId: 'AAAA',
            type: 'public-key',
            clientExtensionResults: 'none',
            response: { clientDataJSON: 'AAAA', authenticatorData: 'AAAA', signature: 'AAAA' },
          },
        ],
      ];
      for (const [path, body] of cases) {
        await expectNoChange(database, async () => {
          const response = await client.post(path, body);
          const problem = await expectProblem(response, 400, 'invalid-request');
          assert.ok(String(problem.detail).length > 0, 'detail names the field');
        });
      }
      // No body at all is a missing body, not a media type problem.
      for (const path of postRoutes) {
        await expectProblem(await client.request('POST', path), 400, 'invalid-request');
      }
    });

    it('refuses malformed credentials as invalid-credential', async () => {
      const clientData = (data: unknown) => base64url(JSON.stringify(data));
      const registration = (overrides: Record<string, unknown>, response: Record<string, unknown> = {}) => ({
        id: 'AAAA',
        rawId: 'AAAA',
        type: 'public-key',
        clientExtensionResults: {},
        ...overrides,
        response: {
          clientDataJSON: clientData({ type: 'webauthn.create', challenge: 'AAAA', origin }),
          attestationObject: 'AAAA',
          ...response,
        },
      });
      const cases: unknown[] = [
        registration({ type: 'password' }),
        registration({ id: 'not base64url!' }),
        registration({ id: 'AAAA', rawId: 'BBBB' }),
        registration({ id: '' , rawId: '' }),
        registration({ authenticatorAttachment: 'usb' }),
        registration({}, { clientDataJSON: '***' }),
        registration({}, { clientDataJSON: base64url('not json') }),
        registration({}, { clientDataJSON: base64url('"a string"') }),
        registration({}, { clientDataJSON: clientData({ type: 'webauthn.create', origin }) }),
        registration({}, { clientDataJSON: clientData({ type: 'webauthn.create', challenge: 1, origin }) }),
        registration({}, { clientDataJSON: clientData({ type: 'webauthn.get', challenge: 'AAAA', origin }) }),
        registration({}, { attestationObject: 'A' }),
      ];
      for (const body of cases) {
        await expectNoChange(database, async () => {
          await expectProblem(await client.post('/register/verify', body), 400, 'invalid-credential');
        });
      }
      const assertion = {
        id: 'AAAA',
        rawId: 'AAAA',
        type: 'public-key',
        clientExtensionResults: {},
        response: {
          clientDataJSON: clientData({ type: 'webauthn.create', challenge: 'AAAA', origin }),
          authenticatorData: 'AAAA',
          signature: 'AAAA',
        },
      };
      await expectProblem(await client.post('/login/verify', assertion), 400, 'invalid-credential');
      const badHandle = { ...assertion, response: { ...assertion.response, userHandle: '%%' } };
      await expectProblem(await client.post('/login/verify', badHandle), 400, 'invalid-credential');
    });

    it('answers garbage signed data with verification-failed, never a 500', async () => {
      const authenticator = new SoftwareAuthenticator();
      const options = await registrationOptions(client, uniqueIdentifier());
      const created = authenticator.create(options, { origin });
      created.response.attestationObject = base64url('definitely not CBOR');
      await expectNoChange(
        database,
        async () => {
          await expectProblem(await client.post('/register/verify', created), 400, 'verification-failed');
        },
        { consumedChallenges: 1 },
      );

      const registered = new SoftwareAuthenticator();
      await signUp(client, registered, uniqueIdentifier());
      const assertion = registered.get(await loginOptions(client), { origin });
      assertion.response.authenticatorData = 'AAAA';
      assertion.response.signature = 'AAAA';
      await expectNoChange(
        database,
        async () => {
          await expectProblem(await client.post('/login/verify', assertion), 400, 'verification-failed');
        },
        { consumedChallenges: 1 },
      );
    });

    it('answers odd bodies on every route with a 4xx, never a 500', async () => {
      const oddBodies: unknown[] = [
        0,
        true,
        '',
        { identifier: 'x'.repeat(10_000) },
        { identifier: null, displayName: null },
        { __proto__: { identifier: 'ada' } },
        { constructor: 'x', identifier: 'ada@example.com', response: null },
        { id: 'A'.repeat(5000), rawId: 'A'.repeat(5000), type: 'public-key', response: { clientDataJSON: 'A'.repeat(5000), attestationObject: 'AAAA', authenticatorData: 'AAAA', signature: 'AAAA' } },
        JSON.parse('{"a":'.repeat(200) + '1' + '}'.repeat(200)) as unknown,
      ];
      for (const path of postRoutes) {
        for (const body of oddBodies) {
          const response = await client.post(path, body);
          assert.ok(response.status < 500, `${path} ${JSON.stringify(body).slice(0, 60)} gave ${response.status}`);
          await response.body?.cancel();
        }
      }
    });

    it('treats malformed session cookies as signed out', async () => {
      for (const cookie of ['passkey_session=%E0%A4%A', 'passkey_session=', 'passkey_session="quoted"', `passkey_session=${'A'.repeat(5000)}`, '=;;=;']) {
        const response = await fetch(`${running.baseUrl}/session`, { headers: { cookie } });
        assert.deepEqual(await expectJson(response), { user: null }, cookie.slice(0, 40));
        const signOut = await fetch(`${running.baseUrl}/session`, { method: 'DELETE', headers: { cookie } });
        assert.equal(signOut.status, 204);
      }
    });

    it('refuses bodies over 64 KiB, with or without Content-Length', async () => {
      const big = JSON.stringify({ identifier: 'ada@example.com', padding: 'x'.repeat(64 * 1024) });
      for (const path of postRoutes) {
        await expectNoChange(database, async () => {
          await expectProblem(await client.request('POST', path, { body: big, headers: { 'content-type': 'application/json' } }), 413, 'body-too-large');
        });
      }
      const chunks = [new TextEncoder().encode(big.slice(0, 40_000)), new TextEncoder().encode(big.slice(40_000))];
      const streamed = await fetch(`${running.baseUrl}/register/options`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: new ReadableStream({
          start(controller) {
            for (const chunk of chunks) controller.enqueue(chunk);
            controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit);
      await expectProblem(streamed, 413, 'body-too-large');

      // Just under the limit is accepted.
      const fits = JSON.stringify({ padding: 'x'.repeat(64 * 1024 - 20) });
      assert.ok(Buffer.byteLength(fits) <= 64 * 1024);
      const response = await client.request('POST', '/login/options', { body: fits, headers: { 'content-type': 'application/json' } });
      assert.equal(response.status, 200);
    });

    it('refuses state-changing requests from foreign origins', async () => {
      const victim = new TestClient(running.baseUrl);
      await signUp(victim, new SoftwareAuthenticator(), uniqueIdentifier());
      for (const foreignOrigin of ['https://evil.example', 'null', 'http://localhost:5174', `${origin}/`]) {
        const attacker = new TestClient(running.baseUrl, foreignOrigin);
        for (const [name, value] of victim.cookies) attacker.cookies.set(name, value);
        await expectNoChange(database, async () => {
          for (const path of postRoutes) {
            const response = await attacker.post(path, { identifier: uniqueIdentifier() });
            await expectProblem(response, 403, 'origin-forbidden');
            assert.equal(response.headers.get('access-control-allow-origin'), null);
          }
          await expectProblem(await attacker.delete('/session'), 403, 'origin-forbidden');
        });
        // Reading is not state-changing; the browser withholds the answer for lack of CORS headers.
        const read = await attacker.get('/session');
        assert.equal(read.status, 200);
        assert.equal(read.headers.get('access-control-allow-origin'), null);
        await read.body?.cancel();
      }
      assert.notEqual((await expectJson<{ user: unknown }>(await victim.get('/session'))).user, null, 'still signed in');

      // Non-browser clients send no Origin at all.
      const script = new TestClient(running.baseUrl, null);
      assert.equal((await script.post('/login/options', {})).status, 200);
    });

    it('answers unknown paths with not-found and known paths with method-not-allowed', async () => {
      for (const [method, path] of [
        ['GET', '/nope'],
        ['POST', '/register'],
        ['GET', ''],
        ['GET', '/'],
        ['DELETE', '/session/extra'],
        ['GET', '/register/options/x'],
      ] as const) {
        await expectProblem(await client.request(method, path), 404, 'not-found');
      }
      for (const [method, path, allow] of [
        ['GET', '/register/options', 'POST'],
        ['PUT', '/register/verify', 'POST'],
        ['DELETE', '/login/options', 'POST'],
        ['PATCH', '/login/verify', 'POST'],
        ['POST', '/session', 'GET, DELETE'],
        ['PUT', '/session', 'GET, DELETE'],
      ] as const) {
        const response = await client.request(method, path, method === 'GET' ? {} : { json: {} });
        assert.equal(response.headers.get('allow'), allow);
        await expectProblem(response, 405, 'method-not-allowed');
      }
    });

    it('answers an unexpected failure with a bare 500 and logs it without request data', async (context) => {
      const broken: Database = {
        ...database,
        query: async () => {
          throw new Error('connection to the database lost');
        },
      };
      const failing = await startServer(broken);
      const logged = context.mock.method(console, 'error', () => {});
      try {
        const browser = new TestClient(failing.baseUrl);
        browser.cookies.set('passkey_session', 'A'.repeat(43));
        const response = await browser.post('/register/options', { identifier: 'secret-identifier@example.com' });
        const body = await expectProblem(response, 500, 'internal');
        assert.doesNotMatch(JSON.stringify(body), /database|secret/);
        const session = await browser.get('/session');
        await expectProblem(session, 500, 'internal');
      } finally {
        logged.mock.restore();
        await failing.close();
      }
      assert.equal(logged.mock.callCount(), 2);
      const output = logged.mock.calls.map((call) => call.arguments.join(' ')).join('\n');
      assert.match(output, /connection to the database lost/);
      assert.doesNotMatch(output, /secret-identifier|AAAAAAAA/);
    });

    it('serves the API through the Node middleware and passes other paths on', async () => {
      const server = await createPasskeyServer(testConfig, { database });
      const middleware = nodeMiddleware(server);
      const httpServer = createServer((request, response) =>
        middleware(request, response, () => {
          response.end('next');
        }),
      );
      await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
      const { port } = httpServer.address() as AddressInfo;
      try {
        const base = `http://127.0.0.1:${port}`;
        assert.deepEqual(await expectJson(await fetch(`${base}/api/passkeys/session`)), { user: null });
        await expectProblem(await fetch(`${base}/api/passkeys`), 404, 'not-found');
        for (const path of ['/', '/index.html', '/api/passkeysx', '/api/other?x=/api/passkeys/session']) {
          assert.equal(await (await fetch(`${base}${path}`)).text(), 'next', path);
        }
        const options = await fetch(`${base}/api/passkeys/login/options?x=1`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin },
          body: '{}',
        });
        assert.equal(options.status, 200);
        await options.body?.cancel();
      } finally {
        await new Promise<void>((resolve) => httpServer.close(() => resolve()));
        await server.close();
      }
    });
  });
}

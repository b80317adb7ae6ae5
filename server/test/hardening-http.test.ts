/**
 * The HTTP surface: cross-site requests refused by `Origin` and `Sec-Fetch-Site`, the security
 * headers of every API answer, and problem+json for every error, inside the API and outside it.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { operations, problems } from '../../src/protocol/index.ts';
import type { Database } from '../src/index.ts';
import { SoftwareAuthenticator } from './helpers/authenticator.ts';
import { TestClient, databaseTargets, expectJson, expectProblem, origin, signUp, startServer, uniqueIdentifier } from './helpers/harness.ts';
import type { RunningServer } from './helpers/harness.ts';

const expectedHeaders = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
};

function assertSecurityHeaders(response: Response, what: string): void {
  for (const [name, value] of Object.entries(expectedHeaders)) {
    assert.equal(response.headers.get(name), value, `${name} on ${what}`);
  }
}

/** Asserts a problem+json answer whose body agrees with the status and the protocol's vocabulary. */
async function assertProblemAnswer(response: Response, what: string): Promise<string> {
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/, what);
  const body = JSON.parse(await response.text()) as Record<string, unknown>;
  assert.equal(body.status, response.status, what);
  assert.ok(Object.hasOwn(problems, String(body.code)), `${what}: code ${String(body.code)}`);
  assert.equal(problems[body.code as keyof typeof problems].status, response.status, what);
  assert.equal(typeof body.title, 'string', what);
  assert.equal(typeof body.detail, 'string', what);
  return String(body.code);
}

/** A client that sends no `Origin`, carrying `from`'s cookies: a forged request that `SameSite=Lax` did not stop. */
function withoutOrigin(from: TestClient): TestClient {
  const client = new TestClient(from.baseUrl, null);
  for (const [name, value] of from.cookies) client.cookies.set(name, value);
  return client;
}

for (const target of databaseTargets()) {
  describe(`HTTP hardening on ${target.name}`, () => {
    let database: Database;
    let running: RunningServer;
    let behindProxy: RunningServer;

    before(async () => {
      database = await target.open();
      running = await startServer(database);
      behindProxy = await startServer(database, { trustProxy: 1 });
    });
    after(async () => {
      await behindProxy.close();
      await running.close();
      await database.close();
    });

    it('refuses every state-changing operation sent cross-site or same-site without an allowed Origin', async () => {
      const stateChanging = Object.values(operations).filter((operation) => operation.method !== 'GET');
      const anonymous = new TestClient(running.baseUrl, null);
      for (const { method, path } of stateChanging) {
        const url = path.replace('{id}', 'AAAA');
        for (const site of ['cross-site', 'same-site']) {
          await expectProblem(await anonymous.request(method, url, { json: {}, headers: { 'sec-fetch-site': site } }), 403, 'origin-forbidden');
        }
        // A foreign Origin is refused whatever Sec-Fetch-Site claims.
        const headers = { origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' };
        await expectProblem(await anonymous.request(method, url, { json: {}, headers }), 403, 'origin-forbidden');
        await expectProblem(await anonymous.request(method, url, { json: {}, headers: { origin: 'null' } }), 403, 'origin-forbidden');
      }
      // Methods the API does not serve are refused the same way before they reach routing.
      await expectProblem(await anonymous.request('PUT', '/account', { headers: { 'sec-fetch-site': 'cross-site' } }), 403, 'origin-forbidden');
    });

    it('keeps the account when a cross-site DELETE /account comes without Origin', async () => {
      const browser = new TestClient(running.baseUrl);
      const user = await signUp(browser, new SoftwareAuthenticator(), uniqueIdentifier());
      const forged = withoutOrigin(browser);
      await expectProblem(await forged.request('DELETE', '/account', { headers: { 'sec-fetch-site': 'cross-site' } }), 403, 'origin-forbidden');
      await expectProblem(await forged.request('DELETE', '/account', { headers: { 'sec-fetch-site': 'same-site' } }), 403, 'origin-forbidden');
      await expectProblem(await forged.request('DELETE', '/account', { headers: { 'sec-fetch-site': 'something-new' } }), 403, 'origin-forbidden');
      const rows = await database.query('SELECT 1 FROM users WHERE id = $1', [user.id]);
      assert.equal(rows.length, 1, 'the account survives');
      // Its own page (same-origin), with or without Origin, still can.
      await expectJson(await forged.request('GET', '/account', { headers: { 'sec-fetch-site': 'cross-site' } }));
      const own = await forged.request('DELETE', '/account', { headers: { 'sec-fetch-site': 'same-origin' } });
      assert.equal(own.status, 204);
    });

    it('lets through an allowed Origin from another site, same-origin and user-typed requests, and clients that send neither header', async () => {
      const page = new TestClient(running.baseUrl);
      // An API on another host than the page: the browser says cross-site, the Origin is allowed.
      const crossSite = await page.request('POST', '/login/options', { json: {}, headers: { 'sec-fetch-site': 'cross-site' } });
      await expectJson(crossSite);
      assert.equal(crossSite.headers.get('access-control-allow-origin'), origin);
      const bare = new TestClient(running.baseUrl, null);
      await expectJson(await bare.post('/login/options', {}));
      for (const site of ['same-origin', 'none']) {
        await expectJson(await bare.request('POST', '/login/options', { json: {}, headers: { 'sec-fetch-site': site } }));
      }
      assert.equal((await bare.request('DELETE', '/session')).status, 204);
    });

    it('sends the security headers on successes, problems, preflights and 404s, and keeps CORS working', async () => {
      const browser = new TestClient(running.baseUrl);
      const answers: Array<[string, Response]> = [
        ['GET /session', await browser.get('/session')],
        ['POST /login/options', await browser.post('/login/options', {})],
        ['DELETE /session', await browser.delete('/session')],
        ['invalid JSON', await browser.request('POST', '/login/options', { body: '{', headers: { 'content-type': 'application/json' } })],
        ['not signed in', await browser.get('/account')],
        ['405', await browser.request('PUT', '/session')],
        ['404 in the API', await browser.get('/nothing-here')],
        ['origin-forbidden', await browser.request('POST', '/login/options', { json: {}, headers: { origin: 'https://evil.example' } })],
        ['body-too-large', await browser.request('POST', '/login/options', { body: 'x'.repeat(70_000), headers: { 'content-type': 'application/json' } })],
      ];
      for (const [what, response] of answers) {
        assertSecurityHeaders(response, what);
        assert.equal(response.headers.get('strict-transport-security'), null, `no HSTS over http: ${what}`);
        const allowedOrigin = what === 'origin-forbidden' ? null : origin;
        assert.equal(response.headers.get('access-control-allow-origin'), allowedOrigin, `CORS on ${what}`);
        await response.body?.cancel();
      }
      const preflight = await browser.request('OPTIONS', '/account', {
        headers: { 'access-control-request-method': 'DELETE', 'access-control-request-headers': 'content-type' },
      });
      assert.equal(preflight.status, 204);
      assert.equal(preflight.headers.get('access-control-allow-origin'), origin);
      assert.equal(preflight.headers.get('access-control-allow-credentials'), 'true');
      assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /DELETE/);
      assertSecurityHeaders(preflight, 'preflight');
    });

    it('sends HSTS only over https: behind a trusted proxy that says so, never on a client’s own claim', async () => {
      const https = { 'x-forwarded-proto': 'https' };
      const proxied = await new TestClient(behindProxy.baseUrl).request('GET', '/session', { headers: https });
      assert.equal(proxied.headers.get('strict-transport-security'), 'max-age=31536000');
      const problem = await new TestClient(behindProxy.baseUrl).request('GET', '/account', { headers: https });
      assert.equal(problem.headers.get('strict-transport-security'), 'max-age=31536000');
      const plainProxied = await new TestClient(behindProxy.baseUrl).request('GET', '/session', { headers: { 'x-forwarded-proto': 'http' } });
      assert.equal(plainProxied.headers.get('strict-transport-security'), null);
      const claimed = await new TestClient(running.baseUrl).request('GET', '/session', { headers: https });
      assert.equal(claimed.headers.get('strict-transport-security'), null, 'no proxy is trusted');
    });

    it('answers unknown methods, escaping paths and paths outside the API with problem+json', async () => {
      const root = running.baseUrl.replace(/\/api\/passkeys$/, '');
      const paths = ['/session', '/passkeys/AAAA', '/nothing', '/%2e%2e/session', '/%2e%2e/%2e%2e/etc/passwd', '/..%2fsession', '/passkeys/..%2f..%2faccount', '/%2fsession', '/.%2e/x', '//session'];
      const methods = ['GET', 'HEAD', 'PUT', 'POST', 'PATCH', 'DELETE', 'PROPFIND', 'PURGE', 'QUERY', 'REPORT', 'LINK'];
      let answered = 0;
      for (const path of paths) {
        for (const method of methods) {
          const response = await fetch(`${running.baseUrl}${path}`, { method, headers: { origin } });
          assert.ok(response.status < 500, `${method} ${path}: ${response.status}`);
          if (response.status >= 400) {
            if (method === 'HEAD') assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
            else await assertProblemAnswer(response, `${method} ${path}`);
            answered++;
          } else {
            await response.body?.cancel();
          }
        }
      }
      assert.ok(answered > paths.length * (methods.length - 3), `most of these are errors (${answered})`);
      for (const path of ['/', '/index.html', '/api', '/api/other', '/%2e%2e/', '/favicon.ico']) {
        for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
          const response = await fetch(`${root}${path}`, { method });
          assert.equal(response.status, 404, `${method} ${path}`);
          assert.equal(await assertProblemAnswer(response, `${method} ${path}`), 'not-found');
        }
      }
      const outside = await fetch(`${root}/nothing`);
      assertSecurityHeaders(outside, 'a 404 outside the API');
      await outside.body?.cancel();
    });
  });
}

describe('the standalone server', () => {
  let child: ReturnType<typeof spawn> | undefined;
  let dataDir: string;
  let root: string;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'passkey-standalone-'));
    const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
    const started = spawn(process.execPath, ['--import', 'tsx', main], {
      // No pages beside the API, whatever the checkout has built: every path outside it is a 404.
      env: { ...process.env, PORT: '0', DATA_DIR: dataDir, NODE_ENV: 'development', STATIC_DIR: join(dataDir, 'no-pages') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = started;
    root = await new Promise<string>((resolve, reject) => {
      let output = '';
      started.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on (http:\/\/localhost:\d+)/.exec(output);
        if (match?.[1] !== undefined) resolve(match[1]);
      });
      started.on('exit', (code) => reject(new Error(`main.ts exited with ${code}: ${output}`)));
    });
  });
  after(async () => {
    if (child !== undefined && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.on('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers 404 outside the API, and unknown methods, with problem+json', async () => {
    for (const [method, path] of [['GET', '/no-such-page.html'], ['GET', '/api/passkeys/%2e%2e/x'], ['POST', '/'], ['PUT', '/index.html'], ['DELETE', '/x']] as const) {
      const response = await fetch(`${root}${path}`, { method });
      assert.equal(response.status, 404, `${method} ${path}`);
      assert.equal(await assertProblemAnswer(response, `${method} ${path}`), 'not-found');
    }
    const api = await fetch(`${root}/api/passkeys/session`);
    assert.equal(api.status, 200);
    assertSecurityHeaders(api, 'the standalone API');
    await api.body?.cancel();
  });
});

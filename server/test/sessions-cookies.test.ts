/**
 * `Secure` / `__Host-` session cookies decided per request (TR-03161 O.Auth_18, ASVS 3.3.1): over
 * TLS, behind a trusted TLS-terminating proxy, or from an https page, also when some configured
 * origins are plain http.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request as httpsRequest, createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { serve } from '@hono/node-server';
import { createPasskeyServer } from '../src/index.ts';
import type { Database } from '../src/index.ts';
import { reauthenticate } from './helpers/account.ts';
import { SoftwareAuthenticator } from './helpers/authenticator.ts';
import {
  TestClient,
  databaseTargets,
  expectJson,
  origin,
  registrationOptions,
  startServer,
  testConfig,
  uniqueIdentifier,
} from './helpers/harness.ts';
import type { ApiUser, RunningServer, SetCookie } from './helpers/harness.ts';

const httpsOrigin = 'https://app.localhost';
/** A development origin next to the production one: "every origin is https" does not hold. */
const mixedOrigins = { origins: [origin, httpsOrigin] };

/** Signs up through `browser`, whose page runs on `pageOrigin`; returns the session cookie set. */
async function signUpFrom(browser: TestClient, pageOrigin: string): Promise<SetCookie> {
  const options = await registrationOptions(browser, uniqueIdentifier('cookie'));
  await expectJson(await browser.post('/register/verify', new SoftwareAuthenticator().create(options, { origin: pageOrigin })));
  const [cookie] = browser.lastSetCookies;
  assert.ok(cookie, 'a session cookie is set');
  return cookie;
}

function assertHttpsCookie(cookie: SetCookie): void {
  assert.equal(cookie.name, '__Host-passkey_session');
  assert.ok(cookie.attributes.has('secure'));
  assert.ok(cookie.attributes.has('httponly'));
  assert.equal(cookie.attributes.get('path'), '/');
  assert.ok(!cookie.attributes.has('domain'), 'a __Host- cookie has no Domain');
}

function assertHttpCookie(cookie: SetCookie): void {
  assert.equal(cookie.name, 'passkey_session');
  assert.ok(!cookie.attributes.has('secure'));
}

async function signedInUser(browser: TestClient, headers: Record<string, string> = {}): Promise<ApiUser | null> {
  return (await expectJson<{ user: ApiUser | null }>(await browser.request('GET', '/session', { headers }))).user;
}

for (const target of databaseTargets()) {
  describe(`session cookies on ${target.name}`, () => {
    let database: Database;
    let direct: RunningServer;
    let proxied: RunningServer;

    before(async () => {
      database = await target.open();
      direct = await startServer(database, mixedOrigins);
      proxied = await startServer(database, { ...mixedOrigins, trustProxy: 1 });
    });
    after(async () => {
      await proxied.close();
      await direct.close();
      await database.close();
    });

    /** A client without `Origin` (so only the proxy header can tell) that sends `X-Forwarded-Proto`. */
    function behindProxy(server: RunningServer, protocol: string): TestClient {
      const browser = new TestClient(server.baseUrl, undefined);
      browser.defaultHeaders = { 'x-forwarded-proto': protocol };
      return browser;
    }

    it('ignores X-Forwarded-Proto without a trusted proxy', async () => {
      assertHttpCookie(await signUpFrom(behindProxy(direct, 'https'), origin));
    });

    it('sets a __Host- Secure cookie when a trusted proxy says https, and a plain one when it says http', async () => {
      const browser = behindProxy(proxied, 'https');
      assertHttpsCookie(await signUpFrom(browser, origin));
      assertHttpCookie(await signUpFrom(behindProxy(proxied, 'http'), origin));
      // Each proxy may add its own entry: any https one counts.
      assertHttpsCookie(await signUpFrom(behindProxy(proxied, 'https, http'), origin));

      // The cookie is found under the name it was set with, whatever the later request says.
      assert.notEqual(await signedInUser(browser), null);
      assert.notEqual(await signedInUser(browser, { 'x-forwarded-proto': 'http' }), null);
      const sameCookieDirectly = new TestClient(direct.baseUrl, undefined);
      sameCookieDirectly.cookies.set('__Host-passkey_session', [...browser.cookies.values()][0] ?? '');
      assert.notEqual(await signedInUser(sameCookieDirectly), null);
    });

    it('over https accepts only the __Host- cookie, so a neighbouring site cannot plant a session', async () => {
      const victim = behindProxy(proxied, 'https');
      const attacker = behindProxy(proxied, 'http');
      await signUpFrom(attacker, origin);
      const plantedToken = [...attacker.cookies.values()][0] ?? '';
      victim.cookies.set('passkey_session', plantedToken);
      assert.equal(await signedInUser(victim), null, 'a plain cookie counts for nothing on an https request');
      assert.notEqual(await signedInUser(victim, { 'x-forwarded-proto': 'http' }), null, 'it still works over plain http');
    });

    it('sets a __Host- Secure cookie for a page on an https origin', async () => {
      const browser = new TestClient(direct.baseUrl, httpsOrigin);
      assertHttpsCookie(await signUpFrom(browser, httpsOrigin));
      assert.notEqual(await signedInUser(browser), null);
      assertHttpCookie(await signUpFrom(new TestClient(direct.baseUrl, origin), origin));
    });

    it('keeps the __Host- name on re-authentication and clears it with Secure on sign-out', async () => {
      const browser = behindProxy(proxied, 'https');
      const authenticator = new SoftwareAuthenticator();
      const options = await registrationOptions(browser, uniqueIdentifier('cookie-rotate'));
      await expectJson(await browser.post('/register/verify', authenticator.create(options, { origin })));
      await reauthenticate(browser, authenticator);
      const [rotated] = browser.lastSetCookies;
      assert.ok(rotated);
      assertHttpsCookie(rotated);
      assert.deepEqual([...browser.cookies.keys()], ['__Host-passkey_session']);

      assert.equal((await browser.delete('/session')).status, 204);
      const [cleared] = browser.lastSetCookies;
      assert.equal(cleared?.name, '__Host-passkey_session');
      assert.equal(cleared.attributes.get('max-age'), '0');
      assert.ok(cleared.attributes.has('secure'), 'browsers accept the deletion of a __Host- cookie only with Secure');
      assert.equal(browser.cookies.size, 0);
    });
  });
}

describe('session cookies over TLS', () => {
  let directory: string;
  let certificate: Buffer;
  let baseUrl: URL;
  let close: () => Promise<void>;

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'passkey-tls-'));
    const keyPath = join(directory, 'key.pem');
    const certificatePath = join(directory, 'certificate.pem');
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyPath, '-out', certificatePath,
    ], { stdio: 'ignore' });
    certificate = await readFile(certificatePath);
    const key = await readFile(keyPath);
    const passkeys = await createPasskeyServer({ ...testConfig, ...mixedOrigins });
    const { httpServer, port } = await new Promise<{ httpServer: ReturnType<typeof serve>; port: number }>((resolve) => {
      const httpServer = serve(
        { fetch: passkeys.fetch, port: 0, hostname: '127.0.0.1', createServer: createHttpsServer, serverOptions: { key, cert: certificate } },
        (info: AddressInfo) => resolve({ httpServer, port: info.port }),
      );
    });
    baseUrl = new URL(`https://127.0.0.1:${port}${passkeys.config.basePath}`);
    close = async () => {
      await new Promise<void>((resolve, reject) => httpServer.close((error) => (error ? reject(error) : resolve())));
      await passkeys.close();
    };
  });
  after(async () => {
    await close();
    await rm(directory, { recursive: true, force: true });
  });

  it('clears the __Host- Secure cookie on a TLS connection without Origin or proxy headers', async () => {
    const setCookies = await new Promise<string[]>((resolve, reject) => {
      const request = httpsRequest(new URL(`${baseUrl.pathname}/session`, baseUrl), { method: 'DELETE', ca: certificate }, (response) => {
        response.resume();
        assert.equal(response.statusCode, 204);
        resolve(response.headers['set-cookie'] ?? []);
      });
      request.on('error', reject);
      request.end();
    });
    assert.equal(setCookies.length, 1);
    assert.match(setCookies[0] ?? '', /^__Host-passkey_session=;/);
    assert.match(setCookies[0] ?? '', /; Secure/);
  });
});

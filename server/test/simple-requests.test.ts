/**
 * CORS-simple requests: JSON sent as `text/plain` is read as JSON, so a page on another origin
 * calls the API without a preflight. What stops a foreign page then is `Origin` and
 * `Sec-Fetch-Site` (and the `SameSite=Lax` cookie): over plain HTTP here, and in a real Chromium,
 * where a foreign form posts `text/plain` and an allowed page fetches without an OPTIONS first.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser } from 'playwright-core';
import { operations } from '../../src/protocol/index.ts';
import { createPasskeyServer, type Database, type PasskeyServer } from '../src/index.ts';
import { SoftwareAuthenticator } from './helpers/authenticator.ts';
import {
  TestClient,
  countRows,
  databaseTargets,
  expectJson,
  expectNoChange,
  expectProblem,
  signIn,
  signUp,
  startServer,
  testConfig,
  uniqueIdentifier,
} from './helpers/harness.ts';
import type { RunningServer } from './helpers/harness.ts';

/** What `fetch` declares for a string body, and what the elements send. */
const simpleType = 'text/plain;charset=UTF-8';

/** A client that sends every body as `text/plain`, as the elements do. */
function simpleClient(baseUrl: string, pageOrigin: string | null = testConfig.origins[0] ?? null): TestClient {
  const client = new TestClient(baseUrl, pageOrigin);
  client.defaultHeaders = { 'content-type': simpleType };
  return client;
}

/**
 * A foreign `<form enctype="text/plain">` sends one `name=value` line: with this name and the
 * value `"}`, the `=` lands inside a JSON string and the body is valid JSON, so only the origin
 * checks stand between it and the handler.
 */
const formFieldName = (fields: Record<string, string>) => JSON.stringify({ ...fields, pad: '' }).slice(0, -2);
const formBody = (fields: Record<string, string>) => `${formFieldName(fields)}="}\r\n`;

for (const target of databaseTargets()) {
  describe(`simple requests on ${target.name}`, () => {
    let database: Database;
    let running: RunningServer;

    before(async () => {
      database = await target.open();
      running = await startServer(database);
    });
    after(async () => {
      await running.close();
      await database.close();
    });

    it('signs up, in and out with text/plain bodies from an allowed origin on another site', async () => {
      const page = simpleClient(running.baseUrl);
      // An API on another host: the browser says cross-site, the Origin is allowed.
      page.defaultHeaders['sec-fetch-site'] = 'cross-site';
      const authenticator = new SoftwareAuthenticator();
      const identifier = uniqueIdentifier();
      const created = await signUp(page, authenticator, identifier);
      assert.equal(created.identifier, identifier);
      await page.request('DELETE', '/session');
      const user = await signIn(page, authenticator);
      assert.equal(user.id, created.id);
      const session = await expectJson<{ user: { id: string } }>(await page.get('/session'));
      assert.equal(session.user.id, created.id);
      // Every field is still checked: text/plain is a way in for JSON, not around the validators.
      await expectProblem(await page.request('POST', '/login/options', { body: '{' }), 400, 'invalid-json');
      await expectProblem(await page.request('POST', '/register/options', { body: '{"identifier":"a"}' }), 400, 'invalid-identifier');
    });

    it('refuses a foreign form posting text/plain to every state-changing operation, and changes nothing', async () => {
      const victim = simpleClient(running.baseUrl);
      await signUp(victim, new SoftwareAuthenticator(), uniqueIdentifier());
      // The victim's cookie travels along, as if SameSite=Lax had not stopped it: the origin checks alone must hold.
      const forgeries: Array<[string, Record<string, string>]> = [
        ['a foreign Origin', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }],
        ['a foreign Origin claiming same-origin', { origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' }],
        ['an opaque Origin', { origin: 'null', 'sec-fetch-site': 'cross-site' }],
        ['no Origin, cross-site', { 'sec-fetch-site': 'cross-site' }],
        ['no Origin, same-site', { 'sec-fetch-site': 'same-site' }],
      ];
      const forger = simpleClient(running.baseUrl, null);
      for (const [name, value] of victim.cookies) forger.cookies.set(name, value);
      const stateChanging = Object.values(operations).filter((operation) => operation.method !== 'GET');
      await expectNoChange(database, async () => {
        for (const { method, path } of stateChanging) {
          for (const [what, headers] of forgeries) {
            const response = await forger.request(method, path.replace('{id}', 'AAAA'), { body: formBody({ identifier: 'ada@example.com' }), headers });
            await expectProblem(response, 403, 'origin-forbidden').catch((error: unknown) => {
              throw new Error(`${method} ${path} with ${what}`, { cause: error });
            });
          }
        }
      });
      // The session is untouched and still the victim's.
      const session = await expectJson<{ user: { identifier: string } | null }>(await victim.get('/session'));
      assert.notEqual(session.user, null);
    });

    it('takes text/plain only as UTF-8 and only with an Origin, while scripts keep application/json', async () => {
      const page = new TestClient(running.baseUrl);
      await expectNoChange(database, async () => {
        for (const contentType of ['text/plain; charset=iso-8859-1', 'text/plain;charset=utf-16', 'text/html', 'text/plain-ish']) {
          const response = await page.request('POST', '/register/options', { body: JSON.stringify({ identifier: uniqueIdentifier() }), headers: { 'content-type': contentType } });
          await expectProblem(response, 415, 'unsupported-media-type');
        }
        // A browser too old to send Origin on a form post sends no Sec-Fetch-Site either: its text/plain is refused.
        const script = new TestClient(running.baseUrl, null);
        const legacyForm = await script.request('POST', '/register/options', { body: formBody({ identifier: uniqueIdentifier() }), headers: { 'content-type': 'text/plain' } });
        await expectProblem(legacyForm, 415, 'unsupported-media-type');
      });
      for (const contentType of ['text/plain', 'Text/Plain; Charset="UTF-8"', simpleType]) {
        await expectJson(await page.request('POST', '/login/options', { body: '{}', headers: { 'content-type': contentType } }));
      }
      await expectJson(await new TestClient(running.baseUrl, null).post('/login/options', {}));
    });

    it('answers an allowed origin’s preflight for extra headers, and gives a foreign one nothing to go on', async () => {
      const page = new TestClient(running.baseUrl);
      const asked = { 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-csrf-token' };
      const allowed = await page.request('OPTIONS', '/login/options', { headers: asked });
      assert.equal(allowed.status, 204);
      assert.equal(allowed.headers.get('access-control-allow-origin'), testConfig.origins[0]);
      assert.equal(allowed.headers.get('access-control-allow-credentials'), 'true');
      assert.equal(allowed.headers.get('access-control-allow-headers'), 'content-type,x-csrf-token');
      const foreign = await page.request('OPTIONS', '/login/options', { headers: { ...asked, origin: 'https://evil.example' } });
      assert.equal(foreign.headers.get('access-control-allow-origin'), null);
    });
  });
}

/** Serves `html` on a free port of localhost; answers with its origin. */
async function servePage(html: (origin: string) => string): Promise<{ origin: string; server: Server }> {
  let origin = '';
  const server = createServer((_request, response) => {
    response.setHeader('content-type', 'text/html');
    response.end(html(origin));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  return { origin, server };
}

describe('simple requests in Chromium', () => {
  let database: Database;
  let passkeys: PasskeyServer;
  let api: { server: ServerType; baseUrl: string };
  let allowedPage: { origin: string; server: Server };
  let foreignPage: { origin: string; server: Server };
  let browser: Browser;
  /** Every request the API received, as `METHOD path`. */
  const received: string[] = [];

  before(async () => {
    const [target] = databaseTargets();
    assert.ok(target);
    database = await target.open();
    allowedPage = await servePage(() => '<!doctype html><title>allowed</title>');
    // `localhost` and `127.0.0.1` are different sites: the API is cross-site to both pages.
    passkeys = await createPasskeyServer({ ...testConfig, origins: [allowedPage.origin] }, { database });
    api = await new Promise((resolve) => {
      const server = serve({
        fetch: (request) => {
          received.push(`${request.method} ${new URL(request.url).pathname.replace(passkeys.config.basePath, '')}`);
          return passkeys.fetch(request);
        },
        port: 0,
        hostname: '127.0.0.1',
      }, (info: AddressInfo) => resolve({ server, baseUrl: `http://127.0.0.1:${info.port}${passkeys.config.basePath}` }));
    });
    foreignPage = await servePage(() => `<!doctype html><title>foreign</title>
      <form method="post" enctype="text/plain" action="${api.baseUrl}/register/options">
        <input name='${formFieldName({ identifier: 'victim@example.com' })}' value='"}'>
      </form>`);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => foreignPage.server.close(resolve));
    await new Promise((resolve) => allowedPage.server.close(resolve));
    await new Promise((resolve) => api.server.close(resolve));
    await passkeys.close();
    await database.close();
  });

  it('lets an allowed page on another site fetch with a text/plain body and no preflight', async () => {
    const page = await browser.newPage();
    await page.goto(`${allowedPage.origin}/`);
    received.length = 0;
    const result = await page.evaluate(`(async () => {
      const answer = await fetch(${JSON.stringify(`${api.baseUrl}/login/options`)}, {
        method: 'POST', credentials: 'include', headers: { accept: 'application/json', 'content-type': ${JSON.stringify(simpleType)} }, body: '{}',
      });
      return { status: answer.status, challenge: typeof (await answer.json()).challenge };
    })()`);
    assert.deepEqual(result, { status: 200, challenge: 'string' });
    assert.deepEqual(received, ['POST /login/options'], 'one request, no OPTIONS');
    await page.close();
  });

  it('refuses a foreign page’s text/plain form post and keeps no challenge for it', async () => {
    const page = await browser.newPage();
    await page.goto(`${foreignPage.origin}/`);
    const before = await countRows(database);
    received.length = 0;
    const [answer] = await Promise.all([
      page.waitForResponse((response) => response.url().endsWith('/register/options')),
      page.evaluate('document.forms[0].submit()'),
    ]);
    assert.equal(answer.status(), 403);
    assert.equal((JSON.parse(await answer.text()) as { code: string }).code, 'origin-forbidden');
    // A form is no CORS request: it is sent at once, and refused by its Origin.
    assert.deepEqual(received, ['POST /register/options']);
    assert.deepEqual(await countRows(database), before);
    await page.close();
  });
});

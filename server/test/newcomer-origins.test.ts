/**
 * A refused origin says what to fix: the answer names the origin the server saw and, outside
 * production, the allowed list and the setting to change; the log shows each refused origin once.
 * Over real HTTP, on PGlite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database, LogLine, OriginRefusedLine } from '../src/index.ts';
import { SoftwareAuthenticator } from './helpers/authenticator.ts';
import {
  TestClient,
  databaseTargets,
  expectJson,
  expectProblem,
  origin,
  registrationOptions,
  startServer,
  uniqueIdentifier,
} from './helpers/harness.ts';
import type { RunningServer } from './helpers/harness.ts';

// What a newcomer opens by mistake: the loopback address instead of localhost, a wrong port.
const loopbackPage = 'http://127.0.0.1:5173';
const wrongPortPage = 'http://localhost:5174';

const refusals = (lines: LogLine[]) => lines.filter((line): line is OriginRefusedLine => line.event === 'origin-refused');

for (const target of databaseTargets()) {
  describe(`refused origins explain themselves (${target.name})`, () => {
    let database: Database;
    let development: RunningServer;
    let production: RunningServer;
    const developmentLog: LogLine[] = [];
    const productionLog: LogLine[] = [];

    before(async () => {
      database = await target.open();
      development = await startServer(database, {}, { development: true, log: (line) => developmentLog.push(line) });
      // Production refuses to start with codes but no SMTP: these tests need no codes.
      production = await startServer(database, { emailVerification: 'off', codeSignIn: 'off' }, { development: false, log: (line) => productionLog.push(line) });
    });
    after(async () => {
      await development.close();
      await production.close();
      await database.close();
    });

    it('in development, answers a foreign Origin with it, the allowed origins and the ORIGINS setting', async () => {
      const page = new TestClient(development.baseUrl, loopbackPage);
      const body = await expectProblem(await page.post('/login/options', {}), 403, 'origin-forbidden');
      assert.equal(body.origin, loopbackPage);
      assert.deepEqual(body.allowedOrigins, [origin]);
      assert.equal(body.setting, 'ORIGINS');
      const detail = String(body.detail);
      assert.ok(detail.includes(loopbackPage) && detail.includes(origin) && detail.includes('ORIGINS'), detail);
    });

    it('in production, names only the origin it saw, never the allowed list', async () => {
      const page = new TestClient(production.baseUrl, loopbackPage);
      const body = await expectProblem(await page.post('/login/options', {}), 403, 'origin-forbidden');
      assert.equal(body.origin, loopbackPage);
      assert.equal(body.allowedOrigins, undefined);
      assert.equal(body.setting, undefined);
      assert.ok(!JSON.stringify(body).includes(origin), 'the allowed origin is not revealed');
    });

    it('explains a cross-site request without an Origin too, without inventing one', async () => {
      const script = new TestClient(development.baseUrl, null);
      const response = await script.request('POST', '/login/options', { json: {}, headers: { 'sec-fetch-site': 'cross-site' } });
      const body = await expectProblem(response, 403, 'origin-forbidden');
      assert.equal(body.origin, undefined);
      assert.deepEqual(body.allowedOrigins, [origin]);
      assert.match(String(body.detail), /Sec-Fetch-Site/);
    });

    it('repeats no more than 256 characters of an absurd Origin header', async () => {
      const absurd = `http://${'a'.repeat(4000)}.example`;
      const body = await expectProblem(await new TestClient(development.baseUrl, absurd).post('/login/options', {}), 403, 'origin-forbidden');
      assert.equal(body.origin, absurd.slice(0, 256));
      assert.ok(!String(body.detail).includes(absurd));
    });

    it('answers a ceremony run on another origin (client data) with that origin and, in development, the fix', async () => {
      const browser = new TestClient(development.baseUrl);
      const options = await registrationOptions(browser, uniqueIdentifier('newcomer'));
      const onWrongPort = new SoftwareAuthenticator().create(options, { origin: wrongPortPage });
      const body = await expectProblem(await browser.post('/register/verify', onWrongPort), 400, 'origin-mismatch');
      assert.equal(body.origin, wrongPortPage);
      assert.deepEqual(body.allowedOrigins, [origin]);
      assert.equal(body.setting, 'ORIGINS');

      const inProduction = new TestClient(production.baseUrl);
      const productionOptions = await registrationOptions(inProduction, uniqueIdentifier('newcomer'));
      const alsoOnWrongPort = new SoftwareAuthenticator().create(productionOptions, { origin: wrongPortPage });
      const productionBody = await expectProblem(await inProduction.post('/register/verify', alsoOnWrongPort), 400, 'origin-mismatch');
      assert.equal(productionBody.origin, wrongPortPage);
      assert.equal(productionBody.allowedOrigins, undefined);
    });

    it('names TOP_ORIGINS when the page around an iframe is refused', async () => {
      const browser = new TestClient(development.baseUrl);
      const options = await registrationOptions(browser, uniqueIdentifier('embedded'));
      const embedded = new SoftwareAuthenticator().create(options, {
        origin,
        clientData: { crossOrigin: true, topOrigin: 'https://portal.example.org' },
      });
      const body = await expectProblem(await browser.post('/register/verify', embedded), 400, 'origin-mismatch');
      assert.equal(body.origin, 'https://portal.example.org');
      assert.equal(body.setting, 'TOP_ORIGINS');
      assert.deepEqual(body.allowedOrigins, []);
    });

    it('logs the first refusal of each origin once, with the allowed list, and nothing for allowed requests', async () => {
      developmentLog.length = 0;
      const lanPage = 'http://192.168.1.20:5173';
      const lan = new TestClient(development.baseUrl, lanPage);
      const loopback = new TestClient(development.baseUrl, loopbackPage);
      for (let attempt = 0; attempt < 3; attempt++) {
        await expectProblem(await lan.post('/login/options', {}), 403, 'origin-forbidden');
        await expectProblem(await loopback.post('/login/options', {}), 403, 'origin-forbidden');
      }
      await expectJson(await new TestClient(development.baseUrl).post('/login/options', {}));

      const lines = refusals(developmentLog);
      // The first test refused 127.0.0.1 already: that origin is not logged again.
      assert.deepEqual(lines.map((line) => line.origin), [lanPage]);
      const [line] = lines;
      assert.ok(line);
      assert.equal(line.level, 'warn');
      assert.equal(line.code, 'origin-forbidden');
      assert.equal(line.setting, 'ORIGINS');
      assert.deepEqual(line.allowed, [origin]);
      assert.equal(line.route, '/api/passkeys/*');
      assert.match(line.requestId ?? '', /^[A-Za-z0-9_-]{16}$/);
    });

    it('logs in production too, once per origin: the operator sees the same line', () => {
      const lines = refusals(productionLog).map((line) => `${line.code} ${line.origin} ${line.allowed.join(',')}`);
      assert.deepEqual(lines, [`origin-forbidden ${loopbackPage} ${origin}`, `origin-mismatch ${wrongPortPage} ${origin}`]);
    });
  });
}

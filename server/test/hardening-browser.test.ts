/**
 * The API's security headers in a real Chromium: a page of an allowed origin on another site still
 * calls the API through CORS, while a no-cors load of an API answer is blocked by
 * Cross-Origin-Resource-Policy. Port 8775 (or TEST_PORT) serves the page.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Database } from '../src/index.ts';
import { databaseTargets, startServer } from './helpers/harness.ts';
import type { RunningServer } from './helpers/harness.ts';

const pagePort = Number(process.env.TEST_PORT ?? 8775);
// `localhost` and `127.0.0.1` are different sites: the API is cross-site to the page, as an API host can be.
const pageOrigin = `http://localhost:${pagePort}`;

describe('security headers in Chromium', () => {
  let database: Database;
  let running: RunningServer;
  let pageServer: Server;
  let browser: Browser;
  let page: Page;

  before(async () => {
    const [target] = databaseTargets();
    assert.ok(target);
    database = await target.open();
    running = await startServer(database, { origins: [pageOrigin] });
    pageServer = createServer((_request, response) => {
      response.setHeader('content-type', 'text/html');
      response.end('<!doctype html><title>page</title>');
    });
    await new Promise<void>((resolve) => pageServer.listen(pagePort, '127.0.0.1', resolve));
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage();
    await page.goto(`${pageOrigin}/`);
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => pageServer.close(resolve));
    await running.close();
    await database.close();
  });

  it('lets an allowed cross-site page read answers and problems through CORS', async () => {
    const result = await page.evaluate(`(async () => {
      const options = await fetch(${JSON.stringify(`${running.baseUrl}/login/options`)}, {
        method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: '{}',
      });
      const problem = await fetch(${JSON.stringify(`${running.baseUrl}/account`)}, { credentials: 'include' });
      return { status: options.status, challenge: typeof (await options.json()).challenge, problemStatus: problem.status, code: (await problem.json()).code };
    })()`);
    assert.deepEqual(result, { status: 200, challenge: 'string', problemStatus: 401, code: 'not-signed-in' });
  });

  it('blocks a no-cors load of an API answer', async () => {
    const outcome = await page.evaluate(`fetch(${JSON.stringify(`${running.baseUrl}/session`)}, { mode: 'no-cors', credentials: 'include' })
      .then((response) => 'loaded ' + response.type, (error) => 'blocked ' + error.name)`);
    assert.equal(outcome, 'blocked TypeError');
  });
});

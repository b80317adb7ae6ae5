import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page, Route } from 'playwright-core';
import { launchChromium, openPasskeyPage } from './chromium.ts';
import { runPasskeyJourney } from './journey.ts';
import { startDevServer, type RunningApp } from './servers.ts';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

let app: RunningApp;
let browser: Browser;

before(async () => {
  [app, browser] = await Promise.all([startDevServer(repositoryRoot), launchChromium()]);
});

after(async () => {
  await browser?.close();
  await app?.close();
});

test('the demo: sign up, signed in, sign out, sign in with the passkey button', async () => {
  const { context, page, authenticator } = await openPasskeyPage(browser, app.url);
  try {
    await runPasskeyJourney(page, authenticator);
  } finally {
    await context.close();
  }
});

test('first start: the page and the login show their loading state at once, while the script and the first request are pending', async () => {
  const { context, page } = await openPasskeyPage(browser, app.url);
  try {
    // Held as a slow first start holds them: the demo's script, and the backend preparing its database.
    const script = holdRequests(page, '**/demo/main.ts');
    const session = holdRequests(page, '**/api/passkeys/session');
    await page.goto('/', { waitUntil: 'commit' });
    const pageStatus = page.locator('#app > .loading');
    await pageStatus.waitFor();
    assert.equal(await pageStatus.getAttribute('role'), 'status');
    assert.equal((await pageStatus.innerText()).trim(), 'Loading…', 'the page says it is loading before its script runs');

    await script.release();
    const login = page.locator('passkey-login');
    await login.getByRole('status').filter({ hasText: 'Loading…' }).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Sign in' }).count(), 0, 'no form while nobody knows who is signed in');
    assert.equal(await pageStatus.count(), 0, 'the element took the page\'s place');

    await session.release();
    await page.getByRole('button', { name: 'Sign in with a passkey' }).waitFor();
    assert.equal(await login.getByRole('status').filter({ hasText: 'Loading…' }).count(), 0, 'the loading line is gone once the backend answered');
  } finally {
    await context.close();
  }
});

/** Holds the page's requests to `pattern` until `release()`, then lets them and any later ones through. */
function holdRequests(page: Page, pattern: string): { release(): Promise<void> } {
  const held: Route[] = [];
  let released = false;
  void page.route(pattern, (route) => (released ? route.continue() : void held.push(route)));
  return {
    async release() {
      await expectHeld(held, pattern);
      released = true;
      await Promise.all(held.map((route) => route.continue()));
    },
  };
}

async function expectHeld(held: Route[], pattern: string): Promise<void> {
  for (let waited = 0; held.length === 0; waited += 50) {
    if (waited > 15_000) throw new Error(`no request to ${pattern} was made`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

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

test('the demo fits phones: no horizontal scrolling at 320 and 375 px, signed out or in', async () => {
  const { context, page } = await openPasskeyPage(browser, app.url);
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  try {
    await page.setViewportSize({ width: 375, height: 720 });
    await page.goto('/', { timeout: 60_000 });
    await page.getByRole('button', { name: 'Sign in with a passkey' }).waitFor({ timeout: 60_000 });
    for (const width of [375, 320]) {
      await page.setViewportSize({ width, height: 720 });
      assert.equal(await overflow(), 0, `the sign-in page scrolls sideways at ${width} px`);
    }
    await page.getByRole('button', { name: 'Create an account' }).click();
    await page.getByLabel('Email').fill(`narrow-${Date.now()}@example.com`);
    await page.getByRole('button', { name: 'Create a passkey' }).click();
    await page.getByRole('heading', { name: 'Your passkeys' }).waitFor();
    for (const width of [320, 375]) {
      await page.setViewportSize({ width, height: 720 });
      assert.equal(await overflow(), 0, `the profile page scrolls sideways at ${width} px`);
    }
  } finally {
    await context.close();
  }
});

test('first start: the page shows its loading state at once, then the form, while the script and the first request are pending', async () => {
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
    // The element draws its form at once; the session check goes on behind it.
    await page.getByRole('button', { name: 'Sign in with a passkey' }).waitFor();
    assert.equal(await pageStatus.count(), 0, 'the element took the page\'s place');
    assert.equal(await page.getByRole('heading', { name: 'Sign in' }).count(), 1, 'the form shows while the session check is pending');

    const answered = page.waitForResponse('**/api/passkeys/session');
    await session.release();
    await answered;
    assert.equal(await page.getByRole('button', { name: 'Sign in with a passkey' }).count(), 1, 'still the form once the backend answered (nobody signed in)');
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

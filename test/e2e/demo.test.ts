import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
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

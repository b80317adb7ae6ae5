import assert from 'node:assert/strict';
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

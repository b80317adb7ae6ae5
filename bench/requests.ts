import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { createServer } from 'vite';

export interface FlowRequests {
  flow: string;
  /** API requests made before the user's action (prefetches). */
  before: string[];
  /** API requests made after it, until the user is signed in. */
  after: string[];
  budget: number;
  milliseconds: number;
}

const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Scripts that run in the page are plain strings: tsx's name-keeping helpers do not exist there.

/** Makes the page report "no autofill support", to measure the button and identifier paths. */
const withoutAutofill = `
  if (location.search.includes('no-autofill')) {
    Object.defineProperty(PublicKeyCredential, 'getClientCapabilities', { value: async () => ({ conditionalGet: false }) });
    Object.defineProperty(PublicKeyCredential, 'isConditionalMediationAvailable', { value: async () => false });
  }`;

/**
 * Counts the passkey API requests of each flow on the demo page (Vite dev server with the
 * reference backend on a fresh PGlite database), in Chromium with a virtual authenticator.
 */
export async function measureRequests(): Promise<FlowRequests[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'passkey-bench-'));
  process.env.DATA_DIR = dataDir;
  const vite = await createServer({ logLevel: 'silent', server: { port: 5199, strictPort: true } });
  await vite.listen();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
  try {
    const context = await browser.newContext({ baseURL: 'http://localhost:5199' });
    await context.addInitScript({ content: withoutAutofill });
    const page = await context.newPage();
    // The dev server's first load transforms every module on demand.
    page.setDefaultNavigationTimeout(90_000);
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable', { enableUI: false });
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', ctap2Version: 'ctap2_1', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });
    const requests = recordApiRequests(page);
    const flows: FlowRequests[] = [];
    const identifier = `bench-${Date.now()}@example.com`;

    // Sign-up, from the sign-in screen's "Create an account".
    let load = await openDemo(page, requests, '/?no-autofill');
    await page.getByRole('button', { name: 'Create an account' }).click();
    await page.getByLabel('Email').fill(identifier);
    await page.getByLabel('Your name (optional)').fill('Bench User');
    flows.push(await measure('Sign up with a passkey', 1, page, requests, load, () => page.getByRole('button', { name: 'Create a passkey' }).click()));
    await signOut(page);

    load = await openDemo(page, requests, '/?no-autofill');
    flows.push(await measure('Sign in with a passkey (button)', 1, page, requests, load, () => page.getByRole('button', { name: 'Sign in with a passkey' }).click()));
    await signOut(page);

    load = await openDemo(page, requests, '/?no-autofill');
    await page.getByLabel('Email').fill(identifier);
    flows.push(await measure('Sign in identifier-first', 1, page, requests, load, () => page.getByRole('button', { name: 'Continue' }).click()));
    flows.push(await measureCodeSignIn(page, requests, identifier));

    // Autofill: the virtual authenticator answers the conditional request at once, like a pick.
    const started = Date.now();
    requests.length = 0;
    await page.goto('/');
    await waitForProfile(page);
    const loadRequests = ['/session', '/login/options'];
    flows.push({
      flow: 'Sign in by autofill',
      before: requests.filter((path) => loadRequests.includes(path)),
      after: signInRequests(requests).filter((path) => !loadRequests.includes(path)),
      budget: 1,
      milliseconds: Date.now() - started,
    });

    flows.push(...(await measureProfile(page, cdp, requests, authenticatorId)));
    return flows;
  } finally {
    await browser.close();
    await vite.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Email code sign-in, from "Email me a code" to signed in: the address is confirmed on the account
 * page first (codes only go to confirmed addresses), and codes are read from the dev outbox.
 * Counts the requests after "Send code" and after the code is typed, not the mail's delivery.
 */
async function measureCodeSignIn(page: Page, requests: string[], email: string): Promise<FlowRequests> {
  await page.getByRole('button', { name: 'Verify email address' }).click();
  await page.getByLabel('6-digit code').fill(await outboxCode(page, email));
  await page.getByText('Email address verified.').waitFor();
  await signOut(page);

  const load = await openDemo(page, requests, '/?no-autofill');
  await page.getByRole('button', { name: 'Email me a code' }).click();
  await page.getByLabel('Email').fill(email);
  let started = Date.now();
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.getByLabel('6-digit code').waitFor();
  const after = [...requests];
  let milliseconds = Date.now() - started;
  const code = await outboxCode(page, email, started);
  requests.length = 0;
  started = Date.now();
  await page.getByLabel('6-digit code').fill(code);
  await page.getByRole('button', { name: 'Skip for now' }).waitFor();
  after.push(...requests);
  milliseconds += Date.now() - started;
  await page.getByRole('button', { name: 'Skip for now' }).click();
  await waitForProfile(page);
  await signOut(page);
  return { flow: 'Sign in with an email code', before: load, after, budget: 2, milliseconds };
}

/** The newest code the dev outbox holds for `to`, waiting for it to arrive. */
async function outboxCode(page: Page, to: string, sentAfter = 0): Promise<string> {
  for (let attempt = 0; attempt < 40; attempt++) {
    const { messages } = (await (await page.request.get('/api/passkeys/dev/outbox')).json()) as { messages: Array<{ to: string; text: string; sentAt: string }> };
    const newest = messages.filter((message) => message.to === to && Date.parse(message.sentAt) >= sentAfter).sort((a, b) => b.sentAt.localeCompare(a.sentAt))[0];
    const code = newest && /^@\S+ #(\d+)\s*$/m.exec(newest.text)?.[1];
    if (code) return code;
    await page.waitForTimeout(100);
  }
  throw new Error(`No mail to ${to} in the dev outbox`);
}

function recordApiRequests(page: Page): string[] {
  const requests: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    // The demo page polls its development mailbox: the page's own request, not the elements'.
    if (path.startsWith('/api/passkeys') && path !== '/api/passkeys/dev/outbox') requests.push(path.slice('/api/passkeys'.length));
  });
  return requests;
}

/** Loads the demo, waits until the network is idle, and returns the API requests of the load. */
async function openDemo(page: Page, requests: string[], url: string): Promise<string[]> {
  requests.length = 0;
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.getByRole('button', { name: 'Sign in with a passkey' }).waitFor();
  const load = [...requests];
  requests.length = 0;
  return load;
}

async function measure(flow: string, budget: number, page: Page, requests: string[], before: string[], action: () => Promise<void>): Promise<FlowRequests> {
  requests.length = 0;
  const started = Date.now();
  await action();
  await waitForProfile(page);
  return { flow, before, after: signInRequests(requests), budget, milliseconds: Date.now() - started };
}

/** Once signed in, the demo shows `<passkey-profile>`, which loads the account. */
async function waitForProfile(page: Page) {
  await page.getByRole('heading', { name: 'Your passkeys' }).waitFor();
}

/** The sign-in flow's own requests: the demo's profile then loads the account, counted apart. */
function signInRequests(requests: string[]) {
  return requests.filter((path) => path !== '/account');
}

/** The profile's flows on the signed-in demo page: render, add a passkey, rename, remove. */
async function measureProfile(page: Page, cdp: CDPSession, requests: string[], internalAuthenticator: string): Promise<FlowRequests[]> {
  const flows: FlowRequests[] = [];
  const step = async (flow: string, budget: number, action: () => Promise<unknown>, done: () => Promise<unknown>) => {
    requests.length = 0;
    const started = Date.now();
    await action();
    await done();
    flows.push({ flow, before: [], after: [...requests], budget, milliseconds: Date.now() - started });
  };
  const notice = (text: string) => page.getByRole('status').filter({ hasText: text }).waitFor();
  const profile = page.locator('passkey-profile');

  await step('Render the profile', 1, () => page.evaluate(`document.querySelector('passkey-profile').reload()`), () => waitForProfile(page));
  // A second device: a USB security key instead of the internal one, which already has a passkey.
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', ctap2Version: 'ctap2_1', transport: 'usb', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: internalAuthenticator });
  await step('Add a passkey', 2, () => page.getByRole('button', { name: 'Add a passkey' }).click(), () => notice('Passkey created. It is saved on this device: next time, sign in here with your fingerprint, face or screen lock.'));
  await step('Rename a passkey', 1, async () => {
    await profile.locator('[part="passkey-item"]').first().getByRole('button', { name: 'Rename' }).click();
    await page.getByLabel('Passkey name').fill('Bench key');
    await page.getByRole('button', { name: 'Save' }).click();
  }, () => notice('Passkey renamed.'));
  await step('Remove a passkey', 1, async () => {
    const card = profile.locator('[part="passkey-item"]').filter({ hasText: 'Bench key' });
    await card.getByRole('button', { name: 'Remove Bench key' }).click();
    // The confirmation dialog's own button.
    await profile.getByRole('dialog').getByRole('button', { name: 'Remove', exact: true }).click();
  }, () => notice('Passkey removed.'));
  return flows;
}


async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.getByRole('button', { name: 'Sign in with a passkey' }).waitFor();
}

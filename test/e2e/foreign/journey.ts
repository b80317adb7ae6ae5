import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import type { VirtualAuthenticator } from '../chromium.ts';

export interface ForeignServerTraits {
  /** `?recipe=` of the test page (recipes.ts). */
  recipe: string;
  /** Asks the server for new sign-in options with the page's cookies, as another tab would: the pending challenge is replaced. */
  replaceChallenge(page: Page): Promise<void>;
  /** Path of the sign-in options endpoint, to wait for the element's prefetch. */
  loginOptionsPath: string;
  /** Whether the server's sign-in options list the passkeys of the identifier typed. */
  identifierOptions: boolean;
  /** A request the sign-out button sends, or none when sign-out is local. */
  signOutPath?: string;
}

interface RecordedEvent {
  type: string;
  detail: { user?: { id: string; identifier: string; displayName: string; identifiedBy?: string }; code?: string };
}

const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

/**
 * What a person does with `<passkey-login>` on a server we did not write: sign up, sign out, come
 * back later, sign in with the passkey button (once with a challenge replaced meanwhile, which the
 * server refuses), with the identifier first, and with an identifier that has no account. Checks
 * what the page shows, the element's events and the authenticator.
 */
export async function runForeignJourney(page: Page, authenticator: VirtualAuthenticator, server: ForeignServerTraits): Promise<void> {
  const email = `foreign-${unique()}@example.com`;
  const displayName = 'Foreign Tester';
  const signInButton = page.getByRole('button', { name: 'Sign in with a passkey' });
  const signOutButton = page.getByRole('button', { name: 'Sign out', exact: true });
  const path = `/?recipe=${server.recipe}`;

  await page.goto(path);
  await signInButton.waitFor();
  assert.deepEqual(await authenticator.credentials(), [], 'the authenticator starts empty');

  // Sign up: the server's creation options name the user, so the element can welcome them.
  await page.getByRole('button', { name: 'Create an account' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Your name (optional)').fill(displayName);
  await page.getByRole('button', { name: 'Create a passkey' }).click();
  await expectScreen(page, page.getByRole('heading', { name: `Welcome, ${displayName}` }), 'after sign-up');
  const signedUp = (await events(page)).find((event) => event.type === 'passkey-signed-in');
  assert.equal(signedUp?.detail.user?.identifiedBy, 'registration-options', 'the sign-up names the user of the creation options');
  assert.equal(signedUp?.detail.user?.identifier, email);
  const [credential, ...others] = await authenticator.credentials();
  assert.ok(credential?.isResidentCredential && others.length === 0, 'one discoverable passkey');

  // Sign out: on the server when it has a sign-out route (a redirect to an HTML page is success), on screen otherwise.
  const signOutAnswer = server.signOutPath ? page.waitForResponse((response) => new URL(response.url()).pathname === server.signOutPath) : undefined;
  await signOutButton.click();
  await expectScreen(page, signInButton, 'after sign-out');
  if (signOutAnswer) assert.equal((await signOutAnswer).status(), 302, 'the server answered the sign-out with its redirect');
  assert.ok((await events(page)).some((event) => event.type === 'passkey-signed-out'));

  // Back later: no session endpoint, so the form, not a restored session.
  await reloadWithOptions(page, server);
  await signInButton.waitFor();
  assert.equal(await page.getByRole('heading', { name: /Welcome|You are signed in/ }).count(), 0, 'no session restored');

  // Another tab replaced the one challenge the session keeps: the prefetched options are stale and the
  // server refuses them (passport with a 200 { ok: false }): an error on screen, never a sign-in.
  await server.replaceChallenge(page);
  await signInButton.click();
  await expectAlert(page, 'Your passkey could not be verified. Please try again.');
  assert.equal(await page.getByRole('button', { name: 'Email me a code' }).count(), 0, 'no code sign-in offered: the server has none');
  assert.equal((await events(page)).filter((event) => event.type === 'passkey-signed-in').length, 0, 'nobody signed in');

  // The passkey button: the server names nobody, so the element knows the user by the passkey's user handle.
  await reloadWithOptions(page, server);
  await signInButton.click();
  await expectScreen(page, page.getByRole('heading', { name: 'You are signed in' }), 'after the passkey button');
  const byButton = (await events(page)).find((event) => event.type === 'passkey-signed-in');
  assert.equal(byButton?.detail.user?.identifiedBy, 'user-handle');
  assert.equal(byButton?.detail.user?.id, Buffer.from(credential.userHandle ?? '', 'base64').toString('base64url'));
  const [used] = await authenticator.credentials();
  assert.ok(used && used.signCount > credential.signCount, 'the passkey signed the sign-in');
  await signOutButton.click();
  await signInButton.waitFor();

  // Identifier first.
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Continue' }).click();
  const expected = server.identifierOptions ? `Welcome, ${email}` : 'You are signed in';
  await expectScreen(page, page.getByRole('heading', { name: expected }), 'after identifier-first sign-in');
  await signOutButton.click();
  await signInButton.waitFor();

  // An address without an account: the sign-up offer where the server says so, and where it
  // ignores the identifier, whoever the passkey proves, never the address typed.
  const nobody = `nobody-${unique()}@example.com`;
  await page.getByLabel('Email').fill(nobody);
  await page.getByRole('button', { name: 'Continue' }).click();
  if (server.identifierOptions) {
    await expectScreen(page, page.getByText(`There is no account for ${nobody} yet. Create one now:`), 'for an unknown address');
  } else {
    await expectScreen(page, page.getByRole('heading', { name: 'You are signed in' }), 'for an address the server ignores');
    assert.equal(await page.getByText(nobody).count(), 0, `the page does not claim ${nobody} signed in`);
  }
}

/** Reloads and waits until the element's prefetched sign-in options have arrived. */
async function reloadWithOptions(page: Page, server: ForeignServerTraits): Promise<void> {
  const prefetched = page.waitForResponse((response) => new URL(response.url()).pathname === server.loginOptionsPath);
  await page.reload();
  assert.equal((await prefetched).status(), 200, 'the prefetched sign-in options');
}

const events = (page: Page) => page.evaluate('window.passkeyEvents') as Promise<RecordedEvent[]>;

async function expectAlert(page: Page, text: string): Promise<void> {
  const alert = page.getByRole('alert');
  await alert.or(page.getByRole('heading', { name: /Welcome|You are signed in/ })).first().waitFor();
  const shown = await page.evaluate(`document.querySelector('passkey-login').shadowRoot.textContent.replace(/\\s+/g, ' ').trim()`);
  assert.ok(await alert.filter({ hasText: text }).isVisible(), `expected the alert "${text}", but the page shows: ${shown} (events: ${JSON.stringify(await events(page))})`);
}

/** Waits for the screen a step should lead to; fails at once with the alert's text when an alert shows instead. */
async function expectScreen(page: Page, expected: Locator, step: string): Promise<void> {
  const alert = page.getByRole('alert');
  await expected.or(alert).first().waitFor();
  if (await expected.isVisible()) return;
  throw new Error(`Expected ${expected} ${step}, but the page shows: ${(await alert.first().innerText()).trim()}`);
}

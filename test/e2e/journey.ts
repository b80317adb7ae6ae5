import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import type { VirtualAuthenticator } from './chromium.ts';

export interface JourneyOptions {
  /** The page that shows `<passkey-login>` to a visitor, relative to the context's base URL. */
  path?: string;
  /** A new identifier for the account; unique per run by default. */
  email?: string;
  displayName?: string;
  /** Base path of the backend, to ask it who is signed in. */
  api?: string;
  /**
   * What the page shows once `email` is signed in. Default: `<passkey-profile>`'s "Your passkeys"
   * heading, which renders only after the account loaded.
   */
  signedIn?: (page: Page, email: string) => Locator;
  /** How a signed-in person signs out. Default: the "Sign out" button (of `<passkey-profile>`). */
  signOutButton?: (page: Page) => Locator;
  /** Reload the page after sign-up: it must still show the signed-in view (the session is a cookie). */
  reload?: boolean;
}

export interface JourneyResult {
  email: string;
  userId: string;
  credentialId: string;
}

interface SessionAnswer {
  user: { id: string; identifier: string; displayName: string } | null;
}

interface AccountAnswer {
  user: { id: string };
  passkeys: { id: string }[];
}

const defaultSignedIn = (page: Page) => page.getByRole('heading', { name: 'Your passkeys' });
const defaultSignOutButton = (page: Page) => page.getByRole('button', { name: 'Sign out', exact: true });

/**
 * What a person does with a passkey login, checked by what the page shows and what the backend
 * answers: create an account with a new email and a passkey, land signed in, sign out, and sign
 * in again with the "Sign in with a passkey" button. Needs a page from `openPasskeyPage` with
 * autofill off (the default there), on an origin that serves the app and its backend.
 */
export async function runPasskeyJourney(page: Page, authenticator: VirtualAuthenticator, options: JourneyOptions = {}): Promise<JourneyResult> {
  const {
    path = '/',
    email = `journey-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`,
    displayName = 'Journey Tester',
    api = '/api/passkeys',
    signedIn = defaultSignedIn,
    signOutButton = defaultSignOutButton,
    reload = false,
  } = options;
  const signInButton = page.getByRole('button', { name: 'Sign in with a passkey' });

  // A visitor: the sign-in form, nobody signed in, no passkey on the device.
  // The first load may wait for Vite to bundle dependencies (a cold dev server): more time for it.
  await page.goto(path, { timeout: 60_000 });
  await signInButton.waitFor({ timeout: 60_000 });
  assert.equal((await currentSession(page, api)).user, null, 'nobody is signed in before the journey');
  assert.deepEqual(await authenticator.credentials(), [], 'the authenticator starts empty');

  // Sign up: a new account and its passkey.
  await page.getByRole('button', { name: 'Create an account' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Your name (optional)').fill(displayName);
  await page.getByRole('button', { name: 'Create a passkey' }).click();
  await expectScreen(page, signedIn(page, email), 'after sign-up');
  const afterSignUp = await currentSession(page, api);
  assert.equal(afterSignUp.user?.identifier, email, 'the backend has the new user signed in');
  assert.equal(afterSignUp.user.displayName, displayName);
  const stored = await authenticator.credentials();
  assert.equal(stored.length, 1, 'the authenticator holds one passkey');
  const [credential] = stored;
  assert.ok(credential?.isResidentCredential, 'the passkey is discoverable');
  const account = await currentAccount(page, api);
  assert.deepEqual(account.passkeys.map((passkey) => passkey.id), [credential.credentialId], 'the backend stored the same passkey');

  if (reload) {
    await page.reload();
    await expectScreen(page, signedIn(page, email), 'after a reload');
    assert.equal((await currentSession(page, api)).user?.id, afterSignUp.user.id, 'the session outlives the reload');
  }

  // Sign out: back to the sign-in form, and the backend agrees.
  await signOutButton(page).click();
  await expectScreen(page, signInButton, 'after sign-out');
  assert.equal(await signedIn(page, email).count(), 0, 'the signed-in view is gone');
  assert.equal((await currentSession(page, api)).user, null, 'the backend ended the session');

  // Sign in again, with the passkey, no email typed.
  await signInButton.click();
  await expectScreen(page, signedIn(page, email), 'after sign-in');
  const afterSignIn = await currentSession(page, api);
  assert.equal(afterSignIn.user?.id, afterSignUp.user.id, 'the same account is signed in again');
  const [used] = await authenticator.credentials();
  assert.ok(used !== undefined && used.signCount > credential.signCount, 'the passkey signed the sign-in');

  return { email, userId: afterSignUp.user.id, credentialId: credential.credentialId };
}

/**
 * Deletes the signed-in account from `<passkey-profile>` (its "Delete account" button and the
 * confirmation), and checks that the page is back at the login and the backend knows the account no more.
 */
export async function deleteAccount(page: Page, { api = '/api/passkeys' }: { api?: string } = {}): Promise<void> {
  await page.getByRole('button', { name: 'Delete account' }).click();
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await expectScreen(page, page.getByRole('button', { name: 'Sign in with a passkey' }), 'after deleting the account');
  assert.equal((await currentSession(page, api)).user, null, 'nobody is signed in after the deletion');
  assert.equal((await page.request.get(`${api}/account`)).status(), 401, 'the account is gone with its session');
}

/**
 * Waits for the screen a step should lead to; when the page shows an alert (the elements' error
 * screens and messages) instead, fails at once with its text rather than at the timeout.
 */
async function expectScreen(page: Page, expected: Locator, step: string): Promise<void> {
  // An empty alert says nothing (Next.js keeps one for its route announcements).
  const alert = page.getByRole('alert').filter({ hasText: /\S/ });
  await expected.or(alert).first().waitFor();
  if (await expected.isVisible()) return;
  throw new Error(`Expected ${expected} ${step}, but the page shows: ${(await alert.first().innerText()).trim()}`);
}

/** The backend's answer to "who is signed in", with the page's cookies. */
async function currentSession(page: Page, api: string): Promise<SessionAnswer> {
  const response = await page.request.get(`${api}/session`);
  assert.equal(response.status(), 200, `GET ${api}/session`);
  return (await response.json()) as SessionAnswer;
}

async function currentAccount(page: Page, api: string): Promise<AccountAnswer> {
  const response = await page.request.get(`${api}/account`);
  assert.equal(response.status(), 200, `GET ${api}/account`);
  return (await response.json()) as AccountAnswer;
}

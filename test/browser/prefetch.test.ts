// Options fetched before the click: one request after the user acts for every passkey flow, and
// never options that a ceremony already used, that expired, or that belong to another identifier.
// Requests are counted from the page's resource timing (apiRequests).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { PasskeyLogin } from '../../src/index.ts';
import type { PasskeyBackend, PublicKeyCredentialRequestOptionsJSON } from '../../src/core/backend.ts';
import { createRestBackend } from '../../src/core/rest-backend.ts';
import { LoginHarness, apiRequests, signOutEverywhere, uniqueEmail } from '../support/login-harness.ts';
import { mailedCode } from '../support/mail.ts';
import { VirtualAuthenticator } from '../support/webauthn.ts';

performance.setResourceTimingBufferSize(10_000);

/** Longer than the element waits after the last keystroke before it asks for options. */
const typingPause = 700;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The requests to `path` among `requests`. */
const countOf = (requests: string[], path: string) => requests.filter((request) => request.endsWith(path)).length;

/** Requests of the page to the one-challenge backend since `since`, relative to its base path. */
function latestRequests(since: number): string[] {
  return performance
    .getEntriesByType('resource')
    .filter((entry) => entry.startTime >= since && new URL(entry.name).pathname.startsWith('/latest-challenge/'))
    .map((entry) => new URL(entry.name).pathname.replace('/latest-challenge', ''));
}

async function signUpThenSignOut(displayName: string): Promise<string> {
  const setup = await LoginHarness.create({ mode: 'signup' });
  const identifier = await setup.signUp(uniqueEmail(), displayName);
  setup.element.remove();
  await signOutEverywhere();
  return identifier;
}

/** An account with a confirmed address (codes go only to those), made through the API, signed out. */
async function signUpWithConfirmedAddress(displayName: string): Promise<string> {
  const email = uniqueEmail();
  const api = '/api-verified/passkeys';
  const post = (path: string, body: object) => fetch(api + path, { method: 'POST', credentials: 'include', body: JSON.stringify(body) });
  const sent = Date.now();
  expect((await post('/register/code', { email, displayName })).status).to.equal(202);
  const { code } = await mailedCode(email, sent);
  expect((await post('/register/code/verify', { email, code, displayName })).status).to.equal(200);
  await signOutEverywhere();
  return email;
}

describe('<passkey-login> fetches options before the click', () => {
  let authenticator: VirtualAuthenticator;

  beforeEach(async () => {
    authenticator = await VirtualAuthenticator.add();
    await signOutEverywhere();
    await fetch('/latest-challenge/session', { method: 'DELETE', credentials: 'include' });
  });

  afterEach(async () => authenticator.remove());

  describe('with a server that keeps only the latest challenge of a browser', () => {
    it('signs in with the button right after a sign-up and a sign-out: the options of the page load are not reused', async () => {
      const started = performance.now();
      const login = await LoginHarness.create({ api: '/latest-challenge' });
      await waitUntil(() => countOf(latestRequests(started), '/login/options') === 1, 'expected the options prefetch');
      await login.signUp(uniqueEmail(), 'Ada Lovelace');
      await login.click('Sign out');
      await login.waitForHeading('Sign in');
      await login.click('Sign in with a passkey');
      await login.waitForHeading('Welcome, Ada Lovelace');
      expect(login.eventTypes()).to.deep.equal(['passkey-signed-up', 'passkey-signed-in', 'passkey-signed-out', 'passkey-signed-in']);
    });

    it('"Try again" after a failed sign-in signs fresh options, fetched before it is pressed', async () => {
      const login = await LoginHarness.create({ api: '/latest-challenge' });
      await login.signUp(uniqueEmail(), 'Grace Hopper');
      await login.click('Sign out');
      await login.waitForHeading('Sign in');
      await authenticator.setUserVerified(false);
      const clickedAt = performance.now();
      await login.click('Sign in with a passkey');
      await login.waitForHeading('Passkey not used');
      await authenticator.setUserVerified(true);
      // The click signed the options fetched for the form; the failure fetched the next ones.
      await waitUntil(() => countOf(latestRequests(clickedAt), '/login/options') === 1, 'expected fresh options after the failed ceremony');

      const retriedAt = performance.now();
      await login.click('Try again');
      await login.waitForHeading('Welcome, Grace Hopper');
      expect(latestRequests(retriedAt)).to.deep.equal(['/login/verify']);
    });

    it('identifier-first right after the button failed: the typed identifier\'s options, not the button\'s', async () => {
      const setup = await LoginHarness.create({ api: '/latest-challenge', mode: 'signup' });
      const identifier = await setup.signUp(uniqueEmail(), 'Katherine Johnson');
      await setup.click('Sign out');
      setup.element.remove();
      const login = await LoginHarness.create({ api: '/latest-challenge' });
      await login.fill('Email', identifier);
      await sleep(typingPause);
      await login.click('Continue');
      await login.waitForHeading('Welcome, Katherine Johnson');
    });
  });

  it('identifier-first: one options request per plausible identifier while typing, none for partial input, only the verification after the click', async () => {
    const identifier = await signUpThenSignOut('Mary Jackson');
    const login = await LoginHarness.create();
    await waitUntil(() => apiRequests(login.createdAt).some((path) => path.endsWith('/login/options')), 'expected the usernameless prefetch');
    await sleep(100);
    const typingFrom = performance.now();
    for (const partial of ['m', identifier.slice(0, identifier.indexOf('@') + 1), identifier.slice(0, identifier.indexOf('.'))]) {
      await login.fill('Email', partial);
      await sleep(typingPause);
    }
    expect(apiRequests(typingFrom), 'nothing for partial input').to.deep.equal([]);

    // Another address first, then the right one; typed again, the right one is not asked for twice.
    await login.fill('Email', uniqueEmail());
    await sleep(typingPause);
    await login.fill('Email', identifier);
    await sleep(typingPause);
    await login.fill('Email', ` ${identifier} `);
    await sleep(typingPause);
    expect(apiRequests(typingFrom)).to.deep.equal(['/api/passkeys/login/options', '/api/passkeys/login/options']);

    const clickedAt = performance.now();
    await login.click('Continue');
    await login.waitForHeading('Welcome, Mary Jackson');
    expect(apiRequests(clickedAt)).to.deep.equal(['/api/passkeys/login/verify']);
  });

  it('identifier-first: a click before the pause after typing fetches the options itself, once', async () => {
    const identifier = await signUpThenSignOut('Dorothy Vaughan');
    const login = await LoginHarness.create();
    await waitUntil(() => apiRequests(login.createdAt).some((path) => path.endsWith('/login/options')), 'expected the usernameless prefetch');
    await sleep(100);
    const clickedAt = performance.now();
    await login.fill('Email', identifier);
    await login.click('Continue');
    await login.waitForHeading('Welcome, Dorothy Vaughan');
    await sleep(typingPause);
    expect(apiRequests(clickedAt)).to.deep.equal(['/api/passkeys/login/options', '/api/passkeys/login/verify']);
  });

  it('sign-up: no sign-in options at load, registration options once the form holds a valid identifier, again when the name changes, only the verification after the click', async () => {
    const started = performance.now();
    const login = await LoginHarness.create({ mode: 'signup' });
    await sleep(typingPause);
    expect(apiRequests(started), 'only the session check at load').to.deep.equal(['/api/passkeys/session']);

    const typingFrom = performance.now();
    const email = uniqueEmail();
    await login.fill('Email', email.slice(0, 6));
    await sleep(typingPause);
    expect(apiRequests(typingFrom), 'nothing for a partial address').to.deep.equal([]);
    await login.fill('Email', email);
    await sleep(typingPause);
    await login.fill('Your name (optional)', 'Ada');
    await sleep(typingPause);
    await login.fill('Your name (optional)', 'Ada Lovelace');
    await sleep(typingPause);
    expect(apiRequests(typingFrom)).to.deep.equal(['/api/passkeys/register/options', '/api/passkeys/register/options', '/api/passkeys/register/options']);

    const clickedAt = performance.now();
    await login.click('Create a passkey');
    await login.waitForHeading('Welcome, Ada Lovelace');
    expect(apiRequests(clickedAt)).to.deep.equal(['/api/passkeys/register/verify']);
    expect(login.eventTypes()).to.deep.equal(['passkey-signed-up', 'passkey-signed-in']);
  });

  it('usernameless options are dropped once they expire and fetched again, so the button still costs one request', async () => {
    await signUpThenSignOut('Annie Easley');
    const rest = createRestBackend('/api/passkeys');
    const shortLived: PasskeyBackend = {
      ...rest,
      // The server's challenge lives five minutes; these options say one second, so the element treats them as expiring then.
      loginOptions: async (input, options) => ({ ...(await rest.loginOptions(input, options)), timeout: 1_000 } satisfies PublicKeyCredentialRequestOptionsJSON),
    };
    const started = performance.now();
    const login = await LoginHarness.create({ backend: shortLived });
    await waitUntil(() => countOf(apiRequests(started), '/login/options') >= 3, 'expected the options to be fetched again as they expire', { timeout: 5_000 });

    const clickedAt = performance.now();
    await login.click('Sign in with a passkey');
    await login.waitForHeading('Welcome, Annie Easley');
    expect(apiRequests(clickedAt)).to.deep.equal(['/api/passkeys/login/verify']);
  });

  it('the form is there and usable at first render, while the session check is still on its way', async () => {
    await signUpThenSignOut('Evelyn Boyd');
    const rest = createRestBackend('/api/passkeys');
    const calls: string[] = [];
    let answerSession: () => void = () => {};
    const sessionHeld = new Promise<void>((resolve) => (answerSession = resolve));
    const slowSession: PasskeyBackend = {
      ...rest,
      currentUser: async (options) => (calls.push('currentUser'), await sessionHeld, rest.currentUser(options)),
      loginOptions: async (input, options) => (calls.push('loginOptions'), rest.loginOptions(input, options)),
    };
    const element = await fixture<PasskeyLogin>(html`<passkey-login no-autofill .backend=${slowSession}></passkey-login>`);
    const login = new LoginHarness(element);
    expect(login.heading(), 'the first render').to.equal('Sign in');
    expect(login.button('Sign in with a passkey').disabled).to.equal(false);
    await sleep(200);
    // The sign-in options wait for the session check (an open session would leave them unused)...
    expect(calls).to.deep.equal(['currentUser']);

    // ...but a click does not: it fetches them itself.
    await login.click('Sign in with a passkey');
    await login.waitForHeading('Welcome, Evelyn Boyd');
    answerSession();
    await sleep(200);
    expect(calls).to.deep.equal(['currentUser', 'loginOptions']);
    expect(login.eventTypes()).to.deep.equal(['passkey-signed-in']);
  });

  it('a session found open after the form was drawn replaces the untouched form', async () => {
    const setup = await LoginHarness.create({ mode: 'signup' });
    await setup.signUp(uniqueEmail(), 'Ada Lovelace');
    setup.element.remove();
    const element = await fixture<PasskeyLogin>(html`<passkey-login api="/api/passkeys" no-autofill></passkey-login>`);
    const login = new LoginHarness(element);
    expect(login.heading(), 'the first render').to.equal('Sign in');
    await login.waitForHeading('Welcome, Ada Lovelace');
    expect((login.events[0]?.detail as { restored?: boolean }).restored).to.equal(true);
  });

  it('email code sign-in: two requests after the user acts, the code sent and the code checked', async () => {
    const identifier = await signUpWithConfirmedAddress('Ada Lovelace');
    const login = await LoginHarness.create();
    await waitUntil(() => apiRequests(login.createdAt).some((path) => path.endsWith('/login/options')), 'expected the usernameless prefetch');
    await sleep(100);
    // The explicit passkey prompt after the code, rather than a passkey saved without asking (a third request).
    const { getClientCapabilities } = PublicKeyCredential;
    PublicKeyCredential.getClientCapabilities = async () => ({ ...(await getClientCapabilities.call(PublicKeyCredential)), conditionalCreate: false });
    try {
      const actedAt = performance.now();
      const sent = Date.now();
      await login.click('Email me a code');
      await login.waitForHeading('Sign in with a code');
      await login.fill('Email', identifier);
      await login.click('Send code');
      await login.waitForHeading('Check your email');
      const { code } = await mailedCode(identifier, sent);
      await login.enterCode(code);
      await login.waitForHeading('Create a passkey for this device');
      expect(apiRequests(actedAt)).to.deep.equal(['/api/passkeys/login/code', '/api/passkeys/login/code/verify']);
    } finally {
      PublicKeyCredential.getClientCapabilities = getClientCapabilities;
    }
  });
});

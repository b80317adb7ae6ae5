// <passkey-login> is never stuck: ceremonies that never settle, a network that goes away, rate
// limits, double clicks, an element taken off the page, a window that regains focus, and
// identifier-first sign-in on a device without the account's passkey. Real Chromium, the virtual
// authenticator, the reference server.
import { expect, waitUntil } from '@open-wc/testing';
import { LoginHarness, apiRequests, signOutEverywhere, uniqueEmail } from '../support/login-harness.ts';
import { countCeremonies } from '../support/ceremonies.ts';
import { mailedCode } from '../support/mail.ts';
import { dropRequestsTo, restoreNetwork } from '../support/network.ts';
import { VirtualAuthenticator } from '../support/webauthn.ts';

performance.setResourceTimingBufferSize(10_000);

/** Signs up through the element and signs out again: an account whose passkey is on this authenticator. */
async function accountWithPasskey(displayName = 'Ada Lovelace'): Promise<string> {
  const setup = await LoginHarness.create({ mode: 'signup' });
  const identifier = await setup.signUp(uniqueEmail(), displayName);
  await setup.element.signOut();
  setup.element.remove();
  return identifier;
}

/**
 * Signs up on the server that confirms the address first (same accounts as `/api/passkeys`), and
 * signs out: an account with a passkey on this authenticator and an address codes go to.
 */
async function accountWithConfirmedEmail(displayName: string): Promise<string> {
  const setup = await LoginHarness.create({ api: '/api-verified/passkeys', mode: 'signup' });
  const email = uniqueEmail();
  await setup.fill('Email', email);
  await setup.fill('Your name (optional)', displayName);
  const sent = Date.now();
  await setup.click('Create a passkey');
  await setup.waitForHeading('Check your email');
  await setup.enterCode((await mailedCode(email, sent)).code);
  await setup.waitForHeading('Create a passkey for this device');
  await setup.click('Create a passkey');
  await setup.waitForHeading(`Welcome, ${displayName}`);
  await setup.element.signOut();
  setup.element.remove();
  return email;
}

/** Waits until the element has fetched its usernameless options, so that a click costs no request but verify. */
async function optionsFetched(login: LoginHarness): Promise<void> {
  await waitUntil(() => apiRequests(login.createdAt).includes('/api/passkeys/login/options'), 'expected the options to be fetched');
}

/** The `Retry-After` seconds of `/busy/*` (test-backends.ts). */
const busySeconds = 2;

describe('<passkey-login> is never stuck', () => {
  let authenticator: VirtualAuthenticator;

  beforeEach(async () => {
    authenticator = await VirtualAuthenticator.add();
    await signOutEverywhere();
  });

  afterEach(async () => {
    await restoreNetwork();
    await authenticator.remove();
  });

  describe('a ceremony that never settles', () => {
    it('Cancel aborts the waiting passkey request; trying again signs in, and "Email me a code" sends a code', async () => {
      const identifier = await accountWithConfirmedEmail('Ada Lovelace');
      await authenticator.setPresence(false);
      const login = await LoginHarness.create();
      const ceremonies = countCeremonies();
      try {
        await login.click('Sign in with a passkey');
        await login.waitForHeading('Sign in with your passkey');
        await waitUntil(() => ceremonies.calls.length === 1, 'expected the passkey request');

        await login.click('Cancel');
        expect(login.heading()).to.equal('Sign in');
        await waitUntil(() => ceremonies.calls[0]!.outcome === 'AbortError', `the request ended as ${ceremonies.calls[0]!.outcome}`);
        expect(login.events, 'cancelling is no error').to.deep.equal([]);

        await authenticator.setPresence(true);
        await login.click('Sign in with a passkey');
        await login.waitForHeading('Welcome, Ada Lovelace');
        await login.element.signOut();

        // The other way out of a passkey that never answers: a code to the address typed.
        await authenticator.setPresence(false);
        await login.click('Sign in with a passkey');
        await login.waitForHeading('Sign in with your passkey');
        await login.click('Cancel');
        await login.fill('Email', identifier);
        const sent = Date.now();
        await login.click('Email me a code');
        await login.waitForHeading('Check your email');
        expect((await mailedCode(identifier, sent)).code).to.match(/^\d{6}$/);
      } finally {
        ceremonies.restore();
      }
    });

    it('a passkey request the browser never ends, not even when aborted: Cancel frees the screen and trying again works', async () => {
      await accountWithPasskey('Grace Hopper');
      const login = await LoginHarness.create();
      await optionsFetched(login);
      // As some mobile browsers have done: the sheet never answers, and the abort signal is ignored.
      const ceremonies = countCeremonies({ hang: 1 });
      try {
        await login.click('Sign in with a passkey');
        await login.waitForHeading('Sign in with your passkey');
        await login.click('Cancel');
        expect(login.heading()).to.equal('Sign in');
        expect(ceremonies.calls[0]!.outcome, 'the first request never settled').to.equal(undefined);

        await login.click('Sign in with a passkey');
        await login.waitForHeading('Welcome, Grace Hopper');
        expect(ceremonies.calls).to.have.length(2);
        expect(login.eventTypes()).to.deep.equal(['passkey-signed-in']);
      } finally {
        ceremonies.restore();
      }
    });
  });

  describe('the network goes away mid-flow', () => {
    it('between options and verify of identifier-first sign-in: "Cannot reach the server", then Try again signs in', async () => {
      const identifier = await accountWithPasskey('Katherine Johnson');
      const login = await LoginHarness.create();
      await optionsFetched(login);
      // From the typing on: the options for the identifier may come while it is typed or on the click.
      const typed = performance.now();
      await login.fill('Email', identifier);
      await dropRequestsTo('/login/verify');
      await login.click('Continue');
      await login.waitForHeading('No connection');
      expect(login.alert()).to.equal('Cannot reach the server. Check your connection and try again.');
      expect((login.events[0]?.detail as { code: string }).code).to.equal('network');
      expect(login.buttonNames()).to.deep.equal(['Try again', 'Back']);
      await expect(login.element).to.be.accessible();

      await restoreNetwork();
      const retried = performance.now();
      await login.click('Try again');
      await login.waitForHeading('Welcome, Katherine Johnson');
      // A new challenge, fetched once the attempt failed (the first one may have reached the server before the answer was lost).
      expect(apiRequests(typed).filter((path) => path.endsWith('/login/options')), 'the first attempt\'s options and those for Try again').to.have.length(2);
      expect(apiRequests(retried)).to.deep.equal(['/api/passkeys/login/verify']);
    });

    it('during sign-up, after the passkey was made: the typed values stay, and Try again creates the account', async () => {
      const login = await LoginHarness.create({ mode: 'signup' });
      const identifier = uniqueEmail();
      await login.fill('Email', identifier);
      await login.fill('Your name (optional)', 'Mary Jackson');
      await dropRequestsTo('/register/verify');
      await login.click('Create a passkey');
      await login.waitForHeading('No connection');
      expect(login.alert()).to.equal('Cannot reach the server. Check your connection and try again.');

      await restoreNetwork();
      await login.click('Try again');
      await login.waitForHeading('Welcome, Mary Jackson');
      expect(login.eventTypes()).to.deep.equal(['passkey-error', 'passkey-signed-up', 'passkey-signed-in']);
    });

    it('before the options arrive: the button says so, Back leads to a working form', async () => {
      await accountWithPasskey('Dorothy Vaughan');
      await dropRequestsTo('/login/options');
      const login = await LoginHarness.create();
      await login.click('Sign in with a passkey');
      await login.waitForHeading('No connection');
      expect(login.alert()).to.equal('Cannot reach the server. Check your connection and try again.');
      await restoreNetwork();
      await login.click('Back');
      await login.click('Sign in with a passkey');
      await login.waitForHeading('Welcome, Dorothy Vaughan');
    });
  });

  describe('429 rate-limited', () => {
    it('a code request over the server\'s limit: the wait counts down, Send code re-enables itself and then sends', async () => {
      const login = await LoginHarness.create({ api: '/api-limited/passkeys' });
      await login.click('Email me a code');
      await login.waitForHeading('Sign in with a code');
      await login.fill('Email', uniqueEmail());
      await login.click('Send code');
      await login.waitForHeading('Check your email');
      await login.click('Use a different email');
      // The server counts one code request per client in four seconds: the second is refused.
      const email = uniqueEmail();
      await login.fill('Email', email);
      await login.click('Send code');
      await waitUntil(() => /You can try again in \d+ seconds?\./.test(login.root.textContent ?? ''), 'expected the wait');
      expect(login.alert()).to.equal('Too many requests. Please wait a moment and try again.');
      expect(login.button('Send code').disabled).to.equal(true);
      const first = secondsShown(login);
      await waitUntil(() => secondsShown(login) < first, 'the wait counts down', { timeout: 3_000 });

      await waitUntil(() => !login.button('Send code').disabled, 'Send code re-enables itself', { timeout: 6_000 });
      expect(login.root.textContent).not.to.match(/You can try again in/);
      // The server answers an address without an account as it answers any other, and mails nothing.
      await login.click('Send code');
      await login.waitForHeading('Check your email');
      expect(login.root.textContent).to.contain(`We sent a code to ${email}.`);
    });

    it('a passkey sign-in over the reference server\'s ceremony limit: the wait is shown, then Try again reaches the authenticator', async () => {
      // The server counts three ceremony requests per client in four seconds; use them up.
      const throttled = '/api-throttled/passkeys/login/options';
      let answer: Response;
      do {
        answer = await fetch(throttled, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      } while (answer.status === 200);
      expect(answer.status).to.equal(429);

      const ceremonies = countCeremonies();
      try {
        const login = await LoginHarness.create({ api: '/api-throttled/passkeys' });
        await login.click('Sign in with a passkey');
        await login.waitForHeading('Too many attempts');
        expect(login.alert()).to.equal('Too many requests. Please wait a moment and try again.');
        expect(login.root.textContent).to.match(/You can try again in \d+ seconds?\./);
        expect(login.button('Try again').disabled).to.equal(true);
        expect(ceremonies.calls.filter((call) => !call.conditional), 'no passkey sheet while over the limit').to.deep.equal([]);

        await waitUntil(() => !login.button('Try again').disabled, 'Try again re-enables itself', { timeout: 7_000 });
        await login.click('Try again');
        await waitUntil(() => ceremonies.calls.some((call) => !call.conditional), 'the retry gets options and asks the authenticator');
      } finally {
        ceremonies.restore();
      }
    });

    for (const way of ['passkey button', 'identifier-first', 'sign-up'] as const) {
      it(`a 429 to the ${way}: the wait is shown, Try again waits for it and then asks the server again`, async () => {
        const login = await LoginHarness.create({ api: '/busy/passkeys', mode: way === 'sign-up' ? 'signup' : 'signin' });
        if (way !== 'passkey button') await login.fill('Email', uniqueEmail());
        await login.click(way === 'passkey button' ? 'Sign in with a passkey' : way === 'sign-up' ? 'Create a passkey' : 'Continue');
        await login.waitForHeading('Too many attempts');
        expect(login.alert()).to.equal('Too many requests. Please wait a moment and try again.');
        expect(login.root.textContent).to.contain(`You can try again in ${busySeconds} seconds.`);
        expect(login.button('Try again').disabled).to.equal(true);
        expect((login.events[0]?.detail as { code: string }).code).to.equal('rate-limited');
        await expect(login.element).to.be.accessible();

        const waited = performance.now();
        login.button('Try again').click();
        await waitUntil(() => !login.button('Try again').disabled, 'Try again re-enables itself', { timeout: (busySeconds + 2) * 1000 });
        expect(busyRequests(waited), 'a click while waiting asks nothing').to.deep.equal([]);
        expect(login.root.textContent).not.to.match(/You can try again in/);

        const retried = performance.now();
        await login.click('Try again');
        await waitUntil(() => busyRequests(retried).length === 1, 'Try again asks the server again');
        await waitUntil(() => login.button('Try again').disabled, 'and shows the new wait');
      });
    }
  });

  describe('two clicks in a row start one ceremony', () => {
    it('the passkey button: one passkey request, one verify', async () => {
      await accountWithPasskey();
      const login = await LoginHarness.create();
      await optionsFetched(login);
      const ceremonies = countCeremonies();
      try {
        const clicked = performance.now();
        const button = login.button('Sign in with a passkey');
        button.click();
        button.click();
        await login.waitForEvent('passkey-signed-in');
        expect(ceremonies.calls.map((call) => call.kind)).to.deep.equal(['get']);
        expect(apiRequests(clicked)).to.deep.equal(['/api/passkeys/login/verify']);
        expect(login.eventTypes()).to.deep.equal(['passkey-signed-in']);
      } finally {
        ceremonies.restore();
      }
    });

    it('identifier-first submitted twice: one options request, one passkey request, one verify', async () => {
      const identifier = await accountWithPasskey();
      const login = await LoginHarness.create();
      await login.fill('Email', identifier);
      const ceremonies = countCeremonies();
      try {
        const submitted = performance.now();
        const form = login.root.querySelector<HTMLFormElement>('#sign-in-form')!;
        form.requestSubmit();
        form.requestSubmit();
        await login.waitForEvent('passkey-signed-in');
        expect(ceremonies.calls.map((call) => call.kind)).to.deep.equal(['get']);
        expect(apiRequests(submitted)).to.deep.equal(['/api/passkeys/login/options', '/api/passkeys/login/verify']);
      } finally {
        ceremonies.restore();
      }
    });

    it('sign-up submitted twice: one account, one passkey on the device', async () => {
      const login = await LoginHarness.create({ mode: 'signup' });
      await login.fill('Email', uniqueEmail());
      const ceremonies = countCeremonies();
      try {
        const submitted = performance.now();
        const form = login.root.querySelector<HTMLFormElement>('#sign-up-form')!;
        form.requestSubmit();
        form.requestSubmit();
        await login.waitForEvent('passkey-signed-in');
        expect(ceremonies.calls.map((call) => call.kind)).to.deep.equal(['create']);
        expect(apiRequests(submitted)).to.deep.equal(['/api/passkeys/register/options', '/api/passkeys/register/verify']);
        expect(await authenticator.credentials()).to.have.length(1);
      } finally {
        ceremonies.restore();
      }
    });
  });

  it('taken off the page mid-ceremony: the passkey request is aborted, nothing is fired or asked afterwards, and put back it works', async () => {
    await accountWithPasskey('Alan Turing');
    await authenticator.setPresence(false);
    const login = await LoginHarness.create();
    await optionsFetched(login);
    const ceremonies = countCeremonies();
    try {
      await login.click('Sign in with a passkey');
      await login.waitForHeading('Sign in with your passkey');
      await waitUntil(() => ceremonies.calls.length === 1, 'expected the passkey request');
      const parent = login.element.parentElement!;
      const removed = performance.now();
      login.element.remove();
      await waitUntil(() => ceremonies.calls[0]!.outcome === 'AbortError', `the request ended as ${ceremonies.calls[0]!.outcome}`);

      // Were the request still open, the authenticator would answer it now.
      await authenticator.setPresence(true);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(login.events).to.deep.equal([]);
      expect(apiRequests(removed)).to.deep.equal([]);
      expect(ceremonies.calls).to.have.length(1);

      parent.append(login.element);
      await login.element.updateComplete;
      expect(login.heading(), 'put back, it shows the form, not a request that is gone').to.equal('Sign in');
      await login.click('Sign in with a passkey');
      await login.waitForHeading('Welcome, Alan Turing');
      expect(login.eventTypes()).to.deep.equal(['passkey-signed-in']);
    } finally {
      ceremonies.restore();
    }
  });

  it('the window regaining focus or visibility restarts nothing: not a waiting ceremony, not the code screen', async () => {
    const identifier = await accountWithPasskey();
    await authenticator.setPresence(false);
    const login = await LoginHarness.create();
    await optionsFetched(login);
    const ceremonies = countCeremonies();
    try {
      await login.click('Sign in with a passkey');
      await login.waitForHeading('Sign in with your passkey');
      await waitUntil(() => ceremonies.calls.length === 1, 'expected the passkey request');
      const waiting = performance.now();
      await returnToWindow();
      await login.element.updateComplete;
      expect(login.heading()).to.equal('Sign in with your passkey');
      expect(ceremonies.calls, 'the same passkey request, still open').to.have.length(1);
      expect(ceremonies.calls[0]!.outcome).to.equal(undefined);
      expect(apiRequests(waiting)).to.deep.equal([]);
      await login.click('Cancel');

      await login.fill('Email', identifier);
      await login.click('Email me a code');
      await login.waitForHeading('Check your email');
      const onCodeScreen = performance.now();
      await returnToWindow();
      await login.element.updateComplete;
      expect(login.heading()).to.equal('Check your email');
      expect(apiRequests(onCodeScreen)).to.deep.equal([]);
      expect(login.eventTypes()).to.deep.equal([]);
    } finally {
      ceremonies.restore();
    }
  });

  it('identifier-first on a device without the account\'s passkey: no claim about the account, and a code, a new account or another try', async () => {
    // The passkey lives on another device: the server's options name a credential this one does not hold.
    const identifier = await accountWithConfirmedEmail('Hedy Lamarr');
    await authenticator.remove();
    authenticator = await VirtualAuthenticator.add();
    const login = await LoginHarness.create();
    await login.fill('Email', identifier);
    await login.click('Continue');
    await login.waitForHeading(`No passkey for ${identifier} on this device`);
    expect(login.status()).to.equal(
      'If you have an account, sign in with a code we email you, or try again and choose a passkey on another of your devices or on a security key. New here? Create an account.',
    );
    expect(login.buttonNames()).to.deep.equal(['Email me a code', 'Try again', 'Create an account', 'Back']);
    expect(login.events, 'a passkey not found here is no error').to.deep.equal([]);
    await expect(login.element).to.be.accessible();

    await login.click('Create an account');
    expect(login.heading()).to.equal('Create your account');
    expect(login.field('Email').value).to.equal(identifier);
    await login.click('Sign in');
    await login.fill('Email', identifier);
    await login.click('Continue');
    await login.waitForHeading(`No passkey for ${identifier} on this device`);

    const sent = Date.now();
    await login.click('Email me a code');
    await login.waitForHeading('Check your email');
    await login.enterCode((await mailedCode(identifier, sent)).code);
    await login.waitForEvent('passkey-signed-in');
    expect((login.events.at(-1)!.detail as { method: string }).method).to.equal('email-code');
  });
});

/** The seconds of the "You can try again in N seconds." line. */
function secondsShown(login: LoginHarness): number {
  return Number(/You can try again in (\d+)/.exec(login.root.textContent ?? '')?.[1] ?? NaN);
}

/** Requests to the always rate-limited `/busy/` API since `since`. */
function busyRequests(since: number): string[] {
  return performance.getEntriesByType('resource').filter((entry) => entry.startTime >= since && new URL(entry.name).pathname.startsWith('/busy/')).map((entry) => entry.name);
}

/** What a browser does when the user comes back to the tab: visibility, focus, pageshow. */
async function returnToWindow(): Promise<void> {
  document.dispatchEvent(new Event('visibilitychange'));
  window.dispatchEvent(new FocusEvent('focus'));
  window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
  await new Promise((resolve) => setTimeout(resolve, 300));
}

import { expect, waitUntil } from '@open-wc/testing';
import { LoginHarness, apiRequests, signOutEverywhere, uniqueEmail } from '../support/login-harness.ts';
import { VirtualAuthenticator } from '../support/webauthn.ts';

performance.setResourceTimingBufferSize(10_000);

describe('<passkey-login> against the reference backend', () => {
  let authenticator: VirtualAuthenticator;

  beforeEach(async () => {
    authenticator = await VirtualAuthenticator.add();
    await signOutEverywhere();
  });

  afterEach(async () => {
    await authenticator.remove();
  });

  it('signs up with a passkey: two requests, events with the user, a passkey on the device', async () => {
    const login = await LoginHarness.create({ mode: 'signup' });
    expect(login.heading()).to.equal('Create your account');
    await expect(login.element).to.be.accessible();
    const started = performance.now();

    const identifier = await login.signUp(uniqueEmail(), 'Ada Lovelace');

    expect(apiRequests(started)).to.deep.equal(['/api/passkeys/register/options', '/api/passkeys/register/verify']);
    expect(login.eventTypes()).to.deep.equal(['passkey-signed-up', 'passkey-signed-in']);
    const { user } = login.events[1]!.detail as { user: { id: string; identifier: string; displayName: string } };
    expect(user.identifier).to.equal(identifier);
    expect(user.displayName).to.equal('Ada Lovelace');
    expect(user.id).to.be.a('string').and.not.empty;
    expect(login.root.textContent).to.contain(`Signed in as ${identifier}`);
    await expect(login.element).to.be.accessible();

    const [credential] = await authenticator.credentials();
    expect(credential?.isResidentCredential).to.equal(true);
    expect(credential?.rpId).to.equal('localhost');
    // The user handle is random bytes, never the email.
    expect(atob(credential!.userHandle)).not.to.contain(identifier);

    const session = await (await fetch('/api/passkeys/session')).json();
    expect(session.user.identifier).to.equal(identifier);
  });

  it('signs in with the passkey button: one request after the click', async () => {
    const setup = await LoginHarness.create({ mode: 'signup' });
    const identifier = await setup.signUp();
    await setup.element.signOut();
    expect(setup.eventTypes()).to.include('passkey-signed-out');
    setup.element.remove();

    const login = await LoginHarness.create();
    expect(login.heading()).to.equal('Sign in');
    await expect(login.element).to.be.accessible();
    // Options are fetched before the click.
    await waitForRequest('/api/passkeys/login/options', login.createdAt);
    const clicked = performance.now();
    await login.click('Sign in with a passkey');
    const signedIn = await login.waitForEvent('passkey-signed-in');

    expect((signedIn.detail as { user: { identifier: string } }).user.identifier).to.equal(identifier);
    expect(apiRequests(clicked)).to.deep.equal(['/api/passkeys/login/verify']);
    expect(login.heading()).to.equal('Welcome, Ada Lovelace');
    const [credential] = await authenticator.credentials();
    expect(credential?.signCount).to.be.greaterThan(1);
  });

  it('passkey-signed-in is cancelable: preventDefault() stays on the page instead of following redirect', async () => {
    // A fragment as the redirect: following it changes the hash without leaving the test page.
    history.replaceState(null, '', location.pathname + location.search);
    const setup = await LoginHarness.create({ mode: 'signup' });
    setup.element.redirect = '#welcome';
    const seen: CustomEvent[] = [];
    setup.element.addEventListener('passkey-signed-in', (event) => {
      seen.push(event);
      event.preventDefault();
    });
    await setup.signUp();
    expect(seen).to.have.length(1);
    expect(seen[0]!.cancelable).to.equal(true);
    expect(seen[0]!.defaultPrevented).to.equal(true);
    expect(location.hash, 'the redirect was not followed').to.equal('');
    await setup.element.signOut();
    setup.element.remove();

    const login = await LoginHarness.create();
    login.element.redirect = '#welcome';
    await waitForRequest('/api/passkeys/login/options', login.createdAt);
    await login.click('Sign in with a passkey');
    await login.waitForEvent('passkey-signed-in');
    expect(location.hash, 'without preventDefault() the redirect is followed').to.equal('#welcome');
    history.replaceState(null, '', location.pathname + location.search);
  });

  it('signs in identifier-first: an existing account uses its passkeys', async () => {
    const setup = await LoginHarness.create({ mode: 'signup' });
    const identifier = await setup.signUp(uniqueEmail(), 'Grace Hopper');
    await setup.element.signOut();
    setup.element.remove();

    const login = await LoginHarness.create();
    await login.fill('Email', `  ${identifier.toUpperCase()} `);
    const started = performance.now();
    await login.click('Continue');
    await login.waitForHeading('Welcome, Grace Hopper');
    expect(apiRequests(started)).to.deep.equal(['/api/passkeys/login/options', '/api/passkeys/login/verify']);
    expect(login.eventTypes()).to.deep.equal(['passkey-signed-in']);
  });

  it('works with usernames instead of email addresses', async () => {
    const username = `grace_${crypto.randomUUID().slice(0, 6)}`;
    const setup = await LoginHarness.create({ mode: 'signup', identifier: 'username' });
    expect(setup.field('Username').type).to.equal('text');
    await setup.fill('Username', username);
    await setup.click('Create a passkey');
    await setup.waitForHeading(`Welcome, ${username}`);
    await setup.element.signOut();
    setup.element.remove();

    const login = await LoginHarness.create({ identifier: 'username' });
    await login.fill('Username', username.toUpperCase());
    await login.click('Continue');
    await login.waitForHeading(`Welcome, ${username}`);
    expect((login.events[0]?.detail as { user: { identifier: string } }).user.identifier).to.equal(username);
  });

  it('offers account creation for an unknown identifier and keeps what was typed', async () => {
    const login = await LoginHarness.create();
    const identifier = uniqueEmail();
    await login.fill('Email', identifier);
    await login.click('Continue');
    await login.waitForHeading('Create your account');
    expect(login.status()).to.contain(`There is no account for ${identifier} yet`);
    expect(login.field('Email').value).to.equal(identifier);
    await expect(login.element).to.be.accessible();

    await login.fill('Your name (optional)', 'Katherine Johnson');
    await login.click('Create a passkey');
    await login.waitForHeading('Welcome, Katherine Johnson');
    expect(login.eventTypes()).to.deep.equal(['passkey-signed-up', 'passkey-signed-in']);
  });

  it('signs in by autofill: one request after the pick', async () => {
    const setup = await LoginHarness.create({ mode: 'signup' });
    const identifier = await setup.signUp(uniqueEmail(), 'Mary Jackson');
    await setup.element.signOut();
    setup.element.remove();
    const before = performance.now();

    // The virtual authenticator answers a conditional request at once, as if the user picked the passkey.
    const login = await LoginHarness.create({ autofill: true });
    const signedIn = await login.waitForEvent('passkey-signed-in');
    expect((signedIn.detail as { user: { identifier: string } }).user.identifier).to.equal(identifier);
    // The session check at start, then the prefetched options autofill uses, then the one request after the pick.
    expect(apiRequests(before)).to.deep.equal(['/api/passkeys/session', '/api/passkeys/login/options', '/api/passkeys/login/verify']);
    expect(login.heading()).to.equal('Welcome, Mary Jackson');
  });

  it('a click while the options are still loading is not cancelled by autofill', async () => {
    const setup = await LoginHarness.create({ mode: 'signup' });
    await setup.signUp(uniqueEmail(), 'Alan Turing');
    await setup.element.signOut();
    setup.element.remove();

    const { createRestBackend } = await import('../../src/index.ts');
    const rest = createRestBackend('/api/passkeys');
    const slowOptions = { ...rest, loginOptions: async (...args: Parameters<typeof rest.loginOptions>) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      return rest.loginOptions(...args);
    } };
    const login = await LoginHarness.create({ autofill: true, backend: slowOptions });
    await login.click('Sign in with a passkey');
    await login.waitForHeading('Welcome, Alan Turing');
    expect(login.eventTypes()).to.deep.equal(['passkey-signed-in']);
  });

  it('restarts autofill after a failure', async () => {
    const login = await LoginHarness.create({ autofill: true });
    // No passkey yet: autofill ends quietly, the form stays usable.
    expect(login.heading()).to.equal('Sign in');
    expect(login.field('Email').getAttribute('autocomplete')).to.equal('username webauthn');
    await login.signUp(uniqueEmail(), 'Dorothy Vaughan');
    await login.element.signOut();
    // Back on the sign-in form, autofill starts again and finds the new passkey.
    await login.waitForHeading('Welcome, Dorothy Vaughan');
    expect(login.eventTypes().filter((type) => type === 'passkey-signed-in')).to.have.length(2);
  });

  it('cancel while waiting for the authenticator returns to the form with nothing lost', async () => {
    await authenticator.setPresence(false);
    const login = await LoginHarness.create({ mode: 'signup' });
    await login.fill('Email', 'patient@example.com');
    await login.click('Create a passkey');
    await login.waitForHeading('Create your passkey');
    expect(login.status()).to.equal('Your device will ask for your fingerprint, face or screen lock.');
    await expect(login.element).to.be.accessible();

    await login.click('Cancel');
    expect(login.heading()).to.equal('Create your account');
    expect(login.field('Email').value).to.equal('patient@example.com');
    expect(login.events).to.deep.equal([]);

    // And the next attempt works.
    await authenticator.setPresence(true);
    await login.click('Create a passkey');
    await login.waitForHeading('Welcome, patient@example.com');
  });

  it('user verification failing shows a calm "try again" screen, and trying again works', async () => {
    const setup = await LoginHarness.create({ mode: 'signup' });
    await setup.signUp(uniqueEmail(), 'Ada');
    await setup.element.signOut();
    setup.element.remove();

    await authenticator.setUserVerified(false);
    const login = await LoginHarness.create();
    await login.click('Sign in with a passkey');
    await login.waitForHeading('Passkey not used');
    expect(login.buttonNames()).to.deep.equal(['Try again', 'Email me a code', 'Back']);
    expect(login.root.querySelector('[role="alert"]')).to.equal(null);
    expect(login.events).to.deep.equal([]);
    await expect(login.element).to.be.accessible();

    await authenticator.setUserVerified(true);
    await login.click('Try again');
    await login.waitForHeading('Welcome, Ada');
  });

  it('says so when this device already has a passkey for the account', async () => {
    const setup = await LoginHarness.create({ mode: 'signup' });
    await setup.signUp();
    const [existing] = await authenticator.credentials();
    // Signed out: a login finding the session open would show the signed-in screen, not the form.
    await setup.element.signOut();
    setup.element.remove();

    // A backend that excludes the passkey this authenticator holds, as adding a passkey to an account does.
    const { createRestBackend } = await import('../../src/index.ts');
    const rest = createRestBackend('/api/passkeys');
    const backend = {
      ...rest,
      async registrationOptions(...args: Parameters<typeof rest.registrationOptions>) {
        const options = await rest.registrationOptions(...args);
        return { ...options, excludeCredentials: [{ id: existing!.credentialId.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''), type: 'public-key' as const }] };
      },
    };
    const login = await LoginHarness.create({ mode: 'signup', backend });
    await login.fill('Email', uniqueEmail());
    await login.click('Create a passkey');
    await login.waitForHeading('You already have a passkey here');
    expect(login.alert()).to.equal('This device already has a passkey for this account. Sign in with it instead.');
    const error = await login.waitForEvent('passkey-error');
    expect((error.detail as { code: string }).code).to.equal('passkey-exists');
    expect(login.buttonNames()).to.deep.equal(['Sign in', 'Back']);
    expect(await authenticator.credentials()).to.have.length(1);
  });

  it('shows "identifier taken" on the sign-up form, with the typed values kept', async () => {
    const setup = await LoginHarness.create({ mode: 'signup' });
    const identifier = await setup.signUp();
    await setup.element.signOut();
    setup.element.remove();

    const login = await LoginHarness.create({ mode: 'signup' });
    await login.fill('Email', identifier);
    await login.fill('Your name (optional)', 'Someone Else');
    await login.click('Create a passkey');
    await login.waitForHeading('Create your account');
    await waitForAlert(login, 'An account with this email address already exists. Sign in instead.');
    expect(login.field('Email').getAttribute('aria-invalid')).to.equal('true');
    expect(login.field('Your name (optional)').value).to.equal('Someone Else');
    await expect(login.element).to.be.accessible();
  });
});

describe('<passkey-login> with a backend we did not write, by configuration alone', () => {
  let authenticator: VirtualAuthenticator;
  beforeEach(async () => (authenticator = await VirtualAuthenticator.add()));
  afterEach(async () => authenticator.remove());

  it('signs up and in through GET options endpoints and { verified } answers', async () => {
    const { createRestBackend } = await import('../../src/index.ts');
    const backend = createRestBackend({
      baseUrl: '/foreign',
      endpoints: {
        registrationOptions: { path: '/generate-registration-options', method: 'GET' },
        verifyRegistration: { path: '/verify-registration' },
        loginOptions: { path: '/generate-authentication-options', method: 'GET' },
        verifyLogin: { path: '/verify-authentication' },
      },
    });
    const signUp = await LoginHarness.create({ mode: 'signup', backend });
    const identifier = uniqueEmail();
    await signUp.fill('Email', identifier);
    await signUp.click('Create a passkey');
    await signUp.waitForHeading(`Welcome, ${identifier}`);
    expect(signUp.eventTypes()).to.deep.equal(['passkey-signed-up', 'passkey-signed-in']);
    signUp.element.remove();

    const signIn = await LoginHarness.create({ backend });
    await signIn.click('Sign in with a passkey');
    const signedIn = await signIn.waitForEvent('passkey-signed-in');
    const [credential] = await authenticator.credentials();
    // No user in the answer: the user id is the passkey's user handle.
    expect((signedIn.detail as { user: { id: string } }).user.id).to.equal(credential!.userHandle.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
    expect(signIn.heading()).to.equal('You are signed in');
  });
});

describe('<passkey-login> when the backend fails', () => {
  let authenticator: VirtualAuthenticator;
  beforeEach(async () => (authenticator = await VirtualAuthenticator.add()));
  afterEach(async () => authenticator.remove());

  it('server down: a clear message and a way back', async () => {
    // Nothing listens on port 9: fetch fails as it does when the network is down.
    const login = await LoginHarness.create({ api: 'http://localhost:9/api/passkeys' });
    await login.click('Sign in with a passkey');
    await login.waitForHeading('No connection');
    expect(login.alert()).to.equal('Cannot reach the server. Check your connection and try again.');
    expect((login.events[0]?.detail as { code: string }).code).to.equal('network');
    await expect(login.element).to.be.accessible();
    await login.click('Back');
    expect(login.heading()).to.equal('Sign in');
  });

  it('server answering garbage: "unexpected answer", not a crash', async () => {
    const login = await LoginHarness.create({ api: '/garbage/passkeys', mode: 'signup' });
    await login.fill('Email', uniqueEmail());
    await login.click('Create a passkey');
    await login.waitForHeading('Unexpected answer');
    expect(login.alert()).to.equal('The server sent an unexpected answer. Please try again later.');
    expect((login.events[0]?.detail as { code: string }).code).to.equal('bad-response');
    await login.click('Back');
    expect(login.field('Email').value).to.contain('@example.com');
  });

  it('server error: "the server had a problem"', async () => {
    const login = await LoginHarness.create({ api: '/broken/passkeys' });
    await login.fill('Email', uniqueEmail());
    await login.click('Continue');
    await login.waitForHeading('Server problem');
    expect(login.alert()).to.equal('The server had a problem. Please try again in a moment.');
    expect((login.events[0]?.detail as { code: string }).code).to.equal('server');
  });

  it('a browser without WebAuthn gets a clear message', async () => {
    const original = window.PublicKeyCredential;
    Object.defineProperty(window, 'PublicKeyCredential', { value: undefined, configurable: true, writable: true });
    try {
      const login = await LoginHarness.create();
      expect(login.heading()).to.equal('Passkeys are not available here');
      await expect(login.element).to.be.accessible();
    } finally {
      Object.defineProperty(window, 'PublicKeyCredential', { value: original, configurable: true, writable: true });
    }
  });
});

async function waitForRequest(path: string, since = 0) {
  await waitUntil(() => apiRequests(since).includes(path), `expected a request to ${path}`);
}

async function waitForAlert(login: LoginHarness, text: string) {
  await waitUntil(() => login.alert() === text, `expected alert "${text}", saw "${login.alert()}"`);
}

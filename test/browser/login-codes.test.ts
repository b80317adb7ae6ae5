// The email code flows of <passkey-login> in Chromium: the reference server sends real mail over
// SMTP to the tests' sink, the code is read from the received message and entered in the element,
// and passkeys are made and used by the CDP virtual authenticator.
import { expect, waitUntil } from '@open-wc/testing';
import { createRestBackend } from '../../src/index.ts';
import { LoginHarness, apiRequests, uniqueEmail } from '../support/login-harness.ts';
import { mailCount, mailedCode } from '../support/mail.ts';
import { VirtualAuthenticator } from '../support/webauthn.ts';

performance.setResourceTimingBufferSize(10_000);

type SignedInDetail = { user: { identifier: string; displayName: string; emailVerified?: boolean }; method: string };

/** Signs out of every test server (they share one database and one cookie). */
async function signOut(): Promise<void> {
  await fetch('/api/passkeys/session', { method: 'DELETE', credentials: 'include' });
}

/** Makes `PublicKeyCredential.getClientCapabilities()` say `conditionalCreate: false` until `restore()`. */
function withoutConditionalCreate(): { restore(): void } {
  const original = PublicKeyCredential.getClientCapabilities;
  PublicKeyCredential.getClientCapabilities = async () => ({ ...(await original.call(PublicKeyCredential)), conditionalCreate: false });
  return { restore: () => (PublicKeyCredential.getClientCapabilities = original) };
}

/** Reads the code the server mailed to `email` since `since` and enters it. */
async function enterMailedCode(login: LoginHarness, email: string, since: number): Promise<string> {
  const { code, text } = await mailedCode(email, since);
  expect(text, 'the mail ends with the origin-bound code line').to.match(new RegExp(`@localhost #${code}\\s*$`));
  await login.enterCode(code);
  return code;
}

/**
 * Signs up on the server that requires a confirmed address: the sign-up form, the code from the
 * mail, the passkey. Returns the address, signed in.
 */
async function verifiedSignUp(displayName = 'Ada Lovelace'): Promise<{ email: string; login: LoginHarness }> {
  const login = await LoginHarness.create({ api: '/api-verified/passkeys', mode: 'signup' });
  const email = uniqueEmail();
  await login.fill('Email', email);
  await login.fill('Your name (optional)', displayName);
  const sent = Date.now();
  await login.click('Create a passkey');
  await login.waitForHeading('Check your email');
  await enterMailedCode(login, email, sent);
  await login.waitForHeading('Create a passkey for this device');
  await login.click('Create a passkey');
  await login.waitForHeading(`Welcome, ${displayName}`);
  return { email, login };
}

describe('<passkey-login> with email codes, against the reference server and real mail', () => {
  let authenticator: VirtualAuthenticator;

  beforeEach(async () => {
    authenticator = await VirtualAuthenticator.add();
    await signOut();
  });

  afterEach(async () => authenticator.remove());

  it('verified sign-up: the address first (code by mail), then the passkey; signed-up, then signed-in by email code', async () => {
    const { email, login } = await verifiedSignUp('Grace Hopper');
    expect(login.eventTypes()).to.deep.equal(['passkey-signed-up', 'passkey-signed-in']);
    const signedIn = login.events.find((event) => event.type === 'passkey-signed-in')!.detail as SignedInDetail;
    expect(signedIn.method).to.equal('email-code');
    expect(signedIn.user.identifier).to.equal(email);
    expect(login.announcement()).to.equal('Passkey created It is saved on this device: next time, sign in here with your fingerprint, face or screen lock.');
    const [credential] = await authenticator.credentials();
    expect(credential?.isResidentCredential).to.equal(true);

    // The passkey made at sign-up signs in.
    await login.element.signOut();
    const signIn = await LoginHarness.create();
    await signIn.click('Sign in with a passkey');
    const again = (await signIn.waitForEvent('passkey-signed-in')).detail as SignedInDetail;
    expect([again.user.identifier, again.method]).to.deep.equal([email, 'passkey']);
  });

  it('fallback sign-in after a cancelled passkey: email, code, signed in; two requests from "Send code" to signed in', async () => {
    const { email, login: setup } = await verifiedSignUp();
    await setup.element.signOut();
    setup.element.remove();
    const capabilities = withoutConditionalCreate();
    try {
      await authenticator.setUserVerified(false);
      const login = await LoginHarness.create();
      await login.click('Sign in with a passkey');
      await login.waitForHeading('Passkey not used');
      expect(login.buttonNames()).to.deep.equal(['Try again', 'Email me a code', 'Back']);
      await login.click('Email me a code');
      await login.waitForHeading('Sign in with a code');
      await login.fill('Email', email);
      const sent = Date.now();
      const started = performance.now();
      // As a pointer does: the button takes the focus, which then moves to the new screen's field.
      login.button('Send code').focus();
      await login.click('Send code');
      await login.waitForHeading('Check your email');
      expect(login.announcement()).to.equal(`We sent a code to ${email}. It is valid for 10 minutes.`);
      expect(login.root.activeElement === login.codeField(), 'the code field has the focus').to.equal(true);
      await enterMailedCode(login, email, sent);
      await login.waitForHeading('Create a passkey for this device');
      expect(apiRequests(started)).to.deep.equal(['/api/passkeys/login/code', '/api/passkeys/login/code/verify']);
      // Nothing fires before the prompt is answered: a page that redirects on sign-in would cut it short.
      expect(login.eventTypes()).to.deep.equal([]);
      expect(login.buttonNames()).to.include('Skip for now');
      await login.click('Skip for now');
      await login.waitForHeading('Welcome, Ada Lovelace');
      const signedIn = (await login.waitForEvent('passkey-signed-in')).detail as SignedInDetail;
      expect([signedIn.user.identifier, signedIn.method]).to.deep.equal([email, 'email-code']);
      const session = await (await fetch('/api/passkeys/session')).json();
      expect(session.user.identifier).to.equal(email);
    } finally {
      capabilities.restore();
    }
  });

  it('recovery after every passkey was removed: code, "Create a passkey for this device", then that passkey signs in', async () => {
    const { email, login: setup } = await verifiedSignUp('Katherine Johnson');
    await setup.element.signOut();
    setup.element.remove();
    // The device with the passkey is gone: a new authenticator holds nothing.
    await authenticator.remove();
    authenticator = await VirtualAuthenticator.add();
    expect(await authenticator.credentials()).to.deep.equal([]);

    const login = await LoginHarness.create();
    await login.fill('Email', email);
    await login.click('Lost your passkey?');
    await login.waitForHeading('Get back into your account');
    expect(login.field('Email').value, 'the address typed on the sign-in form').to.equal(email);
    const sent = Date.now();
    await login.click('Send code');
    await login.waitForHeading('Check your email');
    await enterMailedCode(login, email, sent);
    await login.waitForHeading('Create a passkey for this device');
    expect(login.root.textContent).to.contain('Create a new passkey so that you can sign in without an email next time.');
    await login.click('Create a passkey');
    await login.waitForHeading('Welcome, Katherine Johnson');
    expect(login.eventTypes()).to.deep.equal(['passkey-signed-in']);
    expect((login.events[0]!.detail as SignedInDetail).method).to.equal('email-code');
    expect(await authenticator.credentials()).to.have.length(1);

    await login.element.signOut();
    await login.waitForHeading('Sign in');
    await login.click('Sign in with a passkey');
    await login.waitForHeading('Welcome, Katherine Johnson');
    expect((login.events.at(-1)!.detail as SignedInDetail).method).to.equal('passkey');
  });

  it('right after a code sign-in, where the browser offers conditional create, a passkey is asked for without a prompt', async () => {
    // Chromium here reports conditionalCreate, but with the virtual authenticator (no passkey manager
    // that saves by itself) such a request never settles: the element stops waiting after 3 s.
    expect((await PublicKeyCredential.getClientCapabilities()).conditionalCreate, 'this Chromium offers conditional create').to.equal(true);
    const { email, login: setup } = await verifiedSignUp('Mary Jackson');
    await setup.element.signOut();
    setup.element.remove();
    await authenticator.remove();
    authenticator = await VirtualAuthenticator.add();
    // Watches the requests the page makes of the browser, and passes each on unchanged.
    const requests: (string | undefined)[] = [];
    const create = navigator.credentials.create;
    navigator.credentials.create = function (options?: CredentialCreationOptions & { mediation?: string }) {
      requests.push(options?.mediation);
      return create.call(navigator.credentials, options);
    };
    try {
      const login = await LoginHarness.create();
      // With the address typed, "Email me a code" sends the code at once.
      await login.fill('Email', email);
      const sent = Date.now();
      await login.click('Email me a code');
      await login.waitForHeading('Check your email');
      await enterMailedCode(login, email, sent);
      // Signed in at once, no prompt; the event waits for the browser's answer, at most 3 s.
      await login.waitForHeading('Welcome, Mary Jackson');
      const accepted = performance.now();
      expect(login.eventTypes()).to.deep.equal([]);
      await waitUntil(() => requests.length > 0, 'expected a passkey request', { timeout: 5_000 });
      expect(requests).to.deep.equal(['conditional']);
      const signedIn = (await login.waitForEvent('passkey-signed-in', 5_000)).detail as SignedInDetail;
      // 3 s from the passkey request at most; the margin is for a busy test machine.
      expect(performance.now() - accepted).to.be.below(6_000);
      expect(signedIn.method).to.equal('email-code');
      // Nothing was saved, and nothing is said about it: the user is signed in all the same.
      expect(login.announcement()).to.equal('');
      expect(login.alert()).to.equal('');
      expect(await authenticator.credentials()).to.deep.equal([]);
    } finally {
      navigator.credentials.create = create;
    }
  });

  it('with conditional create switched off, the explicit prompt instead; its passkey is created on request', async () => {
    const { email, login: setup } = await verifiedSignUp('Dorothy Vaughan');
    await setup.element.signOut();
    setup.element.remove();
    await authenticator.remove();
    authenticator = await VirtualAuthenticator.add();
    const capabilities = withoutConditionalCreate();
    try {
      const login = await LoginHarness.create();
      await login.fill('Email', email);
      const sent = Date.now();
      await login.click('Email me a code');
      await login.waitForHeading('Check your email');
      await enterMailedCode(login, email, sent);
      await login.waitForHeading('Create a passkey for this device');
      expect(await authenticator.credentials(), 'nothing created without asking').to.deep.equal([]);
      expect(login.buttonNames()).to.deep.equal(['Create a passkey', 'Skip for now']);
      await login.click('Create a passkey');
      await login.waitForHeading('Welcome, Dorothy Vaughan');
      expect(await authenticator.credentials()).to.have.length(1);
    } finally {
      capabilities.restore();
    }
  });

  it('two factors: passkey sign-up shows recovery codes once; recovery takes an email code and one of them, then a passkey', async () => {
    const signUp = await LoginHarness.create({ api: '/api-twofactor/passkeys', mode: 'signup' });
    const email = uniqueEmail();
    await signUp.fill('Email', email);
    await signUp.fill('Your name (optional)', 'Hedy Lamarr');
    await signUp.click('Create a passkey');
    await signUp.waitForHeading('Save your recovery codes');
    const recoveryCodes = [...signUp.root.querySelectorAll('.recovery-codes li')].map((item) => item.textContent?.trim() ?? '');
    expect(recoveryCodes).to.have.length(10);
    // The account exists; the sign-in waits until the codes were saved.
    expect(signUp.eventTypes()).to.deep.equal(['passkey-signed-up']);
    await signUp.click('I have saved them');
    await signUp.waitForHeading('Welcome, Hedy Lamarr');
    expect((signUp.events[1]!.detail as SignedInDetail).method).to.equal('passkey');

    // A code goes only to a confirmed address: confirm it as the profile does.
    const confirming = Date.now();
    const request = await fetch('/api-twofactor/passkeys/account/email/code', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(request.status).to.equal(202);
    const { code: confirmation } = await mailedCode(email, confirming);
    const confirmed = await fetch('/api-twofactor/passkeys/account/email/verify', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, code: confirmation }),
    });
    expect(confirmed.status).to.equal(200);
    await signUp.element.signOut();
    signUp.element.remove();
    await authenticator.remove();
    authenticator = await VirtualAuthenticator.add();

    const login = await LoginHarness.create({ api: '/api-twofactor/passkeys' });
    await login.click('Lost your passkey?');
    await login.waitForHeading('Get back into your account');
    await login.fill('Email', email);
    const sent = Date.now();
    await login.click('Send code');
    await login.waitForHeading('Check your email');
    await enterMailedCode(login, email, sent);
    await login.waitForHeading('Enter a recovery code');
    expect(login.root.activeElement === login.field('Recovery code'), 'the recovery code field has the focus').to.equal(true);
    await login.fill('Recovery code', 'not-a-code');
    await login.click('Continue');
    await waitUntil(() => login.alert() === 'That recovery code is not right, or it was already used.', `saw "${login.alert()}"`);
    await login.fill('Recovery code', recoveryCodes[3]!);
    await login.click('Continue');
    await login.waitForHeading('Create a passkey for this device');
    // The session can do nothing else: no Skip, only Sign out.
    expect(login.buttonNames()).to.deep.equal(['Create a passkey', 'Sign out']);
    expect(login.root.textContent).to.contain('Your account needs a passkey on this device before you can continue.');
    await login.click('Create a passkey');
    await login.waitForHeading('Welcome, Hedy Lamarr');
    const signedIn = (await login.waitForEvent('passkey-signed-in')).detail as SignedInDetail;
    expect(signedIn.method).to.equal('recovery-code');
    expect(await authenticator.credentials()).to.have.length(1);
  });

  it('a wrong code says how many tries are left and keeps the focus on the field; pasting "123 456" style works; a passkey already here is no error', async () => {
    const { email, login: setup } = await verifiedSignUp();
    await setup.element.signOut();
    setup.element.remove();
    const capabilities = withoutConditionalCreate();
    try {
      const login = await LoginHarness.create();
      await login.fill('Email', email);
      const sent = Date.now();
      await login.click('Email me a code');
      await login.waitForHeading('Check your email');
      const { code } = await mailedCode(email, sent);
      const wrong = code === '000000' ? '111111' : '000000';
      await login.enterCode(wrong);
      await waitUntil(() => login.alert() !== '', 'expected the wrong code message');
      expect(login.alert()).to.equal('That code is not right. 4 tries left.');
      const field = login.codeField();
      expect(field.getAttribute('aria-invalid')).to.equal('true');
      expect(field.getAttribute('aria-describedby')).to.equal('code-sent code-error');
      expect(login.root.activeElement === field, 'the code field keeps the focus').to.equal(true);
      expect([field.selectionStart, field.selectionEnd], 'the wrong code is selected, so typing replaces it').to.deep.equal([0, 6]);
      expect(login.events.map((event) => (event.detail as { code?: string }).code)).to.deep.equal(['invalid-code']);

      // The whole code pasted with a space, over the wrong one: its digits go in and it submits itself.
      const clipboardData = new DataTransfer();
      clipboardData.setData('text', `${code.slice(0, 3)} ${code.slice(3)}`);
      field.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
      await login.waitForHeading('Create a passkey for this device');

      // This device holds the account's passkey already: said as good news, and on.
      await login.click('Create a passkey');
      await waitUntil(() => login.status().startsWith('This device already has a passkey'), `saw "${login.status()}"`);
      expect(login.buttonNames()).to.deep.equal(['Continue']);
      await login.click('Continue');
      await login.waitForHeading('Welcome, Ada Lovelace');
      expect(login.eventTypes()).to.deep.equal(['passkey-error', 'passkey-signed-in']);
    } finally {
      capabilities.restore();
    }
  });

  it('the resend countdown is visible, "Use a different email" keeps the address, and an unknown address looks the same', async () => {
    const login = await LoginHarness.create();
    const email = uniqueEmail();
    await login.fill('Email', email);
    const sent = Date.now();
    await login.click('Email me a code');
    await login.waitForHeading('Check your email');
    // No account: the same screen, and no mail.
    expect(login.announcement()).to.equal(`We sent a code to ${email}. It is valid for 10 minutes.`);
    const resend = () => login.buttonNames().find((name) => name.startsWith('Resend code')) ?? '';
    const seconds = () => Number(/(\d+) s$/.exec(resend())?.[1]);
    expect(resend()).to.match(/^Resend code in (30|29) s$/);
    const first = seconds();
    await waitUntil(() => seconds() < first, 'the countdown moves', { timeout: 3_000 });
    expect(login.button(resend()).disabled).to.equal(true);
    await login.enterCode('123456');
    await waitUntil(() => login.alert() !== '', 'expected the wrong code message');
    expect(login.alert()).to.equal('That code is not right. 4 tries left.');
    expect(await mailCount(email, sent)).to.equal(0);

    await login.click('Use a different email');
    expect(login.heading()).to.equal('Sign in with a code');
    expect(login.field('Email').value).to.equal(email);
    // Asking again for the same address too soon: the limit and its countdown, Send held back.
    await login.click('Send code');
    await waitUntil(() => login.alert() !== '', 'expected the limit');
    expect(login.alert()).to.equal('Too many requests. Please wait a moment and try again.');
    expect(login.root.textContent).to.match(/You can try again in \d+ seconds\./);
    expect(login.button('Send code').disabled).to.equal(true);
    await login.click('Back');
    expect(login.heading()).to.equal('Sign in');
  });

  it('a backend without the code operations shows no code UI anywhere', async () => {
    const rest = createRestBackend('/api/passkeys');
    const { registrationOptions, verifyRegistration, loginOptions, verifyLogin, currentUser, signOut: endSession } = rest;
    const passkeysOnly = { registrationOptions, verifyRegistration, loginOptions, verifyLogin, currentUser, signOut: endSession } as unknown as typeof rest;
    await authenticator.setUserVerified(false);
    const login = await LoginHarness.create({ backend: passkeysOnly });
    expect(login.buttonNames()).not.to.include('Email me a code');
    expect(login.buttonNames()).not.to.include('Lost your passkey?');
    await login.click('Sign in with a passkey');
    await login.waitForHeading('Passkey not used');
    expect(login.buttonNames()).to.deep.equal(['Try again', 'Back']);
    login.element.remove();

    const original = window.PublicKeyCredential;
    Object.defineProperty(window, 'PublicKeyCredential', { value: undefined, configurable: true, writable: true });
    try {
      const unsupported = await LoginHarness.create({ backend: passkeysOnly });
      expect(unsupported.heading()).to.equal('Passkeys are not available here');
      expect(unsupported.buttonNames()).to.deep.equal([]);
      unsupported.element.remove();
      // With codes, the same browser can still sign in: by email.
      const withCodes = await LoginHarness.create();
      expect(withCodes.buttonNames()).to.deep.equal(['Email me a code']);
    } finally {
      Object.defineProperty(window, 'PublicKeyCredential', { value: original, configurable: true, writable: true });
    }
  });

  it('a browser without passkeys signs in with a code and goes straight to the signed-in screen', async () => {
    const { email, login: setup } = await verifiedSignUp('Alan Turing');
    await setup.element.signOut();
    setup.element.remove();
    const original = window.PublicKeyCredential;
    Object.defineProperty(window, 'PublicKeyCredential', { value: undefined, configurable: true, writable: true });
    try {
      const login = await LoginHarness.create();
      await login.click('Email me a code');
      await login.waitForHeading('Sign in with a code');
      await login.fill('Email', email);
      const sent = Date.now();
      await login.click('Send code');
      await login.waitForHeading('Check your email');
      await enterMailedCode(login, email, sent);
      await login.waitForHeading('Welcome, Alan Turing');
      expect((login.events.at(-1)!.detail as SignedInDetail).method).to.equal('email-code');
      await login.click('Sign out');
      await login.waitForHeading('Passkeys are not available here');
    } finally {
      Object.defineProperty(window, 'PublicKeyCredential', { value: original, configurable: true, writable: true });
    }
  });

  it('on a page with a strict Content-Security-Policy the code screens load and work without a violation', async () => {
    const { email, login: setup } = await verifiedSignUp('Hedy Lamarr');
    await setup.element.signOut();
    setup.element.remove();
    await authenticator.remove();
    authenticator = await VirtualAuthenticator.add();
    const frame = document.createElement('iframe');
    frame.src = '/csp/passkeys.html';
    frame.style.cssText = 'width: 800px; height: 1200px';
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    document.body.append(frame);
    await loaded;
    const page = frame.contentWindow as Window & typeof globalThis & { cspViolations: string[] };
    await waitUntil(() => page.customElements.get('passkey-login'), 'the elements did not load');
    const capabilities = page.PublicKeyCredential.getClientCapabilities;
    page.PublicKeyCredential.getClientCapabilities = async () => ({ ...(await capabilities.call(page.PublicKeyCredential)), conditionalCreate: false });
    try {
      const login = new LoginHarness(page.document.querySelector('passkey-login')!);
      await login.waitForHeading('Sign in');
      await login.click('Email me a code');
      await login.waitForHeading('Sign in with a code');
      // The harness's `fill` checks `instanceof` of this window: the frame's field is filled directly.
      const field = login.root.getElementById('code-email') as HTMLInputElement;
      field.value = email;
      const sent = Date.now();
      await login.click('Send code');
      await login.waitForHeading('Check your email');
      const code = login.root.getElementById('code') as HTMLInputElement;
      code.value = (await mailedCode(email, sent)).code;
      code.dispatchEvent(new page.Event('input', { bubbles: true }));
      await login.waitForHeading('Create a passkey for this device');
      await login.click('Create a passkey');
      await login.waitForHeading('Welcome, Hedy Lamarr');
      expect(page.cspViolations).to.deep.equal([]);
    } finally {
      page.PublicKeyCredential.getClientCapabilities = capabilities;
      frame.remove();
    }
  });
});

import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { startAuthentication, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { executeServerCommand } from '@web/test-runner-commands';
import type { PasskeyAccount, PasskeyLogin, PasskeyProfile } from '../../src/index.ts';
import type { PasskeySignInDetail, PasskeySignOutDetail } from '../../src/core/events.ts';
import { LoginHarness, ProfileHarness, apiRequests, signOutEverywhere, uniqueEmail } from '../support/login-harness.ts';
import { VirtualAuthenticator } from '../support/webauthn.ts';

performance.setResourceTimingBufferSize(10_000);

/** Signs up through `<passkey-login>`, then takes that element off the page as a reload does. */
async function signUp(displayName = 'Ada Lovelace'): Promise<string> {
  const login = await LoginHarness.create({ mode: 'signup' });
  const identifier = await login.signUp(uniqueEmail(), displayName);
  login.element.remove();
  return identifier;
}

/** A fresh `<passkey-login>`, as on a page just loaded, once it shows a screen. */
async function freshLogin(): Promise<LoginHarness> {
  const login = await LoginHarness.create();
  await waitUntil(() => login.heading() !== '', 'the login shows no screen');
  return login;
}

describe('session-aware elements', () => {
  let authenticator: VirtualAuthenticator;

  beforeEach(async () => {
    authenticator = await VirtualAuthenticator.add();
    await signOutEverywhere();
  });

  afterEach(async () => authenticator.remove());

  it('a fresh <passkey-login> finds the session open after sign-up: signed-in screen and passkey-signed-in with restored: true, in one request', async () => {
    const identifier = await signUp();
    const started = performance.now();
    const login = await freshLogin();

    // The form is drawn at once; the session found open replaces it.
    await login.waitForHeading('Welcome, Ada Lovelace');
    const signedIn = await login.waitForEvent('passkey-signed-in');
    const detail = signedIn.detail as PasskeySignInDetail;
    expect(detail.restored).to.equal(true);
    expect(detail.user.identifier).to.equal(identifier);
    expect(detail).not.to.have.property('method');
    // Signed in already: no sign-in options are fetched (their challenge would go unused).
    expect(apiRequests(started)).to.deep.equal(['/api/passkeys/session']);
    expect(login.eventTypes()).to.deep.equal(['passkey-signed-in']);
    await expect(login.element).to.be.accessible();
  });

  it('a <passkey-login> given its api only after it started (a framework hydrating the page) still finds the session open', async () => {
    const identifier = await signUp();
    const started = performance.now();
    const login = await LoginHarness.create({ api: '' });
    await waitUntil(() => login.heading() !== '', 'the login shows no screen');
    expect(login.heading()).to.equal('Sign in');
    expect(apiRequests(started)).to.deep.equal([]);

    login.element.api = '/api/passkeys';
    await login.waitForHeading('Welcome, Ada Lovelace');
    const detail = (await login.waitForEvent('passkey-signed-in')).detail as PasskeySignInDetail;
    expect(detail.restored).to.equal(true);
    expect(detail.user.identifier).to.equal(identifier);
    expect(apiRequests(started)).to.deep.equal(['/api/passkeys/session']);
  });

  it('signed out, a fresh <passkey-login> asks for the session and the sign-in options: two requests, the form, no event', async () => {
    const started = performance.now();
    const login = await freshLogin();
    await waitUntil(() => apiRequests(started).includes('/api/passkeys/login/options'), 'expected the options prefetch');

    expect(login.heading()).to.equal('Sign in');
    expect(apiRequests(started)).to.deep.equal(['/api/passkeys/session', '/api/passkeys/login/options']);
    expect(login.eventTypes()).to.deep.equal([]);
  });

  it('a sign-in here says restored: false and how it happened', async () => {
    await signUp();
    await signOutEverywhere();
    const login = await freshLogin();
    await login.click('Sign in with a passkey');
    const detail = (await login.waitForEvent('passkey-signed-in')).detail as PasskeySignInDetail;
    expect(detail).to.include({ restored: false, method: 'passkey' });
  });

  it('a restored session follows redirect, unless a listener prevents it', async () => {
    // A fragment as the redirect: following it changes the hash without leaving the test page.
    history.replaceState(null, '', location.pathname + location.search);
    await signUp();
    const prevented: CustomEvent[] = [];
    const kept = await fixture<PasskeyLogin>(html`<passkey-login api="/api/passkeys" redirect="#account" no-autofill
      @passkey-signed-in=${(event: CustomEvent) => (prevented.push(event), event.preventDefault())}></passkey-login>`);
    await waitUntil(() => prevented.length === 1, 'expected passkey-signed-in');
    expect(prevented[0]!.cancelable).to.equal(true);
    expect(location.hash, 'the redirect was not followed').to.equal('');
    kept.remove();

    await fixture<PasskeyLogin>(html`<passkey-login api="/api/passkeys" redirect="#account" no-autofill></passkey-login>`);
    await waitUntil(() => location.hash === '#account', 'expected the redirect to be followed');
    history.replaceState(null, '', location.pathname + location.search);
  });

  it('signing out of a restored session fires passkey-signed-out with reason signed-out and shows the form', async () => {
    await signUp();
    const login = await freshLogin();
    await login.waitForHeading('Welcome, Ada Lovelace');
    await login.click('Sign out');
    const signedOut = await login.waitForEvent('passkey-signed-out');
    expect(signedOut.detail as PasskeySignOutDetail).to.deep.equal({ reason: 'signed-out' });
    await login.waitForHeading('Sign in');
    expect((await (await fetch('/api/passkeys/session')).json()).user).to.equal(null);
  });

  it('deleting the account in <passkey-profile> ends in passkey-signed-out with reason account-deleted', async () => {
    await signUp();
    const profile = await ProfileHarness.create();
    await profile.click('Delete account');
    await profile.click('Delete my account');
    const signedOut = await profile.waitForEvent('passkey-signed-out');

    expect(signedOut.detail as PasskeySignOutDetail).to.deep.equal({ reason: 'account-deleted' });
    expect(profile.eventTypes()).to.deep.equal(['passkey-account-deleted', 'passkey-signed-out']);
    expect(profile.heading()).to.equal('Your account was deleted.');
    // The login the app goes back to finds no session.
    const login = await freshLogin();
    expect(login.heading()).to.equal('Sign in');
    expect(login.eventTypes()).to.deep.equal([]);
  });

  it('a session revoked from another client: the profile\'s next action ends in passkey-signed-out with reason session-ended', async () => {
    const identifier = await signUp();
    const profile = await ProfileHarness.create();
    expect(profile.sessionItems()).to.have.length(1);

    // Another client: this page without its cookie signs in (a second session), then signs out every other one.
    await executeServerCommand('cookies:set-aside', {});
    const post = (path: string, body: unknown) => fetch(`/api/passkeys${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const optionsJSON = (await (await post('/login/options', { identifier })).json()) as PublicKeyCredentialRequestOptionsJSON;
    expect((await post('/login/verify', await startAuthentication({ optionsJSON }))).status).to.equal(200);
    expect(await (await fetch('/api/passkeys/sessions/others', { method: 'DELETE' })).json()).to.deep.equal({ revoked: 1 });
    await signOutEverywhere();
    await executeServerCommand('cookies:bring-back', {});

    // The next action: renaming the passkey, which the server refuses with 401 not-signed-in.
    const [name] = profile.passkeyNames();
    await profile.clickIn(profile.passkeyCard(name!), 'Rename');
    await profile.fill('Passkey name', 'Work laptop');
    const started = performance.now();
    profile.field('Passkey name').form!.requestSubmit();
    const signedOut = await profile.waitForEvent('passkey-signed-out');
    expect(signedOut.detail as PasskeySignOutDetail).to.deep.equal({ reason: 'session-ended' });
    expect(apiRequests(started)).to.have.length(1);
    expect(apiRequests(started)[0]).to.match(/^\/api\/passkeys\/passkeys\/[^/]+$/);
    expect(profile.heading()).to.equal('You are signed out');
    expect(profile.events.filter((event) => event.type === 'passkey-error')).to.deep.equal([]);
    await expect(profile.element).to.be.accessible();
  });

  describe('<passkey-account>', () => {
    /** A fresh `<passkey-account>`, and the DOM events that bubbled out of it. */
    async function freshAccount(): Promise<{ account: PasskeyAccount; events: string[] }> {
      const events: string[] = [];
      const account = await fixture<PasskeyAccount>(html`<passkey-account api="/api/passkeys" no-autofill
        @passkey-signed-in=${() => events.push('passkey-signed-in')} @passkey-signed-out=${() => events.push('passkey-signed-out')}
        ><img slot="header" alt="Example Health"></passkey-account>`);
      return { account, events };
    }

    /** The element it shows now, driven as a person would. */
    async function shown(account: PasskeyAccount, tag: 'passkey-login' | 'passkey-profile', heading: string) {
      await waitUntil(() => account.shadowRoot!.querySelector(tag), `expected <${tag}> inside`, { timeout: 10_000 });
      const inner = account.shadowRoot!.querySelector<PasskeyLogin & PasskeyProfile>(tag)!;
      const harness = tag === 'passkey-login' ? new LoginHarness(inner) : new ProfileHarness(inner);
      await harness.waitForHeading(heading);
      return harness;
    }

    it('shows the login signed out, the profile after sign-up and after a reload, and the login again after signing out', async () => {
      const first = await freshAccount();
      const login = (await shown(first.account, 'passkey-login', 'Sign in')) as LoginHarness;
      // The page's header slot reaches the element shown.
      const headerSlot = login.root.querySelector<HTMLSlotElement>('slot[name="header"]')!;
      expect(headerSlot.assignedElements({ flatten: true }).map((element) => element.localName)).to.deep.equal(['img']);
      await login.signUp(uniqueEmail(), 'Ada Lovelace');
      await shown(first.account, 'passkey-profile', 'Your passkeys');
      expect(first.events).to.deep.equal(['passkey-signed-in']);
      first.account.remove();

      const started = performance.now();
      const reloaded = await freshAccount();
      const profile = await shown(reloaded.account, 'passkey-profile', 'Your passkeys');
      expect(apiRequests(started), 'two requests before the user acts').to.deep.equal(['/api/passkeys/session', '/api/passkeys/account']);
      await expect(reloaded.account).to.be.accessible();

      await profile.click('Sign out');
      await shown(reloaded.account, 'passkey-login', 'Sign in');
      expect(reloaded.events).to.deep.equal(['passkey-signed-in', 'passkey-signed-out']);
      expect((await (await fetch('/api/passkeys/session')).json()).user).to.equal(null);
    });

    it('goes back to the login once the account is deleted', async () => {
      await signUp();
      const { account, events } = await freshAccount();
      const profile = await shown(account, 'passkey-profile', 'Your passkeys');
      await profile.click('Delete account');
      await profile.click('Delete my account');
      await shown(account, 'passkey-login', 'Sign in');
      expect(events).to.deep.equal(['passkey-signed-in', 'passkey-signed-out']);
    });
  });
});

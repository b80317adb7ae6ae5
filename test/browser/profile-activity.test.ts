import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { PasskeyBackend } from '../../src/core/backend.ts';
import { createRestBackend } from '../../src/core/rest-backend.ts';
import { LoginHarness, ProfileHarness, apiRequests, signOutEverywhere, uniqueEmail } from '../support/login-harness.ts';
import { VirtualAuthenticator } from '../support/webauthn.ts';

performance.setResourceTimingBufferSize(10_000);

/** The headings of the listed events, newest first: what happened, in the user's words. */
function listed(profile: ProfileHarness): string[] {
  return [...profile.root.querySelectorAll('[part="activity-item"] h3')].map((heading) => heading.textContent!.replace(/\s+/g, ' ').trim());
}

async function waitForListed(profile: ProfileHarness, first: string): Promise<void> {
  await waitUntil(() => listed(profile)[0] === first, `expected "${first}" first`, { timeout: 5_000 }).catch((error: Error) => {
    throw new Error(`${error.message}; listed: ${listed(profile).join(' | ')}`);
  });
}

async function waitForNotice(profile: ProfileHarness, text: string) {
  await waitUntil(() => profile.root.querySelector('[role="status"]')?.textContent?.trim() === text, `expected notice "${text}"`, { timeout: 5_000 });
}

describe('<passkey-profile> recent security activity against the reference backend', () => {
  let authenticator: VirtualAuthenticator;

  beforeEach(async () => {
    authenticator = await VirtualAuthenticator.add();
    await signOutEverywhere();
  });

  afterEach(async () => authenticator.remove());

  it('lists sign-up, an added and renamed passkey and a later sign-in, newest first, refreshed after each act', async () => {
    const signUp = await LoginHarness.create({ mode: 'signup' });
    await signUp.signUp(uniqueEmail(), 'Ada Lovelace');
    signUp.element.remove();

    // The account page is still one request: the activity loads when the user opens it.
    const loaded = performance.now();
    const profile = await ProfileHarness.create();
    expect(apiRequests(loaded)).to.deep.equal(['/api/passkeys/account']);
    const toggle = profile.button('Show recent activity');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    await profile.click('Show recent activity');
    await waitForListed(profile, 'Account created with a passkey');
    expect(profile.button('Hide recent activity').getAttribute('aria-expanded')).to.equal('true');
    const [created] = profile.root.querySelectorAll('[part="activity-item"]');
    expect(created!.textContent).to.contain('This session');
    expect(created!.textContent).to.contain('Chrome');
    await expect(profile.element).to.be.accessible();

    // A second passkey, on a security key (one internal authenticator per page).
    await authenticator.remove();
    authenticator = await VirtualAuthenticator.add({ transport: 'usb' });
    await profile.click('Add a passkey');
    await waitForNotice(profile, 'Passkey created. It is saved on your security key: next time, sign in with the key.');
    const added = profile.passkeyNames()[0]!;
    await waitForListed(profile, `Passkey added ${added}`);

    await profile.clickIn(profile.passkeyCard(added), 'Rename');
    await profile.fill('Passkey name', 'Work key');
    profile.field('Passkey name').form!.requestSubmit();
    await waitForNotice(profile, 'Passkey renamed.');
    await waitForListed(profile, 'Passkey renamed Work key');
    expect(profile.root.querySelector('[part="activity-item"] h3 q')!.textContent).to.equal('Work key');

    // Signed out, then in again with the security key.
    await profile.click('Sign out');
    await profile.waitForHeading('You are signed out');
    profile.element.remove();
    const signIn = await LoginHarness.create();
    await signIn.click('Sign in with a passkey');
    await signIn.waitForEvent('passkey-signed-in');
    signIn.element.remove();

    const again = await ProfileHarness.create();
    await again.click('Show recent activity');
    await waitForListed(again, 'Sign-in with a passkey');
    expect(listed(again)).to.deep.equal([
      'Sign-in with a passkey', 'Signed out', 'Passkey renamed Work key', `Passkey added ${added}`, 'Account created with a passkey',
    ]);
    const items = [...again.root.querySelectorAll('[part="activity-item"]')];
    expect(items.map((item) => item.textContent!.includes('This session'))).to.deep.equal([true, false, false, false, false]);
    for (const time of again.root.querySelectorAll('[part="activity-item"] time')) {
      const at = time.getAttribute('datetime')!;
      expect(time.textContent).to.equal(new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at)));
    }
    // The test page is on localhost (::1 or 127.0.0.1): the list shows its network, never the address.
    expect(items[0]!.textContent).to.match(/Network (::\/48|127\.0\.0\.0\/24)/);
    await expect(again.element).to.be.accessible();
    await executeServerCommand('screenshot:element', { selector: 'passkey-profile', name: 'profile-activity' });

    // In the element's language, dates included.
    again.element.lang = 'de';
    await waitUntil(() => again.root.querySelector('#activity-title')?.textContent === 'Letzte Sicherheitsaktivität', 'German headings');
    expect(listed(again)[0]).to.equal('Anmeldung mit einem Passkey');
    const time = again.root.querySelector('[part="activity-item"] time')!;
    expect(time.textContent).to.equal(new Intl.DateTimeFormat('de', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(time.getAttribute('datetime')!)));
    await executeServerCommand('screenshot:element', { selector: 'passkey-profile', name: 'profile-activity-de' });
  });

  it('shows no activity section for a backend without securityActivity', async () => {
    const signUp = await LoginHarness.create({ mode: 'signup' });
    await signUp.signUp(uniqueEmail(), 'Ada Lovelace');
    signUp.element.remove();
    // A foreign backend: everything but the activity.
    const backend: PasskeyBackend = { ...createRestBackend('/api/passkeys') };
    delete backend.securityActivity;
    const profile = await ProfileHarness.create();
    profile.element.backend = backend;
    await profile.element.reload();
    await waitUntil(() => profile.passkeyNames().length === 1, 'the account');
    expect(profile.root.querySelector('#activity-title')).to.equal(null);
    expect(profile.buttonNames()).not.to.include('Show recent activity');
  });
});

// <passkey-profile> is never stuck either: two clicks on "Add a passkey" add one, and a rate limit
// on adding one shows its wait and gives the button back when it is over. Real Chromium, the
// virtual authenticator, the reference server.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { PasskeyProfile } from '../../src/index.ts';
import { createRestBackend } from '../../src/core/rest-backend.ts';
import { countCeremonies } from '../support/ceremonies.ts';
import { LoginHarness, ProfileHarness, apiRequests, signOutEverywhere, uniqueEmail } from '../support/login-harness.ts';
import { VirtualAuthenticator } from '../support/webauthn.ts';

performance.setResourceTimingBufferSize(10_000);

/** Signs up through `<passkey-login>` and leaves the page signed in. */
async function signUp(): Promise<void> {
  const login = await LoginHarness.create({ mode: 'signup' });
  await login.signUp(uniqueEmail(), 'Ada Lovelace');
  login.element.remove();
}

function addButton(profile: ProfileHarness): HTMLButtonElement {
  return profile.button('Add a passkey');
}

describe('<passkey-profile> is never stuck', () => {
  let authenticator: VirtualAuthenticator;

  beforeEach(async () => {
    authenticator = await VirtualAuthenticator.add();
    await signOutEverywhere();
  });

  afterEach(async () => authenticator.remove());

  it('two clicks on "Add a passkey" start one ceremony and add one passkey', async () => {
    await signUp();
    // The account's passkey is on this authenticator: the new one goes on a security key.
    await authenticator.remove();
    authenticator = await VirtualAuthenticator.add({ transport: 'usb' });
    const profile = await ProfileHarness.create();
    const ceremonies = countCeremonies();
    try {
      const clicked = performance.now();
      addButton(profile).click();
      addButton(profile).click();
      await profile.waitForEvent('passkey-created');
      expect(ceremonies.calls.map((call) => call.kind)).to.deep.equal(['create']);
      expect(apiRequests(clicked)).to.deep.equal(['/api/passkeys/passkeys/options', '/api/passkeys/passkeys']);
      expect(await authenticator.credentials()).to.have.length(1);
      expect(profile.passkeyNames()).to.have.length(2);
    } finally {
      ceremonies.restore();
    }
  });

  it('a 429 to "Add a passkey": the wait is shown, the button waits for it and then asks again', async () => {
    await signUp();
    // The account from the reference server; adding a passkey from an API that is always rate-limited (test-backends.ts).
    const backend = createRestBackend({ baseUrl: '/api/passkeys', endpoints: { addPasskeyOptions: { path: `${location.origin}/busy/passkeys/passkeys/options` } } });
    const element = await fixture<PasskeyProfile>(html`<passkey-profile .backend=${backend}></passkey-profile>`);
    const profile = new ProfileHarness(element);
    await waitUntil(() => profile.passkeyNames().length === 1, 'expected the account');

    await profile.click('Add a passkey');
    await waitUntil(() => profile.alert() === 'Too many requests. Please wait a moment and try again.', `expected the rate limit; shown: "${profile.alert()}"`);
    expect(profile.root.textContent).to.contain('You can try again in 2 seconds.');
    expect(addButton(profile).disabled).to.equal(true);
    expect((profile.events.at(-1)?.detail as { code: string }).code).to.equal('rate-limited');
    await expect(profile.element).to.be.accessible();

    await waitUntil(() => !addButton(profile).disabled, 'the button re-enables itself', { timeout: 4_000 });
    expect(profile.root.textContent).not.to.match(/You can try again in/);
    const retried = performance.now();
    await profile.click('Add a passkey');
    await waitUntil(() => addButton(profile).disabled && profile.root.textContent!.includes('You can try again in 2 seconds.'), 'asked again, and the new wait shown');
    const asked = performance.getEntriesByType('resource').filter((entry) => entry.startTime >= retried && entry.name.includes('/busy/'));
    expect(asked).to.have.length(1);
  });
});

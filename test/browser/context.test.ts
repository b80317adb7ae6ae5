import { ContextProvider } from '@lit/context';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { passkeyBackendContext } from '../../src/core/context.ts';
import type { PasskeyBackend } from '../../src/core/backend.ts';
import { createRestBackend } from '../../src/core/rest-backend.ts';
import type { PasskeyBackendProvider } from '../../src/passkey-backend.ts';
import '../../src/passkey-backend.ts';
import type { PasskeyLogin, PasskeyProfile } from '../../src/index.ts';
import { LoginHarness, ProfileHarness, apiRequests, signOutEverywhere } from '../support/login-harness.ts';
import { VirtualAuthenticator } from '../support/webauthn.ts';

performance.setResourceTimingBufferSize(10_000);

/** A REST backend that counts the calls made through this very object. */
function countingBackend(api = '/api/passkeys') {
  const rest = createRestBackend(api);
  const calls: string[] = [];
  const backend = Object.fromEntries(
    Object.entries(rest).map(([name, method]) => [name, (...args: unknown[]) => (calls.push(name), (method as (...args: unknown[]) => unknown)(...args))]),
  ) as unknown as PasskeyBackend;
  return { backend, calls };
}

async function profileLoaded(profile: ProfileHarness) {
  await waitUntil(() => profile.status() !== 'Loading…', 'profile did not leave loading');
}

describe('one backend shared through context', () => {
  let authenticator: VirtualAuthenticator;

  beforeEach(async () => {
    authenticator = await VirtualAuthenticator.add();
    await signOutEverywhere();
  });

  afterEach(async () => authenticator.remove());

  it('<passkey-backend api> serves both elements: sign up in one, the other loads the account through the same backend', async () => {
    const provider = await fixture<PasskeyBackendProvider>(html`<passkey-backend api="/api/passkeys">
      <passkey-login mode="signup" no-autofill></passkey-login>
      <passkey-profile></passkey-profile>
    </passkey-backend>`);
    const login = new LoginHarness(provider.querySelector<PasskeyLogin>('passkey-login')!);
    const profile = new ProfileHarness(provider.querySelector<PasskeyProfile>('passkey-profile')!);
    expect([login.element.api, profile.element.api]).to.deep.equal(['', '']);
    await profileLoaded(profile);
    expect(profile.heading()).to.equal('You are signed out');

    // The provider's backend is one object: swap in a counting one and both elements follow.
    const { backend, calls } = countingBackend();
    provider.backend = backend;
    await waitUntil(() => calls.length === 1 && profile.heading() === 'You are signed out', 'the profile should load again through the new backend');
    const started = performance.now();
    await login.signUp(undefined, 'Ada Lovelace');
    await profile.element.reload();
    expect(profile.heading()).to.equal('Your passkeys');
    expect(profile.passkeyNames()).to.have.length(1);
    // The change of backend made the profile load again; after that, only the account.
    expect(calls).to.deep.equal(['account', 'registrationOptions', 'verifyRegistration', 'account']);
    expect(apiRequests(started)).to.deep.equal(['/api/passkeys/register/options', '/api/passkeys/register/verify', '/api/passkeys/account']);
    // No error: the elements had no api and needed none.
    expect(login.eventTypes()).to.include('passkey-signed-up');
    expect([...login.eventTypes(), ...profile.eventTypes()]).not.to.include('passkey-error');
  });

  it("an element's own backend or api wins over the provided one", async () => {
    const provided = countingBackend();
    const own = countingBackend();
    const started = performance.now();
    const provider = await fixture<PasskeyBackendProvider>(html`<passkey-backend .backend=${provided.backend}>
      <passkey-profile api="/api-strict/passkeys"></passkey-profile>
      <passkey-profile .backend=${own.backend}></passkey-profile>
      <passkey-profile></passkey-profile>
    </passkey-backend>`);
    const [withApi, withBackend, withNothing] = [...provider.querySelectorAll('passkey-profile')].map((element) => new ProfileHarness(element));
    for (const profile of [withApi!, withBackend!, withNothing!]) await profileLoaded(profile);
    expect(provided.calls).to.deep.equal(['account'], 'only the element without its own');
    expect(own.calls).to.deep.equal(['account']);
    expect(apiRequests(started)).to.have.members(['/api-strict/passkeys/account', '/api/passkeys/account', '/api/passkeys/account']);
  });

  it("works with @lit/context's ContextProvider on any ancestor, following a change of value", async () => {
    const first = countingBackend();
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const provider = new ContextProvider(host, { context: passkeyBackendContext, initialValue: first.backend });
    const profile = new ProfileHarness(document.createElement('passkey-profile'));
    host.append(profile.element);
    await profileLoaded(profile);
    expect(first.calls).to.deep.equal(['account']);

    const second = countingBackend();
    provider.setValue(second.backend);
    await waitUntil(() => second.calls.length === 1, 'the profile should load through the new backend');
    expect(second.calls).to.deep.equal(['account']);
    expect(first.calls).to.deep.equal(['account']);

    // Once the element leaves, the provider no longer calls it.
    profile.element.remove();
    provider.setValue(first.backend);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(first.calls).to.deep.equal(['account']);
  });

  it('without api, backend or provider the element says what is missing', async () => {
    const profile = new ProfileHarness(document.createElement('passkey-profile'));
    (await fixture<HTMLDivElement>(html`<div></div>`)).append(profile.element);
    await profileLoaded(profile);
    expect(profile.heading()).to.equal('Something unexpected happened');
    const error = profile.events.find((event) => event.type === 'passkey-error');
    expect((error?.detail as { cause: Error }).cause.message).to.contain('passkeyBackendContext');
  });
});

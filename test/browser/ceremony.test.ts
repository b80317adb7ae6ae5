import { expect } from '@open-wc/testing';
import { LoginHarness, signOutEverywhere, uniqueEmail } from '../support/login-harness.ts';
import { VirtualAuthenticator } from '../support/webauthn.ts';
import type { LoginBackend } from '../../src/core/backend.ts';
import { createLoginRestBackend } from '../../src/core/rest-backend.ts';
import { CeremonyController } from '../../src/core/ceremony.ts';
import { PasskeyError } from '../../src/core/errors.ts';

performance.setResourceTimingBufferSize(10_000);

/** Whether the page has downloaded @simplewebauthn/browser (the fallback for older browsers). */
function libraryLoaded(): boolean {
  return performance.getEntriesByType('resource').some((entry) => /simplewebauthn|library-ceremony/.test(entry.name));
}

/** Makes Chromium look like a browser without WebAuthn's JSON methods until the returned function runs. */
function hideJsonMethods(): () => void {
  const names = ['parseCreationOptionsFromJSON', 'parseRequestOptionsFromJSON'] as const;
  const saved = names.map((name) => [name, Object.getOwnPropertyDescriptor(PublicKeyCredential, name)] as const);
  for (const name of names) Object.defineProperty(PublicKeyCredential, name, { value: undefined, configurable: true, writable: true });
  return () => saved.forEach(([name, descriptor]) => Object.defineProperty(PublicKeyCredential, name, descriptor!));
}

async function signUpThenSignIn(): Promise<void> {
  const signUp = await LoginHarness.create({ mode: 'signup' });
  const identifier = await signUp.signUp(uniqueEmail(), 'Grace Hopper');
  await signUp.element.signOut();
  signUp.element.remove();

  const signIn = await LoginHarness.create();
  await signIn.click('Sign in with a passkey');
  const { detail } = await signIn.waitForEvent('passkey-signed-in');
  expect((detail as { user: { identifier: string } }).user.identifier).to.equal(identifier);
}

describe('passkey ceremonies', () => {
  let authenticator: VirtualAuthenticator;

  beforeEach(async () => {
    authenticator = await VirtualAuthenticator.add();
    await signOutEverywhere();
  });

  afterEach(async () => {
    await authenticator.remove();
  });

  it('use the browser\'s JSON methods where they exist, without downloading the library', async () => {
    expect(PublicKeyCredential.parseCreationOptionsFromJSON).to.be.a('function');
    await signUpThenSignIn();
    expect(libraryLoaded()).to.equal(false);
  });

  describe('in a browser without the JSON methods', () => {
    let restore: () => void;
    beforeEach(() => (restore = hideJsonMethods()));
    afterEach(() => restore());

    it('load @simplewebauthn/browser and sign up and in with it', async () => {
      await signUpThenSignIn();
      expect(libraryLoaded()).to.equal(true);
      expect(await authenticator.credentials()).to.have.length(1);
    });

    it('cancel a waiting ceremony through the library', async () => {
      await authenticator.setPresence(false);
      const login = await LoginHarness.create({ mode: 'signup' });
      await login.fill('Email', 'patient@example.com');
      await login.click('Create a passkey');
      await login.waitForHeading('Create your passkey');
      await login.click('Cancel');
      expect(login.heading()).to.equal('Create your account');
      expect(login.field('Email').value).to.equal('patient@example.com');
    });
  });

  it('without WebAuthn a ceremony fails as "unsupported", not as an unknown error', async () => {
    const options = await createLoginRestBackend('/api/passkeys').loginOptions({});
    const original = window.PublicKeyCredential;
    Object.defineProperty(window, 'PublicKeyCredential', { value: undefined, configurable: true, writable: true });
    try {
      const ceremony = new CeremonyController({ addController() {} } as never);
      const error = await ceremony.authenticate(options).then(() => null, (failure: unknown) => failure);
      expect(error).to.be.instanceOf(PasskeyError);
      expect((error as PasskeyError).code).to.equal('unsupported');
    } finally {
      Object.defineProperty(window, 'PublicKeyCredential', { value: original, configurable: true, writable: true });
    }
  });

  it('options the browser cannot read show "unexpected answer", with a way back', async () => {
    const rest = createLoginRestBackend('/api/passkeys');
    // A backend that breaks the protocol: the challenge is not base64url.
    const backend: LoginBackend = {
      ...rest,
      registrationOptions: async (input, options) => ({ ...(await rest.registrationOptions(input, options)), challenge: '***' }),
    };
    const login = await LoginHarness.create({ mode: 'signup', backend: backend as never });
    await login.fill('Email', uniqueEmail());
    await login.click('Create a passkey');
    await login.waitForHeading('Unexpected answer');
    expect(login.alert()).to.equal('The server sent an unexpected answer. Please try again later.');
    expect((login.events[0]?.detail as { code: string }).code).to.equal('bad-response');
    expect(await authenticator.credentials()).to.have.length(0);
    await login.click('Back');
    expect(login.heading()).to.equal('Create your account');
  });
});

// Accessibility of every state of both elements, reached the way users reach them: the reference
// backend, the virtual authenticator, and (for the keyboard journeys) real key presses.
import { expect, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { AxeResults } from 'axe-core';
import { createLoginRestBackend, createRestBackend } from '../../src/index.ts';
import { LoginHarness, ProfileHarness, signOutEverywhere, uniqueEmail, type ElementHarness } from '../support/login-harness.ts';
import { VirtualAuthenticator } from '../support/webauthn.ts';

declare global {
  interface Window {
    axe: { run(context: Element, options: object): Promise<AxeResults> };
  }
}

await import('axe-core/axe.min.js');

type Harness = ElementHarness<HTMLElement & { theme: string }>;

/** axe-core on the element, in the light and in the dark theme: no violation of any rule. */
async function expectNoViolations(harness: Harness | LoginHarness | ProfileHarness, state: string): Promise<void> {
  const { element } = harness;
  const original = element.theme;
  try {
    for (const theme of ['light', 'dark']) {
      element.theme = theme;
      await element.updateComplete;
      const { violations, passes } = await window.axe.run(element, { resultTypes: ['violations'] });
      const found = violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
      expect(found, `${state}, ${theme} theme`).to.deep.equal([]);
      // Guards against an axe run that checked nothing (e.g. a closed shadow root).
      expect(passes.some((rule) => rule.id === 'color-contrast'), `${state}: contrast was checked`).to.equal(true);
    }
  } finally {
    element.theme = original;
    await element.updateComplete;
  }
}

/** The element that has the focus, through shadow roots. */
function focused(): Element | null {
  let element = document.activeElement;
  while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
  return element;
}

const nameOf = (element: Element | null) => element?.getAttribute('aria-label') ?? element?.textContent?.trim() ?? '';

/** Presses Tab until a control with this name (aria-label or text) has the focus. */
async function tabTo(name: string | RegExp): Promise<void> {
  const matches = () => (typeof name === 'string' ? nameOf(focused()) === name : name.test(nameOf(focused())));
  for (let presses = 0; presses < 25 && !matches(); presses++) await sendKeys({ press: 'Tab' });
  expect(matches(), `Tab reaches "${name}"; focus is on "${nameOf(focused())}"`).to.equal(true);
}

async function press(key: string, harness: { element: { updateComplete: Promise<unknown> } }): Promise<void> {
  await sendKeys({ press: key });
  await harness.element.updateComplete;
}

async function signedUpAccount(displayName = 'Ada Lovelace'): Promise<string> {
  const login = await LoginHarness.create({ mode: 'signup' });
  const identifier = await login.signUp(uniqueEmail(), displayName);
  login.element.remove();
  return identifier;
}

/** A promise with its resolve function, to hold a backend call in flight. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('accessibility: every state, light and dark, has no axe violation', () => {
  let authenticator: VirtualAuthenticator;

  beforeEach(async () => {
    authenticator = await VirtualAuthenticator.add();
    await signOutEverywhere();
  });

  afterEach(async () => authenticator.remove());

  it('<passkey-login>: loading and "not available here"', async () => {
    const { getClientCapabilities } = PublicKeyCredential;
    const detection = gate();
    PublicKeyCredential.getClientCapabilities = async () => (await detection.opened, getClientCapabilities.call(PublicKeyCredential));
    const pending = document.createElement('passkey-login');
    document.body.append(pending);
    try {
      await pending.updateComplete;
      const loading = new LoginHarness(pending);
      expect(loading.status()).to.equal('Loading…');
      await expectNoViolations(loading, 'loading');
    } finally {
      PublicKeyCredential.getClientCapabilities = getClientCapabilities;
      detection.open();
      pending.remove();
    }

    const original = window.PublicKeyCredential;
    Object.defineProperty(window, 'PublicKeyCredential', { value: undefined, configurable: true, writable: true });
    try {
      const login = await LoginHarness.create();
      expect(login.heading()).to.equal('Passkeys are not available here');
      await expectNoViolations(login, 'unsupported');
    } finally {
      Object.defineProperty(window, 'PublicKeyCredential', { value: original, configurable: true, writable: true });
    }
  });

  it('<passkey-login>: the forms, with and without field errors', async () => {
    const taken = await signedUpAccount();
    await signOutEverywhere();
    const login = await LoginHarness.create();
    await expectNoViolations(login, 'sign-in');
    login.field('Email').form!.requestSubmit();
    await waitUntil(() => login.alert() !== '', 'expected the empty-field error');
    expect(login.field('Email').getAttribute('aria-describedby')).to.equal('identifier-error');
    expect(login.field('Email').getAttribute('aria-invalid')).to.equal('true');
    await expectNoViolations(login, 'sign-in, empty identifier');

    await login.fill('Email', uniqueEmail());
    await login.click('Continue');
    await login.waitForHeading('Create your account');
    expect(login.status()).to.contain('There is no account');
    await expectNoViolations(login, 'sign-up offered for an unknown identifier');

    await login.fill('Email', taken);
    await login.click('Create a passkey');
    await waitUntil(() => login.alert() !== '', 'expected "identifier taken"');
    expect(login.field('Email').getAttribute('aria-invalid')).to.equal('true');
    await expectNoViolations(login, 'sign-up, identifier taken');
  });

  it('<passkey-login>: waiting, verifying, signed in, sign-out failing, cancelled, failed', async () => {
    await authenticator.setPresence(false);
    const rest = createLoginRestBackend('/api/passkeys');
    const verification = gate();
    const backend = {
      ...rest,
      verifyRegistration: async (...args: Parameters<typeof rest.verifyRegistration>) => (await verification.opened, rest.verifyRegistration(...args)),
      signOut: async () => {
        throw new TypeError('Failed to fetch');
      },
    };
    const login = await LoginHarness.create({ mode: 'signup', backend });
    await login.fill('Email', uniqueEmail());
    await login.click('Create a passkey');
    await login.waitForHeading('Create your passkey');
    expect(login.status()).to.contain('Your device will ask');
    await expectNoViolations(login, 'waiting for the authenticator');

    await login.click('Cancel');
    await authenticator.setPresence(true);
    await login.click('Create a passkey');
    await waitUntil(() => login.status() === 'Checking your passkey…', `expected verifying; saw "${login.status()}"`);
    await expectNoViolations(login, 'verifying');
    verification.open();
    await login.waitForEvent('passkey-signed-in');
    await expectNoViolations(login, 'signed in');
    await login.click('Sign out');
    await waitUntil(() => login.alert() !== '', 'expected the sign-out failure');
    await expectNoViolations(login, 'signed in, signing out failed');
    login.element.remove();

    await signOutEverywhere();
    await authenticator.setUserVerified(false);
    const cancelled = await LoginHarness.create();
    await cancelled.click('Sign in with a passkey');
    await cancelled.waitForHeading('Nothing happened');
    await expectNoViolations(cancelled, 'cancelled');
    cancelled.element.remove();

    const failed = await LoginHarness.create({ api: '/broken/passkeys' });
    await failed.fill('Email', uniqueEmail());
    await failed.click('Continue');
    await failed.waitForHeading('Something went wrong');
    await expectNoViolations(failed, 'failed');
  });

  it('<passkey-profile>: loading, signed out, load failed', async () => {
    const rest = createRestBackend('/api/passkeys');
    const loaded = gate();
    const pending = document.createElement('passkey-profile');
    pending.backend = { ...rest, account: async (...args: Parameters<typeof rest.account>) => (await loaded.opened, rest.account(...args)) };
    document.body.append(pending);
    try {
      await pending.updateComplete;
      const loading = new ProfileHarness(pending);
      expect(loading.status()).to.equal('Loading…');
      await expectNoViolations(loading, 'loading');
    } finally {
      loaded.open();
      pending.remove();
    }

    const signedOut = await ProfileHarness.create();
    expect(signedOut.heading()).to.equal('You are signed out');
    await expectNoViolations(signedOut, 'signed out');
    signedOut.element.remove();

    const failed = await ProfileHarness.create('/broken/passkeys');
    await waitUntil(() => failed.alert() !== '', 'expected the load failure');
    await expectNoViolations(failed, 'load failed');
  });

  it('<passkey-profile>: the account, its notices, renaming, adding, the dialogs', async () => {
    await signedUpAccount();
    const profile = await ProfileHarness.create();
    expect(profile.heading()).to.equal('Your passkeys');
    await expectNoViolations(profile, 'ready');

    const [only] = profile.passkeyNames();
    await profile.clickIn(profile.passkeyCard(only!), 'Rename');
    await expectNoViolations(profile, 'renaming');
    await profile.fill('Passkey name', 'Laptop');
    profile.field('Passkey name').form!.requestSubmit();
    await waitUntil(() => profile.status() === 'Passkey renamed.', 'expected "Passkey renamed."');
    await expectNoViolations(profile, 'a done notice');

    await profile.clickIn(profile.passkeyCard('Laptop'), 'Remove');
    await waitUntil(() => profile.alert() !== '', 'expected "only passkey"');
    await expectNoViolations(profile, 'an error notice');

    // A second passkey on a security key, first left waiting for a touch: the ceremony note.
    await authenticator.remove();
    authenticator = await VirtualAuthenticator.add({ transport: 'usb' });
    await authenticator.setPresence(false);
    await profile.click('Add a passkey');
    await waitUntil(() => profile.status().startsWith('Your device will ask'), 'expected the ceremony note');
    await expectNoViolations(profile, 'adding a passkey');
    await profile.click('Cancel');
    await authenticator.setPresence(true);
    await profile.click('Add a passkey');
    await waitUntil(() => profile.status() === 'Passkey added.', 'expected "Passkey added."');

    await profile.clickIn(profile.passkeyCard('Laptop'), 'Remove');
    expect(profile.passkeyCard('Laptop').querySelector('dialog')!.open).to.equal(true);
    await expectNoViolations(profile, 'confirm removing a passkey');
    await profile.click('Keep it');

    await profile.click('Delete account');
    expect(profile.root.querySelector('dialog')!.open).to.equal(true);
    await expectNoViolations(profile, 'confirm deleting the account');
    await profile.click('Cancel');
    expect(profile.root.querySelector('dialog')).to.equal(null);
  });

  it('<passkey-profile>: confirming it is you, and the account deleted', async () => {
    await signedUpAccount();
    const profile = await ProfileHarness.create('/api-strict/passkeys');
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await authenticator.setPresence(false);
    await profile.click('Delete account');
    await profile.click('Delete my account');
    await waitUntil(() => profile.status().startsWith('Confirm it is you'), 'expected the re-authentication prompt');
    await expectNoViolations(profile, 're-authenticating');
    await profile.click('Cancel');

    await authenticator.setPresence(true);
    await profile.click('Delete account');
    await profile.click('Delete my account');
    await profile.waitForHeading('Your account was deleted.');
    await expectNoViolations(profile, 'deleted');
  });
});

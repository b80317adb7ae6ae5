// Accessibility of every state of both elements, reached the way users reach them: the reference
// backend, the virtual authenticator, and (for the keyboard journeys) real key presses.
import { expect, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { expectNoViolations, focused, nameOf, press, tabTo } from '../support/a11y.ts';
import { createRestBackend } from '../../src/index.ts';
import { LoginHarness, ProfileHarness, signOutEverywhere, uniqueEmail } from '../support/login-harness.ts';
import { VirtualAuthenticator } from '../support/webauthn.ts';

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

  it('<passkey-login>: the form while detection is under way, and "not available here"', async () => {
    const { getClientCapabilities } = PublicKeyCredential;
    const detection = gate();
    PublicKeyCredential.getClientCapabilities = async () => (await detection.opened, getClientCapabilities.call(PublicKeyCredential));
    const pending = document.createElement('passkey-login');
    document.body.append(pending);
    try {
      await pending.updateComplete;
      // The first render is the form: autofill support is detected behind it.
      const detecting = new LoginHarness(pending);
      expect(detecting.heading()).to.equal('Sign in');
      await expectNoViolations(detecting, 'detecting');
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
    const rest = createRestBackend('/api/passkeys');
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
    await cancelled.waitForHeading('Passkey not used');
    await expectNoViolations(cancelled, 'cancelled');
    cancelled.element.remove();

    const failed = await LoginHarness.create({ api: '/broken/passkeys' });
    await failed.fill('Email', uniqueEmail());
    await failed.click('Continue');
    await failed.waitForHeading('Server problem');
    await expectNoViolations(failed, 'failed');
  });

  it('both elements in Arabic, right to left: the forms, the profile and its delete dialog', async () => {
    await signedUpAccount();
    const profile = await ProfileHarness.create();
    profile.element.lang = 'ar';
    await waitUntil(() => profile.element.getAttribute('dir') === 'rtl', 'expected the Arabic layout');
    await profile.element.updateComplete;
    await expectNoViolations(profile, 'the profile, in Arabic');
    profile.root.querySelector<HTMLButtonElement>('[part~="danger-zone"] button')!.click();
    await waitUntil(() => profile.root.querySelector('dialog[open]'), 'expected the dialog');
    await expectNoViolations(profile, 'the delete dialog, in Arabic');
    profile.root.querySelector<HTMLButtonElement>('dialog button[autofocus]')!.click();
    profile.element.remove();

    await signOutEverywhere();
    const login = await LoginHarness.create();
    login.element.lang = 'ar';
    await waitUntil(() => login.element.getAttribute('dir') === 'rtl', 'expected the Arabic layout');
    await login.element.updateComplete;
    await expectNoViolations(login, 'sign-in, in Arabic');
    login.root.querySelector('form')!.requestSubmit();
    await waitUntil(() => login.alert() !== '', 'expected the empty-field error');
    await expectNoViolations(login, 'sign-in with an error, in Arabic');
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

    await profile.click('Change name');
    await expectNoViolations(profile, 'changing the display name');
    await profile.fill('Your name', 'Ada King');
    profile.field('Your name').form!.requestSubmit();
    await waitUntil(() => profile.status() === 'Name changed.', `expected "Name changed."; saw "${profile.status()}"`);
    await expectNoViolations(profile, 'name changed');

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
    await waitUntil(() => profile.status() === 'Passkey created. It is saved on your security key: next time, sign in with the key.', 'expected "Passkey created."');

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

describe('accessibility: keyboard alone, and where the focus goes', () => {
  let authenticator: VirtualAuthenticator;

  beforeEach(async () => {
    authenticator = await VirtualAuthenticator.add();
    await signOutEverywhere();
  });

  afterEach(async () => authenticator.remove());

  it('signs up, out, and in with the passkey button and identifier-first, with key presses only', async () => {
    const login = await LoginHarness.create();
    const identifier = uniqueEmail();
    await tabTo('Create an account');
    await press('Enter', login);
    expect(login.heading()).to.equal('Create your account');
    expect(focused()?.tagName, 'the new screen heading has the focus').to.equal('H2');
    await tabTo(/^$/); // the e-mail field: an input has no text
    expect(focused()).to.equal(login.field('Email'));
    await sendKeys({ type: identifier });
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal(login.field('Your name (optional)'));
    await sendKeys({ type: 'Katherine Johnson' });
    await press('Enter', login);
    await login.waitForHeading('Welcome, Katherine Johnson');
    expect(nameOf(focused())).to.equal('Welcome, Katherine Johnson');

    await tabTo('Sign out');
    await press('Enter', login);
    await login.waitForHeading('Sign in');
    expect(nameOf(focused())).to.equal('Sign in');
    await tabTo('Sign in with a passkey');
    await press('Enter', login);
    await login.waitForHeading('Welcome, Katherine Johnson');
    expect(nameOf(focused())).to.equal('Welcome, Katherine Johnson');

    await tabTo('Sign out');
    await press('Enter', login);
    await login.waitForHeading('Sign in');
    await sendKeys({ press: 'Tab' });
    await tabTo(/^$/);
    await sendKeys({ type: identifier });
    await press('Enter', login);
    await login.waitForHeading('Welcome, Katherine Johnson');
    expect(login.eventTypes()).to.deep.equal(['passkey-signed-up', 'passkey-signed-in', 'passkey-signed-out', 'passkey-signed-in', 'passkey-signed-out', 'passkey-signed-in']);
  });

  it('a rejected field gets the focus, is marked invalid and described by its error', async () => {
    const login = await LoginHarness.create();
    await tabTo('Continue');
    await press('Enter', login);
    const field = login.field('Email');
    expect(focused()).to.equal(field);
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    const error = login.root.getElementById(field.getAttribute('aria-describedby')!);
    expect(error?.getAttribute('role')).to.equal('alert');
    expect(error?.textContent?.trim()).to.equal(login.alert());
  });

  it('the profile with the keyboard: rename returns the focus, dialogs trap it and give it back', async () => {
    await signedUpAccount('Mary Jackson');
    const profile = await ProfileHarness.create();
    const [name] = profile.passkeyNames();

    await tabTo(`Rename ${name}`);
    await press('Enter', profile);
    expect(focused()).to.equal(profile.field('Passkey name'));
    await sendKeys({ type: 'Desk' });
    await press('Enter', profile);
    await waitUntil(() => profile.status() === 'Passkey renamed.', 'expected "Passkey renamed."');
    expect(nameOf(focused()), 'back on the Rename button').to.equal('Rename Desk');

    await tabTo('Change name');
    await press('Enter', profile);
    expect(focused()).to.equal(profile.field('Your name'));
    await sendKeys({ type: 'Mary W. Jackson' });
    await press('Enter', profile);
    await waitUntil(() => profile.status() === 'Name changed.', 'expected "Name changed."');
    expect(nameOf(focused()), 'back on the Change name button').to.equal('Change name');

    await tabTo('Delete account');
    await press('Enter', profile);
    const dialog = profile.root.querySelector('dialog')!;
    expect(dialog.open).to.equal(true);
    expect(nameOf(focused()), 'the safe choice has the focus').to.equal('Cancel');
    for (let presses = 0; presses < 4; presses++) {
      await sendKeys({ press: 'Tab' });
      const inside = focused();
      // Chromium lets Tab leave a modal dialog only for the browser's own controls (the page body here), never for the page.
      expect(inside === document.body || dialog.contains(inside), `Tab stays in the dialog; on "${nameOf(inside)}"`).to.equal(true);
    }
    await press('Escape', profile);
    expect(profile.root.querySelector('dialog')).to.equal(null);
    expect(nameOf(focused()), 'back on the opener').to.equal('Delete account');

    await press('Enter', profile);
    await tabTo('Delete my account');
    await press('Enter', profile);
    await profile.waitForHeading('Your account was deleted.');
    expect(nameOf(focused())).to.equal('Your account was deleted.');
  });
});

describe('theming', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' }));

  const colourOf = (element: Element) => getComputedStyle(element).color;

  it('follows the system colour scheme unless the theme attribute says otherwise', async () => {
    const login = await LoginHarness.create();
    expect(login.element.getAttribute('theme'), 'reflected').to.equal('auto');
    await emulateMedia({ colorScheme: 'light' });
    expect(colourOf(login.element)).to.equal('rgb(31, 35, 40)');
    await emulateMedia({ colorScheme: 'dark' });
    expect(colourOf(login.element)).to.equal('rgb(230, 237, 243)');
    login.element.setAttribute('theme', 'light');
    expect(colourOf(login.element)).to.equal('rgb(31, 35, 40)');
    await emulateMedia({ colorScheme: 'light' });
    login.element.theme = 'dark';
    await login.element.updateComplete;
    expect(login.element.getAttribute('theme')).to.equal('dark');
    expect(colourOf(login.element)).to.equal('rgb(230, 237, 243)');
    expect(getComputedStyle(login.element).backgroundColor).to.equal('rgb(13, 17, 23)');
  });

  it('a public token overrides its default in both schemes', async () => {
    const login = await LoginHarness.create();
    login.element.style.setProperty('--passkey-color-accent', 'rgb(1, 2, 3)');
    for (const theme of ['light', 'dark'] as const) {
      login.element.theme = theme;
      await login.element.updateComplete;
      expect(getComputedStyle(login.button('Continue')).color).to.equal('rgb(1, 2, 3)');
    }
  });

  it('stops the spinner when the system asks for reduced motion', async () => {
    const authenticator = await VirtualAuthenticator.add({ automaticPresenceSimulation: false });
    try {
      const login = await LoginHarness.create();
      await login.click('Sign in with a passkey');
      const spinner = () => getComputedStyle(login.root.querySelector('.busy')!, '::before').animationName;
      expect(spinner()).to.equal('spin');
      await emulateMedia({ reducedMotion: 'reduce' });
      expect(spinner()).to.equal('none');
      await login.click('Cancel');
    } finally {
      await authenticator.remove();
    }
  });

  it('<passkey-login>: each form as tall as it needs, the screens after it as tall as the form', async () => {
    const authenticator = await VirtualAuthenticator.add();
    await signOutEverywhere();
    try {
      const login = await LoginHarness.create();
      const heights = new Map<string, number>();
      const measure = (screen: string) => heights.set(screen, login.element.getBoundingClientRect().height);
      measure('sign-in');
      await login.click('Create an account');
      measure('sign-up');
      await authenticator.setPresence(false);
      await login.fill('Email', uniqueEmail());
      await login.click('Create a passkey');
      await login.waitForHeading('Create your passkey');
      measure('waiting');
      await login.click('Cancel');
      await authenticator.setPresence(true);
      await login.click('Create a passkey');
      await login.waitForEvent('passkey-signed-in');
      measure('signed in');
      await authenticator.setUserVerified(false);
      await login.element.signOut();
      await login.click('Sign in with a passkey');
      await login.waitForHeading('Passkey not used');
      measure('cancelled');
      const seen = JSON.stringify(Object.fromEntries(heights));
      // No fixed block: the sign-in form, shorter than the sign-up form, is shorter on screen too.
      expect(heights.get('sign-in')!, seen).to.be.below(heights.get('sign-up')! - 20);
      // Nothing below the element moves while an attempt runs: each screen keeps the height of the form it came from.
      expect(heights.get('waiting'), seen).to.equal(heights.get('sign-up'));
      expect(heights.get('signed in'), seen).to.equal(heights.get('sign-up'));
      expect(heights.get('cancelled'), seen).to.equal(heights.get('sign-in'));
    } finally {
      await authenticator.remove();
    }
  });
});

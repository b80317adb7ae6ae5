// Two flows that once misled: a fresh passkey check asked for inside a confirmation dialog (its note
// and Cancel must be in the dialog, and Escape or Cancel must give the page back), and a passkey or
// code the server is checking (no Cancel then: the server may already have acted on it). Real
// Chromium, real key presses, the virtual authenticator and the reference server.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { PasskeyLogin, PasskeyProfile } from '../../src/index.ts';
import type { PasskeyBackend } from '../../src/core/backend.ts';
import { createRestBackend } from '../../src/core/rest-backend.ts';
import { focused, nameOf } from '../support/a11y.ts';
import { LoginHarness, ProfileHarness, signOutEverywhere, uniqueEmail } from '../support/login-harness.ts';
import { mailedCode } from '../support/mail.ts';
import { VirtualAuthenticator } from '../support/webauthn.ts';

/** Behind /api-strict a sensitive act needs a fresh check once two seconds have passed since the last one. */
const strictApi = '/api-strict/passkeys';
const pastTheWindow = () => new Promise((resolve) => setTimeout(resolve, 2_100));

async function signUp(): Promise<string> {
  const login = await LoginHarness.create({ mode: 'signup' });
  const email = await login.signUp(uniqueEmail());
  login.element.remove();
  return email;
}

async function account(): Promise<{ user: { identifier: string } | null; passkeys: unknown[]; sessions: unknown[] }> {
  return (await fetch('/api/passkeys/account', { credentials: 'include' })).json();
}

/** A gate a backend call waits at after the server answered it: the screen shows the check meanwhile. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  let reached = false;
  return {
    open,
    get reached() {
      return reached;
    },
    /** The server's answer, held until `open()`. */
    async hold<Result>(answer: Promise<Result>): Promise<Result> {
      const result = await answer;
      reached = true;
      await opened;
      return result;
    },
  };
}

/** Enter on a button, as a keyboard user does: the focus first, then the key. */
async function pressOn(harness: ProfileHarness, button: HTMLButtonElement): Promise<void> {
  button.focus();
  await sendKeys({ press: 'Enter' });
  await harness.element.updateComplete;
}

/** The text of every button on screen, disabled ones included. */
const buttonsOf = (root: ParentNode) => [...root.querySelectorAll('button')].map((button) => button.textContent?.trim() ?? '');

describe('the passkey check asked for inside a confirmation dialog', () => {
  let authenticator: VirtualAuthenticator;

  beforeEach(async () => {
    authenticator = await VirtualAuthenticator.add();
    await signOutEverywhere();
  });

  afterEach(async () => authenticator.remove());

  /** Opens the delete dialog and confirms it, past the window: the check waits for a touch that never comes. */
  async function deleteUntilChecked(profile: ProfileHarness): Promise<HTMLDialogElement> {
    await authenticator.setPresence(false);
    await pastTheWindow();
    await pressOn(profile, profile.button('Delete account'));
    const dialog = profile.root.querySelector('dialog')!;
    await pressOn(profile, profile.button('Delete my account'));
    await waitUntil(() => dialog.querySelector('[part="ceremony"]'), 'expected the passkey check in the dialog');
    return dialog;
  }

  function expectUsablePage(profile: ProfileHarness, why: string) {
    expect(profile.root.querySelector('dialog'), `${why}: the dialog is gone`).to.equal(null);
    const disabled = [...profile.root.querySelectorAll('button')].filter((button) => button.disabled).map((button) => button.textContent?.trim());
    expect(disabled, `${why}: no button stays disabled`).to.deep.equal([]);
    expect(nameOf(focused()), `${why}: the focus is back on the button that opened the dialog`).to.equal('Delete account');
  }

  it('the note and Cancel sit inside the open dialog, take the focus, and the dialog shows no pale buttons', async () => {
    const email = await signUp();
    const profile = await ProfileHarness.create(strictApi);
    profile.element.focus();
    const dialog = await deleteUntilChecked(profile);
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal'), 'the dialog is modal: the page behind it is inert').to.equal(true);
    const note = dialog.querySelector('[role="status"]')!;
    expect(note.textContent).to.match(/^Confirm it is you/);
    expect(buttonsOf(dialog)).to.deep.equal(['Cancel']);
    const cancel = dialog.querySelector('button')!;
    expect(cancel.disabled).to.equal(false);
    await waitUntil(() => focused() === cancel, `expected the focus on Cancel; it is on "${nameOf(focused())}"`);
    // Drawn where it is: in the dialog's box, on top (what is hit at its centre is the button itself).
    const box = cancel.getBoundingClientRect();
    expect(box.width).to.be.greaterThan(0);
    const hit = profile.root.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    expect(hit, 'Cancel is on top, not behind the dialog').to.equal(cancel);
    await executeServerCommand('screenshot:element', { selector: 'body', name: 'flow-delete-check-in-dialog' });

    await sendKeys({ press: 'Enter' });
    await profile.element.updateComplete;
    expectUsablePage(profile, 'Cancel pressed with the keyboard');
    expect((await account()).user?.identifier).to.equal(email);
  });

  it('Escape on the focused Cancel gives up the act and gives the page back', async () => {
    const email = await signUp();
    const profile = await ProfileHarness.create(strictApi);
    profile.element.focus();
    const dialog = await deleteUntilChecked(profile);
    await waitUntil(() => dialog.contains(focused()), 'expected the focus in the dialog');
    await sendKeys({ press: 'Escape' });
    await profile.element.updateComplete;
    expectUsablePage(profile, 'Escape');
    expect((await account()).user?.identifier).to.equal(email);
  });

  it('Escape with the focus elsewhere in the dialog (after a click on its text) gives the page back too', async () => {
    const email = await signUp();
    const profile = await ProfileHarness.create(strictApi);
    profile.element.focus();
    const dialog = await deleteUntilChecked(profile);
    // A click on the question moves the focus off Cancel: the dialog's own Escape handling answers then.
    (focused() as HTMLElement).blur();
    expect(dialog.contains(focused())).to.equal(false);
    await sendKeys({ press: 'Escape' });
    await profile.element.updateComplete;
    await waitUntil(() => profile.root.querySelector('dialog') === null, `expected the dialog to close with the act; buttons: ${buttonsOf(profile.root)}`);
    const disabled = [...profile.root.querySelectorAll('button')].filter((button) => button.disabled);
    expect(disabled.map((button) => button.textContent?.trim()), 'no button stays disabled').to.deep.equal([]);
    await executeServerCommand('screenshot:element', { selector: 'body', name: 'flow-delete-after-escape' });
    // A touch now would have nothing to answer: the ceremony ended with the act.
    await authenticator.setPresence(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await account()).user?.identifier, 'the account is still there').to.equal(email);
    expect(profile.events.some((event) => event.type === 'passkey-account-deleted')).to.equal(false);
  });

  it('removing a passkey: the check is in its dialog, and Escape gives the page back', async () => {
    await signUp();
    // A second passkey, on a security key, so that one may be removed.
    await authenticator.remove();
    authenticator = await VirtualAuthenticator.add({ transport: 'usb' });
    const profile = await ProfileHarness.create(strictApi);
    await profile.click('Add a passkey');
    await waitUntil(() => profile.passkeyNames().length === 2, `expected two passkeys; status "${profile.status()}"`);
    await authenticator.setPresence(false);
    await pastTheWindow();
    const [first] = profile.passkeyNames();
    const card = profile.passkeyCard(first!);
    profile.element.focus();
    await pressOn(profile, card.querySelector<HTMLButtonElement>('button[aria-label^="Remove"]')!);
    const dialog = card.querySelector('dialog')!;
    await pressOn(profile, [...dialog.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Remove')!);
    await waitUntil(() => dialog.querySelector('[part="ceremony"]'), 'expected the passkey check in the dialog');
    expect(dialog.open).to.equal(true);
    expect(buttonsOf(dialog)).to.deep.equal(['Cancel']);
    await sendKeys({ press: 'Escape' });
    await profile.element.updateComplete;
    expect(profile.root.querySelector('dialog')).to.equal(null);
    expect(profile.passkeyNames()).to.have.length(2);
    expect(nameOf(focused())).to.equal(`Remove ${first}`);
  });

  it('signing out other sessions and changing the email: the check shows in their section, and Cancel gives the page back', async () => {
    const email = await signUp();
    // Another session of the same account, as another browser would have (no cookie for this page).
    const profile = await ProfileHarness.create(strictApi);
    await authenticator.setPresence(false);
    await pastTheWindow();
    await profile.click('Change email');
    await profile.fill('New email address', uniqueEmail());
    profile.field('New email address').form!.requestSubmit();
    const accountSection = profile.root.querySelector('section[aria-labelledby="account-title"]')!;
    await waitUntil(() => accountSection.querySelector('[part="ceremony"]'), `expected the check in the account section; status "${profile.status()}"`);
    expect(profile.root.querySelector('dialog'), 'no dialog is involved').to.equal(null);
    await profile.clickIn(accountSection.querySelector('[part="ceremony"]')!, 'Cancel');
    expect(profile.root.querySelector('[part="ceremony"]')).to.equal(null);
    expect([...profile.root.querySelectorAll('button')].some((button) => button.disabled), 'no button stays disabled').to.equal(false);
    expect((await account()).user?.identifier).to.equal(email);
  });
});

describe('no Cancel once the authenticator has answered', () => {
  let authenticator: VirtualAuthenticator;

  beforeEach(async () => {
    authenticator = await VirtualAuthenticator.add();
    await signOutEverywhere();
  });

  afterEach(async () => authenticator.remove());

  it('sign-up: "Checking your passkey…" offers no Cancel while the server creates the account, then signs in', async () => {
    const held = gate();
    const rest = createRestBackend('/api/passkeys');
    const backend: PasskeyBackend = { ...rest, verifyRegistration: (response, options) => held.hold(rest.verifyRegistration(response, options)) };
    const element = await fixture<PasskeyLogin>(html`<passkey-login mode="signup" no-autofill .backend=${backend}></passkey-login>`);
    const login = new LoginHarness(element);
    await login.waitForHeading('Create your account');
    const email = uniqueEmail();
    await login.fill('Email', email);
    await login.click('Create a passkey');
    await waitUntil(() => held.reached, 'expected the server to answer the new passkey');
    await element.updateComplete;
    // The account exists and this page holds its session: the screen must not offer to undo that.
    expect((await account()).user?.identifier).to.equal(email);
    expect(login.status()).to.equal('Checking your passkey…');
    expect(buttonsOf(login.root), 'no Cancel while the server checks the passkey').to.deep.equal([]);
    await executeServerCommand('screenshot:element', { selector: 'passkey-login', name: 'flow-sign-up-checking' });
    held.open();
    await login.waitForEvent('passkey-signed-up');
    expect(login.eventTypes()).to.include('passkey-signed-in');
  });

  it('sign-in: "Checking your passkey…" offers no Cancel while the server checks the passkey', async () => {
    const email = await signUp();
    await signOutEverywhere();
    const held = gate();
    const rest = createRestBackend('/api/passkeys');
    const backend: PasskeyBackend = { ...rest, verifyLogin: (response, options) => held.hold(rest.verifyLogin(response, options)) };
    const element = await fixture<PasskeyLogin>(html`<passkey-login no-autofill .backend=${backend}></passkey-login>`);
    const login = new LoginHarness(element);
    await login.waitForHeading('Sign in');
    await login.click('Sign in with a passkey');
    await waitUntil(() => held.reached, 'expected the server to answer the passkey');
    await element.updateComplete;
    expect(login.status()).to.equal('Checking your passkey…');
    expect(buttonsOf(login.root)).to.deep.equal([]);
    held.open();
    await login.waitForEvent('passkey-signed-in');
    expect((await account()).user?.identifier).to.equal(email);
  });

  it('adding a passkey in the profile: the check after the device answered offers no Cancel, and the passkey shows', async () => {
    await signUp();
    await authenticator.remove();
    authenticator = await VirtualAuthenticator.add({ transport: 'usb' });
    const held = gate();
    const rest = createRestBackend('/api/passkeys');
    const backend: PasskeyBackend = { ...rest, addPasskey: (response, options) => held.hold(rest.addPasskey(response, options)) };
    const element = await fixture<PasskeyProfile>(html`<passkey-profile .backend=${backend}></passkey-profile>`);
    const profile = new ProfileHarness(element);
    await waitUntil(() => profile.passkeyNames().length === 1, 'expected the account');
    await profile.click('Add a passkey');
    await waitUntil(() => held.reached, 'expected the server to save the passkey');
    await element.updateComplete;
    expect((await account()).passkeys).to.have.length(2);
    const note = profile.root.querySelector('[part="ceremony"]')!;
    expect(note.textContent).to.contain('Checking your passkey…');
    expect(buttonsOf(note), 'no Cancel while the server saves the passkey').to.deep.equal([]);
    held.open();
    await profile.waitForEvent('passkey-created');
    expect(profile.passkeyNames()).to.have.length(2);
  });

  it('verifying the email address in the profile: no Cancel, and Escape changes nothing, while the server checks the code', async () => {
    const email = await signUp();
    const held = gate();
    const rest = createRestBackend('/api/passkeys');
    const backend: PasskeyBackend = { ...rest, confirmEmail: (input, options) => held.hold(rest.confirmEmail!(input, options)) };
    const element = await fixture<PasskeyProfile>(html`<passkey-profile .backend=${backend}></passkey-profile>`);
    const profile = new ProfileHarness(element);
    await waitUntil(() => profile.passkeyNames().length === 1, 'expected the account');
    const sent = Date.now();
    await profile.click('Verify email address');
    await waitUntil(() => profile.root.querySelector('#code'), 'expected the code form', { timeout: 10_000 });
    const { code } = await mailedCode(email, sent);
    profile.field('6-digit code').focus();
    await sendKeys({ type: code });
    await waitUntil(() => held.reached, 'expected the server to check the code');
    await element.updateComplete;
    const form = profile.root.querySelector('form.code')!;
    expect(buttonsOf(form), 'no Cancel while the code is checked').not.to.include('Cancel');
    await sendKeys({ press: 'Escape' });
    await element.updateComplete;
    expect(profile.root.querySelector('form.code'), 'Escape leaves the form while the server checks').to.equal(form);
    held.open();
    await profile.waitForEvent('passkey-account-updated');
    expect(profile.root.textContent).to.contain('Verified');
  });
});

import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { startAuthentication, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import type { PasskeyProfile } from '../../src/index.ts';
import { createRestBackend } from '../../src/core/rest-backend.ts';
import { LoginHarness, ProfileHarness, apiRequests, signOutEverywhere, uniqueEmail } from '../support/login-harness.ts';
import { VirtualAuthenticator } from '../support/webauthn.ts';

performance.setResourceTimingBufferSize(10_000);

/** Signs up through `<passkey-login>` and leaves the page signed in. */
async function signUp(displayName = 'Ada Lovelace'): Promise<string> {
  const login = await LoginHarness.create({ mode: 'signup' });
  const identifier = await login.signUp(uniqueEmail(), displayName);
  login.element.remove();
  return identifier;
}

/** Signs in as another browser would: requests without this page's cookies, whose answer sets none here. */
async function signInElsewhere(identifier: string): Promise<void> {
  const post = (path: string, body: unknown) =>
    fetch(`/api/passkeys${path}`, { method: 'POST', credentials: 'omit', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const optionsJSON = (await (await post('/login/options', { identifier })).json()) as PublicKeyCredentialRequestOptionsJSON;
  const response = await post('/login/verify', await startAuthentication({ optionsJSON }));
  expect(response.status).to.equal(200);
}

async function waitForNotice(profile: ProfileHarness, text: string) {
  const shown = () => profile.root.querySelector('[role="status"], [role="alert"]')?.textContent?.trim();
  // Generous: under a parallel run a ceremony can take longer than waitUntil's default second.
  await waitUntil(() => shown() === text, `expected notice "${text}"`, { timeout: 5_000 }).catch((error: Error) => {
    throw new Error(`${error.message}; shown: "${shown()}", requests: ${apiRequests().slice(-5).join(' ')}`);
  });
}

/** The name form stays open with what was typed, the error tied to the field, which has the focus. */
async function expectInvalidName(profile: ProfileHarness, label: string, typed: string, message: string) {
  await profile.element.updateComplete; // the submission's own render, which clears the last error
  const input = profile.field(label);
  await waitUntil(() => input.getAttribute('aria-invalid') === 'true', `expected "${label}" to be marked invalid`, { timeout: 5_000 });
  expect(input.isConnected).to.equal(true);
  expect(input.value).to.equal(typed);
  const error = profile.root.getElementById(input.getAttribute('aria-describedby')!)!;
  expect(error.getAttribute('role')).to.equal('alert');
  expect(error.textContent!.trim()).to.equal(message);
  expect(input.form!.contains(error)).to.equal(true);
  expect(profile.root.activeElement).to.equal(input);
}

/** Presses Escape in a field the way a keyboard does: the keydown bubbles from the focused input. */
function pressEscape(input: HTMLInputElement) {
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
}

describe('<passkey-profile> against the reference backend', () => {
  let authenticator: VirtualAuthenticator;

  beforeEach(async () => {
    authenticator = await VirtualAuthenticator.add();
    await signOutEverywhere();
  });

  afterEach(async () => authenticator.remove());

  it('says so when nobody is signed in, and fires passkey-signed-out', async () => {
    const profile = await ProfileHarness.create();
    expect(profile.heading()).to.equal('You are signed out');
    expect(profile.eventTypes()).to.deep.equal(['passkey-signed-out']);
    expect(profile.root.querySelector('[part="passkey-list"]')).to.equal(null);
    await expect(profile.element).to.be.accessible();
  });

  it('renders the account in one request: the passkey, where it lives, and this session', async () => {
    await signUp();
    const started = performance.now();
    const profile = await ProfileHarness.create();
    expect(apiRequests(started)).to.deep.equal(['/api/passkeys/account']);
    expect(profile.heading()).to.equal('Your passkeys');
    expect(profile.passkeyNames()).to.have.length(1);
    const card = profile.root.querySelector('[part="passkey-item"]')!;
    expect(card.textContent).to.contain('On one device only');
    expect(card.textContent).to.contain('Used for this sign-in');
    const today = new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(new Date());
    expect(card.textContent!.replace(/\s+/g, ' ')).to.match(new RegExp(`On one device only, created ${today}, last used (now|\\d+ seconds? ago)`));
    expect(profile.sessionItems()).to.have.length(1);
    expect(profile.sessionItems()[0]!.textContent).to.contain('This device');
    expect(profile.sessionItems()[0]!.textContent).to.contain('Chrome');
    await expect(profile.element).to.be.accessible();
  });

  it('refuses a second passkey on the same authenticator, then adds one on a security key', async () => {
    await signUp();
    const profile = await ProfileHarness.create();
    await profile.click('Add a passkey');
    await waitForNotice(profile, 'This device already has a passkey for your account. To add another, choose a security key or another device when your browser asks.');
    expect(profile.passkeyNames()).to.have.length(1);

    // Only one internal authenticator per page: the second device is a USB security key.
    await authenticator.remove();
    authenticator = await VirtualAuthenticator.add({ transport: 'usb' });
    const started = performance.now();
    await profile.click('Add a passkey');
    await waitForNotice(profile, 'Passkey created. It is saved on your security key: next time, sign in with the key.');
    expect(apiRequests(started)).to.deep.equal(['/api/passkeys/passkeys/options', '/api/passkeys/passkeys']);
    expect(profile.passkeyNames()).to.have.length(2);
    expect(profile.root.querySelector('[part="passkey-item"]')!.textContent).to.contain('On a security key');
    expect(profile.eventTypes()).to.include('passkey-created');
  });

  it('renames a passkey inline, validating the name on both sides and keeping the form open when it is invalid', async () => {
    await signUp();
    const profile = await ProfileHarness.create();
    const [name] = profile.passkeyNames();
    await profile.clickIn(profile.passkeyCard(name!), 'Rename');
    expect(profile.field('Passkey name').value).to.equal(name);
    await expect(profile.element).to.be.accessible();
    // U+0085 is a control character: the rules the server applies refuse it here already.
    for (const typed of ['   ', 'x'.repeat(65), 'Work\u0085laptop']) {
      const checkedHere = performance.now();
      await profile.fill('Passkey name', typed);
      profile.field('Passkey name').form!.requestSubmit();
      await expectInvalidName(profile, 'Passkey name', typed, 'Use 1 to 64 characters for the name.');
      expect(apiRequests(checkedHere), 'checked before any request').to.deep.equal([]);
    }
    await expect(profile.element).to.be.accessible();
    expect(profile.root.querySelector('section > [role="alert"]'), 'no second copy above the list').to.equal(null);

    await profile.fill('Passkey name', '  Work laptop  ');
    const started = performance.now();
    profile.field('Passkey name').form!.requestSubmit();
    await waitForNotice(profile, 'Passkey renamed.');
    expect(profile.passkeyNames()).to.deep.equal(['Work laptop']);
    expect(apiRequests(started)).to.have.length(1);
    const account = await (await fetch('/api/passkeys/account')).json();
    expect(account.passkeys[0].name).to.equal('Work laptop');
  });

  it('keeps the name form open the same way when the server refuses the name', async () => {
    await signUp();
    // A backend whose server is stricter than the element: it sends what the server refuses.
    const rest = createRestBackend('/api/passkeys');
    const backend = { ...rest, renamePasskey: (id: string, name: string, options?: { signal?: AbortSignal }) => rest.renamePasskey(id, `${name}\u0085`, options) };
    const element = await fixture<PasskeyProfile>(html`<passkey-profile .backend=${backend}></passkey-profile>`);
    const profile = new ProfileHarness(element);
    await waitUntil(() => profile.passkeyNames().length === 1, 'the account did not load');
    await profile.clickIn(profile.passkeyCard(profile.passkeyNames()[0]!), 'Rename');
    const started = performance.now();
    await profile.fill('Passkey name', 'Work laptop');
    profile.field('Passkey name').form!.requestSubmit();
    await expectInvalidName(profile, 'Passkey name', 'Work laptop', 'Use 1 to 64 characters for the name.');
    expect(apiRequests(started)).to.have.length(1);
    expect(profile.root.querySelector('section > [role="alert"]'), 'no second copy above the list').to.equal(null);
  });

  it('counts a name in characters, not UTF-16 units: 40 emoji are saved', async () => {
    await signUp();
    const profile = await ProfileHarness.create();
    await profile.clickIn(profile.passkeyCard(profile.passkeyNames()[0]!), 'Rename');
    // 40 characters, 80 UTF-16 units: over a UTF-16 limit of 64, within the rules' 64 characters.
    const emoji = '\u{1F511}'.repeat(40);
    expect(emoji.length).to.equal(80);
    await profile.fill('Passkey name', emoji);
    const field = profile.field('Passkey name');
    expect(field.value, 'the field keeps every emoji').to.equal(emoji);
    expect(field.maxLength === -1 || field.maxLength >= emoji.length, 'no UTF-16 maxlength cuts the name off as a person types').to.equal(true);
    const started = performance.now();
    profile.field('Passkey name').form!.requestSubmit();
    await waitForNotice(profile, 'Passkey renamed.');
    expect(apiRequests(started)).to.have.length(1);
    expect(profile.passkeyNames()).to.deep.equal([emoji]);
    const renamed = profile.events.find((event) => event.type === 'passkey-renamed')!;
    expect((renamed.detail as { passkey: { name: string } }).passkey.name).to.equal(emoji);
    const account = await (await fetch('/api/passkeys/account')).json();
    expect(account.passkeys[0].name).to.equal(emoji);
  });

  it('changes the display name inline, checking it here and on the server, and the passkey manager shows it', async () => {
    const identifier = await signUp('Ada Lovelace');
    const profile = await ProfileHarness.create();
    const section = profile.root.querySelector<HTMLElement>('section[aria-labelledby="account-title"]')!;
    expect(section.querySelector('h3')!.textContent).to.equal('Ada Lovelace');
    expect(section.textContent).to.contain(identifier);
    const [stored] = await authenticator.credentials();
    expect([stored!.userName, stored!.userDisplayName]).to.deep.equal([identifier, 'Ada Lovelace']);

    await profile.click('Change name');
    // Keyboard users land in the field, its text selected, ready to type over.
    expect(profile.root.activeElement).to.equal(profile.field('Your name'));
    expect(profile.field('Your name').value).to.equal('Ada Lovelace');
    await expect(profile.element).to.be.accessible();
    await profile.fill('Your name', '   ');
    profile.field('Your name').form!.requestSubmit();
    await expectInvalidName(profile, 'Your name', '   ', 'Use 1 to 64 characters for your name.');
    await profile.fill('Your name', 'Ada\u0085King');
    profile.field('Your name').form!.requestSubmit();
    await expectInvalidName(profile, 'Your name', 'Ada\u0085King', 'Use 1 to 64 characters for your name.');

    // Escape leaves the form, unsaved, and the focus returns to the button that opened it.
    pressEscape(profile.field('Your name'));
    await profile.element.updateComplete;
    expect(section.querySelector('form')).to.equal(null);
    expect(section.querySelector('h3')!.textContent).to.equal('Ada Lovelace');
    expect(profile.root.activeElement?.textContent?.trim()).to.equal('Change name');

    await profile.click('Change name');
    await profile.fill('Your name', '  Ada King  ');
    const started = performance.now();
    profile.field('Your name').form!.requestSubmit();
    await waitForNotice(profile, 'Name changed.');
    expect(apiRequests(started)).to.deep.equal(['/api/passkeys/account']);
    expect(section.querySelector('h3')!.textContent).to.equal('Ada King');
    expect(section.querySelector('[role="status"]')).to.exist;
    const updated = profile.events.find((event) => event.type === 'passkey-account-updated')!;
    expect((updated.detail as { user: { displayName: string } }).user.displayName).to.equal('Ada King');
    const account = await (await fetch('/api/passkeys/account')).json();
    expect(account.user.displayName).to.equal('Ada King');
    // signalCurrentUserDetails: the virtual authenticator renames its entry for this account.
    await waitUntil(async () => (await authenticator.credentials())[0]?.userDisplayName === 'Ada King', 'the passkey manager should show the new name');
    expect((await authenticator.credentials())[0]!.userName).to.equal(identifier);
  });

  it('Escape cancels a rename and returns the focus to its Rename button', async () => {
    await signUp();
    const profile = await ProfileHarness.create();
    const [name] = profile.passkeyNames();
    const card = profile.passkeyCard(name!);
    await profile.clickIn(card, 'Rename');
    await profile.fill('Passkey name', 'Not kept');
    const started = performance.now();
    pressEscape(profile.field('Passkey name'));
    await profile.element.updateComplete;
    expect(card.querySelector('form')).to.equal(null);
    expect(profile.passkeyNames()).to.deep.equal([name]);
    expect(profile.root.activeElement).to.equal(card.querySelector('button[aria-label^="Rename"]'));
    expect(apiRequests(started)).to.deep.equal([]);
  });

  it('shows a prominent card to create a passkey when the account has none, which adds one', async () => {
    await signUp();
    await authenticator.remove();
    authenticator = await VirtualAuthenticator.add({ transport: 'usb' });
    // The server never lets the last passkey go: the account is read through a backend that hides them.
    const rest = createRestBackend('/api/passkeys');
    let hidePasskeys = true;
    const backend = { ...rest, account: async (options?: { signal?: AbortSignal }) => {
      const account = await rest.account(options);
      return hidePasskeys ? { ...account, passkeys: [] } : account;
    } };
    const element = await fixture<PasskeyProfile>(html`<passkey-profile .backend=${backend}></passkey-profile>`);
    const profile = new ProfileHarness(element);
    await waitUntil(() => profile.root.querySelector('[part="empty-card"]'), 'expected the empty card');
    const card = profile.root.querySelector<HTMLElement>('[part="empty-card"]')!;
    expect(card.querySelector('h3')!.textContent).to.equal('Sign in without a password');
    expect(card.textContent).to.contain('You have no passkey yet.');
    expect(card.querySelector('button')!.getAttribute('part')).to.equal('button primary-button');
    expect(profile.root.querySelector('[part="passkey-list"]')).to.equal(null);
    expect([...profile.root.querySelectorAll('button')].some((button) => button.textContent!.trim() === 'Add a passkey')).to.equal(false);
    await expect(profile.element).to.be.accessible();

    hidePasskeys = false;
    await profile.clickIn(card, 'Create a passkey');
    await waitForNotice(profile, 'Passkey created. It is saved on your security key: next time, sign in with the key.');
    expect(profile.eventTypes()).to.include('passkey-created');
    expect(profile.root.querySelector('[part="empty-card"]')).to.equal(null);
    expect(profile.passkeyNames()).to.have.length(1);
  });

  it('without WebAuthn, loads the account and removes passkeys, and says why it cannot add one', async () => {
    await signUp();
    await authenticator.remove();
    authenticator = await VirtualAuthenticator.add({ transport: 'usb' });
    const withWebAuthn = await ProfileHarness.create();
    await withWebAuthn.click('Add a passkey');
    await waitForNotice(withWebAuthn, 'Passkey created. It is saved on your security key: next time, sign in with the key.');
    withWebAuthn.element.remove();

    const original = Object.getOwnPropertyDescriptor(window, 'PublicKeyCredential')!;
    Object.defineProperty(window, 'PublicKeyCredential', { value: undefined, configurable: true, writable: true });
    try {
      const profile = await ProfileHarness.create();
      expect(profile.heading()).to.equal('Your passkeys');
      expect(profile.passkeyNames()).to.have.length(2);
      expect(profile.sessionItems()).to.have.length(1);
      const section = profile.root.querySelector<HTMLElement>('section[aria-labelledby="passkeys-title"]')!;
      expect([...section.querySelectorAll('button')].some((button) => button.textContent!.trim() === 'Add a passkey')).to.equal(false);
      expect(section.textContent).to.contain('Passkeys are not available here');
      expect(section.textContent).to.contain('This browser cannot use passkeys on this page.');
      await expect(profile.element).to.be.accessible();

      const other = [...profile.root.querySelectorAll<HTMLElement>('[part="passkey-item"]')].find((item) => !item.textContent!.includes('Used for this sign-in'))!;
      await profile.clickIn(other, 'Remove');
      await profile.clickIn(other.querySelector('dialog')!, 'Remove');
      await waitForNotice(profile, 'Passkey removed.');
      expect(profile.passkeyNames()).to.have.length(1);
    } finally {
      Object.defineProperty(window, 'PublicKeyCredential', original);
    }
  });

  it('tells the passkey manager which passkeys the account still has, after a removal here and on load', async () => {
    await signUp();
    const profile = await ProfileHarness.create();
    // A second passkey on a security key (one internal authenticator per page), which the signals must then reach.
    await authenticator.remove();
    authenticator = await VirtualAuthenticator.add({ transport: 'usb' });
    const addOn = async () => {
      await profile.click('Add a passkey');
      await waitForNotice(profile, 'Passkey created. It is saved on your security key: next time, sign in with the key.');
      const created = profile.events.filter((event) => event.type === 'passkey-created').at(-1)!;
      return (created.detail as { passkey: { id: string } }).passkey.id;
    };
    const removedHere = await addOn();
    expect((await authenticator.credentials()).map((credential) => credential.userHandle)).to.have.length(1);
    const card = profile.root.querySelector<HTMLElement>(`[data-passkey-id="${removedHere}"]`)!;
    await profile.clickIn(card, 'Remove');
    card.querySelector<HTMLButtonElement>('button.danger')!.click();
    await waitForNotice(profile, 'Passkey removed.');
    await waitUntil(async () => (await authenticator.credentials()).length === 0, 'the removed passkey should leave the security key');

    // Removed elsewhere (here: straight through the API): the key still has it until the profile loads.
    const removedElsewhere = await addOn();
    const response = await fetch(`/api/passkeys/passkeys/${removedElsewhere}`, { method: 'DELETE' });
    expect(response.status).to.equal(204);
    expect(await authenticator.credentials()).to.have.length(1);
    await profile.element.reload();
    await waitUntil(async () => (await authenticator.credentials()).length === 0, 'the passkey removed elsewhere should leave the security key on load');
    expect(profile.passkeyNames()).to.have.length(1);
  });

  it('will not remove the only passkey, and removes one of two after confirmation', async () => {
    await signUp();
    const profile = await ProfileHarness.create();
    const [only] = profile.passkeyNames();
    await profile.clickIn(profile.passkeyCard(only!), 'Remove');
    await waitForNotice(profile, 'This is your only passkey, so it cannot be removed: add another passkey first.');

    await authenticator.remove();
    authenticator = await VirtualAuthenticator.add({ transport: 'usb' });
    await profile.click('Add a passkey');
    await waitForNotice(profile, 'Passkey created. It is saved on your security key: next time, sign in with the key.');
    // Both passkeys may carry the same default name: rename the one this session signed in with.
    const current = [...profile.root.querySelectorAll<HTMLElement>('[part="passkey-item"]')].find((item) => item.textContent!.includes('Used for this sign-in'))!;
    await profile.clickIn(current, 'Rename');
    await profile.fill('Passkey name', 'Old phone');
    profile.field('Passkey name').form!.requestSubmit();
    await waitForNotice(profile, 'Passkey renamed.');

    const card = profile.passkeyCard('Old phone');
    await profile.clickIn(card, 'Remove');
    expect(card.textContent).to.contain('Remove “Old phone”?');
    expect(card.textContent).to.contain('You signed in with this passkey.');
    await expect(profile.element).to.be.accessible();
    const started = performance.now();
    const dialog = card.querySelector('dialog')!;
    expect(dialog.open).to.equal(true);
    await profile.clickIn(dialog, 'Remove');
    await waitForNotice(profile, 'Passkey removed.');
    expect(apiRequests(started)).to.deep.equal([`/api/passkeys/passkeys/${(profile.events.find((event) => event.type === 'passkey-removed')!.detail as { passkeyId: string }).passkeyId}`]);
    expect(profile.passkeyNames()).to.have.length(1);
    expect(profile.passkeyNames()).not.to.include('Old phone');
  });

  it('lists the sessions, signs out another one, then every other one', async () => {
    const identifier = await signUp();
    // Two more sessions, signed in the way other browsers would: a sign-in here would replace this page's own.
    for (let extra = 0; extra < 2; extra++) await signInElsewhere(identifier);
    const profile = await ProfileHarness.create();
    expect(profile.sessionItems()).to.have.length(3);
    const other = profile.sessionItems().find((item) => !item.textContent!.includes('This device'))!;
    await profile.clickIn(other, 'Sign out');
    await waitForNotice(profile, 'Signed out.');
    expect(profile.sessionItems()).to.have.length(2);
    expect(profile.events.find((event) => event.type === 'passkey-session-revoked')).to.exist;

    await profile.click('Sign out of all other devices');
    await waitForNotice(profile, 'Signed out of all other devices.');
    expect(profile.sessionItems()).to.have.length(1);
    const account = await (await fetch('/api/passkeys/account')).json();
    expect(account.sessions).to.have.length(1);
  });

  it('asks for a fresh passkey check inline before a sensitive act, and Cancel leaves things as they were', async () => {
    const identifier = await signUp();
    await signInElsewhere(identifier);

    // Behind /api-strict every sensitive act needs a fresh check; the authenticator answers it at once.
    const profile = await ProfileHarness.create('/api-strict/passkeys');
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const started = performance.now();
    await profile.click('Sign out of all other devices');
    await waitForNotice(profile, 'Signed out of all other devices.');
    expect(apiRequests(started)).to.deep.equal([
      '/api-strict/passkeys/sessions/others', '/api-strict/passkeys/reauthenticate/options',
      '/api-strict/passkeys/reauthenticate/verify', '/api-strict/passkeys/sessions/others',
    ]);
    await authenticator.setPresence(false);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await profile.click('Delete account');
    await profile.click('Delete my account');
    await waitUntil(() => profile.status().startsWith('Confirm it is you'), 'expected the re-authentication prompt');
    await profile.click('Cancel');
    expect(profile.heading()).to.equal('Your passkeys');
    expect(profile.events.some((event) => event.type === 'passkey-account-deleted')).to.equal(false);
    const account = await (await fetch('/api/passkeys/account')).json();
    expect(account.user.identifier).to.equal(identifier);
  });

  it('deletes the account after confirmation; signing in with its passkey then fails clearly', async () => {
    await signUp('Grace Hopper');
    const profile = await ProfileHarness.create();
    await profile.click('Delete account');
    await profile.click('Delete my account');
    await profile.waitForEvent('passkey-account-deleted');
    expect(profile.heading()).to.equal('Your account was deleted.');
    expect((await (await fetch('/api/passkeys/session')).json()).user).to.equal(null);

    const login = await LoginHarness.create();
    await login.click('Sign in with a passkey');
    await login.waitForHeading('Passkey not recognised');
    expect(login.alert()).to.equal('This passkey is not registered here any more. Use another passkey, or create a new account.');
    // signalUnknownCredential told the authenticator to forget the passkey of the deleted account.
    await waitUntil(async () => (await authenticator.credentials()).length === 0, 'the passkey should be forgotten');
  });
});

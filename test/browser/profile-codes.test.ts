// <passkey-profile> with email codes in Chromium: the reference server mails real codes over SMTP to
// the tests' sink, each is read from the received message and typed into the element; passkeys are
// made and used by the CDP virtual authenticator.
import { expect, waitUntil } from '@open-wc/testing';
import { LoginHarness, ProfileHarness, apiRequests, signOutEverywhere, uniqueEmail } from '../support/login-harness.ts';
import { mailCount, mailedCode } from '../support/mail.ts';
import { VirtualAuthenticator } from '../support/webauthn.ts';

performance.setResourceTimingBufferSize(10_000);

const SITE = 'passkey-elements tests';

/** A JSON request to the reference server, as the page's own code would make it; fails the test unless it is answered `ok`. */
async function call(path: string, body: object = {}): Promise<Record<string, unknown>> {
  const response = await fetch(path, { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  expect(response.ok, `${path} answered ${response.status} ${text}`).to.equal(true);
  return text ? JSON.parse(text) : {};
}

async function account(base = '/api/passkeys') {
  return (await fetch(`${base}/account`, { credentials: 'include' })).json();
}

/** Signs up with a passkey through `<passkey-login>`; the address is the identifier, not yet verified. */
async function signUpWithPasskey(): Promise<string> {
  const login = await LoginHarness.create({ mode: 'signup' });
  const email = await login.signUp(uniqueEmail());
  login.element.remove();
  return email;
}

/** Verifies the signed-in account's address through the API, with the code mailed to it. */
async function verifyByApi(email: string, base = '/api/passkeys'): Promise<void> {
  const sent = Date.now();
  await call(`${base}/account/email/code`, { language: 'en' });
  await call(`${base}/account/email/verify`, { email, code: (await mailedCode(email, sent)).code });
}

/** Signs out, then in again with a code mailed to `email` (and a recovery code under the two-factor policy). */
async function signInByCode(email: string, base = '/api/passkeys', recoveryCode?: string) {
  await signOutEverywhere();
  const sent = Date.now();
  await call(`${base}/login/code`, { email, language: 'en' });
  const { code } = await mailedCode(email, sent);
  return call(`${base}/login/code/verify`, { email, code, ...(recoveryCode && { recoveryCode }) });
}

/** An account made by a verified sign-up, signed in by its code, without any passkey yet. */
async function signUpByCode(): Promise<string> {
  await signOutEverywhere();
  const email = uniqueEmail();
  const sent = Date.now();
  await call('/api-verified/passkeys/register/code', { email, displayName: 'Grace Hopper', language: 'en' });
  await call('/api-verified/passkeys/register/code/verify', { email, code: (await mailedCode(email, sent)).code, displayName: 'Grace Hopper' });
  return email;
}

/** Types a whole code into the open code form, as the browser's offer of an origin-bound code does. */
async function enterCode(profile: ProfileHarness, code: string): Promise<void> {
  await waitUntil(() => profile.root.querySelector('#code'), 'expected the code field', { timeout: 10_000 });
  await profile.fill('6-digit code', code);
}

async function waitForNotice(profile: ProfileHarness, text: string) {
  const shown = () => [...profile.root.querySelectorAll('[role="status"], [role="alert"]')].map((notice) => notice.textContent?.trim());
  await waitUntil(() => shown().includes(text), `expected notice "${text}"`, { timeout: 10_000 }).catch((error: Error) => {
    throw new Error(`${error.message}; shown: ${JSON.stringify(shown())}, requests: ${apiRequests().slice(-6).join(' ')}`);
  });
}

/** Clicks a button the way a pointer does: it takes the focus first (a bare `click()` does not). */
async function press(profile: ProfileHarness, name: string, container?: HTMLElement): Promise<void> {
  const button = [...(container ?? profile.root).querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === name);
  if (!button) throw new Error(`No button "${name}"; buttons: ${profile.buttonNames().join(', ')}`);
  button.focus();
  button.click();
  await profile.element.updateComplete;
}

/** Whether `element` has the focus inside the profile (a boolean: chai's message for two elements can stall the page). */
function focused(profile: ProfileHarness, element: Element | null | undefined): boolean {
  return Boolean(element) && profile.root.activeElement === element;
}

function accountSection(profile: ProfileHarness): HTMLElement {
  return profile.root.querySelector<HTMLElement>('section[aria-labelledby="account-title"]')!;
}

describe('<passkey-profile> with email codes, against the reference server and real mail', () => {
  let authenticator: VirtualAuthenticator;

  beforeEach(async () => {
    authenticator = await VirtualAuthenticator.add();
    await signOutEverywhere();
  });

  afterEach(async () => authenticator.remove());

  it('verifies the address with the code mailed to it; a wrong code first says how many tries are left', async () => {
    const email = await signUpWithPasskey();
    const profile = await ProfileHarness.create();
    const section = accountSection(profile);
    expect(section.textContent).to.contain(email);
    expect(section.textContent).to.contain('Not verified');

    const sent = Date.now();
    await press(profile, 'Verify email address');
    await waitUntil(() => profile.root.querySelector('#code'), 'expected the code form', { timeout: 10_000 });
    const mail = await mailedCode(email, sent);
    expect(mail.subject).to.equal(`Confirm your email address for ${SITE}`);
    expect(mail.text, 'the mail ends with the origin-bound code line').to.match(new RegExp(`@localhost #${mail.code}\\s*$`));
    const field = profile.field('6-digit code');
    expect(field.autocomplete).to.equal('one-time-code');
    expect(field.inputMode).to.equal('numeric');
    expect(focused(profile, field), 'the code field takes the focus').to.equal(true);
    expect(section.querySelector('#code-sent')!.textContent).to.contain(`We sent a code to ${email}.`);
    const resend = profile.buttonNames().find((name) => name.startsWith('Resend')) ?? '';
    expect(resend, 'a new code after a countdown').to.match(/^Resend code in \d+ s$/);
    expect(profile.button(resend).disabled).to.equal(true);

    const wrong = mail.code === '000000' ? '111111' : '000000';
    await enterCode(profile, wrong);
    await waitForNotice(profile, 'That code is not right. 4 tries left.');
    const refused = profile.field('6-digit code');
    expect(refused.getAttribute('aria-invalid')).to.equal('true');
    expect(refused.getAttribute('aria-describedby')).to.contain('code-error');
    expect(focused(profile, refused), 'back in the field').to.equal(true);
    expect([refused.selectionStart, refused.selectionEnd], 'selected, to type over').to.deep.equal([0, 6]);

    // With a space, as mails show it: the field keeps the digits and submits itself.
    const started = performance.now();
    await enterCode(profile, `${mail.code.slice(0, 3)} ${mail.code.slice(3)}`);
    await waitForNotice(profile, 'Email address verified.');
    expect(apiRequests(started)).to.deep.equal(['/api/passkeys/account/email/verify']);
    expect(section.textContent).to.contain('Verified');
    expect(section.textContent).not.to.contain('Not verified');
    expect((await account()).user.emailVerified).to.equal(true);
    const updated = profile.events.find((event) => event.type === 'passkey-account-updated')!;
    expect((updated.detail as { user: { emailVerified: boolean } }).user.emailVerified).to.equal(true);
  });

  it('asks the mail in the language of the element', async () => {
    const email = await signUpWithPasskey();
    const profile = await ProfileHarness.create();
    profile.element.lang = 'de';
    await waitUntil(() => profile.heading() === 'Ihre Passkeys', 'expected the German profile');
    const sent = Date.now();
    profile.root.querySelector<HTMLButtonElement>('section[aria-labelledby="account-title"] button.primary')!.click();
    expect((await mailedCode(email, sent)).subject).to.equal(`Bestätigen Sie Ihre E-Mail-Adresse für ${SITE}`);
  });

  it('changes the address: the code goes to the new one, the old one is told, and sign-in follows the new one', async () => {
    const old = await signUpWithPasskey();
    // Only a confirmed address is told about the change: confirm it first.
    await verifyByApi(old);
    const profile = await ProfileHarness.create();
    const section = accountSection(profile);
    await press(profile, 'Change email');
    expect(focused(profile, profile.field('New email address'))).to.equal(true);
    await profile.fill('New email address', 'not an address');
    profile.field('New email address').form!.requestSubmit();
    await waitForNotice(profile, 'Enter a valid email address.');
    expect(profile.field('New email address').getAttribute('aria-invalid')).to.equal('true');

    const address = uniqueEmail();
    await profile.fill('New email address', address);
    const sent = Date.now();
    profile.field('New email address').form!.requestSubmit();
    await waitUntil(() => profile.root.querySelector('#code'), 'expected the code form', { timeout: 10_000 });
    const mail = await mailedCode(address, sent);
    expect(mail.subject).to.equal(`Confirm your new email address for ${SITE}`);
    expect(await mailCount(old, sent), 'nothing goes to the old address before the change').to.equal(0);
    expect(section.textContent).to.contain(`We sent a code to ${address}.`);

    await enterCode(profile, mail.code);
    await waitForNotice(profile, 'Email address changed.');
    expect(section.textContent).to.contain(address);
    expect(section.textContent).not.to.contain(old);
    await waitUntil(async () => (await mailCount(old, sent)) === 1, 'the old address should get a notice');
    const changed = await account();
    expect([changed.user.email, changed.user.identifier, changed.user.emailVerified]).to.deep.equal([address, address, true]);

    // Sign-in now follows the new address: a code goes there, none to the old one.
    await signOutEverywhere();
    const signIn = Date.now();
    await call('/api/passkeys/login/code', { email: address, language: 'en' });
    await call('/api/passkeys/login/code', { email: old, language: 'en' });
    const { code } = await mailedCode(address, signIn);
    const signedIn = await call('/api/passkeys/login/code/verify', { email: address, code });
    expect((signedIn.user as { identifier: string }).identifier).to.equal(address);
    expect(await mailCount(old, signIn)).to.equal(0);
  });

  it('a session that signed in with a code verifies again before removing a passkey: the passkey sheet closed, then a code', async () => {
    const email = await signUpWithPasskey();
    // A second passkey, on a security key, so that one can be removed.
    const first = await ProfileHarness.create();
    await authenticator.remove();
    authenticator = await VirtualAuthenticator.add({ transport: 'usb' });
    await first.click('Add a passkey');
    await waitForNotice(first, 'Passkey created. It is saved on your security key: next time, sign in with the key.');
    first.element.remove();
    await verifyByApi(email);
    await signInByCode(email);

    const profile = await ProfileHarness.create();
    const card = profile.root.querySelector<HTMLElement>('[part="empty-card"]')!;
    expect(card.querySelector('h3')!.textContent).to.equal('Create a passkey for this device');
    expect(profile.sessionItems()[0]!.textContent).to.contain('Signed in with an email code');

    // The user closes the passkey sheet (here: it cannot verify them): a code is the way on.
    await authenticator.setUserVerified(false);
    const item = profile.root.querySelector<HTMLElement>('[part="passkey-item"]')!;
    await press(profile, 'Remove', item);
    await press(profile, 'Remove', item.querySelector('dialog')!);
    await waitUntil(() => profile.status().startsWith('Confirm it is you to continue'), `expected the choice; saw "${profile.status()}"`, { timeout: 10_000 });
    const dialog = item.querySelector('dialog')!;
    expect(dialog.open).to.equal(true);
    expect(profile.root.activeElement?.textContent?.trim()).to.equal('Use my passkey');
    const started = performance.now();
    const sent = Date.now();
    await press(profile, 'Email me a code instead', dialog);
    const mail = await mailedCode(email, sent);
    expect(mail.subject).to.equal(`Your confirmation code for ${SITE}`);
    expect(dialog.querySelector('h3')!.textContent).to.equal('Confirm it is you');
    await enterCode(profile, mail.code);
    await waitForNotice(profile, 'Passkey removed.');
    const removed = (profile.events.find((event) => event.type === 'passkey-removed')!.detail as { passkeyId: string }).passkeyId;
    expect(apiRequests(started)).to.deep.equal([
      '/api/passkeys/reauthenticate/code', '/api/passkeys/reauthenticate/code/verify', `/api/passkeys/passkeys/${removed}`,
    ]);
    expect((await account()).passkeys).to.have.length(1);
  });

  it('"Email me a code instead" while the passkey sheet is open, before deleting the account', async () => {
    const email = await signUpWithPasskey();
    await verifyByApi(email);
    await signInByCode(email);
    await authenticator.setPresence(false);
    const profile = await ProfileHarness.create();
    await profile.click('Delete account');
    const started = performance.now();
    await profile.click('Delete my account');
    await waitUntil(() => profile.status().startsWith('Confirm it is you:'), `expected the passkey note; saw "${profile.status()}"`);
    const sent = Date.now();
    await profile.click('Email me a code instead');
    await enterCode(profile, (await mailedCode(email, sent)).code);
    await profile.waitForEvent('passkey-account-deleted');
    expect(profile.heading()).to.equal('Your account was deleted.');
    expect(apiRequests(started)).to.deep.equal([
      '/api/passkeys/account', '/api/passkeys/reauthenticate/options', '/api/passkeys/reauthenticate/code',
      '/api/passkeys/reauthenticate/code/verify', '/api/passkeys/account',
    ]);
    expect((await (await fetch('/api/passkeys/session')).json()).user).to.equal(null);
  });

  it('an account without a passkey gets straight to a code to verify again, and a wrong one is refused in place', async () => {
    const email = await signUpByCode();
    const profile = await ProfileHarness.create();
    await profile.click('Delete account');
    const sent = Date.now();
    await profile.click('Delete my account');
    const mail = await mailedCode(email, sent);
    const dialog = profile.root.querySelector('dialog')!;
    await waitUntil(() => dialog.querySelector('#code'), 'expected the code form in the dialog');
    expect(dialog.textContent).not.to.contain('Use my passkey');
    await enterCode(profile, mail.code === '999999' ? '888888' : '999999');
    await waitForNotice(profile, 'That code is not right. 4 tries left.');
    expect(profile.events.some((event) => event.type === 'passkey-account-deleted')).to.equal(false);
    await enterCode(profile, mail.code);
    await profile.waitForEvent('passkey-account-deleted');
  });

  it('puts "Create a passkey" first for a code session without a passkey, and it adds one', async () => {
    await signUpByCode();
    const profile = await ProfileHarness.create();
    const section = profile.root.querySelector<HTMLElement>('section[aria-labelledby="passkeys-title"]')!;
    const card = section.querySelector<HTMLElement>('[part="empty-card"]')!;
    expect(section.firstElementChild!.nextElementSibling, 'right under the first heading').to.equal(card);
    expect(card.querySelector('h3')!.textContent).to.equal('Create a passkey for this device');
    const create = card.querySelector('button')!;
    expect([create.textContent!.trim(), create.getAttribute('part')]).to.deep.equal(['Create a passkey', 'button primary-button']);
    expect(profile.buttonNames()).not.to.include('Add a passkey');
    expect(profile.sessionItems()[0]!.textContent).to.contain('Signed in with an email code');

    create.click();
    await waitForNotice(profile, 'Passkey created. It is saved on this device: next time, sign in here with your fingerprint, face or screen lock.');
    expect(profile.root.querySelector('[part="empty-card"]')).to.equal(null);
    expect(profile.passkeyNames()).to.have.length(1);
    expect((await account()).passkeys).to.have.length(1);
  });

  it('two-factor: new recovery codes shown once (download, print), then opting out and back in', async () => {
    await signUpWithPasskey();
    const profile = await ProfileHarness.create('/api-twofactor/passkeys');
    const section = profile.root.querySelector<HTMLElement>('section[aria-labelledby="two-factor-title"]')!;
    expect(section.textContent).to.contain('On: to sign in without a passkey');
    const before = (await account('/api-twofactor/passkeys')).user.twoFactor.recoveryCodesLeft;
    expect(section.textContent).to.contain(before === 0 ? 'You have no recovery codes left.' : `You have ${before} recovery codes left.`);

    await press(profile, 'Create new recovery codes');
    const dialog = section.querySelector('dialog')!;
    expect(dialog.textContent).to.contain('The codes you have now will stop working.');
    await press(profile, 'Create new codes', dialog);
    await waitUntil(() => section.querySelector('.recovery-codes'), 'expected the new codes');
    const codes = [...section.querySelectorAll('.recovery-codes code')].map((code) => code.textContent!);
    expect(codes).to.have.length(10);
    expect(new Set(codes).size).to.equal(10);
    expect(section.textContent).to.contain('You have 10 recovery codes left.');
    expect((await account('/api-twofactor/passkeys')).user.twoFactor.recoveryCodesLeft).to.equal(10);
    expect(profile.root.activeElement?.textContent).to.equal('Save your recovery codes');
    expect(profile.button('Change name').disabled, 'nothing else until they are saved').to.equal(true);

    const download = section.querySelector<HTMLAnchorElement>('a[download]')!;
    expect(download.download).to.equal('recovery-codes-localhost.txt');
    const file = await (await fetch(download.href)).text();
    expect(file.split('\n').filter((line) => codes.includes(line))).to.deep.equal(codes);
    expect(file).to.contain('Recovery codes for localhost');

    // Print builds a frame of its own with the codes and prints it alone.
    const printed = new Promise<string>((resolve) => {
      new MutationObserver((changes, observer) => {
        const frame = changes.flatMap((change) => [...change.addedNodes]).find((node): node is HTMLIFrameElement => node instanceof HTMLIFrameElement);
        if (!frame?.contentWindow) return;
        frame.contentWindow.print = () => resolve(frame.contentDocument!.body.textContent ?? '');
        observer.disconnect();
      }).observe(profile.root, { childList: true });
    });
    await profile.click('Print');
    for (const code of codes) expect(await printed).to.contain(code);

    await press(profile, 'I have saved them');
    expect(section.querySelector('.recovery-codes')).to.equal(null);
    expect(profile.root.activeElement?.textContent?.trim()).to.equal('Create new recovery codes');

    await profile.click('Turn off two-factor sign-in');
    const optOut = section.querySelector('dialog')!;
    expect(optOut.textContent).to.contain('anyone who can read your email could sign in');
    await profile.clickIn(optOut, 'Turn it off');
    await waitForNotice(profile, 'Two-factor sign-in is off.');
    expect(section.textContent).to.contain('Off: a code from your email is enough');
    expect((await account('/api-twofactor/passkeys')).user.twoFactor.optedOut).to.equal(true);

    await profile.click('Turn two-factor sign-in back on');
    await waitForNotice(profile, 'Two-factor sign-in is on.');
    expect((await account('/api-twofactor/passkeys')).user.twoFactor.optedOut).to.equal(false);
  });

  it('after a two-factor recovery, everything but adding a passkey points to the passkey card, which adds one', async () => {
    const email = await signUpWithPasskey();
    await verifyByApi(email, '/api-twofactor/passkeys');
    const { codes } = (await call('/api-twofactor/passkeys/account/recovery-codes')) as { codes: string[] };
    // The phone is lost: the passkey is gone from the authenticator, the account is recovered with both codes.
    await authenticator.remove();
    authenticator = await VirtualAuthenticator.add();
    const recovered = await signInByCode(email, '/api-twofactor/passkeys', codes[0]);
    expect(recovered.passkeyRequired).to.equal(true);

    const profile = await ProfileHarness.create('/api-twofactor/passkeys');
    expect(profile.sessionItems()[0]!.textContent).to.contain('Signed in with an email code and a recovery code');
    await press(profile, 'Change name');
    await profile.fill('Your name', 'Ada King');
    profile.field('Your name').form!.requestSubmit();
    const card = profile.root.querySelector<HTMLElement>('[part="empty-card"]')!;
    await waitUntil(() => card.querySelector('[role="alert"]'), 'expected the passkey-required message on the card');
    expect(card.querySelector('[role="alert"]')!.textContent!.trim()).to.equal('Create a passkey for this device before you continue.');
    expect(profile.root.activeElement?.textContent?.trim(), 'the way forward has the focus').to.equal('Create a passkey');
    expect(accountSection(profile).querySelector('[role="alert"]'), 'no error elsewhere').to.equal(null);

    await profile.clickIn(card, 'Create a passkey');
    await waitForNotice(profile, 'Passkey created. It is saved on this device: next time, sign in here with your fingerprint, face or screen lock.');
    expect(await authenticator.credentials()).to.have.length(1);
    await profile.click('Change name');
    await profile.fill('Your name', 'Ada King');
    profile.field('Your name').form!.requestSubmit();
    await waitForNotice(profile, 'Name changed.');
  });

  it('under a strict Content-Security-Policy: the code form, new recovery codes, their download and printout, without a violation', async () => {
    const email = await signUpWithPasskey();
    const frame = document.createElement('iframe');
    frame.src = '/csp/passkeys.html';
    frame.style.cssText = 'width: 800px; height: 1200px';
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    document.body.append(frame);
    await loaded;
    const page = frame.contentWindow as Window & typeof globalThis & { cspViolations: string[] };
    try {
      await waitUntil(() => page.customElements.get('passkey-profile'), 'the elements did not load');
      const element = page.document.querySelector('passkey-profile')!;
      // The two-factor server's view of the same account, to show its recovery codes.
      element.setAttribute('api', '/api-twofactor/passkeys');
      const profile = new ProfileHarness(element as never);
      await element.reload();
      await profile.waitForHeading('Your passkeys');

      const sent = Date.now();
      profile.button('Verify email address').click();
      await waitUntil(() => profile.root.querySelector('#code'), 'expected the code form', { timeout: 10_000 });
      const input = profile.root.querySelector<HTMLInputElement>('#code')!;
      input.value = (await mailedCode(email, sent)).code;
      input.dispatchEvent(new page.Event('input', { bubbles: true }));
      await waitForNotice(profile, 'Email address verified.');

      profile.button('Create new recovery codes').click();
      await element.updateComplete;
      profile.button('Create new codes').click();
      await waitUntil(() => profile.root.querySelector('.recovery-codes'), 'expected the new codes');
      const printed = new Promise<string>((resolve) => {
        new MutationObserver((changes, observer) => {
          const added = changes.flatMap((change) => [...change.addedNodes]).find((node) => node.nodeName === 'IFRAME') as HTMLIFrameElement | undefined;
          if (!added?.contentWindow) return;
          added.contentWindow.print = () => resolve(added.contentDocument!.body.textContent ?? '');
          observer.disconnect();
        }).observe(profile.root, { childList: true });
      });
      profile.button('Print').click();
      const codes = [...profile.root.querySelectorAll('.recovery-codes code')].map((code) => code.textContent!);
      const text = await printed;
      expect(codes.every((code) => text.includes(code)), 'the printout holds every code').to.equal(true);
      const download = profile.root.querySelector<HTMLAnchorElement>('a[download]')!;
      expect((await (await page.fetch(download.href)).text()).includes(codes[0]!)).to.equal(true);
      expect(page.cspViolations).to.deep.equal([]);
    } finally {
      frame.remove();
    }
  });
});

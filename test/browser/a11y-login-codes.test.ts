// Accessibility of the code screens of <passkey-login>, reached as users reach them (the reference
// server, its mail over SMTP, the virtual authenticator): axe in both themes, and the keyboard alone.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { expectNoViolations, focused, nameOf, press, tabTo } from '../support/a11y.ts';
import { LoginHarness, uniqueEmail } from '../support/login-harness.ts';
import { mailedCode } from '../support/mail.ts';
import { VirtualAuthenticator } from '../support/webauthn.ts';

/** Makes `getClientCapabilities()` say `conditionalCreate: false`: the explicit passkey prompt follows a code sign-in. */
function withoutConditionalCreate(): () => void {
  const original = PublicKeyCredential.getClientCapabilities;
  PublicKeyCredential.getClientCapabilities = async () => ({ ...(await original.call(PublicKeyCredential)), conditionalCreate: false });
  return () => (PublicKeyCredential.getClientCapabilities = original);
}

/** An account with a confirmed address (sign-up on the server that requires one), signed out again. */
async function confirmedAccount(displayName: string): Promise<string> {
  const login = await LoginHarness.create({ api: '/api-verified/passkeys', mode: 'signup' });
  const email = uniqueEmail();
  await login.fill('Email', email);
  await login.fill('Your name (optional)', displayName);
  const sent = Date.now();
  await login.click('Create a passkey');
  await login.waitForHeading('Check your email');
  await login.enterCode((await mailedCode(email, sent)).code);
  await login.waitForHeading('Create a passkey for this device');
  await login.click('Skip for now');
  await login.waitForHeading(`Welcome, ${displayName}`);
  await login.element.signOut();
  login.element.remove();
  return email;
}

describe('accessibility of the code screens', () => {
  let authenticator: VirtualAuthenticator;
  let restoreCapabilities: () => void;

  beforeEach(async () => {
    authenticator = await VirtualAuthenticator.add();
    restoreCapabilities = withoutConditionalCreate();
    await fetch('/api/passkeys/session', { method: 'DELETE' });
  });

  afterEach(async () => {
    restoreCapabilities();
    await authenticator.remove();
  });

  it('the email screens, the code screen with its errors and limits: no axe violation', async () => {
    const email = await confirmedAccount('Ada Lovelace');
    const login = await LoginHarness.create();
    await expectNoViolations(login, 'sign-in form with the code links');
    await login.click('Email me a code');
    await login.waitForHeading('Sign in with a code');
    await expectNoViolations(login, 'email screen');
    await login.fill('Email', 'not an address');
    await login.click('Send code');
    await waitUntil(() => login.alert() !== '', 'expected the invalid address');
    expect(login.field('Email').getAttribute('aria-describedby')).to.equal('code-email-error');
    await expectNoViolations(login, 'email screen, invalid address');

    await login.fill('Email', email);
    const sent = Date.now();
    await login.click('Send code');
    await login.waitForHeading('Check your email');
    await expectNoViolations(login, 'code screen');
    const { code } = await mailedCode(email, sent);
    await login.enterCode(code === '000000' ? '111111' : '000000');
    await waitUntil(() => login.alert() !== '', 'expected the wrong code');
    await expectNoViolations(login, 'code screen, wrong code');

    await login.click('Use a different email');
    await login.click('Send code');
    await waitUntil(() => login.alert().startsWith('Too many requests'), 'expected the limit');
    await expectNoViolations(login, 'email screen, rate limited');
    await login.click('Back');
    expect(login.heading()).to.equal('Sign in');
    await login.click('Lost your passkey?');
    await login.waitForHeading('Get back into your account');
    await expectNoViolations(login, 'recovery email screen');
  });

  it('the passkey prompt: ready, waiting, the sheet closed, and the signed-in screen with the passkey saved', async () => {
    const email = await confirmedAccount('Grace Hopper');
    const login = await LoginHarness.create();
    await login.fill('Email', email);
    const sent = Date.now();
    await login.click('Email me a code');
    await login.waitForHeading('Check your email');
    await login.enterCode((await mailedCode(email, sent)).code);
    await login.waitForHeading('Create a passkey for this device');
    await expectNoViolations(login, 'passkey prompt');

    await authenticator.setPresence(false);
    await login.click('Create a passkey');
    await login.waitForHeading('Create your passkey');
    await expectNoViolations(login, 'passkey prompt, waiting for the device');
    await login.click('Cancel');
    await authenticator.setPresence(true);
    await authenticator.setUserVerified(false);
    await login.click('Create a passkey');
    await waitUntil(() => login.status().startsWith('The passkey request was closed'), `saw "${login.status()}"`);
    await expectNoViolations(login, 'passkey prompt, sheet closed');

    await authenticator.setUserVerified(true);
    await login.click('Create a passkey');
    await login.waitForHeading('Welcome, Grace Hopper');
    expect(login.announcement()).to.equal('Passkey created It is saved on this device: next time, sign in here with your fingerprint, face or screen lock.');
    await expectNoViolations(login, 'signed in, passkey saved');
  });

  it('two factors: the recovery code screen and the recovery codes screen', async () => {
    const signUp = await LoginHarness.create({ api: '/api-twofactor/passkeys', mode: 'signup' });
    const email = uniqueEmail();
    await signUp.fill('Email', email);
    await signUp.click('Create a passkey');
    await signUp.waitForHeading('Save your recovery codes');
    await expectNoViolations(signUp, 'recovery codes');
    await signUp.click('I have saved them');
    await signUp.waitForHeading(`Welcome, ${email}`);

    const confirming = Date.now();
    await fetch('/api-twofactor/passkeys/account/email/code', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const { code: confirmation } = await mailedCode(email, confirming);
    await fetch('/api-twofactor/passkeys/account/email/verify', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, code: confirmation }) });
    await signUp.element.signOut();
    signUp.element.remove();

    const login = await LoginHarness.create({ api: '/api-twofactor/passkeys' });
    await login.fill('Email', email);
    const sent = Date.now();
    await login.click('Email me a code');
    await login.waitForHeading('Check your email');
    await login.enterCode((await mailedCode(email, sent)).code);
    await login.waitForHeading('Enter a recovery code');
    await expectNoViolations(login, 'recovery code');
    await login.fill('Recovery code', 'nope');
    await login.click('Continue');
    await waitUntil(() => login.alert() !== '', 'expected the wrong recovery code');
    expect(login.field('Recovery code').getAttribute('aria-invalid')).to.equal('true');
    await expectNoViolations(login, 'recovery code, wrong');
  });
});

describe('the code screens with the keyboard alone', () => {
  let authenticator: VirtualAuthenticator;
  let restoreCapabilities: () => void;

  beforeEach(async () => {
    authenticator = await VirtualAuthenticator.add();
    restoreCapabilities = withoutConditionalCreate();
    await fetch('/api/passkeys/session', { method: 'DELETE' });
  });

  afterEach(async () => {
    restoreCapabilities();
    await authenticator.remove();
  });

  it('a code sign-in with key presses only: the focus follows each screen, a wrong code is selected for retyping', async () => {
    const email = await confirmedAccount('Katherine Johnson');
    const login = await LoginHarness.create();
    await sendKeys({ press: 'Tab' });
    for (let presses = 0; presses < 10 && focused() !== login.field('Email'); presses++) await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal(login.field('Email'));
    await sendKeys({ type: email });
    await tabTo('Email me a code');
    const sent = Date.now();
    await press('Enter', login);
    await login.waitForHeading('Check your email');
    await waitUntil(() => focused() === login.codeField(), 'the code field takes the focus');
    const { code } = await mailedCode(email, sent);

    // Typed digit by digit: the form submits itself at the last one.
    await sendKeys({ type: code === '000000' ? '111111' : '000000' });
    await waitUntil(() => login.alert() !== '', 'expected the wrong code');
    const field = login.codeField();
    expect(focused()).to.equal(field);
    expect([field.selectionStart, field.selectionEnd]).to.deep.equal([0, 6]);
    expect(login.root.getElementById('code-error')?.getAttribute('role')).to.equal('alert');
    await sendKeys({ type: code });
    await login.waitForHeading('Create a passkey for this device');
    expect(nameOf(focused())).to.equal('Create a passkey for this device');

    await tabTo('Skip for now');
    await press('Enter', login);
    await login.waitForHeading('Welcome, Katherine Johnson');
    expect(nameOf(focused())).to.equal('Welcome, Katherine Johnson');
    expect(login.eventTypes()).to.deep.equal(['passkey-error', 'passkey-signed-in']);
  });

  it('the recovery codes with the keyboard: copy, download and print, then on', async () => {
    const signUp = await LoginHarness.create({ api: '/api-twofactor/passkeys', mode: 'signup' });
    const email = uniqueEmail();
    await signUp.fill('Email', email);
    signUp.button('Create a passkey').focus();
    await press('Enter', signUp);
    await signUp.waitForHeading('Save your recovery codes');
    expect(nameOf(focused())).to.equal('Save your recovery codes');
    const codes = [...signUp.root.querySelectorAll('.recovery-codes li')].map((item) => item.textContent?.trim() ?? '');
    expect(codes).to.have.length(10);

    // Reading the clipboard back needs a permission the test page lacks: the text written is watched instead.
    const written: string[] = [];
    const writeText = navigator.clipboard.writeText;
    navigator.clipboard.writeText = (text: string) => (written.push(text), writeText.call(navigator.clipboard, text));
    try {
      await tabTo('Copy');
      await press('Enter', signUp);
      await waitUntil(() => signUp.announcement() === 'Copied.' || signUp.alert() !== '', 'expected the copy to end');
      expect(signUp.announcement(), signUp.alert()).to.equal('Copied.');
      expect(written).to.have.length(1);
      expect(written[0]).to.contain(codes.join('\n'));
    } finally {
      navigator.clipboard.writeText = writeText;
    }

    // The download is a text file of the codes: read it from the blob the link points at.
    const blobs: Blob[] = [];
    const createObjectURL = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob | MediaSource) => (blob instanceof Blob && blobs.push(blob), createObjectURL(blob));
    const clicks: HTMLAnchorElement[] = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicks.push(this);
      click.call(this);
    };
    try {
      await tabTo('Download');
      await press('Enter', signUp);
      await waitUntil(() => clicks.length === 1, 'expected the download link to be clicked');
      expect(clicks[0]!.download).to.equal('recovery-codes.txt');
      const text = await blobs[0]!.text();
      expect(text).to.contain(`Recovery codes for ${location.host}`);
      expect(text).to.contain(`Account: ${email}`);
      for (const code of codes) expect(text).to.contain(code);
    } finally {
      URL.createObjectURL = createObjectURL;
      HTMLAnchorElement.prototype.click = click;
    }

    // The printout is a frame of its own holding the codes alone.
    const frames: HTMLIFrameElement[] = [];
    const observer = new MutationObserver((records) => records.forEach((record) => record.addedNodes.forEach((node) => node instanceof HTMLIFrameElement && frames.push(node))));
    observer.observe(document.body, { childList: true });
    try {
      await tabTo('Print');
      await press('Enter', signUp);
      await waitUntil(() => frames.length === 1, 'expected the print frame');
      expect(frames[0]!.contentDocument?.body.textContent).to.contain(codes.join('\n'));
      // No print dialog opens headless, so no "afterprint": the next printout replaces the frame.
      await press('Enter', signUp);
      await waitUntil(() => frames.length === 2, 'expected a second print frame');
      expect(frames.map((frame) => frame.isConnected)).to.deep.equal([false, true]);
    } finally {
      observer.disconnect();
    }

    await tabTo('I have saved them');
    await press('Enter', signUp);
    await signUp.waitForHeading(`Welcome, ${email}`);
    expect(signUp.eventTypes()).to.deep.equal(['passkey-signed-up', 'passkey-signed-in']);
  });
});

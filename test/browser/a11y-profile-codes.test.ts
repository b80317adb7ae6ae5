// Accessibility of the profile's email, re-verification and two-factor screens, reached as users reach
// them (the reference server, real mail to the tests' sink, the virtual authenticator), and the
// keyboard journeys through them with real key presses.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { expectNoViolations, focused, nameOf, press, tabTo as tabToControl } from '../support/a11y.ts';
import { LoginHarness, ProfileHarness, signOutEverywhere, uniqueEmail } from '../support/login-harness.ts';
import { mailedCode } from '../support/mail.ts';
import { VirtualAuthenticator } from '../support/webauthn.ts';

/** The profile's page is longer: up to 30 presses of Tab (or Shift+Tab) to reach a control. */
const tabTo = (name: string, key = 'Tab') => tabToControl(name, { key, presses: 30 });

async function post(path: string, body: object = {}): Promise<Record<string, unknown>> {
  const response = await fetch(path, { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  expect(response.ok, `${path} answered ${response.status} ${text}`).to.equal(true);
  return text ? JSON.parse(text) : {};
}

async function signUpWithPasskey(): Promise<string> {
  const login = await LoginHarness.create({ mode: 'signup' });
  const email = await login.signUp(uniqueEmail());
  login.element.remove();
  return email;
}

async function verifyByApi(email: string, base = '/api/passkeys'): Promise<void> {
  const sent = Date.now();
  await post(`${base}/account/email/code`, { language: 'en' });
  await post(`${base}/account/email/verify`, { email, code: (await mailedCode(email, sent)).code });
}

async function signInByCode(email: string, base = '/api/passkeys', recoveryCode?: string): Promise<void> {
  await signOutEverywhere();
  const sent = Date.now();
  await post(`${base}/login/code`, { email, language: 'en' });
  await post(`${base}/login/code/verify`, { email, code: (await mailedCode(email, sent)).code, ...(recoveryCode && { recoveryCode }) });
}

const codeField = (profile: ProfileHarness) => profile.root.querySelector<HTMLInputElement>('#code');

describe('accessibility of the profile code screens: axe in light and dark, and the keyboard', () => {
  let authenticator: VirtualAuthenticator;

  beforeEach(async () => {
    authenticator = await VirtualAuthenticator.add();
    await signOutEverywhere();
  });

  afterEach(async () => authenticator.remove());

  it('the unverified address, its code form, a refused code and a refused new address', async () => {
    const email = await signUpWithPasskey();
    const profile = await ProfileHarness.create();
    await expectNoViolations(profile, 'unverified address');

    const sent = Date.now();
    profile.button('Verify email address').click();
    await waitUntil(() => codeField(profile), 'expected the code form');
    await expectNoViolations(profile, 'code form');
    const { code } = await mailedCode(email, sent);
    await profile.fill('6-digit code', code === '000000' ? '111111' : '000000');
    await waitUntil(() => profile.alert().startsWith('That code is not right'), 'expected the wrong-code alert');
    await expectNoViolations(profile, 'wrong code');
    await profile.click('Cancel');

    await profile.click('Change email');
    await profile.fill('New email address', 'nowhere');
    profile.field('New email address').form!.requestSubmit();
    await waitUntil(() => profile.field('New email address').getAttribute('aria-invalid') === 'true', 'expected the refused address');
    await expectNoViolations(profile, 'refused new address');
  });

  it('a code session: the passkey card, the choice in the dialog, the code form in the dialog', async () => {
    const email = await signUpWithPasskey();
    await verifyByApi(email);
    await signInByCode(email);
    const profile = await ProfileHarness.create();
    expect(profile.root.querySelector('[part="empty-card"]')).to.exist;
    await expectNoViolations(profile, 'passkey card of a code session');

    await authenticator.setUserVerified(false);
    await profile.click('Delete account');
    await profile.click('Delete my account');
    await waitUntil(() => profile.status().startsWith('Confirm it is you to continue'), `expected the choice; saw "${profile.status()}"`, { timeout: 10_000 });
    await expectNoViolations(profile, 're-authentication choice');
    await profile.click('Email me a code instead');
    await waitUntil(() => codeField(profile), 'expected the code form');
    await expectNoViolations(profile, 're-authentication code form');
  });

  it('two-factor: the section, its dialogs, the new codes, and passkey-required after a recovery', async () => {
    const email = await signUpWithPasskey();
    const profile = await ProfileHarness.create('/api-twofactor/passkeys');
    await expectNoViolations(profile, 'two-factor section');
    await profile.click('Turn off two-factor sign-in');
    await expectNoViolations(profile, 'opt-out dialog');
    await profile.click('Keep it on');
    await profile.click('Create new recovery codes');
    await expectNoViolations(profile, 'new recovery codes dialog');
    await profile.click('Create new codes');
    await waitUntil(() => profile.root.querySelector('.recovery-codes'), 'expected the codes');
    await expectNoViolations(profile, 'new recovery codes');
    const [recoveryCode] = [...profile.root.querySelectorAll('.recovery-codes code')].map((item) => item.textContent!);
    await profile.click('I have saved them');
    profile.element.remove();

    await verifyByApi(email, '/api-twofactor/passkeys');
    await authenticator.remove();
    authenticator = await VirtualAuthenticator.add();
    await signInByCode(email, '/api-twofactor/passkeys', recoveryCode);
    const recovered = await ProfileHarness.create('/api-twofactor/passkeys');
    await recovered.click('Change name');
    recovered.field('Your name').form!.requestSubmit();
    const card = recovered.root.querySelector<HTMLElement>('[part="empty-card"]')!;
    await waitUntil(() => card.querySelector('[role="alert"]'), 'expected passkey-required on the card');
    await expectNoViolations(recovered, 'passkey required');
  });

  it('keyboard: Verify and the code typed in; a new address and Escape in its code form', async () => {
    const email = await signUpWithPasskey();
    const profile = await ProfileHarness.create();
    profile.element.focus();
    await tabTo('Verify email address');
    const sent = Date.now();
    await press('Enter', profile);
    await waitUntil(() => codeField(profile), 'expected the code form');
    expect(focused() === codeField(profile), 'Enter lands in the code field').to.equal(true);
    await sendKeys({ type: (await mailedCode(email, sent)).code });
    await waitUntil(() => profile.root.textContent!.includes('Email address verified.'), 'the complete code submits itself');
    expect(nameOf(focused()), 'the focus stays by the address, on its remaining button').to.equal('Change email');

    await press('Enter', profile);
    expect(focused() === profile.field('New email address'), 'the new address field takes the focus').to.equal(true);
    await sendKeys({ type: uniqueEmail() });
    await press('Enter', profile);
    await waitUntil(() => codeField(profile) && focused() === codeField(profile), 'expected the focus in the code field');
    await press('Escape', profile);
    expect(codeField(profile), 'Escape closes the form').to.equal(null);
    expect(nameOf(focused()), 'back on the button that opened it').to.equal('Change email');
  });

  it('keyboard: new recovery codes through their dialog and panel, back to the button', async () => {
    await signUpWithPasskey();
    const profile = await ProfileHarness.create('/api-twofactor/passkeys');
    profile.element.focus();
    await tabTo('Create new recovery codes');
    await press('Enter', profile);
    expect(nameOf(focused()), 'the dialog starts on the safe choice').to.equal('Cancel');
    await tabTo('Create new codes', 'Shift+Tab');
    await press('Enter', profile);
    await waitUntil(() => profile.root.querySelector('.recovery-codes'), 'expected the new codes');
    expect(nameOf(focused()), 'the panel takes the focus').to.equal('Save your recovery codes');
    for (const name of ['Copy', 'Download', 'Print', 'I have saved them']) {
      await press('Tab', profile);
      expect(nameOf(focused())).to.equal(name);
    }
    await press('Enter', profile);
    expect(profile.root.querySelector('.recovery-codes')).to.equal(null);
    expect(nameOf(focused())).to.equal('Create new recovery codes');
  });

  it('keyboard: Escape in the code form of a re-verification cancels it, in its dialog', async () => {
    const email = await signUpWithPasskey();
    await verifyByApi(email);
    await signInByCode(email);
    await authenticator.setUserVerified(false);
    const profile = await ProfileHarness.create();
    profile.element.focus();
    await tabTo('Delete account');
    await press('Enter', profile);
    await tabTo('Delete my account', 'Shift+Tab');
    await press('Enter', profile);
    await waitUntil(() => nameOf(focused()) === 'Use my passkey', `expected the choice to take the focus; focus on "${nameOf(focused())}"`, { timeout: 10_000 });
    await tabTo('Email me a code instead');
    await press('Enter', profile);
    await waitUntil(() => codeField(profile) && focused() === codeField(profile), 'expected the focus in the code field');
    await press('Escape', profile);
    expect(profile.root.querySelector('dialog'), 'the act is given up').to.equal(null);
    expect(nameOf(focused())).to.equal('Delete account');
    expect((await (await fetch('/api/passkeys/account')).json()).user.email).to.equal(email);
  });
});

// Both elements on a page served with a strict Content-Security-Policy (test/support/csp-page.ts):
// sign up, sign out, sign in, the profile, and not one `securitypolicyviolation`.
import { expect, waitUntil } from '@open-wc/testing';
import type { PasskeyLogin, PasskeyProfile } from '../../src/index.ts';
import { LoginHarness, ProfileHarness, signOutEverywhere, uniqueEmail } from '../support/login-harness.ts';
import { VirtualAuthenticator } from '../support/webauthn.ts';

interface ScriptPolicy {
  createScript(source: string): unknown;
}
type StrictWindow = Window & typeof globalThis & {
  cspViolations: string[];
  trustedTypes: { createPolicy(name: string, rules: { createScript(source: string): string }): ScriptPolicy };
};

/** Opens the strict page in a same-origin frame: the virtual authenticator of this page serves it too. */
async function openStrictPage(): Promise<{ frame: HTMLIFrameElement; page: StrictWindow }> {
  const frame = document.createElement('iframe');
  frame.src = '/csp/passkeys.html';
  frame.style.cssText = 'width: 800px; height: 1200px';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  const page = frame.contentWindow as StrictWindow;
  await waitUntil(() => page.customElements.get('passkey-login') && page.customElements.get('passkey-profile'), 'the elements did not load');
  return { frame, page };
}

/** Types into a field of an element in the frame (the harness's own `fill` checks `instanceof` of this window). */
async function fill(harness: LoginHarness, id: string, value: string) {
  const input = harness.root.getElementById(id) as HTMLInputElement;
  input.value = value;
  await harness.element.updateComplete;
}

describe('a page with a strict Content-Security-Policy', () => {
  let authenticator: VirtualAuthenticator;

  beforeEach(async () => {
    authenticator = await VirtualAuthenticator.add();
    await signOutEverywhere();
  });

  afterEach(async () => authenticator.remove());

  it('signs up, out and in, and shows the account, without a single violation', async () => {
    const { frame, page } = await openStrictPage();
    const response = await fetch('/csp/passkeys.html');
    expect(response.headers.get('content-security-policy')).to.contain("require-trusted-types-for 'script'");

    const login = new LoginHarness(page.document.querySelector('passkey-login') as PasskeyLogin);
    await login.waitForHeading('Sign in');
    // The styles apply: adopted style sheets are not inline styles.
    expect(page.getComputedStyle(login.element).display).to.equal('block');
    expect(page.getComputedStyle(login.button('Sign in with a passkey')).borderTopStyle).to.equal('solid');

    await login.click('Create an account');
    const identifier = uniqueEmail();
    await fill(login, 'identifier', identifier);
    await fill(login, 'display-name', 'Hedy Lamarr');
    await login.click('Create a passkey');
    await login.waitForHeading('Welcome, Hedy Lamarr');
    await login.click('Sign out');
    await login.waitForHeading('Sign in');
    await login.click('Sign in with a passkey');
    await login.waitForHeading('Welcome, Hedy Lamarr');
    expect(login.eventTypes()).to.deep.equal(['passkey-signed-up', 'passkey-signed-in', 'passkey-signed-out', 'passkey-signed-in']);

    const profile = new ProfileHarness(page.document.querySelector('passkey-profile') as PasskeyProfile);
    await profile.element.reload();
    await profile.waitForHeading('Your passkeys');
    await profile.click('Delete account');
    expect(profile.root.querySelector('dialog')!.open).to.equal(true);
    await profile.click('Cancel');

    expect(page.cspViolations).to.deep.equal([]);

    // The policy is enforced and the recorder hears it: a raw innerHTML is refused by Trusted Types,
    // and eval is refused even with a trusted script, by script-src.
    expect(() => (page.document.createElement('div').innerHTML = '<b>raw</b>')).to.throw(/TrustedHTML/);
    const probe = page.trustedTypes.createPolicy('csp-probe', { createScript: (source: string) => source });
    expect(() => page.eval(probe.createScript('1') as unknown as string)).to.throw(/unsafe-eval/);
    await waitUntil(() => page.cspViolations.length === 2, `expected two reported violations, got ${page.cspViolations.join('; ')}`);
    expect(page.cspViolations.map((violation) => violation.split(' ')[0]), page.cspViolations.join('; ')).to.deep.equal(['require-trusted-types-for', 'script-src']);
    frame.remove();
  });
});
